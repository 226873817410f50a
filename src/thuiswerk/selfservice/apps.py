from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "thuiswerk.selfservice"
    label = "selfservice"
    verbose_name = _("self-service of employees and supervisors")
