"""Toon eigenaarschap over the API: goals with versions, benefits, consent (advice and decisions), results,
progress and commitments. Every write goes through samen.goals.services; every rule is in samen.permissions.
"""

from typing import Any
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from samen import permissions
from samen.accounts.models import Person
from samen.api.base import ApiView, ChoiceField, DateField, StrictSerializer, TextField, UUIDField
from samen.api.pagination import PageQuery, page_serializer, paginated
from samen.api.serializers import BlankAsNullCharField, BlankAsNullChoiceField, OrganisationRefSerializer
from samen.api.views import Conflict, body_of, http, query_of, resolve
from samen.collaborations.models import Collaboration, Partner
from samen.goals import services
from samen.goals.models import (
    AccountabilityRequest,
    AdviceKind,
    Benefit,
    Commitment,
    CommitmentStatus,
    ConsentRound,
    DecisionKind,
    Goal,
    GoalState,
    GoalVersion,
    Outcome,
    ProgressUpdate,
    RequestStatus,
    Result,
    ResultStatus,
    RoundStatus,
    VersionStatus,
)

TAGS = ["Doelen"]


class NumberField(serializers.DecimalField):
    """A decimal as a JSON number (not a string), as the goals store it: 18 digits, 4 after the point."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_digits=18, decimal_places=4, coerce_to_string=False, **kwargs)


# --- serializers ------------------------------------------------------------------------


@extend_schema_serializer(component_name="PersoonKort")
class PersonBriefSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    naam = serializers.CharField(source="full_name", read_only=True)


@extend_schema_serializer(component_name="DoelversieKort")
class VersionBriefSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    nummer = serializers.IntegerField(source="number", read_only=True)
    titel = serializers.CharField(source="title", read_only=True)
    tekst = serializers.CharField(source="text", read_only=True)
    status = serializers.ChoiceField(choices=VersionStatus.choices, read_only=True)
    vastgesteldOp = serializers.DateTimeField(source="adopted_at", allow_null=True, read_only=True)


@extend_schema_serializer(component_name="Doelversie")
class VersionSerializer(VersionBriefSerializer):
    reden = BlankAsNullCharField(source="reason")
    auteur = PersonBriefSerializer(source="author", read_only=True)
    namens = OrganisationRefSerializer(source="author_partner.organisation", read_only=True)
    aangemaaktOp = serializers.DateTimeField(source="created_at", read_only=True)
    laatstBewerktOp = serializers.DateTimeField(source="updated_at", read_only=True)


@extend_schema_serializer(component_name="Doel")
class GoalSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    samenwerking = serializers.UUIDField(source="collaboration_id", read_only=True)
    titel = serializers.CharField(source="title", read_only=True)
    status = serializers.ChoiceField(source="state", choices=GoalState.choices, read_only=True)
    geldendeVersie = VersionBriefSerializer(source="adopted_version", allow_null=True, read_only=True)
    laatsteVersie = serializers.SerializerMethodField(
        help_text=gettext_lazy("De nieuwste versie, ook een concept; alleen voor wie in de samenwerking werkt.")
    )
    aangemaaktOp = serializers.DateTimeField(source="created_at", read_only=True)
    vastgesteldOp = serializers.DateTimeField(source="adopted_at", allow_null=True, read_only=True)

    @extend_schema_field(VersionBriefSerializer(allow_null=True))
    def get_laatsteVersie(self, goal: Goal) -> dict[str, Any] | None:
        if not self.context.get("drafts_visible") or goal.latest_version is None:
            return None
        return dict(VersionBriefSerializer(goal.latest_version).data)


class GoalCreateSerializer(StrictSerializer):
    titel = TextField(max_length=200)
    tekst = TextField(max_length=20_000)
    deelnemer = UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text=gettext_lazy("Namens welke deelnemer; leeg: de eerste waarvoor u handelt."),
    )


class AmendmentSerializer(GoalCreateSerializer):
    reden = TextField(max_length=5_000, help_text=gettext_lazy("Waarom deze nieuwe versie?"))


@extend_schema_serializer(component_name="Opbrengst")
class BenefitSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    deelnemer = serializers.UUIDField(source="partner_id", read_only=True)
    organisatie = OrganisationRefSerializer(source="partner.organisation", read_only=True)
    tekst = serializers.CharField(source="text", read_only=True)
    auteur = PersonBriefSerializer(source="author", read_only=True)
    bijgewerktOp = serializers.DateTimeField(source="updated_at", read_only=True)


class BenefitCreateSerializer(StrictSerializer):
    deelnemer = UUIDField()
    tekst = TextField(max_length=10_000, help_text=gettext_lazy("Wat levert het doel deze deelnemer op?"))


@extend_schema_serializer(component_name="Besluit")
class DecisionSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    deelnemer = serializers.UUIDField(source="partner_id", read_only=True)
    besluit = serializers.ChoiceField(source="kind", choices=DecisionKind.choices, read_only=True)
    toelichting = BlankAsNullCharField(source="text")
    besloten = PersonBriefSerializer(source="person", read_only=True)
    beslotenOp = serializers.DateTimeField(source="decided_at", read_only=True)
    keerGewijzigd = serializers.IntegerField(source="changes", read_only=True)


@extend_schema_serializer(component_name="Advies")
class AdviceSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    deelnemer = serializers.UUIDField(source="partner_id", read_only=True)
    advies = serializers.ChoiceField(source="kind", choices=AdviceKind.choices, read_only=True)
    toelichting = BlankAsNullCharField(source="text")
    adviseur = PersonBriefSerializer(source="person", read_only=True)
    gegevenOp = serializers.DateTimeField(source="given_at", read_only=True)


@extend_schema_serializer(component_name="Stand")
class TallySerializer(serializers.Serializer):
    totaal = serializers.IntegerField(source="total")
    ingestemd = serializers.IntegerField(source="consented")
    bezwaar = serializers.IntegerField(source="objected")
    onthouding = serializers.IntegerField(source="abstained")
    wachtOp = serializers.SerializerMethodField(help_text=gettext_lazy("Deelnemers die nog moeten besluiten."))
    vaststelbaar = serializers.BooleanField(source="adoptable")

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_wachtOp(self, tally: Any) -> list[str]:
        return [str(partner.pk) for partner in tally.waiting]


@extend_schema_serializer(component_name="Instemmingsronde")
class RoundSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    versie = VersionBriefSerializer(source="version", read_only=True)
    status = serializers.ChoiceField(choices=RoundStatus.choices, read_only=True)
    geopendOp = serializers.DateTimeField(source="opened_at", read_only=True)
    uiterlijkeDatum = serializers.DateField(source="deadline", read_only=True)
    geslotenOp = serializers.DateTimeField(source="closed_at", allow_null=True, read_only=True)
    besluiten = DecisionSerializer(source="decisions.all", many=True, read_only=True)
    adviezen = AdviceSerializer(source="advice.all", many=True, read_only=True)
    stand = serializers.SerializerMethodField(help_text=gettext_lazy("Alleen bij een open ronde."))

    @extend_schema_field(TallySerializer(allow_null=True))
    def get_stand(self, consent_round: ConsentRound) -> dict[str, Any] | None:
        if not consent_round.is_open:
            return None
        return dict(TallySerializer(services.round_tally(consent_round)).data)


class RoundCreateSerializer(StrictSerializer):
    uiterlijkeDatum = DateField(help_text=gettext_lazy("De datum waarvóór de deelnemers besluiten."))


class DecisionCreateSerializer(StrictSerializer):
    deelnemer = UUIDField(help_text=gettext_lazy("De deelnemer namens wie u besluit."))
    besluit = ChoiceField(choices=DecisionKind.choices)
    toelichting = TextField(required=False, allow_blank=True, default="", max_length=10_000)


class AdviceCreateSerializer(StrictSerializer):
    deelnemer = UUIDField(help_text=gettext_lazy("De deelnemer die u adviseert."))
    advies = ChoiceField(choices=AdviceKind.choices)
    toelichting = TextField(required=False, allow_blank=True, default="", max_length=10_000)


@extend_schema_serializer(component_name="Resultaat")
class ResultSerializer(serializers.Serializer):
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
class ProgressSerializer(serializers.Serializer):
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
class CommitmentSerializer(serializers.Serializer):
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


# --- finding what the person may see -----------------------------------------------------


def goal_for(request: Request, pk: UUID) -> tuple[Goal, bool]:
    """The goal if the person may see it (readers: adopted goals only), else 404; and whether drafts show."""
    collaboration_id = Goal.objects.filter(pk=pk).values_list("collaboration_id", flat=True).first()
    if collaboration_id is None:
        raise Http404
    collaboration = permissions.get_collaboration_for(http(request), collaboration_id)
    drafts = permissions.can_view_goal_drafts(request.user, collaboration)
    goal = (
        Goal.objects.for_collaboration(collaboration, drafts_visible=drafts)
        .select_related("latest_version", "adopted_version")
        .filter(pk=pk)
        .first()
    )
    if goal is None:
        raise Http404
    goal.collaboration = collaboration
    return goal, drafts


def partner_of(collaboration: Collaboration, pk: UUID | None, field: str = "deelnemer") -> Partner | None:
    if pk is None:
        return None
    return resolve(Partner, [pk], field, collaboration.partners.select_related("organisation"))[0]


def person_of(pk: UUID, field: str) -> Any:
    return resolve(Person, [pk], field, Person.objects.filter(is_active=True))[0]


def open_round_of(goal: Goal) -> ConsentRound:
    consent_round = goal.open_round()
    if consent_round is None:
        raise Conflict(_("Over dit doel loopt geen instemmingsronde."))
    consent_round.goal = goal
    return consent_round


GOAL_ERRORS = {"title": "titel", "text": "tekst", "reason": "reden", "partner": "deelnemer"}


def _goal_response(goal: Goal, drafts: bool, status: int = 200) -> Response:
    fresh = Goal.objects.select_related("latest_version", "adopted_version").get(pk=goal.pk)
    return Response(GoalSerializer(fresh, context={"drafts_visible": drafts}).data, status=status)


# --- views ------------------------------------------------------------------------------


class CollaborationGoalsView(ApiView):
    error_fields = GOAL_ERRORS

    @extend_schema(
        operation_id="doelenLijst",
        tags=TAGS,
        summary=gettext_lazy("Doelen van een samenwerking"),
        description=gettext_lazy("Lezers (raadsleden) zien alleen vastgestelde doelen."),
        parameters=[PageQuery],
        responses=page_serializer(GoalSerializer, "DoelenPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id)
        drafts = permissions.can_view_goal_drafts(request.user, collaboration)
        query = query_of(PageQuery, request)
        goals = Goal.objects.overview_for(collaboration, drafts_visible=drafts)
        return paginated(request, goals, GoalSerializer, query, context={"drafts_visible": drafts})

    @extend_schema(
        operation_id="doelOpstellen",
        tags=TAGS,
        summary=gettext_lazy("Een doel opstellen"),
        description=gettext_lazy("Een contactpersoon van een deelnemer stelt een concept op (versie 1)."),
        request=GoalCreateSerializer,
        responses={201: GoalSerializer},
    )
    def post(self, request: Request, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id)
        data = body_of(GoalCreateSerializer, request)
        goal = services.create_goal(
            collaboration=collaboration,
            by=request.user,
            title=data["titel"],
            text=data["tekst"],
            partner=partner_of(collaboration, data["deelnemer"]),
        )
        return _goal_response(goal, True, status=201)


class GoalView(ApiView):
    @extend_schema(operation_id="doelOpvragen", tags=TAGS, summary=gettext_lazy("Eén doel"), responses=GoalSerializer)
    def get(self, request: Request, id: UUID) -> Response:
        goal, drafts = goal_for(request, id)
        return Response(GoalSerializer(goal, context={"drafts_visible": drafts}).data)


class GoalVersionsView(ApiView):
    error_fields = GOAL_ERRORS

    @extend_schema(
        operation_id="doelversiesLijst",
        tags=TAGS,
        summary=gettext_lazy("Alle versies van een doel"),
        description=gettext_lazy("Lezers zien geen concepten en geen versies die nog in een ronde liggen."),
        parameters=[PageQuery],
        responses=page_serializer(VersionSerializer, "DoelversiesPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        goal, drafts = goal_for(request, id)
        versions = GoalVersion.objects.history(goal)
        if not drafts:
            versions = versions.exclude(status__in=[VersionStatus.DRAFT, VersionStatus.IN_CONSENT])
        return paginated(request, versions, VersionSerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="wijzigingsvoorstelDoen",
        tags=TAGS,
        summary=gettext_lazy("Een nieuwe versie voorstellen"),
        description=gettext_lazy(
            "Een wijzigingsvoorstel, bijvoorbeeld na een bezwaar. Een open ronde over de vorige versie sluit."
        ),
        request=AmendmentSerializer,
        responses={201: VersionSerializer},
    )
    def post(self, request: Request, id: UUID) -> Response:
        goal, _drafts = goal_for(request, id)
        data = body_of(AmendmentSerializer, request)
        version = services.propose_amendment(
            goal=goal,
            by=request.user,
            title=data["titel"],
            text=data["tekst"],
            reason=data["reden"],
            partner=partner_of(goal.collaboration, data["deelnemer"]),
        )
        fresh = GoalVersion.objects.history(goal).get(pk=version.pk)
        return Response(VersionSerializer(fresh).data, status=201)


class BenefitsView(ApiView):
    error_fields = {"text": "tekst", "partner": "deelnemer"}

    @extend_schema(
        operation_id="opbrengstenLijst",
        tags=TAGS,
        summary=gettext_lazy("Wat het doel elke deelnemer oplevert"),
        parameters=[PageQuery],
        responses=page_serializer(BenefitSerializer, "OpbrengstenPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        goal, _drafts = goal_for(request, id)
        benefits = Benefit.objects.for_goal(goal).order_by("partner__organisation__name", "id")
        return paginated(request, benefits, BenefitSerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="opbrengstBeschrijven",
        tags=TAGS,
        summary=gettext_lazy("Beschrijven wat het doel uw organisatie oplevert"),
        request=BenefitCreateSerializer,
        responses={201: BenefitSerializer},
    )
    def post(self, request: Request, id: UUID) -> Response:
        goal, _drafts = goal_for(request, id)
        data = body_of(BenefitCreateSerializer, request)
        partner = partner_of(goal.collaboration, data["deelnemer"])
        assert partner is not None
        benefit = services.state_benefit(goal=goal, partner=partner, by=request.user, text=data["tekst"])
        fresh = Benefit.objects.for_goal(goal).get(pk=benefit.pk)
        return Response(BenefitSerializer(fresh).data, status=201)


class RoundsView(ApiView):
    error_fields = {"deadline": "uiterlijkeDatum"}

    @extend_schema(
        operation_id="instemmingsrondesLijst",
        tags=TAGS,
        summary=gettext_lazy("Instemmingsrondes over een doel, met adviezen, besluiten en de stand"),
        description=gettext_lazy("Voor wie in de samenwerking werkt; nieuwste eerst."),
        parameters=[PageQuery],
        responses=page_serializer(RoundSerializer, "InstemmingsrondesPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        goal, drafts = goal_for(request, id)
        if not drafts:
            raise Http404
        rounds = (
            ConsentRound.objects.filter(goal=goal)
            .select_related("version")
            .prefetch_related("decisions__person", "advice__person")
            .order_by("-opened_at", "id")
        )

        def attach(items: list[ConsentRound]) -> None:
            for item in items:
                item.goal = goal

        return paginated(request, rounds, RoundSerializer, query_of(PageQuery, request), prepare=attach)

    @extend_schema(
        operation_id="instemmingsrondeOpenen",
        tags=TAGS,
        summary=gettext_lazy("Het concept aan de deelnemers voorleggen"),
        description=gettext_lazy("Kan pas als elke deelnemer heeft beschreven wat het doel oplevert."),
        request=RoundCreateSerializer,
        responses={201: RoundSerializer},
    )
    def post(self, request: Request, id: UUID) -> Response:
        goal, _drafts = goal_for(request, id)
        data = body_of(RoundCreateSerializer, request)
        consent_round = services.open_consent_round(goal=goal, by=request.user, deadline=data["uiterlijkeDatum"])
        consent_round.goal = goal
        return Response(RoundSerializer(consent_round).data, status=201)


class DecisionsView(ApiView):
    error_fields = {"kind": "besluit", "text": "toelichting", "partner": "deelnemer"}

    @extend_schema(
        operation_id="instemmingVastleggen",
        tags=TAGS,
        summary=gettext_lazy("Het besluit van een deelnemer in de open instemmingsronde"),
        description=gettext_lazy(
            "Alleen de bestuurlijk contactpersoon van de deelnemer. Een nieuw besluit vervangt het vorige zolang "
            "de ronde open is; het laatste besluit dat de ronde rond maakt, stelt het doel vast."
        ),
        request=DecisionCreateSerializer,
        responses={201: DecisionSerializer, 409: OpenApiResponse(description="Geen open ronde")},
    )
    def post(self, request: Request, id: UUID) -> Response:
        goal, _drafts = goal_for(request, id)
        data = body_of(DecisionCreateSerializer, request)
        partner = partner_of(goal.collaboration, data["deelnemer"])
        assert partner is not None
        decision = services.record_decision(
            consent_round=open_round_of(goal),
            partner=partner,
            by=request.user,
            kind=data["besluit"],
            text=data["toelichting"],
        )
        return Response(DecisionSerializer(decision).data, status=201)


class AdviceView(ApiView):
    error_fields = {"kind": "advies", "text": "toelichting", "partner": "deelnemer"}

    @extend_schema(
        operation_id="adviesGeven",
        tags=TAGS,
        summary=gettext_lazy("Ambtelijk advies aan het eigen bestuur in de open instemmingsronde"),
        request=AdviceCreateSerializer,
        responses={201: AdviceSerializer, 409: OpenApiResponse(description="Geen open ronde")},
    )
    def post(self, request: Request, id: UUID) -> Response:
        goal, _drafts = goal_for(request, id)
        data = body_of(AdviceCreateSerializer, request)
        partner = partner_of(goal.collaboration, data["deelnemer"])
        assert partner is not None
        advice = services.record_advice(
            consent_round=open_round_of(goal),
            partner=partner,
            by=request.user,
            kind=data["advies"],
            text=data["toelichting"],
        )
        return Response(AdviceSerializer(advice).data, status=201)


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
        return paginated(request, Result.objects.for_goal(goal), ResultSerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="resultaatToevoegen",
        tags=TAGS,
        summary=gettext_lazy("Een meetbaar resultaat toevoegen"),
        request=ResultCreateSerializer,
        responses={201: ResultSerializer},
    )
    def post(self, request: Request, id: UUID) -> Response:
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
        return Response(ResultSerializer(Result.objects.for_goal(goal).get(pk=result.pk)).data, status=201)


def result_for(request: Request, pk: UUID) -> Result:
    goal_id = Result.objects.filter(pk=pk).values_list("goal_id", flat=True).first()
    if goal_id is None:
        raise Http404
    goal, _drafts = goal_for(request, goal_id)
    result = Result.objects.for_goal(goal).get(pk=pk)
    result.goal = goal
    return result


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
        updates = ProgressUpdate.objects.filter(result=result).select_related("person")
        updates = updates.order_by("-measured_on", "-created_at", "id")
        return paginated(request, updates, ProgressSerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="voortgangMelden",
        tags=TAGS,
        summary=gettext_lazy("Een meting van een resultaat melden"),
        description=gettext_lazy("De eigenaar van het resultaat of de facilitator."),
        request=ProgressCreateSerializer,
        responses={201: ProgressSerializer},
    )
    def post(self, request: Request, id: UUID) -> Response:
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
        commitments = Commitment.objects.for_goal(goal)
        return paginated(request, commitments, CommitmentSerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="afspraakMaken",
        tags=TAGS,
        summary=gettext_lazy("Een afspraak vastleggen namens de eigen organisatie"),
        request=CommitmentCreateSerializer,
        responses={201: CommitmentSerializer},
    )
    def post(self, request: Request, id: UUID) -> Response:
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
        return Response(CommitmentSerializer(Commitment.objects.for_goal(goal).get(pk=commitment.pk)).data, status=201)


class CommitmentStatusView(ApiView):
    @extend_schema(
        operation_id="afspraakstatusWijzigen",
        tags=TAGS,
        summary=gettext_lazy("De status van een afspraak wijzigen"),
        description=gettext_lazy("De deelnemer die de afspraak maakte, of de facilitator."),
        request=CommitmentStatusSerializer,
        responses={201: CommitmentSerializer},
    )
    def post(self, request: Request, id: UUID) -> Response:
        goal_id = Commitment.objects.filter(pk=id).values_list("goal_id", flat=True).first()
        if goal_id is None:
            raise Http404
        goal, _drafts = goal_for(request, goal_id)
        commitment = Commitment.objects.for_goal(goal).get(pk=id)
        commitment.goal = goal
        data = body_of(CommitmentStatusSerializer, request)
        commitment = services.update_commitment_status(commitment=commitment, by=request.user, status=data["status"])
        return Response(CommitmentSerializer(commitment).data, status=201)


# --- accountability: partners hold each other to account ---------------------------------


@extend_schema_serializer(component_name="Aanspreekverzoek")
class AccountabilitySerializer(serializers.Serializer):
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
class ReplySerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    tekst = serializers.CharField(source="text", read_only=True)
    door = PersonBriefSerializer(source="person", read_only=True)
    namens = serializers.UUIDField(source="partner_id", allow_null=True, read_only=True)
    geplaatstOp = serializers.DateTimeField(source="created_at", read_only=True)


class ClosingSerializer(StrictSerializer):
    uitkomst = ChoiceField(choices=Outcome.choices)
    toelichting = TextField(required=False, allow_blank=True, default="", max_length=5_000)


def accountability_for(request: Request, pk: UUID) -> AccountabilityRequest:
    goal_id = AccountabilityRequest.objects.filter(pk=pk).values_list("goal_id", flat=True).first()
    if goal_id is None:
        raise Http404
    goal, _drafts = goal_for(request, goal_id)
    found = AccountabilityRequest.objects.for_goal(goal).get(pk=pk)
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
        found = AccountabilityRequest.objects.for_goal(goal).order_by("-created_at", "id")
        return paginated(request, found, AccountabilitySerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="aanspreekverzoekDoen",
        tags=TAGS,
        summary=gettext_lazy("Een andere deelnemer aanspreken op een afspraak of resultaat"),
        request=AccountabilityCreateSerializer,
        responses={201: AccountabilitySerializer},
    )
    def post(self, request: Request, id: UUID) -> Response:
        goal, _drafts = goal_for(request, id)
        data = body_of(AccountabilityCreateSerializer, request)
        commitment = (
            resolve(Commitment, [data["afspraak"]], "afspraak", Commitment.objects.filter(goal=goal))[0]
            if data["afspraak"]
            else None
        )
        result = (
            resolve(Result, [data["resultaat"]], "resultaat", Result.objects.filter(goal=goal))[0]
            if data["resultaat"]
            else None
        )
        raised = services.raise_accountability_request(
            collaboration=goal.collaboration,
            by=request.user,
            question=data["vraag"],
            commitment=commitment,
            result=result,
            partner=partner_of(goal.collaboration, data["deelnemer"]),
        )
        fresh = AccountabilityRequest.objects.for_goal(goal).get(pk=raised.pk)
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
    def post(self, request: Request, id: UUID) -> Response:
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
    def post(self, request: Request, id: UUID) -> Response:
        found = accountability_for(request, id)
        data = body_of(ClosingSerializer, request)
        services.close_accountability_request(
            request=found, by=request.user, outcome=data["uitkomst"], text=data["toelichting"]
        )
        fresh = AccountabilityRequest.objects.for_goal(found.goal).get(pk=found.pk)
        return Response(AccountabilitySerializer(fresh).data, status=201)
