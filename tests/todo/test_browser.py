"""The start pages in a real Chromium at desktop and phone width: zero axe violations, nothing cut off."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from samen.collaborations.models import Collaboration, CollaborationKind, Partner, Role, RoleKind
from tests.todo.conftest import published_digest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = ((1280, 800), (390, 844))

# Content wider than the page is cut off unless it scrolls inside its own region.
CUT_OFF = """() => {
  const page = document.documentElement;
  const problems = [];
  if (page.scrollWidth > window.innerWidth + 1) problems.push('page scrolls sideways: ' + page.scrollWidth);
  for (const table of document.querySelectorAll('table')) {
    const region = table.closest('[role=region]');
    const box = region || table.parentElement;
    if (table.scrollWidth > box.clientWidth + 1) {
      const scrolls = region && ['auto', 'scroll'].includes(getComputedStyle(region).overflowX);
      const labelled = region && (region.getAttribute('aria-labelledby') || region.getAttribute('aria-label'));
      if (!scrolls || region.tabIndex !== 0 || !labelled)
        problems.push('table cut off: ' + (table.caption ? table.caption.textContent : table.outerHTML.slice(0, 80)));
    }
  }
  return problems;
}"""


def check_pages(visit, paths):
    for width, height in WIDTHS:
        visit.page.set_viewport_size({"width": width, "height": height})
        for path in paths:
            response = visit.goto(path)
            assert response.status == 200, path
            visit.assert_accessible()
            assert visit.page.evaluate(CUT_OFF) == [], f"{path} at {width}px"


FITS = """() => [...document.querySelectorAll('[role=region]')]
  .filter(region => region.scrollWidth > region.clientWidth + 1)
  .map(region => [region.getAttribute('aria-labelledby'), region.scrollWidth, region.clientWidth])"""


def long_named_regeling(demo):
    """A real register name of the longer kind, in the contact's portfolio."""
    regeling = Collaboration.objects.create(
        name="Gemeenschappelijke regeling Regionale Uitvoeringsdienst Vergunningverlening, Toezicht en Handhaving "
        "Utrecht-Oost en Kromme Rijn",
        kind=CollaborationKind.GR,
        workspace_active=True,
    )
    partner = Partner.objects.create(collaboration=regeling, organisation=demo.zeist.organisation)
    Role.objects.create(person=demo.zeist_wethouder, collaboration=regeling, partner=partner, kind=RoleKind.EXECUTIVE)


def test_the_portfolio_fits_at_1280_px_with_long_names(visit, demo):
    long_named_regeling(demo)
    visit.login_as(demo.zeist_wethouder)
    visit.page.set_viewport_size({"width": 1280, "height": 800})
    visit.goto(reverse("health:portfolio"))
    assert visit.page.evaluate(FITS) == []
    visit.assert_accessible()


def test_the_start_pages_of_a_contact_are_accessible_at_desktop_and_phone_width(visit, everything):
    demo = everything
    long_named_regeling(demo)
    visit.login_as(demo.zeist_wethouder)
    check_pages(
        visit,
        [
            reverse("collaborations:mine"),
            reverse("collaborations:detail", args=[demo.collaboration.pk]),
            reverse("health:health", args=[demo.collaboration.pk]),
            reverse("health:portfolio"),
        ],
    )
    visit.goto(reverse("collaborations:mine"))
    todo = visit.page.get_by_role("region", name="Te doen").or_(visit.page.locator("section.samen-todo"))
    expect(todo.get_by_role("heading", name="Te doen")).to_be_visible()
    first = todo.get_by_role("link").first
    first.click()
    visit.page.wait_for_load_state()
    assert visit.page.url != visit.live_server.url + reverse("collaborations:mine")
    visit.assert_accessible()


def test_the_start_pages_of_a_facilitator_and_a_reader_are_accessible(visit, everything):
    demo = everything
    published_digest(demo)
    for persona in (demo.facilitator, demo.raadslid):
        visit.context.clear_cookies()
        visit.login_as(persona)
        check_pages(
            visit,
            [reverse("collaborations:mine"), reverse("collaborations:detail", args=[demo.collaboration.pk])],
        )
