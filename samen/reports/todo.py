"""What the reports area asks of a bestuurlijk contact (approve a raadsbrief), and published for readers."""

from collections.abc import Sequence
from typing import TYPE_CHECKING
from uuid import UUID

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import permissions
from samen.collaborations.models import RoleKind
from samen.reports.models import CouncilDigest, DigestApproval, DigestStatus
from samen.todo.items import Kind, PublishedItem, PublishedKind, TodoItem, acting_partners, item

if TYPE_CHECKING:
    from samen.accounts.models import Person


def open_actions(person: "Person", collaboration_ids: Sequence[UUID]) -> list[TodoItem]:
    """A raadsbrief awaiting approval that the person's partner has not approved yet (two queries)."""
    executive = permissions.todo_partner_ids(person, collaboration_ids, {RoleKind.EXECUTIVE})
    if not executive:
        return []
    partners = {pid: p for pid, p in acting_partners(person, collaboration_ids).items() if pid in executive}
    approved = DigestApproval.objects.filter(partner_id__in=list(partners)).values("digest_id")
    digests = (
        CouncilDigest.objects.filter(
            status=DigestStatus.AWAITING, collaboration_id__in={p.collaboration_id for p in partners.values()}
        )
        .exclude(pk__in=approved)
        .values_list("pk", "title", "collaboration_id", "collaboration__name")
    )
    return [
        item(
            Kind.DIGEST_APPROVAL,
            _("Keur de raadsbrief ‘%(title)s’ goed namens %(partner)s") % {"title": title, "partner": partner.name},
            collaboration_id,
            collaboration_name,
            reverse("reports:digest", args=[collaboration_id, pk]),
            None,
        )
        for pk, title, collaboration_id, collaboration_name in digests
        for partner in partners.values()
        if partner.collaboration_id == collaboration_id
    ]


def published_items(person: "Person", collaboration_ids: Sequence[UUID], *, limit: int = 10) -> list[PublishedItem]:
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
