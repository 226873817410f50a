from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AccessToken
from .services import DEFAULT_DAYS, MAX_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the time-registration system of your entity."),
    )
    access = forms.ChoiceField(
        label=_("Access"),
        choices=AccessToken.Access.choices,
        initial=AccessToken.Access.READ,
        widget=forms.RadioSelect,
    )
    expires_days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=MAX_DAYS, initial=DEFAULT_DAYS
    )
    entities = forms.MultipleChoiceField(
        label=_("Entities"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every entity you have access to."),
    )

    def __init__(self, *args, entity_choices: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entities"].choices = entity_choices
        if not entity_choices:
            del self.fields["entities"]
