from datetime import date

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from thuiswerk.core.months import parse_month
from thuiswerk.imports.uploads import UploadRefused, check_upload
from thuiswerk.reports.parliament import LAST_AS_OF, MAX_YEARS
from thuiswerk.rules.parameters import KINDS

from .selectors import AuditFilter, StaffFilter

UPLOAD_MAX_BYTES = settings.THUISWERK_UPLOAD_MAX_BYTES


def too_large_message() -> str:
    return _("The files are larger than %(mb)d MB together.") % {
        "mb": UPLOAD_MAX_BYTES // (1024 * 1024)
    }


class MonthField(forms.CharField):
    """A month as YYYY-MM (as the CLI and the files write it), cleaned to its first day."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "2026-09"})

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_month(value.strip())
        except ValueError:
            raise forms.ValidationError(_("Enter a month as YYYY-MM, e.g. 2026-09.")) from None


class StaffFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or personnel number"), required=False, max_length=100)
    period = forms.ChoiceField(
        label=_("Staff"),
        choices=[("current", _("current staff")), ("all", _("all, also former staff"))],
        required=False,
    )
    agreement = forms.ChoiceField(
        label=_("Hybrid-work agreement"),
        choices=[
            ("", _("all")),
            ("with", _("with an approved agreement")),
            ("without", _("without")),
        ],
        required=False,
    )
    internet = forms.ChoiceField(
        label=_("Internet option"),
        choices=[
            ("", _("all")),
            ("forfait", _("flat rate")),
            ("third_party", _("third-party payer")),
        ],
        required=False,
    )

    def filters(self) -> StaffFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return StaffFilter(
            search=data.get("q", ""),
            current=data.get("period", "current") != "all",
            agreement=data.get("agreement", ""),
            internet=data.get("internet", ""),
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".csv,.xlsx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Import files"),
        help_text=_(
            "CSV files named by their kind (staff.csv, agreements.csv, ...) or one .xlsx workbook"
            " with a sheet per kind, as for `thuiswerk import`."
        ),
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if sum(f.size for f in files) > UPLOAD_MAX_BYTES:
            raise forms.ValidationError(too_large_message())
        names = [upload.name for upload in files]
        if len(set(names)) < len(names):
            raise forms.ValidationError(_("Two files have the same name."))
        for upload in files:
            # The whole file: uploads stay in memory (views._InMemoryUpload).
            content = upload.read()
            upload.seek(0)
            try:
                check_upload(upload.name, content, upload.size)
            except UploadRefused as refused:
                raise forms.ValidationError(str(refused)) from None
        return files


class ComputeForm(forms.Form):
    month_from = MonthField(label=_("From month (YYYY-MM)"))
    month_to = MonthField(label=_("To month (YYYY-MM)"))

    def clean(self):
        data = super().clean()
        first, last = data.get("month_from"), data.get("month_to")
        if first and last and first > last:
            raise forms.ValidationError(_("The first month is after the last."))
        return data


class CloseForm(forms.Form):
    month = MonthField(label=_("Payroll month (YYYY-MM)"))
    confirm = forms.BooleanField(
        label=_("I confirm: this payroll month is closed for the whole government.")
    )


class ReopenForm(forms.Form):
    month = MonthField(label=_("Payroll month (YYYY-MM)"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ParameterForm(forms.Form):
    name = forms.ChoiceField(label=_("Parameter"), choices=[(n, n) for n in sorted(KINDS)])
    value = forms.CharField(label=_("Value"), max_length=64)
    effective_from = forms.DateField(
        label=_("Effective from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    legal_source = forms.CharField(
        label=_("Legal source"), widget=forms.Textarea(attrs={"rows": 2})
    )
    assumption = forms.BooleanField(label=_("This value is an assumption"), required=False)
    retroactive = forms.BooleanField(
        label=_("Retroactive (changes a closed month: needs a reason)"), required=False
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("Who"), required=False, max_length=150)
    action = forms.CharField(label=_("Action"), required=False, max_length=64)
    object_type = forms.CharField(label=_("Object type"), required=False, max_length=64)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Up to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def filters(self) -> AuditFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return AuditFilter(**{k: v for k, v in data.items() if v})


class ReportForm(forms.Form):
    as_of = forms.DateField(
        label=_("As of"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Only months that ended on or before this day count."),
    )
    years = forms.IntegerField(label=_("Years"), min_value=1, max_value=MAX_YEARS, initial=3)
    lang = forms.ChoiceField(
        label=_("Language of the workbook"), choices=[("nl", "Nederlands"), ("en", "English")]
    )
    download = forms.ChoiceField(
        label=_("File"),
        choices=[("xlsx", _("workbook (.xlsx)")), ("json", _("figures (.json)"))],
    )

    def clean_as_of(self) -> date:
        as_of = self.cleaned_data["as_of"]
        if as_of > LAST_AS_OF:
            raise forms.ValidationError(_("The calendar does not go that far."))
        return as_of


class PayrollForm(forms.Form):
    month = MonthField(label=_("Payroll month (YYYY-MM)"))
    dialect = forms.ChoiceField(
        label=_("Dialect"),
        choices=[("be", _("Belgian (;, decimal comma)")), ("iso", _("ISO (, decimal point)"))],
    )
    fmt = forms.ChoiceField(label=_("Format"), choices=[("csv", "CSV"), ("xlsx", "XLSX")])
