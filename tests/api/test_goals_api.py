"""Toon eigenaarschap through the API: a goal written together, consent per partner, results and commitments."""

import datetime

import pytest
from django.utils import timezone

from samen.audit.models import AuditEvent
from samen.goals import services as goals
from samen.goals.models import Decision, Goal, ProgressUpdate
from tests.api.conftest import assert_problem

pytestmark = pytest.mark.django_db

IN_TWO_WEEKS = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()


@pytest.fixture
def draft(demo):
    goal = goals.create_goal(
        collaboration=demo.collaboration,
        by=demo.utrecht_beleidsmedewerker,
        title="Vergunningen binnen 8 weken",
        text="Elke aanvraag is binnen 8 weken beslist.",
    )
    return goal


def put_to_partners(demo, goal) -> None:
    for partner, contact in (
        (demo.utrecht, demo.utrecht_beleidsmedewerker),
        (demo.zeist, demo.zeist_beleidsmedewerker),
        (demo.de_bilt, demo.de_bilt_beleidsmedewerker),
    ):
        goals.state_benefit(goal=goal, partner=partner, by=contact, text="Minder klachten van ondernemers.")
    goals.open_consent_round(goal=goal, by=demo.facilitator, deadline=timezone.localdate())


@pytest.fixture
def adopted(demo, draft):
    put_to_partners(demo, draft)
    consent_round = draft.open_round()
    for partner, executive in (
        (demo.utrecht, demo.utrecht_wethouder),
        (demo.zeist, demo.zeist_wethouder),
        (demo.de_bilt, demo.de_bilt_wethouder),
    ):
        goals.record_decision(consent_round=consent_round, partner=partner, by=executive, kind="instemming")
    draft.refresh_from_db()
    assert draft.is_adopted
    return draft


def test_a_goal_is_written_put_to_the_partners_and_adopted_through_the_api(demo, api_for):
    utrecht = api_for(demo.utrecht_beleidsmedewerker)
    response = utrecht.post(
        f"/samenwerkingen/{demo.collaboration.pk}/doelen",
        {"titel": "Eén loket voor ondernemers", "tekst": "Ondernemers melden zich op één plek."},
    )
    assert response.status_code == 201, response.content
    goal = response.json()
    assert (goal["status"], goal["laatsteVersie"]["nummer"], goal["geldendeVersie"]) == ("concept", 1, None)
    path = f"/doelen/{goal['id']}"

    for partner, contact in (
        (demo.utrecht, demo.utrecht_beleidsmedewerker),
        (demo.zeist, demo.zeist_wethouder),
        (demo.de_bilt, demo.de_bilt_beleidsmedewerker),
    ):
        body = {"deelnemer": str(partner.pk), "tekst": "Kortere wachttijden voor onze ondernemers."}
        assert api_for(contact).post(f"{path}/opbrengsten", body).status_code == 201
    response = api_for(demo.facilitator).post(f"{path}/instemmingsrondes", {"uiterlijkeDatum": IN_TWO_WEEKS})
    assert response.status_code == 201, response.content
    assert response.json()["stand"] == {
        "totaal": 3,
        "ingestemd": 0,
        "bezwaar": 0,
        "onthouding": 0,
        "vaststelbaar": False,
        "wachtOp": [str(p.pk) for p in demo.collaboration.current_partners()],
    }

    advice = {"deelnemer": str(demo.zeist.pk), "advies": "steun"}
    assert api_for(demo.zeist_beleidsmedewerker).post(f"{path}/adviezen", advice).status_code == 201
    for partner, executive in (
        (demo.utrecht, demo.utrecht_wethouder),
        (demo.zeist, demo.zeist_wethouder),
        (demo.de_bilt, demo.de_bilt_wethouder),
    ):
        decision = {"deelnemer": str(partner.pk), "besluit": "instemming"}
        response = api_for(executive).post(f"{path}/instemmingen", decision)
        assert response.status_code == 201, response.content
        assert response.json()["besluit"] == "instemming"

    goal = utrecht.get(path).json()
    assert goal["status"] == "vastgesteld"
    assert goal["geldendeVersie"]["titel"] == "Eén loket voor ondernemers"
    rounds = utrecht.get(f"{path}/instemmingsrondes").json()["results"]
    assert rounds[0]["status"] == "vastgesteld"
    assert [a["advies"] for a in rounds[0]["adviezen"]] == ["steun"]
    assert AuditEvent.objects.filter(action="goal.adopted", object_id=goal["id"]).count() == 1


def test_an_objection_needs_a_reason_and_blocks_adoption(demo, api_for, draft):
    put_to_partners(demo, draft)
    zeist = api_for(demo.zeist_wethouder)
    path = f"/doelen/{draft.pk}/instemmingen"
    problem = assert_problem(zeist.post(path, {"deelnemer": str(demo.zeist.pk), "besluit": "bezwaar"}), 400)
    assert problem["invalidParams"][0]["name"] == "toelichting"
    assert not Decision.objects.exists()
    body = {"deelnemer": str(demo.zeist.pk), "besluit": "bezwaar", "toelichting": "Te weinig ruimte voor lokale keuzes"}
    assert zeist.post(path, body).status_code == 201
    for partner, executive in ((demo.utrecht, demo.utrecht_wethouder), (demo.de_bilt, demo.de_bilt_wethouder)):
        api_for(executive).post(path, {"deelnemer": str(partner.pk), "besluit": "instemming"})
    draft.refresh_from_db()
    assert not draft.is_adopted
    stand = api_for(demo.facilitator).get(f"/doelen/{draft.pk}/instemmingsrondes").json()["results"][0]["stand"]
    assert (stand["bezwaar"], stand["ingestemd"], stand["vaststelbaar"]) == (1, 2, False)


def test_only_the_bestuurlijk_contact_decides_for_their_own_partner(demo, api_for, draft):
    put_to_partners(demo, draft)
    path = f"/doelen/{draft.pk}/instemmingen"
    for person, partner in (
        (demo.utrecht_beleidsmedewerker, demo.utrecht),
        (demo.utrecht_wethouder, demo.zeist),
        (demo.facilitator, demo.utrecht),
    ):
        problem = assert_problem(
            api_for(person).post(path, {"deelnemer": str(partner.pk), "besluit": "instemming"}), 403
        )
        assert "bestuurlijk contactpersoon" in problem["detail"]
    assert not Decision.objects.exists()


def test_a_decision_without_an_open_round_is_a_conflict(demo, api_for, draft):
    body = {"deelnemer": str(demo.utrecht.pk), "besluit": "instemming"}
    problem = assert_problem(api_for(demo.utrecht_wethouder).post(f"/doelen/{draft.pk}/instemmingen", body), 409)
    assert "geen instemmingsronde" in problem["detail"]


def test_a_round_cannot_open_before_every_partner_stated_its_benefit(demo, api_for, draft):
    problem = assert_problem(
        api_for(demo.facilitator).post(f"/doelen/{draft.pk}/instemmingsrondes", {"uiterlijkeDatum": IN_TWO_WEEKS}), 400
    )
    assert "Zeist" in problem["detail"]
    assert not draft.rounds.exists()


def test_readers_see_adopted_goals_only(demo, api_for, adopted):
    other_draft = goals.create_goal(
        collaboration=demo.collaboration, by=demo.zeist_beleidsmedewerker, title="Concept", text="Nog niet klaar."
    )
    raadslid = api_for(demo.raadslid, scope="lezen")
    listed = raadslid.get(f"/samenwerkingen/{demo.collaboration.pk}/doelen").json()["results"]
    assert [g["id"] for g in listed] == [str(adopted.pk)]
    assert listed[0]["laatsteVersie"] is None
    assert_problem(raadslid.get(f"/doelen/{other_draft.pk}"), 404)
    assert_problem(raadslid.get(f"/doelen/{adopted.pk}/instemmingsrondes"), 404)
    versions = raadslid.get(f"/doelen/{adopted.pk}/versies").json()["results"]
    assert [v["status"] for v in versions] == ["vastgesteld"]
    contact = api_for(demo.zeist_wethouder, scope="lezen")
    assert len(contact.get(f"/samenwerkingen/{demo.collaboration.pk}/doelen").json()["results"]) == 2


@pytest.mark.parametrize(
    "path",
    [
        "/samenwerkingen/{c}/doelen",
        "/doelen/{g}",
        "/doelen/{g}/versies",
        "/doelen/{g}/opbrengsten",
        "/doelen/{g}/instemmingsrondes",
        "/doelen/{g}/resultaten",
        "/doelen/{g}/afspraken",
    ],
)
def test_an_outsider_finds_nothing(demo, api_for, adopted, path):
    api = api_for(demo.amersfoort_beleidsmedewerker)
    assert_problem(api.get(path.format(c=demo.collaboration.pk, g=adopted.pk)), 404)
    body = {"deelnemer": str(demo.utrecht.pk), "besluit": "instemming"}
    assert_problem(api.post(f"/doelen/{adopted.pk}/instemmingen", body), 404)


def test_results_and_progress(demo, api_for, adopted):
    facilitator = api_for(demo.facilitator)
    body = {
        "indicator": "Doorlooptijd vergunningen",
        "eenheid": "weken",
        "nulmeting": 12,
        "streefwaarde": 8,
        "teBereikenOp": (timezone.localdate() + datetime.timedelta(days=365)).isoformat(),
        "eigenaarDeelnemer": str(demo.utrecht.pk),
        "eigenaarPersoon": str(demo.utrecht_beleidsmedewerker.pk),
    }
    response = facilitator.post(f"/doelen/{adopted.pk}/resultaten", body)
    assert response.status_code == 201, response.content
    result = response.json()
    assert (result["nulmeting"], result["streefwaarde"], result["laatsteWaarde"]) == (12, 8, None)

    progress = {"waarde": 10.5, "peildatum": timezone.localdate().isoformat(), "toelichting": "Nieuwe werkwijze"}
    zeist = api_for(demo.zeist_beleidsmedewerker)
    assert_problem(zeist.post(f"/resultaten/{result['id']}/voortgangsmeldingen", progress), 403)
    utrecht = api_for(demo.utrecht_beleidsmedewerker)
    assert utrecht.post(f"/resultaten/{result['id']}/voortgangsmeldingen", progress).status_code == 201
    listed = api_for(demo.raadslid, scope="lezen").get(f"/doelen/{adopted.pk}/resultaten").json()["results"]
    assert (listed[0]["laatsteWaarde"], listed[0]["voortgangProcent"]) == (10.5, 37)
    assert ProgressUpdate.objects.count() == 1
    future = {**progress, "peildatum": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()}
    problem = assert_problem(utrecht.post(f"/resultaten/{result['id']}/voortgangsmeldingen", future), 400)
    assert problem["invalidParams"][0]["name"] == "peildatum"
    assert ProgressUpdate.objects.count() == 1


def test_commitments_and_their_status(demo, api_for, adopted):
    zeist = api_for(demo.zeist_wethouder)
    body = {
        "deelnemer": str(demo.zeist.pk),
        "wat": "Werkinstructie aanpassen",
        "wie": str(demo.zeist_beleidsmedewerker.pk),
        "uiterlijkOp": IN_TWO_WEEKS,
    }
    assert_problem(api_for(demo.utrecht_wethouder).post(f"/doelen/{adopted.pk}/afspraken", body), 403)
    response = zeist.post(f"/doelen/{adopted.pk}/afspraken", body)
    assert response.status_code == 201, response.content
    commitment = response.json()
    response = zeist.post(f"/afspraken/{commitment['id']}/statuswijzigingen", {"status": "gedaan"})
    assert response.status_code == 201
    assert response.json()["status"] == "gedaan"
    assert response.json()["afgerondOp"] == timezone.localdate().isoformat()
    assert_problem(zeist.post(f"/afspraken/{commitment['id']}/statuswijzigingen", {"status": "klaar"}), 400)


def test_bad_goal_input_changes_nothing(demo, api_for, draft):
    put_to_partners(demo, draft)
    executive = api_for(demo.utrecht_wethouder)
    path = f"/doelen/{draft.pk}/instemmingen"
    events = AuditEvent.objects.exclude(action__startswith="api_token.")
    before = (Goal.objects.count(), Decision.objects.count(), events.count())
    for body in (
        {"deelnemer": str(demo.utrecht.pk), "besluit": "ja"},
        {"deelnemer": 12, "besluit": "instemming"},
        {"deelnemer": str(demo.utrecht.pk), "besluit": "instemming", "stem": "voor"},
        {"besluit": "instemming"},
        {"deelnemer": str(demo.other_collaboration.partners.first().pk), "besluit": "instemming"},
    ):
        assert_problem(executive.post(path, body), 400)
    assert_problem(executive.post(path, raw="{besluit: instemming}"), 400)
    assert_problem(executive.post(path + "/", {"deelnemer": str(demo.utrecht.pk), "besluit": "instemming"}), 404)
    assert_problem(api_for(demo.utrecht_wethouder, scope="lezen").post(path, {"besluit": "instemming"}), 403)
    assert (Goal.objects.count(), Decision.objects.count(), events.count()) == before


PERSONAS = [
    "facilitator",
    "utrecht_beleidsmedewerker",
    "utrecht_wethouder",
    "zeist_beleidsmedewerker",
    "zeist_wethouder",
    "de_bilt_beleidsmedewerker",
    "de_bilt_wethouder",
    "raadslid",
    "amersfoort_beleidsmedewerker",
]
WORKERS = set(PERSONAS) - {"raadslid", "amersfoort_beleidsmedewerker"}
READERS_TOO = WORKERS | {"raadslid"}
GOAL_READS = [
    ("/samenwerkingen/{c}/doelen", READERS_TOO),
    ("/doelen/{adopted}", READERS_TOO),
    ("/doelen/{adopted}/versies", READERS_TOO),
    ("/doelen/{adopted}/opbrengsten", READERS_TOO),
    ("/doelen/{adopted}/resultaten", READERS_TOO),
    ("/doelen/{adopted}/afspraken", READERS_TOO),
    ("/doelen/{adopted}/instemmingsrondes", WORKERS),
    ("/doelen/{draft}", WORKERS),
    ("/doelen/{draft}/versies", WORKERS),
    ("/resultaten/{result}/voortgangsmeldingen", READERS_TOO),
]


@pytest.fixture
def goal_ids(demo, adopted):
    draft = goals.create_goal(collaboration=demo.collaboration, by=demo.zeist_wethouder, title="Concept", text="Tekst")
    result = goals.add_result(
        goal=adopted,
        by=demo.facilitator,
        indicator="Klanttevredenheid",
        unit="cijfer",
        baseline=6,
        target=8,
        due_on=timezone.localdate() + datetime.timedelta(days=200),
        owner_partner=demo.zeist,
        owner_person=demo.zeist_beleidsmedewerker,
    )
    return {"c": demo.collaboration.pk, "adopted": adopted.pk, "draft": draft.pk, "result": result.pk}


@pytest.mark.parametrize("persona", PERSONAS)
def test_goal_reading_matrix(demo, api_for, goal_ids, persona):
    api = api_for(getattr(demo, persona), scope="lezen")
    for path, allowed in GOAL_READS:
        response = api.get(path.format(**goal_ids))
        expected = 200 if persona in allowed else 404
        assert response.status_code == expected, (persona, path, response.content[:200])


@pytest.mark.parametrize("persona", PERSONAS)
def test_deciding_matrix(demo, api_for, draft, persona):
    """Each persona decides for the partner they work for (Utrecht when they have none): only executives may."""
    put_to_partners(demo, draft)
    own = {"zeist": demo.zeist, "de_bilt": demo.de_bilt}.get(persona.rsplit("_", 1)[0], demo.utrecht)
    body = {"deelnemer": str(own.pk), "besluit": "instemming"}
    response = api_for(getattr(demo, persona)).post(f"/doelen/{draft.pk}/instemmingen", body)
    expected = {"utrecht_wethouder": 201, "zeist_wethouder": 201, "de_bilt_wethouder": 201}.get(
        persona, 404 if persona in ("raadslid", "amersfoort_beleidsmedewerker") else 403
    )
    assert response.status_code == expected, (persona, response.content[:300])
    assert Decision.objects.count() == (1 if expected == 201 else 0)


def test_a_partner_holds_another_to_account_through_the_api(demo, api_for, adopted):
    commitment = goals.add_commitment(
        goal=adopted,
        by=demo.zeist_wethouder,
        partner=demo.zeist,
        what="Werkinstructie aanpassen",
        who=demo.zeist_beleidsmedewerker,
        due_on=timezone.localdate(),
    )
    utrecht = api_for(demo.utrecht_wethouder)
    body = {"vraag": "Lukt de werkinstructie nog deze maand?", "afspraak": str(commitment.pk)}
    own = api_for(demo.zeist_wethouder).post(f"/doelen/{adopted.pk}/aanspreekverzoeken", body)
    assert assert_problem(own, 400)["detail"].startswith("Dit is van uw eigen organisatie")
    response = utrecht.post(f"/doelen/{adopted.pk}/aanspreekverzoeken", body)
    assert response.status_code == 201, response.content
    asked = response.json()
    assert (asked["namens"], asked["aan"], asked["status"]) == (str(demo.utrecht.pk), str(demo.zeist.pk), "open")

    reply = api_for(demo.zeist_beleidsmedewerker).post(
        f"/aanspreekverzoeken/{asked['id']}/reacties", {"tekst": "Ja, volgende week."}
    )
    assert reply.status_code == 201
    assert_problem(
        api_for(demo.de_bilt_wethouder).post(f"/aanspreekverzoeken/{asked['id']}/reacties", {"tekst": "?"}), 403
    )
    closing = utrecht.post(f"/aanspreekverzoeken/{asked['id']}/afrondingen", {"uitkomst": "nagekomen"})
    assert closing.status_code == 201
    assert (closing.json()["status"], closing.json()["uitkomst"], closing.json()["aantalReacties"]) == (
        "afgerond",
        "nagekomen",
        1,
    )
    listed = api_for(demo.raadslid).get(f"/doelen/{adopted.pk}/aanspreekverzoeken").json()["results"]
    assert [item["id"] for item in listed] == [asked["id"]]
    assert_problem(api_for(demo.amersfoort_beleidsmedewerker).get(f"/doelen/{adopted.pk}/aanspreekverzoeken"), 404)


def test_two_people_edit_a_draft_and_the_second_gets_a_conflict(demo, api_for, draft):
    version = api_for(demo.zeist_beleidsmedewerker).get(f"/doelen/{draft.pk}/versies").json()["results"][0]
    path = f"/doelen/{draft.pk}/versies/{version['id']}"
    mine = {
        "titel": "Vergunningen binnen 6 weken",
        "tekst": "Sneller.",
        "wijzigingsnummer": version["wijzigingsnummer"],
    }
    response = api_for(demo.zeist_beleidsmedewerker).request("put", path, data=mine, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["wijzigingsnummer"] == version["wijzigingsnummer"] + 1
    theirs = {**mine, "titel": "Vergunningen binnen 7 weken"}
    stale = api_for(demo.de_bilt_wethouder).request("put", path, data=theirs, content_type="application/json")
    assert "Iemand anders" in assert_problem(stale, 409)["detail"]
    draft.latest_version.refresh_from_db()
    assert draft.latest_version.title == "Vergunningen binnen 6 weken"
    reader = api_for(demo.raadslid).request("put", path, data=mine, content_type="application/json")
    assert_problem(reader, 404)


def test_adopting_before_every_partner_decided_is_refused_and_names_who_is_waited_for(demo, api_for, draft):
    put_to_partners(demo, draft)
    goals.record_decision(
        consent_round=draft.open_round(), partner=demo.utrecht, by=demo.utrecht_wethouder, kind="instemming"
    )

    response = api_for(demo.facilitator).post(f"/doelen/{draft.pk}/vaststellingen")

    body = assert_problem(response, 400)
    assert "Wachten op" in body["detail"]
    assert "Zeist" in body["detail"]
    draft.refresh_from_db()
    assert not draft.is_adopted
