"""The /api/v1 endpoints. Each parses input, asks samen.permissions, calls a service and answers."""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, cast
from uuid import UUID

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models import Model as DjangoModel
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_serializer
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from samen import permissions
from samen.accounts.models import Person
from samen.api import problems
from samen.api import serializers as s
from samen.api.base import ApiView, AuthedApiRequest, QuerySerializer, StrictSerializer
from samen.api.pagination import PageQuery, page_serializer, paginated, paginated_rows
from samen.api.schema import document_text
from samen.audit.models import AuditEvent
from samen.collaborations import services as collaboration_services
from samen.collaborations.forms import FindForm
from samen.collaborations.models import Collaboration, Organisation, Partner, PolicyField, Role
from samen.core.db import hex_id


class Conflict(exceptions.APIException):
    status_code = 409
    default_code = "conflict"


def http(request: Request) -> HttpRequest:
    """samen.permissions takes a Django request; DRF's Request stands in for it (it proxies ``user``)."""
    return cast(HttpRequest, request)


def query_of(serializer_class: type[QuerySerializer], request: Request) -> dict[str, Any]:
    query = serializer_class(request=request)
    query.is_valid(raise_exception=True)
    return dict(query.validated_data)


def body_of(serializer_class: type[StrictSerializer], request: Request) -> dict[str, Any]:
    body = serializer_class(data=request.data)
    body.is_valid(raise_exception=True)
    return dict(body.validated_data)


def resolve[M: DjangoModel](model: type[M], ids: Iterable[UUID], field: str, queryset: Any = None) -> list[M]:
    """Objects for ``ids`` in the given order; unknown ids are a 400 on ``field``."""
    ids = list(dict.fromkeys(ids))
    found = (queryset if queryset is not None else model._default_manager).in_bulk(ids)
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise serializers.ValidationError({field: [_("Onbekende id: %(ids)s.") % {"ids": ", ".join(missing)}]})
    return [found[i] for i in ids]


def collaboration_items(ids: "QuerySet[Collaboration, UUID] | list[UUID]") -> list[dict[str, Any]]:
    """Collaborations as the API writes them, in two queries: their rows with the current partner count, and
    their policy field names.

    ``ids`` is a list, or a page of a queryset of ids (the register sorted on narrow rows): that page is then
    a subquery, read in the same order, and only its rows are read and counted.
    """
    partner_count = (
        Partner.objects.current()
        .filter(collaboration_id=OuterRef("pk"))
        .order_by()
        .values("collaboration_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    found = Collaboration.objects.filter(pk__in=ids).annotate(partner_count=Coalesce(Subquery(partner_count), 0))
    if not isinstance(ids, list):
        found = found.order_by(*ids.query.order_by)
    rows = list(found.values(*s.COLLABORATION_COLUMNS, "partner_count"))
    names: dict[str, list[str]] = defaultdict(list)
    through = Collaboration.policy_fields.through.objects.filter(collaboration_id__in=[row["id"] for row in rows])
    # Ids as text (samen.core.db.hex_id): the rows come back without a UUID built for each.
    for collaboration_id, name in through.values_list(hex_id("collaboration_id"), "policyfield__name").order_by(
        "policyfield__name"
    ):
        names[collaboration_id].append(name)
    return [s.collaboration_item(row, row["partner_count"], names[row["id"].hex]) for row in rows]


def one_collaboration(pk: UUID) -> dict[str, Any]:
    return collaboration_items([pk])[0]


def workspace_people(request: Request, pk: UUID) -> Collaboration:
    """A collaboration whose people the person may see, else 404 (the same rule as the people page)."""
    collaboration = permissions.get_collaboration_for(http(request), pk)
    if not permissions.can_view_people(request.user, collaboration):
        raise Http404
    return collaboration


COLLABORATIONS = ["Samenwerkingen"]
ORGANISATIONS = ["Organisaties"]


class CollaborationListView(ApiView):
    error_fields = {"name": "naam", "partners": "organisaties", "gr_from_register": "soort", "kind": "soort"}

    @extend_schema(
        operation_id="samenwerkingenZoeken",
        tags=COLLABORATIONS,
        summary=gettext_lazy("Samenwerkingen zoeken"),
        description=gettext_lazy(
            "Het landelijke register en de samenwerkingen in Samen, te filteren op gemeente, "
            "rechtsvorm, beleidsterrein en naam."
        ),
        parameters=[s.CollaborationFilter],
        responses=page_serializer(s.CollaborationSerializer, "SamenwerkingenPagina"),
    )
    def get(self, request: Request) -> Response:
        query = query_of(s.CollaborationFilter, request)
        form = FindForm(
            {
                key: query.get(name, "")
                for key, name in (
                    ("q", "naam"),
                    ("gemeente", "gemeente"),
                    ("rechtsvorm", "rechtsvorm"),
                    ("beleidsterrein", "beleidsterrein"),
                )
            }
        )
        if not form.is_valid():
            names = {"q": "naam"}
            raise serializers.ValidationError({names.get(k, k): [str(e) for e in v] for k, v in form.errors.items()})
        found = Collaboration.objects.search(
            text=form.cleaned_data["q"].strip(),
            organisation=form.cleaned_data["gemeente"],
            legal_form=form.cleaned_data["rechtsvorm"],
            policy_field=form.cleaned_data["beleidsterrein"],
        ).visible_to(cast(Person, request.user))
        if query["mijn"]:
            found = found.filter(pk__in=Collaboration.objects.mine(cast(Person, request.user)).values("pk"))
        return paginated_rows(request, found.values_list("pk", flat=True), query, collaboration_items)

    @extend_schema(
        operation_id="samenwerkingAanmaken",
        tags=COLLABORATIONS,
        summary=gettext_lazy("Een samenwerking aanmaken"),
        description=gettext_lazy(
            "Een convenant, DVO of informele samenwerking die niet in het register staat. U wordt er facilitator van."
        ),
        request=s.CollaborationCreateSerializer,
        responses={201: s.CollaborationSerializer},
    )
    def post(self, request: AuthedApiRequest) -> Response:
        data = body_of(s.CollaborationCreateSerializer, request)
        organisations = resolve(
            Organisation, data["organisaties"], "organisaties", Organisation.objects.filter(exists=True)
        )
        policy_fields = resolve(PolicyField, data["beleidsterreinen"], "beleidsterreinen")
        collaboration = collaboration_services.create_collaboration(
            by=request.user,
            name=data["naam"],
            kind=data["soort"],
            purpose=data["doel"],
            organisations=organisations,
            start_date=data["ingangsdatum"],
            policy_fields=policy_fields,
        )
        body = one_collaboration(collaboration.pk)
        location = request.build_absolute_uri(f"{request.path}/{collaboration.pk}")
        return Response(body, status=201, headers={"Location": location})


class CollaborationDetailView(ApiView):
    @extend_schema(
        operation_id="samenwerkingOpvragen",
        tags=COLLABORATIONS,
        summary=gettext_lazy("Eén samenwerking"),
        responses=s.CollaborationSerializer,
    )
    def get(self, request: Request, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id, workspace=False)
        return Response(one_collaboration(collaboration.pk))


@extend_schema_serializer(component_name="Activering")
class ActivationSerializer(StrictSerializer):
    """An activation carries no data; the body may be empty or ``{}``."""


class ActivationView(ApiView):
    @extend_schema(
        operation_id="samenwerkingActiveren",
        tags=COLLABORATIONS,
        summary=gettext_lazy("Een samenwerking uit het register starten"),
        description=gettext_lazy(
            "Zet de werkplaats van een register-samenwerking aan. Alleen iemand van een deelnemende "
            "organisatie kan dit; die wordt facilitator."
        ),
        request=ActivationSerializer,
        responses={201: s.CollaborationSerializer, 409: OpenApiResponse(description="Al actief")},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id, workspace=False)
        if request.data:
            body_of(ActivationSerializer, request)
        if collaboration.workspace_active:
            raise Conflict(_("Deze samenwerking is al actief in Samen."))
        collaboration_services.activate_workspace(collaboration=collaboration, by=request.user)
        return Response(one_collaboration(collaboration.pk), status=201)


class PartnerListView(ApiView):
    @extend_schema(
        operation_id="deelnemersLijst",
        tags=COLLABORATIONS,
        summary=gettext_lazy("Deelnemers van een samenwerking"),
        description=gettext_lazy("Huidige en vroegere deelnemers (partners), uit het register of uit Samen."),
        parameters=[PageQuery],
        responses=page_serializer(s.PartnerSerializer, "DeelnemersPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id, workspace=False)
        query = query_of(PageQuery, request)
        partners = collaboration.partners.select_related("organisation").order_by("organisation__name", "id")
        return paginated(request, partners, s.PartnerSerializer, query)


class RoleListView(ApiView):
    error_fields = {"kind": "soort", "partner": "deelnemer", "organisation": "persoon"}

    @extend_schema(
        operation_id="rollenLijst",
        tags=COLLABORATIONS,
        summary=gettext_lazy("Mensen en hun rollen in een samenwerking"),
        description=gettext_lazy("Voor facilitators en contactpersonen van de samenwerking."),
        parameters=[PageQuery],
        responses=page_serializer(s.RoleSerializer, "RollenPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        collaboration = workspace_people(request, id)
        query = query_of(PageQuery, request)
        roles = (
            Role.objects.filter(collaboration=collaboration)
            .select_related("person__organisation")
            .order_by("person__full_name", "kind", "id")
        )
        return paginated(request, roles, s.RoleSerializer, query)

    @extend_schema(
        operation_id="rolToekennen",
        tags=COLLABORATIONS,
        summary=gettext_lazy("Iemand een rol geven"),
        description=gettext_lazy(
            "Alleen de facilitator. Een rol namens een deelnemer kan alleen voor iemand van die organisatie."
        ),
        request=s.RoleCreateSerializer,
        responses={201: s.RoleSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration = workspace_people(request, id)
        data = body_of(s.RoleCreateSerializer, request)
        person = resolve(Person, [data["persoon"]], "persoon", Person.objects.filter(is_active=True))[0]
        partner = None
        if data["deelnemer"] is not None:
            partner = resolve(Partner, [data["deelnemer"]], "deelnemer", collaboration.partners.all())[0]
        role = collaboration_services.assign_role(
            collaboration=collaboration, person=person, kind=data["soort"], partner=partner, by=request.user
        )
        return Response(s.RoleSerializer(role).data, status=201)


class RoleDetailView(ApiView):
    @extend_schema(
        operation_id="rolIntrekken",
        tags=COLLABORATIONS,
        summary=gettext_lazy("Een rol intrekken"),
        description=gettext_lazy("Alleen de facilitator; de laatste facilitator blijft."),
        responses={204: None},
    )
    def delete(self, request: AuthedApiRequest, id: UUID, rolId: UUID) -> Response:
        collaboration = workspace_people(request, id)
        role = get_object_or_404(
            Role.objects.select_related("person", "partner"), pk=rolId, collaboration=collaboration
        )
        collaboration_services.remove_role(role=role, by=request.user)
        return Response(status=204)


class AuditLogView(ApiView):
    @extend_schema(
        operation_id="auditlogLijst",
        tags=["Auditlog"],
        summary=gettext_lazy("Het auditlog van een samenwerking"),
        description=gettext_lazy("Alleen voor facilitators. Nieuwste eerst."),
        parameters=[PageQuery],
        responses=page_serializer(s.AuditEventSerializer, "AuditlogPagina"),
    )
    def get(self, request: Request, id: UUID) -> Response:
        collaboration = permissions.get_collaboration_for(http(request), id)
        if not permissions.can_view_audit_log(request.user, collaboration):
            raise Http404
        query = query_of(PageQuery, request)
        events = AuditEvent.objects.for_collaboration(collaboration).order_by("-at", "-id")
        return paginated(request, events, s.AuditEventSerializer, query)


def register_visible(request: Request) -> None:
    if not permissions.can_view_register(request.user):
        raise Http404


class OrganisationListView(ApiView):
    @extend_schema(
        operation_id="organisatiesZoeken",
        tags=ORGANISATIONS,
        summary=gettext_lazy("Organisaties zoeken"),
        parameters=[s.OrganisationFilter],
        responses=page_serializer(s.OrganisationSerializer, "OrganisatiesPagina"),
    )
    def get(self, request: Request) -> Response:
        register_visible(request)
        query = query_of(s.OrganisationFilter, request)
        found = Organisation.objects.order_by("name", "id")
        if query.get("naam"):
            found = found.filter(name__icontains=query["naam"].strip())
        if query.get("soort"):
            found = found.filter(kind=query["soort"])
        if query.get("code"):
            found = found.filter(code__iexact=query["code"].strip())
        return paginated(request, found, s.OrganisationSerializer, query)


class OrganisationDetailView(ApiView):
    @extend_schema(
        operation_id="organisatieOpvragen",
        tags=ORGANISATIONS,
        summary=gettext_lazy("Eén organisatie"),
        responses=s.OrganisationSerializer,
    )
    def get(self, request: Request, id: UUID) -> Response:
        register_visible(request)
        return Response(s.OrganisationSerializer(get_object_or_404(Organisation, pk=id)).data)


class PolicyFieldListView(ApiView):
    @extend_schema(
        operation_id="beleidsterreinenLijst",
        tags=COLLABORATIONS,
        summary=gettext_lazy("Beleidsterreinen"),
        description=gettext_lazy("De namen die het filter beleidsterrein op samenwerkingen kent."),
        parameters=[PageQuery],
        responses=page_serializer(s.PolicyFieldSerializer, "BeleidsterreinenPagina"),
    )
    def get(self, request: Request) -> Response:
        register_visible(request)
        query = query_of(PageQuery, request)
        return paginated(request, PolicyField.objects.order_by("name", "id"), s.PolicyFieldSerializer, query)


# --- outside the document: the entry point, the document itself and the catch-all ----------------


class PublicView(ApiView):
    authentication_classes: list[Any] = []
    permission_classes: list[Any] = []
    throttle_classes: list[Any] = []


class RootView(PublicView):
    @extend_schema(exclude=True)
    def get(self, request: Request) -> Response:
        return Response(
            {
                "_links": {
                    "self": {"href": request.build_absolute_uri("/api/v1")},
                    "openapi": {"href": request.build_absolute_uri("/api/v1/openapi.json")},
                }
            }
        )


class OpenApiDocumentView(PublicView):
    """The OpenAPI document: public, and readable from any origin (CORS ``*``)."""

    @extend_schema(exclude=True)
    def get(self, request: Request) -> HttpResponse:
        return HttpResponse(document_text(), content_type="application/json; charset=utf-8")

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    return problems.not_found_json(request)


not_found.csrf_exempt = True  # type: ignore[attr-defined]
