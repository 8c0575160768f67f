"""Numbers as Dutch people type them: one reader for every form and the API."""

import re
from decimal import Decimal, InvalidOperation
from typing import Any

THOUSANDS_ONLY = re.compile(r"-?\d{1,3}(\.\d{3})+")


def parse_dutch_decimal(value: Any) -> Decimal:
    """``"12,5"``, ``"1.234,5"``, ``"1.250"`` (1250), ``"€ 300"``, ``"12.5"`` or a number → a finite Decimal.

    A comma is the decimal separator and full stops group thousands; a text with only full
    stops in groups of three ("1.250", "2.500.000") is a whole number. Raises ValueError
    for anything that is not a finite number, so each caller words its own message.
    """
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        text = str(value or "").replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
        if "," in text or THOUSANDS_ONLY.fullmatch(text):
            text = text.replace(".", "").replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation as exc:
            raise ValueError(value) from exc
    if not number.is_finite():
        raise ValueError(value)
    return number
