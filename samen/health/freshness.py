"""When a stored health is still valid: until the collaboration's next audit event, or the hour turns.

Every change in a collaboration writes an audit event (the conventions ask it of every service
function), so the time of its latest event identifies its state. Statuses also move with the
calendar (an afspraak becomes overdue, a success leaves the quarter), hence a stored health is
valid until the hour turns (see ``store``).
"""

import re
from uuid import UUID

from django.db.models import CharField, Max
from django.db.models.functions import Cast

from samen.core.db import hex_id


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
