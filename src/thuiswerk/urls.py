from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from thuiswerk.api.urls import api_urls

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api_urls()),
    path("", include("thuiswerk.api.urls")),
    path("", include("thuiswerk.web.urls")),
    path("", include("thuiswerk.selfservice.urls")),
    path("", include("thuiswerk.equipment.urls")),
    path("", include("thuiswerk.budgets.urls")),
    path("", include("thuiswerk.jobs.urls")),
    path("", include("thuiswerk.backoffice.urls")),
]

if settings.OIDC_ENABLED:  # single sign-on: thuiswerk.web.oidc
    from thuiswerk.web import oidc

    urlpatterns += oidc.urlpatterns()
