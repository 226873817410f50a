"""Log in with an e-mail address (Django's own password hashing, checks and throttling hooks)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        email = (kwargs.get("email") or username or "").strip()
        if not email or password is None:
            return None
        user_model = get_user_model()
        user = user_model.objects.filter(email__iexact=email).order_by("pk").first()
        if user is None:
            user_model().set_password(password)  # the same time for unknown addresses
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
