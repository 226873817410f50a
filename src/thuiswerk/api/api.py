"""The API: one NinjaAPI under /api/v1, its routers found in the apps' `api.py` modules.

An app adds resources with a module `thuiswerk.<app>.api` that holds `routes`, a list of
(prefix, Router). The routers take their authentication (token or session) and error shape
from here.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.http import HttpRequest
from ninja import NinjaAPI, Router, Schema
from ninja.openapi.docs import Swagger

from .auth import BearerToken, Session
from .errors import install_handlers, responses

DESCRIPTION = """The API of thuiswerk: staff, hybrid-work agreements, day registrations, the
ledger of allowances, equipment and budgets, and the parliamentary figures.

Authenticate with a personal access token (`Authorization: Bearer thw_...`; made in the web app
under *Toegangssleutels* or with `thuiswerk token create`), or from the browser with the session
(and the `X-CSRFToken` header for changes). The API shows exactly what the same user sees in the
web app. Every error has the shape `{"code", "message", "details"}`; the codes are listed in
docs/api.md. Messages are Dutch unless `Accept-Language: en`.
"""


def _discover(api: NinjaAPI) -> None:
    for config in apps.get_app_configs():
        if not config.name.startswith("thuiswerk.") or config.name == "thuiswerk.api":
            continue
        module_name = f"{config.name}.api"
        if find_spec(module_name) is None:
            continue
        for prefix, router in import_module(module_name).routes:
            api.add_router(prefix, router)


class MeOut(Schema):
    email: str
    name: str
    roles: list[str]
    employee_id: int | None
    people_entities: list[str] | None  # None: every entity
    figure_entities: list[str] | None
    token: str | None  # the token's prefix, None for a session
    token_access: str | None


def _codes(entity_set) -> list[str] | None:
    from thuiswerk.people.models import Entity

    if entity_set.everything:
        return None
    return sorted(Entity.objects.filter(pk__in=entity_set.ids).values_list("code", flat=True))


me_router = Router(tags=["account"])


@me_router.get("/me", response=responses({200: MeOut}), summary="Who am I, and what do I see")
def me(request: HttpRequest):
    scope = request.scope
    token = getattr(request, "access_token", None)
    return {
        "email": request.user.email,
        "name": request.user.get_full_name() or request.user.email,
        "roles": sorted(scope.kinds),
        "employee_id": scope.employee_id,
        "people_entities": _codes(scope.people_entities),
        "figure_entities": _codes(scope.figure_entities),
        "token": token.prefix if token else None,
        "token_access": token.access if token else None,
    }


class ThuiswerkAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        # "employee_list", not "thuiswerk_people_api_employee_list": handler names are unique.
        return operation.view_func.__name__


def build() -> NinjaAPI:
    api = ThuiswerkAPI(
        title="thuiswerk API",
        version="1",
        description=DESCRIPTION,
        urls_namespace="api",
        auth=[BearerToken(), Session()],
        docs=Swagger(settings={"persistAuthorization": False}),
        docs_url="/docs",
        openapi_url="/openapi.json",
    )
    install_handlers(api)
    api.add_router("", me_router)
    _discover(api)
    return api


api = build()
