"""The project's URLs, plus stand-ins for the pages of other parts that the back office links
to (`selfservice:months`, `equipment:employee`) while those parts are not merged yet."""

from importlib.util import find_spec

from django.http import HttpResponse
from django.urls import include, path

from thuiswerk.urls import urlpatterns as project


def _exists(module: str) -> bool:
    try:
        return find_spec(module) is not None
    except ModuleNotFoundError:
        return False


urlpatterns = list(project)
for app, name in (("selfservice", "months"), ("equipment", "employee")):
    if not _exists(f"thuiswerk.{app}.urls"):
        stub = ([path(f"stub/{app}/<int:pk>/", lambda r, pk: HttpResponse(), name=name)], app)
        urlpatterns.append(path("", include(stub)))
