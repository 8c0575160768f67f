"""What the API asks of Ben eerlijk: ambitions with their current pledges, shared declarations, honesty rounds.

Model instances for serializers, selected and prefetched so the number of queries does not grow with the
data; the API never reads these models itself (the import contract in pyproject.toml).
"""

from uuid import UUID

from django.db.models import Prefetch, QuerySet

from samen.collaborations.models import Collaboration, Partner
from samen.interests.models import Ambition, AmbitionQuerySet, Declaration, HonestyRound, Pledge


def collaboration_of_ambition(pk: UUID) -> UUID | None:
    """The id of the ambition's collaboration, or None if there is no such ambition."""
    return Ambition.objects.filter(pk=pk).values_list("collaboration_id", flat=True).first()


def ambition(pk: UUID, collaboration: Collaboration) -> Ambition:
    """The ambition (of ``collaboration``, already checked) with that collaboration set on it."""
    found = Ambition.objects.get(pk=pk, collaboration=collaboration)
    found.collaboration = collaboration
    return found


def ambitions_with_current_pledges(collaboration: Collaboration) -> AmbitionQuerySet:
    """The ambitions in the order the API lists them, each with ``current_pledges`` by partner name."""
    pledges = Pledge.objects.current().order_by("partner__organisation__name", "id")
    return (
        Ambition.objects.of(collaboration)
        .prefetch_related(Prefetch("pledges", queryset=pledges, to_attr="current_pledges"))
        .order_by("created_at", "title", "id")
    )


def with_current_pledges(ambition: Ambition) -> Ambition:
    """``ambition`` with ``current_pledges`` set, as in ``ambitions_with_current_pledges``."""
    ambition.current_pledges = list(Pledge.objects.current().filter(ambition=ambition))  # type: ignore[attr-defined]
    return ambition


def shared_declarations(collaboration: Collaboration) -> QuerySet[Declaration]:
    """Declarations their partners have shared, newest round first, then by partner name."""
    return (
        Declaration.objects.shared()
        .filter(round__collaboration=collaboration)
        .with_contents()
        .select_related("round", "shared_by")
        .order_by("-round__opened_at", "partner__organisation__name", "id")
    )


def collaboration_of_round(pk: UUID) -> UUID | None:
    """The id of the honesty round's collaboration, or None if there is no such round."""
    return HonestyRound.objects.filter(pk=pk).values_list("collaboration_id", flat=True).first()


def honesty_round(pk: UUID, collaboration: Collaboration) -> HonestyRound:
    """The round (of ``collaboration``, already checked) with that collaboration set on it."""
    found = HonestyRound.objects.get(pk=pk, collaboration=collaboration)
    found.collaboration = collaboration
    return found


def rounds_of(collaboration: Collaboration) -> QuerySet[HonestyRound]:
    """The collaboration's honesty rounds, newest first."""
    return HonestyRound.objects.of(collaboration).order_by("-opened_at", "id")


def declaration_of(honesty_round: HonestyRound, partner: Partner) -> Declaration | None:
    """The partner's declaration in the round with its contents, or None."""
    return (
        Declaration.objects.with_contents().filter(round=honesty_round, partner=partner).select_related("round").first()
    )
