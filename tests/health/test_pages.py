"""The health page and the portfolio: who sees what, charts with their table twin, sorting, filtering, query counts."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samen.collaborations.models import Collaboration, CollaborationKind, Partner, Role, RoleKind
from samen.reports import services
from tests.health import builders as b

pytestmark = pytest.mark.django_db


def health_url(demo) -> str:
    return reverse("health:health", args=[demo.collaboration.pk])


def activity(collaboration, partners, people, *, scale: int = 1) -> None:
    """Some of everything, ``scale`` times over."""
    for n in range(scale):
        ambition = b.ambition(collaboration, f"Ambitie {n}", hours=40)
        for partner in partners:
            b.pledge(ambition, partner, hours=10)
        goal = b.goal(collaboration, people[0], partners[0], f"Doel {n}")
        b.benefit(goal, partners[0], people[0])
        b.commitment(goal, partners[-1], people[0], due_on=datetime.date(2026, 1, 1))
        b.success(collaboration, people[0], partners, public=bool(n % 2))
        b.signal(collaboration, people[0], partners[0], subject=f"Signaal {n}")


def test_the_health_page_shows_five_indicators_with_definitions_charts_and_their_tables(demo, client_for):
    activity(demo.collaboration, demo.partners, [demo.facilitator])
    text = client_for(demo.utrecht_wethouder).get(health_url(demo)).content.decode()
    for label in (
        "Ambitie &amp; urgentie",
        "Ben eerlijk",
        "Toon eigenaarschap",
        "Erken en vier successen",
        "Deel ervaringen",
    ):
        assert label in text
    assert text.count("Zo wordt ‘") == 5
    assert "Goed vanaf 70, zorg onder 40" in text
    assert "Scheurtjes: vroege waarschuwingen" in text
    radars = re.findall(r'<svg role="img" aria-label="([^"]+)"', text)
    assert len(radars) == 4  # three partners and the trend
    assert radars[0].startswith("Vijf gebieden voor De Bilt (score 0–100): Ambitie 100; Eerlijk geen gegevens")
    assert "Score per partner en gebied (0–100), de cijfers bij de radargrafieken" in text
    assert "Score per gebied per kwartaal (0–100), de cijfers bij de trendgrafiek" in text
    assert 'style="' not in text
    assert "<script" not in text.split("</head>")[1]


def test_a_reader_sees_only_the_health_that_was_published_and_no_cracks(demo, client_for):
    activity(demo.collaboration, demo.partners, [demo.facilitator])
    reader = client_for(demo.raadslid)
    text = reader.get(health_url(demo)).content.decode()
    assert "nog geen gezondheid gepubliceerd" in text
    assert "Scheurtjes" not in text
    digest = services.create_digest(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
    )
    services.submit_digest(digest=digest, by=demo.facilitator)
    for partner, person in (
        (demo.utrecht, demo.utrecht_wethouder),
        (demo.zeist, demo.zeist_wethouder),
        (demo.de_bilt, demo.de_bilt_wethouder),
    ):
        services.approve_digest(digest=digest, partner=partner, by=person)
    b.ambition(demo.collaboration, "Na publicatie")  # later changes do not reach readers
    services.publish_digest(digest=digest, by=demo.facilitator)
    text = reader.get(health_url(demo)).content.decode()
    assert f"De gezondheid zoals gepubliceerd in {digest.title}" in text
    assert "Scheurtjes" not in text
    assert "Vijf gebieden voor Utrecht" in text


def test_outsiders_do_not_find_the_health_page_and_visitors_must_sign_in(demo, client, client_for):
    assert client_for(demo.amersfoort_beleidsmedewerker).get(health_url(demo)).status_code == 404
    response = client.get(health_url(demo))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_health_page_costs_the_same_queries_with_ten_times_the_data(demo, client_for):
    from django.core.cache import cache

    client = client_for(demo.facilitator)
    activity(demo.collaboration, demo.partners, [demo.facilitator])
    client.get(health_url(demo))
    cache.clear()
    with CaptureQueriesContext(connection) as small:
        client.get(health_url(demo))
        small_count = len(small)
    activity(demo.collaboration, demo.partners, [demo.facilitator], scale=10)
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        assert client.get(health_url(demo)).status_code == 200
        large_count = len(large)
    assert small_count == large_count


def test_the_health_page_shows_a_change_at_once_and_is_not_computed_again_without_one(demo, client_for):
    from samen.audit.services import record

    client = client_for(demo.facilitator)
    ambition = b.ambition(demo.collaboration)
    b.pledge(ambition, demo.utrecht, hours=10)
    assert "Nog geen inzet van De Bilt en Zeist." in client.get(health_url(demo)).content.decode()
    with CaptureQueriesContext(connection) as warm:
        client.get(health_url(demo))
        warm_count = len(warm)
    assert warm_count < 20
    b.pledge(ambition, demo.zeist, hours=10)
    record(demo.zeist_beleidsmedewerker, "interests.pledged", ambition, collaboration=demo.collaboration)
    assert "Nog geen inzet van De Bilt." in client.get(health_url(demo)).content.decode()


# --- portfolio --------------------------------------------------------------------------------


def more_collaborations(demo, count: int) -> list[Collaboration]:
    made = []
    for n in range(count):
        collaboration = Collaboration.objects.create(
            name=f"Samenwerking {n:02d}", kind=CollaborationKind.COVENANT, workspace_active=True
        )
        partners = [
            Partner.objects.create(collaboration=collaboration, organisation=p.organisation) for p in demo.partners
        ]
        Role.objects.create(person=demo.facilitator, collaboration=collaboration, kind=RoleKind.FACILITATOR)
        Role.objects.create(
            person=demo.utrecht_wethouder, collaboration=collaboration, partner=partners[0], kind=RoleKind.EXECUTIVE
        )
        activity(collaboration, partners, [demo.facilitator])
        made.append(collaboration)
    return made


def test_a_facilitator_sees_every_collaboration_of_theirs_as_a_heatmap(demo, client_for):
    more_collaborations(demo, 3)
    text = client_for(demo.facilitator).get(reverse("health:portfolio")).content.decode()
    assert "4 van 4 samenwerkingen getoond." in text
    assert "Convenant Eemland" not in text
    assert text.count('<th class="utrecht-table__header-cell" scope="row">') == 4
    assert 'aria-sort="ascending"' in text


def test_the_portfolio_sorts_and_filters_by_query_parameters_without_javascript(demo, client_for):
    more_collaborations(demo, 3)
    client = client_for(demo.facilitator)
    by_name = client.get(reverse("health:portfolio") + "?sorteer=naam&richting=af").content.decode()
    names = re.findall(r'scope="row"><a [^>]+>([^<]+)</a>', by_name)
    assert names == sorted(names, reverse=True)
    assert 'aria-sort="descending"' in by_name
    filtered = client.get(reverse("health:portfolio") + "?q=02").content.decode()
    assert re.findall(r'scope="row"><a [^>]+>([^<]+)</a>', filtered) == ["Samenwerking 02"]
    worried = client.get(reverse("health:portfolio") + "?status=zorg&gebied=eerlijk").content.decode()
    assert "0 van 4 samenwerkingen getoond." in worried
    unknown = client.get(reverse("health:portfolio") + "?sorteer=%3Cscript%3E&status=rood")
    assert unknown.status_code == 200


def test_a_municipality_sees_every_collaboration_it_is_a_partner_in_from_the_register(demo, client_for):
    register_only = Collaboration.objects.create(
        name="GR Afval Utrecht (register)", kind=CollaborationKind.GR, roo_id="R-afval"
    )
    Partner.objects.create(collaboration=register_only, organisation=demo.utrecht.organisation)
    private = Collaboration.objects.create(name="Convenant zonder rol", kind=CollaborationKind.COVENANT)
    Partner.objects.create(collaboration=private, organisation=demo.utrecht.organisation)
    url = reverse("health:organisation_portfolio", args=[demo.utrecht.organisation_id])
    text = client_for(demo.utrecht_beleidsmedewerker).get(url).content.decode()
    assert "Portfolio van Utrecht" in text
    assert "GR Afval Utrecht (register)" in text
    assert "Convenant zonder rol" not in text  # not in the register, and no role in it
    assert "niet gestart in Samen" in text
    assert "actueel" in text
    assert client_for(demo.zeist_beleidsmedewerker).get(url).status_code == 404


def test_a_councillor_sees_the_portfolio_of_their_municipality_limited_to_what_was_published(demo, client_for):
    activity(demo.collaboration, demo.partners, [demo.facilitator])
    url = reverse("health:organisation_portfolio", args=[demo.utrecht.organisation_id])
    text = client_for(demo.raadslid).get(url).content.decode()
    assert "nog niets gepubliceerd" in text
    assert "samen-status--" not in text.split("<tbody")[1]


def test_the_portfolio_costs_the_same_queries_for_ten_times_the_collaborations(demo, client_for):
    from django.core.cache import cache

    from samen.health.models import HealthSnapshot

    client = client_for(demo.facilitator)
    more_collaborations(demo, 1)
    client.get(reverse("health:portfolio"))
    cache.clear()  # the heatmap is a cached fragment: these count the queries that make it
    with CaptureQueriesContext(connection) as small_stored:
        client.get(reverse("health:portfolio"))
    HealthSnapshot.objects.all().delete()
    cache.clear()
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("health:portfolio"))
    more_collaborations(demo, 9)
    HealthSnapshot.objects.all().delete()
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse("health:portfolio")).status_code == 200
    assert len(small) == len(large)
    cache.clear()
    with CaptureQueriesContext(connection) as large_stored:
        client.get(reverse("health:portfolio"))
    assert len(small_stored) == len(large_stored) < len(large)  # nothing changed: every row is read as stored


def test_a_change_in_one_collaboration_shows_in_the_portfolio_at_once(demo, client_for):
    from samen.audit.services import record

    client = client_for(demo.facilitator)
    url = reverse("health:portfolio") + "?gebied=ambitie&status=zorg"
    ambition = b.ambition(demo.collaboration)
    b.pledge(ambition, demo.utrecht, hours=10)
    assert "1 van 1 samenwerking getoond." in client.get(url).content.decode()
    for partner in (demo.zeist, demo.de_bilt):
        b.pledge(ambition, partner, hours=10)
    record(demo.zeist_beleidsmedewerker, "interests.pledged", ambition, collaboration=demo.collaboration)
    assert "0 van 1 samenwerkingen getoond." in client.get(url).content.decode()


def test_the_trend_of_the_portfolio_compares_with_a_quarter_ago(demo, client_for):
    with time_machine.travel(b.at(datetime.date(2026, 1, 5)), tick=False):
        ambition = b.ambition(demo.collaboration)
        b.pledge(ambition, demo.utrecht, hours=10)
    with time_machine.travel(b.at(datetime.date(2026, 4, 20)), tick=False):
        b.pledge(ambition, demo.zeist, hours=10)
        b.pledge(ambition, demo.de_bilt, hours=10)
        text = client_for(demo.facilitator).get(reverse("health:portfolio")).content.decode()
    assert "beter dan een kwartaal geleden" in text
