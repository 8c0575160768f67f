from django import template
from django.utils.formats import date_format

register = template.Library()


@register.filter
def nl_date(value: object) -> str:
    """A date as people write it in Dutch: "3 maart 2026"."""
    if not value:
        return ""
    return date_format(value, "j F Y")  # type: ignore[arg-type]
