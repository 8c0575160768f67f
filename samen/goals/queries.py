"""What the API asks of Toon eigenaarschap: goals, versions, benefits, consent rounds, results, commitments.

Model instances for serializers, selected and prefetched so the number of queries does not grow with the
data; the API never reads these models itself (the import contract in pyproject.toml).
"""

from samen.collaborations.models import Collaboration
from samen.goals.models import Goal, Result
from samen.goals.models.goals import GoalQuerySet
from samen.goals.models.results import ResultQuerySet


def goals_of(collaboration: Collaboration) -> GoalQuerySet:
    """Every goal of the collaboration, drafts included (to resolve an id a writer names)."""
    return Goal.objects.filter(collaboration=collaboration)


def results_of(collaboration: Collaboration) -> ResultQuerySet:
    """Every result of the collaboration's goals (to resolve an id a writer names)."""
    return Result.objects.for_collaboration(collaboration)
