"""Partners hold each other to account: ask, reply, close."""

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from samen.api.base import ApiView, AuthedApiRequest, ChoiceField, StrictSerializer, TextField, UUIDField
from samen.api.goals.common import TAGS, PersonBriefSerializer, goal_for, partner_of
from samen.api.pagination import PageQuery, page_serializer, paginated
from samen.api.serializers import BlankAsNullCharField, BlankAsNullChoiceField
from samen.api.views import body_of, query_of, resolve
from samen.goals import queries, services
from samen.goals.choices import Outcome, RequestStatus

if TYPE_CHECKING:
    from samen.goals.models import AccountabilityRequest


@extend_schema_serializer(component_name="Aanspreekverzoek")
class AccountabilitySerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    doel = serializers.UUIDField(source="goal_id", read_only=True)
    afspraak = serializers.UUIDField(source="commitment_id", allow_null=True, read_only=True)
    resultaat = serializers.UUIDField(source="result_id", allow_null=True, read_only=True)
    vraag = serializers.CharField(source="question", read_only=True)
    gesteldDoor = PersonBriefSerializer(source="raised_by", read_only=True)
    namens = serializers.UUIDField(source="raised_by_partner_id", read_only=True)
    aan = serializers.UUIDField(source="addressed_to_id", read_only=True)
    status = serializers.ChoiceField(choices=RequestStatus.choices, read_only=True)
    uitkomst = BlankAsNullChoiceField(source="outcome", choices=Outcome.choices)
    toelichtingUitkomst = BlankAsNullCharField(source="outcome_text")
    aantalReacties = serializers.IntegerField(source="reply_count", read_only=True)
    gesteldOp = serializers.DateTimeField(source="created_at", read_only=True)
    afgerondOp = serializers.DateTimeField(source="closed_at", allow_null=True, read_only=True)


class AccountabilityCreateSerializer(StrictSerializer):
    vraag = TextField(max_length=5_000)
    afspraak = UUIDField(required=False, allow_null=True, default=None, help_text=gettext_lazy("Of een resultaat."))
    resultaat = UUIDField(required=False, allow_null=True, default=None)
    deelnemer = UUIDField(
        required=False, allow_null=True, default=None, help_text=gettext_lazy("Namens welke deelnemer u vraagt.")
    )


class ReplyCreateSerializer(StrictSerializer):
    tekst = TextField(max_length=5_000)


@extend_schema_serializer(component_name="Reactie")
class ReplySerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    tekst = serializers.CharField(source="text", read_only=True)
    door = PersonBriefSerializer(source="person", read_only=True)
    namens = serializers.UUIDField(source="partner_id", allow_null=True, read_only=True)
    geplaatstOp = serializers.DateTimeField(source="created_at", read_only=True)


class ClosingSerializer(StrictSerializer):
    uitkomst = ChoiceField(choices=Outcome.choices)
    toelichting = TextField(required=False, allow_blank=True, default="", max_length=5_000)


def accountability_for(request: Request, pk: UUID) -> "AccountabilityRequest":
    goal_id = queries.goal_of_accountability_request(pk)
    if goal_id is None:
        raise Http404
    goal, _drafts = goal_for(request, goal_id)
    found = queries.accountability_requests_of(goal).get(pk=pk)
    found.goal, found.collaboration = goal, goal.collaboration
    return found


class AccountabilityView(ApiView):
    error_fields = {"question": "vraag", "text": "vraag", "partner": "deelnemer"}

    @extend_schema(
        operation_id="aanspreekverzoekenLijst",
        tags=TAGS,
        summary=gettext_lazy("Aanspreekverzoeken onder een doel"),
        parameters=[PageQuery],
        responses=page_serializer(AccountabilitySerializer, "AanspreekverzoekenPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        goal, _drafts = goal_for(request, id)
        found = queries.accountability_requests_of(goal).order_by("-created_at", "id")
        return paginated(request, found, AccountabilitySerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="aanspreekverzoekDoen",
        tags=TAGS,
        summary=gettext_lazy("Een andere deelnemer aanspreken op een afspraak of resultaat"),
        request=AccountabilityCreateSerializer,
        responses={201: AccountabilitySerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        goal, _drafts = goal_for(request, id)
        data = body_of(AccountabilityCreateSerializer, request)
        commitments, results = queries.plain_commitments_of(goal), queries.plain_results_of(goal)
        commitment = (
            resolve(commitments.model, [data["afspraak"]], "afspraak", commitments)[0] if data["afspraak"] else None
        )
        result = resolve(results.model, [data["resultaat"]], "resultaat", results)[0] if data["resultaat"] else None
        raised = services.raise_accountability_request(
            collaboration=goal.collaboration,
            by=request.user,
            question=data["vraag"],
            commitment=commitment,
            result=result,
            partner=partner_of(goal.collaboration, data["deelnemer"]),
        )
        fresh = queries.accountability_requests_of(goal).get(pk=raised.pk)
        return Response(AccountabilitySerializer(fresh).data, status=201)


class RepliesView(ApiView):
    error_fields = {"text": "tekst"}

    @extend_schema(
        operation_id="reactieGeven",
        tags=TAGS,
        summary=gettext_lazy("Reageren op een aanspreekverzoek"),
        description=gettext_lazy("De betrokken deelnemers en de facilitator."),
        request=ReplyCreateSerializer,
        responses={201: ReplySerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        found = accountability_for(request, id)
        data = body_of(ReplyCreateSerializer, request)
        reply = services.reply_to_accountability_request(request=found, by=request.user, text=data["tekst"])
        return Response(ReplySerializer(reply).data, status=201)


class ClosingsView(ApiView):
    error_fields = {"outcome": "uitkomst", "outcome_text": "toelichting"}

    @extend_schema(
        operation_id="aanspreekverzoekAfronden",
        tags=TAGS,
        summary=gettext_lazy("De uitkomst van een aanspreekverzoek vastleggen"),
        description=gettext_lazy("De deelnemer die de vraag stelde, of de facilitator."),
        request=ClosingSerializer,
        responses={201: AccountabilitySerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        found = accountability_for(request, id)
        data = body_of(ClosingSerializer, request)
        services.close_accountability_request(
            request=found, by=request.user, outcome=data["uitkomst"], text=data["toelichting"]
        )
        fresh = queries.accountability_requests_of(found.goal).get(pk=found.pk)
        return Response(AccountabilitySerializer(fresh).data, status=201)
