from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "thuiswerk.backoffice"
    label = "backoffice"
    verbose_name = _("back office")
