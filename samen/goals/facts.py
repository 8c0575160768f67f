"""What the goals area tells others: goals adopted, consent rounds, benefits, commitments and results.

Plain, frozen figures per collaboration (and per partner), for many collaborations at once in a
fixed number of queries. Figures "per moment" have one value per moment asked for, in that order.
Health scores them; the council digest and the exports list them. Nobody outside this app reads
its models.
"""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet
from django.utils import timezone

from samen.collaborations.facts import current_partner
from samen.collaborations.models import Collaboration
from samen.core.db import activity, by_hex, hex_id, latest_per_partner, rows
from samen.goals.models import (
    Advice,
    Benefit,
    Commitment,
    CommitmentStatus,
    ConsentRound,
    Decision,
    Goal,
    GoalEdit,
    GoalVersion,
    Result,
    ResultStatus,
    result_status,
)

ACTIVE = (CommitmentStatus.OPEN, CommitmentStatus.IN_PROGRESS)


def _flag(condition: Q) -> ExpressionWrapper[Q]:
    return ExpressionWrapper(condition, output_field=BooleanField())


@dataclass(frozen=True)
class OpenRoundFacts:
    """A consent round open at some moment, per moment: open then, late then, decisions made by then."""

    open: tuple[bool, ...]
    late: tuple[bool, ...]  # past its deadline, or open longer than asked
    decisions: tuple[int, ...]


@dataclass(frozen=True)
class OwnershipFacts:
    goals: tuple[int, ...]  # per moment: goals that existed
    adopted: tuple[int, ...]  # per moment: goals adopted by all partners
    adopted_before_grace: int  # goals adopted at least ``benefit_grace`` ago
    rounds: tuple[OpenRoundFacts, ...] = ()
    partners_with_benefit: tuple[int, ...] = ()  # per moment: current partners with a benefit on an adopted goal
    active_commitments: tuple[int, ...] = ()
    overdue_commitments: tuple[int, ...] = ()


def ownership_facts(
    collaboration_ids: Sequence[UUID],
    *,
    moments: Sequence[datetime.datetime],
    today: datetime.date,
    benefit_grace: datetime.timedelta,
    stalled_after: datetime.timedelta,
) -> dict[UUID, OwnershipFacts]:
    """Goals, open consent rounds, benefits and commitments per collaboration (four queries).

    Collaborations without any goal are left out.
    """
    keys, steps = by_hex(collaboration_ids), range(len(moments))
    dates = [timezone.localdate(moment) for moment in moments]
    goals = {
        row["c"]: row
        for row in rows(
            Goal.objects.filter(collaboration_id__in=collaboration_ids)
            .order_by()
            .values(c=hex_id("collaboration_id"))
            .annotate(
                **{f"g{i}": Count("id", filter=Q(created_at__lte=m)) for i, m in enumerate(moments)},
                **{f"d{i}": Count("id", filter=Q(adopted_at__lte=m)) for i, m in enumerate(moments)},
                grace=Count("id", filter=Q(adopted_at__lte=moments[0] - benefit_grace)),
            )
        )
    }
    if not goals:
        return {}
    columns: dict[str, Any] = {}
    for i, (moment, day) in enumerate(zip(moments, dates, strict=True)):
        columns[f"o{i}"] = _flag(Q(opened_at__lte=moment) & (Q(closed_at__isnull=True) | Q(closed_at__gt=moment)))
        columns[f"l{i}"] = _flag(Q(deadline__lt=day) | Q(opened_at__lt=moment - stalled_after))
        columns[f"n{i}"] = Count("decisions", filter=Q(decisions__decided_at__lte=moment))
    rounds: dict[str, list[OpenRoundFacts]] = defaultdict(list)
    for row in rows(
        ConsentRound.objects.filter(goal__collaboration_id__in=collaboration_ids)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gt=moments[-1]))
        .annotate(c=hex_id("goal__collaboration_id"), **columns)
        .order_by()
        .values("c", *columns)
    ):
        rounds[row["c"]].append(
            OpenRoundFacts(
                tuple(bool(row[f"o{i}"]) for i in steps),
                tuple(bool(row[f"l{i}"]) for i in steps),
                tuple(row[f"n{i}"] for i in steps),
            )
        )
    benefits = {
        row["c"]: row
        for row in rows(
            Benefit.objects.filter(goal__collaboration_id__in=collaboration_ids)
            .filter(current_partner("partner__", today))
            .order_by()
            .values(c=hex_id("goal__collaboration_id"))
            .annotate(
                **{
                    f"b{i}": Count("partner_id", distinct=True, filter=Q(goal__adopted_at__lte=m))
                    for i, m in enumerate(moments)
                }
            )
        )
    }
    aggregates: dict[str, Any] = {}
    for i, (moment, day) in enumerate(zip(moments, dates, strict=True)):
        active = Q(created_at__lte=moment) & (Q(status__in=ACTIVE) | Q(status=CommitmentStatus.DONE, done_on__gt=day))
        aggregates[f"a{i}"] = Count("id", filter=active)
        aggregates[f"o{i}"] = Count("id", filter=active & Q(due_on__lt=day))
    commitments = {
        row["c"]: row
        for row in rows(
            Commitment.objects.filter(goal__collaboration_id__in=collaboration_ids)
            .order_by()
            .values(c=hex_id("goal__collaboration_id"))
            .annotate(**aggregates)
        )
    }
    found = {}
    for key, goal in goals.items():
        benefit, commitment = benefits.get(key, {}), commitments.get(key, {})
        found[keys[key]] = OwnershipFacts(
            goals=tuple(goal[f"g{i}"] for i in steps),
            adopted=tuple(goal[f"d{i}"] for i in steps),
            adopted_before_grace=goal["grace"],
            rounds=tuple(rounds.get(key, [])),
            partners_with_benefit=tuple(benefit.get(f"b{i}", 0) for i in steps),
            active_commitments=tuple(commitment.get(f"a{i}", 0) for i in steps),
            overdue_commitments=tuple(commitment.get(f"o{i}", 0) for i in steps),
        )
    return found


@dataclass(frozen=True)
class ConsentRoundFacts:
    title: str
    opened_at: datetime.datetime
    deadline: datetime.date
    decided: int  # partners that decided


@dataclass(frozen=True)
class OwnershipDetail:
    """One collaboration's goals per partner, today."""

    partners_with_benefit: frozenset[UUID]  # a benefit on an adopted goal
    commitments: dict[UUID, tuple[int, int]]  # per partner: active and overdue
    open_rounds: tuple[ConsentRoundFacts, ...]  # oldest first
    results: tuple[int, int, int]  # results of adopted goals: on track, at risk, off track
    last_activity: dict[UUID, datetime.datetime]


def ownership_detail(collaboration_id: UUID, *, today: datetime.date) -> OwnershipDetail:
    """Benefits, commitments, open rounds, result statuses and activity of one collaboration (five queries)."""
    cid = collaboration_id
    with_benefit = frozenset(
        Benefit.objects.filter(goal__collaboration_id=cid, goal__adopted_at__isnull=False).values_list(
            "partner_id", flat=True
        )
    )
    active = Q(status__in=ACTIVE)
    commitments = {
        partner_id: (count, late)
        for partner_id, count, late in Commitment.objects.filter(goal__collaboration_id=cid)
        .order_by()
        .values("partner_id")
        .annotate(a=Count("id", filter=active), o=Count("id", filter=active & Q(due_on__lt=today)))
        .values_list("partner_id", "a", "o")
    }
    rounds = tuple(
        ConsentRoundFacts(title, opened_at, deadline, decided)
        for title, opened_at, deadline, decided in ConsentRound.objects.filter(
            goal__collaboration_id=cid, status="open"
        )
        .annotate(decided=Count("decisions"))
        .order_by("opened_at")
        .values_list("version__title", "opened_at", "deadline", "decided")
    )
    statuses = [
        result_status(baseline=b, target=t, value=v, start=s, due=d, today=today)
        for b, t, v, s, d in Result.objects.filter(
            goal__collaboration_id=cid, goal__adopted_at__isnull=False
        ).values_list("baseline", "target", "current_value", "baseline_on", "due_on")
    ]
    off = sum(1 for s in statuses if s == ResultStatus.OFF_TRACK)
    risk = sum(1 for s in statuses if s == ResultStatus.AT_RISK)
    last = latest_per_partner(
        [
            activity(GoalEdit.objects.filter(version__goal__collaboration_id=cid), "partner_id", "saved_at"),
            activity(Decision.objects.filter(round__goal__collaboration_id=cid), "partner_id", "decided_at"),
            activity(Advice.objects.filter(round__goal__collaboration_id=cid), "partner_id", "given_at"),
            activity(Benefit.objects.filter(goal__collaboration_id=cid), "partner_id", "updated_at"),
            activity(Commitment.objects.filter(goal__collaboration_id=cid), "partner_id", "created_at"),
        ]
    )
    return OwnershipDetail(with_benefit, commitments, rounds, (len(statuses) - off - risk, risk, off), last)


# --- what the council digest and the exports list ----------------------------------------------


@dataclass(frozen=True)
class AdoptedVersion:
    title: str
    text: str
    number: int
    adopted_at: datetime.datetime | None


def adopted_between(
    collaboration: Collaboration, first: datetime.datetime, last: datetime.datetime, *, limit: int
) -> list[AdoptedVersion]:
    """Goal versions adopted in ``[first, last)``, oldest first."""
    return [
        AdoptedVersion(*row)
        for row in GoalVersion.objects.filter(
            goal__collaboration=collaboration, adopted_at__gte=first, adopted_at__lt=last
        )
        .order_by("adopted_at", "id")
        .values_list("title", "text", "number", "adopted_at")[:limit]
    ]


@dataclass(frozen=True)
class IntendedResult:
    indicator: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    current: Decimal | None
    due_on: datetime.date
    goal: str
    owner: str


def results_due_after(collaboration: Collaboration, end: datetime.date, *, limit: int) -> list[IntendedResult]:
    """Results of adopted goals still to be reached after ``end``, soonest first."""
    return [
        IntendedResult(*row)
        for row in Result.objects.filter(goal__collaboration=collaboration, goal__adopted_version__isnull=False)
        .filter(due_on__gt=end)
        .order_by("due_on", "indicator")
        .values_list(
            "indicator",
            "unit",
            "baseline",
            "target",
            "current_value",
            "due_on",
            "goal__adopted_version__title",
            "owner_partner__organisation__name",
        )[:limit]
    ]


@dataclass(frozen=True)
class Proposal:
    title: str
    deadline: datetime.date
    number: int


def proposals_in_consent(collaboration: Collaboration, *, limit: int) -> list[Proposal]:
    """Goal versions in an open consent round, by deadline."""
    return [
        Proposal(*row)
        for row in ConsentRound.objects.filter(goal__collaboration=collaboration, status="open")
        .order_by("deadline")
        .values_list("version__title", "deadline", "version__number")[:limit]
    ]


def goal_rows(collaboration: Collaboration, *, drafts: bool) -> list[tuple[Any, ...]]:
    """Every goal as the person may see it: title, state, version, adopted on, text."""
    found: list[tuple[Any, ...]] = []
    for goal in Goal.objects.overview_for(collaboration, drafts_visible=drafts):
        version = goal.latest_version if drafts else goal.adopted_version
        found.append(
            (
                version.title if version else "",
                goal.get_state_display(),
                version.number if version else "",
                goal.adopted_at,
                version.text if version else "",
            )
        )
    return found


def result_rows(collaboration: Collaboration, *, drafts: bool) -> list[tuple[Any, ...]]:
    """Every result (of adopted goals only, unless drafts are visible) with its owner and status."""
    qs = Result.objects.for_collaboration(collaboration)
    if not drafts:
        qs = qs.filter(goal__adopted_version__isnull=False)
    qs = qs.select_related(
        "goal__latest_version", "goal__adopted_version", "owner_partner__organisation", "owner_person"
    )
    return [
        (
            str(r.goal),
            r.indicator,
            r.unit,
            r.baseline,
            r.baseline_on,
            r.target,
            r.due_on,
            r.current_value,
            r.current_on,
            r.get_status_display(),
            r.owner_partner.organisation.name,
            str(r.owner_person),
        )
        for r in qs.order_by("due_on", "indicator", "id")
    ]


def commitment_rows(collaboration: Collaboration) -> list[tuple[Any, ...]]:
    """Every commitment: goal, partner, what, who, due, status, done."""
    return [
        (str(c.goal), c.partner.organisation.name, c.what, str(c.who), c.due_on, c.get_status_display(), c.done_on)
        for c in Commitment.objects.filter(goal__collaboration=collaboration)
        .select_related("goal__latest_version", "goal__adopted_version", "partner__organisation", "who")
        .order_by("due_on", "id")
    ]


# --- what the successes area celebrates ---------------------------------------------------------


@dataclass(frozen=True)
class Reached:
    """Something reached in the goals area: a result at its target, an adopted goal, a commitment done."""

    id: UUID
    title: str
    on: datetime.date | None
    goal_id: UUID
    owner_id: UUID | None
    version_id: UUID | None = None  # the adopted version, for a goal


def reached_results(collaboration: Collaboration) -> list[Reached]:
    """Results whose latest measurement reached the target (one query)."""
    return [
        Reached(pk, indicator, current_on, goal_id, owner_id)
        for pk, indicator, current_on, goal_id, owner_id in Result.objects.for_collaboration(collaboration)
        .reached()
        .values_list("pk", "indicator", "current_on", "goal_id", "owner_person_id")
    ]


def adopted_goals(collaboration: Collaboration) -> list[Reached]:
    """Goals with an adopted version, on the day of adoption (one query)."""
    return [
        Reached(pk, title, timezone.localdate(adopted_at) if adopted_at else None, pk, owner_id, version_id)
        for pk, version_id, title, adopted_at, owner_id in Goal.objects.filter(
            collaboration=collaboration, adopted_version__isnull=False
        ).values_list("pk", "adopted_version_id", "adopted_version__title", "adopted_at", "created_by_id")
    ]


def milestones_done(collaboration: Collaboration, *, due_before: datetime.date) -> list[Reached]:
    """Commitments done whose due day lies before ``due_before``, on the day they were done (one query)."""
    return [
        Reached(pk, what, done_on or due_on, goal_id, owner_id)
        for pk, what, due_on, done_on, goal_id, owner_id in Commitment.objects.filter(
            goal__collaboration=collaboration, status=CommitmentStatus.DONE, due_on__lt=due_before
        ).values_list("pk", "what", "due_on", "done_on", "goal_id", "who_id")
    ]


def goal_choices(collaboration: Collaboration) -> "QuerySet[Goal]":
    """The goals something may be linked to (a success), with what their names need."""
    return (
        Goal.objects.filter(collaboration=collaboration)
        .select_related("adopted_version", "latest_version")
        .order_by("-created_at", "id")
    )


def result_choices(collaboration: Collaboration) -> "QuerySet[Result]":
    """The results something may be linked to (a success), by indicator."""
    return Result.objects.for_collaboration(collaboration).select_related("goal").order_by("indicator", "id")
