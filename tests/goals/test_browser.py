"""The whole path in a real browser: a draft written together, a benefit per partner, ambtelijk advice,
bestuurlijk consent by three partners, adoption. Every page passes axe (WCAG 2.1 AA)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from samen.goals.models import Goal


def submit(visit, label):
    with visit.page.expect_navigation():
        visit.page.get_by_role("button", name=label, exact=True).click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_from_draft_to_adoption_by_three_partners(demo, visit):
    page = visit.page
    overview = reverse("goals:overview", args=[demo.collaboration.pk])

    # Utrecht drafts the goal.
    visit.login_as(demo.utrecht_beleidsmedewerker)
    visit.goto(overview)
    visit.assert_accessible()
    with page.expect_navigation():
        page.get_by_role("link", name="Nieuw doel opstellen").click()
    visit.assert_accessible()
    page.get_by_label("Titel").fill("Sneller vergunnen")
    page.get_by_label("Tekst van het doel").fill("Binnen vier weken een besluit op elke omgevingsvergunning.")
    submit(visit, "Concept opslaan")
    goal = Goal.objects.get(collaboration=demo.collaboration)
    goal_path = reverse("goals:goal", args=[demo.collaboration.pk, goal.pk])
    assert page.url.endswith(goal_path)
    visit.assert_accessible()

    # Each partner's ambtelijk contact says what the goal yields for them; Zeist also sharpens the wording.
    for person, gain in (
        (demo.utrecht_beleidsmedewerker, "Minder bezwaarzaken"),
        (demo.zeist_beleidsmedewerker, "Ondernemers sneller aan de slag"),
        (demo.de_bilt_beleidsmedewerker, "Voorspelbare doorlooptijden"),
    ):
        visit.login_as(person)
        visit.goto(goal_path)
        with page.expect_navigation():
            page.get_by_role("link", name="Beschrijven").click()
        visit.assert_accessible()
        page.get_by_label("Wat levert dit doel uw organisatie op?").fill(gain)
        submit(visit, "Opslaan")
        visit.assert_accessible()
    visit.login_as(demo.zeist_beleidsmedewerker)
    visit.goto(reverse("goals:draft", args=[demo.collaboration.pk, goal.pk]))
    visit.assert_accessible()
    page.get_by_label("Tekst van het doel").fill(
        "Binnen vier weken een besluit op elke omgevingsvergunning, ook voor ondernemers."
    )
    submit(visit, "Concept opslaan")

    # The facilitator's colleague at Utrecht opens the consent round.
    visit.login_as(demo.utrecht_beleidsmedewerker)
    visit.goto(goal_path)
    with page.expect_navigation():
        page.get_by_role("link", name="Instemmingsronde openen").click()
    visit.assert_accessible()
    submit(visit, "Instemmingsronde openen")
    visit.assert_accessible()

    # Per partner: ambtelijk advice, then the bestuurlijk decision.
    for official, executive in (
        (demo.utrecht_beleidsmedewerker, demo.utrecht_wethouder),
        (demo.zeist_beleidsmedewerker, demo.zeist_wethouder),
        (demo.de_bilt_beleidsmedewerker, demo.de_bilt_wethouder),
    ):
        visit.login_as(official)
        visit.goto(goal_path)
        with page.expect_navigation():
            page.get_by_role("link", name="Ambtelijk advies geven").click()
        visit.assert_accessible()
        page.get_by_label("steun", exact=True).check()
        submit(visit, "Advies geven")
        visit.assert_accessible()
        visit.login_as(executive)
        visit.goto(goal_path)
        with page.expect_navigation():
            page.get_by_role("link", name="Besluiten namens uw organisatie").click()
        visit.assert_accessible()
        page.get_by_label("instemming", exact=True).check()
        submit(visit, "Besluit vastleggen")
        visit.assert_accessible()

    expect(page.get_by_text("Het besluit van De Bilt is vastgelegd.")).to_be_visible()
    expect(page.get_by_text("Geldende tekst (versie 1)")).to_be_visible()
    goal.refresh_from_db()
    assert goal.is_adopted
    visit.goto(overview)
    visit.assert_accessible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_results_commitments_and_holding_each_other_to_account(demo, visit):
    import datetime

    from django.utils import timezone

    from samen.goals import services
    from samen.goals.models import DecisionKind
    from tests.goals.conftest import describe_benefits, draft_goal, open_round

    goal = draft_goal(demo)
    describe_benefits(goal, demo)
    consent_round = open_round(goal, demo)
    for partner, person in (
        (demo.utrecht, demo.utrecht_wethouder),
        (demo.zeist, demo.zeist_wethouder),
        (demo.de_bilt, demo.de_bilt_wethouder),
    ):
        services.record_decision(consent_round=consent_round, partner=partner, by=person, kind=DecisionKind.CONSENT)
    page = visit.page
    goal_path = reverse("goals:goal", args=[demo.collaboration.pk, goal.pk])
    today = timezone.localdate()

    # Zeist adds a result it owns, reports progress twice, and commits to an action.
    visit.login_as(demo.zeist_beleidsmedewerker)
    visit.goto(reverse("goals:result_new", args=[demo.collaboration.pk, goal.pk]))
    visit.assert_accessible()
    page.get_by_label("Indicator").fill("Vergunningen binnen vier weken")
    page.get_by_label("Eenheid").fill("procent")
    page.get_by_label("Nulmeting", exact=True).fill("40")
    page.get_by_label("Datum nulmeting").fill((today - datetime.timedelta(days=90)).isoformat())
    page.get_by_label("Streefwaarde").fill("80")
    page.get_by_label("Te bereiken op").fill((today + datetime.timedelta(days=270)).isoformat())
    page.get_by_label("Eigenaar (partner)").select_option(label="Zeist")
    page.get_by_label("Eigenaar (persoon)").select_option(label="Zoë Zeist")
    submit(visit, "Resultaat toevoegen")
    visit.assert_accessible()
    with page.expect_navigation():
        page.get_by_role("link", name="Vergunningen binnen vier weken", exact=True).click()
    for days_ago, value in ((30, "45"), (0, "52,5")):
        page.get_by_label("Gemeten waarde").fill(value)
        page.get_by_label("Peildatum").fill((today - datetime.timedelta(days=days_ago)).isoformat())
        submit(visit, "Meting vastleggen")
    assert page.get_by_role("img").count() == 1  # the chart, with the table as its twin
    visit.assert_accessible()
    visit.goto(reverse("goals:commitment_new", args=[demo.collaboration.pk, goal.pk]))
    visit.assert_accessible()
    page.get_by_label("Wat doet uw organisatie?").fill("Werkinstructie vergunningen delen")
    page.get_by_label("Uiterlijk op").fill(today.isoformat())
    submit(visit, "Afspraak vastleggen")
    visit.assert_accessible()

    # Utrecht asks Zeist about the commitment; Zeist replies; Utrecht records the outcome.
    visit.login_as(demo.utrecht_beleidsmedewerker)
    visit.goto(goal_path)
    with page.expect_navigation():
        page.get_by_role("link", name="Aanspreken – Werkinstructie vergunningen delen").click()
    visit.assert_accessible()
    page.get_by_label("Uw vraag").fill("Wij zien de werkinstructie nog niet. Lukt het deze maand?")
    submit(visit, "Vraag stellen")
    visit.assert_accessible()
    request_path = page.url.split(visit.live_server.url, 1)[1]
    visit.login_as(demo.zeist_beleidsmedewerker)
    visit.goto(request_path)
    page.get_by_label("Uw reactie").fill("Ja, volgende week.")
    submit(visit, "Reactie plaatsen")
    visit.assert_accessible()
    visit.login_as(demo.utrecht_beleidsmedewerker)
    visit.goto(request_path)
    page.get_by_label("de afspraak wordt nagekomen").check()
    submit(visit, "Uitkomst vastleggen")
    visit.assert_accessible()

    # A change proposal on the adopted goal; a second editor meets a conflict and sees both texts.
    visit.goto(reverse("goals:amend", args=[demo.collaboration.pk, goal.pk]))
    visit.assert_accessible()
    page.get_by_label("Tekst van het doel").fill("Binnen drie weken een besluit op elke omgevingsvergunning.")
    page.get_by_label("Reden van het wijzigingsvoorstel").fill("Het lukt sneller dan gedacht")
    submit(visit, "Nieuwe versie opslaan")
    visit.assert_accessible()
    draft_path = reverse("goals:draft", args=[demo.collaboration.pk, goal.pk])
    visit.goto(draft_path)
    services.save_draft(
        version=goal.versions.get(number=2),
        by=demo.zeist_beleidsmedewerker,
        expected_version=None,
        title="Sneller vergunnen",
        text="Tekst van Zeist, intussen.",
    )
    page.get_by_label("Tekst van het doel").fill("Tekst van Utrecht.")
    submit(visit, "Concept opslaan")
    expect(page.get_by_text("Tekst van Zeist, intussen.")).to_be_visible()
    visit.assert_accessible()
