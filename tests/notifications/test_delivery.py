"""Delivery through the task worker: immediately, exactly once, and retried when the mail server fails.

These tests commit for real (``transaction=True``): the worker is django_tasks_db's own, run in
the test's thread, and the mails arrive at a real SMTP server on 127.0.0.1.
"""

import datetime

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from samen.accounts.models import Person
from samen.notifications import delivery
from samen.notifications.models import Cadence, Event, Kind, Mail, MailStatus
from samen.notifications.services import notify
from tests.notifications.backends import StopsAfter
from tests.notifications.conftest import run_worker

pytestmark = pytest.mark.django_db(transaction=True)

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)  # a Monday


def people(count: int) -> list[Person]:
    return [
        Person.objects.create(email=f"medewerker{n}@zeist.example", full_name=f"Medewerker {n}") for n in range(count)
    ]


def weekly_events_for(everyone: list[Person], per_person: int = 2) -> None:
    for n in range(per_person):
        notify(
            kind=Kind.CHECKIN_OPEN,
            recipients=everyone,
            subject=f"Check-in {n} staat open",
            body="Hoe gaat het?",
            addressed=False,
        )


def test_addressed_event_goes_out_immediately_through_the_worker(demo, smtp):
    notify(
        kind=Kind.CONSENT_WAITING,
        recipients=[demo.utrecht_wethouder],
        subject="Instemming gevraagd: schone lucht",
        body="Geef uw besluit namens Utrecht.",
        url="/samenwerkingen/x/doelen",
        collaboration=demo.collaboration,
    )
    assert smtp.messages == [], "nothing is sent inside the request; the worker sends"

    run_worker()

    [message] = smtp.messages
    assert message["To"] == "wethouder@utrecht.example"
    assert message["Subject"] == "[Samen] Instemming gevraagd: schone lucht"
    assert "Geef uw besluit namens Utrecht." in smtp.text(message)
    assert "http://localhost:8000/samenwerkingen/x/doelen" in smtp.text(message)
    mail = Mail.objects.get()
    assert (mail.status, mail.attempts, mail.message_id) == (MailStatus.SENT, 1, message["Message-ID"])
    assert Event.objects.get().delivered_at is not None


def test_worker_stopped_between_batches_and_started_again_sends_every_digest_once(demo, smtp, monkeypatch):
    monkeypatch.setattr(delivery, "BATCH_SIZE", 5)
    everyone = people(20)
    weekly_events_for(everyone)
    call_command("send_digests", period="weekly")
    assert DBTaskResult.objects.count() == 4

    assert run_worker(max_tasks=2) == 2  # the worker is stopped after two of four batches
    assert len(smtp.messages) == 10
    run_worker()  # and started again

    assert sorted(m["To"] for m in smtp.messages) == sorted(p.email for p in everyone)
    assert len(set(smtp.message_ids())) == 20
    assert Mail.objects.filter(status=MailStatus.SENT).count() == 20


def test_worker_interrupted_in_the_middle_of_a_batch_sends_every_mail_exactly_once(demo, smtp, settings):
    everyone = people(12)
    weekly_events_for(everyone)
    call_command("send_digests", period="weekly")
    assert DBTaskResult.objects.count() == 1, "all twelve digests are one batch"
    real_smtp = settings.MAILERS
    StopsAfter.sent = 0
    settings.MAILERS = {
        "default": {**real_smtp["default"], "BACKEND": "tests.notifications.backends.StopsAfter"}
        | {"OPTIONS": {**real_smtp["default"]["OPTIONS"], "stop_after": 5, "how": "interrupt"}}
    }

    run_worker(max_tasks=1)  # Ctrl+C arrives while the sixth mail is being sent

    assert len(smtp.messages) == 5
    assert Mail.objects.filter(status=MailStatus.SENT).count() == 5
    assert Mail.objects.filter(status=MailStatus.PENDING).count() == 7, "the sixth was rolled back, not lost"

    settings.MAILERS = real_smtp
    run_worker()  # started again: the rest of the batch was handed to a new task

    assert sorted(m["To"] for m in smtp.messages) == sorted(p.email for p in everyone)
    assert len(set(smtp.message_ids())) == 12
    assert not Mail.objects.exclude(status=MailStatus.SENT).exists()
    assert Event.objects.filter(delivered_at__isnull=True).count() == 0


def test_worker_killed_in_the_middle_of_a_group_resumes_after_the_cron_run_with_the_same_message_ids(
    demo, smtp, settings
):
    with time_machine.travel(START, tick=False):
        everyone = people(8)
        weekly_events_for(everyone)
        call_command("send_digests", period="weekly")
        real_smtp = settings.MAILERS
        StopsAfter.sent = 0
        settings.MAILERS = {
            "default": {**real_smtp["default"], "BACKEND": "tests.notifications.backends.StopsAfter"}
            | {"OPTIONS": {**real_smtp["default"]["OPTIONS"], "stop_after": 3, "how": "kill"}}
        }
        run_worker(max_tasks=1)
        # A SIGKILLed worker leaves its task "running" for ever: nothing in it ran to clean up.
        DBTaskResult.objects.update(status="RUNNING", finished_at=None)
        settings.MAILERS = real_smtp
        assert len(smtp.messages) == 3

        run_worker()  # a restarted worker does not touch a task another worker claimed
        assert len(smtp.messages) == 3

    with time_machine.travel(START + delivery.STALE_AFTER + datetime.timedelta(minutes=1), tick=False):
        call_command("send_digests", requeue_stranded=True)  # the next cron run finds the stranded mails
        run_worker()

    # The three accepted before the kill were never marked sent (the group's transaction died with the
    # worker), so they go out again, as the same messages: same Message-ID, which mail programs show once.
    assert sorted({m["To"] for m in smtp.messages}) == sorted(p.email for p in everyone)
    assert len(set(smtp.message_ids())) == 8
    by_id = {}
    for message in smtp.messages:
        assert by_id.setdefault(message["Message-ID"], message["To"]) == message["To"]
    assert len(smtp.messages) - 8 <= min(3, delivery.SEND_GROUP), "at most what was in hand goes out twice"
    assert Mail.objects.filter(status=MailStatus.SENT).count() == 8


def test_two_tasks_for_the_same_mail_send_it_once(demo, smtp):
    notify(kind=Kind.SPOTLIGHT, recipients=[demo.zeist_beleidsmedewerker], subject="U staat in het zonnetje", body="")
    mail = Mail.objects.get()
    delivery.enqueue_delivery([mail.pk])  # e.g. the cron sweep and a retry at the same time

    run_worker()

    assert len(smtp.messages) == 1
    assert Mail.objects.get().attempts == 1


def test_a_failing_send_is_retried_later_and_reported(demo, smtp):
    smtp.reject_next = 1
    with time_machine.travel(START, tick=False):
        notify(kind=Kind.SIGNAL_ADDRESSED, recipients=[demo.de_bilt_beleidsmedewerker], subject="Signaal", body="")
        run_worker()

        assert smtp.messages == []
        assert smtp.rejected == 1
        mail = Mail.objects.get()
        assert (mail.status, mail.attempts) == (MailStatus.PENDING, 1)
        assert "451" in mail.last_error
        failed_task = DBTaskResult.objects.get(status="FAILED")
        assert "DeliveryFailed" in failed_task.exception_class_path
        assert "451" in failed_task.traceback, "the failed task shows staff why"
        retry = DBTaskResult.objects.get(status="READY")
        assert retry.run_after == START + delivery.RETRY_DELAYS[0]

        run_worker()  # too early for the retry
        assert smtp.messages == []

    with time_machine.travel(START + datetime.timedelta(minutes=2), tick=False):
        run_worker()

    assert [m["To"] for m in smtp.messages] == ["beleid@debilt.example"]
    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == (MailStatus.SENT, 2)


def test_a_mail_that_keeps_failing_is_given_up_and_shown_to_staff_who_can_retry_it(demo, smtp, client_for):
    smtp.reject_next = 100
    moment = START
    with time_machine.travel(moment, tick=False):
        notify(kind=Kind.SIGNAL_ADDRESSED, recipients=[demo.zeist_wethouder], subject="Signaal over kosten", body="")
        run_worker()
    for _attempt in range(delivery.MAX_ATTEMPTS - 1):
        moment += datetime.timedelta(hours=3)
        with time_machine.travel(moment, tick=False):
            run_worker()
    mail = Mail.objects.get()
    assert (mail.status, mail.attempts) == (MailStatus.FAILED, delivery.MAX_ATTEMPTS)
    assert smtp.rejected == delivery.MAX_ATTEMPTS
    assert not DBTaskResult.objects.filter(status="READY").exists(), "no endless retrying"

    assert client_for(demo.zeist_wethouder).get("/meldingen/verzending").status_code == 403
    staff = Person.objects.create(email="beheer@samen.example", full_name="Bea Beheer", is_staff=True)
    page = client_for(staff).get("/meldingen/verzending")
    assert page.status_code == 200
    assert "Zeger Wethouder" in page.text
    assert "451" in page.text

    smtp.reject_next = 0
    client_for(staff).post("/meldingen/verzending", {"mail": str(mail.pk)})
    run_worker()
    assert [m["To"] for m in smtp.messages] == ["wethouder@zeist.example"]
    assert Mail.objects.get().status == MailStatus.SENT


def test_digest_for_someone_who_left_is_not_sent(demo, smtp):
    weekly_events_for([demo.raadslid])
    call_command("send_digests", period="weekly")
    Person.objects.filter(pk=demo.raadslid.pk).update(is_active=False)

    run_worker()

    assert smtp.messages == []
    assert Mail.objects.get().status == MailStatus.CANCELLED


def test_immediate_mail_reaches_the_worker_before_digests(demo, smtp):
    weekly_events_for(people(3))
    call_command("send_digests", period="weekly")
    notify(kind=Kind.CONSENT_WAITING, recipients=[demo.utrecht_wethouder], subject="Dringend", body="")

    run_worker()

    assert smtp.messages[0]["Subject"] == "[Samen] Dringend"
    assert Mail.objects.filter(cadence=Cadence.IMMEDIATELY).get().status == MailStatus.SENT


@pytest.mark.django_db
def test_the_cron_command_needs_a_period():
    with pytest.raises(CommandError, match="Geef --period daily of --period weekly"):
        call_command("send_digests")
