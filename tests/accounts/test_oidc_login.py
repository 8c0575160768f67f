"""Login with a municipality's own identity provider: the full OpenID Connect flow against a real provider.

A real OIDC provider (``oidc-provider-mock``, an authlib server) runs on localhost in a thread; Samen
talks to it over HTTP for discovery, the token exchange (authorization code with PKCE), the JWKS and
the userinfo endpoint. Only the person's click on the provider's login form is made by the test.
"""

import time
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.test import Client, override_settings
from oidc_provider_mock import run_server_in_thread

from samen.accounts import oidc
from samen.accounts.models import Person
from samen.audit.models import AuditEvent
from tests.personas import PASSWORD, Demo, municipality

PROVIDER_ID = "gemeente"


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    with run_server_in_thread(require_nonce=False) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def idp(provider: str) -> Iterator[str]:
    providers = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": PROVIDER_ID,
                    "name": "Inloggen met uw gemeente",
                    "client_id": "samen",
                    "secret": "geheim-van-de-test",
                    "settings": {"server_url": provider, "oauth_pkce_enabled": True},
                }
            ]
        }
    }
    with override_settings(SOCIALACCOUNT_PROVIDERS=providers, OIDC_ORGANISATION_CLAIM="oin"):
        yield provider


def set_claims(provider: str, sub: str, **claims: Any) -> None:
    response = requests.put(f"{provider}/users/{sub}", json=claims, timeout=5)
    assert response.status_code == 204, response.text


def log_in_at_provider(client: Client, sub: str) -> Any:
    """Start at Samen, log in at the provider as ``sub``, and come back with the code: Samen's answer."""
    start = client.post(f"/accounts/oidc/{PROVIDER_ID}/login/")
    assert start.status_code == 302, start.content
    authorize = start["Location"]
    query = urllib.parse.parse_qs(urllib.parse.urlparse(authorize).query)
    assert query["code_challenge_method"] == ["S256"], "PKCE is used"
    answer = requests.post(authorize, data={"sub": sub}, allow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text
    callback = urllib.parse.urlparse(answer.headers["Location"])
    return client.get(f"{callback.path}?{callback.query}")


def test_first_login_creates_the_person_in_their_organisation(db: Any, idp: str) -> None:
    utrecht = municipality("GM0344")
    set_claims(idp, "u-123", email="Sanne.deVries@utrecht.example", name="Sanne de Vries", oin=utrecht.oin)
    client = Client()

    response = log_in_at_provider(client, "u-123")

    assert response.status_code == 302
    person = Person.objects.get(email="sanne.devries@utrecht.example")
    assert person.organisation == utrecht
    assert person.full_name == "Sanne de Vries"
    assert SocialAccount.objects.filter(user=person, uid="u-123").exists()
    assert AuditEvent.objects.filter(action="person.created_by_oidc", object_id=str(person.pk)).exists()
    assert client.session["_auth_user_id"] == str(person.pk)


def test_second_login_finds_the_same_person(db: Any, idp: str) -> None:
    zeist = municipality("GM0355")
    set_claims(idp, "z-1", email="kim@zeist.example", name="Kim Zeist", oin=zeist.oin)
    log_in_at_provider(Client(), "z-1")
    client = Client()

    log_in_at_provider(client, "z-1")

    assert Person.objects.filter(email="kim@zeist.example").count() == 1
    assert client.session["_auth_user_id"] == str(Person.objects.get(email="kim@zeist.example").pk)


def test_unknown_organisation_is_refused_in_dutch(db: Any, idp: str) -> None:
    set_claims(idp, "x-9", email="iemand@elders.example", name="Iemand", oin="00000001999999999000")
    client = Client()

    response = log_in_at_provider(client, "x-9")

    assert response.status_code == 403
    assert "Uw organisatie is (nog) niet bekend in Samen" in response.content.decode()
    assert not Person.objects.filter(email="iemand@elders.example").exists()
    assert "_auth_user_id" not in client.session


def test_invited_person_of_another_organisation_is_not_taken_over(demo: Demo, idp: str) -> None:
    zeist = municipality("GM0355")
    set_claims(idp, "evil", email=demo.utrecht_wethouder.email, name="Niet Wendy", oin=zeist.oin)
    client = Client()

    response = log_in_at_provider(client, "evil")

    assert response.status_code == 403
    assert not SocialAccount.objects.filter(user=demo.utrecht_wethouder).exists()
    assert "_auth_user_id" not in client.session


def test_invited_person_of_the_same_organisation_is_linked(demo: Demo, idp: str) -> None:
    set_claims(idp, "w-1", email=demo.utrecht_wethouder.email, name="Wendy", oin=demo.utrecht.organisation.oin)
    client = Client()

    log_in_at_provider(client, "w-1")

    assert client.session["_auth_user_id"] == str(demo.utrecht_wethouder.pk)
    assert SocialAccount.objects.filter(user=demo.utrecht_wethouder, uid="w-1").exists()


def test_logout_ends_the_session(db: Any, idp: str) -> None:
    de_bilt = municipality("GM0310")
    set_claims(idp, "b-1", email="bo@debilt.example", name="Bo", oin=de_bilt.oin)
    client = Client()
    log_in_at_provider(client, "b-1")
    assert "_auth_user_id" in client.session

    client.post("/accounts/logout/")

    assert "_auth_user_id" not in client.session


def test_facilitator_still_needs_totp_when_the_provider_asserts_no_second_factor(demo: Demo, idp: str) -> None:
    advisor_org = demo.facilitator.organisation
    advisor_org.oin = "00000009123456789000"
    advisor_org.save()
    set_claims(idp, "f-1", email=demo.facilitator.email, name="Fatima", oin=advisor_org.oin)
    client = Client()

    response = log_in_at_provider(client, "f-1")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/authenticate")
    assert "_auth_user_id" not in client.session


def test_facilitator_skips_samens_totp_when_the_provider_asserts_mfa(demo: Demo, idp: str) -> None:
    advisor_org = demo.facilitator.organisation
    advisor_org.oin = "00000009123456789000"
    advisor_org.save()
    set_claims(idp, "f-2", email=demo.facilitator.email, name="Fatima", oin=advisor_org.oin, amr=["pwd", "mfa"])
    client = Client()

    log_in_at_provider(client, "f-2")

    assert client.session["_auth_user_id"] == str(demo.facilitator.pk)
    assert client.session[oidc.SESSION_KEY]["refresh"], "the session is rechecked with the provider later"


# --- a person removed at the identity provider loses access ------------------------------------------


def later(client: Client, minutes: int = 16) -> None:
    """Move the last check with the provider ``minutes`` into the past, as if the person worked on that long."""
    session = client.session
    state = session[oidc.SESSION_KEY]
    state["checked"] -= minutes * 60
    session[oidc.SESSION_KEY] = state
    session.save()


def signed_in(provider: str, sub: str, code: str) -> tuple[Client, Person]:
    organisation = municipality(code)
    set_claims(provider, sub, email=f"{sub}@gemeente.example", name=sub, oin=organisation.oin)
    client = Client()
    log_in_at_provider(client, sub)
    person = Person.objects.get(email=f"{sub}@gemeente.example")
    assert client.session["_auth_user_id"] == str(person.pk)
    return client, person


def test_a_person_removed_at_the_provider_is_logged_out_at_the_next_check(db: Any, idp: str) -> None:
    client, person = signed_in(idp, "weg-1", "GM0344")
    revoked = requests.post(f"{idp}/users/weg-1/revoke-tokens", timeout=5)
    assert revoked.status_code == 204

    client.get("/")
    assert client.session["_auth_user_id"] == str(person.pk), "within the interval Samen does not ask"

    later(client)
    response = client.get("/", follow=True)

    assert "_auth_user_id" not in client.session
    assert response.redirect_chain[0][0].startswith("/accounts/login/")
    assert "Uw organisatie heeft uw toegang tot Samen beëindigd" in response.content.decode()
    event = AuditEvent.objects.get(action="person.oidc_access_ended", object_id=str(person.pk))
    assert event.after["reason"] == "invalid_grant"


def test_a_person_the_provider_still_knows_stays_logged_in_with_fresh_tokens(db: Any, idp: str) -> None:
    client, person = signed_in(idp, "blijft-1", "GM0355")
    before = client.session[oidc.SESSION_KEY]

    later(client)
    client.get("/")

    after = client.session[oidc.SESSION_KEY]
    assert client.session["_auth_user_id"] == str(person.pk)
    assert after["access"] != before["access"], "the refresh token was really used at the provider"
    assert time.time() - after["checked"] < 60, "the next check is an interval from now"
    # The new access token is one the provider accepts.
    userinfo = requests.get(f"{idp}/userinfo", headers={"Authorization": f"Bearer {after['access']}"}, timeout=5)
    assert userinfo.json()["sub"] == "blijft-1"
    assert not AuditEvent.objects.filter(action="person.oidc_access_ended").exists()


def test_without_a_refresh_token_samen_asks_the_userinfo_endpoint(db: Any) -> None:
    with run_server_in_thread(require_nonce=False, issue_refresh_token=False) as server:
        provider = f"http://localhost:{server.server_port}"
        providers = {
            "openid_connect": {
                "APPS": [
                    {
                        "provider_id": PROVIDER_ID,
                        "name": "Inloggen met uw gemeente",
                        "client_id": "samen",
                        "secret": "geheim-van-de-test",
                        "settings": {"server_url": provider, "oauth_pkce_enabled": True},
                    }
                ]
            }
        }
        with override_settings(SOCIALACCOUNT_PROVIDERS=providers, OIDC_ORGANISATION_CLAIM="oin"):
            client, person = signed_in(provider, "zonder-1", "GM0310")
            assert client.session[oidc.SESSION_KEY]["refresh"] == ""
            later(client)
            client.get("/")
            assert client.session["_auth_user_id"] == str(person.pk)

            requests.post(f"{provider}/users/zonder-1/revoke-tokens", timeout=5)
            later(client)
            client.get("/")

            assert "_auth_user_id" not in client.session
            assert AuditEvent.objects.filter(action="person.oidc_access_ended", object_id=str(person.pk)).exists()


def test_a_provider_that_cannot_be_reached_does_not_log_anyone_out(db: Any) -> None:
    with run_server_in_thread(require_nonce=False) as server:
        provider = f"http://localhost:{server.server_port}"
        providers = {
            "openid_connect": {
                "APPS": [
                    {
                        "provider_id": PROVIDER_ID,
                        "name": "Inloggen met uw gemeente",
                        "client_id": "samen",
                        "secret": "geheim-van-de-test",
                        "settings": {"server_url": provider, "oauth_pkce_enabled": True},
                    }
                ]
            }
        }
        with override_settings(SOCIALACCOUNT_PROVIDERS=providers, OIDC_ORGANISATION_CLAIM="oin"):
            client, person = signed_in(provider, "storing-1", "GM0344")
    # The provider has stopped: nothing listens on its port any more.
    with override_settings(SOCIALACCOUNT_PROVIDERS=providers, OIDC_ORGANISATION_CLAIM="oin"):
        later(client)
        client.get("/")

    assert client.session["_auth_user_id"] == str(person.pk)
    assert not AuditEvent.objects.filter(action="person.oidc_access_ended").exists()


def test_a_password_login_after_a_refused_provider_login_is_not_rechecked(demo: Demo, idp: str) -> None:
    """The tokens of a refused login never stay behind for the next person who logs in in that browser."""
    set_claims(idp, "x-2", email="iemand@elders.example", name="Iemand", oin="00000001999999999000")
    client = Client()
    assert log_in_at_provider(client, "x-2").status_code == 403

    client.post("/accounts/login/", {"login": demo.raadslid.email, "password": PASSWORD})

    assert client.session["_auth_user_id"] == str(demo.raadslid.pk)
    assert oidc.SESSION_KEY not in client.session
