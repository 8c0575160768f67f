"""Erken en vier successen over the API: the success log of a collaboration (readers: public successes only)."""

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from samen import permissions
from samen.accounts.models import Person
from samen.api.base import ApiView, AuthedApiRequest, DateField, StrictSerializer, TextField, UUIDField
from samen.api.goals import PersonBriefSerializer
from samen.api.pagination import PageQuery, page_serializer, paginated
from samen.api.serializers import BlankAsNullCharField
from samen.api.views import body_of, http, query_of, resolve
from samen.collaborations.models import Partner
from samen.goals import queries as goal_queries
from samen.successes import queries, services
from samen.successes.choices import PromptReason

TAGS = ["Successen"]

if TYPE_CHECKING:
    from samen.successes.models import Success


@extend_schema_serializer(component_name="Succes")
class SuccessSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    samenwerking = serializers.UUIDField(source="collaboration_id", read_only=True)
    titel = serializers.CharField(source="title", read_only=True)
    verhaal = serializers.CharField(source="story", read_only=True)
    datum = serializers.DateField(source="date", read_only=True)
    deelnemers = serializers.SerializerMethodField(help_text=gettext_lazy("Ids van de betrokken deelnemers."))
    mensen = PersonBriefSerializer(source="people.all", many=True, read_only=True)
    teams = serializers.ListField(source="team_list", child=serializers.CharField(), read_only=True)
    doel = serializers.UUIDField(source="goal_id", allow_null=True, read_only=True)
    resultaat = serializers.UUIDField(source="result_id", allow_null=True, read_only=True)
    openbaar = serializers.BooleanField(source="is_public", read_only=True)
    openbaarGemaaktOp = serializers.DateTimeField(source="made_public_at", allow_null=True, read_only=True)
    vastgelegdDoor = PersonBriefSerializer(source="recorded_by", read_only=True)
    vastgelegdOp = serializers.DateTimeField(source="recorded_at", read_only=True)
    heeftBijlage = serializers.BooleanField(source="has_attachment", read_only=True)
    versie = serializers.IntegerField(
        source="version",
        read_only=True,
        help_text=gettext_lazy("Stuur deze mee bij het wijzigen; wijzigde iemand anders intussen, dan volgt 409."),
    )

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_deelnemers(self, success: "Success") -> list[str]:
        return [str(partner.pk) for partner in success.partners.all()]


class SuccessCreateSerializer(StrictSerializer):
    titel = TextField(max_length=200)
    verhaal = TextField(max_length=5000)
    datum = DateField(help_text=gettext_lazy("Wanneer het succes is behaald; niet in de toekomst."))
    deelnemers = serializers.ListField(child=UUIDField(), max_length=100)
    mensen = serializers.ListField(child=UUIDField(), required=False, default=list, max_length=100)
    teams = serializers.ListField(child=TextField(max_length=200), required=False, default=list, max_length=20)
    doel = UUIDField(required=False, allow_null=True, default=None)
    resultaat = UUIDField(required=False, allow_null=True, default=None)
    vieringsvoorstel = UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text=gettext_lazy("Het vieringsvoorstel dat u met dit succes beantwoordt; dat sluit het."),
    )
    openbaar = serializers.BooleanField(
        required=False,
        default=False,
        help_text=gettext_lazy("Alleen een bestuurlijk contact van een betrokken deelnemer maakt een succes openbaar."),
    )


class SuccessUpdateSerializer(SuccessCreateSerializer):
    openbaar = None  # type: ignore[assignment]  # publishing is its own action (zichtbaarheidswijzigingen)
    vieringsvoorstel = None  # type: ignore[assignment]  # only a new success answers a prompt
    versie = serializers.IntegerField(min_value=1, help_text=gettext_lazy("De versie die u las."))


class VisibilitySerializer(StrictSerializer):
    openbaar = serializers.BooleanField()


ERRORS = {
    "title": "titel",
    "story": "verhaal",
    "date": "datum",
    "partners": "deelnemers",
    "people": "mensen",
    "teams": "teams",
    "goal": "doel",
    "result": "resultaat",
    "is_public": "openbaar",
    "prompt": "vieringsvoorstel",
    "celebrated": "vieringsvoorstel",
}


def success_for(request: Request, pk: UUID) -> "Success":
    collaboration_id = queries.collaboration_of_success(pk)
    if collaboration_id is None:
        raise Http404
    collaboration = permissions.get_collaboration_for(http(request), collaboration_id)
    success = queries.success(pk)
    success.collaboration = collaboration
    if not permissions.can_view_success(request.user, success):
        raise Http404
    return success


class CollaborationSuccessesView(ApiView):
    error_fields = ERRORS

    @extend_schema(
        operation_id="successenLijst",
        tags=TAGS,
        summary=gettext_lazy("Successen van een samenwerking, nieuwste eerst"),
        description=gettext_lazy("Lezers (raadsleden) zien alleen openbare successen."),
        parameters=[PageQuery],
        responses=page_serializer(SuccessSerializer, "SuccessenPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id)
        internal = permissions.can_view_internal_successes(request.user, collaboration)
        return paginated(
            request,
            queries.successes_of(collaboration, internal=internal),
            SuccessSerializer,
            query_of(PageQuery, request),
        )

    @extend_schema(
        operation_id="succesVastleggen",
        tags=TAGS,
        summary=gettext_lazy("Een succes vastleggen"),
        description=gettext_lazy(
            "Contactpersonen van de deelnemers en de facilitator. Een bijlage kan alleen in Samen."
        ),
        request=SuccessCreateSerializer,
        responses={201: SuccessSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id)
        data = body_of(SuccessCreateSerializer, request)
        partners = resolve(Partner, data["deelnemers"], "deelnemers", collaboration.partners.all())
        people = resolve(Person, data["mensen"], "mensen", services.people_in(collaboration))
        goals = goal_queries.goals_of(collaboration)
        goal = resolve(goals.model, [data["doel"]], "doel", goals)[0] if data["doel"] else None
        results = goal_queries.results_of(collaboration)
        result = resolve(results.model, [data["resultaat"]], "resultaat", results)[0] if data["resultaat"] else None
        prompts = queries.prompts_of(collaboration)
        prompt = (
            resolve(prompts.model, [data["vieringsvoorstel"]], "vieringsvoorstel", prompts)[0]
            if data["vieringsvoorstel"]
            else None
        )
        success = services.record_success(
            collaboration=collaboration,
            by=request.user,
            title=data["titel"],
            story=data["verhaal"],
            date=data["datum"],
            partners=partners,
            people=people,
            teams="\n".join(team.strip() for team in data["teams"]),
            goal=goal,
            result=result,
            is_public=data["openbaar"],
            prompt=prompt,
        )
        return Response(SuccessSerializer(queries.success(success.pk)).data, status=201)


class SuccessView(ApiView):
    error_fields = ERRORS

    @extend_schema(
        operation_id="succesOpvragen", tags=TAGS, summary=gettext_lazy("Eén succes"), responses=SuccessSerializer
    )
    def get(self, request: Request, id: UUID) -> Response:
        return Response(SuccessSerializer(success_for(request, id)).data)

    @extend_schema(
        operation_id="succesWijzigen",
        tags=TAGS,
        summary=gettext_lazy("Een succes wijzigen"),
        description=gettext_lazy(
            "Het hele succes, met de versie die u las. Een openbaar succes waarvan de tekst verandert, wordt weer "
            "intern tot een bestuurlijk contact het opnieuw openbaar maakt."
        ),
        request=SuccessUpdateSerializer,
        responses={200: SuccessSerializer, 409: OpenApiResponse(description="Intussen gewijzigd")},
    )
    def put(self, request: AuthedApiRequest, id: UUID) -> Response:
        success = success_for(request, id)
        collaboration = success.collaboration
        data = body_of(SuccessUpdateSerializer, request)
        goals = goal_queries.goals_of(collaboration)
        results = goal_queries.results_of(collaboration)
        services.update_success(
            success=success,
            by=request.user,
            version=data["versie"],
            title=data["titel"],
            story=data["verhaal"],
            date=data["datum"],
            partners=resolve(Partner, data["deelnemers"], "deelnemers", collaboration.partners.all()),
            people=resolve(Person, data["mensen"], "mensen", services.people_in(collaboration)),
            teams="\n".join(team.strip() for team in data["teams"]),
            goal=resolve(goals.model, [data["doel"]], "doel", goals)[0] if data["doel"] else None,
            result=resolve(results.model, [data["resultaat"]], "resultaat", results)[0] if data["resultaat"] else None,
        )
        return Response(SuccessSerializer(queries.success(success.pk)).data)


class VisibilityView(ApiView):
    error_fields = ERRORS

    @extend_schema(
        operation_id="succesZichtbaarheidWijzigen",
        tags=TAGS,
        summary=gettext_lazy("Een succes openbaar maken of weer intern maken"),
        description=gettext_lazy("Alleen een bestuurlijk contact van een betrokken deelnemer."),
        request=VisibilitySerializer,
        responses={201: SuccessSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        success = success_for(request, id)
        data = body_of(VisibilitySerializer, request)
        services.set_success_public(success=success, by=request.user, public=data["openbaar"])
        return Response(SuccessSerializer(queries.success(success.pk)).data, status=201)


# --- in het zonnetje: a short thank-you inside the collaboration ---------------------------


@extend_schema_serializer(component_name="Waardering")
class SpotlightSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    van = PersonBriefSerializer(source="given_by", read_only=True)
    mensen = PersonBriefSerializer(source="people.all", many=True, read_only=True)
    team = BlankAsNullCharField()
    waarom = serializers.CharField(source="message", read_only=True)
    gegevenOp = serializers.DateTimeField(source="created_at", read_only=True)


class SpotlightCreateSerializer(StrictSerializer):
    mensen = serializers.ListField(child=UUIDField(), required=False, default=list, max_length=50)
    team = TextField(required=False, allow_blank=True, default="", max_length=200)
    waarom = TextField(max_length=1000, help_text=gettext_lazy("Kort en concreet: wat deed deze persoon of dit team?"))


class SpotlightsView(ApiView):
    error_fields = {"people": "mensen", "team": "team", "message": "waarom"}

    @extend_schema(
        operation_id="waarderingenLijst",
        tags=TAGS,
        summary=gettext_lazy("Wie in het zonnetje is gezet, nieuwste eerst"),
        description=gettext_lazy("Voor wie in de samenwerking werkt."),
        parameters=[PageQuery],
        responses=page_serializer(SpotlightSerializer, "WaarderingenPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id)
        if not permissions.can_view_internal_successes(request.user, collaboration):
            raise Http404
        return paginated(
            request, queries.spotlights_of(collaboration), SpotlightSerializer, query_of(PageQuery, request)
        )

    @extend_schema(
        operation_id="waarderingGeven",
        tags=TAGS,
        summary=gettext_lazy("Mensen of een team in het zonnetje zetten"),
        description=gettext_lazy("De genoemde mensen krijgen bericht."),
        request=SpotlightCreateSerializer,
        responses={201: SpotlightSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id)
        if not permissions.can_view_internal_successes(request.user, collaboration):
            raise Http404
        data = body_of(SpotlightCreateSerializer, request)
        people = resolve(Person, data["mensen"], "mensen", services.people_in(collaboration))
        spotlight = services.give_spotlight(
            collaboration=collaboration, by=request.user, people=people, team=data["team"], message=data["waarom"]
        )
        return Response(SpotlightSerializer(queries.spotlights_of(collaboration).get(pk=spotlight.pk)).data, status=201)


@extend_schema_serializer(component_name="Vieringsvoorstel")
class PromptSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    aanleiding = serializers.ChoiceField(source="reason", choices=PromptReason.choices, read_only=True)
    watIsBereikt = serializers.CharField(source="title", read_only=True)
    bereiktOp = serializers.DateField(source="reached_on", read_only=True)
    doel = serializers.UUIDField(source="goal_id", allow_null=True, read_only=True)
    resultaat = serializers.UUIDField(source="result_id", allow_null=True, read_only=True)


class PromptsView(ApiView):
    @extend_schema(
        operation_id="vieringsvoorstellenLijst",
        tags=TAGS,
        summary=gettext_lazy("Wat is bereikt maar nog niet gevierd"),
        description=gettext_lazy(
            "Beantwoord een voorstel door een succes vast te leggen met het veld vieringsvoorstel; dat sluit het."
        ),
        parameters=[PageQuery],
        responses=page_serializer(PromptSerializer, "VieringsvoorstellenPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id)
        if not permissions.can_celebrate(request.user, collaboration):
            raise Http404
        return paginated(
            request, queries.open_prompts_of(collaboration), PromptSerializer, query_of(PageQuery, request)
        )
