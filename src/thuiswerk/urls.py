from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
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
