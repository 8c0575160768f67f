"""Production settings pass Django's deploy checks; probes answer; headers are strict."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from samen.env import EnvError, env_bool, env_int

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "SAMEN_PRODUCTION": "true",
        "SECRET_KEY": "x" * 30 + "-production-secret-key-0123456789abcdef",
        "ALLOWED_HOSTS": "samen.example.org",
        "EMAIL_HOST": "smtp.example.org",
        "SITE_URL": "https://samen.example.org",
        "SAMEN_VAR_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser fixtures, never in deployment
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_a_secret_key_fails_loudly(tmp_path):
    env = {**os.environ, "SAMEN_PRODUCTION": "true", "SAMEN_VAR_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_secrets_in_paths_are_not_logged():
    from samen.core.middleware import loggable_path

    assert loggable_path("/uitnodiging/geheim-token") == "/uitnodiging/…"
    assert loggable_path("/agenda/abc123.ics") == "/agenda/…"
    assert loggable_path("/samenwerkingen") == "/samenwerkingen"


def test_env_helpers_refuse_nonsense(monkeypatch):
    monkeypatch.setenv("SAMEN_X", "misschien")
    with pytest.raises(EnvError):
        env_bool("SAMEN_X", False)
    monkeypatch.setenv("SAMEN_X", "tien")
    with pytest.raises(EnvError):
        env_int("SAMEN_X", 1)


@pytest.mark.django_db
def test_probes_answer(client):
    assert client.get("/_healthz/live").json() == {"status": "ok"}
    assert client.get("/_healthz/ready").json()["database"] == "ok"


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy_with_a_nonce(client):
    response = client.get(reverse("accessibility"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_the_interface_is_dutch_first_with_english_available(client):
    assert 'lang="nl"' in client.get(reverse("accessibility")).text
    client.post(reverse("set_language"), {"language": "en", "next": "/toegankelijkheid"})
    response = client.get(reverse("accessibility"))
    assert 'lang="en"' in response.text
    assert "Accessibility statement" in response.text


@pytest.mark.django_db
def test_a_facilitator_without_two_factor_is_sent_to_set_it_up(demo, client_for):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=demo.facilitator).delete()
    response = client_for(demo.facilitator).get(reverse("collaborations:mine"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_a_contact_does_not_need_two_factor(demo, client_for):
    assert client_for(demo.zeist_beleidsmedewerker).get(reverse("collaborations:mine")).status_code == 200


@pytest.mark.django_db
def test_login_is_throttled_after_repeated_failures(demo, client):
    from tests.personas import PASSWORD

    for _ in range(5):
        client.post(reverse("account_login"), {"login": demo.zeist_wethouder.email, "password": "fout"})
    response = client.post(reverse("account_login"), {"login": demo.zeist_wethouder.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Te veel inlogpogingen" in response.text
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("12,5", "12.5"),
        ("1.234,5", "1234.5"),
        ("1.250", "1250"),
        ("2.500.000", "2500000"),
        ("12.5", "12.5"),
        ("€ 300", "300"),
        ("75", "75"),
    ],
)
def test_numbers_are_read_as_dutch_people_type_them(typed, number):
    from decimal import Decimal

    from samen.core.numbers import parse_dutch_decimal

    assert parse_dutch_decimal(typed) == Decimal(number)


@pytest.mark.parametrize("typed", ["veel", "", "1,2,3", "NaN", "Infinity"])
def test_text_that_is_no_number_is_refused(typed):
    from samen.core.numbers import parse_dutch_decimal

    with pytest.raises(ValueError):  # noqa: PT011 - the reader raises ValueError with the input itself
        parse_dutch_decimal(typed)
