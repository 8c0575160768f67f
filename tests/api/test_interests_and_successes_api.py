"""Ben eerlijk (read only, shared declarations only) and Erken en vier successen through the API."""

import datetime

import pytest
from django.utils import timezone

from samen.interests import services as interests
from samen.interests.services import ANY, InterestInput, RedLineInput
from samen.successes import services as successes
from samen.successes.models import Success
from tests.api.conftest import assert_problem

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def declarations(demo):
    """Utrecht shares its declaration; Zeist keeps a draft."""
    honesty_round = interests.open_round(
        collaboration=demo.collaboration, by=demo.facilitator, title="Ronde 2026", deadline=TODAY
    )
    shared = interests.save_declaration(
        honesty_round=honesty_round,
        partner=demo.utrecht,
        by=demo.utrecht_beleidsmedewerker,
        intentions="Betere dienstverlening tegen gelijke kosten.",
        interests=[
            InterestInput("kwaliteit_dienstverlening", 5, "Inwoners eerst"),
            InterestInput("kostenbesparing", 3),
        ],
        red_lines=[RedLineInput("Geen gedwongen ontslagen", "kostenbesparing")],
        expected_version=0,
    )
    interests.share_declaration(declaration=shared, by=demo.utrecht_wethouder)
    draft = interests.save_declaration(
        honesty_round=honesty_round,
        partner=demo.zeist,
        by=demo.zeist_beleidsmedewerker,
        intentions="Geheim concept van Zeist.",
        interests=[InterestInput("zeggenschap", 4)],
        red_lines=[],
        expected_version=0,
    )
    return shared, draft


@pytest.mark.parametrize("persona", ["facilitator", "zeist_beleidsmedewerker", "utrecht_wethouder", "raadslid"])
def test_only_shared_declarations_are_shown_even_to_the_partner_that_drafts(demo, api_for, declarations, persona):
    shared, _draft = declarations
    listed = api_for(getattr(demo, persona)).get(f"/samenwerkingen/{demo.collaboration.pk}/verklaringen")
    results = listed.json()["results"]
    assert [d["id"] for d in results] == [str(shared.pk)]
    assert "Geheim concept" not in listed.text
    declaration = results[0]
    assert declaration["organisatie"]["code"] == "GM0344"
    assert [(b["motief"], b["gewicht"]) for b in declaration["belangen"]] == [
        ("kwaliteit_dienstverlening", 5),
        ("kostenbesparing", 3),
    ]
    assert declaration["rodeLijnen"] == [{"tekst": "Geen gedwongen ontslagen", "motief": "kostenbesparing"}]


def test_declarations_and_ambitions_are_not_found_for_an_outsider(demo, api_for, declarations):
    api = api_for(demo.amersfoort_beleidsmedewerker)
    assert_problem(api.get(f"/samenwerkingen/{demo.collaboration.pk}/verklaringen"), 404)
    assert_problem(api.get(f"/samenwerkingen/{demo.collaboration.pk}/ambities"), 404)


def test_ambitions_show_each_partners_current_pledge(demo, api_for):
    ambition = interests.create_ambition(
        collaboration=demo.collaboration, by=demo.facilitator, title="Eén omgevingsdienst", needed_hours_per_month=300
    )
    interests.pledge(ambition=ambition, partner=demo.zeist, by=demo.zeist_wethouder, urgency=4, hours_per_month=40)
    interests.pledge(
        ambition=ambition, partner=demo.zeist, by=demo.zeist_wethouder, urgency=5, hours_per_month="60", replaces=ANY
    )
    listed = api_for(demo.raadslid).get(f"/samenwerkingen/{demo.collaboration.pk}/ambities").json()["results"]
    assert listed[0]["titel"] == "Eén omgevingsdienst"
    assert listed[0]["nodigUrenPerMaand"] == 300
    assert [(p["deelnemer"], p["urgentie"], p["urenPerMaand"]) for p in listed[0]["toezeggingen"]] == [
        (str(demo.zeist.pk), 5, 60)
    ]


def success_body(demo, **extra):
    return {
        "titel": "Vergunning binnen 6 weken",
        "verhaal": "Dankzij één loket kreeg een bakker zijn vergunning binnen 6 weken.",
        "datum": TODAY.isoformat(),
        "deelnemers": [str(demo.utrecht.pk), str(demo.zeist.pk)],
        "mensen": [str(demo.zeist_beleidsmedewerker.pk)],
        "teams": ["Team Vergunningen Zeist"],
        **extra,
    }


def test_a_contact_records_a_success_and_the_bestuurder_makes_it_public(demo, api_for):
    response = api_for(demo.utrecht_beleidsmedewerker).post(
        f"/samenwerkingen/{demo.collaboration.pk}/successen", success_body(demo)
    )
    assert response.status_code == 201, response.content
    success = response.json()
    assert (success["openbaar"], success["teams"], success["mensen"][0]["naam"]) == (
        False,
        ["Team Vergunningen Zeist"],
        "Zoë Zeist",
    )
    raadslid = api_for(demo.raadslid, scope="lezen")
    assert raadslid.get(f"/samenwerkingen/{demo.collaboration.pk}/successen").json()["results"] == []
    assert_problem(raadslid.get(f"/successen/{success['id']}"), 404)

    path = f"/successen/{success['id']}/zichtbaarheidswijzigingen"
    problem = assert_problem(api_for(demo.utrecht_beleidsmedewerker).post(path, {"openbaar": True}), 400)
    assert problem["invalidParams"][0]["name"] == "openbaar"
    assert api_for(demo.zeist_wethouder).post(path, {"openbaar": True}).json()["openbaar"] is True
    assert raadslid.get(f"/successen/{success['id']}").json()["titel"] == "Vergunning binnen 6 weken"


def test_bad_success_input_is_named_and_changes_nothing(demo, api_for):
    api = api_for(demo.zeist_wethouder)
    path = f"/samenwerkingen/{demo.collaboration.pk}/successen"
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    cases = [
        ({"datum": tomorrow}, "datum"),
        ({"deelnemers": []}, "deelnemers"),
        ({"deelnemers": [str(demo.other_collaboration.partners.first().pk)]}, "deelnemers"),
        ({"mensen": [str(demo.amersfoort_beleidsmedewerker.pk)]}, "mensen"),
        ({"teams": "Team A"}, "teams"),
        ({"openbaar": "ja graag"}, "openbaar"),
        ({"applaus": True}, "applaus"),
    ]
    for change, field in cases:
        problem = assert_problem(api.post(path, success_body(demo, **change)), 400)
        assert [p["name"] for p in problem["invalidParams"]] == [field], (change, problem)
    assert_problem(api_for(demo.raadslid).post(path, success_body(demo)), 403)
    assert_problem(api_for(demo.amersfoort_beleidsmedewerker).post(path, success_body(demo)), 404)
    assert not Success.objects.exists()


def test_successes_list_has_a_fixed_number_of_queries(demo, api_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api = api_for(demo.facilitator, scope="lezen")
    path = f"/samenwerkingen/{demo.collaboration.pk}/successen"

    def add(count: int) -> None:
        for number in range(Success.objects.count(), Success.objects.count() + count):
            successes.record_success(
                collaboration=demo.collaboration,
                by=demo.facilitator,
                title=f"Succes {number}",
                story="Verhaal",
                date=TODAY,
                partners=[demo.utrecht, demo.de_bilt],
                people=[demo.zeist_wethouder],
                teams="Team X",
            )

    add(2)
    api.get("/organisaties")
    with CaptureQueriesContext(connection) as small:
        api.get(path)
    add(20)
    with CaptureQueriesContext(connection) as large:
        assert api.get(path).json()["totalItems"] == 22
    assert len(large) == len(small)


def test_ambitions_and_pledges_through_the_api(demo, api_for):
    facilitator = api_for(demo.facilitator)
    path = f"/samenwerkingen/{demo.collaboration.pk}/ambities"
    problem = assert_problem(facilitator.post(path, {"titel": "Eén dienst", "horizonJaar": 1999}), 400)
    assert problem["invalidParams"][0]["name"] == "horizonJaar"
    response = facilitator.post(path, {"titel": "Eén omgevingsdienst", "nodigUrenPerMaand": 300, "horizonJaar": 2030})
    assert response.status_code == 201, response.content
    ambition = response.json()
    assert (ambition["toezeggingen"], ambition["horizonJaar"]) == ([], 2030)

    pledges = f"/ambities/{ambition['id']}/toezeggingen"
    body = {"deelnemer": str(demo.zeist.pk), "urgentie": 4, "urenPerMaand": 40, "vervangt": None}
    assert_problem(api_for(demo.utrecht_wethouder).post(pledges, body), 403)
    first = api_for(demo.zeist_wethouder).post(pledges, body)
    assert first.status_code == 201, first.content
    # A colleague who still saw "no pledge yet" does not silently overwrite it.
    stale = assert_problem(api_for(demo.zeist_beleidsmedewerker).post(pledges, {**body, "urgentie": 2}), 409)
    assert "Iemand anders" in stale["detail"]
    newer = {**body, "urgentie": 5, "vervangt": first.json()["id"]}
    assert api_for(demo.zeist_beleidsmedewerker).post(pledges, newer).status_code == 201
    listed = api_for(demo.raadslid).get(path).json()["results"][0]["toezeggingen"]
    assert [(p["urgentie"], p["urenPerMaand"]) for p in listed] == [(5, 40)]
    problem = assert_problem(api_for(demo.zeist_wethouder).post(pledges, {**body, "urgentie": 9}), 400)
    assert problem["invalidParams"][0]["name"] == "urgentie"


def test_people_are_put_in_the_sun_by_colleagues_and_readers_do_not_see_it(demo, api_for):
    path = f"/samenwerkingen/{demo.collaboration.pk}/waarderingen"
    body = {"mensen": [str(demo.zeist_beleidsmedewerker.pk)], "waarom": "Zoë hield het overleg op koers."}
    response = api_for(demo.utrecht_wethouder).post(path, body)
    assert response.status_code == 201, response.content
    assert (response.json()["mensen"][0]["naam"], response.json()["van"]["naam"]) == ("Zoë Zeist", "Wendy Wethouder")
    outsider = {**body, "mensen": [str(demo.amersfoort_beleidsmedewerker.pk)]}
    assert (
        assert_problem(api_for(demo.utrecht_wethouder).post(path, outsider), 400)["invalidParams"][0]["name"]
        == "mensen"
    )
    assert_problem(api_for(demo.utrecht_wethouder).post(path, {"waarom": "Zomaar"}), 400)
    assert [s["waarom"] for s in api_for(demo.facilitator).get(path).json()["results"]] == [body["waarom"]]
    assert_problem(api_for(demo.raadslid).get(path), 404)
    assert_problem(api_for(demo.amersfoort_beleidsmedewerker).post(path, body), 404)


def test_a_success_is_changed_with_the_version_that_was_read(demo, api_for):
    created = (
        api_for(demo.utrecht_beleidsmedewerker)
        .post(f"/samenwerkingen/{demo.collaboration.pk}/successen", success_body(demo))
        .json()
    )
    path = f"/successen/{created['id']}"
    change = {**success_body(demo, titel="Vergunning binnen 5 weken"), "versie": created["versie"]}
    changed = api_for(demo.zeist_beleidsmedewerker).request("put", path, data=change, content_type="application/json")
    assert changed.status_code == 200, changed.content
    assert (changed.json()["titel"], changed.json()["versie"]) == ("Vergunning binnen 5 weken", created["versie"] + 1)
    stale = {**change, "titel": "Oude versie"}
    problem = assert_problem(
        api_for(demo.utrecht_beleidsmedewerker).request("put", path, data=stale, content_type="application/json"), 409
    )
    assert "Iemand anders" in problem["detail"]
    assert Success.objects.get().title == "Vergunning binnen 5 weken"
    with_public = {**change, "versie": created["versie"] + 1, "openbaar": True}
    unknown = api_for(demo.zeist_beleidsmedewerker).request(
        "put", path, data=with_public, content_type="application/json"
    )
    assert assert_problem(unknown, 400)["invalidParams"][0]["name"] == "openbaar"


def test_a_celebration_prompt_is_listed_and_answered_with_a_success(demo, api_for):
    from samen.successes.models import CelebrationPrompt
    from samen.successes.prompts import refresh_prompts
    from tests.successes.builders import make_goal

    make_goal(demo, "Eén loket voor bedrijven")
    refresh_prompts(demo.collaboration)
    api = api_for(demo.zeist_beleidsmedewerker)
    [prompt] = api.get(f"/samenwerkingen/{demo.collaboration.pk}/vieringsvoorstellen").json()["results"]
    assert prompt["watIsBereikt"] == "Eén loket voor bedrijven"

    response = api.post(
        f"/samenwerkingen/{demo.collaboration.pk}/successen",
        {
            "titel": "Het loket is open",
            "verhaal": "Ondernemers vinden alles nu op één plek.",
            "datum": "2026-01-15",
            "deelnemers": [str(demo.zeist.pk)],
            "vieringsvoorstel": prompt["id"],
        },
    )

    assert response.status_code == 201, response.content
    assert not CelebrationPrompt.objects.open().exists()
    assert api.get(f"/samenwerkingen/{demo.collaboration.pk}/vieringsvoorstellen").json()["results"] == []


def test_readers_see_no_celebration_prompts(demo, api_for):
    response = api_for(demo.raadslid).get(f"/samenwerkingen/{demo.collaboration.pk}/vieringsvoorstellen")
    assert response.status_code == 404


def test_an_ambition_is_changed_with_the_version_read_and_removed_by_the_facilitator(demo, api_for):
    api = api_for(demo.facilitator)
    made = api.post(f"/samenwerkingen/{demo.collaboration.pk}/ambities", {"titel": "Eén meldkamer"}).json()
    from samen.interests.models import Ambition

    version = Ambition.objects.get().version
    changed = api.put(f"/ambities/{made['id']}", {"titel": "Eén meldkamer in 2028", "versie": version})
    assert changed.status_code == 200, changed.content
    late = api.put(f"/ambities/{made['id']}", {"titel": "Iets anders", "versie": version})
    assert late.status_code == 409
    assert api_for(demo.utrecht_beleidsmedewerker).delete(f"/ambities/{made['id']}").status_code == 403
    assert api.delete(f"/ambities/{made['id']}").status_code == 204
    assert not Ambition.objects.exists()


def test_the_facilitator_adds_a_motive(demo, api_for):
    response = api_for(demo.facilitator).post(
        f"/samenwerkingen/{demo.collaboration.pk}/motieven", {"naam": "Regionale arbeidsmarkt"}
    )
    assert response.status_code == 201
    again = api_for(demo.facilitator).post(
        f"/samenwerkingen/{demo.collaboration.pk}/motieven", {"naam": "Regionale arbeidsmarkt"}
    )
    assert again.status_code == 400
