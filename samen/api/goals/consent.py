"""Consent per partner: rounds, ambtelijk advice and the bestuurlijk decision."""

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from samen.api.base import ApiView, AuthedApiRequest, ChoiceField, DateField, StrictSerializer, TextField, UUIDField
from samen.api.goals.common import TAGS, PersonBriefSerializer, goal_for, partner_of
from samen.api.goals.drafting import VersionBriefSerializer, goal_response
from samen.api.pagination import PageQuery, page_serializer, paginated
from samen.api.serializers import BlankAsNullCharField
from samen.api.views import Conflict, body_of, query_of
from samen.goals import queries, services
from samen.goals.choices import AdviceKind, DecisionKind, RoundStatus

if TYPE_CHECKING:
    from samen.goals.models import ConsentRound, Goal


@extend_schema_serializer(component_name="Besluit")
class DecisionSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    deelnemer = serializers.UUIDField(source="partner_id", read_only=True)
    besluit = serializers.ChoiceField(source="kind", choices=DecisionKind.choices, read_only=True)
    toelichting = BlankAsNullCharField(source="text")
    beslotenDoor = PersonBriefSerializer(source="person", read_only=True)
    beslotenOp = serializers.DateTimeField(source="decided_at", read_only=True)
    keerGewijzigd = serializers.IntegerField(source="changes", read_only=True)


@extend_schema_serializer(component_name="Advies")
class AdviceSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    deelnemer = serializers.UUIDField(source="partner_id", read_only=True)
    advies = serializers.ChoiceField(source="kind", choices=AdviceKind.choices, read_only=True)
    toelichting = BlankAsNullCharField(source="text")
    adviseur = PersonBriefSerializer(source="person", read_only=True)
    gegevenOp = serializers.DateTimeField(source="given_at", read_only=True)


@extend_schema_serializer(component_name="Stand")
class TallySerializer(serializers.Serializer[Any]):
    totaal = serializers.IntegerField(source="total")
    ingestemd = serializers.IntegerField(source="consented")
    bezwaar = serializers.IntegerField(source="objected")
    onthouding = serializers.IntegerField(source="abstained")
    wachtOp = serializers.SerializerMethodField(help_text=gettext_lazy("Deelnemers die nog moeten besluiten."))
    vaststelbaar = serializers.BooleanField(source="adoptable")

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_wachtOp(self, tally: Any) -> list[str]:
        return [str(partner.pk) for partner in tally.waiting]


@extend_schema_serializer(component_name="Instemmingsronde")
class RoundSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    versie = VersionBriefSerializer(source="version", read_only=True)
    status = serializers.ChoiceField(choices=RoundStatus.choices, read_only=True)
    geopendOp = serializers.DateTimeField(source="opened_at", read_only=True)
    uiterlijkeDatum = serializers.DateField(source="deadline", read_only=True)
    geslotenOp = serializers.DateTimeField(source="closed_at", allow_null=True, read_only=True)
    besluiten = DecisionSerializer(source="decisions.all", many=True, read_only=True)
    adviezen = AdviceSerializer(source="advice.all", many=True, read_only=True)
    stand = serializers.SerializerMethodField(help_text=gettext_lazy("Alleen bij een open ronde."))

    @extend_schema_field(TallySerializer(allow_null=True))
    def get_stand(self, consent_round: "ConsentRound") -> dict[str, Any] | None:
        if not consent_round.is_open:
            return None
        return dict(TallySerializer(services.round_tally(consent_round)).data)


class RoundCreateSerializer(StrictSerializer):
    uiterlijkeDatum = DateField(help_text=gettext_lazy("De datum waarvóór de deelnemers besluiten."))


class DecisionCreateSerializer(StrictSerializer):
    deelnemer = UUIDField(help_text=gettext_lazy("De deelnemer namens wie u besluit."))
    besluit = ChoiceField(choices=DecisionKind.choices)
    toelichting = TextField(required=False, allow_blank=True, default="", max_length=10_000)


class AdviceCreateSerializer(StrictSerializer):
    deelnemer = UUIDField(help_text=gettext_lazy("De deelnemer die u adviseert."))
    advies = ChoiceField(choices=AdviceKind.choices)
    toelichting = TextField(required=False, allow_blank=True, default="", max_length=10_000)


def open_round_of(goal: "Goal") -> "ConsentRound":
    consent_round = goal.open_round()
    if consent_round is None:
        raise Conflict(_("Over dit doel loopt geen instemmingsronde."))
    consent_round.goal = goal
    return consent_round


class RoundsView(ApiView):
    error_fields = {"deadline": "uiterlijkeDatum"}

    @extend_schema(
        operation_id="instemmingsrondesLijst",
        tags=TAGS,
        summary=gettext_lazy("Instemmingsrondes over een doel, met adviezen, besluiten en de stand"),
        description=gettext_lazy("Voor wie in de samenwerking werkt; nieuwste eerst."),
        parameters=[PageQuery],
        responses=page_serializer(RoundSerializer, "InstemmingsrondesPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        goal, drafts = goal_for(request, id)
        if not drafts:
            raise Http404
        rounds = queries.consent_rounds_of(goal)

        def attach(items: list["ConsentRound"]) -> None:
            for item in items:
                item.goal = goal

        return paginated(request, rounds, RoundSerializer, query_of(PageQuery, request), prepare=attach)

    @extend_schema(
        operation_id="instemmingsrondeOpenen",
        tags=TAGS,
        summary=gettext_lazy("Het concept aan de deelnemers voorleggen"),
        description=gettext_lazy("Kan pas als elke deelnemer heeft beschreven wat het doel oplevert."),
        request=RoundCreateSerializer,
        responses={201: RoundSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        goal, _drafts = goal_for(request, id)
        data = body_of(RoundCreateSerializer, request)
        consent_round = services.open_consent_round(goal=goal, by=request.user, deadline=data["uiterlijkeDatum"])
        consent_round.goal = goal
        return Response(RoundSerializer(consent_round).data, status=201)


class DecisionsView(ApiView):
    error_fields = {"kind": "besluit", "text": "toelichting", "partner": "deelnemer"}

    @extend_schema(
        operation_id="instemmingVastleggen",
        tags=TAGS,
        summary=gettext_lazy("Het besluit van een deelnemer in de open instemmingsronde"),
        description=gettext_lazy(
            "Alleen de bestuurlijk contactpersoon van de deelnemer. Een nieuw besluit vervangt het vorige zolang "
            "de ronde open is; het laatste besluit dat de ronde rond maakt, stelt het doel vast."
        ),
        request=DecisionCreateSerializer,
        responses={201: DecisionSerializer, 409: OpenApiResponse(description="Geen open ronde")},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        goal, _drafts = goal_for(request, id)
        data = body_of(DecisionCreateSerializer, request)
        partner = partner_of(goal.collaboration, data["deelnemer"])
        assert partner is not None
        decision = services.record_decision(
            consent_round=open_round_of(goal),
            partner=partner,
            by=request.user,
            kind=data["besluit"],
            text=data["toelichting"],
        )
        return Response(DecisionSerializer(decision).data, status=201)


class AdviceView(ApiView):
    error_fields = {"kind": "advies", "text": "toelichting", "partner": "deelnemer"}

    @extend_schema(
        operation_id="adviesGeven",
        tags=TAGS,
        summary=gettext_lazy("Ambtelijk advies aan het eigen bestuur in de open instemmingsronde"),
        request=AdviceCreateSerializer,
        responses={201: AdviceSerializer, 409: OpenApiResponse(description="Geen open ronde")},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        goal, _drafts = goal_for(request, id)
        data = body_of(AdviceCreateSerializer, request)
        partner = partner_of(goal.collaboration, data["deelnemer"])
        assert partner is not None
        advice = services.record_advice(
            consent_round=open_round_of(goal),
            partner=partner,
            by=request.user,
            kind=data["advies"],
            text=data["toelichting"],
        )
        return Response(AdviceSerializer(advice).data, status=201)


class AdoptionsView(ApiView):
    @extend_schema(
        operation_id="doelVaststellen",
        tags=TAGS,
        summary=gettext_lazy("Het doel vaststellen als de open ronde rond is"),
        description=gettext_lazy(
            "Nodig als een partner vertrok na het laatste besluit; anders stelt het laatste besluit het doel al vast."
        ),
        request=None,
        responses={
            200: OpenApiResponse(description="Vastgesteld"),
            409: OpenApiResponse(description="Geen open ronde"),
        },
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        goal, drafts = goal_for(request, id)
        services.adopt_goal(consent_round=open_round_of(goal), by=request.user)
        return goal_response(goal, drafts)
