"""Idempotency-Key on the API's other create operations (test_idempotency covers the first eighteen), and on
the one whose answer is a secret: a calendar link is never kept in the key's row, so a repeat cannot show it."""

import datetime
import json

import pytest

from samen.audit.models import AuditEvent
from samen.core.models import SubmissionKey
from samen.notifications.models import CalendarFeed
from tests.api.conftest import API, assert_problem
from tests.experiences.conftest import SMALL_AGREEMENT
from tests.robustness.conftest import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(demo):
    return build_world(demo)


def creates(w):
    """(persona, path, body) for create operations not in test_idempotency."""
    d, c = w.demo, w.demo.collaboration.pk
    today = w.today
    return {
        "overeenkomst": (
            "utrecht_beleidsmedewerker",
            f"/samenwerkingen/{c}/overeenkomsten",
            {
                "soort": "convenant",
                "titel": "Convenant (test)",
                "tekst": SMALL_AGREEMENT,
                "partijen": [str(p.pk) for p in d.partners],
            },
        ),
        "check-ins": (
            "facilitator",
            f"/samenwerkingen/{c}/check-ins",
            {"eersteOpenOp": today.isoformat(), "dagenOpen": 7, "titel": "Voortgangsgesprek"},
        ),
        "resultaat": (
            "facilitator",
            f"/doelen/{w.adopted.pk}/resultaten",
            {
                "indicator": "Doorlooptijd vergunningen",
                "eenheid": "weken",
                "nulmeting": 12,
                "streefwaarde": 8,
                "teBereikenOp": (today + datetime.timedelta(days=365)).isoformat(),
                "eigenaarDeelnemer": str(d.utrecht.pk),
                "eigenaarPersoon": str(d.utrecht_beleidsmedewerker.pk),
            },
        ),
        "instemmingsronde": (
            "facilitator",
            f"/doelen/{w.ready_goal.pk}/instemmingsrondes",
            {"uiterlijkeDatum": (today + datetime.timedelta(days=14)).isoformat()},
        ),
        "motief": ("facilitator", f"/samenwerkingen/{c}/motieven", {"naam": "Regionale arbeidsmarkt"}),
        "spanning": (
            "facilitator",
            f"/samenwerkingen/{c}/spanningen",
            {"motiefA": "zeggenschap", "motiefB": "innovatie", "vraag": "Hoeveel ruimte krijgt de directie?"},
        ),
        "eerlijkheidsronde": (
            "facilitator",
            f"/samenwerkingen/{c}/eerlijkheidsrondes",
            {"titel": "Eerlijkheidsronde 2027", "deadline": (today + datetime.timedelta(days=30)).isoformat()},
        ),
        "raadsbrief": (
            "facilitator",
            f"/samenwerkingen/{c}/raadsbrieven",
            {"periodeVan": (today - datetime.timedelta(days=90)).isoformat(), "periodeTotEnMet": today.isoformat()},
        ),
        "uitnodiging": (
            "facilitator",
            f"/samenwerkingen/{c}/uitnodigingen",
            {"email": "nieuw@zeist.example", "naam": "Noor Nieuw", "soort": "ambtelijk", "deelnemer": str(d.zeist.pk)},
        ),
    }


def send(api, path, body, key):
    return api.client.post(
        API + path, json.dumps(body), content_type="application/json", headers={**api.headers, "Idempotency-Key": key}
    )


NAMES = [
    "overeenkomst", "check-ins", "resultaat", "instemmingsronde", "motief", "spanning", "eerlijkheidsronde",
    "raadsbrief", "uitnodiging",
]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_a_repeated_create_with_the_same_key_replays_the_first_answer_and_creates_nothing(world, api_for, name):
    persona, path, body = creates(world)[name]
    api = api_for(getattr(world.demo, persona))
    before = AuditEvent.objects.count()
    first = send(api, path, body, f"sleutel-{name}-0001")
    assert first.status_code == 201, first.content
    created = AuditEvent.objects.count()
    assert created > before
    again = send(api, path, body, f"sleutel-{name}-0001")
    assert (again.status_code, again.json()) == (first.status_code, first.json())
    assert again["Idempotent-Replayed"] == "true"
    assert AuditEvent.objects.count() == created


def test_a_calendar_link_is_shown_once_and_its_key_does_not_keep_it(demo, api_for):
    api = api_for(demo.utrecht_beleidsmedewerker)
    first = send(api, "/agendalinks", {}, "agendalink-0001")
    assert first.status_code == 201
    secret = first.json()["url"].rstrip("/").rsplit("/", 1)[-1].removesuffix(".ics")
    assert len(secret) > 16
    row = SubmissionKey.objects.get(person=demo.utrecht_beleidsmedewerker, key="agendalink-0001")
    assert secret not in row.body
    assert secret not in row.location

    again = send(api, "/agendalinks", {}, "agendalink-0001")

    problem = assert_problem(again, 409)
    assert problem["detail"].startswith("Met deze Idempotency-Key is dit al gemaakt.")
    assert secret not in again.content.decode()
    assert CalendarFeed.objects.active().filter(person=demo.utrecht_beleidsmedewerker).count() == 1
