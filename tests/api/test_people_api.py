"""Invitations, notification preferences and the calendar link through the API."""

import pytest
from django.core import mail
from django.utils import timezone

from samen.accounts.models import Invitation
from samen.audit.models import AuditEvent
from samen.notifications.models import CalendarFeed, Preference
from tests.api.conftest import assert_problem

pytestmark = pytest.mark.django_db


def test_the_facilitator_invites_and_the_link_goes_only_by_mail(demo, api_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_for(demo.facilitator).post(
            f"/samenwerkingen/{demo.collaboration.pk}/uitnodigingen",
            {
                "email": "Nieuw@Zeist.example",
                "naam": "Noor Nieuw",
                "soort": "ambtelijk",
                "deelnemer": str(demo.zeist.pk),
            },
        )
    assert response.status_code == 201, response.content
    invitation = Invitation.objects.get()
    assert invitation.email == "nieuw@zeist.example"
    assert "uitnodiging/" not in response.content.decode()
    assert len(mail.outbox) == 1

    revoked = api_for(demo.facilitator).post(
        f"/samenwerkingen/{demo.collaboration.pk}/uitnodigingen/{invitation.pk}/intrekkingen"
    )
    assert revoked.json()["ingetrokkenOp"] is not None
    assert AuditEvent.objects.filter(action="invitation.revoked").exists()


def test_a_contact_cannot_invite(demo, api_for):
    response = api_for(demo.zeist_beleidsmedewerker).post(
        f"/samenwerkingen/{demo.collaboration.pk}/uitnodigingen", {"email": "x@zeist.example", "soort": "lezer"}
    )
    assert_problem(response, 403)
    assert not Invitation.objects.exists()


def test_a_bad_address_is_refused_in_dutch(demo, api_for):
    response = api_for(demo.facilitator).post(
        f"/samenwerkingen/{demo.collaboration.pk}/uitnodigingen", {"email": "geen-adres", "soort": "lezer"}
    )
    body = assert_problem(response, 400)
    assert body["invalidParams"][0]["name"] == "email"


def test_a_person_changes_only_their_own_preferences(demo, api_for):
    api = api_for(demo.zeist_wethouder)
    before = api.get("/meldingsvoorkeuren").json()
    assert before["signalAddressed"] == "default"

    changed = api.client.patch(
        "/api/v1/meldingsvoorkeuren",
        {"signalAddressed": "weekly", "checkinOpen": "off"},
        content_type="application/json",
        headers=api.headers,
    )

    assert changed.status_code == 200
    assert changed.json()["signalAddressed"] == "weekly"
    assert Preference.objects.filter(person=demo.zeist_wethouder).count() == 2
    assert not Preference.objects.exclude(person=demo.zeist_wethouder).exists()


def test_an_unknown_cadence_changes_nothing(demo, api_for):
    api = api_for(demo.zeist_wethouder)
    response = api.client.patch(
        "/api/v1/meldingsvoorkeuren",
        {"signalAddressed": "elk uur"},
        content_type="application/json",
        headers=api.headers,
    )
    assert_problem(response, 400)
    assert not Preference.objects.exists()


def test_the_calendar_link_is_shown_once_and_can_be_revoked(demo, api_for):
    api = api_for(demo.utrecht_beleidsmedewerker)
    made = api.post("/agendalinks")
    assert made.status_code == 201
    assert "/agenda/" in made.json()["url"]
    assert CalendarFeed.objects.active().filter(person=demo.utrecht_beleidsmedewerker).count() == 1

    assert api.delete("/agendalinks").status_code == 204
    assert not CalendarFeed.objects.active().exists()
    assert_problem(api.delete("/agendalinks"), 400)


def test_the_facilitator_records_that_a_partner_leaves_and_joins_again(demo, api_for):

    from samen.collaborations.models import Partner

    api = api_for(demo.facilitator)
    today = timezone.localdate()
    left = api.post(
        f"/samenwerkingen/{demo.collaboration.pk}/uittredingen",
        {"organisatie": str(demo.de_bilt.organisation_id), "datum": today.isoformat(), "reden": "Raadsbesluit"},
    )
    assert left.status_code == 200, left.content
    assert left.json()["huidig"] is False
    assert AuditEvent.objects.filter(action="partner.left").exists()
    twice = api.post(
        f"/samenwerkingen/{demo.collaboration.pk}/uittredingen",
        {"organisatie": str(demo.de_bilt.organisation_id), "datum": today.isoformat(), "reden": "Nogmaals"},
    )
    assert_problem(twice, 400)

    refused = api_for(demo.utrecht_wethouder).post(
        f"/samenwerkingen/{demo.collaboration.pk}/toetredingen",
        {"organisatie": str(demo.de_bilt.organisation_id), "datum": today.isoformat(), "reden": "Terug"},
    )
    assert_problem(refused, 403)
    assert not Partner.objects.get(pk=demo.de_bilt.pk).is_current
