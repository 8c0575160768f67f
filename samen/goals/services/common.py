"""Helpers the goals services share: who acts for which partner, numbers as people type them."""

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from samen import permissions
from samen.collaborations.models import Collaboration, Partner
from samen.core.numbers import parse_dutch_decimal

if TYPE_CHECKING:
    from samen.accounts.models import Person

MAX_DIGITS_BEFORE_POINT = 14


def acting_partner(person: "Person", collaboration: Collaboration, partner: Partner | None = None) -> Partner:
    """The partner ``person`` acts for here: the one asked for, else the first current one they act for."""
    if partner is not None:
        if partner.collaboration_id != collaboration.pk or not permissions.can_write_for(person, partner):
            raise PermissionDenied(
                _("U handelt in deze samenwerking niet namens %(partner)s.") % {"partner": partner.organisation}
            )
        return partner
    ids = permissions.partners_acted_for(person, collaboration)
    found = (
        collaboration.partners.current()
        .filter(pk__in=ids)
        .select_related("organisation")
        .order_by("organisation__name")
        .first()
    )
    if found is None:
        raise PermissionDenied(str(permissions.WRITE_FOR_REFUSED))
    return found


def parse_number(value: Any, field: str, message: str) -> Decimal:
    """A number as Dutch people type it ("12,5", "1.234,5", "75") or a Decimal; else a ValidationError."""
    try:
        number = parse_dutch_decimal(value)
    except ValueError:
        raise ValidationError({field: message}, code="not_a_number") from None
    if abs(number) >= Decimal(10) ** MAX_DIGITS_BEFORE_POINT:
        raise ValidationError({field: message}, code="not_a_number")
    return number.quantize(Decimal("0.0001"))


def clean_text(value: str | None) -> str:
    return (value or "").strip()


def collect(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)
