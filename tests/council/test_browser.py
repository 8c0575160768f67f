"""A councillor's and a griffie's path through raadsgrip in a real browser, with axe on every page."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from samen.council.demo import build_cycle_year
from samen.council.models import Zienswijze
from samen.experiences.services import signals
from tests.council.builders import fill_figures, landgraaf_regelingen, staff
from tests.personas import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_councillor_follows_the_cycle_and_gives_the_councils_view(demo, visit):
    year = timezone.localdate().year
    contacts = {demo.zeist: demo.zeist_wethouder, demo.de_bilt: demo.de_bilt_wethouder}
    build_cycle_year(demo.collaboration, year - 1, facilitator=demo.facilitator, contacts=contacts)
    documents = build_cycle_year(demo.collaboration, year, facilitator=demo.facilitator, contacts=contacts)
    page = visit.page
    visit.login_as(demo.raadslid)

    visit.goto("/raadsgrip")
    visit.assert_accessible()
    expect(page.get_by_role("heading", name="P&C-planning per regeling")).to_be_visible()

    visit.goto(f"/samenwerkingen/{demo.collaboration.pk}/pc-planning?jaar={year}")
    visit.assert_accessible()
    amendment = documents[-1]
    page.get_by_role("link", name=amendment.title).first.click()
    page.wait_for_url(f"**/pc-stukken/{amendment.pk}")
    visit.assert_accessible()

    # The raadslid, as Utrecht's reader, writes Utrecht's view: first without a date, then adopted.
    page.get_by_label("met opmerkingen").check()
    page.get_by_label("Tekst van de zienswijze").fill("De raad vraagt om een sobere wijziging.")
    page.get_by_label("Thema's").fill("indexatie")
    page.get_by_role("button", name="Vaststellen (de raad heeft besloten)").click()
    expect(page.get_by_text("Vul de datum van het raadsbesluit in").first).to_be_visible()
    visit.assert_accessible()
    page.get_by_label("Datum raadsbesluit").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Vaststellen (de raad heeft besloten)").click()
    page.wait_for_url(f"**/pc-stukken/{amendment.pk}")
    visit.assert_accessible()
    assert Zienswijze.objects.get(document=amendment, partner=demo.utrecht).is_adopted

    signal = signals.raise_signal(
        collaboration=demo.collaboration, by=demo.zeist_beleidsmedewerker, from_partner=demo.zeist,
        kind="kosten_hoger", subject="Kosten ICT hoger dan begroot", text="Zie de kwartaalcijfers.",
        addressee="iedereen", amount="42.000",
    )  # fmt: skip
    visit.goto(f"/samenwerkingen/{demo.collaboration.pk}/kengetallen")
    visit.assert_accessible()
    assert page.get_by_role("link", name=signal.subject).count() == 0  # signals are not for readers
    visit.goto(f"/samenwerkingen/{demo.collaboration.pk}/gezondheid")
    visit.assert_accessible()

    visit.context.clear_cookies()
    visit.login_as(demo.zeist_beleidsmedewerker)
    visit.goto(f"/samenwerkingen/{demo.collaboration.pk}/kengetallen")
    visit.assert_accessible()
    page.get_by_role("link", name=signal.subject).click()  # the cost signal beside this year's figures
    page.wait_for_url(f"**/signalen/{signal.pk}")
    expect(page.get_by_role("heading", name=f"Kengetallen van de regeling in {year}")).to_be_visible()
    visit.assert_accessible()


def test_the_griffie_reads_the_bbv_paragraph_of_landgraaf(db, visit):
    organisation, collaborations = landgraaf_regelingen()
    keeper = staff()
    for index, collaboration in enumerate(collaborations):
        fill_figures(collaboration, keeper, 2026, organisation, index)
    griffie = person("griffie@landgraaf.example", "Gerda Griffie", organisation)
    visit.login_as(griffie)
    visit.goto(f"/organisaties/{organisation.pk}/verbonden-partijen?jaar=2026")
    visit.assert_accessible()
    assert visit.page.get_by_role("heading", level=2).count() == 19
