"""Personal API tokens: made and revoked in the interface, stored hashed, scoped, shown once, rate limited."""

import datetime
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from samen.api import services
from samen.api.models import ApiToken, TokenScope
from samen.audit.models import AuditEvent
from tests.api.conftest import ApiClient, assert_problem

pytestmark = pytest.mark.django_db


def test_a_new_token_is_shown_once_and_only_its_hash_is_stored(demo, client_for):
    client = client_for(demo.utrecht_beleidsmedewerker)
    response = client.post(
        reverse("api:tokens"), {"name": "Dashboard griffie", "scope": TokenScope.READ, "lifetime": 90}
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(person=demo.utrecht_beleidsmedewerker)
    raw = response.context["new_token"]
    assert raw in response.text
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in (token.token_hash, token.prefix, token.name)
    assert raw.startswith(token.prefix)
    assert response["Cache-Control"].startswith("max-age=0")
    again = client.get(reverse("api:tokens"))
    assert raw not in again.text
    assert token.prefix in again.text


def test_the_token_page_is_in_the_navigation(demo, client_for):
    response = client_for(demo.raadslid).get(reverse("accounts:profile"))
    assert reverse("api:tokens") in response.text
    assert reverse("api:tokens") == "/api-tokens"


def test_bad_token_form_input_creates_nothing(demo, client_for):
    client = client_for(demo.zeist_wethouder)
    response = client.post(reverse("api:tokens"), {"name": "  ", "scope": "alles"})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()
    assert not AuditEvent.objects.filter(action="api_token.created").exists()


def test_creating_and_revoking_are_in_the_audit_log(demo, client_for):
    client = client_for(demo.zeist_wethouder)
    client.post(reverse("api:tokens"), {"name": "P&C-koppeling", "scope": TokenScope.READ_WRITE, "lifetime": 30})
    token = ApiToken.objects.get()
    response = client.post(reverse("api:revoke_token", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    created, revoked = AuditEvent.objects.order_by("at")
    assert (created.action, created.actor, created.after["scope"]) == (
        "api_token.created",
        demo.zeist_wethouder,
        "lezen_schrijven",
    )
    assert (revoked.action, revoked.object_id) == ("api_token.revoked", str(token.pk))
    client.post(reverse("api:revoke_token", args=[token.pk]))
    assert AuditEvent.objects.filter(action="api_token.revoked").count() == 1


def test_only_the_owner_revokes_a_token(demo, client_for):
    token, _raw = services.create_token(by=demo.zeist_wethouder, name="x", scope=TokenScope.READ)
    response = client_for(demo.facilitator).post(reverse("api:revoke_token", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_token_page_needs_a_login(client):
    response = client.get(reverse("api:tokens"))
    assert response.status_code == 302


def test_a_token_acts_as_its_person(demo, token_for):
    api = ApiClient(token_for(demo.raadslid, TokenScope.READ))
    mine = api.get("/samenwerkingen", mijn="true").json()
    assert [c["id"] for c in mine["results"]] == [str(demo.collaboration.pk)]
    assert api.get(f"/samenwerkingen/{demo.collaboration.pk}/rollen").status_code == 404


@pytest.mark.parametrize(
    "header",
    ["Bearer", "Bearer samen_onbekend", "Token samen_x", "Basic dXNlcjpwdw==", "Bearer " + "x" * 300],
)
def test_unknown_or_malformed_tokens_are_401(demo, header):
    from django.test import Client

    response = Client().get("/api/v1/samenwerkingen", headers={"Authorization": header})
    problem = assert_problem(response, 401)
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert problem["detail"]


def test_a_token_of_a_deactivated_person_is_401(demo, token_for):
    api = ApiClient(token_for(demo.zeist_beleidsmedewerker))
    demo.zeist_beleidsmedewerker.is_active = False
    demo.zeist_beleidsmedewerker.save(update_fields=["is_active"])
    assert_problem(api.get("/samenwerkingen"), 401)


def test_last_use_is_remembered(demo, token_for):
    api = ApiClient(token_for(demo.de_bilt_wethouder))
    assert ApiToken.objects.get().last_used_at is None
    api.get("/organisaties")
    assert ApiToken.objects.get().last_used_at is not None


def test_too_many_requests_get_a_clear_429_per_token(demo, token_for, settings):
    settings.SAMEN_API_RATE = "3/min"
    busy = ApiClient(token_for(demo.facilitator))
    for remaining in (2, 1, 0):
        response = busy.get("/organisaties")
        assert response.status_code == 200
        assert response["X-Rate-Limit-Limit"] == "3"
        assert response["X-Rate-Limit-Remaining"] == str(remaining)
    problem = assert_problem(busy.get("/organisaties"), 429)
    assert "te veel verzoeken" in problem["detail"]
    response = busy.get("/organisaties")
    assert 0 < int(response["Retry-After"]) <= 60
    # Another token (even of the same person) has its own budget.
    assert ApiClient(token_for(demo.facilitator)).get("/organisaties").status_code == 200


def test_a_token_works_until_it_expires(demo, time_machine):
    token, raw = services.create_token(by=demo.zeist_wethouder, name="kort", scope=TokenScope.READ, lifetime=30)
    client = ApiClient(raw)
    assert client.get("/samenwerkingen").status_code == 200

    time_machine.move_to(timezone.now() + datetime.timedelta(days=31))

    response = client.get("/samenwerkingen")
    assert_problem(response, 401)
    assert "verlopen" in response.json()["detail"]
    assert not ApiToken.objects.active().filter(pk=token.pk).exists()


def test_the_token_page_shows_expiry_and_last_use(demo, client_for):
    _token, raw = services.create_token(by=demo.zeist_wethouder, name="Raadsinformatiesysteem", scope="lezen")
    ApiClient(raw).get("/samenwerkingen")
    page = client_for(demo.zeist_wethouder).get(reverse("api:tokens")).text
    assert "Verloopt" in page
    assert "Laatst gebruikt" in page
    assert "nog niet" not in page


def test_an_unknown_lifetime_is_refused(demo, client_for):
    response = client_for(demo.zeist_wethouder).post(
        reverse("api:tokens"), {"name": "Eeuwig", "scope": TokenScope.READ, "lifetime": 36500}
    )
    assert response.status_code == 400
    assert not ApiToken.objects.exists()
