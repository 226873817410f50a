from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.decorators import method_decorator

from .forms import EmailLoginForm
from .navigation import menu_for


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    form_class = EmailLoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


def home(request):
    """The start page: what the user can do, by role (a user without roles sees why not)."""
    return render(request, "web/home.html", {"entries": menu_for(request.scope)[1:]})
