"""Agreements and their articles (for everyone in the workspace), and each partner's reading."""

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from samen import permissions
from samen.api.base import ApiView, AuthedApiRequest, ChoiceField, DateField, StrictSerializer, TextField, UUIDField
from samen.api.experiences.common import TAGS, agreement_collaboration, article_for, partner_in
from samen.api.goals import PersonBriefSerializer
from samen.api.pagination import PageQuery, page_serializer, paginated
from samen.api.serializers import BlankAsNullCharField, OrganisationRefSerializer
from samen.api.views import body_of, http, query_of, resolve
from samen.collaborations.models import Partner
from samen.experiences import queries, services
from samen.experiences.choices import AgreementKind, Stance
from samen.experiences.splitter import FORMAT_AUTO, FORMAT_ROO, FORMATS

if TYPE_CHECKING:
    from samen.experiences.models import Agreement, Article


@extend_schema_serializer(component_name="Overeenkomst")
class AgreementSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    soort = serializers.ChoiceField(source="kind", choices=AgreementKind.choices, read_only=True)
    titel = serializers.CharField(source="title", read_only=True)
    vastgesteldOp = serializers.DateField(source="signed_on", allow_null=True, read_only=True)
    geldtVanaf = serializers.DateField(source="effective_from", allow_null=True, read_only=True)
    geldtTot = serializers.DateField(source="effective_until", allow_null=True, read_only=True)
    partijen = serializers.SerializerMethodField(help_text=gettext_lazy("Ids van de deelnemers die partij zijn."))
    wijzigt = serializers.UUIDField(source="amends_id", allow_null=True, read_only=True)
    aantalArtikelen = serializers.IntegerField(source="article_count", read_only=True)
    aantalArtikelenMetVerschilInLezing = serializers.IntegerField(source="flagged_count", read_only=True)

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_partijen(self, agreement: "Agreement") -> list[str]:
        return [str(partner.pk) for partner in agreement.parties.all()]


@extend_schema_serializer(component_name="Artikel")
class ArticleSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    overeenkomst = serializers.UUIDField(source="agreement_id", read_only=True)
    nummer = BlankAsNullCharField(source="number")
    titel = BlankAsNullCharField(source="title")
    tekst = serializers.CharField(source="text", read_only=True)
    aantalLezingen = serializers.IntegerField(source="reading_count", read_only=True)
    verschilInLezing = serializers.SerializerMethodField(
        help_text=gettext_lazy("Een deelnemer leest het anders, of de lezingen van de deelnemers verschillen.")
    )
    laatstGewijzigdOp = serializers.DateTimeField(source="updated_at", read_only=True)

    @extend_schema_field(serializers.BooleanField())
    def get_verschilInLezing(self, article: "Article") -> bool:
        return bool(getattr(article, "read_differently", False) or getattr(article, "stances_differ", False))


@extend_schema_serializer(component_name="Lezing")
class ReadingSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    artikel = serializers.UUIDField(source="article_id", read_only=True)
    deelnemer = serializers.UUIDField(source="partner_id", read_only=True)
    organisatie = OrganisationRefSerializer(source="partner.organisation", read_only=True)
    houding = serializers.ChoiceField(source="stance", choices=Stance.choices, read_only=True)
    tekst = serializers.CharField(source="text", read_only=True)
    geschrevenDoor = PersonBriefSerializer(source="written_by", allow_null=True, read_only=True)
    bijgewerktOp = serializers.DateTimeField(source="updated_at", read_only=True)


class ReadingCreateSerializer(StrictSerializer):
    deelnemer = UUIDField(help_text=gettext_lazy("De deelnemer namens wie u de lezing vastlegt."))
    houding = ChoiceField(choices=Stance.choices)
    tekst = TextField(max_length=10_000)


class AgreementsView(ApiView):
    @extend_schema(
        operation_id="overeenkomstenLijst",
        tags=TAGS,
        summary=gettext_lazy("Overeenkomsten van een samenwerking: regeling, convenant, DVO, addenda"),
        parameters=[PageQuery],
        responses=page_serializer(AgreementSerializer, "OvereenkomstenPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id)
        if not permissions.can_view_agreements(request.user, collaboration):
            raise Http404
        agreements = queries.agreements_of(collaboration)
        return paginated(request, agreements, AgreementSerializer, query_of(PageQuery, request))


class ArticlesView(ApiView):
    @extend_schema(
        operation_id="artikelenLijst",
        tags=TAGS,
        summary=gettext_lazy("Artikelen van een overeenkomst, met het aantal lezingen en verschillen in lezing"),
        parameters=[PageQuery],
        responses=page_serializer(ArticleSerializer, "ArtikelenPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        agreement_collaboration(request, id)
        articles = queries.articles_of_agreement(id)
        return paginated(request, articles, ArticleSerializer, query_of(PageQuery, request))


class ReadingsView(ApiView):
    error_fields = {"stance": "houding", "text": "tekst", "partner": "deelnemer"}

    @extend_schema(
        operation_id="lezingenLijst",
        tags=TAGS,
        summary=gettext_lazy("Hoe elke deelnemer een artikel leest"),
        description=gettext_lazy("Voor contactpersonen en de facilitator."),
        parameters=[PageQuery],
        responses=page_serializer(ReadingSerializer, "LezingenPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        article, collaboration = article_for(request, id)
        if not permissions.can_view_experiences(request.user, collaboration):
            raise Http404
        readings = queries.readings_of(article)
        return paginated(request, readings, ReadingSerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="lezingVastleggen",
        tags=TAGS,
        summary=gettext_lazy("De lezing van uw organisatie van een artikel"),
        description=gettext_lazy("Eén lezing per deelnemer; een nieuwe vervangt de vorige."),
        request=ReadingCreateSerializer,
        responses={201: ReadingSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        article, collaboration = article_for(request, id)
        if not permissions.can_view_experiences(request.user, collaboration):
            raise Http404
        data = body_of(ReadingCreateSerializer, request)
        partner = partner_in(collaboration, data["deelnemer"], "deelnemer")
        assert partner is not None
        reading = services.record_reading(
            article=article, partner=partner, by=request.user, stance=data["houding"], text=data["tekst"]
        )
        fresh = queries.reading(reading.pk)
        return Response(ReadingSerializer(fresh).data, status=201)


# --- importing an agreement, correcting its facts and its articles --------------------------------


class AgreementImportSerializer(StrictSerializer):
    soort = ChoiceField(choices=AgreementKind.choices)
    titel = TextField(max_length=500)
    tekst = TextField(
        max_length=2_000_000, help_text=gettext_lazy("De hele tekst; Samen deelt haar op in hoofdstukken en artikelen.")
    )
    formaat = ChoiceField(
        choices=[(f, f) for f in FORMATS if f not in (FORMAT_ROO, "docx", "pdf")],
        required=False,
        default=FORMAT_AUTO,
        help_text=gettext_lazy("auto (herkennen), tekst, markdown of html."),
    )
    partijen = serializers.ListField(child=UUIDField(), max_length=500)
    vastgesteldOp = DateField(required=False, allow_null=True, default=None)
    geldtVanaf = DateField(required=False, allow_null=True, default=None)
    geldtTot = DateField(required=False, allow_null=True, default=None)
    wijzigt = UUIDField(required=False, allow_null=True, default=None)


class AgreementUpdateSerializer(StrictSerializer):
    soort = ChoiceField(choices=AgreementKind.choices)
    titel = TextField(max_length=500)
    partijen = serializers.ListField(child=UUIDField(), max_length=500)
    vastgesteldOp = DateField(required=False, allow_null=True, default=None)
    geldtVanaf = DateField(required=False, allow_null=True, default=None)
    geldtTot = DateField(required=False, allow_null=True, default=None)
    versie = serializers.IntegerField(min_value=1, help_text=gettext_lazy("De versie die u las; anders volgt 409."))


class ArticleUpdateSerializer(StrictSerializer):
    nummer = TextField(allow_blank=True, max_length=20)
    titel = TextField(allow_blank=True, max_length=500)
    tekst = TextField(max_length=200_000)
    notitie = TextField(
        required=False, allow_blank=True, default="", max_length=500, help_text=gettext_lazy("Waarom deze wijziging.")
    )
    versie = serializers.IntegerField(min_value=1, help_text=gettext_lazy("De versie die u las; anders volgt 409."))


AGREEMENT_ERRORS = {
    "kind": "soort",
    "title": "titel",
    "text": "tekst",
    "parties": "partijen",
    "signed_on": "vastgesteldOp",
    "effective_from": "geldtVanaf",
    "effective_until": "geldtTot",
    "amends": "wijzigt",
    "number": "nummer",
    "note": "notitie",
}


def _agreement_row(agreement: "Agreement") -> dict[str, Any]:
    row = queries.agreement_row(agreement)
    return dict(AgreementSerializer(row).data)


class AgreementImportView(AgreementsView):
    error_fields = AGREEMENT_ERRORS

    @extend_schema(
        operation_id="overeenkomstInlezen",
        tags=TAGS,
        summary=gettext_lazy("Een overeenkomst inlezen: de tekst wordt opgedeeld in hoofdstukken en artikelen"),
        description=gettext_lazy("Alles of niets: past de tekst niet, dan volgt 400 en is er niets opgeslagen."),
        request=AgreementImportSerializer,
        responses={201: AgreementSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id)
        if not permissions.can_view_agreements(request.user, collaboration):
            raise Http404
        data = body_of(AgreementImportSerializer, request)
        parties = resolve(Partner, data["partijen"], "partijen", collaboration.partners.all())
        amends = None
        if data["wijzigt"] is not None:
            agreements = queries.agreements_in(collaboration)
            amends = resolve(agreements.model, [data["wijzigt"]], "wijzigt", agreements)[0]
        agreement = services.import_agreement(
            collaboration=collaboration,
            by=request.user,
            token=services.make_import_token(data["tekst"], data["formaat"]),
            kind=data["soort"],
            title=data["titel"],
            parties=parties,
            signed_on=data["vastgesteldOp"],
            effective_from=data["geldtVanaf"],
            effective_until=data["geldtTot"],
            amends=amends,
        )
        return Response(_agreement_row(agreement), status=201)


class AgreementView(ApiView):
    error_fields = AGREEMENT_ERRORS

    @extend_schema(
        operation_id="overeenkomstWijzigen",
        tags=TAGS,
        summary=gettext_lazy("De gegevens van een overeenkomst wijzigen: soort, titel, partijen, data"),
        request=AgreementUpdateSerializer,
        responses={200: AgreementSerializer, 409: OpenApiResponse(description="Intussen gewijzigd")},
    )
    def put(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration = agreement_collaboration(request, id)
        agreement = queries.agreement(id)
        agreement.collaboration = collaboration
        data = body_of(AgreementUpdateSerializer, request)
        services.update_agreement(
            agreement=agreement,
            by=request.user,
            expected_version=data["versie"],
            kind=data["soort"],
            title=data["titel"],
            parties=resolve(Partner, data["partijen"], "partijen", collaboration.partners.all()),
            signed_on=data["vastgesteldOp"],
            effective_from=data["geldtVanaf"],
            effective_until=data["geldtTot"],
        )
        return Response(_agreement_row(agreement))


class ArticleView(ApiView):
    error_fields = AGREEMENT_ERRORS

    @extend_schema(
        operation_id="artikelWijzigen",
        tags=TAGS,
        summary=gettext_lazy("Een artikel wijzigen; de vorige tekst blijft als versie bewaard"),
        request=ArticleUpdateSerializer,
        responses={200: ArticleSerializer, 409: OpenApiResponse(description="Intussen gewijzigd")},
    )
    def put(self, request: AuthedApiRequest, id: UUID) -> Response:
        article, _collaboration = article_for(request, id)
        data = body_of(ArticleUpdateSerializer, request)
        services.edit_article(
            article=article,
            by=request.user,
            expected_version=data["versie"],
            number=data["nummer"],
            title=data["titel"],
            text=data["tekst"],
            note=data["notitie"],
        )
        fresh = queries.article_row(article)
        return Response(ArticleSerializer(fresh).data)
