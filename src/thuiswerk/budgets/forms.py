"""Forms of the budget pages: they parse; `budgets.services` validates again and writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from thuiswerk.equipment.forms import DateInput, MoneyField

from .models import BudgetLine, PlannedInitiative


class BudgetLineForm(forms.ModelForm):
    amount = MoneyField(label=_("Amount reserved"))

    class Meta:
        model = BudgetLine
        fields = ["year", "measure", "amount"]
        labels = {"year": _("Year"), "measure": _("Measure"), "amount": _("Amount reserved")}


class InitiativeForm(forms.ModelForm):
    budget = MoneyField(label=_("Budget"), initial=0)

    class Meta:
        model = PlannedInitiative
        fields = ["title", "kind", "motivation", "planned_from", "planned_to", "budget"]
        labels = {
            "title": _("Title"),
            "kind": _("Kind"),
            "motivation": _("Motivation"),
            "planned_from": _("Planned from"),
            "planned_to": _("Planned to"),
            "budget": _("Budget"),
        }
        widgets = {
            "motivation": forms.Textarea(attrs={"rows": 4}),
            "planned_from": DateInput(),
            "planned_to": DateInput(),
        }

    def clean(self):
        data = super().clean()
        first, last = data.get("planned_from"), data.get("planned_to")
        if first and last and last < first:
            self.add_error("planned_to", _("The end cannot be before the start."))
        return data
