"""The equipment forms: they parse what a page posts; the services decide and write."""

import re
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thuiswerk.core.formatting import format_money

from .models import CatalogItem


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class MoneyField(forms.DecimalField):
    """An amount in euro as a Belgian types it: `1.234,56`, `1234,56`, `€ 20` (and `1234.56`)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", 0)
        super().__init__(localize=True, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value: object) -> Decimal | None:
        if isinstance(value, str):
            value = value.replace("€", "").replace(" ", "").replace("\u00a0", "")
            if "," in value:  # a decimal comma: dots are thousands
                value = value.replace(".", "").replace(",", ".")
            elif re.fullmatch(r"\d{1,3}(\.\d{3})+", value):  # 20.000: thousands, no decimals
                value = value.replace(".", "")
        return super().to_python(value)


class ItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, item: CatalogItem) -> str:
        return f"{item.name} ({item.get_category_display()}, {item.get_ownership_display()}, {format_money(item.unit_cost)})"


class RequestForm(forms.Form):
    item = ItemChoiceField(label=_("Item"), queryset=CatalogItem.objects.none())
    motivation = forms.CharField(
        label=_("Why you need it (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, items, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items


class CatalogItemForm(forms.ModelForm):
    unit_cost = MoneyField(label=_("Unit cost"), max_digits=10)

    class Meta:
        model = CatalogItem
        fields = ["name", "category", "unit_cost", "max_per_employee", "ownership", "active"]


class DecisionForm(forms.Form):
    """Approve or reject (the button pressed), with a reason that a rejection needs."""

    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000)
    override_reason = forms.CharField(
        label=_("Reason to approve over the budget"), required=False, max_length=2000
    )

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] == "approve"


class DayForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
