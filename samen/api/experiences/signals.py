"""Signals and the conversation about them; deviation notices and taking note of them."""

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from samen import permissions
from samen.api.base import ApiView, AuthedApiRequest, ChoiceField, DateField, StrictSerializer, TextField, UUIDField
from samen.api.experiences.common import TAGS, article_in, experiences_of, partner_in
from samen.api.goals import NumberField, PersonBriefSerializer
from samen.api.pagination import PageQuery, page_serializer, paginated
from samen.api.serializers import BlankAsNullCharField, OrganisationRefSerializer
from samen.api.views import body_of, query_of
from samen.collaborations.models import Collaboration
from samen.experiences import queries, services
from samen.experiences.choices import Addressee, SignalKind, SignalStatus

if TYPE_CHECKING:
    from samen.experiences.models import Deviation, Signal


@extend_schema_serializer(component_name="Signaal")
class SignalSerializer(serializers.Serializer[Any]):
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
class DeviationSerializer(serializers.Serializer[Any]):
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
    def get_kennisGenomenDoor(self, deviation: "Deviation") -> list[str]:
        return sorted(str(pk) for pk in deviation.acknowledged_partner_ids())


class DeviationCreateSerializer(StrictSerializer):
    deelnemer = UUIDField(help_text=gettext_lazy("De deelnemer die afwijkt (uw eigen organisatie)."))
    artikel = UUIDField()
    reden = TextField(max_length=10_000)
    vanaf = DateField()
    totEnMet = DateField(required=False, allow_null=True, default=None)


def visible_signals(request: Request, collaboration: Collaboration) -> Any:
    """The signals the person may see, newest first, as the overview shows them."""
    return queries.signals_visible_to(
        collaboration,
        permissions.partners_acted_for(request.user, collaboration),
        facilitator=permissions.is_facilitator(request.user, collaboration),
    )


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
        signals = visible_signals(request, collaboration)
        return paginated(request, signals, SignalSerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="signaalGeven",
        tags=TAGS,
        summary=gettext_lazy("Een signaal geven"),
        request=SignalCreateSerializer,
        responses={201: SignalSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
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
        return Response(SignalSerializer(queries.signal_row(signal)).data, status=201)


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
        deviations = queries.deviations_of(collaboration)
        return paginated(request, deviations, DeviationSerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="afwijkingAankondigen",
        tags=TAGS,
        summary=gettext_lazy("Aankondigen dat uw organisatie afwijkt van een artikel"),
        request=DeviationCreateSerializer,
        responses={201: DeviationSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
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
        fresh = queries.deviation_row(deviation)
        return Response(DeviationSerializer(fresh).data, status=201)


@extend_schema_serializer(component_name="SignaalReactie")
class SignalReplySerializer(serializers.Serializer[Any]):
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


def signal_for(request: Request, pk: UUID) -> "Signal":
    """A signal the person may see (sender, addressee, facilitator, or everyone when it is for everyone)."""
    collaboration_id = queries.collaboration_of_signal(pk)
    if collaboration_id is None:
        raise Http404
    collaboration = experiences_of(request, collaboration_id)
    signal = queries.signal(pk)
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
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
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
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        signal = signal_for(request, id)
        data = body_of(SignalStatusSerializer, request)
        services.change_signal_status(signal=signal, by=request.user, status=data["status"], outcome=data["uitkomst"])
        return Response(SignalSerializer(queries.signal_row(signal)).data, status=201)


class AcknowledgementsView(ApiView):
    error_fields = {"partner": "deelnemer", "comment": "opmerking"}

    @extend_schema(
        operation_id="afwijkingKennisnemen",
        tags=TAGS,
        summary=gettext_lazy("Namens uw organisatie kennisnemen van een aangekondigde afwijking"),
        request=AcknowledgementCreateSerializer,
        responses={201: DeviationSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration_id = queries.collaboration_of_deviation(id)
        if collaboration_id is None:
            raise Http404
        collaboration = experiences_of(request, collaboration_id)
        deviation = queries.deviation(id)
        deviation.collaboration = collaboration
        data = body_of(AcknowledgementCreateSerializer, request)
        partner = partner_in(collaboration, data["deelnemer"], "deelnemer")
        assert partner is not None
        services.acknowledge_deviation(deviation=deviation, by=request.user, partner=partner, comment=data["opmerking"])
        return Response(DeviationSerializer(queries.deviation_row(deviation)).data, status=201)
