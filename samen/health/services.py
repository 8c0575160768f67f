"""State changes of the health area: publishing a snapshot for readers."""

from typing import TYPE_CHECKING

from django.db import transaction

from samen.audit.services import record
from samen.collaborations.models import Collaboration
from samen.health.indicators import Health
from samen.health.models import PublishedHealth
from samen.health.published import health_to_data

if TYPE_CHECKING:
    from samen.accounts.models import Person


def publish_health(
    *, collaboration: Collaboration, health: Health, by: "Person", source: str, source_url: str = ""
) -> PublishedHealth:
    """Make ``health`` what readers see, as part of a publication (a council digest) that was approved.

    The caller checked the right to publish; this writes the snapshot and its audit event.
    """
    with transaction.atomic():
        published = PublishedHealth.objects.create(
            collaboration=collaboration, source=source[:300], source_url=source_url[:300], data=health_to_data(health)
        )
        record(
            by,
            "health.published",
            published,
            collaboration=collaboration,
            after={"source": source, "statuses": {i.area: i.status for i in health.indicators}},
        )
    return published
