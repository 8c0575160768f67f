"""The council digest in a real Chromium: drafting, approving and reading it, with zero axe violations."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from samen.reports.models import CouncilDigest
from tests.health import builders as b

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_digest_is_drafted_approved_published_and_read(visit, demo):
    goal = b.goal(demo.collaboration, demo.facilitator, demo.utrecht)
    b.success(demo.collaboration, demo.facilitator, demo.partners, public=True)
    b.result(goal, demo.utrecht, demo.utrecht_beleidsmedewerker, due_on=b.timezone.localdate().replace(year=2099))
    visit.login_as(demo.facilitator)
    visit.goto(reverse("reports:digests", args=[demo.collaboration.pk]))
    visit.assert_accessible()
    visit.page.get_by_label("Periode van").fill("2026-05-01")
    visit.page.get_by_label("Periode tot en met").fill("2026-01-01")
    visit.page.get_by_role("button", name="Raadsbrief opstellen").click()
    expect(visit.page.locator("body")).to_contain_text("vóór zij begint")
    visit.assert_accessible()
    visit.page.get_by_label("Periode van").fill("2020-01-01")
    visit.page.get_by_label("Periode tot en met").fill("2099-12-31")
    visit.page.get_by_role("button", name="Raadsbrief opstellen").click()
    expect(visit.page.get_by_text("Hoort bij:")).to_be_visible()  # the next moment of the regeling
    visit.assert_accessible()
    year = b.timezone.localdate().year
    visit.page.get_by_label("Hoort bij moment in de P&C-planning").select_option(f"{year}:begroting")
    with visit.page.expect_navigation():
        visit.page.get_by_role("button", name="Moment opslaan").click()
    assert CouncilDigest.objects.get().pc_value == f"{year}:begroting"
    visit.page.get_by_role("link", name="Begroting vastgesteld en naar gedeputeerde staten").click()
    visit.page.wait_for_url(f"**/pc-planning?jaar={year}#moment-begroting")
    visit.assert_accessible()
    visit.page.go_back()
    with visit.page.expect_navigation():
        visit.page.get_by_role("button", name="Ter goedkeuring aanbieden").click()
    visit.assert_accessible()
    digest = CouncilDigest.objects.get()

    for person, partner in (
        (demo.utrecht_wethouder, "Utrecht"),
        (demo.zeist_wethouder, "Zeist"),
        (demo.de_bilt_wethouder, "De Bilt"),
    ):
        visit.context.clear_cookies()
        visit.login_as(person)
        visit.goto(reverse("reports:digest", args=[demo.collaboration.pk, digest.pk]))
        visit.page.get_by_role("button", name=f"Goedkeuren namens {partner}").click()
        expect(visit.page.locator("body")).to_contain_text(f"Goedgekeurd namens {partner}.")
    visit.page.get_by_role("button", name="Publiceren voor de lezers").click()
    expect(visit.page.locator("body")).to_contain_text("De raadsbrief is gepubliceerd voor de lezers.")
    visit.assert_accessible()

    visit.context.clear_cookies()
    visit.login_as(demo.raadslid)
    visit.goto(reverse("reports:digests", args=[demo.collaboration.pk]))
    visit.assert_accessible()
    visit.page.get_by_role("link", name=digest.title).click()
    expect(visit.page.get_by_role("heading", name="Wat is besloten")).to_be_visible()
    assert visit.page.get_by_role("table", name=re.compile("Gezondheid per gebied")).count() == 1
    visit.assert_accessible()


def test_the_export_page_is_accessible(visit, demo):
    visit.login_as(demo.zeist_beleidsmedewerker)
    visit.goto(reverse("reports:export", args=[demo.collaboration.pk]))
    visit.assert_accessible()
