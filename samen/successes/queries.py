"""What the API asks of Erken en vier successen: successes, spotlights and open celebration prompts.

Model instances for serializers, selected and prefetched so the number of queries does not grow with the
data; the API never reads these models itself (the import contract in pyproject.toml).
"""

from uuid import UUID

from django.db.models import QuerySet

from samen.collaborations.models import Collaboration
from samen.successes.models import CelebrationPrompt, Spotlight, Success


def collaboration_of_success(pk: UUID) -> UUID | None:
    """The id of the success's collaboration, or None if there is no such success."""
    return Success.objects.filter(pk=pk).values_list("collaboration_id", flat=True).first()


def success(pk: UUID) -> Success:
    """One success with what its list shows (partners, people, who recorded it)."""
    return Success.objects.for_list().get(pk=pk)


def successes_of(collaboration: Collaboration, *, internal: bool) -> QuerySet[Success]:
    """The collaboration's successes, newest first; only public ones unless ``internal``."""
    return Success.objects.feed(collaboration, internal=internal).order_by("-date", "-recorded_at", "id")


def spotlights_of(collaboration: Collaboration) -> QuerySet[Spotlight]:
    """The collaboration's spotlights, newest first."""
    return Spotlight.objects.feed(collaboration).order_by("-created_at", "id")


def prompts_of(collaboration: Collaboration) -> QuerySet[CelebrationPrompt]:
    """Every celebration prompt of the collaboration, open or answered (to resolve an id a writer names)."""
    return CelebrationPrompt.objects.filter(collaboration=collaboration)


def open_prompts_of(collaboration: Collaboration) -> QuerySet[CelebrationPrompt]:
    """What was reached but not celebrated yet, most recent first."""
    return CelebrationPrompt.objects.open_for(collaboration).order_by("-reached_on", "id")
