from django.utils import translation

from thuiswerk.core.commands import LANGUAGES, default_language


def _language(argv: list[str]) -> str:
    """The language `--lang` asks for on the command line, else the default (LANGUAGE)."""
    for index, argument in enumerate(argv):
        value = None
        if argument == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif argument.startswith("--lang="):
            value = argument.partition("=")[2]
        if value in LANGUAGES:
            return value
    return default_language()


class TranslatedHelp:
    """For a command whose `help` texts are lazy translations: argparse needs a str, and the
    help must be in the language asked for, which is known only once the arguments are parsed
    (`--help` prints during parsing), so the command line is read for `--lang` first."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(type(self).help)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def run_from_argv(self, argv):
        with translation.override(_language(argv)):
            return super().run_from_argv(argv)
