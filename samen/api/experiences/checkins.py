"""Check-ins as aggregates only: samen.experiences.results decides what may be shown under the
anonymity rule (averages from three respondents, figures only once closed, no comments here)."""

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from samen import permissions
from samen.api.base import ApiView, AuthedApiRequest, DateField, StrictSerializer, TextField, UUIDField
from samen.api.experiences.common import TAGS, experiences_of, partner_in
from samen.api.pagination import PageQuery, page_serializer, paginated
from samen.api.views import body_of, query_of
from samen.experiences import queries
from samen.experiences.choices import CheckInStatus
from samen.experiences.services import checkins

if TYPE_CHECKING:
    from samen.experiences.models import CheckIn
    from samen.experiences.results import Averages

SCORES = {
    "progress": "voortgang",
    "trust": "vertrouwen",
    "openness": "openheid",
    "fair_share": "eerlijkeVerdeling",
    "heard": "gehoordWorden",
    "ownership": "gedeeldEigenaarschap",
}


def _score_fields() -> dict[str, serializers.Field[Any, Any, Any, Any]]:
    fields: dict[str, serializers.Field[Any, Any, Any, Any]] = {
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
class PartnerOutcomeSerializer(serializers.Serializer[Any]):
    deelnemer = serializers.UUIDField()
    respondenten = serializers.IntegerField(
        allow_null=True, help_text=gettext_lazy("Leeg als de gemiddelden leeg zijn: dan blijft ook het aantal anoniem.")
    )
    gemiddelden = AveragesSerializer(allow_null=True, help_text=gettext_lazy("Leeg onder de drie respondenten."))


@extend_schema_serializer(component_name="CheckIn")
class CheckInSerializer(serializers.Serializer[Any]):
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


def averages(found: "Averages | None") -> dict[str, Any] | None:
    if found is None:
        return None
    data: dict[str, Any] = {"respondenten": found.respondents, "relatie": found.relationship}
    data.update({api: found.scores.get(name) for name, api in SCORES.items()})
    return data


def checkin_data(checkin: "CheckIn") -> dict[str, Any]:
    """Only aggregates (samen.experiences.results decides what may be shown); never an answer."""
    results = queries.checkin_results(checkin)
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


class CheckInListView(ApiView):
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
        checkins = queries.checkins_of(collaboration)

        def attach(items: list["CheckIn"]) -> None:
            for item in items:
                item.collaboration = collaboration

        response = paginated(request, checkins, _CheckInRows, query_of(PageQuery, request), prepare=attach)
        return response


class _CheckInRows(serializers.Serializer[Any]):
    """Turns each check-in into its aggregates (``checkin_data``), then into the documented shape."""

    def to_representation(self, instance: "CheckIn") -> dict[str, Any]:
        return dict(CheckInSerializer(checkin_data(instance)).data)


# --- planning, closing and answering -----------------------------------------------------------


class CheckInScheduleSerializer(StrictSerializer):
    eersteOpenOp = DateField(help_text=gettext_lazy("De dag waarop de (eerste) check-in opengaat."))
    dagenOpen = serializers.IntegerField(required=False, default=14, min_value=1, max_value=60)
    aantal = serializers.IntegerField(
        required=False, default=1, min_value=1, max_value=12, help_text=gettext_lazy("Een reeks van 1 tot 12.")
    )
    tussenpoosWeken = serializers.IntegerField(required=False, default=6, min_value=1, max_value=26)
    titel = TextField(required=False, allow_blank=True, default="", max_length=150)


def _scores_serializer() -> type[StrictSerializer]:
    fields = {
        api: serializers.IntegerField(min_value=1, max_value=5, help_text=gettext_lazy("1 tot en met 5."))
        for api in SCORES.values()
    }
    return extend_schema_serializer(component_name="CheckInScores")(
        type("CheckInScoresSerializer", (StrictSerializer,), fields)
    )


class CheckInAnswerSerializer(StrictSerializer):
    deelnemer = UUIDField(help_text=gettext_lazy("De deelnemer namens wie u antwoordt (uw eigen organisatie)."))
    scores = _scores_serializer()()
    watGaatGoed = TextField(required=False, allow_blank=True, default="", max_length=2000)
    watSchuurt = TextField(required=False, allow_blank=True, default="", max_length=2000)
    overDeRelatie = TextField(required=False, allow_blank=True, default="", max_length=2000)


CHECKIN_ERROR_FIELDS = {
    "first_opens_on": "eersteOpenOp",
    "open_days": "dagenOpen",
    "count": "aantal",
    "interval_weeks": "tussenpoosWeken",
    "title": "titel",
    "going_well": "watGaatGoed",
    "sticking": "watSchuurt",
    "relationship_comment": "overDeRelatie",
    **{name: f"scores.{api}" for name, api in SCORES.items()},
}


def checkin_for(request: Request, pk: UUID) -> "CheckIn":
    collaboration_id = queries.collaboration_of_checkin(pk)
    if collaboration_id is None:
        raise Http404
    collaboration = experiences_of(request, collaboration_id)
    checkin = queries.checkin(pk)
    checkin.collaboration = collaboration
    return checkin


class CheckInsView(CheckInListView):
    error_fields = CHECKIN_ERROR_FIELDS

    @extend_schema(
        operation_id="checkInsPlannen",
        tags=TAGS,
        summary=gettext_lazy("Een check-in of een reeks check-ins plannen"),
        description=gettext_lazy(
            "Alleen de facilitator. De contactpersonen krijgen bericht als een check-in opengaat."
        ),
        request=CheckInScheduleSerializer,
        responses={201: CheckInSerializer(many=True)},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration = experiences_of(request, id)
        data = body_of(CheckInScheduleSerializer, request)
        created = checkins.schedule_checkins(
            collaboration=collaboration,
            by=request.user,
            first_opens_on=data["eersteOpenOp"],
            open_days=data["dagenOpen"],
            count=data["aantal"],
            interval_weeks=data["tussenpoosWeken"],
            title=data["titel"],
        )
        return Response([CheckInSerializer(checkin_data(c)).data for c in created], status=201)


class CheckInClosingsView(ApiView):
    @extend_schema(
        operation_id="checkInSluiten",
        tags=TAGS,
        summary=gettext_lazy("Een open check-in eerder sluiten, zodat de uitkomst zichtbaar wordt"),
        request=None,
        responses={200: CheckInSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        checkin = checkin_for(request, id)
        checkins.close_checkin(checkin=checkin, by=request.user)
        return Response(CheckInSerializer(checkin_data(checkin)).data)


class CheckInAnswersView(ApiView):
    error_fields = CHECKIN_ERROR_FIELDS
    idempotency_covers_body = False  # an Idempotency-Key row must not be matchable to the answer

    @extend_schema(
        operation_id="checkInBeantwoorden",
        tags=TAGS,
        summary=gettext_lazy("Een check-in invullen, anoniem"),
        description=gettext_lazy(
            "Elke contactpersoon antwoordt één keer. Het antwoord is daarna via geen enkel endpoint terug te "
            "lezen: Samen toont alleen gemiddelden, per deelnemer vanaf drie respondenten."
        ),
        request=CheckInAnswerSerializer,
        responses={204: None},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        checkin = checkin_for(request, id)
        data = body_of(CheckInAnswerSerializer, request)
        partner = partner_in(checkin.collaboration, data["deelnemer"], "deelnemer")
        assert partner is not None
        checkins.answer_checkin(
            checkin=checkin,
            by=request.user,
            partner=partner,
            scores={name: data["scores"][api] for name, api in SCORES.items()},
            going_well=data["watGaatGoed"],
            sticking=data["watSchuurt"],
            relationship_comment=data["overDeRelatie"],
        )
        return Response(status=204)
