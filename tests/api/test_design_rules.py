"""One test per NL API Design Rule, on the generated OpenAPI document and on live responses."""

import json
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.utils import timezone

from samen.api.schema import COMMITTED_DOCUMENT, generate_document
from tests.api.conftest import API, assert_problem

DUTCH_PLURALS = {
    "samenwerkingen",
    "pc-momenten",
    "pc-stukken",
    "zienswijzen",
    "kengetallen",
    "eigen-pc-momenten",
    "kengetallenbestanden",
    "raadsbriefmomenten",
    "raadsbriefplanningen",
    "pc-momentwijzigingen",
    "deelnemers",
    "rollen",
    "organisaties",
    "beleidsterreinen",
    "activeringen",
    "doelen",
    "versies",
    "opbrengsten",
    "instemmingsrondes",
    "instemmingen",
    "adviezen",
    "resultaten",
    "afspraken",
    "voortgangsmeldingen",
    "statuswijzigingen",
    "ambities",
    "verklaringen",
    "successen",
    "zichtbaarheidswijzigingen",
    "gezondheidsindicatoren",
    "overeenkomsten",
    "artikelen",
    "lezingen",
    "signalen",
    "afwijkingen",
    "check-ins",
    "aanspreekverzoeken",
    "reacties",
    "afrondingen",
    "toezeggingen",
    "kennisnames",
    "waarderingen",
    "eerlijkheidsrondes",
    "sluitingen",
    "delingen",
    "terugzettingen",
    "go-besluiten",
    "spanningen",
    "antwoorden",
    "raadsbrieven",
    "verversingen",
    "aanbiedingen",
    "goedkeuringen",
    "publicaties",
    "uitnodigingen",
    "intrekkingen",
    "meldingsvoorkeuren",
    "agendalinks",
    "vieringsvoorstellen",
    "vaststellingen",
    "motieven",
    "toetredingen",
    "uittredingen",
    # "auditlog" names the log of one collaboration as a whole: a collection noun.
    "auditlog",
}
KEBAB = re.compile(r"^[a-z]+(-[a-z]+)*$")
LOWER_CAMEL = re.compile(r"^_?[a-z][a-zA-Z0-9]*$")
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
VERBS = {"activeer", "activeren", "starten", "start", "intrekken", "toekennen", "verwijderen", "zoeken", "aanmaken"}


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return generate_document()


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, items in document["paths"].items():
        for method, operation in items.items():
            yield path, method, operation


def resolve(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def property_names(document: dict[str, Any]) -> Iterator[tuple[str, str]]:
    def walk(schema: Any, where: str) -> Iterator[tuple[str, str]]:
        if isinstance(schema, dict):
            for name, sub in schema.get("properties", {}).items():
                yield where, name
                yield from walk(sub, f"{where}.{name}")
            for key in ("items", "additionalProperties"):
                if isinstance(schema.get(key), dict):
                    yield from walk(schema[key], where)
            for key in ("allOf", "oneOf", "anyOf"):
                for sub in schema.get(key, []):
                    yield from walk(sub, where)

    for name, schema in document["components"]["schemas"].items():
        yield from walk(schema, name)


def json_keys(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from json_keys(value)
    elif isinstance(data, list):
        for item in data:
            yield from json_keys(item)


# --- the document ------------------------------------------------------------------------


def test_committed_document_matches_the_generated_one():
    committed = json.loads(COMMITTED_DOCUMENT.read_text(encoding="utf-8"))
    assert committed == generate_document(), "samen/api/openapi.json drifted: run `manage.py write_openapi`"


def test_document_is_valid_openapi_3(document):
    assert document["openapi"].startswith("3.")
    schemathesis.openapi.from_dict(document).validate()


def test_resource_names_are_dutch_plurals_in_kebab_case(document):
    for path in document["paths"]:
        for segment in path.strip("/").split("/"):
            if segment.startswith("{"):
                continue
            assert KEBAB.match(segment), path
            assert segment in DUTCH_PLURALS, f"{segment} in {path}: not a known Dutch plural resource name"


def test_no_path_ends_with_a_slash(document):
    assert all(not path.endswith("/") for path in document["paths"])


def test_major_version_is_in_the_uri(document):
    assert [server["url"] for server in document["servers"]] == ["/api/v1"]
    assert document["info"]["version"].split(".")[0] == "1"


def test_info_version_is_semver_and_contact_is_given(document):
    assert SEMVER.match(document["info"]["version"])
    contact = document["info"]["contact"]
    assert all(contact.get(key) for key in ("name", "email", "url"))


def test_every_response_is_described(document):
    for path, method, operation in operations(document):
        for code, response in operation["responses"].items():
            assert resolve(document, response)["description"], f"{method} {path} {code}"


def test_every_response_declares_the_api_version_header(document):
    for path, method, operation in operations(document):
        for code, response in operation["responses"].items():
            headers = resolve(document, response).get("headers", {})
            assert "API-Version" in headers, f"{method} {path} {code}"
            assert resolve(document, headers["API-Version"])["required"] is True


def test_every_error_response_is_problem_json(document):
    for path, method, operation in operations(document):
        for code, response in operation["responses"].items():
            if code.startswith(("4", "5")):
                content = resolve(document, response)["content"]
                assert list(content) == ["application/problem+json"], f"{method} {path} {code}"
                assert content["application/problem+json"]["schema"] == {"$ref": "#/components/schemas/Problem"}
    problem = document["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "invalidParams"} <= set(problem["properties"])


def test_actions_are_sub_resources_not_verbs(document):
    for path, method, _operation in operations(document):
        segments = [s for s in path.strip("/").split("/") if not s.startswith("{")]
        assert not VERBS & set(segments), path
        if method == "post" and "{id}" in path:
            assert path.split("/")[-1] in DUTCH_PLURALS, f"action {path} is not a sub-resource"


def test_ids_are_uuids(document):
    for path, method, operation in operations(document):
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "path":
                assert parameter["schema"] == {"type": "string", "format": "uuid"}, f"{method} {path}"
    for where, name in property_names(document):
        schema_name = where.split(".")[0]
        properties = resolve(document, document["components"]["schemas"][schema_name])
        if name == "id" and where == schema_name:
            assert properties["properties"]["id"]["format"] == "uuid", where


def test_field_and_query_parameter_names_are_lower_camel_case(document):
    for where, name in property_names(document):
        assert LOWER_CAMEL.match(name), f"{where}.{name}"
    for path, method, operation in operations(document):
        for parameter in operation.get("parameters", []):
            if parameter["in"] != "header":  # HTTP headers keep their own names (Idempotency-Key)
                assert LOWER_CAMEL.match(parameter["name"]), f"{method} {path} {parameter['name']}"


def test_every_operation_needs_a_token(document):
    assert document["components"]["securitySchemes"]["persoonlijkToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": document["components"]["securitySchemes"]["persoonlijkToken"]["description"],
    }
    for path, method, operation in operations(document):
        assert operation["security"] == [{"persoonlijkToken": []}], f"{method} {path}"


# --- live responses ----------------------------------------------------------------------


@pytest.fixture
def api(demo, api_for):
    return api_for(demo.facilitator)


def documented_get_paths(demo: Any) -> list[str]:
    """Every documented GET, with ids of objects that exist (a goal with a result and a progress update)."""
    import datetime

    from samen.council import services as council
    from samen.experiences import services as experiences
    from samen.goals import services as goals
    from samen.successes import services as successes

    goal = goals.create_goal(
        collaboration=demo.collaboration,
        by=demo.utrecht_beleidsmedewerker,
        title="Sneller vergunnen",
        text="Binnen 8 weken.",
    )
    result = goals.add_result(
        goal=goal,
        by=demo.facilitator,
        indicator="Doorlooptijd",
        unit="weken",
        baseline=12,
        target=8,
        due_on=timezone.localdate() + datetime.timedelta(days=300),
        owner_partner=demo.utrecht,
        owner_person=demo.utrecht_beleidsmedewerker,
    )
    goals.record_progress(result=result, by=demo.facilitator, value=11, measured_on=timezone.localdate())
    success = successes.record_success(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        title="Eerste vergunning in 6 weken",
        story="Dankzij de nieuwe werkwijze.",
        date=timezone.localdate(),
        partners=[demo.utrecht],
    )
    agreement = experiences.import_agreement(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        kind="convenant",
        title="Convenant",
        token=experiences.make_import_token("Artikel 1 Kosten\nDe partners delen de kosten.\n", "auto"),
        parties=list(demo.collaboration.current_partners()),
    )
    from samen.interests import services as interests
    from samen.reports import services as reports

    honesty_round = interests.open_round(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        title="Ronde",
        deadline=timezone.localdate() + datetime.timedelta(days=14),
    )
    declaration = interests.save_declaration(
        honesty_round=honesty_round,
        partner=demo.utrecht,
        by=demo.utrecht_beleidsmedewerker,
        intentions="Samen sterker.",
        interests=[interests.InterestInput(motive="kostenbesparing", weight=4)],
        red_lines=[],
    )
    interests.share_declaration(declaration=declaration, by=demo.utrecht_wethouder)
    digest = reports.create_digest(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        period_start=timezone.localdate() - datetime.timedelta(days=30),
        period_end=timezone.localdate(),
    )
    pc_document = council.record_document(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        year=timezone.localdate().year,
        kind="ontwerpbegroting",
        title="Ontwerpbegroting",
        sent_on=timezone.localdate(),
        link="https://www.example.org/ontwerpbegroting.pdf",
    )
    ids = {
        "/eerlijkheidsrondes/": honesty_round.pk,
        "/raadsbrieven/": digest.pk,
        "/pc-stukken/": pc_document.pk,
        "/overeenkomsten/": agreement.pk,
        "/artikelen/": agreement.articles.get().pk,
        "/organisaties/": demo.utrecht.organisation_id,
        "/doelen/": goal.pk,
        "/resultaten/": result.pk,
        "/successen/": success.pk,
    }
    paths = []
    for path, items in generate_document()["paths"].items():
        if "get" in items and "{rolId}" not in path:
            real = next((v for prefix, v in ids.items() if path.startswith(prefix)), demo.collaboration.pk)
            paths.append(path.replace("{id}", str(real)).replace("{deelnemerId}", str(demo.utrecht.pk)))
    return paths


@pytest.mark.django_db
def test_live_trailing_slash_gives_404_problem_not_a_redirect(demo, api):
    for path in documented_get_paths(demo):
        assert api.get(path).status_code == 200, path
        body = assert_problem(api.get(path + "/"), 404)
        assert "schuine streep" in body["detail"]
    response = api.post("/samenwerkingen/", {"naam": "x"})
    assert_problem(response, 404)


@pytest.mark.django_db
def test_live_only_the_major_version_in_the_uri(demo, api):
    assert api.get("/samenwerkingen").status_code == 200
    response = api.client.get("/api/v2/samenwerkingen", headers=api.headers)
    assert_problem(response, 404)
    response = api.client.get("/api/v1.0/samenwerkingen", headers=api.headers)
    assert_problem(response, 404)


@pytest.mark.django_db
def test_live_api_version_header_on_every_response(demo, api, api_for, anonymous_api):
    reader = api_for(demo.raadslid, scope="lezen")
    answers = {
        200: api.get("/samenwerkingen"),
        201: api.post(
            f"/samenwerkingen/{demo.collaboration.pk}/rollen",
            {"persoon": str(demo.utrecht_wethouder.pk), "soort": "lezer", "deelnemer": str(demo.utrecht.pk)},
        ),
        400: api.get("/samenwerkingen", page="nul"),
        401: anonymous_api.get("/samenwerkingen"),
        403: reader.post("/samenwerkingen", {}),
        404: api.get(f"/samenwerkingen/{uuid.uuid4()}"),
        405: api.request("put", "/samenwerkingen"),
    }
    role = demo.collaboration.roles.get(person=demo.utrecht_wethouder, kind="lezer")
    answers[204] = api.delete(f"/samenwerkingen/{demo.collaboration.pk}/rollen/{role.pk}")
    answers[200 + 1000] = anonymous_api.get("/openapi.json")
    for status, response in answers.items():
        assert response.status_code == status % 1000, (status, response.content[:300])
        assert response["API-Version"] == "1.0.0", status


@pytest.mark.django_db
def test_live_errors_are_problem_json_with_invalid_params(demo, api):
    body = assert_problem(api.post("/samenwerkingen", {"naam": "", "soort": "gr", "organisaties": "x"}), 400)
    names = {param["name"] for param in body["invalidParams"]}
    assert names == {"naam", "soort", "organisaties"}
    assert all(param["reason"] and param["code"] for param in body["invalidParams"])
    assert_problem(api.get(f"/organisaties/{uuid.uuid4()}"), 404)
    assert_problem(api.request("patch", "/organisaties"), 405)
    assert_problem(api.client.get(API + "/samenwerkingen", headers={**api.headers, "Accept": "text/html"}), 406)


@pytest.mark.django_db
def test_live_actions_are_sub_resources(demo, api_for):
    from samen.collaborations.models import Collaboration, Partner

    register_gr = Collaboration.objects.create(name="GR uit het register", kind="gr", roo_id="12345")
    Partner.objects.create(collaboration=register_gr, organisation=demo.utrecht.organisation)
    response = api_for(demo.utrecht_beleidsmedewerker).post(f"/samenwerkingen/{register_gr.pk}/activeringen")
    assert response.status_code == 201
    assert response.json()["werkplaatsActief"] is True


@pytest.mark.django_db
def test_live_ids_are_uuids(demo, api):
    checked = 0
    for path in documented_get_paths(demo):
        data = api.get(path).json()
        for item in data.get("results", [data]):
            if "id" in item:
                uuid.UUID(item["id"])
                checked += 1
    assert checked >= 10


@pytest.mark.django_db
def test_live_fields_are_lower_camel_case(demo, api):
    for path in documented_get_paths(demo):
        for key in json_keys(api.get(path).json()):
            assert LOWER_CAMEL.match(key), f"{path}: {key}"


@pytest.mark.django_db
def test_live_unknown_query_parameters_are_refused_by_their_lower_camel_case_names(api):
    body = assert_problem(api.get("/samenwerkingen", page_size="10"), 400)
    assert body["invalidParams"][0]["name"] == "page_size"
    assert api.get("/samenwerkingen", pageSize="10").status_code == 200


@pytest.mark.django_db
def test_live_openapi_document_is_public_with_cors(anonymous_api):
    response = anonymous_api.get("/openapi.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == generate_document()


@pytest.mark.django_db
def test_live_api_root_links_to_the_document(anonymous_api):
    response = anonymous_api.get("")
    assert response.status_code == 200
    assert response.json()["_links"]["openapi"]["href"].endswith("/api/v1/openapi.json")


@pytest.mark.django_db
def test_live_odd_paths_under_the_api_are_problem_json_too(api):
    for path in ("/successen/%0A", "/samenwerkingen%0A", "/samenwerkingen/%C3%A0%0Ax", "/onbekend/", "/../"):
        response = api.client.get("/api/v1" + path, headers=api.headers)
        assert_problem(response, 404)


def test_the_document_is_the_same_whatever_language_is_active():
    from django.utils import translation

    dutch = generate_document()
    generate_document.cache_clear()
    try:
        with translation.override("en"):
            assert generate_document() == dutch
    finally:
        generate_document.cache_clear()
