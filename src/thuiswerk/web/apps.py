from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "thuiswerk.web"
    label = "web"
    verbose_name = _("web application")

    def ready(self) -> None:
        # Each part of the app adds its pages to the menu in its own `navigation` module.
        autodiscover_modules("navigation")
