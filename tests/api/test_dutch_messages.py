"""The API speaks Dutch in every message: a sample of invalid input on every operation, no English text.

For every operation of the committed OpenAPI document: an empty body, each field with a value of the
wrong type, too long and too short lists, and every query parameter with nonsense. Whatever the status
(400, 403, 404, 409, 422), the problem's title, detail and reasons are Dutch.
"""

import json
import re
from pathlib import Path

import pytest

from samen.api.models import ApiToken
from tests.api.conftest import API
from tests.robustness.conftest import build_world

pytestmark = pytest.mark.django_db

DOCUMENT = json.loads((Path(__file__).resolve().parents[2] / "samen" / "api" / "openapi.json").read_text())
ENGLISH = re.compile(
    r"\b(must|valid|ensure|field|this|required|expected|invalid|elements|characters|should|please|provided|"
    r"not|the|has|have|wrong|value|only|allowed|found|request|may|blank|null|number|string|list|date|"
    r"boolean|integer|dictionary|format|more|less|than|least)\b",
    re.IGNORECASE,
)


def resolve(schema):
    if "$ref" in schema:
        return resolve(DOCUMENT["components"]["schemas"][schema["$ref"].split("/")[-1]])
    if "allOf" in schema:
        return resolve(schema["allOf"][0])
    return schema


def wrong_values(schema):
    """Values that do not fit ``schema``: another JSON type, and out-of-range dates and lists."""
    schema = resolve(schema)
    kind = schema.get("type")
    values = [{"een": "object"}]
    if kind == "string" or "enum" in schema:
        values += [12, True, "x" * 20_000, "", "geen-geldige-keuze"]
    if schema.get("format") == "uuid":
        values += ["geen-uuid"]
    if schema.get("format") == "date":
        values += ["9999-12-31", "2026-02-30", "gisteren", "2026-03-03T10:00:00"]
    if kind in ("integer", "number"):
        values += ["tien", 10**30, -(10**30), 1.5]
    if kind == "boolean":
        values += ["misschien", 2]
    if kind == "array":
        values += ["geen lijst", [], [None], ["x"] * 600, [12]]
    return values


def operations():
    for path, ops in DOCUMENT["paths"].items():
        for method, operation in ops.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield path, method, operation


def ids_for(world):
    d = world.demo
    return {
        "/samenwerkingen/": d.collaboration.pk,
        "/organisaties/": d.utrecht.organisation_id,
        "/doelen/": world.adopted.pk,
        "/resultaten/": world.result.pk,
        "/afspraken/": world.commitment.pk,
        "/aanspreekverzoeken/": world.accountability.pk,
        "/signalen/": world.signal.pk,
        "/afwijkingen/": world.deviation.pk,
        "/artikelen/": world.article.pk,
        "/ambities/": world.ambition.pk,
        "/overeenkomsten/": world.agreement.pk,
    }


def concrete(path, world):
    for prefix, pk in ids_for(world).items():
        if path.startswith(prefix):
            return path.replace("{id}", str(pk))
    return path.replace("{id}", "00000000-0000-0000-0000-000000000000")


def texts_of(response):
    if not response.get("Content-Type", "").startswith("application/problem+json"):
        return []
    body = response.json()
    found = [body.get("title", ""), body.get("detail", "")]
    found += [param.get("reason", "") for param in body.get("invalidParams") or []]
    return found


def english_in(text):
    # Names of fields and headers, and echoed values, are not prose: leave out quoted and code-like parts.
    prose = re.sub(r"\"[^\"]*\"|'[^']*'|‘[^’]*’|\b[A-Za-z]+-[A-Za-z-]+\b|[A-Za-z]+/[a-z+]+|\S*[_{}]\S*", "", text)
    return ENGLISH.findall(prose)


@pytest.fixture
def world(demo):
    return build_world(demo)


OPERATIONS = list(operations())


@pytest.mark.parametrize(("path", "method", "operation"), OPERATIONS, ids=[f"{m} {p}" for p, m, _o in OPERATIONS])
def test_no_english_in_any_answer_to_invalid_input(world, api_for, path, method, operation):
    client = api_for(world.demo.facilitator)
    url = API + concrete(path, world)
    responses = []
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "query":
            for value in ("nonsens", "-1", "0", "99999999999", ""):
                responses.append(client.client.get(url, {parameter["name"]: value}, headers=client.headers))
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    if method != "get":
        sender = getattr(client.client, method)
        samples = [{}, [], "tekst", None]
        if body is not None:
            properties = resolve(body).get("properties", {})
            for name, schema in properties.items():
                samples += [{name: value} for value in wrong_values(schema)]
            samples.append({"onbekendVeld": 1})
        for sample in samples:
            responses.append(sender(url, json.dumps(sample), content_type="application/json", headers=client.headers))
        responses.append(sender(url, "{kapot", content_type="application/json", headers=client.headers))
        responses.append(sender(url, "a=b", content_type="text/plain", headers=client.headers))
    responses.append(client.client.generic("OPTIONS", url, headers=client.headers))
    responses.append(client.client.get(url, headers={**client.headers, "Accept": "text/html"}))
    for response in responses:
        assert response.status_code < 500, (method, path, response.content[:300])
        for text in texts_of(response):
            assert not english_in(text), (method, path, response.status_code, text)
    assert ApiToken.objects.exists()


def test_an_english_sample_is_caught():
    assert english_in("Must be a valid UUID.")
    assert english_in("Ensure this field has at least 2 elements.")
    assert english_in("Date heeft het verkeerde formaat, gebruik 1 van deze formaten: YYYY-MM-DD.")
    assert not english_in("Geef een geldige UUID, zoals 123e4567-e89b-12d3-a456-426614174000.")
