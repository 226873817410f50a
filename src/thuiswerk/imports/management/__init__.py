class TranslatedHelp:
    """For a command whose `help` is a lazy translation: argparse needs a str, in the language
    active when the parser is made (Django's own BaseCommand passes `help` as it is)."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(type(self).help)
        return super().create_parser(prog_name, subcommand, **kwargs)
