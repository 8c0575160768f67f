"""What the API shows and accepts: Dutch lowerCamelCase fields, UUIDs as ids. Serializers never save."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from samen.api.base import ChoiceField, DateField, StrictSerializer, TextField, UUIDField
from samen.api.pagination import PageQuery
from samen.api.problems import camel
from samen.collaborations.models import (
    CollaborationKind,
    LegalForm,
    OrganisationKind,
    Phase,
    RoleKind,
)


class BlankAsNullCharField(serializers.CharField):
    """Empty text in the database is ``null`` in the API: "not known" rather than an empty string."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str | None:  # type: ignore[override]
        return str(value) if value else None


class BlankAsNullChoiceField(serializers.ChoiceField):
    def __init__(self, choices: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("read_only", True)
        super().__init__(choices, **kwargs)

    def to_representation(self, value: Any) -> str | None:  # type: ignore[override]
        return str(value) if value else None


# --- organisations --------------------------------------------------------------------


@extend_schema_serializer(component_name="OrganisatieVerwijzing")
class OrganisationRefSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    naam = serializers.CharField(source="name", read_only=True)
    code = BlankAsNullCharField(help_text=_("Bijvoorbeeld GM0363 voor een gemeente."))


@extend_schema_serializer(component_name="Organisatie")
class OrganisationSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    naam = serializers.CharField(source="name", read_only=True)
    soort = serializers.ChoiceField(source="kind", choices=OrganisationKind.choices, read_only=True)
    code = BlankAsNullCharField(help_text=_("Bijvoorbeeld GM0363 voor een gemeente of PV27 voor een provincie."))
    cbsCode = BlankAsNullCharField(source="cbs_code")
    oin = BlankAsNullCharField()
    kvkNummer = BlankAsNullCharField(source="kvk")
    provincieCode = BlankAsNullCharField(source="province_code")
    provincieNaam = BlankAsNullCharField(source="province_name")
    website = BlankAsNullCharField()
    inwoners = serializers.IntegerField(source="population", allow_null=True, read_only=True)
    bestaat = serializers.BooleanField(source="exists", read_only=True, help_text=_("Uit: opgeheven door herindeling."))
    opgehevenOp = serializers.DateField(
        source="ceased_on", allow_null=True, read_only=True, help_text=_("De dag waarop de herindeling inging.")
    )
    opgegaanIn = serializers.UUIDField(
        source="successor_id", allow_null=True, read_only=True, help_text=_("De id van de gemeente waarin zij opging.")
    )


class OrganisationFilter(PageQuery):
    naam = serializers.CharField(required=False, max_length=200, help_text=_("Deel van de naam."))
    soort = serializers.ChoiceField(required=False, choices=OrganisationKind.choices)
    code = serializers.CharField(required=False, max_length=20, help_text=_("Precies deze code, zoals GM0363."))


@extend_schema_serializer(component_name="Beleidsterrein")
class PolicyFieldSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    naam = serializers.CharField(source="name", read_only=True)


# --- collaborations -------------------------------------------------------------------


@extend_schema_serializer(component_name="Samenwerking")
class CollaborationSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    naam = serializers.CharField(source="name", read_only=True)
    citeertitel = BlankAsNullCharField(source="short_name")
    soort = serializers.ChoiceField(source="kind", choices=CollaborationKind.choices, read_only=True)
    rechtsvorm = BlankAsNullChoiceField(source="legal_form", choices=LegalForm.choices)
    doel = serializers.CharField(source="purpose", read_only=True)
    fase = serializers.ChoiceField(source="phase", choices=Phase.choices, read_only=True)
    ingangsdatum = serializers.DateField(source="start_date", allow_null=True, read_only=True)
    einddatum = serializers.DateField(source="end_date", allow_null=True, read_only=True)
    samenwerkingsorgaan = OrganisationRefSerializer(source="body", allow_null=True, read_only=True)
    beleidsterreinen = serializers.SerializerMethodField()
    werkplaatsActief = serializers.BooleanField(
        source="workspace_active",
        read_only=True,
        help_text=_("Aan: de partners werken in Samen aan deze samenwerking."),
    )
    inRegister = serializers.BooleanField(source="in_register", read_only=True)
    rooId = BlankAsNullCharField(source="roo_id")
    registervermelding = BlankAsNullCharField(source="register_url")
    wettelijkeGrondslagen = BlankAsNullCharField(source="legal_bases")
    aantalDeelnemers = serializers.IntegerField(source="partner_count", read_only=True)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_beleidsterreinen(self, collaboration: Any) -> list[str]:
        return list(collaboration.policy_field_names)


# The list of 100 is written by this function rather than field by field (a serializer costs about ten
# times as much per row); CollaborationSerializer stays the documented shape, and a test holds them equal.
COLLABORATION_COLUMNS = (
    "id",
    "name",
    "short_name",
    "kind",
    "legal_form",
    "purpose",
    "phase",
    "start_date",
    "end_date",
    "body_id",
    "body__name",
    "body__code",
    "workspace_active",
    "roo_id",
    "register_url",
    "legal_bases",
)


def collaboration_item(row: dict[str, Any], partner_count: int, policy_field_names: list[str]) -> dict[str, Any]:
    """One collaboration as CollaborationSerializer writes it, from a ``values(*COLLABORATION_COLUMNS)`` row."""
    start, end, body = row["start_date"], row["end_date"], row["body_id"]
    return {
        "id": str(row["id"]),
        "naam": str(row["name"]),
        "citeertitel": str(row["short_name"]) if row["short_name"] else None,
        "soort": row["kind"],
        "rechtsvorm": str(row["legal_form"]) if row["legal_form"] else None,
        "doel": str(row["purpose"]),
        "fase": row["phase"],
        "ingangsdatum": start.isoformat() if start is not None else None,
        "einddatum": end.isoformat() if end is not None else None,
        "samenwerkingsorgaan": None
        if body is None
        else {
            "id": str(body),
            "naam": str(row["body__name"]),
            "code": str(row["body__code"]) if row["body__code"] else None,
        },
        "beleidsterreinen": policy_field_names,
        "werkplaatsActief": bool(row["workspace_active"]),
        "inRegister": bool(row["roo_id"]),
        "rooId": str(row["roo_id"]) if row["roo_id"] else None,
        "registervermelding": str(row["register_url"]) if row["register_url"] else None,
        "wettelijkeGrondslagen": str(row["legal_bases"]) if row["legal_bases"] else None,
        "aantalDeelnemers": partner_count,
    }


class CollaborationFilter(PageQuery):
    gemeente = serializers.CharField(
        required=False,
        max_length=100,
        help_text=_("GM-code (zoals GM0363) of naam van een gemeente die nu deelneemt."),
    )
    rechtsvorm = serializers.ChoiceField(required=False, choices=LegalForm.choices)
    beleidsterrein = serializers.CharField(required=False, max_length=200, help_text=_("Naam van het beleidsterrein."))
    naam = serializers.CharField(required=False, max_length=200, help_text=_("Deel van de naam of citeertitel."))
    mijn = serializers.BooleanField(
        required=False, default=False, help_text=_("Aan: alleen samenwerkingen waarin u een rol hebt.")
    )


@extend_schema_serializer(component_name="NieuweSamenwerking")
class CollaborationCreateSerializer(StrictSerializer):
    naam = TextField(max_length=500)
    soort = ChoiceField(
        choices=[c for c in CollaborationKind.choices if c[0] != CollaborationKind.GR],
        help_text=_("Een gemeenschappelijke regeling staat al in het register; activeer haar daar."),
    )
    doel = TextField(required=False, allow_blank=True, default="", max_length=10_000)
    organisaties = serializers.ListField(
        child=UUIDField(),
        min_length=2,
        max_length=500,
        help_text=_("Ids van minstens twee deelnemende organisaties."),
    )
    ingangsdatum = DateField(required=False, allow_null=True, default=None)
    beleidsterreinen = serializers.ListField(
        child=UUIDField(),
        required=False,
        default=list,
        max_length=100,
        help_text=_("Ids van beleidsterreinen."),
    )


# --- partners and roles ---------------------------------------------------------------


@extend_schema_serializer(component_name="Deelnemer")
class PartnerSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    organisatie = OrganisationRefSerializer(source="organisation", read_only=True)
    toegetredenOp = serializers.DateField(source="joined_on", allow_null=True, read_only=True)
    uitgetredenOp = serializers.DateField(source="left_on", allow_null=True, read_only=True)
    redenUittreden = BlankAsNullCharField(source="left_reason")
    bestuursorganen = BlankAsNullCharField(source="governing_bodies")
    huidig = serializers.BooleanField(source="is_current", read_only=True)


@extend_schema_serializer(component_name="PersoonVerwijzing")
class PersonRefSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    naam = serializers.CharField(source="full_name", read_only=True)
    functie = BlankAsNullCharField(source="job_title")
    organisatie = OrganisationRefSerializer(source="organisation", allow_null=True, read_only=True)


@extend_schema_serializer(component_name="Rol")
class RoleSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    persoon = PersonRefSerializer(source="person", read_only=True)
    soort = serializers.ChoiceField(source="kind", choices=RoleKind.choices, read_only=True)
    deelnemer = serializers.UUIDField(
        source="partner_id",
        allow_null=True,
        read_only=True,
        help_text=_("De deelnemer namens wie deze persoon handelt; leeg voor een facilitator."),
    )
    aangemaaktOp = serializers.DateTimeField(source="created_at", read_only=True)


@extend_schema_serializer(component_name="NieuweRol")
class RoleCreateSerializer(StrictSerializer):
    persoon = UUIDField(help_text=_("Id van de persoon die de rol krijgt."))
    soort = ChoiceField(choices=RoleKind.choices)
    deelnemer = UUIDField(
        required=False, allow_null=True, default=None, help_text=_("Id van de deelnemer; leeg voor een facilitator.")
    )


# --- audit log ------------------------------------------------------------------------


@extend_schema_serializer(component_name="Uitvoerder")
class ActorSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(source="actor_id", allow_null=True, read_only=True)
    naam = serializers.CharField(source="actor_name", read_only=True)


@extend_schema_serializer(component_name="Auditgebeurtenis")
class AuditEventSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    tijdstip = serializers.DateTimeField(source="at", read_only=True)
    actie = serializers.CharField(source="action", read_only=True)
    uitvoerder = ActorSerializer(source="*", read_only=True)
    namens = OrganisationRefSerializer(source="organisation", allow_null=True, read_only=True)
    objectSoort = serializers.CharField(source="object_type", read_only=True)
    objectId = BlankAsNullCharField(source="object_id")
    objectOmschrijving = serializers.CharField(source="object_repr", read_only=True)
    voor = serializers.SerializerMethodField()
    na = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_voor(self, event: Any) -> dict[str, Any]:
        return {camel(str(key)): value for key, value in (event.before or {}).items()}

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_na(self, event: Any) -> dict[str, Any]:
        return {camel(str(key)): value for key, value in (event.after or {}).items()}
