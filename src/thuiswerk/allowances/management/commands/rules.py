from thuiswerk.allowances.models import ParameterValue
from thuiswerk.core.commands import DomainCommand


class Command(DomainCommand):
    help = "List the rule parameters: every value with its effective date, legal source and assumption flag."

    def handle(self, *args, **options):
        rows = [
            (
                p.name,
                p.value,
                p.effective_from.isoformat(),
                "assumption" if p.assumption else "",
                p.legal_source,
            )
            for p in ParameterValue.objects.order_by("name", "effective_from")
        ]
        headers = ("parameter", "value", "from", "", "legal source")
        widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(4)]
        for row in [headers, *rows]:
            self.stdout.write(
                "  ".join(str(c).ljust(w) for c, w in zip(row[:4], widths, strict=True))
                + "  "
                + row[4]
            )
