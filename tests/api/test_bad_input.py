"""Bad input gets a clear problem+json answer and changes nothing."""

import pytest

from samen.api.models import ApiToken
from samen.audit.models import AuditEvent
from samen.collaborations.models import Collaboration, Partner, Role
from tests.api.conftest import assert_problem

pytestmark = pytest.mark.django_db


def snapshot() -> tuple[int, ...]:
    return (
        Collaboration.objects.count(),
        Partner.objects.count(),
        Role.objects.count(),
        AuditEvent.objects.exclude(action__startswith="api_token.").count(),
    )


@pytest.fixture
def api(demo, api_for):
    return api_for(demo.facilitator)


@pytest.fixture
def writes(demo):
    """Each write endpoint with a valid body, so that each test breaks one thing at a time."""
    return [
        (
            "/samenwerkingen",
            {
                "naam": "Convenant (test)",
                "soort": "convenant",
                "organisaties": [str(demo.utrecht.organisation_id), str(demo.zeist.organisation_id)],
            },
        ),
        (
            f"/samenwerkingen/{demo.collaboration.pk}/rollen",
            {"persoon": str(demo.raadslid.pk), "soort": "ambtelijk", "deelnemer": str(demo.utrecht.pk)},
        ),
    ]


@pytest.mark.parametrize(
    "raw", ["{", '{"naam": }', "naam=x", '{"naam": "x",}', "\ud800".encode("utf-8", "surrogatepass"), '{"a": NaN}']
)
def test_malformed_json_is_refused(api, writes, raw):
    before = snapshot()
    for path, _body in writes:
        body = assert_problem(api.post(path, raw=raw), 400)
        assert "JSON" in body["detail"]
    assert snapshot() == before


def test_a_body_that_is_not_an_object_is_refused(api, writes):
    before = snapshot()
    for path, _body in writes:
        for raw in ("[]", '"tekst"', "12", "null"):
            assert_problem(api.post(path, raw=raw), 400)
    assert snapshot() == before


def test_wrong_types_are_named_in_invalid_params(api, writes):
    before = snapshot()
    path, body = writes[0]
    for field, value in (("naam", 12), ("soort", ["convenant"]), ("organisaties", "abc"), ("ingangsdatum", 20260303)):
        problem = assert_problem(api.post(path, {**body, field: value}), 400)
        assert [p["name"] for p in problem["invalidParams"]] == [field], problem
    path, body = writes[1]
    for field, value in (("persoon", 12345), ("soort", True), ("deelnemer", {"id": "x"})):
        problem = assert_problem(api.post(path, {**body, field: value}), 400)
        assert [p["name"] for p in problem["invalidParams"]] == [field], problem
    assert snapshot() == before


def test_unknown_fields_are_refused(api, writes):
    before = snapshot()
    for path, body in writes:
        problem = assert_problem(api.post(path, {**body, "naamm": "typo", "id": "zelf gekozen"}), 400)
        assert {p["name"] for p in problem["invalidParams"]} == {"naamm", "id"}
        assert {p["code"] for p in problem["invalidParams"]} == {"unknownField"}
    assert snapshot() == before


def test_missing_required_fields_are_named(api, writes):
    before = snapshot()
    problem = assert_problem(api.post(writes[0][0], {}), 400)
    assert {p["name"] for p in problem["invalidParams"]} == {"naam", "soort", "organisaties"}
    assert {p["code"] for p in problem["invalidParams"]} == {"required"}
    problem = assert_problem(api.post(writes[1][0], {"soort": "lezer"}), 400)
    assert {p["name"] for p in problem["invalidParams"]} == {"persoon"}
    assert snapshot() == before


def test_rules_of_the_services_come_back_as_problems_with_dutch_reasons(demo, api, writes):
    before = snapshot()
    path, body = writes[0]
    same_twice = {**body, "organisaties": [str(demo.utrecht.organisation_id)] * 2}
    problem = assert_problem(api.post(path, same_twice), 400)
    assert problem["invalidParams"][0]["name"] == "organisaties"
    assert "minstens twee partners" in problem["detail"]
    path, body = writes[1]
    problem = assert_problem(api.post(path, {**body, "deelnemer": str(demo.zeist.pk)}), 400)
    assert "kan dus niet namens" in problem["detail"]
    assert snapshot() == before


def test_unknown_ids_in_a_body_are_refused(api, writes):
    before = snapshot()
    path, body = writes[0]
    unknown = "00000000-0000-4000-8000-000000000000"
    problem = assert_problem(api.post(path, {**body, "organisaties": [*body["organisaties"], unknown]}), 400)
    assert problem["invalidParams"][0]["name"] == "organisaties"
    assert unknown in problem["invalidParams"][0]["reason"]
    assert snapshot() == before


def test_a_trailing_slash_on_a_write_is_404_and_writes_nothing(api, writes):
    before = snapshot()
    for path, body in writes:
        assert_problem(api.post(path + "/", body), 404)
    assert snapshot() == before


def test_a_form_body_is_415(api, writes):
    before = snapshot()
    for path, _body in writes:
        assert_problem(api.post(path, raw="naam=x", content_type="application/x-www-form-urlencoded"), 415)
    assert snapshot() == before


def test_a_read_only_token_cannot_write(demo, api_for, writes):
    api = api_for(demo.facilitator, scope="lezen")
    before = snapshot()
    for path, body in writes:
        problem = assert_problem(api.post(path, body), 403)
        assert "alleen lezen" in problem["detail"]
    assert snapshot() == before


def test_a_revoked_token_is_refused(demo, token_for, writes):
    from samen.api.services import revoke_token
    from tests.api.conftest import ApiClient

    raw = token_for(demo.facilitator)
    revoke_token(token=ApiToken.objects.get(person=demo.facilitator), by=demo.facilitator)
    api = ApiClient(raw)
    before = snapshot()
    for path, body in writes:
        problem = assert_problem(api.post(path, body), 401)
        assert "ingetrokken" in problem["detail"]
    assert_problem(api.get("/samenwerkingen"), 401)
    assert snapshot() == before


@pytest.mark.parametrize(
    "query",
    [
        {"page": "0"},
        {"page": "een"},
        {"pageSize": "101"},
        {"pageSize": "-1"},
        {"gemeente": "GM9999"},
        {"rechtsvorm": "stichting"},
        {"beleidsterrein": "bestaat niet"},
        {"mijn": "misschien"},
        {"zoekterm": "x"},
    ],
)
def test_bad_query_parameters_are_named(api, query):
    problem = assert_problem(api.get("/samenwerkingen", **query), 400)
    assert [p["name"] for p in problem["invalidParams"]] == list(query)


def test_a_page_after_the_last_is_404(api):
    problem = assert_problem(api.get("/samenwerkingen", page="999"), 404)
    assert "bestaat niet" in problem["detail"]


@pytest.mark.parametrize("typed", ["9999-12-31", "1899-12-31", "0001-01-01"])
def test_a_date_outside_1900_to_2100_is_refused_in_dutch(api, demo, typed):
    before = snapshot()
    body = {
        "naam": "Convenant (test)",
        "soort": "convenant",
        "organisaties": [str(demo.utrecht.organisation_id), str(demo.zeist.organisation_id)],
        "ingangsdatum": typed,
    }
    problem = assert_problem(api.post("/samenwerkingen", body), 400)
    assert problem["invalidParams"] == [
        {"name": "ingangsdatum", "code": "dateOutOfRange", "reason": "Kies een datum tussen 1900 en 2100."}
    ]
    assert snapshot() == before
