"""Numbers, amounts, percentages and dates as people read them: the one place that formats them.

Templates (the filters in ``samen.core.templatetags.samen``), PDFs, exports, mails and the API all
format through these functions, so that "1.234,5", "€ 1.250" and "7 december 2026" look the same
everywhere. The separators and month names are those of the active language: Dutch (the default)
groups thousands with "." and writes decimals after ","; the English interface gets "1,234.5".

Rules, the same for every function:
- rounding is half up, as people round by hand (2,25 → 2,3; 2,5 → 3), from the decimal value of the
  number (a float is read through its shortest text, so 2.675 rounds to 2,68);
- a value that rounds to zero has no minus sign ("0", never "-0");
- ``None`` is "" (an empty cell); a caller that must say "ontbreekt" says so itself;
- the euro sign comes first with a space, a negative amount keeps its sign after it: "€ -12.500"
  (as in Dutch bookkeeping and CLDR's pattern for nl);
- a percentage has no space before the sign: "12,5%" (Taalunie: "12%" or "12 procent").
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import cache

from django.utils import timezone
from django.utils.formats import date_format, get_format
from django.utils.translation import get_language

type Number = Decimal | int | float


def _decimal(value: Number | str) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


@cache
def _separators(language: str | None) -> dict[int, str]:
    """Python's "1,234.5" → the language's: {",": ".", ".": ","} for Dutch (looked up once per language)."""
    decimal, thousands = get_format("DECIMAL_SEPARATOR", language), get_format("THOUSAND_SEPARATOR", language)
    return {ord(","): str(thousands), ord("."): str(decimal)}


def number(value: Number | None, decimals: int = 0, *, trim: bool = False) -> str:
    """A number grouped by thousands with ``decimals`` places: ``number(1234.56, 1)`` → "1.234,6".

    With ``trim``, a value that is whole after rounding has no decimals: "12" rather than "12,0",
    but "12,5" stays "12,5" (for hours and amounts that are mostly whole).
    """
    if value is None:
        return ""
    exact, step = _decimal(value), Decimal(1).scaleb(-decimals)
    if exact.adjusted() + decimals < 26:  # within Decimal's usual 28 digits
        rounded = exact.quantize(step, ROUND_HALF_UP)
    else:  # a bigger number keeps every digit
        with localcontext(prec=exact.adjusted() + decimals + 2):
            rounded = exact.quantize(step, ROUND_HALF_UP)
    if rounded.is_zero():
        rounded = abs(rounded)
    places = 0 if trim and rounded == rounded.to_integral_value() else decimals
    return f"{rounded:,.{places}f}".translate(_separators(get_language()))


def euro(value: Number | None, *, cents: bool = False) -> str:
    """An amount in euro: "€ 1.234.567"; an amount with cents shows them: "€ 12,50".

    With ``cents`` every amount shows two decimals ("€ 1.234.567,00"), as financial tables do.
    """
    if value is None:
        return ""
    return "€ " + number(value, 2, trim=not cents)


def percent(share: Number | None, decimals: int = 0) -> str:
    """A share (0.125) as a percentage: ``percent(0.125, 1)`` → "12,5%"; a whole one is "20%"."""
    if share is None:
        return ""
    return number(_decimal(share) * 100, decimals, trim=True) + "%"


def _local(value: datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def date(value: datetime.date | None, *, weekday: bool = False) -> str:
    """A date as people write it: "7 december 2026" (``weekday``: "maandag 7 december 2026").

    A moment (an aware datetime) is the date of that moment in Samen's time zone.
    """
    if value is None:
        return ""
    return date_format(_local(value), "l j F Y" if weekday else "j F Y")


def short_date(value: datetime.date | None) -> str:
    """A date in figures where space is short (a title, a chart's axis, a period in brackets): "07-12-2026"."""
    if value is None:
        return ""
    return date_format(_local(value), "d-m-Y")


def date_time(value: datetime.datetime | None, *, weekday: bool = False) -> str:
    """A moment in Samen's time zone: "7 december 2026, 14:30" (``weekday``: "maandag 7 december 2026, 14:30")."""
    if value is None:
        return ""
    return date_format(_local(value), "l j F Y, H:i" if weekday else "j F Y, H:i")
