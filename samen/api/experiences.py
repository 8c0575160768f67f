"""Deel ervaringen over the API: agreements and articles, readings, signals, deviation notices and
check-in aggregates. Check-in answers are never shown one by one: only what samen.experiences.results
allows under the anonymity rule (averages from three respondents, no comments here)."""

from typing import Any
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from samen import permissions
from samen.api.base import ApiView, ChoiceField, DateField, StrictSerializer, TextField, UUIDField
from samen.api.goals import NumberField, PersonBriefSerializer
from samen.api.pagination import PageQuery, page_serializer, paginated
from samen.api.serializers import BlankAsNullCharField, OrganisationRefSerializer
from samen.api.views import body_of, http, query_of, resolve
from samen.collaborations.models import Collaboration, Partner
from samen.experiences import services
from samen.experiences.models import (
    Addressee,
    Agreement,
    AgreementKind,
    Article,
    CheckIn,
    CheckInStatus,
    Deviation,
    Interpretation,
    Signal,
    SignalKind,
    SignalStatus,
    Stance,
)
from samen.experiences.results import Averages, results_for

TAGS = ["Ervaringen"]
SCORES = {
    "progress": "voortgang",
    "trust": "vertrouwen",
    "openness": "openheid",
    "fair_share": "eerlijkeVerdeling",
    "heard": "gehoordWorden",
    "ownership": "gedeeldEigenaarschap",
}


# --- serializers ------------------------------------------------------------------------


@extend_schema_serializer(component_name="Overeenkomst")
class AgreementSerializer(serializers.Serializer):
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
    def get_partijen(self, agreement: Agreement) -> list[str]:
        return [str(partner.pk) for partner in agreement.parties.all()]


@extend_schema_serializer(component_name="Artikel")
class ArticleSerializer(serializers.Serializer):
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

    def get_verschilInLezing(self, article: Article) -> bool:
        return bool(getattr(article, "read_differently", False) or getattr(article, "stances_differ", False))


@extend_schema_serializer(component_name="Lezing")
class ReadingSerializer(serializers.Serializer):
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


@extend_schema_serializer(component_name="Signaal")
class SignalSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    soort = serializers.ChoiceField(source="kind", choices=SignalKind.choices, read_only=True)
    onderwerp = serializers.CharField(source="subject", read_only=True)
    toelichting = serializers.CharField(source="text", read_only=True)
    vanDeelnemer = serializers.UUIDField(
        source="from_partner_id",
        allow_null=True,
        read_only=True,
        help_text=gettext_lazy("Leeg: de facilitator namens de samenwerking."),
    )
    aan = serializers.ChoiceField(source="addressee", choices=Addressee.choices, read_only=True)
    aanDeelnemer = serializers.UUIDField(source="addressee_partner_id", allow_null=True, read_only=True)
    artikel = serializers.UUIDField(source="article_id", allow_null=True, read_only=True)
    bedrag = NumberField(source="amount", allow_null=True, read_only=True)
    status = serializers.ChoiceField(choices=SignalStatus.choices, read_only=True)
    uitkomst = BlankAsNullCharField(source="outcome")
    aantalReacties = serializers.IntegerField(source="reply_count", read_only=True)
    gegevenDoor = PersonBriefSerializer(source="raised_by", allow_null=True, read_only=True)
    gegevenOp = serializers.DateTimeField(source="created_at", read_only=True)


class SignalCreateSerializer(StrictSerializer):
    vanDeelnemer = UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text=gettext_lazy("Namens welke deelnemer; leeg alleen voor de facilitator."),
    )
    soort = ChoiceField(choices=SignalKind.choices)
    onderwerp = TextField(max_length=200)
    toelichting = TextField(max_length=10_000)
    aan = ChoiceField(choices=Addressee.choices)
    aanDeelnemer = UUIDField(required=False, allow_null=True, default=None)
    artikel = UUIDField(required=False, allow_null=True, default=None)
    bedrag = NumberField(required=False, allow_null=True, default=None)


@extend_schema_serializer(component_name="Afwijking")
class DeviationSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    deelnemer = serializers.UUIDField(source="partner_id", read_only=True)
    organisatie = OrganisationRefSerializer(source="partner.organisation", read_only=True)
    artikel = serializers.UUIDField(source="article_id", read_only=True)
    reden = serializers.CharField(source="reason", read_only=True)
    vanaf = serializers.DateField(source="starts_on", read_only=True)
    totEnMet = serializers.DateField(source="ends_on", allow_null=True, read_only=True)
    geldtNu = serializers.BooleanField(source="is_current", read_only=True)
    kennisGenomenDoor = serializers.SerializerMethodField(
        help_text=gettext_lazy("Ids van de deelnemers die ervan kennis namen.")
    )
    aangekondigdOp = serializers.DateTimeField(source="created_at", read_only=True)

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_kennisGenomenDoor(self, deviation: Deviation) -> list[str]:
        return sorted(str(pk) for pk in deviation.acknowledged_partner_ids())


class DeviationCreateSerializer(StrictSerializer):
    deelnemer = UUIDField(help_text=gettext_lazy("De deelnemer die afwijkt (uw eigen organisatie)."))
    artikel = UUIDField()
    reden = TextField(max_length=10_000)
    vanaf = DateField()
    totEnMet = DateField(required=False, allow_null=True, default=None)


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
    respondenten = serializers.IntegerField()
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


# --- finding what the person may see -----------------------------------------------------


def experiences_of(request: Request, pk: UUID) -> Collaboration:
    """Readings, signals, deviations and check-ins: contacts and the facilitator only, else 404."""
    collaboration = permissions.get_collaboration_for(http(request), pk)
    if not permissions.can_view_experiences(request.user, collaboration):
        raise Http404
    return collaboration


def agreement_collaboration(request: Request, agreement_id: Any) -> Collaboration:
    collaboration_id = Agreement.objects.filter(pk=agreement_id).values_list("collaboration_id", flat=True).first()
    if collaboration_id is None:
        raise Http404
    collaboration = permissions.get_collaboration_for(http(request), collaboration_id)
    if not permissions.can_view_agreements(request.user, collaboration):
        raise Http404
    return collaboration


def article_for(request: Request, pk: UUID) -> tuple[Article, Collaboration]:
    agreement_id = Article.objects.filter(pk=pk).values_list("agreement_id", flat=True).first()
    if agreement_id is None:
        raise Http404
    collaboration = agreement_collaboration(request, agreement_id)
    article = Article.objects.select_related("agreement").get(pk=pk)
    article.agreement.collaboration = collaboration
    return article, collaboration


def visible_signals(request: Request, collaboration: Collaboration) -> Any:
    return Signal.objects.filter(collaboration=collaboration).visible_to(
        permissions.partners_acted_for(request.user, collaboration),
        facilitator=permissions.is_facilitator(request.user, collaboration),
    )


def partner_in(collaboration: Collaboration, pk: UUID | None, field: str) -> Partner | None:
    if pk is None:
        return None
    return resolve(Partner, [pk], field, collaboration.partners.select_related("organisation"))[0]


def article_in(collaboration: Collaboration, pk: UUID | None, field: str = "artikel") -> Article | None:
    if pk is None:
        return None
    return resolve(Article, [pk], field, Article.objects.of_collaboration(collaboration))[0]


# --- views ------------------------------------------------------------------------------


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
        agreements = Agreement.objects.register_for(collaboration).order_by("kind", "-effective_from", "title", "id")
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
        articles = Article.objects.filter(agreement_id=id).with_reading_counts().order_by("position", "id")
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
        readings = Interpretation.objects.filter(article=article).select_related("partner__organisation", "written_by")
        readings = readings.order_by("partner__organisation__name", "id")
        return paginated(request, readings, ReadingSerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="lezingVastleggen",
        tags=TAGS,
        summary=gettext_lazy("De lezing van uw organisatie van een artikel"),
        description=gettext_lazy("Eén lezing per deelnemer; een nieuwe vervangt de vorige."),
        request=ReadingCreateSerializer,
        responses={201: ReadingSerializer},
    )
    def post(self, request: Request, id: UUID) -> Response:
        article, collaboration = article_for(request, id)
        if not permissions.can_view_experiences(request.user, collaboration):
            raise Http404
        data = body_of(ReadingCreateSerializer, request)
        partner = partner_in(collaboration, data["deelnemer"], "deelnemer")
        assert partner is not None
        reading = services.record_reading(
            article=article, partner=partner, by=request.user, stance=data["houding"], text=data["tekst"]
        )
        fresh = Interpretation.objects.select_related("partner__organisation", "written_by").get(pk=reading.pk)
        return Response(ReadingSerializer(fresh).data, status=201)


class SignalsView(ApiView):
    error_fields = {
        "kind": "soort",
        "subject": "onderwerp",
        "text": "toelichting",
        "addressee": "aan",
        "addressee_partner": "aanDeelnemer",
        "article": "artikel",
        "amount": "bedrag",
        "from_partner": "vanDeelnemer",
    }

    @extend_schema(
        operation_id="signalenLijst",
        tags=TAGS,
        summary=gettext_lazy("Signalen: vroeg gedeelde ervaringen"),
        description=gettext_lazy(
            "Signalen aan iedereen, en die van of aan uw eigen organisatie; de facilitator ziet ze allemaal."
        ),
        parameters=[PageQuery],
        responses=page_serializer(SignalSerializer, "SignalenPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        collaboration = experiences_of(request, id)
        signals = visible_signals(request, collaboration).overview().order_by("-created_at", "id")
        return paginated(request, signals, SignalSerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="signaalGeven",
        tags=TAGS,
        summary=gettext_lazy("Een signaal geven"),
        request=SignalCreateSerializer,
        responses={201: SignalSerializer},
    )
    def post(self, request: Request, id: UUID) -> Response:
        collaboration = experiences_of(request, id)
        data = body_of(SignalCreateSerializer, request)
        signal = services.raise_signal(
            collaboration=collaboration,
            by=request.user,
            from_partner=partner_in(collaboration, data["vanDeelnemer"], "vanDeelnemer"),
            kind=data["soort"],
            subject=data["onderwerp"],
            text=data["toelichting"],
            addressee=data["aan"],
            addressee_partner=partner_in(collaboration, data["aanDeelnemer"], "aanDeelnemer"),
            article=article_in(collaboration, data["artikel"]),
            amount=data["bedrag"],
        )
        return Response(SignalSerializer(Signal.objects.overview().get(pk=signal.pk)).data, status=201)


class DeviationsView(ApiView):
    error_fields = {
        "article": "artikel",
        "reason": "reden",
        "starts_on": "vanaf",
        "ends_on": "totEnMet",
        "partner": "deelnemer",
    }

    @extend_schema(
        operation_id="afwijkingenLijst",
        tags=TAGS,
        summary=gettext_lazy("Aangekondigde afwijkingen van afspraken"),
        parameters=[PageQuery],
        responses=page_serializer(DeviationSerializer, "AfwijkingenPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        collaboration = experiences_of(request, id)
        deviations = Deviation.objects.filter(collaboration=collaboration).overview().order_by("-starts_on", "id")
        return paginated(request, deviations, DeviationSerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="afwijkingAankondigen",
        tags=TAGS,
        summary=gettext_lazy("Aankondigen dat uw organisatie afwijkt van een artikel"),
        request=DeviationCreateSerializer,
        responses={201: DeviationSerializer},
    )
    def post(self, request: Request, id: UUID) -> Response:
        collaboration = experiences_of(request, id)
        data = body_of(DeviationCreateSerializer, request)
        partner = partner_in(collaboration, data["deelnemer"], "deelnemer")
        assert partner is not None
        deviation = services.announce_deviation(
            collaboration=collaboration,
            by=request.user,
            partner=partner,
            article=article_in(collaboration, data["artikel"]),
            reason=data["reden"],
            starts_on=data["vanaf"],
            ends_on=data["totEnMet"],
        )
        fresh = Deviation.objects.overview().get(pk=deviation.pk)
        return Response(DeviationSerializer(fresh).data, status=201)


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


# --- the conversation about a signal, and taking note of a deviation -----------------------


@extend_schema_serializer(component_name="SignaalReactie")
class SignalReplySerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    tekst = serializers.CharField(source="text", read_only=True)
    door = PersonBriefSerializer(source="by", allow_null=True, read_only=True)
    namens = serializers.UUIDField(source="partner_id", allow_null=True, read_only=True)
    geplaatstOp = serializers.DateTimeField(source="created_at", read_only=True)


class SignalReplyCreateSerializer(StrictSerializer):
    tekst = TextField(max_length=10_000)


class SignalStatusSerializer(StrictSerializer):
    status = ChoiceField(choices=SignalStatus.choices)
    uitkomst = TextField(
        required=False, allow_blank=True, default="", max_length=10_000, help_text=gettext_lazy("Bij afgerond.")
    )


class AcknowledgementCreateSerializer(StrictSerializer):
    deelnemer = UUIDField(help_text=gettext_lazy("De deelnemer namens wie u kennisneemt."))
    opmerking = TextField(required=False, allow_blank=True, default="", max_length=5_000)


def signal_for(request: Request, pk: UUID) -> Signal:
    """A signal the person may see (sender, addressee, facilitator, or everyone when it is for everyone)."""
    collaboration_id = Signal.objects.filter(pk=pk).values_list("collaboration_id", flat=True).first()
    if collaboration_id is None:
        raise Http404
    collaboration = experiences_of(request, collaboration_id)
    signal = Signal.objects.get(pk=pk)
    signal.collaboration = collaboration
    if not permissions.can_view_signal(request.user, collaboration, signal):
        raise Http404
    return signal


class SignalRepliesView(ApiView):
    error_fields = {"text": "tekst"}

    @extend_schema(
        operation_id="signaalReactieGeven",
        tags=TAGS,
        summary=gettext_lazy("Reageren op een signaal"),
        request=SignalReplyCreateSerializer,
        responses={201: SignalReplySerializer},
    )
    def post(self, request: Request, id: UUID) -> Response:
        signal = signal_for(request, id)
        data = body_of(SignalReplyCreateSerializer, request)
        reply = services.reply_to_signal(signal=signal, by=request.user, text=data["tekst"])
        return Response(SignalReplySerializer(reply).data, status=201)


class SignalStatusView(ApiView):
    error_fields = {"status": "status", "outcome": "uitkomst"}

    @extend_schema(
        operation_id="signaalstatusWijzigen",
        tags=TAGS,
        summary=gettext_lazy("De status van een signaal wijzigen: open, in gesprek, afgerond"),
        description=gettext_lazy("De facilitator, de deelnemer die het gaf en de deelnemer aan wie het gericht is."),
        request=SignalStatusSerializer,
        responses={201: SignalSerializer},
    )
    def post(self, request: Request, id: UUID) -> Response:
        signal = signal_for(request, id)
        data = body_of(SignalStatusSerializer, request)
        services.change_signal_status(signal=signal, by=request.user, status=data["status"], outcome=data["uitkomst"])
        return Response(SignalSerializer(Signal.objects.overview().get(pk=signal.pk)).data, status=201)


class AcknowledgementsView(ApiView):
    error_fields = {"partner": "deelnemer", "comment": "opmerking"}

    @extend_schema(
        operation_id="afwijkingKennisnemen",
        tags=TAGS,
        summary=gettext_lazy("Namens uw organisatie kennisnemen van een aangekondigde afwijking"),
        request=AcknowledgementCreateSerializer,
        responses={201: DeviationSerializer},
    )
    def post(self, request: Request, id: UUID) -> Response:
        collaboration_id = Deviation.objects.filter(pk=id).values_list("collaboration_id", flat=True).first()
        if collaboration_id is None:
            raise Http404
        collaboration = experiences_of(request, collaboration_id)
        deviation = Deviation.objects.get(pk=id)
        deviation.collaboration = collaboration
        data = body_of(AcknowledgementCreateSerializer, request)
        partner = partner_in(collaboration, data["deelnemer"], "deelnemer")
        assert partner is not None
        services.acknowledge_deviation(deviation=deviation, by=request.user, partner=partner, comment=data["opmerking"])
        return Response(DeviationSerializer(Deviation.objects.overview().get(pk=deviation.pk)).data, status=201)
