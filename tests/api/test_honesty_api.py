"""Ben eerlijk through the API: rounds, a partner's declaration from draft to shared, go / no-go, tensions."""

import datetime

import pytest
from django.utils import timezone

from samen.audit.models import AuditEvent
from samen.interests.models import Declaration, DeclarationStatus, GoDecision, HonestyRound
from tests.api.conftest import assert_problem

pytestmark = pytest.mark.django_db

DRAFT = {
    "intenties": "Wij willen de meldkamer betaalbaar houden zonder in te leveren op aanrijtijden.",
    "belangen": [
        {"motief": "kostenbesparing", "gewicht": 5, "toelichting": "Bezuinigingsopgave 2027"},
        {"motief": "kwaliteit_dienstverlening", "gewicht": 4},
    ],
    "rodeLijnen": [{"tekst": "Geen sluiting van de kazerne in Zeist-West"}],
}


def open_round(demo, api_for) -> str:
    deadline = (timezone.localdate() + datetime.timedelta(days=21)).isoformat()
    response = api_for(demo.facilitator).post(
        f"/samenwerkingen/{demo.collaboration.pk}/eerlijkheidsrondes",
        {"titel": "Eerlijkheidsronde 2027", "deadline": deadline},
    )
    assert response.status_code == 201, response.content
    return response.json()["id"]


def test_the_facilitator_opens_and_closes_a_round(demo, api_for):
    round_id = open_round(demo, api_for)
    listing = api_for(demo.zeist_beleidsmedewerker).get(f"/samenwerkingen/{demo.collaboration.pk}/eerlijkheidsrondes")
    assert [r["id"] for r in listing.json()["results"]] == [round_id]

    closed = api_for(demo.facilitator).post(f"/eerlijkheidsrondes/{round_id}/sluitingen")

    assert closed.status_code == 200
    assert closed.json()["geslotenOp"] is not None
    assert HonestyRound.objects.get().closed_at is not None


def test_a_contact_cannot_open_a_round(demo, api_for):
    response = api_for(demo.utrecht_beleidsmedewerker).post(
        f"/samenwerkingen/{demo.collaboration.pk}/eerlijkheidsrondes", {"titel": "X", "deadline": "2030-01-01"}
    )
    assert "facilitator" in assert_problem(response, 403)["detail"]
    assert not HonestyRound.objects.exists()


def test_a_draft_is_read_only_inside_its_partner_until_the_bestuurlijk_contact_shares_it(demo, api_for):
    round_id = open_round(demo, api_for)
    path = f"/eerlijkheidsrondes/{round_id}/verklaringen/{demo.zeist.pk}"

    saved = api_for(demo.zeist_beleidsmedewerker).put(path, DRAFT | {"versie": 0})
    assert saved.status_code == 200, saved.content
    assert saved.json()["status"] == DeclarationStatus.DRAFT
    assert api_for(demo.zeist_wethouder).get(path).status_code == 200
    assert_problem(api_for(demo.utrecht_beleidsmedewerker).get(path), 404)
    draft_event = AuditEvent.objects.get(action="interests.declaration_saved")
    assert "Bezuinigingsopgave" not in str(draft_event.after)

    refused = api_for(demo.zeist_beleidsmedewerker).post(f"{path}/delingen")
    assert "bestuurlijk contact" in assert_problem(refused, 403)["detail"]
    shared = api_for(demo.zeist_wethouder).post(f"{path}/delingen")

    assert shared.json()["status"] == DeclarationStatus.SHARED
    assert api_for(demo.utrecht_beleidsmedewerker).get(path).status_code == 200

    back = api_for(demo.zeist_wethouder).post(f"{path}/terugzettingen")
    assert back.json()["status"] == DeclarationStatus.DRAFT
    assert_problem(api_for(demo.utrecht_beleidsmedewerker).get(path), 404)


def test_a_concurrent_save_answers_409_and_keeps_what_was_saved(demo, api_for):
    round_id = open_round(demo, api_for)
    path = f"/eerlijkheidsrondes/{round_id}/verklaringen/{demo.zeist.pk}"
    first = api_for(demo.zeist_beleidsmedewerker).put(path, DRAFT | {"versie": 0})
    version = first.json()["versie"]
    api_for(demo.zeist_wethouder).put(path, DRAFT | {"intenties": "Anders", "versie": version})

    late = api_for(demo.zeist_beleidsmedewerker).put(path, DRAFT | {"intenties": "Mijn versie", "versie": version})

    assert_problem(late, 409)
    assert Declaration.objects.get().intentions == "Anders"


def test_an_unknown_motive_is_refused_in_dutch(demo, api_for):
    round_id = open_round(demo, api_for)
    response = api_for(demo.zeist_beleidsmedewerker).put(
        f"/eerlijkheidsrondes/{round_id}/verklaringen/{demo.zeist.pk}",
        {"belangen": [{"motief": "wereldvrede", "gewicht": 3}]},
    )
    body = assert_problem(response, 400)
    assert body["invalidParams"][0]["name"] == "belangen"
    assert not Declaration.objects.exists()


def test_the_bestuurlijk_contact_says_go_with_conditions(demo, api_for):
    round_id = open_round(demo, api_for)
    path = f"/eerlijkheidsrondes/{round_id}/go-besluiten/{demo.de_bilt.pk}"

    without = api_for(demo.de_bilt_wethouder).put(path, {"besluit": "voorwaarden"})
    assert [p["name"] for p in assert_problem(without, 400)["invalidParams"]] == ["toelichting"]
    decided = api_for(demo.de_bilt_wethouder).put(
        path, {"besluit": "voorwaarden", "toelichting": "Alleen met een eerlijke verdeelsleutel"}
    )

    assert decided.status_code == 200
    assert GoDecision.objects.get().decision == "voorwaarden"
    official = api_for(demo.de_bilt_beleidsmedewerker).put(path, {"besluit": "go"})
    assert_problem(official, 403)


def test_the_facilitator_adds_a_tension_to_discuss(demo, api_for):
    response = api_for(demo.facilitator).post(
        f"/samenwerkingen/{demo.collaboration.pk}/spanningen",
        {
            "motiefA": "zeggenschap",
            "motiefB": "innovatie",
            "vraag": "Hoeveel ruimte krijgt de directie om te experimenteren?",
        },
    )
    assert response.status_code == 201
    assert AuditEvent.objects.filter(action="interests.tension_added").exists()
