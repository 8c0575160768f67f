"""Health as stored facts: the stored rows say exactly what computing the health again says, until a change."""

import datetime
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from samen.audit.services import record
from samen.health import thresholds
from samen.health.areas import build_scope
from samen.health.indicators import health_for
from samen.health.models import HealthSnapshot, SnapshotKind
from samen.health.store import decode, encode, stored_cells, stored_health
from tests.health import builders as b
from tests.health.test_equivalence import READ_ON, weeks, year_of_everything

pytestmark = pytest.mark.django_db


def test_stored_cells_and_health_equal_a_fresh_computation_at_every_moment_of_a_year(demo):
    year_of_everything(demo)
    ids = [demo.collaboration.pk, demo.other_collaboration.pk]
    for n in READ_ON:
        with time_machine.travel(b.at(weeks(n), hour=10), tick=False):
            now = timezone.now()
            fresh = health_for(build_scope(ids, now=now, points=2, detail=False))
            full = health_for(build_scope(ids[:1], now=now, points=thresholds.TREND_POINTS + 1))[ids[0]]
            computed, view = stored_cells(ids, now), stored_health(ids[0], now)  # computed and stored
            with CaptureQueriesContext(connection) as reading:
                stored, stored_view = stored_cells(ids, now), stored_health(ids[0], now)
        assert len(reading) == 2 + 2  # stamps and rows, for the portfolio and for the view
        for cid in ids:
            assert stored[cid] == computed[cid] == fresh[cid].indicators
        assert stored_view == view == full


def test_an_audit_event_makes_the_next_read_compute_the_health_again(demo):
    ambition = b.ambition(demo.collaboration)
    b.pledge(ambition, demo.utrecht, hours=10)
    before = stored_cells([demo.collaboration.pk], timezone.now())[demo.collaboration.pk][0]
    for partner in (demo.zeist, demo.de_bilt):
        b.pledge(ambition, partner, hours=10)
    unchanged = stored_cells([demo.collaboration.pk], timezone.now())[demo.collaboration.pk][0]
    record(demo.zeist_beleidsmedewerker, "interests.pledged", ambition, collaboration=demo.collaboration)
    after = stored_cells([demo.collaboration.pk], timezone.now())[demo.collaboration.pk][0]
    assert unchanged == before  # written without an audit event (as only this test does): read as stored
    assert (before.status, after.status) == ("zorg", "goed")


def test_a_stored_health_is_computed_again_when_the_hour_turns(demo):
    ambition = b.ambition(demo.collaboration)
    b.pledge(ambition, demo.utrecht, hours=10)
    with time_machine.travel(b.at(weeks(1), hour=10), tick=False):
        stored_health(demo.collaboration.pk, timezone.now())
        first = HealthSnapshot.objects.get(kind=SnapshotKind.VIEW)
    with time_machine.travel(b.at(weeks(1), hour=11), tick=False):
        stored_health(demo.collaboration.pk, timezone.now())
        second = HealthSnapshot.objects.get(kind=SnapshotKind.VIEW)
    assert second.computed_at - first.computed_at == datetime.timedelta(hours=1)
    assert timezone.localtime(second.valid_until).hour == 12


def test_the_facts_in_words_are_stored_per_language(demo):
    ambition = b.ambition(demo.collaboration)
    b.pledge(ambition, demo.utrecht, hours=10)
    now = timezone.now()
    dutch = stored_health(demo.collaboration.pk, now)
    with translation.override("en"):
        english = stored_health(demo.collaboration.pk, now)
    assert dutch.indicators[0].facts != english.indicators[0].facts
    assert HealthSnapshot.objects.filter(kind=SnapshotKind.VIEW).count() == 2


def test_ids_times_and_dictionaries_with_any_keys_come_back_from_storage_as_they_were(demo):
    value = {
        demo.utrecht.pk: [timezone.now(), datetime.date(2026, 3, 3), None, 0.1 + 0.2],
        "details": {"rounds": [{"title": "Ronde", "decided": 2}]},
    }
    assert decode(encode(value)) == value


def test_the_worker_stores_the_health_of_every_active_collaboration_so_the_portfolio_only_reads(demo, client_for):
    from django.core.management import call_command
    from django.urls import reverse

    year_of_everything(demo)
    call_command("refresh_health", "--now", stdout=io.StringIO())
    assert HealthSnapshot.objects.filter(kind=SnapshotKind.CELLS).count() == 2
    with CaptureQueriesContext(connection) as reading:
        stored_cells([demo.collaboration.pk, demo.other_collaboration.pk], timezone.now())
    assert len(reading) == 2
    assert client_for(demo.facilitator).get(reverse("health:portfolio")).status_code == 200
