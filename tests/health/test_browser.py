"""The health view and the portfolio in a real Chromium: zero axe violations, charts with their table twin."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.health import builders as b
from tests.health.test_pages import activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_health_view_is_accessible_and_every_chart_has_its_table(visit, demo):
    activity(demo.collaboration, demo.partners, [demo.facilitator])
    b.signal(demo.collaboration, demo.zeist_beleidsmedewerker, demo.zeist, subject="Kosten hoger")
    visit.login_as(demo.facilitator)
    visit.goto(reverse("health:health", args=[demo.collaboration.pk]))
    page = visit.page
    charts = page.locator("svg[role=img]")
    assert charts.count() == 4
    for n in range(charts.count()):
        assert charts.nth(n).get_attribute("aria-label")
    assert (
        page.get_by_role("table", name="Score per partner en gebied (0–100), de cijfers bij de radargrafieken").count()
        == 1
    )
    assert (
        page.get_by_role("table", name="Score per gebied per kwartaal (0–100), de cijfers bij de trendgrafiek").count()
        == 1
    )
    page.get_by_text("Zo wordt ‘Ambitie’ berekend").click()
    expect(page.get_by_text("Deelt iedereen de ambitie")).to_be_visible()
    visit.assert_accessible()


def test_the_portfolio_is_accessible_and_sorts_by_keyboard_without_javascript(visit, demo):
    activity(demo.collaboration, demo.partners, [demo.facilitator])
    visit.login_as(demo.facilitator)
    visit.goto(reverse("health:portfolio"))
    visit.assert_accessible()
    visit.page.get_by_role("link", name="Samenwerking", exact=True).focus()
    visit.page.keyboard.press("Enter")
    visit.page.wait_for_url("**sorteer=naam**")
    assert visit.page.locator("th[aria-sort=ascending]").inner_text() == "Samenwerking"
    visit.page.get_by_label("Status").select_option("zorg")
    visit.page.get_by_role("button", name="Toon").click()
    visit.page.wait_for_url("**status=zorg**")
    visit.assert_accessible()


def test_a_councillor_sees_the_portfolio_of_their_municipality_accessibly(visit, demo):
    visit.login_as(demo.raadslid)
    visit.goto(reverse("health:organisation_portfolio", args=[demo.utrecht.organisation_id]))
    assert "nog niets gepubliceerd" in visit.page.content()
    visit.assert_accessible()
    visit.goto(reverse("health:health", args=[demo.collaboration.pk]))
    visit.assert_accessible()
