"""Optional single sign-on with OpenID Connect (mozilla-django-oidc), off by default.

THUISWERK_OIDC=1 switches it on; the provider and the client are set by the environment
variables named in `oidc_config` (docs/web/serving-and-sso.md). The provider proves who someone
is; thuiswerk decides what she may do: the backend only logs in an existing user whose e-mail
address matches, never creates one (roles are given with `thuiswerk user create`), and tells an
unknown address why it is refused.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView


class GovernmentOIDCBackend(OIDCAuthenticationBackend):
    """Logs in the one active thuiswerk user with the provider's (verified) e-mail address."""

    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def verify_claims(self, claims) -> bool:
        # A provider that says the address is not verified is not trusted with it.
        return bool(claims.get("email")) and claims.get("email_verified", True) is not False

    def create_user(self, claims):
        raise AssertionError("single sign-on never creates users")  # OIDC_CREATE_USER is off

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is None:
            claims = self.get_userinfo(access_token, id_token, payload)
            messages.error(
                self.request,
                _(
                    "%(email)s has no account in thuiswerk: ask your HR department for one, or "
                    "log in with your e-mail address and password."
                )
                % {"email": claims["email"]},  # verify_claims refused a claim without one
            )
        return user


def urlpatterns() -> list[URLPattern]:
    """The provider sends the user back here before she is logged in: no login required."""
    return [
        path(
            "oidc/authenticate/",
            login_not_required(OIDCAuthenticationRequestView.as_view()),
            name="oidc_authentication_init",
        ),
        path(
            "oidc/callback/",
            login_not_required(OIDCAuthenticationCallbackView.as_view()),
            name="oidc_authentication_callback",
        ),
    ]
