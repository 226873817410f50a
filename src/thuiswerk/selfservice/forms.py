from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thuiswerk.telework.models import InternetOption, Registration
from thuiswerk.telework.services import DAYS_PER_WEEK_MAX, DAYS_PER_WEEK_STEP

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def date_field(label, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def location_choices(empty_label) -> list[tuple[str, str]]:
    return [("", empty_label), *Registration.Location.choices]


class DayForm(forms.Form):
    """Where she works on one day: morning and afternoon (the same for both: a full day)."""

    day = forms.DateField(input_formats=DATE_FORMATS, widget=forms.HiddenInput)
    am = forms.ChoiceField(
        label=_("Morning"), choices=location_choices(_("not registered")), required=False
    )
    pm = forms.ChoiceField(
        label=_("Afternoon"), choices=location_choices(_("not registered")), required=False
    )


# A context of their own: the bare names are Django's, for dates (`woensdag 1 november`).
WEEKDAYS = [
    ("monday", pgettext_lazy("pattern", "Monday")),
    ("tuesday", pgettext_lazy("pattern", "Tuesday")),
    ("wednesday", pgettext_lazy("pattern", "Wednesday")),
    ("thursday", pgettext_lazy("pattern", "Thursday")),
    ("friday", pgettext_lazy("pattern", "Friday")),
]


class PatternForm(forms.Form):
    first_week = date_field(_("From the week of"))
    last_week = date_field(_("Up to and including the week of"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in WEEKDAYS:
            self.fields[name] = forms.ChoiceField(
                label=label, choices=location_choices(_("leave as it is")), required=False
            )

    def weekday_fields(self):
        return [self[name] for name, _label in WEEKDAYS]

    def pattern(self) -> dict[int, str | None]:
        return {n: self.cleaned_data[name] or None for n, (name, _label) in enumerate(WEEKDAYS)}


class AgreementRequestForm(forms.Form):
    valid_from = date_field(_("From"))
    valid_to = date_field(_("To"), required=False, help_text=_("Leave empty for no end date."))
    days_per_week = forms.DecimalField(
        label=_("Days per week at home"),
        min_value=DAYS_PER_WEEK_STEP,
        max_value=DAYS_PER_WEEK_MAX,
        step_size=DAYS_PER_WEEK_STEP,
        max_digits=2,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5"}),
    )


class InternetOptionForm(forms.Form):
    option = forms.ChoiceField(
        label=_("Internet option"), choices=InternetOption.Option.choices, widget=forms.RadioSelect
    )
    provider = forms.CharField(
        label=_("Provider"),
        max_length=100,
        required=False,
        help_text=_("For the third-party payer: the provider your employer pays."),
    )
    valid_from = date_field(_("From"))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you reject."),
    )
