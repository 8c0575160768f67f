"""Raadsgrip changes over the API, as on the pages: a regeling's own moments, the GR body's reaction to a
zienswijze, and key figures (entered per year, or imported from the same CSV/XLSX file as on the page).

Each operation calls the page's service, which checks ``samen.permissions`` and records the audit event.
"""

from decimal import Decimal
from typing import Any
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import parsers, serializers
from rest_framework.response import Response

from samen import permissions
from samen.api import council
from samen.api.base import ApiView, AuthedApiRequest, ChoiceField, DateField, StrictSerializer, TextField, UUIDField
from samen.api.council import TAGS, FiguresSerializer, ZienswijzeSerializer, _cycle
from samen.api.pagination import PageQuery, page_serializer, paginated
from samen.api.views import body_of, query_of, resolve
from samen.collaborations.models import Partner
from samen.core.services import require
from samen.council import figures, services
from samen.council.models import Basis, OwnMoment, Zienswijze
from samen.council.views.figures import MAX_IMPORT_BYTES

# --- a regeling's own moments ------------------------------------------------------------------


@extend_schema_serializer(component_name="EigenPcMoment")
class OwnMomentSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    samenwerking = serializers.UUIDField(source="collaboration_id", read_only=True)
    omschrijving = serializers.CharField(source="title", read_only=True)
    datum = serializers.DateField(source="due_on", read_only=True)


class OwnMomentCreateSerializer(StrictSerializer):
    omschrijving = TextField(max_length=200, help_text=gettext_lazy("Bijvoorbeeld: voorjaarsnota."))
    datum = DateField()


OWN_MOMENT_ERRORS = {"title": "omschrijving", "due_on": "datum", "year": "datum"}


class OwnMomentsView(ApiView):
    error_fields = OWN_MOMENT_ERRORS

    @extend_schema(
        operation_id="eigenPcMomentenLijst",
        tags=TAGS,
        summary=gettext_lazy("De momenten die de regeling zelf aan de P&C-planning toevoegt"),
        parameters=[PageQuery],
        responses=page_serializer(OwnMomentSerializer, "EigenPcMomentenPagina"),
    )
    def get(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration = _cycle(request, id)
        moments = OwnMoment.objects.filter(collaboration=collaboration).order_by("-due_on", "id")
        return paginated(request, moments, OwnMomentSerializer, query_of(PageQuery, request))

    @extend_schema(
        operation_id="eigenPcMomentToevoegen",
        tags=TAGS,
        summary=gettext_lazy("Een eigen moment aan de P&C-planning toevoegen (alleen de facilitator)"),
        request=OwnMomentCreateSerializer,
        responses={201: OwnMomentSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration = _cycle(request, id)
        data = body_of(OwnMomentCreateSerializer, request)
        moment = services.add_own_moment(
            collaboration=collaboration, by=request.user, title=data["omschrijving"], due_on=data["datum"]
        )
        return Response(OwnMomentSerializer(moment).data, status=201)


class OwnMomentView(ApiView):
    @extend_schema(
        operation_id="eigenPcMomentVerwijderen",
        tags=TAGS,
        summary=gettext_lazy("Een eigen moment uit de P&C-planning halen (alleen de facilitator)"),
        request=None,
        responses={204: None},
    )
    def delete(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration_id = OwnMoment.objects.filter(pk=id).values_list("collaboration_id", flat=True).first()
        if collaboration_id is None:
            raise Http404
        collaboration = _cycle(request, collaboration_id)
        moment = OwnMoment.objects.get(pk=id)
        moment.collaboration = collaboration
        services.remove_own_moment(moment=moment, by=request.user)
        return Response(status=204)


# --- the GR body's reaction to a zienswijze ------------------------------------------------------


class ResponseCreateSerializer(StrictSerializer):
    reactie = TextField(max_length=20000, help_text=gettext_lazy("Wat is er met de zienswijze gedaan?"))


class ResponsesView(ApiView):
    error_fields = {"response": "reactie", "draft": "reactie"}

    @extend_schema(
        operation_id="zienswijzeBeantwoorden",
        tags=TAGS,
        summary=gettext_lazy("De reactie van het GR-bestuur op een vastgestelde zienswijze vastleggen"),
        description=gettext_lazy(
            "Alleen de facilitator. Een nieuwe reactie vervangt de vorige; de deelnemer krijgt bericht."
        ),
        request=ResponseCreateSerializer,
        responses={200: ZienswijzeSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration_id = Zienswijze.objects.filter(pk=id).values_list("document__collaboration_id", flat=True).first()
        if collaboration_id is None:
            raise Http404
        collaboration = _cycle(request, collaboration_id)
        drafts = permissions.zienswijze_draft_partner_ids(request.user, collaboration)
        zienswijze = Zienswijze.objects.filter(pk=id).visible_to(drafts).select_related("document", "partner").first()
        if zienswijze is None:
            raise Http404
        zienswijze.document.collaboration = collaboration
        data = body_of(ResponseCreateSerializer, request)
        zienswijze = services.respond_to_zienswijze(zienswijze=zienswijze, by=request.user, response=data["reactie"])
        return Response(ZienswijzeSerializer(zienswijze).data)


# --- key figures ----------------------------------------------------------------------------------


def _amount(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=15, decimal_places=2, required=False, allow_null=True, **kwargs)


class ContributionInputSerializer(StrictSerializer):
    deelnemer = UUIDField()
    bijdrage = _amount(help_text=gettext_lazy("De gemeentelijke bijdrage in euro."))
    aandeel = serializers.DecimalField(
        max_digits=6,
        decimal_places=3,
        min_value=Decimal(0),
        max_value=Decimal(100),
        required=False,
        allow_null=True,
        help_text=gettext_lazy("Het aandeel in procenten."),
    )
    stemmen = serializers.IntegerField(min_value=0, max_value=999, required=False, allow_null=True)


# API field -> model field, for the figures of the regeling itself.
FIGURE_FIELDS = {
    "eigenVermogenBegin": "equity_start",
    "eigenVermogenEind": "equity_end",
    "vreemdVermogenBegin": "debt_start",
    "vreemdVermogenEind": "debt_end",
    "resultaat": "result",
    "reserves": "reserves",
}
CONTRIBUTION_FIELDS = {"bijdrage": "amount", "aandeel": "share", "stemmen": "votes"}


class FiguresCreateSerializer(StrictSerializer):
    jaar = serializers.IntegerField(min_value=2000, max_value=2100)
    bron = ChoiceField(choices=Basis.choices)
    eigenVermogenBegin = _amount()
    eigenVermogenEind = _amount()
    vreemdVermogenBegin = _amount()
    vreemdVermogenEind = _amount()
    resultaat = _amount()
    reserves = _amount()
    risicos = TextField(required=False, allow_blank=True, max_length=5000)
    bijdragen = ContributionInputSerializer(many=True, required=False, max_length=100)  # type: ignore[call-arg]


FIGURE_ERRORS = {"year": "jaar", "basis": "bron", "partners": "bijdragen", "file": "bestand"}


class FiguresView(council.FiguresView):
    error_fields = FIGURE_ERRORS

    @extend_schema(
        operation_id="kengetallenVastleggen",
        tags=TAGS,
        summary=gettext_lazy("De kengetallen van één jaar vastleggen (alleen de facilitator)"),
        description=gettext_lazy(
            "Een weggelaten kengetal blijft zoals het was; null betekent: ontbreekt (niet 0). "
            "Per deelnemer de bijdrage, het aandeel en de stemmen."
        ),
        request=FiguresCreateSerializer,
        responses={201: FiguresSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        return save_figures(request, id)


def save_figures(request: AuthedApiRequest, id: UUID) -> Response:
    collaboration = _cycle(request, id)
    data = body_of(FiguresCreateSerializer, request)
    values: dict[str, Any] = {model: data[name] for name, model in FIGURE_FIELDS.items() if name in data}
    if "risicos" in data:
        values["risks"] = data["risicos"]
    rows = data.get("bijdragen", [])
    found: list[Partner] = resolve(Partner, [row["deelnemer"] for row in rows], "bijdragen", collaboration.partners)
    by_id = {partner.pk: partner for partner in found}
    partners = {
        by_id[row["deelnemer"]]: {model: row[name] for name, model in CONTRIBUTION_FIELDS.items() if name in row}
        for row in rows
    }
    saved = figures.save_key_figures(
        collaboration=collaboration,
        by=request.user,
        year=data["jaar"],
        basis=data["bron"],
        values=values,
        partners=partners,
    )
    return Response(FiguresSerializer(saved).data, status=201)


class ImportSerializer(StrictSerializer):
    bestand = serializers.FileField(
        help_text=gettext_lazy("CSV (UTF-8) of XLSX in de indeling van docs/council-figures.md, hoogstens 2 MB.")
    )


@extend_schema_serializer(component_name="KengetallenImport")
class ImportResultSerializer(serializers.Serializer[Any]):
    regels = serializers.IntegerField(help_text=gettext_lazy("Het aantal ingelezen regels."))


class FiguresImportView(ApiView):
    parser_classes = [parsers.MultiPartParser]
    error_fields = FIGURE_ERRORS

    @extend_schema(
        operation_id="kengetallenInlezen",
        tags=TAGS,
        summary=gettext_lazy("Kengetallen inlezen uit een CSV- of XLSX-bestand (alleen de facilitator)"),
        description=gettext_lazy(
            "Hetzelfde bestand als op de pagina Kengetallen. Samen controleert eerst elke regel en schrijft "
            "niets als er één niet klopt."
        ),
        request={"multipart/form-data": ImportSerializer},
        responses={201: ImportResultSerializer},
    )
    def post(self, request: AuthedApiRequest, id: UUID) -> Response:
        collaboration = _cycle(request, id)
        require(
            permissions.can_keep_cycle(request.user, collaboration),
            str(permissions.KEEP_FIGURES_REFUSED),
        )
        upload = body_of(ImportSerializer, request)["bestand"]
        if upload.size > MAX_IMPORT_BYTES:
            raise serializers.ValidationError({"bestand": [_("Een importbestand mag hoogstens 2 MB zijn.")]})
        rows = figures.import_key_figures(
            collaboration=collaboration, by=request.user, content=upload.read(), file_name=upload.name or ""
        )
        return Response(ImportResultSerializer({"regels": rows}).data, status=201)
