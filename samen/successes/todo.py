"""What Erken en vier successen asks of a person now (celebrate what was reached), and what went public."""

from collections.abc import Sequence
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from samen import permissions
from samen.successes.models import CelebrationPrompt, Success
from samen.todo.items import Kind, PublishedItem, PublishedKind, TodoItem, acting_partners, item

if TYPE_CHECKING:
    from samen.accounts.models import Person


def open_actions(person: "Person", collaboration_ids: Sequence[UUID]) -> list[TodoItem]:
    """Open celebration prompts (one query).

    The facilitator sees every prompt; a contact sees those of results their own partner owns,
    and adopted goals and milestones, which belong to all partners.
    """
    partners = acting_partners(person, collaboration_ids)
    facilitated = permissions.facilitated_ids(person, collaboration_ids)
    if not partners and not facilitated:
        return []
    shared = Q(collaboration_id__in={p.collaboration_id for p in partners.values()}) & (
        Q(result__isnull=True) | Q(result__owner_partner_id__in=list(partners))
    )
    prompts = (
        CelebrationPrompt.objects.open()
        .filter(Q(collaboration_id__in=facilitated, collaboration__workspace_active=True) | shared)
        .values_list("pk", "title", "collaboration_id", "collaboration__name")
    )
    return [
        item(
            Kind.CELEBRATION,
            _("Vier het: %(title)s") % {"title": title},
            collaboration_id,
            collaboration_name,
            reverse("successes:record", args=[collaboration_id]) + "?" + urlencode({"aanleiding": str(pk)}),
            None,
        )
        for pk, title, collaboration_id, collaboration_name in prompts
    ]


def published_items(person: "Person", collaboration_ids: Sequence[UUID], *, limit: int = 10) -> list[PublishedItem]:
    """The successes made public most recently, for readers (one query)."""
    successes = (
        Success.objects.filter(
            collaboration_id__in=collaboration_ids, collaboration__workspace_active=True, is_public=True
        )
        .order_by("-made_public_at", "-date")
        .values_list("pk", "title", "made_public_at", "date", "collaboration_id", "collaboration__name")[:limit]
    )
    return [
        PublishedItem(
            PublishedKind.SUCCESS,
            title,
            collaboration_id,
            collaboration_name,
            reverse("successes:detail", args=[collaboration_id, pk]),
            timezone.localdate(made_public_at) if made_public_at else date,
        )
        for pk, title, made_public_at, date, collaboration_id, collaboration_name in successes
    ]
