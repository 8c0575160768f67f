"""A user's path through Deel ervaringen in a real browser, with axe on every page."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from samen.collaborations.models import Role
from samen.experiences.models import CheckIn, CheckInResponse
from tests.experiences.conftest import SMALL_AGREEMENT
from tests.personas import build_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(visit, name):
    with visit.page.expect_navigation():
        visit.page.get_by_role("button", name=name).click()


def test_share_experiences_from_agreement_to_checkin_results(visit):
    demo = build_demo()
    pk = demo.collaboration.pk
    page = visit.page

    # Utrecht imports the convenant: the preview first, saved only on confirmation.
    visit.login_as(demo.utrecht_beleidsmedewerker)
    visit.goto(reverse("experiences:agreements", args=[pk]))
    expect(page.get_by_role("heading", name="Afspraken", exact=True)).to_be_visible()
    visit.assert_accessible()
    page.get_by_role("link", name="Afspraak toevoegen (tekst plakken of bestand kiezen)").click()
    visit.assert_accessible()
    page.get_by_label("Tekst van de afspraak").fill(SMALL_AGREEMENT)
    submit(visit, "Bekijk de indeling")
    expect(page.get_by_text("Samen vond 3 artikelen")).to_be_visible()
    visit.assert_accessible()
    submit(visit, "Opslaan")
    expect(page.get_by_text("De afspraak is opgeslagen met 3 artikelen.")).to_be_visible()
    visit.assert_accessible()

    # Utrecht reads article 2 as written; Zeist reads it differently.
    page.get_by_role("link", name="Artikel 2 Kosten").click()
    article_url = page.url
    visit.assert_accessible()
    page.get_by_label("Wij lezen dit zoals het er staat").check()
    page.get_by_label("Onze lezing").fill("Naar rato van het aantal inwoners op 1 januari.")
    submit(visit, "Lezing opslaan")
    expect(page.get_by_text("De lezing van uw organisatie is opgeslagen.")).to_be_visible()
    visit.assert_accessible()
    visit.login_as(demo.zeist_beleidsmedewerker)
    page.goto(article_url)
    visit.assert_accessible()
    page.get_by_label("Wij lezen dit anders").check()
    page.get_by_label("Onze lezing").fill("Wij betalen naar afname van diensten, niet naar inwoners.")
    submit(visit, "Lezing opslaan")
    expect(page.get_by_text("Verschil in lezing: de partners lezen dit artikel niet hetzelfde.")).to_be_visible()
    visit.assert_accessible()

    # Zeist raises a signal about the article, addressed to Utrecht.
    page.get_by_role("link", name="Signaal over dit artikel").click()
    visit.assert_accessible()
    page.get_by_label("Soort signaal").select_option(label="we betalen te veel voor afgenomen diensten")
    page.get_by_label("Onderwerp").fill("Wij betalen te veel")
    page.get_by_label("Toelichting").fill("De factuur volgt het inwonertal; wij nemen minder af.")
    page.get_by_label("een partner").check()
    page.get_by_label("Aan welke partner").select_option(label="Utrecht")
    page.get_by_label("Bedrag in euro").fill("12.500,00")
    submit(visit, "Signaal delen")
    expect(page.get_by_text("Het signaal is gedeeld.")).to_be_visible()
    expect(page.get_by_text("€ 12.500,00")).to_be_visible()
    visit.assert_accessible()
    page.get_by_role("link", name="Signalen", exact=True).click()
    visit.assert_accessible()

    # De Bilt announces a deviation from the article.
    visit.login_as(demo.de_bilt_beleidsmedewerker)
    page.goto(article_url)
    visit.assert_accessible()
    page.get_by_role("link", name="Afwijking van dit artikel aankondigen").click()
    visit.assert_accessible()
    page.get_by_label("Waarom wijkt uw organisatie af?").fill("Onze begroting kent geen kwartaalfacturen.")
    page.get_by_label("Vanaf").fill(timezone.localdate().isoformat())
    submit(visit, "Aankondigen")
    expect(page.get_by_text("De Bilt wijkt af van Artikel 2 Kosten")).to_be_visible()
    visit.assert_accessible()

    # The facilitator schedules a check-in.
    visit.login_as(demo.facilitator)
    visit.goto(reverse("experiences:checkin_schedule", args=[pk]))
    visit.assert_accessible()
    page.get_by_label("Gaat open op").fill(timezone.localdate().isoformat())
    submit(visit, "Plannen")
    visit.assert_accessible()
    expect(page.get_by_text("1 check-in(s) gepland.")).to_be_visible()
    checkin_url = reverse("experiences:checkin", args=[pk, CheckIn.objects.get().pk])

    # Five people answer, each once.
    people = [
        demo.utrecht_beleidsmedewerker,
        demo.utrecht_wethouder,
        demo.zeist_beleidsmedewerker,
        demo.zeist_wethouder,
        demo.de_bilt_beleidsmedewerker,
    ]
    for number, person in enumerate(people):
        visit.login_as(person)
        visit.goto(checkin_url)
        visit.assert_accessible()
        for name in ("progress", "trust", "openness", "fair_share", "heard", "ownership"):
            page.check(f'input[name="{name}"][value="{1 + (number + len(name)) % 5}"]')
        page.get_by_label("Wat schuurt of blijft haken?").fill(f"Punt van aandacht {number}")
        submit(visit, "Antwoorden versturen")
        expect(page.get_by_text("Uw antwoorden zijn anoniem opgeslagen.")).to_be_visible()
        visit.assert_accessible()
    assert CheckInResponse.objects.count() == 5

    # The facilitator closes it and sees the aggregates, never an answer one by one.
    visit.login_as(demo.facilitator)
    visit.goto(checkin_url)
    visit.assert_accessible()
    submit(visit, "Check-in nu sluiten en resultaten tonen")
    expect(page.get_by_role("heading", name="Resultaten")).to_be_visible()
    expect(page.get_by_text("5 van 6 contactpersonen hebben geantwoord.")).to_be_visible()
    expect(page.get_by_role("row", name="Alle partners")).to_be_visible()
    expect(page.get_by_text("Niet getoond: te weinig antwoorden om anoniem te blijven.").first).to_be_visible()
    expect(page.get_by_role("heading", name="Om te bespreken")).to_be_visible()
    visit.assert_accessible()
    visit.goto(reverse("experiences:checkins", args=[pk]))
    expect(page.locator('svg[role="img"]')).to_have_count(1)
    visit.assert_accessible()
    assert Role.objects.filter(collaboration=demo.collaboration).count() == 8
