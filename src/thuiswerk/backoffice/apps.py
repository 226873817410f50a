from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "thuiswerk.backoffice"
    label = "backoffice"
    verbose_name = _("back office")

    def ready(self) -> None:
        from thuiswerk.jobs.kinds import AFTER_WRITE, register

        from .selectors import figures_refresh

        @register("figures")
        def _figures(job, stage) -> dict:
            figures = figures_refresh()
            return {"as_of": figures.as_of.isoformat(), "version": figures.version}

        AFTER_WRITE.append(figures_refresh)
