"""Goals written together: the goal, its versions and what it yields each partner."""

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from samen import permissions
from samen.api.base import ApiView, AuthedApiRequest, StrictSerializer, TextField, UUIDField
from samen.api.goals.common import TAGS, PersonBriefSerializer, goal_for, partner_of
from samen.api.pagination import PageQuery, page_serializer, paginated
from samen.api.serializers import BlankAsNullCharField, OrganisationRefSerializer
from samen.api.views import body_of, http, query_of
from samen.goals import queries, services
from samen.goals.choices import GoalState, VersionStatus

if TYPE_CHECKING:
    from samen.goals.models import Goal


@extend_schema_serializer(component_name="DoelversieKort")
class VersionBriefSerializer(serializers.Serializer[Any]):
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
    wijzigingsnummer = serializers.IntegerField(
        source="version",
        read_only=True,
        help_text=gettext_lazy(
            "Stuur dit mee bij het bewerken van een concept; bewerkte iemand anders het intussen, 409."
        ),
    )


@extend_schema_serializer(component_name="Doel")
class GoalSerializer(serializers.Serializer[Any]):
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
    def get_laatsteVersie(self, goal: "Goal") -> dict[str, Any] | None:
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


class DraftSerializer(GoalCreateSerializer):
    reden = TextField(required=False, allow_null=True, default=None, max_length=5_000)
    wijzigingsnummer = serializers.IntegerField(min_value=1, help_text=gettext_lazy("Het wijzigingsnummer dat u las."))


@extend_schema_serializer(component_name="Opbrengst")
class BenefitSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    deelnemer = serializers.UUIDField(source="partner_id", read_only=True)
    organisatie = OrganisationRefSerializer(source="partner.organisation", read_only=True)
    tekst = serializers.CharField(source="text", read_only=True)
    auteur = PersonBriefSerializer(source="author", read_only=True)
    bijgewerktOp = serializers.DateTimeField(source="updated_at", read_only=True)


class BenefitCreateSerializer(StrictSerializer):
    deelnemer = UUIDField()
    tekst = TextField(max_length=10_000, help_text=gettext_lazy("Wat levert het doel deze deelnemer op?"))


GOAL_ERRORS = {"title": "titel", "text": "tekst", "reason": "reden", "partner": "deelnemer"}


def goal_response(goal: "Goal", drafts: bool, status: int = 200) -> Response:
    fresh = queries.goal_with_versions(goal.pk)
    return Response(GoalSerializer(fresh, context={"drafts_visible": drafts}).data, status=status)


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
        goals = queries.goals_overview(collaboration, drafts_visible=drafts)
        return paginated(request, goals, GoalSerializer, query, context={"drafts_visible": drafts})

    @extend_schema(
        operation_id="doelOpstellen",
        tags=TAGS,
        summary=gettext_lazy("Een doel opstellen"),
        description=gettext_lazy("Een contactpersoon van een deelnemer stelt een concept op (versie 1)."),
        request=GoalCreateSerializer,
        responses={201: GoalSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id)
        data = body_of(GoalCreateSerializer, request)
        goal = services.create_goal(
            collaboration=collaboration,
            by=request.user,
            title=data["titel"],
            text=data["tekst"],
            partner=partner_of(collaboration, data["deelnemer"]),
        )
        return goal_response(goal, True, status=201)


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
        return paginated(
            request, queries.versions_of(goal, drafts_visible=drafts), VersionSerializer, query_of(PageQuery, request)
        )

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
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
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
        fresh = queries.versions_of(goal, drafts_visible=True).get(pk=version.pk)
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
        return paginated(request, queries.benefits_of(goal), BenefitSerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="opbrengstBeschrijven",
        tags=TAGS,
        summary=gettext_lazy("Beschrijven wat het doel uw organisatie oplevert"),
        request=BenefitCreateSerializer,
        responses={201: BenefitSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        goal, _drafts = goal_for(request, id)
        data = body_of(BenefitCreateSerializer, request)
        partner = partner_of(goal.collaboration, data["deelnemer"])
        assert partner is not None
        benefit = services.state_benefit(goal=goal, partner=partner, by=request.user, text=data["tekst"])
        fresh = queries.benefits_of(goal).get(pk=benefit.pk)
        return Response(BenefitSerializer(fresh).data, status=201)


class DraftView(ApiView):
    error_fields = GOAL_ERRORS

    @extend_schema(
        operation_id="conceptBewerken",
        tags=TAGS,
        summary=gettext_lazy("Een concept samen bewerken"),
        description=gettext_lazy(
            "Alleen een versie die nog concept is. Met het wijzigingsnummer dat u las: bewerkte iemand anders "
            "het concept intussen, dan volgt 409 en verandert er niets."
        ),
        request=DraftSerializer,
        responses={200: VersionSerializer, 409: OpenApiResponse(description="Intussen bewerkt")},
    )
    def put(self, request: AuthedApiRequest, id: UUID, versieId: UUID) -> Response:
        goal, drafts = goal_for(request, id)
        if not drafts:
            raise Http404
        version = queries.version_of(goal, versieId)
        if version is None:
            raise Http404
        data = body_of(DraftSerializer, request)
        services.save_draft(
            version=version,
            by=request.user,
            expected_version=data["wijzigingsnummer"],
            title=data["titel"],
            text=data["tekst"],
            reason=data["reden"],
            partner=partner_of(goal.collaboration, data["deelnemer"]),
        )
        return Response(VersionSerializer(queries.versions_of(goal, drafts_visible=True).get(pk=version.pk)).data)
