import sys

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thuiswerk.accounts.models import Role
from thuiswerk.accounts.selectors import role_summary, user_list
from thuiswerk.accounts.services import AccountError, RoleSpec, user_create
from thuiswerk.core.cli_args import ACTOR_HELP, default_actor
from thuiswerk.core.commands import DomainCommand


class Command(DomainCommand):
    help = gettext_lazy("Create and list the users of the web application and their roles.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="create|list")
        create = actions.add_parser(
            "create",
            help=gettext_lazy("create a user who logs in with her e-mail address"),
            description=gettext_lazy(
                "Create a user with one or more roles. The password is read from standard input"
                " (one line), never from the command line."
            ),
        )
        create.add_argument("email", metavar="EMAIL")
        create.add_argument(
            "--role",
            action="append",
            required=True,
            choices=[kind.value for kind in Role.Kind],
            help=gettext_lazy(
                "a role (repeat for several): employee, supervisor, hr, admin, auditor"
            ),
        )
        create.add_argument(
            "--employee",
            metavar="ID",
            default="",
            help=gettext_lazy("personnel number of the employee she is (employee, supervisor)"),
        )
        create.add_argument(
            "--entity",
            metavar="CODE",
            nargs="+",
            default=[],
            help=gettext_lazy("entities of an HR officer or auditor; ALL: an auditor for all"),
        )
        create.add_argument(
            "--password-stdin",
            action="store_true",
            required=True,
            help=gettext_lazy("read the password from standard input"),
        )
        create.add_argument("--actor", default=default_actor(), help=ACTOR_HELP)
        actions.add_parser("list", help=gettext_lazy("list the users and their roles"))

    def handle(self, *args, action, **options):
        if action == "create":
            self._create(**options)
        else:
            self._list()

    def _create(self, *, email, role, employee, entity, actor, **options):
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise CommandError(_("no password on standard input"))
        # --employee goes to the personal roles and --entity to the entity roles; given to a
        # user with no such role, they go to all, so that the service refuses them by name.
        personal = any(kind in Role.PERSONAL for kind in role)
        by_entity = any(kind in Role.FOR_ENTITIES for kind in role)
        specs = [
            RoleSpec(
                kind=kind,
                personnel_number=employee if kind in Role.PERSONAL or not personal else "",
                entity_codes=tuple(entity) if kind in Role.FOR_ENTITIES or not by_entity else (),
            )
            for kind in role
        ]
        try:
            user = user_create(email=email, password=password, roles=specs, actor=actor)
        except AccountError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(_("user %(email)s created") % {"email": user.email})

    def _list(self):
        users = list(user_list())
        if not users:
            self.stdout.write(_("no users yet: create one with `thuiswerk user create`"))
            return
        width = max(len(user.email) for user in users)
        for user in users:
            roles = "; ".join(role_summary(role) for role in user.roles.all())
            state = "" if user.is_active else "  (" + _("inactive") + ")"
            self.stdout.write(f"{user.email:<{width}}  {roles}{state}")
