"""Ben eerlijk over the API, read only: ambitions with each partner's pledge, and shared declarations.

Declarations that are still drafts stay inside the partner, here too: the API shows shared ones only.
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
from samen.api.base import ApiView, AuthedApiRequest, StrictSerializer, TextField, UUIDField
from samen.api.goals import PersonBriefSerializer
from samen.api.pagination import PageQuery, page_serializer, paginated
from samen.api.serializers import BlankAsNullCharField, OrganisationRefSerializer
from samen.api.views import body_of, http, query_of, resolve
from samen.collaborations.models import Partner
from samen.interests import queries
from samen.interests import services as interests

if TYPE_CHECKING:
    from samen.interests.models import Ambition

TAGS = ["Ambities en belangen"]


class Money(serializers.DecimalField):
    def __init__(self, max_digits: int, decimal_places: int, **kwargs: Any) -> None:
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("read_only", True)
        super().__init__(max_digits, decimal_places, coerce_to_string=False, **kwargs)


@extend_schema_serializer(component_name="Toezegging")
class PledgeSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    deelnemer = serializers.UUIDField(source="partner_id", read_only=True)
    urgentie = serializers.IntegerField(source="urgency", read_only=True, help_text=gettext_lazy("1 tot en met 5."))
    urenPerMaand = Money(8, 1, source="hours_per_month")
    fte = Money(6, 2)
    budgetEuro = Money(14, 2, source="budget_euros")
    toelichting = BlankAsNullCharField(source="capacity_notes")
    opgegevenOp = serializers.DateTimeField(source="pledged_at", read_only=True)


@extend_schema_serializer(component_name="Ambitie")
class AmbitionSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    titel = serializers.CharField(source="title", read_only=True)
    omschrijving = BlankAsNullCharField(source="description")
    horizonJaar = serializers.IntegerField(source="horizon_year", allow_null=True, read_only=True)
    nodigUrenPerMaand = Money(10, 1, source="needed_hours_per_month")
    nodigBudgetEuro = Money(14, 2, source="needed_budget_euros")
    toezeggingen = PledgeSerializer(
        source="current_pledges",
        many=True,
        read_only=True,
        help_text=gettext_lazy("De huidige inzet van elke deelnemer: urgentie, uren, fte en budget."),
    )
    aangemaaktOp = serializers.DateTimeField(source="created_at", read_only=True)


@extend_schema_serializer(component_name="Belang")
class InterestSerializer(serializers.Serializer[Any]):
    motief = serializers.CharField(source="motive", read_only=True)
    gewicht = serializers.IntegerField(source="weight", read_only=True, help_text=gettext_lazy("1 tot en met 5."))
    toelichting = BlankAsNullCharField(source="explanation")


@extend_schema_serializer(component_name="RodeLijn")
class RedLineSerializer(serializers.Serializer[Any]):
    tekst = serializers.CharField(source="text", read_only=True)
    motief = BlankAsNullCharField(source="motive")


@extend_schema_serializer(component_name="RondeKort")
class RoundBriefSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    titel = serializers.CharField(source="title", read_only=True)


@extend_schema_serializer(component_name="Verklaring")
class DeclarationSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    ronde = RoundBriefSerializer(source="round", read_only=True)
    deelnemer = serializers.UUIDField(source="partner_id", read_only=True)
    organisatie = OrganisationRefSerializer(source="partner.organisation", read_only=True)
    intenties = BlankAsNullCharField(source="intentions")
    belangen = InterestSerializer(source="interests.all", many=True, read_only=True)
    rodeLijnen = RedLineSerializer(source="red_lines.all", many=True, read_only=True)
    gedeeldDoor = PersonBriefSerializer(source="shared_by", allow_null=True, read_only=True)
    gedeeldOp = serializers.DateTimeField(source="shared_at", allow_null=True, read_only=True)


class AmbitionCreateSerializer(StrictSerializer):
    titel = TextField(max_length=200)
    omschrijving = TextField(required=False, allow_blank=True, default="", max_length=10_000)
    horizonJaar = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=2000, max_value=2100
    )
    nodigUrenPerMaand = serializers.DecimalField(
        max_digits=10, decimal_places=1, coerce_to_string=False, required=False, allow_null=True, default=None
    )
    nodigBudgetEuro = serializers.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=False, required=False, allow_null=True, default=None
    )


class PledgeCreateSerializer(StrictSerializer):
    deelnemer = UUIDField(help_text=gettext_lazy("De deelnemer die toezegt (uw eigen organisatie)."))
    urgentie = serializers.IntegerField(min_value=1, max_value=5)
    urenPerMaand = serializers.DecimalField(
        max_digits=8, decimal_places=1, coerce_to_string=False, required=False, allow_null=True, default=None
    )
    fte = serializers.DecimalField(
        max_digits=6, decimal_places=2, coerce_to_string=False, required=False, allow_null=True, default=None
    )
    budgetEuro = serializers.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=False, required=False, allow_null=True, default=None
    )
    toelichting = TextField(required=False, allow_blank=True, default="", max_length=5_000)
    vervangt = UUIDField(
        required=False,
        allow_null=True,
        help_text=gettext_lazy(
            "De id van de toezegging die u zag (leeg als er nog geen was). Heeft een collega intussen een "
            "nieuwe toezegging gedaan, dan volgt 409 en verandert er niets. Weglaten: niet controleren."
        ),
    )


class AmbitionsView(ApiView):
    error_fields = {
        "title": "titel",
        "description": "omschrijving",
        "horizon_year": "horizonJaar",
        "needed_hours_per_month": "nodigUrenPerMaand",
        "needed_budget_euros": "nodigBudgetEuro",
    }

    @extend_schema(
        operation_id="ambitiesLijst",
        tags=TAGS,
        summary=gettext_lazy("Ambities van een samenwerking, met de huidige inzet van elke deelnemer"),
        parameters=[PageQuery],
        responses=page_serializer(AmbitionSerializer, "AmbitiesPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id)
        ambitions = queries.ambitions_with_current_pledges(collaboration)
        return paginated(request, ambitions, AmbitionSerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="ambitieToevoegen",
        tags=TAGS,
        summary=gettext_lazy("Een ambitie toevoegen"),
        description=gettext_lazy("De facilitator en de contactpersonen van de deelnemers."),
        request=AmbitionCreateSerializer,
        responses={201: AmbitionSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id)
        data = body_of(AmbitionCreateSerializer, request)
        ambition = interests.create_ambition(
            collaboration=collaboration,
            by=request.user,
            title=data["titel"],
            description=data["omschrijving"],
            horizon_year=data["horizonJaar"],
            needed_hours_per_month=data["nodigUrenPerMaand"],
            needed_budget_euros=data["nodigBudgetEuro"],
        )
        ambition.current_pledges = []  # type: ignore[attr-defined]
        return Response(AmbitionSerializer(ambition).data, status=201)


class PledgesView(ApiView):
    error_fields = {
        "urgency": "urgentie",
        "hours_per_month": "urenPerMaand",
        "fte": "fte",
        "budget_euros": "budgetEuro",
        "capacity_notes": "toelichting",
    }

    @extend_schema(
        operation_id="toezeggingDoen",
        tags=TAGS,
        summary=gettext_lazy("Toezeggen wat uw organisatie inzet voor een ambitie"),
        description=gettext_lazy("Een nieuwe toezegging vervangt de vorige; de vorige blijft in de geschiedenis."),
        request=PledgeCreateSerializer,
        responses={201: PledgeSerializer, 409: OpenApiResponse(description="Intussen gewijzigd")},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        ambition = ambition_for(request, id)
        collaboration = ambition.collaboration
        data = body_of(PledgeCreateSerializer, request)
        partner = resolve(Partner, [data["deelnemer"]], "deelnemer", collaboration.partners.all())[0]
        pledge = interests.pledge(
            ambition=ambition,
            partner=partner,
            by=request.user,
            urgency=data["urgentie"],
            hours_per_month=data["urenPerMaand"],
            fte=data["fte"],
            budget_euros=data["budgetEuro"],
            capacity_notes=data["toelichting"],
            replaces=data.get("vervangt", interests.ANY),
        )
        return Response(PledgeSerializer(pledge).data, status=201)


class DeclarationsView(ApiView):
    @extend_schema(
        operation_id="verklaringenLijst",
        tags=TAGS,
        summary=gettext_lazy("Gedeelde verklaringen: belangen, intenties en rode lijnen per deelnemer"),
        description=gettext_lazy("Alleen verklaringen die de deelnemer heeft gedeeld; concepten nooit."),
        parameters=[PageQuery],
        responses=page_serializer(DeclarationSerializer, "VerklaringenPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id)
        return paginated(
            request, queries.shared_declarations(collaboration), DeclarationSerializer, query_of(PageQuery, request)
        )


class AmbitionUpdateSerializer(AmbitionCreateSerializer):
    versie = serializers.IntegerField(min_value=1, help_text=gettext_lazy("De versie die u las; anders volgt 409."))


def ambition_for(request: Request, pk: UUID) -> "Ambition":
    collaboration_id = queries.collaboration_of_ambition(pk)
    if collaboration_id is None:
        raise Http404
    return queries.ambition(pk, permissions.get_collaboration_for(http(request), collaboration_id))


class AmbitionView(ApiView):
    error_fields = AmbitionsView.error_fields

    @extend_schema(
        operation_id="ambitieWijzigen",
        tags=TAGS,
        summary=gettext_lazy("Een ambitie wijzigen"),
        request=AmbitionUpdateSerializer,
        responses={200: AmbitionSerializer, 409: OpenApiResponse(description="Intussen gewijzigd")},
    )
    def put(self, request: AuthedApiRequest, id: UUID) -> Response:
        ambition = ambition_for(request, id)
        data = body_of(AmbitionUpdateSerializer, request)
        ambition = interests.update_ambition(
            ambition=ambition,
            by=request.user,
            expected_version=data["versie"],
            title=data["titel"],
            description=data["omschrijving"],
            horizon_year=data["horizonJaar"],
            needed_hours_per_month=data["nodigUrenPerMaand"],
            needed_budget_euros=data["nodigBudgetEuro"],
        )
        return Response(AmbitionSerializer(queries.with_current_pledges(ambition)).data)

    @extend_schema(
        operation_id="ambitieVerwijderen",
        tags=TAGS,
        summary=gettext_lazy("Een ambitie verwijderen (de facilitator)"),
        responses={204: None},
    )
    def delete(self, request: AuthedApiRequest, id: UUID) -> Response:
        interests.remove_ambition(ambition=ambition_for(request, id), by=request.user)
        return Response(status=204)


class MotiveCreateSerializer(StrictSerializer):
    naam = TextField(max_length=120)
    omschrijving = TextField(required=False, allow_blank=True, default="", max_length=2000)


class MotivesView(ApiView):
    error_fields = {"name": "naam", "description": "omschrijving"}

    @extend_schema(
        operation_id="motiefToevoegen",
        tags=TAGS,
        summary=gettext_lazy("Een motief toevoegen aan de catalogus van deze samenwerking (de facilitator)"),
        request=MotiveCreateSerializer,
        responses={201: MotiveCreateSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id)
        data = body_of(MotiveCreateSerializer, request)
        motive = interests.add_motive(
            collaboration=collaboration, by=request.user, name=data["naam"], description=data["omschrijving"]
        )
        return Response({"naam": motive.name, "omschrijving": motive.description}, status=201)
