import datetime
from collections.abc import Callable
from decimal import InvalidOperation

from django import template

from samen.core import formatting

register = template.Library()


def _quietly(format_: Callable[[], str]) -> str:
    """A filter fails quietly, as Django's own do: a value that is not a number shows as nothing."""
    try:
        return format_()
    except (InvalidOperation, TypeError, ValueError):
        return ""


@register.filter
def nl_date(value: datetime.date | None) -> str:
    """A date as people write it: "3 maart 2026" (a moment: its date in Samen's time zone)."""
    return formatting.date(value or None)


@register.filter
def nl_datetime(value: datetime.datetime | None) -> str:
    """A moment as people write it: "3 maart 2026, 14:30"."""
    return formatting.date_time(value or None)


@register.filter
def number(value: formatting.Number | None, decimals: int | str = 0) -> str:
    """``{{ hours|number:"1" }}`` → "12,5"; a negative count of places drops them when whole, as
    ``floatformat`` does: ``{{ hours|number:"-1" }}`` → "12" or "12,5"."""
    places = int(decimals)
    return _quietly(lambda: formatting.number(value, abs(places), trim=places < 0))


@register.filter
def euro(value: formatting.Number | None, cents: str = "") -> str:
    """``{{ amount|euro }}`` → "€ 1.250" or "€ 12,50"; ``{{ amount|euro:"cents" }}`` → "€ 1.250,00"."""
    return _quietly(lambda: formatting.euro(value, cents=cents == "cents"))


@register.filter
def percent(share: formatting.Number | None, decimals: int | str = 0) -> str:
    """``{{ share|percent:"1" }}`` → "12,5%" for a share of 0.125."""
    return _quietly(lambda: formatting.percent(share, int(decimals)))


@register.simple_tag
def utrecht_form(form: object) -> str:
    """Render a form from another package (allauth) with the shared field template and NL DS classes."""
    from samen.core.forms import style_widgets

    if not getattr(form, "_samen_styled", False):
        style_widgets(form)  # type: ignore[arg-type]
        form._samen_styled = True  # type: ignore[attr-defined]
    return form.render("django/forms/div.html")  # type: ignore[attr-defined, no-any-return]
