"""The OpenAPI 3 document of /api/v1, generated from the views and then made to follow the NL API Design Rules.

``generate_document`` is the one source: the view serves it, ``manage.py write_openapi`` commits it as
``samen/api/openapi.json``, and a test fails when the two drift apart.
"""

import contextvars
import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from django.urls import include, path
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.settings import patched_settings

from samen.api.problems import API_VERSION

_GENERATING = contextvars.ContextVar("samen_api_generating", default=False)


class ApiSchema(AutoSchema):
    """Describes /api/v1 operations only inside ``generate_document``.

    drf-spectacular's generic generator (its ``check --deploy`` check) would otherwise describe these
    views without the naming and NL API rules below and warn about what they settle; the one
    document of this API comes from ``generate_document``.
    """

    def get_operation(self, *args: Any, **kwargs: Any) -> Any:
        if not _GENERATING.get():
            return None
        return super().get_operation(*args, **kwargs)


COMMITTED_DOCUMENT = Path(__file__).resolve().parent / "openapi.json"
BASE_PATH = "/api/v1"

SETTINGS = {
    "SCHEMA_PATH_PREFIX": BASE_PATH,
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVERS": [{"url": BASE_PATH, "description": "Samen API, versie 1"}],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "ENUM_NAME_OVERRIDES": {
        "SamenwerkingSoortEnum": "samen.collaborations.models.CollaborationKind",
        "OrganisatieSoortEnum": "samen.collaborations.models.OrganisationKind",
        "RolSoortEnum": "samen.collaborations.models.RoleKind",
        "RechtsvormEnum": "samen.collaborations.models.LegalForm",
        "FaseEnum": "samen.collaborations.models.Phase",
        "DoelStatusEnum": "samen.goals.models.GoalState",
        "VersieStatusEnum": "samen.goals.models.VersionStatus",
        "RondeStatusEnum": "samen.goals.models.RoundStatus",
        "BesluitEnum": "samen.goals.models.DecisionKind",
        "AdviesEnum": "samen.goals.models.AdviceKind",
        "ResultaatStatusEnum": "samen.goals.models.ResultStatus",
        "AfspraakStatusEnum": "samen.goals.models.CommitmentStatus",
        "AanspreekverzoekStatusEnum": "samen.goals.models.RequestStatus",
        "UitkomstEnum": "samen.goals.models.Outcome",
        "GebiedEnum": "samen.health.areas.Area",
        "GezondheidStatusEnum": "samen.health.areas.Status",
        "TrendEnum": "samen.health.areas.Trend",
        "OvereenkomstSoortEnum": "samen.experiences.models.AgreementKind",
        "HoudingEnum": "samen.experiences.models.Stance",
        "SignaalSoortEnum": "samen.experiences.models.SignalKind",
        "SignaalAanEnum": "samen.experiences.models.Addressee",
        "SignaalStatusEnum": "samen.experiences.models.SignalStatus",
        "CheckInStatusEnum": "samen.experiences.models.CheckInStatus",
        "PcStukSoortEnum": "samen.council.models.DocumentKind",
        "KengetallenBronEnum": "samen.council.models.Basis",
        "BronEnum": [("live", "live"), ("gepubliceerd", "gepubliceerd")],
        "RaadsbriefmomentSoortEnum": "samen.reports.models.MomentKind",
    },
    "TAGS": [
        {
            "name": "Samenwerkingen",
            "description": "Gemeenschappelijke regelingen, convenanten, DVO's en informele samenwerkingen.",
        },
        {"name": "Organisaties", "description": "Gemeenten en andere organisaties uit het landelijke register."},
        {"name": "Doelen", "description": "Toon eigenaarschap: doelen, versies, instemming, resultaten, afspraken."},
        {"name": "Ambities en belangen", "description": "Ben eerlijk: ambities, inzet en gedeelde verklaringen."},
        {"name": "Successen", "description": "Erken en vier successen: het succeslogboek."},
        {
            "name": "Ervaringen",
            "description": "Deel ervaringen: afspraken, lezingen, signalen, afwijkingen, check-ins.",
        },
        {"name": "Gezondheid", "description": "Eén indicator per principe, met trend en wat hem drijft."},
        {"name": "Auditlog", "description": "Wie deed wat, namens wie, wanneer (alleen voor facilitators)."},
    ],
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums"],
}

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": (
        "Een fout volgens RFC 9457 (application/problem+json), met invalidParams volgens de NL API Design Rules."
    ),
    "properties": {
        "type": {
            "type": "string",
            "description": "URI van het soort fout; about:blank als er geen is.",
            "example": "about:blank",
        },
        "title": {
            "type": "string",
            "description": "Korte omschrijving van het soort fout.",
            "example": "Niet gevonden",
        },
        "status": {"type": "integer", "description": "De HTTP-statuscode.", "example": 404},
        "detail": {"type": "string", "description": "Uitleg voor deze keer, in het Nederlands."},
        "instance": {"type": "string", "description": "Het pad van het verzoek."},
        "invalidParams": {
            "type": "array",
            "description": "Per ongeldig veld of parameter: de naam, een code en de reden.",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "example": "naam"},
                    "code": {"type": "string", "example": "required"},
                    "reason": {"type": "string", "example": "Dit veld is vereist."},
                },
                "required": ["name", "code", "reason"],
            },
        },
    },
    "required": ["type", "title", "status", "detail"],
}

API_VERSION_HEADER = {
    "description": "De volledige versie van de API (semver).",
    "required": True,
    "schema": {"type": "string", "example": API_VERSION},
}

IDEMPOTENCY_KEY_PARAMETER = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": (
        "Een eigen, unieke sleutel voor dit verzoek (8 tot 255 zichtbare tekens zonder spaties, bijvoorbeeld een "
        "UUID), zoals betaal-API's die kennen. Stuurt u hetzelfde verzoek met dezelfde sleutel nog eens (na een "
        "time-out of een herhaalde klik), dan krijgt u het eerste antwoord terug, met de header "
        "Idempotent-Replayed: true, en wordt er niets opnieuw gedaan. Dezelfde sleutel met een andere body geeft "
        "422; terwijl het eerste verzoek nog loopt geeft een herhaling 409. Een sleutel geldt een dag en alleen "
        "voor de persoon van het token. Bij het anoniem invullen van een check-in telt alleen de sleutel, niet de "
        "body: zo is uit de sleutel niets van het antwoord af te leiden. Bevat het antwoord een geheim dat maar "
        "één keer getoond wordt (een agendalink), dan geeft een herhaling 409 in plaats van het geheim."
    ),
    "schema": {"type": "string", "minLength": 8, "maxLength": 255, "example": "3f1c2a9e-7b4d-4e8a-9c1f-5d2b6a0e8f71"},
}
IDEMPOTENT_REPLAYED_HEADER = {
    "description": "Alleen bij een herhaald verzoek met dezelfde Idempotency-Key: dit is het eerste antwoord.",
    "required": False,
    "schema": {"type": "string", "enum": ["true"]},
}

SUCCESS_DESCRIPTIONS = {"200": "OK", "201": "Aangemaakt of vastgelegd", "204": "Gedaan; geen inhoud"}
PROBLEM_RESPONSES = {
    "400": "Ongeldige invoer: ongeldige JSON, een verkeerd type, een onbekend of ontbrekend veld.",
    "401": "Geen, een onbekend of een ingetrokken token.",
    "403": "Het token of de persoon mag dit niet (bijvoorbeeld een token dat alleen mag lezen).",
    "404": "De resource bestaat niet, of u mag haar niet zien.",
    "406": "Het gevraagde formaat (Accept) wordt niet geleverd; de API levert JSON.",
    "409": (
        "De resource is niet in de toestand waarin deze actie kan, of een verzoek met dezelfde "
        "Idempotency-Key wordt nog verwerkt."
    ),
    "415": "De body is geen application/json.",
    "422": "Deze Idempotency-Key is al gebruikt voor een ander verzoek; gebruik voor elk nieuw verzoek een nieuwe.",
    "429": "Te veel verzoeken met dit token; zie de header Retry-After.",
}


def _patterns() -> list[Any]:
    from samen.api.urls import v1_patterns

    return [path("api/v1/", include(v1_patterns))]


def _postprocess(document: dict[str, Any]) -> dict[str, Any]:
    components = document.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    components["headers"] = {"API-Version": API_VERSION_HEADER, "Idempotent-Replayed": IDEMPOTENT_REPLAYED_HEADER}
    components["responses"] = {
        code: {
            "description": description,
            "headers": {"API-Version": {"$ref": "#/components/headers/API-Version"}},
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for code, description in PROBLEM_RESPONSES.items()
    }
    for operations in document.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for code, response in list(responses.items()):
                if code in PROBLEM_RESPONSES:
                    responses[code] = {"$ref": f"#/components/responses/{code}"}
                elif "$ref" not in response:
                    headers = response.setdefault("headers", {})
                    headers["API-Version"] = {"$ref": "#/components/headers/API-Version"}
                    if method == "post":
                        headers["Idempotent-Replayed"] = {"$ref": "#/components/headers/Idempotent-Replayed"}
                    if not response.get("description"):
                        response["description"] = SUCCESS_DESCRIPTIONS.get(code, "OK")
            codes = ["400", "401", "403", "404", "406", "429"]
            if "requestBody" in operation:
                codes.append("415")
            if method == "post":  # every POST of ApiView honours the header (samen.api.base.claim_idempotency_key)
                operation.setdefault("parameters", []).append(dict(IDEMPOTENCY_KEY_PARAMETER))
                codes += ["409", "422"]
            for code in codes:
                responses.setdefault(code, {"$ref": f"#/components/responses/{code}"})
            operation["responses"] = dict(sorted(responses.items()))
    return document


@cache
def generate_document() -> dict[str, Any]:
    """The whole document, generated once per process (it only changes with the code)."""
    generating = _GENERATING.set(True)
    try:
        with translation.override("nl"), patched_settings(SETTINGS):
            generator = SchemaGenerator(patterns=_patterns())  # type: ignore[no-untyped-call]  # drf-spectacular is untyped here
            document = generator.get_schema(request=None, public=True)  # type: ignore[no-untyped-call]  # idem
    finally:
        _GENERATING.reset(generating)
    # Round-trip through JSON so lazy strings and ordered dicts become plain data.
    return _postprocess(json.loads(json.dumps(document, ensure_ascii=False, default=str)))


def document_text() -> str:
    return json.dumps(copy.deepcopy(generate_document()), ensure_ascii=False, indent=2) + "\n"
