"""What the API asks of Toon eigenaarschap: goals, versions, benefits, consent rounds, results, commitments.

Model instances for serializers, selected and prefetched so the number of queries does not grow with the
data; the API never reads these models itself (the import contract in pyproject.toml).
"""

from uuid import UUID

from django.db.models import QuerySet

from samen.collaborations.models import Collaboration
from samen.goals.choices import VersionStatus
from samen.goals.models import (
    AccountabilityRequest,
    Benefit,
    Commitment,
    ConsentRound,
    Goal,
    GoalVersion,
    ProgressUpdate,
    Result,
)
from samen.goals.models.goals import GoalQuerySet
from samen.goals.models.results import ResultQuerySet


def collaboration_of_goal(pk: UUID) -> UUID | None:
    """The id of the goal's collaboration, or None if there is no such goal."""
    return Goal.objects.filter(pk=pk).values_list("collaboration_id", flat=True).first()


def goal_in(collaboration: Collaboration, pk: UUID, *, drafts_visible: bool) -> Goal | None:
    """The goal with its latest and adopted version if the reader may see it (drafts only if visible)."""
    goal = (
        Goal.objects.for_collaboration(collaboration, drafts_visible=drafts_visible)
        .select_related("latest_version", "adopted_version")
        .filter(pk=pk)
        .first()
    )
    if goal is not None:
        goal.collaboration = collaboration
    return goal


def goal_with_versions(pk: UUID) -> Goal:
    """One goal, fresh, with its latest and adopted version (to answer after a write)."""
    return Goal.objects.select_related("latest_version", "adopted_version").get(pk=pk)


def goals_overview(collaboration: Collaboration, *, drafts_visible: bool) -> GoalQuerySet:
    """The collaboration's goals as the overview lists them."""
    return Goal.objects.overview_for(collaboration, drafts_visible=drafts_visible)


def goals_of(collaboration: Collaboration) -> GoalQuerySet:
    """Every goal of the collaboration, drafts included (to resolve an id a writer names)."""
    return Goal.objects.filter(collaboration=collaboration)


def versions_of(goal: Goal, *, drafts_visible: bool) -> QuerySet[GoalVersion]:
    """The goal's versions, newest first; without drafts and versions in a round unless ``drafts_visible``."""
    versions = GoalVersion.objects.history(goal)
    if not drafts_visible:
        versions = versions.exclude(status__in=[VersionStatus.DRAFT, VersionStatus.IN_CONSENT])
    return versions


def version_of(goal: Goal, pk: UUID) -> GoalVersion | None:
    """One version of the goal (any status), or None."""
    version = GoalVersion.objects.filter(pk=pk, goal=goal).first()
    if version is not None:
        version.goal = goal
    return version


def benefits_of(goal: Goal) -> QuerySet[Benefit]:
    """What the goal yields each partner, by partner name."""
    return Benefit.objects.for_goal(goal).order_by("partner__organisation__name", "id")


def consent_rounds_of(goal: Goal) -> QuerySet[ConsentRound]:
    """The goal's consent rounds, newest first, with their version, decisions and advice."""
    return (
        ConsentRound.objects.filter(goal=goal)
        .select_related("version")
        .prefetch_related("decisions__person", "advice__person")
        .order_by("-opened_at", "id")
    )


def goal_of_result(pk: UUID) -> UUID | None:
    """The id of the result's goal, or None if there is no such result."""
    return Result.objects.filter(pk=pk).values_list("goal_id", flat=True).first()


def results_of_goal(goal: Goal) -> ResultQuerySet:
    """The goal's results as the API lists them."""
    return Result.objects.for_goal(goal)


def result_of(goal: Goal, pk: UUID) -> Result:
    """One result of the goal, with the goal set on it."""
    result = Result.objects.for_goal(goal).get(pk=pk)
    result.goal = goal
    return result


def results_of(collaboration: Collaboration) -> ResultQuerySet:
    """Every result of the collaboration's goals (to resolve an id a writer names)."""
    return Result.objects.for_collaboration(collaboration)


def plain_results_of(goal: Goal) -> QuerySet[Result]:
    """Every result of the goal, unadorned (to resolve an id a writer names)."""
    return Result.objects.filter(goal=goal)


def progress_of(result: Result) -> QuerySet[ProgressUpdate]:
    """The result's measurements, newest first, with who reported them."""
    return (
        ProgressUpdate.objects.filter(result=result)
        .select_related("person")
        .order_by("-measured_on", "-created_at", "id")
    )


def goal_of_commitment(pk: UUID) -> UUID | None:
    """The id of the commitment's goal, or None if there is no such commitment."""
    return Commitment.objects.filter(pk=pk).values_list("goal_id", flat=True).first()


def commitments_of(goal: Goal) -> QuerySet[Commitment]:
    """The goal's commitments as the API lists them."""
    return Commitment.objects.for_goal(goal)


def commitment_of(goal: Goal, pk: UUID) -> Commitment:
    """One commitment of the goal, with the goal set on it."""
    commitment = Commitment.objects.for_goal(goal).get(pk=pk)
    commitment.goal = goal
    return commitment


def plain_commitments_of(goal: Goal) -> QuerySet[Commitment]:
    """Every commitment of the goal, unadorned (to resolve an id a writer names)."""
    return Commitment.objects.filter(goal=goal)


def goal_of_accountability_request(pk: UUID) -> UUID | None:
    """The id of the accountability request's goal, or None if there is no such request."""
    return AccountabilityRequest.objects.filter(pk=pk).values_list("goal_id", flat=True).first()


def accountability_requests_of(goal: Goal) -> QuerySet[AccountabilityRequest]:
    """The goal's accountability requests with their replies."""
    return AccountabilityRequest.objects.for_goal(goal)
