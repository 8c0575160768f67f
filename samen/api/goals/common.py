"""What the goals endpoints share: finding a goal the person may see, people and numbers in the API."""

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.http import Http404
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request

from samen import permissions
from samen.accounts.models import Person
from samen.api.views import http, resolve
from samen.collaborations.models import Collaboration, Partner
from samen.goals import queries

if TYPE_CHECKING:
    from samen.goals.models import Goal


TAGS = ["Doelen"]


class NumberField(serializers.DecimalField):
    """A decimal as a JSON number (not a string), as the goals store it: 18 digits, 4 after the point."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_digits=18, decimal_places=4, coerce_to_string=False, **kwargs)


@extend_schema_serializer(component_name="PersoonKort")
class PersonBriefSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    naam = serializers.CharField(source="full_name", read_only=True)


def goal_for(request: Request, pk: UUID) -> tuple["Goal", bool]:
    """The goal if the person may see it (readers: adopted goals only), else 404; and whether drafts show."""
    collaboration_id = queries.collaboration_of_goal(pk)
    if collaboration_id is None:
        raise Http404
    collaboration = permissions.get_collaboration_for(http(request), collaboration_id)
    drafts = permissions.can_view_goal_drafts(request.user, collaboration)
    goal = queries.goal_in(collaboration, pk, drafts_visible=drafts)
    if goal is None:
        raise Http404
    return goal, drafts


def partner_of(collaboration: Collaboration, pk: UUID | None, field: str = "deelnemer") -> Partner | None:
    if pk is None:
        return None
    return resolve(Partner, [pk], field, collaboration.partners.select_related("organisation"))[0]


def person_of(pk: UUID, field: str) -> Any:
    return resolve(Person, [pk], field, Person.objects.filter(is_active=True))[0]
