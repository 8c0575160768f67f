import datetime

from django import template

from samen.core import formatting

register = template.Library()


@register.filter
def iso_date(value: object) -> str:
    """A date kept as text in a digest ("2026-03-03") as people write it: "3 maart 2026"."""
    if not value:
        return ""
    try:
        return formatting.date(datetime.date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)
