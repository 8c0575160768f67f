"""Raadsgrip over /api/v1: what each persona may read and write."""

import datetime

import pytest

from samen.council import services
from samen.council.models import Stance, Zienswijze
from tests.api.conftest import ApiClient, assert_problem
from tests.api.test_permission_matrix import PERSONAS

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(demo):
    return services.record_document(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        year=2026,
        kind="ontwerpbegroting",
        title="Ontwerpbegroting 2027",
        sent_on=datetime.date(2026, 3, 7),
        link="https://www.example.org/o.pdf",
    )


def test_the_calendar_gives_the_computed_deadlines(demo, document, api_for):
    body = api_for(demo.raadslid).get(f"/samenwerkingen/{demo.collaboration.pk}/pc-momenten", jaar=2026).json()
    ends = next(m for m in body["momenten"] if m["soort"] == "zienswijzen")
    assert ends["uiterlijk"] == "2026-06-01"
    assert ends["verlengdVan"] == "2026-05-30"
    draft = next(m for m in body["momenten"] if m["soort"] == "ontwerpbegroting")
    assert draft["stuk"] == str(document.pk)
    assert draft["teLaat"] is False


def test_only_the_facilitator_records_a_document(demo, api_for):
    body = {
        "jaar": 2026,
        "soort": "kaderbrief",
        "titel": "Kaderbrief 2027",
        "verzondenOp": "2026-04-01",
        "link": "https://www.example.org/k.pdf",
    }
    assert (
        api_for(demo.facilitator).post(f"/samenwerkingen/{demo.collaboration.pk}/pc-stukken", body).status_code == 201
    )
    assert_problem(api_for(demo.zeist_wethouder).post(f"/samenwerkingen/{demo.collaboration.pk}/pc-stukken", body), 403)
    bad = api_for(demo.facilitator).post(
        f"/samenwerkingen/{demo.collaboration.pk}/pc-stukken", {**body, "verzondenOp": "2999-01-01"}
    )
    problem = assert_problem(bad, 400)
    assert problem["invalidParams"][0]["name"] == "verzondenOp"


@pytest.mark.parametrize("persona", PERSONAS)
def test_writing_zeists_zienswijze(demo, document, api_for, persona):
    body = {"deelnemer": str(demo.zeist.pk), "strekking": "negatief", "tekst": "Te duur.", "themas": ["kosten"]}
    response = api_for(getattr(demo, persona)).post(f"/pc-stukken/{document.pk}/zienswijzen", body)
    allowed = {"zeist_beleidsmedewerker", "zeist_wethouder"}
    status = 201 if persona in allowed else 404 if persona == "amersfoort_beleidsmedewerker" else 403
    assert response.status_code == status, (persona, response.content[:300])
    assert Zienswijze.objects.exists() == (status == 201)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_draft_is_listed_only_for_its_partner(demo, document, api_for, persona):
    services.save_zienswijze(
        document=document, partner=demo.zeist, by=demo.zeist_wethouder, stance=Stance.POSITIVE, text="Akkoord."
    )
    response = api_for(getattr(demo, persona), scope="lezen").get(f"/pc-stukken/{document.pk}/zienswijzen")
    if persona == "amersfoort_beleidsmedewerker":
        assert_problem(response, 404)
        return
    seen = response.json()["totalItems"]
    assert seen == (1 if persona.startswith("zeist") else 0), persona


def test_adopting_over_the_api_needs_the_date_of_the_raadsbesluit(demo, document, api_for):
    api: ApiClient = api_for(demo.zeist_wethouder)
    body = {"deelnemer": str(demo.zeist.pk), "strekking": "positief", "tekst": "Akkoord.", "vaststellen": True}
    assert_problem(api.post(f"/pc-stukken/{document.pk}/zienswijzen", body), 400)
    body["datumRaadsbesluit"] = "2026-05-20"
    adopted = api.post(f"/pc-stukken/{document.pk}/zienswijzen", body).json()
    assert adopted["vastgesteldOp"]
    listed = api_for(demo.raadslid).get(f"/pc-stukken/{document.pk}/zienswijzen").json()
    assert listed["results"][0]["strekking"] == "positief"


def test_key_figures_missing_is_null(demo, api_for):
    from samen.council.figures import save_key_figures

    save_key_figures(
        collaboration=demo.collaboration, by=demo.facilitator, year=2026, basis="begroting", values={"result": 1000}
    )
    row = api_for(demo.raadslid).get(f"/samenwerkingen/{demo.collaboration.pk}/kengetallen").json()["results"][0]
    assert row["resultaat"] == "1000.00"
    assert row["eigenVermogenBegin"] is None
