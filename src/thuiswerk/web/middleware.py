from django.utils.functional import SimpleLazyObject

from thuiswerk.accounts.scope import scope_for


class ScopeMiddleware:
    """`request.scope`: what the logged-in user may see, derived once per request from her roles."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.scope = SimpleLazyObject(lambda: scope_for(request.user))
        return self.get_response(request)
