"""A whole honesty round in a real browser, by the three demo partners, with axe on every page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samen.interests.models import Declaration, DeclarationStatus, GoDecision, HonestyRound, Pledge

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(visit, label: str) -> None:
    with visit.page.expect_navigation():
        visit.page.get_by_role("button", name=label, exact=True).click()


def test_a_whole_round_by_utrecht_zeist_and_de_bilt(demo, visit, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    page = visit.page
    c = demo.collaboration.pk

    # The facilitator adds an ambition and opens the round.
    visit.login_as(demo.facilitator)
    visit.goto(reverse("interests:ambitions", args=[c]))
    visit.assert_accessible()
    page.get_by_role("link", name="Ambitie toevoegen").click()
    visit.assert_accessible()
    page.get_by_label("Titel").fill("Eén omgevingsloket")
    page.get_by_label("Nodig: uren per maand").fill("300")
    submit(visit, "Ambitie toevoegen")
    visit.assert_accessible()
    ambition_path = page.url.split(visit.live_server.url, 1)[1]
    visit.goto(reverse("interests:catalogue", args=[c]))
    visit.assert_accessible()
    visit.goto(reverse("interests:rounds", args=[c]))
    visit.assert_accessible()
    page.get_by_role("link", name="Nieuwe eerlijkheidsronde openen").click()
    visit.assert_accessible()
    page.get_by_label("Titel").fill("Eerlijkheidsronde 2026")
    page.get_by_label("Deadline").fill((timezone.localdate() + datetime.timedelta(days=21)).isoformat())
    submit(visit, "Ronde openen")
    visit.assert_accessible()
    honesty_round = HonestyRound.objects.get()
    round_path = reverse("interests:round", args=[c, honesty_round.pk])

    declarations = {
        demo.utrecht: (
            demo.utrecht_beleidsmedewerker,
            demo.utrecht_wethouder,
            "5",
            {"Kostenbesparing": ("5", "Wij moeten structureel besparen.")},
            "go",
        ),
        demo.zeist: (
            demo.zeist_beleidsmedewerker,
            demo.zeist_wethouder,
            "4",
            {"Kwaliteit van dienstverlening": ("4", "Inwoners wachten te lang op een vergunning.")},
            "voorwaarden",
        ),
        demo.de_bilt: (
            demo.de_bilt_beleidsmedewerker,
            demo.de_bilt_wethouder,
            "1",
            {"Nabijheid voor inwoners": ("5", "Het loket in Bilthoven blijft.")},
            "go",
        ),
    }
    for partner, (official, executive, urgency, interests, decision) in declarations.items():
        name = partner.organisation.name
        # The ambtelijk contact pledges and drafts.
        visit.login_as(official)
        visit.goto(reverse("interests:pledge", args=[c, ambition_path.rsplit("/", 1)[1], partner.pk]))
        visit.assert_accessible()
        page.get_by_label("Urgentie voor ons").select_option(urgency)
        page.get_by_label("Uren per maand").fill("40")
        submit(visit, "Inzet opslaan")
        visit.assert_accessible()
        visit.goto(round_path)
        visit.assert_accessible()
        page.get_by_role("link", name=f"Verklaring opstellen – {name}").click()
        visit.assert_accessible()
        page.get_by_label("Intenties").fill(f"{name} wil samen sterker staan.")
        for motive, (weight, explanation) in interests.items():
            page.get_by_label(f"Gewicht voor {motive}", exact=True).select_option(weight)
            page.get_by_label(f"Toelichting bij {motive}", exact=True).fill(explanation)
        if partner == demo.zeist:
            page.locator("input[name=redline_0_text]").fill("Geen gedwongen ontslagen")
            page.locator("select[name=redline_0_motive]").select_option("kostenbesparing")
        submit(visit, "Concept opslaan")
        visit.assert_accessible()
        assert "Het bestuurlijk contact van uw organisatie bevestigt en deelt de verklaring." in page.content()

        # The bestuurlijk contact confirms, shares and decides.
        visit.login_as(executive)
        visit.goto(reverse("interests:declaration", args=[c, honesty_round.pk, partner.pk]))
        visit.assert_accessible()
        submit(visit, "Bevestigen en delen met alle partners")
        visit.assert_accessible()
        visit.goto(reverse("interests:decision", args=[c, honesty_round.pk, partner.pk]))
        visit.assert_accessible()
        page.locator(f"input[name=decision][value={decision}]").check()
        if decision == "voorwaarden":
            page.get_by_label("Redenen en voorwaarden").fill("Geen gedwongen ontslagen bij de uitvoeringsdienst.")
        submit(visit, "Besluit vastleggen")
        visit.assert_accessible()

    assert set(Declaration.objects.values_list("status", flat=True)) == {DeclarationStatus.SHARED}
    assert GoDecision.objects.count() == 3
    assert Pledge.objects.count() == 3

    # Everyone sees the analysis, the agenda and the matrix.
    visit.login_as(demo.raadslid)
    visit.goto(round_path)
    visit.assert_accessible()
    assert "go met voorwaarden" in page.content()
    with page.expect_navigation():
        page.get_by_role("link", name="Analyse: overeenkomsten, verschillen en spanningen").click()
    visit.assert_accessible()
    content = page.content()
    assert "Kostenbesparing ↔ kwaliteit van dienstverlening" in content
    assert "Kunnen we besparen zonder dat de dienstverlening aan inwoners achteruitgaat?" in content
    assert "De rode lijn van Zeist, “Geen gedwongen ontslagen”, begrenst kostenbesparing" in content
    page.get_by_role("link", name="Gespreksagenda").first.click()
    visit.assert_accessible()
    with page.expect_navigation():
        page.get_by_role("link", name="Afdrukversie").click()
    visit.assert_accessible()
    assert "Geen gedwongen ontslagen bij de uitvoeringsdienst." in page.content()
    visit.goto(reverse("interests:ambitions", args=[c]))
    visit.assert_accessible()
    assert "Urgentiekloof bij Eén omgevingsloket" in page.content()
    visit.goto(ambition_path)
    visit.assert_accessible()
    visit.goto(reverse("interests:declaration", args=[c, honesty_round.pk, demo.zeist.pk]))
    visit.assert_accessible()
    visit.goto(reverse("interests:pairs", args=[c, honesty_round.pk]))
    visit.assert_accessible()
    assert "Utrecht – Zeist" in page.content()
