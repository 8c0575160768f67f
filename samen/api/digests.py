"""Raadsbrieven over the API: compose, edit, refresh, offer for approval, approve per partner, publish.

Readers (councillors) see published raadsbrieven only, as on the pages. The PDF is made by the
worker for the page; the API links to it (``pdf``) rather than rendering one in a request.
"""

from typing import Any
from uuid import UUID

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from samen import permissions
from samen.api.base import ApiView, AuthedApiRequest, DateField, StrictSerializer, TextField, UUIDField
from samen.api.pagination import PageQuery, page_serializer, paginated
from samen.api.views import body_of, http, query_of, resolve
from samen.collaborations.models import Partner
from samen.reports import services as reports
from samen.reports.models import CouncilDigest, DigestStatus

TAGS = ["Raadsbrieven"]


@extend_schema_serializer(component_name="Raadsbrief")
class DigestSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    titel = serializers.CharField(source="title", read_only=True)
    samenvatting = serializers.CharField(source="summary", read_only=True)
    periodeVan = serializers.DateField(source="period_start", read_only=True)
    periodeTotEnMet = serializers.DateField(source="period_end", read_only=True)
    status = serializers.ChoiceField(choices=DigestStatus.choices, read_only=True)
    versie = serializers.IntegerField(source="version", read_only=True)
    goedgekeurdDoor = serializers.SerializerMethodField(
        help_text=gettext_lazy("De deelnemers waarvan het bestuurlijk contact heeft goedgekeurd.")
    )
    gepubliceerdOp = serializers.DateTimeField(source="published_at", allow_null=True, read_only=True)
    pcMoment = serializers.CharField(
        source="pc_value",
        read_only=True,
        help_text=gettext_lazy(
            "Het moment in de P&C-planning van de regeling waar de raadsbrief bij hoort, als jaar:moment "
            "(bijvoorbeeld 2026:ontwerpbegroting); leeg als er geen is."
        ),
    )
    pdf = serializers.SerializerMethodField(
        help_text=gettext_lazy("De pagina waar de PDF klaarstaat of wordt gemaakt.")
    )

    def get_goedgekeurdDoor(self, digest: CouncilDigest) -> list[str]:
        return [str(pk) for pk in digest.approvals.values_list("partner_id", flat=True)]

    def get_pdf(self, digest: CouncilDigest) -> str:
        return settings.SITE_URL.rstrip("/") + reverse("reports:pdf", args=[digest.collaboration_id, digest.pk])


PC_MOMENT_HELP = gettext_lazy(
    "Het moment in de P&C-planning van de regeling (jaar:moment, zoals in pcMoment); leeg voor geen."
)


class DigestCreateSerializer(StrictSerializer):
    periodeVan = DateField()
    periodeTotEnMet = DateField()
    titel = TextField(required=False, allow_blank=True, default="", max_length=200)
    pcMoment = TextField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text=gettext_lazy(
            "Het moment in de P&C-planning van de regeling (jaar:moment, zoals in pcMoment); leeg voor geen, "
            "weggelaten voor het eerstvolgende moment."
        ),
    )


class PcMomentSerializer(StrictSerializer):
    pcMoment = TextField(allow_blank=True, max_length=100, help_text=PC_MOMENT_HELP)


class DigestUpdateSerializer(StrictSerializer):
    titel = TextField(max_length=200)
    samenvatting = TextField(required=False, allow_blank=True, default="", max_length=20_000)
    versie = serializers.IntegerField(
        min_value=0, help_text=gettext_lazy("De versie die u las; heeft een ander intussen opgeslagen, dan volgt 409.")
    )


class ApprovalSerializer(StrictSerializer):
    deelnemer = UUIDField(help_text=gettext_lazy("De deelnemer namens wie u goedkeurt."))


ERROR_FIELDS = {
    "period_start": "periodeVan",
    "period_end": "periodeTotEnMet",
    "title": "titel",
    "summary": "samenvatting",
    "pc_moment": "pcMoment",
}


def digest_for(request: Request, pk: UUID) -> CouncilDigest:
    collaboration_id = CouncilDigest.objects.filter(pk=pk).values_list("collaboration_id", flat=True).first()
    if collaboration_id is None:
        raise Http404
    collaboration = permissions.get_collaboration_for(http(request), collaboration_id)
    drafts = permissions.can_view_digest_drafts(request.user, collaboration)
    digest = CouncilDigest.objects.for_collaboration(collaboration, drafts=drafts).filter(pk=pk).first()
    if digest is None or not permissions.can_view_workspace(request.user, collaboration):
        raise Http404
    digest.collaboration = collaboration
    return digest


class DigestsView(ApiView):
    error_fields = ERROR_FIELDS

    @extend_schema(
        operation_id="raadsbrievenLijst",
        tags=TAGS,
        summary=gettext_lazy("Raadsbrieven van een samenwerking (voor lezers alleen de gepubliceerde)"),
        parameters=[PageQuery],
        responses=page_serializer(DigestSerializer, "RaadsbrievenPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id)
        if not permissions.can_view_workspace(request.user, collaboration):
            raise Http404
        drafts = permissions.can_view_digest_drafts(request.user, collaboration)
        digests = CouncilDigest.objects.for_collaboration(collaboration, drafts=drafts).order_by(
            "-period_end", "-created_at", "id"
        )
        return paginated(request, digests, DigestSerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="raadsbriefOpstellen",
        tags=TAGS,
        summary=gettext_lazy("Een raadsbrief opstellen over een periode; Samen zet de feiten erin"),
        request=DigestCreateSerializer,
        responses={201: DigestSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id)
        data = body_of(DigestCreateSerializer, request)
        digest = reports.create_digest(
            collaboration=collaboration,
            by=request.user,
            period_start=data["periodeVan"],
            period_end=data["periodeTotEnMet"],
            title=data["titel"],
            pc_moment=data.get("pcMoment"),
        )
        return Response(DigestSerializer(digest).data, status=201)


class DigestView(ApiView):
    error_fields = ERROR_FIELDS

    @extend_schema(operation_id="raadsbrief", tags=TAGS, responses={200: DigestSerializer})
    def get(self, request: Request, id: UUID) -> Response:
        return Response(DigestSerializer(digest_for(request, id)).data)

    @extend_schema(
        operation_id="raadsbriefWijzigen",
        tags=TAGS,
        summary=gettext_lazy("Titel en samenvatting wijzigen; goedkeuringen beginnen dan opnieuw"),
        request=DigestUpdateSerializer,
        responses={200: DigestSerializer, 409: OpenApiResponse(description="Intussen gewijzigd")},
    )
    def patch(self, request: AuthedApiRequest, id: UUID) -> Response:
        digest = digest_for(request, id)
        data = body_of(DigestUpdateSerializer, request)
        digest = reports.update_digest(
            digest=digest,
            by=request.user,
            expected_version=data["versie"],
            title=data["titel"],
            summary=data["samenvatting"],
        )
        return Response(DigestSerializer(digest).data)


class PcMomentView(ApiView):
    error_fields = ERROR_FIELDS

    @extend_schema(
        operation_id="raadsbriefPcMomentKiezen",
        tags=TAGS,
        summary=gettext_lazy("Het P&C-moment van een concept-raadsbrief kiezen (of geen)"),
        request=PcMomentSerializer,
        responses={200: DigestSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        digest = digest_for(request, id)
        data = body_of(PcMomentSerializer, request)
        digest = reports.link_pc_moment(digest=digest, by=request.user, pc_moment=data["pcMoment"])
        return Response(DigestSerializer(digest).data)


def _action(name: str, summary: Any, service: Any) -> type[ApiView]:
    class ActionView(ApiView):
        @extend_schema(operation_id=name, tags=TAGS, summary=summary, request=None, responses={200: DigestSerializer})
        def post(self, request: Request, id: UUID) -> Response:
            digest = service(digest=digest_for(request, id), by=request.user)
            return Response(DigestSerializer(digest).data)

    ActionView.__name__ = ActionView.__qualname__ = f"{name[0].upper()}{name[1:]}View"
    return ActionView


RefreshesView = _action(
    "raadsbriefVerversen", gettext_lazy("De feiten opnieuw ophalen (alleen vóór publicatie)"), reports.refresh_digest
)
SubmissionsView = _action(
    "raadsbriefAanbieden", gettext_lazy("Ter goedkeuring aanbieden aan de bestuurlijk contacten"), reports.submit_digest
)
PublicationsView = _action(
    "raadsbriefPubliceren",
    gettext_lazy("Publiceren voor de raden, als elke deelnemer heeft goedgekeurd"),
    reports.publish_digest,
)


class ApprovalsView(ApiView):
    @extend_schema(
        operation_id="raadsbriefGoedkeuren",
        tags=TAGS,
        summary=gettext_lazy("Goedkeuren namens een deelnemer (het bestuurlijk contact)"),
        request=ApprovalSerializer,
        responses={200: DigestSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        digest = digest_for(request, id)
        data = body_of(ApprovalSerializer, request)
        partner: Partner = resolve(
            Partner, [data["deelnemer"]], "deelnemer", digest.collaboration.partners.select_related("organisation")
        )[0]
        reports.approve_digest(digest=digest, partner=partner, by=request.user)
        return Response(DigestSerializer(digest).data)
