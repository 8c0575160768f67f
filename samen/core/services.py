"""Helpers shared by every app's service functions."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from samen.core.models import VersionedModel


class ConcurrentEditError(ValidationError):
    """Someone else saved the same object after this person opened it."""


def require(allowed: bool, reason: str) -> None:
    """Raise PermissionDenied with a Dutch reason when a rule does not allow an action."""
    if not allowed:
        raise PermissionDenied(reason)


def save_versioned(obj: VersionedModel, expected_version: int | None, fields: dict[str, Any]) -> VersionedModel:
    """Write ``fields`` only if nobody changed ``obj`` since ``expected_version`` (optimistic locking).

    The update is one conditional UPDATE, so two simultaneous saves cannot both
    win: the second sees zero rows changed and gets a clear message instead of
    silently overwriting the first.
    """
    if expected_version is None:
        expected_version = obj.version
    model: type[models.Model] = type(obj)
    with transaction.atomic():
        changed = model._default_manager.filter(pk=obj.pk, version=expected_version).update(
            version=models.F("version") + 1, **fields
        )
        if changed != 1:
            raise ConcurrentEditError(
                _(
                    "Iemand anders heeft dit intussen opgeslagen. Uw tekst is niet verloren: "
                    "hij staat hieronder. Vergelijk hem met de nieuwe versie en sla opnieuw op."
                ),
                code="concurrent_edit",
            )
    obj.refresh_from_db()
    return obj
