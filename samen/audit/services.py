"""The one writer of audit events. Every service function that changes state calls ``record``."""

import datetime
import decimal
import uuid
from typing import TYPE_CHECKING, Any

import structlog
from django.db import models

from samen.audit.models import AuditEvent
from samen.core import fragments

if TYPE_CHECKING:
    from samen.accounts.models import Person

log = structlog.get_logger("samen.audit")


def _plain(value: Any) -> Any:
    """Make a value JSON-safe for the before/after summary."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, uuid.UUID | datetime.date | datetime.datetime | decimal.Decimal):
        return str(value)
    return value


def record(
    actor: "Person | None",
    action: str,
    obj: models.Model | None,
    *,
    collaboration: Any = None,
    organisation: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event. ``actor`` may be None for system actions (imports, the worker).

    It also moves the stamp of the cached page fragments (``core.fragments``) once the change commits.
    """
    if collaboration is None and obj is not None:
        collaboration = getattr(obj, "collaboration", None)
        if collaboration is None and obj.__class__.__name__ == "Collaboration":
            collaboration = obj
    if organisation is None and actor is not None:
        organisation = getattr(actor, "organisation", None)
    event = AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=str(actor) if actor is not None else "Samen",
        organisation=organisation,
        collaboration=collaboration,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        before=_plain(before or {}),
        after=_plain(after or {}),
    )
    fragments.changed()
    log.info("audit", action=action, object_type=event.object_type, object_id=event.object_id)
    return event
