"""Raadsgrip over the API: the P&C calendar, the documents, the councils' zienswijzen and the key figures."""

from typing import Any
from uuid import UUID

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import parsers, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from samen import permissions
from samen.api.base import (
    ApiView,
    AuthedApiRequest,
    ChoiceField,
    DateField,
    JSONParser,
    QuerySerializer,
    StrictSerializer,
    TextField,
    UUIDField,
)
from samen.api.pagination import PageQuery, page_serializer, paginated
from samen.api.views import body_of, http, query_of, resolve
from samen.collaborations.models import Collaboration, Partner
from samen.core import dates
from samen.council import pages, services
from samen.council.models import Document, DocumentKind, KeyFigures, Stance, Zienswijze

TAGS = ["Raadsgrip"]


class YearQuery(QuerySerializer):
    jaar = serializers.IntegerField(
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=gettext_lazy("Het jaar van de cyclus; standaard dit jaar."),
    )


@extend_schema_serializer(component_name="PcMoment")
class MomentSerializer(serializers.Serializer[Any]):
    soort = serializers.CharField(help_text=gettext_lazy("kaderbrief, ontwerpbegroting, zienswijzen, ... of eigen."))
    omschrijving = serializers.CharField()
    uiterlijk = serializers.DateField(help_text=gettext_lazy("De laatste dag waarop het op tijd is."))
    grondslag = serializers.CharField()
    verlengdVan = serializers.DateField(
        allow_null=True, help_text=gettext_lazy("Gezet als de Algemene termijnenwet het einde verschoof.")
    )
    afgeleid = serializers.BooleanField()
    stuk = serializers.UUIDField(allow_null=True)
    teLaat = serializers.BooleanField()


@extend_schema_serializer(component_name="PcPlanning")
class CalendarSerializer(serializers.Serializer[Any]):
    jaar = serializers.IntegerField()
    momenten = MomentSerializer(many=True)


@extend_schema_serializer(component_name="PcStuk")
class DocumentSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    samenwerking = serializers.UUIDField(source="collaboration_id", read_only=True)
    jaar = serializers.IntegerField(source="year", read_only=True)
    soort = serializers.CharField(source="kind", read_only=True)
    titel = serializers.CharField(source="title", read_only=True)
    verzondenOp = serializers.DateField(source="sent_on", read_only=True)
    link = serializers.CharField(read_only=True)
    heeftBestand = serializers.SerializerMethodField()
    vraagtZienswijzen = serializers.BooleanField(source="asks_zienswijze", read_only=True)
    termijnZienswijzenTot = serializers.DateField(source="zienswijze_until", allow_null=True, read_only=True)

    def get_heeftBestand(self, document: Document) -> bool:
        return bool(document.file)


class DocumentCreateSerializer(StrictSerializer):
    jaar = serializers.IntegerField(min_value=2000, max_value=2100)
    soort = ChoiceField(choices=DocumentKind.choices)
    titel = TextField(max_length=300)
    verzondenOp = DateField()
    link = serializers.URLField(
        max_length=500, help_text=gettext_lazy("Een bestand uploadt u als multipart/form-data (veld bestand).")
    )
    vraagtZienswijzen = serializers.BooleanField(required=False, allow_null=True, default=None)


class DocumentUploadSerializer(StrictSerializer):
    """The same fields as a form (multipart/form-data), with the file instead of a link."""

    jaar = serializers.IntegerField(min_value=2000, max_value=2100)
    soort = serializers.ChoiceField(choices=DocumentKind.choices)
    titel = serializers.CharField(max_length=300)
    verzondenOp = serializers.DateField(validators=[dates.validate_sane_date])
    bestand = serializers.FileField(
        help_text=gettext_lazy("PDF, Word, Excel of OpenDocument, hoogstens 20 MB; Samen kijkt naar de inhoud.")
    )
    vraagtZienswijzen = serializers.BooleanField(required=False, allow_null=True, default=None)


@extend_schema_serializer(component_name="Zienswijze")
class ZienswijzeSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    stuk = serializers.UUIDField(source="document_id", read_only=True)
    deelnemer = serializers.UUIDField(source="partner_id", read_only=True)
    strekking = serializers.CharField(source="stance", read_only=True)
    tekst = serializers.CharField(source="text", read_only=True)
    themas = serializers.ListField(source="themes", child=serializers.CharField(), read_only=True)
    datumRaadsbesluit = serializers.DateField(source="decided_on", allow_null=True, read_only=True)
    vastgesteldOp = serializers.DateTimeField(source="adopted_at", allow_null=True, read_only=True)
    reactie = serializers.CharField(source="response", read_only=True)


class ZienswijzeCreateSerializer(StrictSerializer):
    deelnemer = UUIDField()
    strekking = ChoiceField(choices=Stance.choices)
    tekst = TextField(max_length=20000)
    themas = serializers.ListField(child=TextField(max_length=60), required=False, default=list, max_length=10)
    datumRaadsbesluit = DateField(required=False, allow_null=True, default=None)
    vaststellen = serializers.BooleanField(
        required=False, default=False, help_text=gettext_lazy("Waar: de raad heeft besloten; de zienswijze ligt vast.")
    )


@extend_schema_serializer(component_name="Bijdrage")
class ContributionSerializer(serializers.Serializer[Any]):
    deelnemer = serializers.UUIDField(source="partner_id")
    bijdrage = serializers.DecimalField(source="amount", max_digits=15, decimal_places=2, allow_null=True)
    aandeel = serializers.DecimalField(source="share", max_digits=6, decimal_places=3, allow_null=True)
    stemmen = serializers.IntegerField(source="votes", allow_null=True)


@extend_schema_serializer(component_name="Kengetallen")
class FiguresSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    jaar = serializers.IntegerField(source="year")
    bron = serializers.CharField(source="basis")
    eigenVermogenBegin = serializers.DecimalField(
        source="equity_start", max_digits=15, decimal_places=2, allow_null=True
    )
    eigenVermogenEind = serializers.DecimalField(source="equity_end", max_digits=15, decimal_places=2, allow_null=True)
    vreemdVermogenBegin = serializers.DecimalField(
        source="debt_start", max_digits=15, decimal_places=2, allow_null=True
    )
    vreemdVermogenEind = serializers.DecimalField(source="debt_end", max_digits=15, decimal_places=2, allow_null=True)
    resultaat = serializers.DecimalField(source="result", max_digits=15, decimal_places=2, allow_null=True)
    reserves = serializers.DecimalField(max_digits=15, decimal_places=2, allow_null=True)
    risicos = serializers.CharField(source="risks")
    bijdragen = ContributionSerializer(source="contributions.all", many=True)


ERRORS = {
    "year": "jaar",
    "kind": "soort",
    "title": "titel",
    "sent_on": "verzondenOp",
    "link": "link",
    "asks_zienswijze": "vraagtZienswijzen",
    "partner": "deelnemer",
    "stance": "strekking",
    "text": "tekst",
    "themes": "themas",
    "decided_on": "datumRaadsbesluit",
    "document": "stuk",
    "file": "bestand",
}


def _cycle(request: Request, id: UUID) -> Collaboration:
    collaboration = permissions.get_collaboration_for(http(request), id)
    if not permissions.can_view_cycle(request.user, collaboration):
        raise Http404
    return collaboration


class CalendarView(ApiView):
    @extend_schema(
        operation_id="pcMomentenOpvragen",
        tags=TAGS,
        summary=gettext_lazy("De P&C-planning van een regeling in één jaar"),
        description=gettext_lazy(
            "De momenten uit de Wgr (zoals sinds 1 juli 2022) en de eigen momenten van de regeling, met de "
            "berekende termijnen en het stuk dat erbij hoort."
        ),
        parameters=[YearQuery],
        responses=CalendarSerializer,
    )
    def get(self, request: Request, id: UUID) -> Response:
        collaboration = _cycle(request, id)
        year = query_of(YearQuery, request).get("jaar") or timezone.localdate().year
        calendar = pages.calendar_of(collaboration, year)
        moments = [
            {
                "soort": row.moment.key,
                "omschrijving": str(row.moment.title),
                "uiterlijk": row.moment.due,
                "grondslag": str(row.moment.basis),
                "verlengdVan": row.moment.extended_from,
                "afgeleid": row.moment.derived,
                "stuk": row.document.pk if row.document else None,
                "teLaat": row.late,
            }
            for row in calendar.rows
        ]
        return Response(CalendarSerializer({"jaar": year, "momenten": moments}).data)


class DocumentsView(ApiView):
    parser_classes = [JSONParser, parsers.MultiPartParser]
    error_fields = ERRORS

    @extend_schema(
        operation_id="pcStukkenLijst",
        tags=TAGS,
        summary=gettext_lazy("De P&C-stukken van een regeling, nieuwste eerst"),
        parameters=[PageQuery],
        responses=page_serializer(DocumentSerializer, "PcStukkenPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        collaboration = _cycle(request, id)
        documents = Document.objects.filter(collaboration=collaboration).order_by("-sent_on", "id")
        return paginated(request, documents, DocumentSerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="pcStukVastleggen",
        tags=TAGS,
        summary=gettext_lazy("Een P&C-stuk vastleggen: een link (JSON) of een bestand (multipart/form-data)"),
        description=gettext_lazy(
            "Alleen de facilitator. Bij een ontwerpbegroting of begrotingswijziging start de termijn voor "
            "zienswijzen van twaalf weken; de deelnemers krijgen bericht."
        ),
        request={"application/json": DocumentCreateSerializer, "multipart/form-data": DocumentUploadSerializer},
        responses={201: DocumentSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration = _cycle(request, id)
        uploading = (request.content_type or "").startswith("multipart/")
        data = body_of(DocumentUploadSerializer if uploading else DocumentCreateSerializer, request)
        document = services.record_document(
            collaboration=collaboration,
            by=request.user,
            year=data["jaar"],
            kind=data["soort"],
            title=data["titel"],
            sent_on=data["verzondenOp"],
            link=data.get("link", ""),
            upload=data.get("bestand"),
            asks_zienswijze=data["vraagtZienswijzen"],
        )
        return Response(DocumentSerializer(document).data, status=201)


def _document(request: Request, pk: UUID) -> tuple[Collaboration, Document]:
    collaboration_id = Document.objects.filter(pk=pk).values_list("collaboration_id", flat=True).first()
    if collaboration_id is None:
        raise Http404
    collaboration = _cycle(request, collaboration_id)
    document = Document.objects.get(pk=pk)
    document.collaboration = collaboration
    return collaboration, document


class ZienswijzenView(ApiView):
    error_fields = ERRORS

    @extend_schema(
        operation_id="zienswijzenLijst",
        tags=TAGS,
        summary=gettext_lazy("De zienswijzen van de raden op een stuk"),
        description=gettext_lazy(
            "Vastgestelde zienswijzen ziet iedereen in de samenwerking; een concept alleen de deelnemer zelf."
        ),
        parameters=[PageQuery],
        responses=page_serializer(ZienswijzeSerializer, "ZienswijzenPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        collaboration, document = _document(request, id)
        drafts = permissions.zienswijze_draft_partner_ids(request.user, collaboration)
        shown = (
            Zienswijze.objects.filter(document=document)
            .visible_to(drafts)
            .order_by("partner__organisation__name", "id")
        )
        return paginated(request, shown, ZienswijzeSerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="zienswijzeSchrijven",
        tags=TAGS,
        summary=gettext_lazy("De zienswijze van een raad schrijven of vaststellen"),
        description=gettext_lazy(
            "Contactpersonen en griffie (lezers) van die deelnemer. Een vastgestelde zienswijze verandert niet meer."
        ),
        request=ZienswijzeCreateSerializer,
        responses={201: ZienswijzeSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration, document = _document(request, id)
        data = body_of(ZienswijzeCreateSerializer, request)
        partner: Any = resolve(Partner, [data["deelnemer"]], "deelnemer", collaboration.partners.all())[0]
        zienswijze = services.save_zienswijze(
            document=document,
            partner=partner,
            by=request.user,
            stance=data["strekking"],
            text=data["tekst"],
            themes=data["themas"],
            decided_on=data["datumRaadsbesluit"],
        )
        if data["vaststellen"]:
            zienswijze = services.adopt_zienswijze(zienswijze=zienswijze, by=request.user)
        return Response(ZienswijzeSerializer(zienswijze).data, status=201)


class FiguresView(ApiView):
    @extend_schema(
        operation_id="kengetallenLijst",
        tags=TAGS,
        summary=gettext_lazy("De financiële kengetallen van een regeling per jaar"),
        description=gettext_lazy("Een ontbrekend kengetal is null, niet 0."),
        parameters=[PageQuery],
        responses=page_serializer(FiguresSerializer, "KengetallenPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        collaboration = _cycle(request, id)
        figures = (
            KeyFigures.objects.filter(collaboration=collaboration)
            .prefetch_related("contributions")
            .order_by("-year", "basis", "id")
        )
        return paginated(request, figures, FiguresSerializer, query_of(PageQuery, request))
