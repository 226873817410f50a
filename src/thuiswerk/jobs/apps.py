from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "thuiswerk.jobs"
    label = "jobs"
    verbose_name = _("background jobs")
