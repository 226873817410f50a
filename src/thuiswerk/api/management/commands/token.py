from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thuiswerk.api.models import AccessToken
from thuiswerk.api.services import DEFAULT_DAYS, TokenError, token_create, token_revoke
from thuiswerk.core.cli_args import ACTOR_HELP, default_actor
from thuiswerk.core.commands import DomainCommand


class Command(DomainCommand):
    help = gettext_lazy("Make, list and revoke personal access tokens for the API.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="create|list|revoke")
        create = actions.add_parser(
            "create",
            help=gettext_lazy("make a token for a user and print it (once)"),
            description=gettext_lazy(
                "Make a personal access token. The token is printed once, on standard output"
                " alone, and cannot be shown again: store it in the system that needs it."
            ),
        )
        create.add_argument("email", metavar="EMAIL")
        create.add_argument(
            "--scope",
            required=True,
            choices=["read", "write"],
            help=gettext_lazy("read: read only; write: read and write"),
        )
        create.add_argument(
            "--expires-days",
            type=int,
            default=DEFAULT_DAYS,
            metavar="N",
            help=gettext_lazy("days the token is valid (1 to 366; default 90)"),
        )
        create.add_argument(
            "--entity",
            metavar="CODE",
            nargs="+",
            default=[],
            help=gettext_lazy("limit the token to these entities (default: all the user's)"),
        )
        create.add_argument(
            "--name", default="", help=gettext_lazy("what the token is for (default: cli)")
        )
        create.add_argument("--actor", default=default_actor(), help=ACTOR_HELP)
        listing = actions.add_parser("list", help=gettext_lazy("list the tokens (never the token)"))
        listing.add_argument("--email", default="", help=gettext_lazy("only this user's tokens"))
        revoke = actions.add_parser("revoke", help=gettext_lazy("revoke a token by its prefix"))
        revoke.add_argument("prefix", metavar="PREFIX", help=gettext_lazy("e.g. thw_AbCd1234"))
        revoke.add_argument("--actor", default=default_actor(), help=ACTOR_HELP)

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _create(self, *, email, scope, expires_days, entity, name, actor, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(_("no user with the e-mail address %(email)s") % {"email": email})
        try:
            token, secret = token_create(
                user=user,
                name=name or "cli",
                access=scope,
                expires_days=expires_days,
                entity_codes=entity,
                actor=actor,
            )
        except TokenError as error:
            raise CommandError(str(error)) from error
        # The token alone on standard output (for a pipe into a secret store); the rest on stderr.
        self.stdout.write(secret)
        self.stderr.write(
            _("token %(prefix)s… for %(email)s, %(access)s, valid until %(day)s")
            % {
                "prefix": token.prefix,
                "email": user.email,
                "access": token.get_access_display(),
                "day": timezone.localtime(token.expires_at).date().isoformat(),
            }
        )

    def _list(self, *, email, **options):
        tokens = AccessToken.objects.select_related("user").prefetch_related("entities")
        if email:
            tokens = tokens.filter(user__email__iexact=email.strip())
        now = timezone.now()
        for token in tokens:
            if token.revoked_at:
                state = _("revoked")
            elif token.expires_at <= now:
                state = _("expired")
            else:
                state = _("valid until %(day)s") % {
                    "day": timezone.localtime(token.expires_at).date().isoformat()
                }
            entities = ", ".join(e.code for e in token.entities.all()) or _("all")
            self.stdout.write(
                f"{token.prefix}…  {token.user.email}  {token.access}  {entities}  {state}"
                f"  {token.name}"
            )

    def _revoke(self, *, prefix, actor, **options):
        matches = list(AccessToken.objects.filter(prefix=prefix.rstrip("…").strip()))
        if len(matches) != 1:
            raise CommandError(
                _("no token with the prefix %(prefix)s") % {"prefix": prefix}
                if not matches
                else _("several tokens have the prefix %(prefix)s") % {"prefix": prefix}
            )
        token_revoke(token=matches[0], actor=actor)
        self.stdout.write(_("token %(prefix)s… revoked") % {"prefix": matches[0].prefix})
