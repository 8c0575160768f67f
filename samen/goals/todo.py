"""What Toon eigenaarschap asks of a person now, and what it published for readers.

- the bestuurlijk contact decides for their partner in an open consent round;
- an ambtelijk contact advises while their partner has not decided yet;
- an accountability request addressed to the person's partner waits for an answer.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from samen import permissions
from samen.collaborations.models import RoleKind
from samen.goals.models import AccountabilityRequest, Advice, ConsentRound, Decision, Goal, RequestStatus, RoundStatus
from samen.todo.items import Kind, PublishedItem, PublishedKind, TodoItem, acting_partners, item

if TYPE_CHECKING:
    from samen.accounts.models import Person


def open_actions(person: "Person", collaboration_ids: Sequence[UUID]) -> list[TodoItem]:
    """Decisions, advice and accountability answers (five queries, whatever the number of rounds)."""
    partners = acting_partners(person, collaboration_ids)
    if not partners:
        return []
    return _consent(person, collaboration_ids, partners) + _accountability(partners)


def _consent(person: "Person", collaboration_ids: Sequence[UUID], partners: dict[UUID, Any]) -> list[TodoItem]:
    executive = permissions.todo_partner_ids(person, collaboration_ids, {RoleKind.EXECUTIVE})
    official = permissions.todo_partner_ids(person, collaboration_ids, {RoleKind.OFFICIAL})
    rounds = list(
        ConsentRound.objects.filter(
            status=RoundStatus.OPEN, goal__collaboration_id__in={p.collaboration_id for p in partners.values()}
        ).values_list(
            "pk", "goal_id", "deadline", "version__title", "goal__collaboration_id", "goal__collaboration__name"
        )
    )
    round_ids = [row[0] for row in rounds]
    decided = set(
        Decision.objects.filter(round_id__in=round_ids, partner_id__in=list(partners)).values_list(
            "round_id", "partner_id"
        )
    )
    advised = set(Advice.objects.filter(round_id__in=round_ids, person=person).values_list("round_id", flat=True))
    found = []
    for round_id, goal_id, deadline, title, collaboration_id, collaboration_name in rounds:
        waiting = [
            p for p in partners.values() if p.collaboration_id == collaboration_id and (round_id, p.id) not in decided
        ]
        for partner in waiting:
            if partner.id in executive:
                text = _("Besluit namens %(partner)s over het doel ‘%(goal)s’") % {
                    "partner": partner.name,
                    "goal": title,
                }
                url = reverse("goals:decision", args=[collaboration_id, goal_id, round_id])
                found.append(item(Kind.CONSENT_DECISION, text, collaboration_id, collaboration_name, url, deadline))
        if round_id not in advised and any(p.id in official for p in waiting):
            text = _("Geef ambtelijk advies over het doel ‘%(goal)s’") % {"goal": title}
            url = reverse("goals:advice", args=[collaboration_id, goal_id, round_id])
            found.append(item(Kind.CONSENT_ADVICE, text, collaboration_id, collaboration_name, url, deadline))
    return found


def _accountability(partners: dict[UUID, Any]) -> list[TodoItem]:
    requests = AccountabilityRequest.objects.filter(
        status=RequestStatus.OPEN, addressed_to_id__in=list(partners)
    ).values_list(
        "pk", "goal_id", "question", "collaboration_id", "collaboration__name", "raised_by_partner__organisation__name"
    )
    found = []
    for pk, goal_id, question, collaboration_id, collaboration_name, asker in requests:
        text = _("%(partner)s vraagt: %(question)s") % {
            "partner": asker,
            "question": Truncator(question).chars(120),
        }
        url = reverse("goals:accountability", args=[collaboration_id, goal_id, pk])
        found.append(item(Kind.ACCOUNTABILITY, text, collaboration_id, collaboration_name, url, None))
    return found


def published_items(person: "Person", collaboration_ids: Sequence[UUID], *, limit: int = 10) -> list[PublishedItem]:
    """The goals adopted most recently, for readers (one query)."""
    goals = (
        Goal.objects.filter(
            collaboration_id__in=collaboration_ids,
            collaboration__workspace_active=True,
            adopted_version__isnull=False,
        )
        .order_by("-adopted_at")
        .values_list("pk", "adopted_version__title", "adopted_at", "collaboration_id", "collaboration__name")[:limit]
    )
    return [
        PublishedItem(
            PublishedKind.GOAL,
            title,
            collaboration_id,
            collaboration_name,
            reverse("goals:goal", args=[collaboration_id, pk]),
            timezone.localdate(adopted_at) if adopted_at else timezone.localdate(),
        )
        for pk, title, adopted_at, collaboration_id, collaboration_name in goals
    ]
