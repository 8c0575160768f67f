"""Ben eerlijk over the API, writing: honesty rounds, a partner's declaration (draft, share, back to
draft), go / no-go per partner, and tensions for the catalogue. The same services and rules as the
pages: a draft is readable only inside its own partner, and only the bestuurlijk contact shares.
"""

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from samen import permissions
from samen.api.base import ApiView, AuthedApiRequest, ChoiceField, DateField, StrictSerializer, TextField
from samen.api.interests import TAGS, InterestSerializer, RedLineSerializer
from samen.api.pagination import PageQuery, page_serializer, paginated
from samen.api.views import body_of, http, query_of
from samen.collaborations.models import Collaboration, Partner
from samen.interests import queries
from samen.interests import services as interests
from samen.interests.choices import GoChoice

if TYPE_CHECKING:
    from samen.accounts.models import Person
    from samen.interests.models import Declaration, GoDecision, HonestyRound


@extend_schema_serializer(component_name="Eerlijkheidsronde")
class RoundSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    titel = serializers.CharField(source="title", read_only=True)
    deadline = serializers.DateField(read_only=True)
    geopendOp = serializers.DateTimeField(source="opened_at", read_only=True)
    geslotenOp = serializers.DateTimeField(source="closed_at", allow_null=True, read_only=True)


@extend_schema_serializer(component_name="EigenVerklaring")
class OwnDeclarationSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    deelnemer = serializers.UUIDField(source="partner_id", read_only=True)
    status = serializers.CharField(read_only=True)
    versie = serializers.IntegerField(source="version", read_only=True)
    intenties = serializers.CharField(source="intentions", read_only=True)
    belangen = InterestSerializer(source="interests.all", many=True, read_only=True)
    rodeLijnen = RedLineSerializer(source="red_lines.all", many=True, read_only=True)
    gedeeldOp = serializers.DateTimeField(source="shared_at", allow_null=True, read_only=True)


@extend_schema_serializer(component_name="GoBesluit")
class GoDecisionSerializer(serializers.Serializer[Any]):
    deelnemer = serializers.UUIDField(source="partner_id", read_only=True)
    besluit = serializers.CharField(source="decision", read_only=True)
    toelichting = serializers.CharField(source="reasons", read_only=True)
    besloten = serializers.DateTimeField(source="decided_at", read_only=True)


@extend_schema_serializer(component_name="EerlijkheidsrondeNieuw")
class RoundCreateSerializer(StrictSerializer):
    titel = TextField(max_length=200)
    deadline = DateField(help_text=gettext_lazy("Uiterlijk op deze dag delen de partners hun verklaring."))


class InterestInputSerializer(StrictSerializer):
    motief = TextField(max_length=60)
    gewicht = serializers.IntegerField(min_value=1, max_value=5)
    toelichting = TextField(required=False, allow_blank=True, default="", max_length=2000)


class RedLineInputSerializer(StrictSerializer):
    tekst = TextField(max_length=2000)
    motief = TextField(required=False, allow_blank=True, default="", max_length=60)


class DeclarationInputSerializer(StrictSerializer):
    intenties = TextField(required=False, allow_blank=True, default="", max_length=10_000)
    belangen = serializers.ListField(child=InterestInputSerializer(), max_length=40)
    rodeLijnen = serializers.ListField(child=RedLineInputSerializer(), max_length=40, required=False, default=list)
    versie = serializers.IntegerField(
        min_value=0,
        required=False,
        allow_null=True,
        default=None,
        help_text=gettext_lazy("De versie die u las (0 als er nog geen verklaring was); anders volgt 409."),
    )


class GoDecisionInputSerializer(StrictSerializer):
    besluit = ChoiceField(choices=GoChoice.choices)
    toelichting = TextField(required=False, allow_blank=True, default="", max_length=5000)


class TensionInputSerializer(StrictSerializer):
    motiefA = TextField(max_length=60)
    motiefB = TextField(max_length=60)
    vraag = TextField(
        max_length=2000, help_text=gettext_lazy("De vraag die het gesprek over deze spanning nodig heeft.")
    )


def round_for(request: Request, pk: UUID) -> "HonestyRound":
    collaboration_id = queries.collaboration_of_round(pk)
    if collaboration_id is None:
        raise Http404
    collaboration = permissions.get_collaboration_for(http(request), collaboration_id)
    if not permissions.is_contact(request.user, collaboration):
        raise Http404
    return queries.honesty_round(pk, collaboration)


def partner_of(collaboration: Collaboration, pk: UUID) -> Partner:
    partner = collaboration.partners.select_related("organisation").filter(pk=pk).first()
    if partner is None:
        raise Http404
    return partner


def own_declaration(honesty_round: "HonestyRound", partner: Partner, person: "Person") -> "Declaration":
    """The partner's declaration in this round, if the person may read it (its own partner, or shared)."""
    declaration = queries.declaration_of(honesty_round, partner)
    if declaration is None or not permissions.can_view_declaration(person, honesty_round.collaboration, declaration):
        raise Http404
    return declaration


class RoundsView(ApiView):
    error_fields = {"title": "titel", "deadline": "deadline"}

    @extend_schema(
        operation_id="eerlijkheidsrondesLijst",
        tags=TAGS,
        summary=gettext_lazy("Eerlijkheidsrondes van een samenwerking"),
        parameters=[PageQuery],
        responses=page_serializer(RoundSerializer, "EerlijkheidsrondesPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id)
        if not permissions.is_contact(request.user, collaboration):
            raise Http404
        return paginated(request, queries.rounds_of(collaboration), RoundSerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="eerlijkheidsrondeOpenen",
        tags=TAGS,
        summary=gettext_lazy("Een eerlijkheidsronde openen (de facilitator)"),
        description=gettext_lazy("Elke deelnemer begint met zijn verklaring uit de vorige ronde, als concept."),
        request=RoundCreateSerializer,
        responses={201: RoundSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id)
        data = body_of(RoundCreateSerializer, request)
        honesty_round = interests.open_round(
            collaboration=collaboration, by=request.user, title=data["titel"], deadline=data["deadline"]
        )
        return Response(RoundSerializer(honesty_round).data, status=201)


class RoundClosingsView(ApiView):
    @extend_schema(
        operation_id="eerlijkheidsrondeSluiten",
        tags=TAGS,
        summary=gettext_lazy("Een eerlijkheidsronde sluiten (de facilitator)"),
        request=None,
        responses={200: RoundSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        honesty_round = interests.close_round(honesty_round=round_for(request, id), by=request.user)
        return Response(RoundSerializer(honesty_round).data)


class OwnDeclarationView(ApiView):
    error_fields = {"interests": "belangen", "red_lines": "rodeLijnen", "intentions": "intenties"}

    @extend_schema(
        operation_id="verklaringVanDeelnemer",
        tags=TAGS,
        summary=gettext_lazy("De verklaring van een deelnemer in een ronde: het concept alleen voor de eigen partner"),
        responses={200: OwnDeclarationSerializer},
    )
    def get(self, request: AuthedApiRequest, id: UUID, deelnemerId: UUID) -> Response:
        honesty_round = round_for(request, id)
        declaration = own_declaration(honesty_round, partner_of(honesty_round.collaboration, deelnemerId), request.user)
        return Response(OwnDeclarationSerializer(declaration).data)

    @extend_schema(
        operation_id="verklaringOpslaan",
        tags=TAGS,
        summary=gettext_lazy("Het concept van de eigen verklaring opslaan: belangen, intenties, rode lijnen"),
        request=DeclarationInputSerializer,
        responses={200: OwnDeclarationSerializer, 409: OpenApiResponse(description="Intussen gewijzigd")},
    )
    def put(self, request: AuthedApiRequest, id: UUID, deelnemerId: UUID) -> Response:
        honesty_round = round_for(request, id)
        partner = partner_of(honesty_round.collaboration, deelnemerId)
        data = body_of(DeclarationInputSerializer, request)
        interests.save_declaration(
            honesty_round=honesty_round,
            partner=partner,
            by=request.user,
            intentions=data["intenties"],
            interests=[
                interests.InterestInput(motive=i["motief"], weight=i["gewicht"], explanation=i["toelichting"])
                for i in data["belangen"]
            ],
            red_lines=[interests.RedLineInput(text=r["tekst"], motive=r["motief"]) for r in data["rodeLijnen"]],
            expected_version=data["versie"],
        )
        return Response(OwnDeclarationSerializer(own_declaration(honesty_round, partner, request.user)).data)


def _declaration_step(request: AuthedApiRequest, id: UUID, deelnemerId: UUID, step: Any) -> Response:
    """Share or withdraw the partner's declaration, then answer with it as the person may now see it."""
    honesty_round = round_for(request, id)
    partner = partner_of(honesty_round.collaboration, deelnemerId)
    step(declaration=own_declaration(honesty_round, partner, request.user), by=request.user)
    return Response(OwnDeclarationSerializer(own_declaration(honesty_round, partner, request.user)).data)


class DeclarationSharingsView(ApiView):
    @extend_schema(
        operation_id="verklaringDelen",
        tags=TAGS,
        summary=gettext_lazy("De verklaring bevestigen en delen met alle deelnemers (het bestuurlijk contact)"),
        request=None,
        responses={200: OwnDeclarationSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID, deelnemerId: UUID) -> Response:
        return _declaration_step(request, id, deelnemerId, interests.share_declaration)


class DeclarationWithdrawalsView(ApiView):
    @extend_schema(
        operation_id="verklaringTerugzetten",
        tags=TAGS,
        summary=gettext_lazy("Een gedeelde verklaring terugzetten naar concept (het bestuurlijk contact)"),
        request=None,
        responses={200: OwnDeclarationSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID, deelnemerId: UUID) -> Response:
        return _declaration_step(request, id, deelnemerId, interests.reopen_declaration)


class GoDecisionView(ApiView):
    error_fields = {"decision": "besluit", "reasons": "toelichting"}

    @extend_schema(
        operation_id="goBesluitNemen",
        tags=TAGS,
        summary=gettext_lazy("Go, go met voorwaarden of no-go namens de deelnemer (het bestuurlijk contact)"),
        request=GoDecisionInputSerializer,
        responses={200: GoDecisionSerializer},
    )
    def put(self, request: AuthedApiRequest, id: UUID, deelnemerId: UUID) -> Response:
        honesty_round = round_for(request, id)
        partner = partner_of(honesty_round.collaboration, deelnemerId)
        data = body_of(GoDecisionInputSerializer, request)
        decision: GoDecision = interests.record_go_decision(
            honesty_round=honesty_round,
            partner=partner,
            by=request.user,
            decision=data["besluit"],
            reasons=data["toelichting"],
        )
        return Response(GoDecisionSerializer(decision).data)


class TensionsView(ApiView):
    error_fields = {"motive_a": "motiefA", "motive_b": "motiefB", "question": "vraag"}

    @extend_schema(
        operation_id="spanningToevoegen",
        tags=TAGS,
        summary=gettext_lazy("Een spanning tussen twee motieven toevoegen, met de vraag voor het gesprek"),
        request=TensionInputSerializer,
        responses={201: TensionInputSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id)
        data = body_of(TensionInputSerializer, request)
        tension = interests.add_tension(
            collaboration=collaboration,
            by=request.user,
            motive_a=data["motiefA"],
            motive_b=data["motiefB"],
            question=data["vraag"],
        )
        return Response(
            {"motiefA": tension.motive_a, "motiefB": tension.motive_b, "vraag": tension.question}, status=201
        )
