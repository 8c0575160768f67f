"""The API-tokens page in a real Chromium with axe: create a token by keyboard, see it once, revoke it."""

import pytest
from django.urls import reverse

from samen.api.models import ApiToken

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_creates_sees_once_and_revokes_a_token(visit, demo):
    visit.login_as(demo.utrecht_beleidsmedewerker)
    visit.goto(reverse("accounts:profile"))
    visit.page.get_by_role("link", name="API-tokens").click()
    visit.page.wait_for_url("**/api-tokens")
    visit.assert_accessible()

    visit.page.get_by_role("button", name="Token aanmaken").click()
    assert visit.page.locator(".utrecht-form-field-error-message").count() >= 1
    visit.assert_accessible()

    visit.page.get_by_label("Omschrijving").fill("Dashboard griffie")
    visit.page.get_by_label("Rechten").select_option("lezen_schrijven")
    visit.page.get_by_label("Omschrijving").press("Enter")
    visit.page.wait_for_load_state()
    shown = visit.page.locator("#nieuw-token").inner_text()
    assert shown.startswith("samen_")
    visit.assert_accessible()

    visit.goto(reverse("api:tokens"))
    assert shown not in visit.page.content()
    visit.page.get_by_role("button", name="Intrekken – Dashboard griffie").click()
    visit.page.wait_for_url("**/api-tokens")
    assert "is ingetrokken" in visit.page.content()
    visit.assert_accessible()
    assert ApiToken.objects.get().revoked_at is not None
