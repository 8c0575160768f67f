"""The goals pages: who sees what, and query counts that do not grow with the data."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samen.core.templatetags.samen import nl_date
from samen.goals import services
from samen.goals.models import DecisionKind
from tests.goals.conftest import describe_benefits, draft_goal, open_round

pytestmark = pytest.mark.django_db


def overview_url(demo):
    return reverse("goals:overview", args=[demo.collaboration.pk])


def goal_url(goal):
    return reverse("goals:goal", args=[goal.collaboration_id, goal.pk])


def test_partner_sees_goals_overview_and_goal_page(goal, consent_round, demo, client_for):
    client = client_for(demo.zeist_beleidsmedewerker)
    response = client.get(overview_url(demo))
    assert response.status_code == 200
    assert "Sneller vergunnen" in response.text
    assert f"0 van 3 ingestemd, besluit vóór {nl_date(consent_round.deadline)}" in response.text
    response = client.get(goal_url(goal))
    assert response.status_code == 200
    assert "Minder bezwaarzaken in Zeist" in response.text
    assert "Ambtelijk advies geven" in response.text


def test_outsider_gets_404(goal, demo, client_for):
    client = client_for(demo.amersfoort_beleidsmedewerker)
    assert client.get(overview_url(demo)).status_code == 404
    assert client.get(goal_url(goal)).status_code == 404


def test_reader_sees_no_drafts(goal, demo, client_for):
    client = client_for(demo.raadslid)
    assert "Sneller vergunnen" not in client.get(overview_url(demo)).text
    assert client.get(goal_url(goal)).status_code == 404


def test_reader_sees_adopted_goal(goal, consent_round, demo, client_for):
    for partner, person in (
        (demo.utrecht, demo.utrecht_wethouder),
        (demo.zeist, demo.zeist_wethouder),
        (demo.de_bilt, demo.de_bilt_wethouder),
    ):
        services.record_decision(consent_round=consent_round, partner=partner, by=person, kind=DecisionKind.CONSENT)
    response = client_for(demo.raadslid).get(goal_url(goal))
    assert response.status_code == 200
    assert "Geldende tekst" in response.text
    assert "Ambtelijk advies" not in response.text


def build(demo, size, per_goal=1):
    """``size`` goals, each with a round, decisions, advice, results with progress, commitments and questions."""
    today = timezone.localdate()
    goals = []
    for n in range(size):
        goal = draft_goal(demo, title=f"Doel {n}", text=f"Tekst van doel {n} met genoeg woorden om te tellen.")
        describe_benefits(goal, demo)
        services.save_draft(
            version=goal.latest_version,
            by=demo.zeist_beleidsmedewerker,
            expected_version=None,
            title=f"Doel {n}",
            text=f"Tekst van doel {n}, herschreven door Zeist.",
        )
        consent_round = open_round(goal, demo)
        services.record_advice(
            consent_round=consent_round,
            partner=demo.zeist,
            by=demo.zeist_beleidsmedewerker,
            kind="zorgen",
            text="Let op de kosten",
        )
        services.record_decision(
            consent_round=consent_round,
            partner=demo.zeist,
            by=demo.zeist_wethouder,
            kind=DecisionKind.CONDITIONAL,
            text="Evaluatie na een jaar",
        )
        for r in range(per_goal):
            result = services.add_result(
                goal=goal,
                by=demo.utrecht_beleidsmedewerker,
                indicator=f"Indicator {r}",
                unit="procent",
                baseline="40",
                target="80",
                due_on=today + datetime.timedelta(days=300),
                owner_partner=demo.zeist,
                owner_person=demo.zeist_beleidsmedewerker,
                baseline_on=today - datetime.timedelta(days=60),
            )
            for d in range(3):
                services.record_progress(
                    result=result,
                    by=demo.zeist_beleidsmedewerker,
                    value=Decimal(42 + d + r),
                    measured_on=today - datetime.timedelta(days=d),
                    note="",
                )
            commitment = services.add_commitment(
                goal=goal,
                by=demo.zeist_beleidsmedewerker,
                partner=demo.zeist,
                what=f"Actie {r}",
                who=demo.zeist_beleidsmedewerker,
                due_on=today,
            )
            services.raise_accountability_request(
                collaboration=demo.collaboration,
                by=demo.utrecht_beleidsmedewerker,
                commitment=commitment,
                question="Hoe staat het?",
            )
        goals.append(goal)
    return goals


def count_queries(client, url):
    client.get(url)  # warm: session, roles
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_data(demo, client_for):
    client = client_for(demo.utrecht_beleidsmedewerker)
    small = build(demo, 1)
    overview_small = count_queries(client, overview_url(demo))
    goal_small = count_queries(client, goal_url(small[0]))
    large = build(demo, 9, per_goal=10)  # ten times the goals, and ten times the results, commitments and questions
    assert count_queries(client, overview_url(demo)) == overview_small
    assert count_queries(client, goal_url(large[-1])) == goal_small


def test_the_bestuurlijk_contact_sees_the_ambtelijk_advice_before_deciding(consent_round, demo, client_for):
    services.record_advice(
        consent_round=consent_round,
        partner=demo.zeist,
        by=demo.zeist_beleidsmedewerker,
        kind="zorgen",
        text="Let op de kosten van de extra controles",
    )
    goal = consent_round.goal
    url = reverse("goals:decision", args=[goal.collaboration_id, goal.pk, consent_round.pk])
    response = client_for(demo.zeist_wethouder).get(url)
    assert "Let op de kosten van de extra controles" in response.text
