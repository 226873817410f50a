"""The menu: each app registers its pages (`register(...)` in its `navigation` module), and a
user sees the pages her scope allows, in order. The shell's own entries are below."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from thuiswerk.accounts.scope import Scope


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    visible: Callable[[Scope], bool]
    order: int = 100
    section: str | Promise = ""  # a heading that groups items: "Mijn gegevens", "Team", ...


_ITEMS: dict[str, NavItem] = {}


def register(*items: NavItem) -> None:
    for item in items:
        _ITEMS[item.url_name] = item


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url: str
    url_name: str
    section: str


def menu_for(scope: Scope) -> list[MenuEntry]:
    return [
        MenuEntry(str(item.label), reverse(item.url_name), item.url_name, str(item.section))
        for item in sorted(_ITEMS.values(), key=lambda item: (item.order, str(item.label)))
        if item.visible(scope)
    ]


register(NavItem(_("Home"), "web:home", lambda scope: bool(scope.kinds), order=0))
