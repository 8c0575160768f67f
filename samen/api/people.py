"""Invitations into a collaboration, and a person's own notification preferences and calendar link.

An invitation's one-time link goes only by e-mail, never in an API answer. The calendar link is
shown once, in the answer that makes it, as on the page.
"""

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from samen import permissions
from samen.accounts import services as accounts
from samen.accounts.models import Invitation
from samen.api import serializers as s
from samen.api.base import ApiView, AuthedApiRequest, ChoiceField, DateField, StrictSerializer, TextField, UUIDField
from samen.api.pagination import PageQuery, page_serializer, paginated
from samen.api.problems import camel
from samen.api.views import body_of, http, query_of, resolve, workspace_people
from samen.collaborations import services as collaboration_services
from samen.collaborations.models import Organisation, Partner, RoleKind
from samen.notifications import services as notifications
from samen.notifications.models import Kind, Preference

if TYPE_CHECKING:
    from samen.accounts.models import Person

TAGS = ["Samenwerkingen"]
ME = ["Mijn instellingen"]


@extend_schema_serializer(component_name="Uitnodiging")
class InvitationSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    email = serializers.EmailField(read_only=True)
    naam = serializers.CharField(source="full_name", read_only=True)
    soort = serializers.ChoiceField(source="kind", choices=RoleKind.choices, read_only=True)
    deelnemer = serializers.UUIDField(source="partner_id", allow_null=True, read_only=True)
    verstuurdOp = serializers.DateTimeField(source="created_at", read_only=True)
    geldigTot = serializers.DateTimeField(source="expires_at", read_only=True)
    geaccepteerdOp = serializers.DateTimeField(source="accepted_at", allow_null=True, read_only=True)
    ingetrokkenOp = serializers.DateTimeField(source="revoked_at", allow_null=True, read_only=True)


class InvitationCreateSerializer(StrictSerializer):
    email = TextField(max_length=254)
    naam = TextField(required=False, allow_blank=True, default="", max_length=200)
    soort = ChoiceField(choices=RoleKind.choices)
    deelnemer = serializers.UUIDField(required=False, allow_null=True, default=None)


class InvitationsView(ApiView):
    error_fields = {"email": "email", "kind": "soort", "partner": "deelnemer"}

    @extend_schema(
        operation_id="uitnodigingenLijst",
        tags=TAGS,
        summary=gettext_lazy("Uitnodigingen van een samenwerking"),
        parameters=[PageQuery],
        responses=page_serializer(InvitationSerializer, "UitnodigingenPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        collaboration = workspace_people(request, id)
        invitations = Invitation.objects.filter(collaboration=collaboration).order_by("-created_at", "id")
        return paginated(request, invitations, InvitationSerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="uitnodigen",
        tags=TAGS,
        summary=gettext_lazy("Iemand uitnodigen voor een rol (de facilitator); de link gaat per e-mail"),
        request=InvitationCreateSerializer,
        responses={201: InvitationSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration = workspace_people(request, id)
        data = body_of(InvitationCreateSerializer, request)
        partner = None
        if data["deelnemer"] is not None:
            partner = resolve(Partner, [data["deelnemer"]], "deelnemer", collaboration.partners.all())[0]
        invitation = accounts.invite_person(
            collaboration=collaboration,
            email=data["email"],
            full_name=data["naam"],
            kind=data["soort"],
            partner=partner,
            by=request.user,
        )
        return Response(InvitationSerializer(invitation).data, status=201)


class InvitationRevocationsView(ApiView):
    @extend_schema(
        operation_id="uitnodigingIntrekken",
        tags=TAGS,
        summary=gettext_lazy("Een open uitnodiging intrekken (de facilitator)"),
        request=None,
        responses={200: InvitationSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID, uitnodigingId: UUID) -> Response:
        collaboration = workspace_people(request, id)
        invitation = get_object_or_404(Invitation, pk=uitnodigingId, collaboration=collaboration)
        accounts.revoke_invitation(invitation=invitation, by=request.user)
        invitation.refresh_from_db()
        return Response(InvitationSerializer(invitation).data)


# The API's camelCase name of each kind of message.
KIND_NAMES = {kind: camel(kind) for kind in Kind.values}


def _preferences_serializer() -> type[StrictSerializer]:
    fields = {
        KIND_NAMES[kind]: ChoiceField(choices=notifications.preference_values(), required=False, help_text=label)
        for kind, label in Kind.choices
    }
    return extend_schema_serializer(component_name="Meldingsvoorkeuren")(
        type("PreferencesSerializer", (StrictSerializer,), fields)
    )


PreferencesSerializer = _preferences_serializer()


def preferences_of(person: "Person") -> dict[str, str]:
    chosen = Preference.objects.cadences_of(person)
    return {KIND_NAMES[kind]: chosen.get(kind, notifications.DEFAULT) for kind in Kind.values}


class PreferencesView(ApiView):
    error_fields = KIND_NAMES

    @extend_schema(
        operation_id="mijnMeldingsvoorkeuren",
        tags=ME,
        summary=gettext_lazy("Hoe vaak u e-mail krijgt, per soort bericht"),
        responses={200: PreferencesSerializer},
    )
    def get(self, request: AuthedApiRequest) -> Response:
        return Response(preferences_of(request.user))

    @extend_schema(
        operation_id="meldingsvoorkeurenWijzigen",
        tags=ME,
        summary=gettext_lazy("Meldingsvoorkeuren wijzigen; soorten die u weglaat blijven zoals ze zijn"),
        request=PreferencesSerializer,
        responses={200: PreferencesSerializer},
    )
    def patch(self, request: AuthedApiRequest) -> Response:
        data = body_of(PreferencesSerializer, request)
        by_name = {name: kind for kind, name in KIND_NAMES.items()}
        notifications.set_preferences(
            person=request.user, by=request.user, choices={by_name[name]: value for name, value in data.items()}
        )
        return Response(preferences_of(request.user))


@extend_schema_serializer(component_name="Agendalink")
class CalendarFeedSerializer(serializers.Serializer[Any]):
    url = serializers.URLField(help_text=gettext_lazy("Eenmalig getoond: zet deze link in uw agenda-app."))


class CalendarFeedsView(ApiView):
    idempotency_keeps_answer = False  # the link is a secret: an Idempotency-Key row must not keep it

    @extend_schema(
        operation_id="agendalinkMaken",
        tags=ME,
        summary=gettext_lazy("Een nieuwe geheime agendalink (ICS); een oudere werkt dan niet meer"),
        request=None,
        responses={201: CalendarFeedSerializer},
    )
    def post(self, request: AuthedApiRequest) -> Response:
        token = notifications.create_calendar_feed(person=request.user, by=request.user)
        return Response({"url": notifications.calendar_feed_url(token)}, status=201)

    @extend_schema(
        operation_id="agendalinkIntrekken",
        tags=ME,
        summary=gettext_lazy("De agendalink intrekken; agenda-apps krijgen dan niets meer"),
        responses={204: None},
    )
    def delete(self, request: AuthedApiRequest) -> Response:
        notifications.revoke_calendar_feed(person=request.user, by=request.user)
        return Response(status=204)


class MembershipChangeSerializer(StrictSerializer):
    organisatie = UUIDField(help_text=gettext_lazy("De organisatie die toetreedt of uittreedt."))
    datum = DateField(help_text=gettext_lazy("Vandaag of eerder."))
    reden = TextField(max_length=300, help_text=gettext_lazy("Bijvoorbeeld: besluit van de raad, of een herindeling."))


MEMBERSHIP_ERRORS = {"on": "datum", "reason": "reden", "organisation": "organisatie"}


def _membership(request: Request, id: UUID, service: Any, status: int) -> Response:
    collaboration = permissions.get_collaboration_for(http(request), id)
    data = body_of(MembershipChangeSerializer, request)
    organisation = resolve(Organisation, [data["organisatie"]], "organisatie", Organisation.objects.all())[0]
    partner = service(
        collaboration=collaboration, organisation=organisation, on=data["datum"], by=request.user, reason=data["reden"]
    )
    return Response(s.PartnerSerializer(partner).data, status=status)


class JoiningsView(ApiView):
    error_fields = MEMBERSHIP_ERRORS

    @extend_schema(
        operation_id="toetredingVastleggen",
        tags=TAGS,
        summary=gettext_lazy("Vastleggen dat een organisatie toetreedt (de facilitator)"),
        request=MembershipChangeSerializer,
        responses={201: s.PartnerSerializer},
    )
    def post(self, request: Request, id: UUID) -> Response:
        return _membership(request, id, collaboration_services.partner_joins, 201)


class LeavingsView(ApiView):
    error_fields = MEMBERSHIP_ERRORS

    @extend_schema(
        operation_id="uittredingVastleggen",
        tags=TAGS,
        summary=gettext_lazy("Vastleggen dat een partner uittreedt (de facilitator)"),
        description=gettext_lazy(
            "Open instemmingsrondes gaan verder zonder deze partner, zijn open afspraken vervallen en zijn "
            "toezeggingen sluiten; de geschiedenis blijft leesbaar."
        ),
        request=MembershipChangeSerializer,
        responses={200: s.PartnerSerializer},
    )
    def post(self, request: Request, id: UUID) -> Response:
        return _membership(request, id, collaboration_services.partner_leaves, 200)
