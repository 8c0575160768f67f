"""The start pages: "Mijn samenwerkingen" and the collaboration overview start from what needs the person now."""

import pytest
from django.urls import reverse

from samen.collaborations.models import Collaboration, CollaborationKind, Partner, Role, RoleKind
from samen.permissions import forget_roles
from tests.todo.conftest import (
    adopted_goal,
    consent_round,
    goal_with_benefits,
    honesty_round,
    open_checkin,
    public_success,
    published_digest,
    signal_from_utrecht_to_zeist,
)

pytestmark = pytest.mark.django_db


def test_mijn_samenwerkingen_lists_what_to_do_across_collaborations_linking_to_the_forms(everything, client_for):
    demo = everything
    response = client_for(demo.zeist_wethouder).get(reverse("collaborations:mine"))
    assert response.status_code == 200
    page = response.text
    assert ">Te doen</h2>" in page
    assert "Besluit namens Zeist over het doel" in page
    assert "Reageer op het signaal" in page
    assert reverse("experiences:checkin", args=[demo.collaboration.pk, demo.collaboration.checkins.get().pk]) in page
    assert demo.collaboration.name in page


def test_with_nothing_to_do_the_start_page_says_so_plainly(demo, client_for):
    page = client_for(demo.amersfoort_beleidsmedewerker).get(reverse("collaborations:mine")).text
    assert ">Te doen</h2>" in page
    assert "U hoeft nu niets te doen in uw samenwerkingen." in page
    overview = client_for(demo.zeist_beleidsmedewerker).get(
        reverse("collaborations:detail", args=[demo.collaboration.pk])
    )
    assert "U hoeft nu niets te doen in deze samenwerking." in overview.text


def test_the_overview_is_a_dashboard_of_to_do_deadlines_health_and_activity(demo, client_for):
    round_ = consent_round(demo)
    response = client_for(demo.utrecht_wethouder).get(reverse("collaborations:detail", args=[demo.collaboration.pk]))
    page = response.text
    assert ">Te doen</h2>" in page
    assert reverse("goals:decision", args=[demo.collaboration.pk, round_.goal_id, round_.pk]) in page
    assert "Komende termijnen" in page
    assert reverse("notifications:calendar_link") in page
    assert "Gezondheid in één oogopslag" in page
    assert "Laatste activiteit" in page
    assert "legde een doel voor ter instemming" in page


def test_the_latest_activity_shows_nothing_of_drafts_or_checkin_answers(demo, client_for):
    goal_with_benefits(demo, "Geheim concept over de kosten")
    checkin = open_checkin(demo)
    from tests.todo.conftest import answer

    answer(checkin, demo.utrecht_beleidsmedewerker, demo.utrecht)
    signal_from_utrecht_to_zeist(demo, subject="Alleen voor Zeist bedoeld")
    page = (
        client_for(demo.de_bilt_beleidsmedewerker)
        .get(reverse("collaborations:detail", args=[demo.collaboration.pk]))
        .text
    )
    activity = page.split("Laatste activiteit", 1)[1]
    assert "Geheim concept" not in activity
    assert "Alleen voor Zeist" not in activity
    assert "Umar Utrecht" not in activity  # who answered the check-in is never told
    assert "plande een check-in" in activity


def test_a_reader_sees_what_was_published_instead_of_a_to_do_list(demo, client_for):
    adopted_goal(demo, "Eén loket voor ondernemers")
    public_success(demo)
    published_digest(demo)
    client = client_for(demo.raadslid)
    for url in (reverse("collaborations:mine"), reverse("collaborations:detail", args=[demo.collaboration.pk])):
        page = client.get(url).text
        assert "Nieuw voor u gepubliceerd" in page
        assert "Raadsbrief eerste kwartaal" in page
        assert "Eén loket voor ondernemers" in page
        assert "Eerste vergunning binnen twee weken" in page
        assert "Laatste activiteit" not in page


def _another_busy_collaboration(demo, number):
    other = Collaboration.objects.create(
        name=f"Samenwerking {number}", kind=CollaborationKind.COVENANT, workspace_active=True
    )
    partner = Partner.objects.create(collaboration=other, organisation=demo.zeist.organisation)
    Role.objects.create(person=demo.zeist_wethouder, collaboration=other, partner=partner, kind=RoleKind.EXECUTIVE)
    Role.objects.create(person=demo.facilitator, collaboration=other, kind=RoleKind.FACILITATOR)
    forget_roles(demo.facilitator)
    return other


def test_the_start_page_costs_the_same_queries_however_much_there_is_to_do(demo, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from samen.interests.services import open_round
    from tests.todo.conftest import in_days

    honesty_round(demo)
    consent_round(demo)
    client = client_for(demo.zeist_wethouder)
    client.get(reverse("collaborations:mine"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("collaborations:mine"))
    for number in range(6):
        other = _another_busy_collaboration(demo, number)
        open_round(collaboration=other, by=demo.facilitator, title=f"Ronde {number}", deadline=in_days(20))
        signal_from_utrecht_to_zeist(demo, subject=f"Signaal {number}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("collaborations:mine"))
    assert response.text.count("Signaal ") >= 6
    assert len(many) == len(few)


def test_the_overview_costs_the_same_queries_however_much_there_is_to_do(demo, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    consent_round(demo)
    client = client_for(demo.zeist_wethouder)
    url = reverse("collaborations:detail", args=[demo.collaboration.pk])
    client.get(url)
    # The first read after a change computes and stores the health once; the measured reads use it.
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(6):
        signal_from_utrecht_to_zeist(demo, subject=f"Signaal {number}")
        consent_round(demo, goal_with_benefits(demo, f"Doel {number}"))
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    todo = response.text.split('id="te-doen"', 1)[1].split('id="termijnen"', 1)[0]
    assert todo.count("Reageer op het signaal") == 6
    assert len(many) == len(few)


@pytest.mark.parametrize(
    "persona",
    ["facilitator", "utrecht_beleidsmedewerker", "utrecht_wethouder", "zeist_beleidsmedewerker", "zeist_wethouder"],
)
def test_every_to_do_links_to_a_form_the_persona_can_open(everything, client_for, persona):
    from samen.todo.compose import todo_for

    someone = everything.everyone[persona]
    entries = todo_for(someone)
    assert entries
    client = client_for(someone)
    for entry in entries:
        response = client.get(entry.url)
        assert response.status_code == 200, (entry.kind, entry.url, response.status_code)
        main = response.text.split("<main", 1)[1]  # the header has forms of its own (language, sign out)
        assert "<form" in main, (entry.kind, entry.url)
