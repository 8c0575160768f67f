"""What the reports area published for readers: the raadsbrieven."""

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from django.urls import reverse
from django.utils import timezone

from samen.reports.models import CouncilDigest, DigestStatus
from samen.todo.items import PublishedItem, PublishedKind


def published_items(person: Any, collaboration_ids: Sequence[UUID], *, limit: int = 10) -> list[PublishedItem]:
    """The raadsbrieven published most recently (one query)."""
    digests = (
        CouncilDigest.objects.filter(
            collaboration_id__in=collaboration_ids, collaboration__workspace_active=True, status=DigestStatus.PUBLISHED
        )
        .order_by("-published_at")
        .values_list("pk", "title", "published_at", "period_end", "collaboration_id", "collaboration__name")[:limit]
    )
    return [
        PublishedItem(
            PublishedKind.DIGEST,
            title,
            collaboration_id,
            collaboration_name,
            reverse("reports:digest", args=[collaboration_id, pk]),
            timezone.localdate(published_at) if published_at else period_end,
        )
        for pk, title, published_at, period_end, collaboration_id, collaboration_name in digests
    ]
