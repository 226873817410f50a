"""`{% supervisor_equipment_requests as pending %}`: the requests the logged-in supervisor can
decide, so that `equipment/partials/supervisor_queue.html` renders on any page that includes it."""

from django import template
from django.db.models import QuerySet

from thuiswerk.equipment.selectors import requests_awaiting_supervisor

register = template.Library()


@register.simple_tag(takes_context=True)
def supervisor_equipment_requests(context: template.Context) -> QuerySet:
    return requests_awaiting_supervisor(scope=context["request"].scope)
