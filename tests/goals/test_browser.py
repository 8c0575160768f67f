"""The whole path in a real browser: a draft written together, a benefit per partner, ambtelijk advice,
bestuurlijk consent by three partners, adoption. Every page passes axe (WCAG 2.1 AA)."""

import pytest
from django.urls import reverse

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

    assert page.get_by_text("Het besluit van De Bilt is vastgelegd.").is_visible()
    assert page.get_by_text("Geldende tekst (versie 1)").is_visible()
    goal.refresh_from_db()
    assert goal.is_adopted
    visit.goto(overview)
    visit.assert_accessible()
