"""What the service functions of Ben eerlijk share: Dutch messages for bad input and refusals."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samen.collaborations.models import Partner
from samen.core.services import ConcurrentEditError
from samen.interests import rules
from samen.interests.models import HonestyRound

ANY = object()  # "don't check which pledge this change replaces"


def concurrent_edit() -> ConcurrentEditError:
    return ConcurrentEditError(
        _(
            "Iemand anders heeft dit intussen opgeslagen. Uw invoer is niet verloren: hij staat hieronder. "
            "Vergelijk hem met de nieuwe versie en sla opnieuw op."
        ),
        code="concurrent_edit",
    )


def scale(value: Any, field: str, message: str) -> int:
    """A whole number from 1 to 5, or a ValidationError on ``field`` with ``message``."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: message}, code="scale") from None
    if str(number) != str(value).strip() or not rules.SCALE_MIN <= number <= rules.SCALE_MAX:
        raise ValidationError({field: message}, code="scale")
    return number


def amount(value: Any, field: str, message: str) -> Decimal | None:
    """An optional amount that may not be negative."""
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError({field: _("Vul een getal in.")}, code="number") from None
    if not amount.is_finite():
        raise ValidationError({field: _("Vul een getal in.")}, code="number")
    if amount < 0:
        raise ValidationError({field: message}, code="negative")
    return amount


def not_your_partner(partner: Partner) -> str:
    return _("U handelt niet namens %(partner)s en kunt dit dus niet namens hen doen.") % {"partner": partner}


def unknown_motive(code: str) -> str:
    return _("Het motief %(code)s staat niet in de catalogus van deze samenwerking.") % {"code": code}


def require_open(honesty_round: HonestyRound) -> None:
    if not honesty_round.is_open:
        raise ValidationError(_("Deze eerlijkheidsronde is gesloten; er kan niets meer worden gewijzigd."))
