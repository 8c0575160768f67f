"""What the goals overview shows per goal, in a fixed number of queries however many goals there are."""

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import Count, FloatField
from django.db.models.functions import Cast

from samen.goals.choices import DecisionKind, ResultStatus, RoundStatus
from samen.goals.models.accountability import AccountabilityRequest
from samen.goals.models.consent import CONSENTING, Decision
from samen.goals.models.goals import Goal
from samen.goals.models.results import Commitment, Result, result_status


@dataclass
class GoalSummary:
    statuses: Counter[str] = field(default_factory=Counter)
    results: int = 0
    overdue_commitments: int = 0
    open_requests: int = 0
    decided: int = 0
    consented: int = 0
    objected: int = 0

    @property
    def on_track(self) -> int:
        return self.statuses[ResultStatus.ON_TRACK]

    @property
    def at_risk(self) -> int:
        return self.statuses[ResultStatus.AT_RISK]

    @property
    def off_track(self) -> int:
        return self.statuses[ResultStatus.OFF_TRACK]


def overview_summaries(
    goals: Sequence[Goal], partner_ids: Iterable[Any], today: datetime.date
) -> dict[UUID, GoalSummary]:
    """Result statuses, overdue commitments, open questions and round progress for ``goals`` (4 queries)."""
    ids = [goal.pk for goal in goals]
    summaries = {pk: GoalSummary() for pk in ids}
    if not ids:
        return summaries
    # Floats, not Decimals: converting thousands of decimals would cost more than the whole page.
    rows = (
        Result.objects.filter(goal_id__in=ids)
        .order_by()
        .annotate(
            b=Cast("baseline", FloatField()), t=Cast("target", FloatField()), v=Cast("current_value", FloatField())
        )
        .values_list("goal_id", "b", "t", "v", "baseline_on", "due_on")
    )
    for goal_id, baseline, target, value, start, due in rows:
        summary = summaries[goal_id]
        summary.results += 1
        summary.statuses[
            result_status(baseline=baseline, target=target, value=value, start=start, due=due, today=today)
        ] += 1
    overdue = (
        Commitment.objects.filter(goal_id__in=ids).overdue(today).order_by().values("goal_id").annotate(n=Count("id"))
    )
    for row in overdue:
        summaries[row["goal_id"]].overdue_commitments = row["n"]
    questions = (
        AccountabilityRequest.objects.filter(goal_id__in=ids)
        .open()
        .order_by()
        .values("goal_id")
        .annotate(n=Count("id"))
    )
    for row in questions:
        summaries[row["goal_id"]].open_requests = row["n"]
    decisions = Decision.objects.filter(
        round__goal_id__in=ids, round__status=RoundStatus.OPEN, partner_id__in=list(partner_ids)
    ).values_list("round__goal_id", "kind")
    for goal_id, kind in decisions:
        summary = summaries[goal_id]
        summary.decided += 1
        summary.consented += kind in CONSENTING
        summary.objected += kind == DecisionKind.OBJECTION
    return summaries
