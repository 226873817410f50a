import math

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .clients import client_address, login_name
from .forms import EmailLoginForm
from .navigation import menu_for


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    form_class = EmailLoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


@login_not_required
@require_GET
@never_cache
def health(request: HttpRequest) -> HttpResponse:
    """For a load balancer: 200 when this app server reaches its database (one `SELECT 1`), 503
    when it does not. Plain text, no login, no personal data."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unreachable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def home(request):
    """The start page: what the user can do, by role (a user without roles sees why not)."""
    return render(request, "web/home.html", {"entries": menu_for(request.scope)[1:]})


def locked_out(request: HttpRequest, response=None, credentials=None) -> HttpResponse:
    """The lock-out page (django-axes' AXES_LOCKOUT_CALLABLE) after too many failed logins, with
    the minutes left (rounded up): the lock ends one cool-off after the last failure. 429: too
    many requests."""
    cool_off = settings.AXES_COOLOFF_TIME
    last = AccessAttempt.objects.filter(
        username=login_name(request, credentials), ip_address=client_address(request)
    ).aggregate(last=Max("attempt_time"))["last"]
    left = (last + cool_off - timezone.now()) if last else cool_off
    minutes = max(1, math.ceil(left.total_seconds() / 60))
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
