"""`{{ value|days }}`: a count of days as the explanations write it: `4`, or `2,5` with a half day."""

from django import template

from thuiswerk.selfservice.explanations import days as days_text

register = template.Library()


@register.filter
def days(value) -> str:
    return "" if value is None else days_text(value)
