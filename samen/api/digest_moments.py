"""Planning the raadsbrieven in the P&C cycle over the API, as on the raadsbrieven page.

A moment says when the councils must have a raadsbrief (and over which period). The facilitator plans
either the year's three standard moments at once (``raadsbriefplanningen``) or one with its own dates.
"""

from typing import Any
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.response import Response

from samen import permissions
from samen.api.base import ApiView, AuthedApiRequest, ChoiceField, DateField, StrictSerializer, TextField
from samen.api.pagination import PageQuery, page_serializer, paginated
from samen.api.views import body_of, http, query_of
from samen.collaborations.models import Collaboration
from samen.reports import services as reports
from samen.reports.models import DigestMoment, MomentKind

TAGS = ["Raadsbrieven"]


@extend_schema_serializer(component_name="Raadsbriefmoment")
class MomentSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    soort = serializers.ChoiceField(source="kind", choices=MomentKind.choices, read_only=True)
    jaar = serializers.IntegerField(source="year", read_only=True)
    omschrijving = serializers.CharField(source="title", read_only=True)
    uiterlijkOp = serializers.DateField(
        source="due_on", read_only=True, help_text=gettext_lazy("Wanneer de raden de raadsbrief moeten hebben.")
    )
    periodeVan = serializers.DateField(source="period_start", read_only=True)
    periodeTotEnMet = serializers.DateField(source="period_end", read_only=True)


class MomentCreateSerializer(StrictSerializer):
    soort = ChoiceField(choices=MomentKind.choices)
    jaar = serializers.IntegerField(min_value=2000, max_value=2100)
    omschrijving = TextField(required=False, allow_blank=True, default="", max_length=200)
    uiterlijkOp = DateField()
    periodeVan = DateField()
    periodeTotEnMet = DateField()


class CyclePlanSerializer(StrictSerializer):
    jaar = serializers.IntegerField(min_value=2000, max_value=2100)


@extend_schema_serializer(component_name="Raadsbriefplanning")
class PlannedSerializer(serializers.Serializer[Any]):
    jaar = serializers.IntegerField()
    momenten = MomentSerializer(many=True, help_text=gettext_lazy("De momenten die er nieuw bij kwamen."))


ERROR_FIELDS = {
    "kind": "soort",
    "year": "jaar",
    "title": "omschrijving",
    "due_on": "uiterlijkOp",
    "period_start": "periodeVan",
    "period_end": "periodeTotEnMet",
    "period_missing": "periodeVan",
    "duplicate": "soort",
}


def _collaboration(request: AuthedApiRequest, id: UUID) -> Collaboration:
    collaboration = permissions.get_collaboration_for(http(request), id)
    if not permissions.can_view_workspace(request.user, collaboration):
        raise Http404
    return collaboration


class MomentsView(ApiView):
    error_fields = ERROR_FIELDS

    @extend_schema(
        operation_id="raadsbriefmomentenLijst",
        tags=TAGS,
        summary=gettext_lazy("De geplande raadsbriefmomenten (leeg voor lezers, zoals op de pagina)"),
        parameters=[PageQuery],
        responses=page_serializer(MomentSerializer, "RaadsbriefmomentenPagina"),
    )
    def get(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration = _collaboration(request, id)
        moments = DigestMoment.objects.none()
        if permissions.can_view_digest_drafts(request.user, collaboration):
            moments = DigestMoment.objects.filter(collaboration=collaboration)
        return paginated(
            request, moments.order_by("due_on", "kind", "id"), MomentSerializer, query_of(PageQuery, request)
        )

    @extend_schema(
        operation_id="raadsbriefmomentPlannen",
        tags=TAGS,
        summary=gettext_lazy("Eén raadsbriefmoment plannen met eigen data (alleen de facilitator)"),
        request=MomentCreateSerializer,
        responses={201: MomentSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration = _collaboration(request, id)
        data = body_of(MomentCreateSerializer, request)
        moment = reports.plan_moment(
            collaboration=collaboration,
            by=request.user,
            kind=data["soort"],
            year=data["jaar"],
            title=data["omschrijving"],
            due_on=data["uiterlijkOp"],
            period_start=data["periodeVan"],
            period_end=data["periodeTotEnMet"],
        )
        return Response(MomentSerializer(moment).data, status=201)


class CyclePlansView(ApiView):
    error_fields = ERROR_FIELDS

    @extend_schema(
        operation_id="raadsbriefmomentenPlannen",
        tags=TAGS,
        summary=gettext_lazy("De kadernota-, ontwerpbegroting- en jaarrekeningmomenten van een jaar plannen"),
        description=gettext_lazy(
            "Alleen de facilitator. Momenten die er voor dat jaar al zijn, blijven zoals ze zijn; het antwoord "
            "noemt alleen de nieuwe."
        ),
        request=CyclePlanSerializer,
        responses={201: PlannedSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration = _collaboration(request, id)
        year = body_of(CyclePlanSerializer, request)["jaar"]
        created = reports.plan_cycle(collaboration=collaboration, by=request.user, year=year)
        return Response(PlannedSerializer({"jaar": year, "momenten": created}).data, status=201)
