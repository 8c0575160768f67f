"""What the goal page and the result page show, gathered in a fixed number of queries."""

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from samen import permissions
from samen.collaborations.models import Collaboration
from samen.goals.authorship import attribute, shares
from samen.goals.models import (
    AccountabilityRequest,
    Benefit,
    Commitment,
    CommitmentStatus,
    ConsentRound,
    Decision,
    DecisionKind,
    Goal,
    GoalEdit,
    GoalVersion,
    Result,
    tally,
)

if TYPE_CHECKING:
    from samen.accounts.models import Person

CHART_POINTS = 60
CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 600, 220, 30


def goal_page(person: "Person", collaboration: Collaboration, goal: Goal) -> dict[str, Any]:
    """Everything on one goal's page. Readers get the adopted wording, results and commitments only."""
    drafts = permissions.can_view_goal_drafts(person, collaboration)
    everyone = list(collaboration.partners.select_related("organisation").order_by("organisation__name"))
    partners = [p for p in everyone if p.is_current]
    by_id = {p.pk: p for p in everyone}
    mine = [p for p in partners if permissions.can_write_for(person, p)]

    benefits = {b.partner_id: b for b in Benefit.objects.for_goal(goal)}
    benefit_rows = [(p, benefits.get(p.pk), p in mine) for p in partners]

    edits = GoalEdit.objects.filter(version__goal=goal).order_by("saved_at", "id")
    if not drafts and goal.adopted_version is not None:
        edits = edits.filter(version__number__lte=goal.adopted_version.number)
    owners, per_version = attribute(edits.only("title", "text", "partner_id", "version_id"))
    versions = list(GoalVersion.objects.history(goal)) if drafts else []

    consent_round = None
    round_tally = None
    if drafts:
        consent_round = (
            ConsentRound.objects.filter(goal=goal).select_related("version", "opened_by").order_by("-opened_at").first()
        )
    if consent_round is not None:
        consent_round.goal = goal
        round_tally = tally(
            partners,
            consent_round.decisions.select_related("person"),
            consent_round.advice.select_related("person"),
        )
    conditions: list[Decision] = []
    if goal.adopted_version is not None:
        if (
            round_tally is not None
            and consent_round is not None
            and consent_round.version_id == goal.adopted_version_id
        ):
            conditions = round_tally.conditions
        else:
            conditions = list(
                Decision.objects.filter(
                    round__version=goal.adopted_version, kind=DecisionKind.CONDITIONAL
                ).select_related("partner__organisation")
            )

    commitments = list(Commitment.objects.for_goal(goal))
    can_open = permissions.can_open_consent_round(person, collaboration)
    round_open = consent_round is not None and consent_round.is_open
    return {
        "drafts_visible": drafts,
        "partners": partners,
        "my_partners": mine,
        "benefit_rows": benefit_rows,
        "missing_benefits": [p for p in partners if p.pk not in benefits],
        "versions": [(v, per_version.get(v.pk)) for v in versions],
        "shares": shares(owners, by_id),
        "consent_round": consent_round,
        "tally": round_tally,
        "conditions": conditions,
        "can_write": drafts and permissions.can_write_goal(person, collaboration),
        "can_open_round": drafts and can_open and goal.draft is not None,
        "can_adopt": round_open and can_open and round_tally is not None and round_tally.adoptable,
        "advise_for": [p for p in partners if permissions.can_advise(person, p)] if round_open else [],
        "decide_for": [p for p in partners if permissions.can_decide(person, p)] if round_open else [],
        "results": list(Result.objects.for_goal(goal)),
        "can_add_result": permissions.can_add_result(person, collaboration),
        "commitments": [(c, permissions.can_update_commitment(person, c.partner)) for c in commitments],
        "requests": list(AccountabilityRequest.objects.for_goal(goal)),
        "commitment_statuses": CommitmentStatus.choices,
    }


def _scale(value: Decimal, low: Decimal, high: Decimal) -> float:
    span = high - low or Decimal(1)
    return float(CHART_HEIGHT - CHART_PAD - (value - low) / span * (CHART_HEIGHT - 2 * CHART_PAD))


def progress_chart(result: Result) -> dict[str, Any] | None:
    """An inline SVG line of the latest measurements against the target (the history table is its twin)."""
    points = list(
        result.updates.order_by("-measured_on", "-created_at").values_list("measured_on", "value")[:CHART_POINTS]
    )
    if not points:
        return None
    points.reverse()
    measured = len(points)
    if points[0][0] > result.baseline_on:
        points.insert(0, (result.baseline_on, result.baseline))  # the line starts at the baseline
    values = [v for _, v in points] + [result.baseline, result.target]
    low, high = min(values), max(values)
    first, last = result.baseline_on, max(result.due_on, points[-1][0])
    days = max((last - first).days, 1)

    def x(day: datetime.date) -> float:
        return CHART_PAD + (day - first).days / days * (CHART_WIDTH - 2 * CHART_PAD)

    line = " ".join(f"{x(day):.1f},{_scale(value, low, high):.1f}" for day, value in points)
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "line": line,
        "target_y": f"{_scale(result.target, low, high):.1f}",
        "baseline_y": f"{_scale(result.baseline, low, high):.1f}",
        "left": CHART_PAD,
        "right": CHART_WIDTH - CHART_PAD,
        "count": measured,
        "dots": [(f"{x(day):.1f}", f"{_scale(value, low, high):.1f}") for day, value in points],
        "last": points[-1],
    }
