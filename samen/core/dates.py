"""Dates people type: within a sane window (a period's order is each action's service rule).

Every form and API serializer with a date takes its field from here (forms: ``DateField``; the API's
``samen.api.base.DateField`` uses ``validate_sane_date``), so that 9999-12-31 is refused with a Dutch
message instead of overflowing later when a service adds days to it.
"""

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2100, 12, 31)


def validate_sane_date(value: datetime.date | None) -> None:
    if value is not None and not EARLIEST <= value <= LATEST:
        raise ValidationError(
            _("Kies een datum tussen %(earliest)s en %(latest)s.") % {"earliest": EARLIEST.year, "latest": LATEST.year},
            code="date_out_of_range",
        )


class DateInput(forms.DateInput):
    """The browser's date picker, limited to the same window the server accepts."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        attrs = {"min": EARLIEST.isoformat(), "max": LATEST.isoformat(), **(attrs or {})}
        super().__init__(attrs, format="%Y-%m-%d")


class DateField(forms.DateField):
    widget = DateInput
    default_validators = [validate_sane_date]

    def to_python(self, value: Any) -> datetime.date | None:
        try:
            return super().to_python(value)
        except OverflowError as exc:  # a year beyond 9999 in some input formats
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
