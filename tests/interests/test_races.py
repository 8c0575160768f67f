"""Simultaneous saves (PostgreSQL, real concurrency): one wins, the other is told; nothing is doubled."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from samen.interests.models import Ambition, HonestyRound, Pledge
from samen.interests.services import create_ambition, open_round, pledge
from tests.interests.conftest import in_two_weeks


def race(*actions):
    barrier = threading.Barrier(len(actions))
    outcomes: list[str] = []

    def run(action):
        try:
            barrier.wait(timeout=10)
            action()
            outcomes.append("saved")
        except ValidationError:  # a ConcurrentEditError, or "a round is already open"
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001 - any other outcome fails the test below
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_first_pledges_leave_one_current_pledge(demo, settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so there is no real race to show")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ambition = create_ambition(collaboration=demo.collaboration, by=demo.facilitator, title="Samen inkopen")

    def by(person, urgency):
        return lambda: pledge(
            ambition=Ambition.objects.get(pk=ambition.pk),
            partner=demo.utrecht,
            by=person,
            urgency=urgency,
            replaces=None,
        )

    outcomes = race(by(demo.utrecht_beleidsmedewerker, 2), by(demo.utrecht_wethouder, 5))

    assert outcomes == ["refused", "saved"]
    assert Pledge.objects.filter(superseded_at__isnull=True).count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_open_round_opens_one_round(demo):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")

    def opening():
        open_round(collaboration=demo.collaboration, by=demo.facilitator, title="Ronde", deadline=in_two_weeks())

    assert race(opening, opening) == ["refused", "saved"]
    assert HonestyRound.objects.count() == 1
