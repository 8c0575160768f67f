"""Check-ins as aggregates only: samen.experiences.results decides what may be shown under the
anonymity rule (averages from three respondents, figures only once closed, no comments here)."""

from typing import Any
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from samen import permissions
from samen.api.base import ApiView
from samen.api.experiences.common import TAGS, experiences_of
from samen.api.pagination import PageQuery, page_serializer, paginated
from samen.api.views import query_of
from samen.experiences.models import (
    CheckIn,
    CheckInStatus,
)
from samen.experiences.results import Averages, results_for

SCORES = {
    "progress": "voortgang",
    "trust": "vertrouwen",
    "openness": "openheid",
    "fair_share": "eerlijkeVerdeling",
    "heard": "gehoordWorden",
    "ownership": "gedeeldEigenaarschap",
}


def _score_fields() -> dict[str, serializers.Field]:
    fields: dict[str, serializers.Field] = {
        name: serializers.FloatField(allow_null=True, min_value=1, max_value=5) for name in SCORES.values()
    }
    fields["relatie"] = serializers.FloatField(
        allow_null=True, min_value=1, max_value=5, help_text=gettext_lazy("Gemiddelde van het relatiespoor.")
    )
    return fields


AveragesSerializer = extend_schema_serializer(component_name="Gemiddelden")(
    type(
        "AveragesSerializer", (serializers.Serializer,), {"respondenten": serializers.IntegerField(), **_score_fields()}
    )
)


@extend_schema_serializer(component_name="DeelnemerUitkomst")
class PartnerOutcomeSerializer(serializers.Serializer):
    deelnemer = serializers.UUIDField()
    respondenten = serializers.IntegerField(
        allow_null=True, help_text=gettext_lazy("Leeg als de gemiddelden leeg zijn: dan blijft ook het aantal anoniem.")
    )
    gemiddelden = AveragesSerializer(allow_null=True, help_text=gettext_lazy("Leeg onder de drie respondenten."))


@extend_schema_serializer(component_name="CheckIn")
class CheckInSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    titel = serializers.CharField()
    openVanaf = serializers.DateField()
    openTotEnMet = serializers.DateField()
    status = serializers.ChoiceField(choices=CheckInStatus.choices)
    respondenten = serializers.IntegerField()
    uitgenodigd = serializers.IntegerField(help_text=gettext_lazy("Contactpersonen die konden antwoorden."))
    gemiddelden = AveragesSerializer(
        allow_null=True, help_text=gettext_lazy("Pas na sluiten, en alleen vanaf drie respondenten.")
    )
    perDeelnemer = PartnerOutcomeSerializer(many=True)


def averages(found: Averages | None) -> dict[str, Any] | None:
    if found is None:
        return None
    data: dict[str, Any] = {"respondenten": found.respondents, "relatie": found.relationship}
    data.update({api: found.scores.get(name) for name, api in SCORES.items()})
    return data


def checkin_data(checkin: CheckIn) -> dict[str, Any]:
    """Only aggregates (samen.experiences.results decides what may be shown); never an answer."""
    results = results_for(checkin)
    return {
        "id": checkin.pk,
        "titel": checkin.title,
        "openVanaf": checkin.opens_on,
        "openTotEnMet": checkin.closes_on,
        "status": checkin.status,
        "respondenten": results.respondents,
        "uitgenodigd": results.eligible,
        "gemiddelden": averages(results.overall) if results.visible else None,
        "perDeelnemer": [
            {"deelnemer": row.partner.pk, "respondenten": row.respondents, "gemiddelden": averages(row.averages)}
            for row in results.partners
        ]
        if results.visible
        else [],
    }


class CheckInsView(ApiView):
    @extend_schema(
        operation_id="checkInsLijst",
        tags=TAGS,
        summary=gettext_lazy("Check-ins met hun uitkomst: alleen gemiddelden, nooit losse antwoorden"),
        description=gettext_lazy(
            "Cijfers pas na sluiten; gemiddelden van een deelnemer pas vanaf drie respondenten, en nooit zo "
            "dat een antwoord is terug te rekenen. Opmerkingen staan alleen in Samen zelf."
        ),
        parameters=[PageQuery],
        responses=page_serializer(CheckInSerializer, "CheckInsPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        collaboration = experiences_of(request, id)
        if not permissions.can_view_checkin_results(request.user, collaboration):
            raise Http404
        checkins = CheckIn.objects.filter(collaboration=collaboration).order_by("-opens_on", "id")

        def attach(items: list[CheckIn]) -> None:
            for item in items:
                item.collaboration = collaboration

        response = paginated(request, checkins, _CheckInRows, query_of(PageQuery, request), prepare=attach)
        return response


class _CheckInRows(serializers.Serializer):
    """Turns each check-in into its aggregates (``checkin_data``), then into the documented shape."""

    def to_representation(self, instance: CheckIn) -> dict[str, Any]:
        return dict(CheckInSerializer(checkin_data(instance)).data)
