"""The trend chart's past as stored facts: a quarter's scores are stored once and equal computing them again."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samen.health import store, thresholds
from samen.health.areas import build_scope
from samen.health.indicators import health_for
from samen.health.models import HealthQuarter
from samen.health.pages import build_page, live_health, live_quarters
from tests.health import builders as b
from tests.health.test_equivalence import READ_ON, weeks, year_of_everything

pytestmark = pytest.mark.django_db


def _computed_at(collaboration_id, moment: datetime.datetime) -> dict[str, int | None]:
    """Today's computation of the health view (partners, facts and all) with ``moment`` as its now."""
    health = health_for(build_scope([collaboration_id], now=moment, points=thresholds.TREND_POINTS + 1))
    return {i.area: i.score for i in health[collaboration_id].indicators}


def test_quarter_ends_are_the_starts_of_the_last_four_calendar_quarters():
    now = datetime.datetime(2026, 5, 14, 10, 0, tzinfo=timezone.get_current_timezone())
    assert [timezone.localdate(end) for end in store.quarter_ends(now)] == [
        datetime.date(2026, 4, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2025, 10, 1),
        datetime.date(2025, 7, 1),
    ]


def test_stored_quarters_equal_computing_them_again_on_a_year_of_everything(demo):
    year_of_everything(demo)
    ids = [demo.collaboration.pk, demo.other_collaboration.pk]
    for n in READ_ON:
        with time_machine.travel(b.at(weeks(n), hour=10), tick=False):
            now = timezone.now()
            computed = store.stored_quarters(ids, now)
            with CaptureQueriesContext(connection) as reading:
                stored = store.stored_quarters(ids, now)
            assert len(reading) == 1, "one query when every quarter is stored"
            assert stored == computed
            for cid in ids:
                for end, scores in stored[cid]:
                    assert scores == _computed_at(cid, end), (n, end)
    assert HealthQuarter.objects.filter(collaboration=demo.collaboration).count() >= 4
    assert any(score is not None for row in HealthQuarter.objects.all() for score in row.scores.values())


def test_a_stored_quarter_is_not_computed_again_when_the_past_is_read_later(demo):
    year_of_everything(demo)
    with time_machine.travel(b.at(weeks(27), hour=10), tick=False):
        store.refresh()  # the worker's hourly run writes the quarters of every active collaboration
        rows = {row.ended_at: row.computed_at for row in HealthQuarter.objects.filter(collaboration=demo.collaboration)}
    with time_machine.travel(b.at(weeks(29), hour=10), tick=False):
        store.stored_quarters([demo.collaboration.pk], timezone.now())
    again = {row.ended_at: row.computed_at for row in HealthQuarter.objects.filter(collaboration=demo.collaboration)}
    assert len(rows) == 4
    assert again == rows


def test_the_trend_chart_shows_the_stored_quarters_and_today(demo):
    year_of_everything(demo)
    with time_machine.travel(b.at(weeks(40), hour=10), tick=False):
        health = live_health(demo.collaboration.pk)
        quarters = live_quarters(demo.collaboration.pk)
        page = build_page(health, with_cracks=True, quarters=quarters)
    assert page.trend_labels[-1] == "nu"
    assert (
        page.trend_labels[:-1]
        == ["31 december 2025", "31 maart 2026", "30 juni 2026", "30 september 2026"][-len(quarters) :]
    )
    oldest_first = list(reversed(quarters))
    for column, indicator in enumerate(health.indicators):
        assert [values[column] for _label, values in page.trend_rows] == [
            *(scores[indicator.area] for _end, scores in oldest_first),
            indicator.score,
        ]
