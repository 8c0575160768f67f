"""Check-ins through the API: the facilitator plans, contacts answer anonymously, the outcome is aggregates only."""

import datetime

import pytest
from django.utils import timezone

from samen.audit.models import AuditEvent
from samen.experiences.models import CheckIn, CheckInResponse
from tests.api.conftest import assert_problem

pytestmark = pytest.mark.django_db

SCORES = {"voortgang": 4, "vertrouwen": 3, "openheid": 4, "eerlijkeVerdeling": 2, "gehoordWorden": 3,
          "gedeeldEigenaarschap": 4}  # fmt: skip


def plan_today(demo, api_for) -> dict:
    response = api_for(demo.facilitator).post(
        f"/samenwerkingen/{demo.collaboration.pk}/check-ins",
        {"eersteOpenOp": timezone.localdate().isoformat(), "dagenOpen": 7, "titel": "Voortgangsgesprek"},
    )
    assert response.status_code == 201, response.content
    return response.json()[0]


def test_the_facilitator_plans_a_series_of_check_ins(demo, api_for):
    start = timezone.localdate() + datetime.timedelta(days=3)
    response = api_for(demo.facilitator).post(
        f"/samenwerkingen/{demo.collaboration.pk}/check-ins",
        {"eersteOpenOp": start.isoformat(), "aantal": 3, "tussenpoosWeken": 6, "dagenOpen": 10},
    )
    assert response.status_code == 201
    assert [c["openVanaf"] for c in response.json()] == [
        (start + datetime.timedelta(weeks=6 * n)).isoformat() for n in range(3)
    ]
    assert AuditEvent.objects.filter(action="checkin.scheduled").count() == 3


def test_a_contact_cannot_plan_check_ins(demo, api_for):
    response = api_for(demo.utrecht_beleidsmedewerker).post(
        f"/samenwerkingen/{demo.collaboration.pk}/check-ins", {"eersteOpenOp": timezone.localdate().isoformat()}
    )
    body = assert_problem(response, 403)
    assert "facilitator" in body["detail"]
    assert not CheckIn.objects.exists()


def test_a_contact_answers_once_and_the_answer_cannot_be_read_back(demo, api_for):
    checkin = plan_today(demo, api_for)
    api = api_for(demo.zeist_beleidsmedewerker)
    answer = {"deelnemer": str(demo.zeist.pk), "scores": SCORES, "watSchuurt": "De verdeelsleutel voelt scheef."}

    first = api.post(f"/check-ins/{checkin['id']}/antwoorden", answer)
    again = api.post(f"/check-ins/{checkin['id']}/antwoorden", answer)

    assert first.status_code == 204
    assert first.content == b""
    assert "al ingevuld" in assert_problem(again, 400)["detail"]
    assert CheckInResponse.objects.count() == 1
    listing = api_for(demo.facilitator).get(f"/samenwerkingen/{demo.collaboration.pk}/check-ins").content.decode()
    assert "verdeelsleutel" not in listing
    event = AuditEvent.objects.get(action="checkin.answered")
    assert event.after == {"answered": True}


def test_answering_for_another_partner_is_refused(demo, api_for):
    checkin = plan_today(demo, api_for)
    response = api_for(demo.zeist_beleidsmedewerker).post(
        f"/check-ins/{checkin['id']}/antwoorden", {"deelnemer": str(demo.utrecht.pk), "scores": SCORES}
    )
    assert_problem(response, 403)
    assert not CheckInResponse.objects.exists()


def test_bad_scores_are_refused_per_field_in_dutch(demo, api_for):
    checkin = plan_today(demo, api_for)
    response = api_for(demo.zeist_beleidsmedewerker).post(
        f"/check-ins/{checkin['id']}/antwoorden",
        {"deelnemer": str(demo.zeist.pk), "scores": {**SCORES, "vertrouwen": 9}},
    )
    body = assert_problem(response, 400)
    assert [p["name"] for p in body["invalidParams"]] == ["scores.vertrouwen"]
    assert not CheckInResponse.objects.exists()


def test_closing_shows_the_totals_but_not_a_partner_under_three(demo, api_for):
    checkin = plan_today(demo, api_for)
    for person, partner in (
        (demo.utrecht_beleidsmedewerker, demo.utrecht),
        (demo.utrecht_wethouder, demo.utrecht),
        (demo.zeist_beleidsmedewerker, demo.zeist),
    ):
        api_for(person).post(f"/check-ins/{checkin['id']}/antwoorden", {"deelnemer": str(partner.pk), "scores": SCORES})

    closed = api_for(demo.facilitator).post(f"/check-ins/{checkin['id']}/sluitingen")

    assert closed.status_code == 200
    data = closed.json()
    assert data["status"] == "gesloten"
    assert data["respondenten"] == 3
    assert all(row["gemiddelden"] is None for row in data["perDeelnemer"])
