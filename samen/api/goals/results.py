"""Results with their progress, and the commitments partners make under a goal."""

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from samen.api.base import ApiView, AuthedApiRequest, ChoiceField, DateField, StrictSerializer, TextField, UUIDField
from samen.api.goals.common import TAGS, NumberField, PersonBriefSerializer, goal_for, partner_of, person_of
from samen.api.pagination import PageQuery, page_serializer, paginated
from samen.api.serializers import BlankAsNullCharField
from samen.api.views import body_of, query_of
from samen.goals import queries, services
from samen.goals.choices import CommitmentStatus, ResultStatus

if TYPE_CHECKING:
    from samen.goals.models import Result


@extend_schema_serializer(component_name="Resultaat")
class ResultSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    doel = serializers.UUIDField(source="goal_id", read_only=True)
    indicator = serializers.CharField(read_only=True)
    eenheid = serializers.CharField(source="unit", read_only=True)
    nulmeting = NumberField(source="baseline", read_only=True)
    nulmetingOp = serializers.DateField(source="baseline_on", read_only=True)
    streefwaarde = NumberField(source="target", read_only=True)
    teBereikenOp = serializers.DateField(source="due_on", read_only=True)
    eigenaarDeelnemer = serializers.UUIDField(source="owner_partner_id", read_only=True)
    eigenaarPersoon = PersonBriefSerializer(source="owner_person", read_only=True)
    laatsteWaarde = NumberField(source="current_value", allow_null=True, read_only=True)
    laatstGemetenOp = serializers.DateField(source="current_on", allow_null=True, read_only=True)
    status = serializers.ChoiceField(choices=ResultStatus.choices, read_only=True)
    voortgangProcent = serializers.IntegerField(source="progress_percent", read_only=True)
    bereikt = serializers.BooleanField(source="is_reached", read_only=True)


class ResultCreateSerializer(StrictSerializer):
    indicator = TextField(max_length=300)
    eenheid = TextField(max_length=50)
    nulmeting = NumberField()
    nulmetingOp = DateField(required=False, allow_null=True, default=None)
    streefwaarde = NumberField()
    teBereikenOp = DateField()
    eigenaarDeelnemer = UUIDField()
    eigenaarPersoon = UUIDField()


@extend_schema_serializer(component_name="Voortgangsmelding")
class ProgressSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    waarde = NumberField(source="value", read_only=True)
    peildatum = serializers.DateField(source="measured_on", read_only=True)
    toelichting = BlankAsNullCharField(source="note")
    door = PersonBriefSerializer(source="person", read_only=True)
    ingevoerdOp = serializers.DateTimeField(source="created_at", read_only=True)


class ProgressCreateSerializer(StrictSerializer):
    waarde = NumberField()
    peildatum = DateField()
    toelichting = TextField(required=False, allow_blank=True, default="", max_length=5_000)


@extend_schema_serializer(component_name="Afspraak")
class CommitmentSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    doel = serializers.UUIDField(source="goal_id", read_only=True)
    deelnemer = serializers.UUIDField(source="partner_id", read_only=True)
    wat = serializers.CharField(source="what", read_only=True)
    wie = PersonBriefSerializer(source="who", read_only=True)
    uiterlijkOp = serializers.DateField(source="due_on", read_only=True)
    status = serializers.ChoiceField(choices=CommitmentStatus.choices, read_only=True)
    afgerondOp = serializers.DateField(source="done_on", allow_null=True, read_only=True)
    teLaat = serializers.BooleanField(source="is_overdue", read_only=True)


class CommitmentCreateSerializer(StrictSerializer):
    deelnemer = UUIDField(help_text=gettext_lazy("De deelnemer die de afspraak maakt."))
    wat = TextField(max_length=500)
    wie = UUIDField(help_text=gettext_lazy("Id van de persoon die het doet."))
    uiterlijkOp = DateField()


class CommitmentStatusSerializer(StrictSerializer):
    status = ChoiceField(choices=CommitmentStatus.choices)


class ResultsView(ApiView):
    error_fields = {
        "indicator": "indicator",
        "unit": "eenheid",
        "baseline": "nulmeting",
        "target": "streefwaarde",
        "baseline_on": "nulmetingOp",
        "due_on": "teBereikenOp",
        "owner_partner": "eigenaarDeelnemer",
        "owner_person": "eigenaarPersoon",
    }

    @extend_schema(
        operation_id="resultatenLijst",
        tags=TAGS,
        summary=gettext_lazy("Resultaten van een doel, met hun laatste stand"),
        parameters=[PageQuery],
        responses=page_serializer(ResultSerializer, "ResultatenPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        goal, _drafts = goal_for(request, id)
        return paginated(request, queries.results_of_goal(goal), ResultSerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="resultaatToevoegen",
        tags=TAGS,
        summary=gettext_lazy("Een meetbaar resultaat toevoegen"),
        request=ResultCreateSerializer,
        responses={201: ResultSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        goal, _drafts = goal_for(request, id)
        data = body_of(ResultCreateSerializer, request)
        result = services.add_result(
            goal=goal,
            by=request.user,
            indicator=data["indicator"],
            unit=data["eenheid"],
            baseline=data["nulmeting"],
            target=data["streefwaarde"],
            due_on=data["teBereikenOp"],
            baseline_on=data["nulmetingOp"],
            owner_partner=partner_of(goal.collaboration, data["eigenaarDeelnemer"], "eigenaarDeelnemer"),
            owner_person=person_of(data["eigenaarPersoon"], "eigenaarPersoon"),
        )
        return Response(ResultSerializer(queries.results_of_goal(goal).get(pk=result.pk)).data, status=201)


def result_for(request: Request, pk: UUID) -> "Result":
    goal_id = queries.goal_of_result(pk)
    if goal_id is None:
        raise Http404
    goal, _drafts = goal_for(request, goal_id)
    return queries.result_of(goal, pk)


class ProgressView(ApiView):
    error_fields = {"value": "waarde", "measured_on": "peildatum", "note": "toelichting"}

    @extend_schema(
        operation_id="voortgangsmeldingenLijst",
        tags=TAGS,
        summary=gettext_lazy("Metingen van een resultaat, nieuwste eerst"),
        parameters=[PageQuery],
        responses=page_serializer(ProgressSerializer, "VoortgangsmeldingenPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        result = result_for(request, id)
        return paginated(request, queries.progress_of(result), ProgressSerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="voortgangMelden",
        tags=TAGS,
        summary=gettext_lazy("Een meting van een resultaat melden"),
        description=gettext_lazy("De eigenaar van het resultaat of de facilitator."),
        request=ProgressCreateSerializer,
        responses={201: ProgressSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        result = result_for(request, id)
        data = body_of(ProgressCreateSerializer, request)
        update = services.record_progress(
            result=result,
            by=request.user,
            value=data["waarde"],
            measured_on=data["peildatum"],
            note=data["toelichting"],
        )
        return Response(ProgressSerializer(update).data, status=201)


class CommitmentsView(ApiView):
    error_fields = {"partner": "deelnemer", "what": "wat", "who": "wie", "due_on": "uiterlijkOp"}

    @extend_schema(
        operation_id="afsprakenLijst",
        tags=TAGS,
        summary=gettext_lazy("Afspraken onder een doel: wat, wie, wanneer"),
        parameters=[PageQuery],
        responses=page_serializer(CommitmentSerializer, "AfsprakenPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        goal, _drafts = goal_for(request, id)
        commitments = queries.commitments_of(goal)
        return paginated(request, commitments, CommitmentSerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="afspraakMaken",
        tags=TAGS,
        summary=gettext_lazy("Een afspraak vastleggen namens de eigen organisatie"),
        request=CommitmentCreateSerializer,
        responses={201: CommitmentSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        goal, _drafts = goal_for(request, id)
        data = body_of(CommitmentCreateSerializer, request)
        commitment = services.add_commitment(
            goal=goal,
            by=request.user,
            partner=partner_of(goal.collaboration, data["deelnemer"]),
            what=data["wat"],
            who=person_of(data["wie"], "wie"),
            due_on=data["uiterlijkOp"],
        )
        return Response(CommitmentSerializer(queries.commitments_of(goal).get(pk=commitment.pk)).data, status=201)


class CommitmentStatusView(ApiView):
    @extend_schema(
        operation_id="afspraakstatusWijzigen",
        tags=TAGS,
        summary=gettext_lazy("De status van een afspraak wijzigen"),
        description=gettext_lazy("De deelnemer die de afspraak maakte, of de facilitator."),
        request=CommitmentStatusSerializer,
        responses={201: CommitmentSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        goal_id = queries.goal_of_commitment(id)
        if goal_id is None:
            raise Http404
        goal, _drafts = goal_for(request, goal_id)
        commitment = queries.commitment_of(goal, id)
        data = body_of(CommitmentStatusSerializer, request)
        commitment = services.update_commitment_status(commitment=commitment, by=request.user, status=data["status"])
        return Response(CommitmentSerializer(commitment).data, status=201)
