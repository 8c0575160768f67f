"""When a computed health is still valid: until the collaboration's next audit event, or the hour turns.

Every change in a collaboration writes an audit event (the conventions ask it of every service
function), so the time of its latest event identifies its state. Statuses also move with the
calendar (an afspraak becomes overdue, a success leaves the quarter), hence the hour in the key;
facts are words in the reader's language, hence the language.
"""

import datetime
import re
from typing import Any
from uuid import UUID

from django.db.models import CharField, Max
from django.db.models.functions import Cast
from django.utils import timezone, translation

from samen.core.db import hex_id

CACHE_SECONDS = 3600


def change_stamps(collaboration_ids: list[UUID]) -> dict[str, str]:
    """The time of the latest audit event per collaboration (by hex id), as digits: one query."""
    from samen.audit.models import AuditEvent

    rows = (
        AuditEvent.objects.filter(collaboration_id__in=collaboration_ids)
        .order_by()
        .values(c=hex_id("collaboration_id"))
        .annotate(last=Cast(Max("at"), output_field=CharField()))
        .values_list("c", "last")
    )
    return {key: re.sub(r"\D", "", last or "") for key, last in rows}


def cache_key(kind: str, collaboration_id: UUID, stamps: dict[str, str], now: datetime.datetime, *extra: Any) -> str:
    hour = timezone.localtime(now).strftime("%Y%m%d%H")
    parts = [
        kind,
        collaboration_id.hex,
        stamps.get(collaboration_id.hex) or "-",
        hour,
        translation.get_language() or "",
    ]
    return "samen.health." + ":".join([*parts, *(str(e) for e in extra)])


def bucket_key(collaboration_id: UUID, now: datetime.datetime) -> str:
    """One of sixteen cache entries per hour that hold portfolio cells, by the first hex digit of the id."""
    hour = timezone.localtime(now).strftime("%Y%m%d%H")
    return f"samen.health.cells:{hour}:{collaboration_id.hex[0]}"
