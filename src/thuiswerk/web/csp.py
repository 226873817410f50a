"""Content-Security-Policy per view: the site's policy is CONTENT_SECURITY_POLICY (settings);
a view that needs more is decorated with `relax(NAME)`, NAME a key of THUISWERK_CSP_RELAXATIONS."""

from collections.abc import Callable

from csp.decorators import csp_update
from django.conf import settings


def relax(name: str) -> Callable:
    """The view's responses get the directives of THUISWERK_CSP_RELAXATIONS[name] added to the
    site's policy (csp_update); an unknown name is an error when the view is decorated."""
    return csp_update(settings.THUISWERK_CSP_RELAXATIONS[name])
