"""Idempotency-Key on POST: the same key again replays the first answer and creates nothing (as payment APIs do)."""

import json

import pytest

from samen.audit.models import AuditEvent
from tests.api.conftest import API, assert_problem
from tests.robustness.conftest import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(demo):
    return build_world(demo)


def creates(w):
    """(persona, path, body) for the API's create operations."""
    d, c = w.demo, w.demo.collaboration.pk
    today = w.today.isoformat()
    return {
        "samenwerking": (
            "facilitator",
            "/samenwerkingen",
            {
                "naam": "Convenant (test)",
                "soort": "convenant",
                "organisaties": [str(d.utrecht.organisation_id), str(d.zeist.organisation_id)],
            },
        ),
        "rol": (
            "facilitator",
            f"/samenwerkingen/{c}/rollen",
            {"persoon": str(d.utrecht_wethouder.pk), "soort": "lezer", "deelnemer": str(d.utrecht.pk)},
        ),
        "doel": (
            "utrecht_beleidsmedewerker",
            f"/samenwerkingen/{c}/doelen",
            {"titel": "Eén loket", "tekst": "Eén loket voor alle inwoners."},
        ),
        "opbrengst": (
            "utrecht_beleidsmedewerker",
            f"/doelen/{w.bare_goal.pk}/opbrengsten",
            {"deelnemer": str(d.utrecht.pk), "tekst": "Minder loketten."},
        ),
        "advies": (
            "zeist_beleidsmedewerker",
            f"/doelen/{w.round_goal.pk}/adviezen",
            {"deelnemer": str(d.zeist.pk), "advies": "steun"},
        ),
        "instemming": (
            "zeist_wethouder",
            f"/doelen/{w.round_goal.pk}/instemmingen",
            {"deelnemer": str(d.zeist.pk), "besluit": "instemming"},
        ),
        "afspraak": (
            "zeist_wethouder",
            f"/doelen/{w.adopted.pk}/afspraken",
            {
                "deelnemer": str(d.zeist.pk),
                "wat": "Werkinstructie",
                "wie": str(d.zeist_beleidsmedewerker.pk),
                "uiterlijkOp": today,
            },
        ),
        "voortgang": (
            "zeist_beleidsmedewerker",
            f"/resultaten/{w.result.pk}/voortgangsmeldingen",
            {"waarde": 50, "peildatum": today},
        ),
        "aanspreekverzoek": (
            "utrecht_beleidsmedewerker",
            f"/doelen/{w.adopted.pk}/aanspreekverzoeken",
            {"vraag": "Lukt het echt?", "afspraak": str(w.commitment.pk)},
        ),
        "signaal": (
            "zeist_beleidsmedewerker",
            f"/samenwerkingen/{c}/signalen",
            {
                "soort": "zorg",
                "onderwerp": "Laat",
                "toelichting": "Het komt laat.",
                "aan": "iedereen",
                "vanDeelnemer": str(d.zeist.pk),
            },
        ),
        "signaalreactie": ("zeist_beleidsmedewerker", f"/signalen/{w.signal.pk}/reacties", {"tekst": "Herkenbaar."}),
        "afwijking": (
            "de_bilt_wethouder",
            f"/samenwerkingen/{c}/afwijkingen",
            {"deelnemer": str(d.de_bilt.pk), "artikel": str(w.article.pk), "reden": "Later.", "vanaf": today},
        ),
        "kennisname": (
            "zeist_beleidsmedewerker",
            f"/afwijkingen/{w.deviation.pk}/kennisnames",
            {"deelnemer": str(d.zeist.pk)},
        ),
        "lezing": (
            "zeist_beleidsmedewerker",
            f"/artikelen/{w.article.pk}/lezingen",
            {"deelnemer": str(d.zeist.pk), "houding": "anders", "tekst": "Wij lezen het anders."},
        ),
        "ambitie": ("facilitator", f"/samenwerkingen/{c}/ambities", {"titel": "Samen huisvesten"}),
        "toezegging": (
            "utrecht_beleidsmedewerker",
            f"/ambities/{w.ambition.pk}/toezeggingen",
            {"deelnemer": str(d.utrecht.pk), "urgentie": 4},
        ),
        "succes": (
            "utrecht_beleidsmedewerker",
            f"/samenwerkingen/{c}/successen",
            {"titel": "Gehaald", "verhaal": "Het is gelukt.", "datum": today, "deelnemers": [str(d.utrecht.pk)]},
        ),
        "waardering": (
            "utrecht_beleidsmedewerker",
            f"/samenwerkingen/{c}/waarderingen",
            {"mensen": [str(d.zeist_beleidsmedewerker.pk)], "waarom": "Altijd bereikbaar."},
        ),
        "pc-stuk": (
            "facilitator",
            f"/samenwerkingen/{c}/pc-stukken",
            {
                "jaar": w.today.year,
                "soort": "kaderbrief",
                "titel": "Kaderbrief",
                "verzondenOp": today,
                "link": "https://www.example.org/k.pdf",
            },
        ),
        "eigen-pc-moment": (
            "facilitator",
            f"/samenwerkingen/{c}/eigen-pc-momenten",
            {"omschrijving": "Voorjaarsnota", "datum": today},
        ),
        "kengetallen": ("facilitator", f"/samenwerkingen/{c}/kengetallen", {"jaar": 2026, "bron": "begroting"}),
        "raadsbriefmoment": (
            "facilitator",
            f"/samenwerkingen/{c}/raadsbriefmomenten",
            {
                "soort": "overig",
                "jaar": 2026,
                "uiterlijkOp": "2026-10-01",
                "periodeVan": "2026-06-01",
                "periodeTotEnMet": "2026-08-31",
            },
        ),
        "raadsbriefplanning": ("facilitator", f"/samenwerkingen/{c}/raadsbriefplanningen", {"jaar": 2030}),
    }


NAMES = [
    "samenwerking",
    "rol",
    "doel",
    "opbrengst",
    "advies",
    "instemming",
    "afspraak",
    "voortgang",
    "aanspreekverzoek",
    "signaal",
    "signaalreactie",
    "afwijking",
    "kennisname",
    "lezing",
    "ambitie",
    "toezegging",
    "succes",
    "waardering",
    "pc-stuk",
    "eigen-pc-moment",
    "kengetallen",
    "raadsbriefmoment",
    "raadsbriefplanning",
]


def send(api, path, body, key):
    return api.client.post(
        API + path, json.dumps(body), content_type="application/json", headers={**api.headers, "Idempotency-Key": key}
    )


@pytest.mark.parametrize("name", NAMES)
def test_a_repeated_post_with_the_same_key_replays_the_first_answer_and_creates_nothing(world, api_for, name):
    persona, path, body = creates(world)[name]
    api = api_for(getattr(world.demo, persona))
    before = AuditEvent.objects.count()
    first = send(api, path, body, f"sleutel-{name}-0001")
    assert first.status_code in (200, 201), first.content
    created = AuditEvent.objects.count()
    assert created > before
    again = send(api, path, body, f"sleutel-{name}-0001")
    assert (again.status_code, again.json()) == (first.status_code, first.json())
    assert again.get("Location") == first.get("Location")
    assert again["Idempotent-Replayed"] == "true"
    assert AuditEvent.objects.count() == created


def test_the_same_key_with_another_body_is_refused_in_dutch(world, api_for):
    persona, path, body = creates(world)["signaal"]
    api = api_for(getattr(world.demo, persona))
    assert send(api, path, body, "sleutel-signaal-1").status_code == 201
    created = AuditEvent.objects.count()
    problem = assert_problem(send(api, path, {**body, "onderwerp": "Iets anders"}, "sleutel-signaal-1"), 422)
    assert problem["detail"].startswith("Deze Idempotency-Key is al gebruikt voor een ander verzoek.")
    assert AuditEvent.objects.count() == created


def test_a_key_is_personal(world, api_for):
    _persona, path, body = creates(world)["signaal"]
    zeist = api_for(world.demo.zeist_beleidsmedewerker)
    utrecht = api_for(world.demo.utrecht_beleidsmedewerker)
    first = send(zeist, path, body, "gedeelde-sleutel")
    second = send(utrecht, path, {**body, "vanDeelnemer": str(world.demo.utrecht.pk)}, "gedeelde-sleutel")
    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json()["id"] != second.json()["id"]


def test_a_refused_first_attempt_does_not_use_up_the_key(world, api_for):
    persona, path, body = creates(world)["signaal"]
    api = api_for(getattr(world.demo, persona))
    assert_problem(send(api, path, {**body, "onderwerp": ""}, "sleutel-na-fout"), 400)
    assert send(api, path, body, "sleutel-na-fout").status_code == 201


@pytest.mark.parametrize("key", ["kort", "met spatie erin", "x" * 256])
def test_a_malformed_key_is_refused(world, api_for, key):
    persona, path, body = creates(world)["signaal"]
    api = api_for(getattr(world.demo, persona))
    before = AuditEvent.objects.count()
    problem = assert_problem(send(api, path, body, key), 400)
    assert problem["invalidParams"][0]["name"] == "Idempotency-Key"
    assert AuditEvent.objects.count() == before
