"""The health view over the API: live for the people who work in it, the published one for readers."""

import pytest

from samen.health.pages import live_health
from samen.health.services import publish_health
from tests.api.conftest import assert_problem

pytestmark = pytest.mark.django_db

AREAS = ["ambitie", "eerlijk", "eigenaarschap", "successen", "ervaringen"]


def path(demo) -> str:
    return f"/samenwerkingen/{demo.collaboration.pk}/gezondheidsindicatoren"


def test_contacts_see_todays_health_with_one_indicator_per_principle(demo, api_for):
    health = api_for(demo.zeist_beleidsmedewerker, scope="lezen").get(path(demo)).json()
    assert health["bron"] == "live"
    assert [i["gebied"] for i in health["indicatoren"]] == AREAS
    partner_ids = {str(p.pk) for p in demo.partners}
    assert all(s["deelnemer"] in partner_ids for i in health["indicatoren"] for s in i["deelnemerScores"])


def test_readers_see_only_what_was_published(demo, api_for):
    raadslid = api_for(demo.raadslid, scope="lezen")
    assert raadslid.get(path(demo)).json() == {
        "bron": None,
        "gepubliceerdIn": None,
        "peilmoment": None,
        "indicatoren": [],
    }
    publish_health(
        collaboration=demo.collaboration,
        health=live_health(demo.collaboration.pk),
        by=demo.facilitator,
        source="Raadsbrief voorjaar 2026",
    )
    health = raadslid.get(path(demo)).json()
    assert (health["bron"], health["gepubliceerdIn"]) == ("gepubliceerd", "Raadsbrief voorjaar 2026")
    assert [i["gebied"] for i in health["indicatoren"]] == AREAS


def test_an_outsider_sees_no_health(demo, api_for):
    assert_problem(api_for(demo.amersfoort_beleidsmedewerker).get(path(demo)), 404)
