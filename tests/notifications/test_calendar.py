"""Calendar: an .ics for check-ins and deadlines, and a personal feed behind a secret, revocable link."""

import datetime
import hashlib

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samen.audit.models import AuditEvent
from samen.notifications import ics
from samen.notifications.models import CalendarFeed, Kind
from samen.notifications.services import create_calendar_feed, notify, revoke_calendar_feed

NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def unfold(text: str) -> str:
    return text.replace("\r\n ", "")


def test_ics_text_is_escaped_and_long_lines_are_folded_at_75_octets_without_splitting_characters():
    summary = "Check-in; RUD, Utrecht\\Oost\nronde 2 – " + "één " * 30
    text = ics.calendar(
        [
            ics.CalendarItem(uid="a@samen", start=NOW, end=NOW + datetime.timedelta(hours=1), summary=summary),
            ics.CalendarItem(uid="b@samen", start=datetime.date(2026, 4, 1), end=None, summary="Termijn"),
        ],
        now=NOW,
    )
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    for line in text.split("\r\n"):
        line.encode().decode()  # every folded piece is whole UTF-8
    unfolded = unfold(text)
    assert "SUMMARY:Check-in\\; RUD\\, Utrecht\\\\Oost\\nronde 2 – " + "één " * 30 + "\r\n" in unfolded
    assert "DTSTART:20260302T090000Z\r\nDTEND:20260302T100000Z" in unfolded
    assert "DTSTART;VALUE=DATE:20260401" in unfolded
    assert unfolded.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")


@pytest.mark.django_db(transaction=True)
def test_a_check_in_mail_carries_an_ics_attachment(demo, smtp):
    from tests.notifications.conftest import run_worker

    start = datetime.datetime(2026, 3, 20, 14, 0, tzinfo=datetime.UTC)
    notify(
        kind=Kind.CHECKIN_OPEN,
        recipients=[demo.zeist_wethouder],
        subject="Check-in van maart",
        body="",
        calendar={"start": start, "end": start + datetime.timedelta(minutes=30), "summary": "Check-in RUD"},
    )
    run_worker()
    ics_bytes = smtp.calendar(smtp.messages[0])
    assert ics_bytes is not None
    text = unfold(ics_bytes.decode())
    assert "METHOD:PUBLISH\r\n" in text
    assert "DTSTART:20260320T140000Z\r\nDTEND:20260320T143000Z\r\n" in text
    assert "SUMMARY:Check-in RUD\r\n" in text


@pytest.mark.django_db
def test_the_feed_lists_my_upcoming_check_ins_and_deadlines_only(demo, client):
    with time_machine.travel(NOW, tick=False):
        me = demo.utrecht_beleidsmedewerker
        notify(
            kind=Kind.CHECKIN_OPEN,
            recipients=[me],
            subject="Check-in",
            body="Hoe gaat het, met elkaar?",
            url="/samenwerkingen/1/checkins",
            calendar={"start": NOW + datetime.timedelta(days=3), "summary": "Check-in maart"},
        )
        notify(
            kind=Kind.CONSENT_WAITING,
            recipients=[me],
            subject="Instemming",
            body="",
            calendar={"start": datetime.date(2026, 3, 31), "summary": "Termijn instemming doel 2"},
        )
        notify(
            kind=Kind.CHECKIN_OPEN,
            recipients=[me],
            subject="Oud",
            body="",
            calendar={"start": NOW - datetime.timedelta(days=3), "summary": "Check-in van vorige week"},
        )
        notify(kind=Kind.SPOTLIGHT, recipients=[me], subject="Zonder agenda", body="")
        notify(
            kind=Kind.CHECKIN_OPEN,
            recipients=[demo.zeist_beleidsmedewerker],
            subject="Van iemand anders",
            body="",
            calendar={"start": NOW + datetime.timedelta(days=1), "summary": "Check-in van Zeist"},
        )
        token = create_calendar_feed(person=me, by=me)
        response = client.get(f"/agenda/{token}.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = unfold(response.content.decode())
    assert text.count("BEGIN:VEVENT") == 2
    assert text.index("SUMMARY:Check-in maart") < text.index("SUMMARY:Termijn instemming doel 2")
    assert "DESCRIPTION:Hoe gaat het\\, met elkaar?\\n\\nhttp://localhost:8000/samenwerkingen/1/checkins" in text
    assert "DTSTART;VALUE=DATE:20260331\r\nDTEND;VALUE=DATE:20260401" in text
    assert "vorige week" not in text
    assert "Zeist" not in text
    assert "Zonder agenda" not in text


@pytest.mark.django_db
def test_the_token_is_stored_only_as_a_hash_and_revoking_gives_404_without_data(demo, client):
    me = demo.de_bilt_wethouder
    notify(
        kind=Kind.CHECKIN_OPEN,
        recipients=[me],
        subject="Check-in",
        body="",
        calendar={"start": datetime.datetime(2099, 1, 1, 10, 0, tzinfo=datetime.UTC), "summary": "Geheime check-in"},
    )
    token = create_calendar_feed(person=me, by=me)
    feed = CalendarFeed.objects.get()
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in feed.token_hash
    assert client.get(f"/agenda/{token}.ics").status_code == 200

    revoke_calendar_feed(person=me, by=me)
    response = client.get(f"/agenda/{token}.ics")

    assert response.status_code == 404
    assert b"Geheime check-in" not in response.content
    assert b"VCALENDAR" not in response.content
    assert client.get("/agenda/verzonnen-token.ics").status_code == 404
    actions = list(AuditEvent.objects.order_by("at").values_list("action", flat=True))
    assert actions[-2:] == ["notifications.calendar_feed_created", "notifications.calendar_feed_revoked"]


@pytest.mark.django_db
def test_a_new_link_replaces_the_old_one(demo, client):
    me = demo.facilitator
    old = create_calendar_feed(person=me, by=me)
    new = create_calendar_feed(person=me, by=me)
    assert client.get(f"/agenda/{old}.ics").status_code == 404
    assert client.get(f"/agenda/{new}.ics").status_code == 200
    assert CalendarFeed.objects.active().count() == 1


@pytest.mark.django_db
def test_the_calendar_link_page_shows_a_new_link_once_and_revokes_it(demo, client_for):
    client = client_for(demo.zeist_wethouder)
    assert "U hebt geen actieve agendalink." in client.get("/meldingen/agenda").text

    created = client.post("/meldingen/agenda", {"actie": "maken"})
    url = created.context["new_url"]
    assert url.startswith("http://localhost:8000/agenda/")
    assert url in created.text
    assert created["Cache-Control"].startswith("max-age=0")
    again = client.get("/meldingen/agenda")
    assert url not in again.text
    assert "Actief sinds" in again.text

    client.post("/meldingen/agenda", {"actie": "intrekken"})
    assert client.get(url.removeprefix("http://localhost:8000")).status_code == 404


@pytest.mark.django_db
def test_calendar_link_page_bad_input_gets_a_dutch_message_and_changes_nothing(demo, client_for):
    client = client_for(demo.zeist_wethouder)
    response = client.post("/meldingen/agenda", {"actie": "alles-wissen"})
    assert response.status_code == 400
    assert "Onbekende actie" in response.text
    response = client.post("/meldingen/agenda", {"actie": "intrekken"})
    assert "U hebt geen agendalink die u kunt intrekken." in response.text
    assert not CalendarFeed.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="notifications.calendar").exists()


@pytest.mark.django_db
def test_the_same_check_in_notified_again_appears_once_at_its_new_time(demo, client):
    me = demo.utrecht_wethouder
    first = datetime.datetime(2099, 3, 10, 10, 0, tzinfo=datetime.UTC)
    for start in (first, first + datetime.timedelta(days=2)):
        notify(
            kind=Kind.CHECKIN_OPEN,
            recipients=[me],
            subject="Check-in",
            body="",
            calendar={"start": start, "summary": "Check-in", "uid": "checkin-42@samen"},
        )
    token = create_calendar_feed(person=me, by=me)
    text = unfold(client.get(f"/agenda/{token}.ics").content.decode())
    assert text.count("BEGIN:VEVENT") == 1
    assert "UID:checkin-42@samen" in text
    assert "DTSTART:20990312T100000Z" in text


@pytest.mark.django_db
def test_the_feed_costs_the_same_queries_with_ten_times_the_events(demo, client):
    me = demo.zeist_beleidsmedewerker
    token = create_calendar_feed(person=me, by=me)

    def add(count: int) -> None:
        for n in range(count):
            notify(
                kind=Kind.CHECKIN_OPEN,
                recipients=[me],
                subject=f"Check-in {n}",
                body="",
                calendar={"start": datetime.datetime(2099, 1, 1 + n % 28, 10, 0, tzinfo=datetime.UTC)},
            )

    add(3)
    with CaptureQueriesContext(connection) as small:
        assert client.get(f"/agenda/{token}.ics").status_code == 200
    add(27)
    with CaptureQueriesContext(connection) as large:
        response = client.get(f"/agenda/{token}.ics")
    assert response.content.decode().count("BEGIN:VEVENT") == 30
    assert len(large) == len(small)
