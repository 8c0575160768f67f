"""The timeline: successes per quarter, for the collaboration and per partner, as a chart and a table."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samen.successes.models import Success
from samen.successes.timeline import quarter_of, quarter_series
from tests.successes.builders import record

pytestmark = pytest.mark.django_db


def test_quarters_run_from_the_first_success_to_now_with_empty_quarters():
    series = quarter_series({datetime.date(2025, 4, 1): 2, datetime.date(2026, 1, 1): 1}, datetime.date(2026, 5, 3))
    assert [(item.label, item.count) for item in series] == [
        ("K2 2025", 2),
        ("K3 2025", 0),
        ("K4 2025", 0),
        ("K1 2026", 1),
        ("K2 2026", 0),
    ]
    assert quarter_of(datetime.date(2026, 12, 31)) == datetime.date(2026, 10, 1)


@time_machine.travel(datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC))
def test_the_timeline_counts_per_quarter_and_per_partner(demo, client_for):
    record(demo, title="A", date=datetime.date(2026, 1, 10), partners=[demo.utrecht])
    record(demo, title="B", date=datetime.date(2026, 2, 10), partners=[demo.utrecht, demo.zeist])
    record(demo, title="C", date=datetime.date(2026, 5, 1), partners=[demo.zeist])
    url = reverse("successes:timeline", args=[demo.collaboration.pk])
    client = client_for(demo.de_bilt_beleidsmedewerker)

    response = client.get(url)
    assert response.status_code == 200
    assert response.context["chart"].aria_label.startswith(
        "Regionale Uitvoeringsdienst Utrecht-Oost (test): 3 successen"
    )
    assert [(item.label, item.count) for item in response.context["series"]] == [("K1 2026", 2), ("K2 2026", 1)]
    assert {name: n for _pk, name, n in response.context["partner_rows"]} == {
        "De Bilt": 0,
        "Utrecht": 2,
        "Zeist": 2,
    }
    assert 'role="img"' in response.text
    assert "1e kwartaal 2026" in response.text

    per_partner = client.get(url, {"partner": str(demo.utrecht.pk)})
    assert [(item.label, item.count) for item in per_partner.context["series"]] == [("K1 2026", 2), ("K2 2026", 0)]


def test_readers_count_only_public_successes(demo, client_for):
    record(demo, title="Intern")
    record(demo, title="Openbaar", by=demo.utrecht_wethouder, is_public=True)
    response = client_for(demo.raadslid).get(reverse("successes:timeline", args=[demo.collaboration.pk]))
    assert sum(item.count for item in response.context["series"]) == 1
    assert "Intern" not in response.text


def many(demo, count):
    base = datetime.date(2024, 1, 1)
    for index in range(count):
        success = Success.objects.create(
            collaboration=demo.collaboration,
            title=f"Succes {index}",
            story="…",
            recorded_by=demo.facilitator,
            date=base + datetime.timedelta(days=index * 7),
            is_public=index % 2 == 0,
        )
        success.partners.set([demo.utrecht, demo.zeist][: 1 + index % 2])
        success.people.set([demo.zeist_beleidsmedewerker])


@pytest.mark.parametrize("name", ["timeline", "overview", "brief", "spotlights"])
def test_query_counts_do_not_grow_with_the_data(demo, client_for, name):
    url = reverse(f"successes:{name}", args=[demo.collaboration.pk]) + ("?van=2024-01-01" if name == "brief" else "")
    client = client_for(demo.utrecht_beleidsmedewerker)
    many(demo, 5)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    many(demo, 50)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]
