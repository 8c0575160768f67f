"""Digests sent in groups: each person's digest once, only what they may still see, in a fixed number of queries.

These tests commit for real where the worker runs (``transaction=True``); the mails arrive at a real SMTP
server on 127.0.0.1 (see ``conftest``).
"""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samen.accounts.models import Person
from samen.collaborations.models import Role
from samen.notifications import delivery
from samen.notifications.digests import assemble_digests
from samen.notifications.models import Event, Kind, Mail, MailStatus
from samen.notifications.services import notify
from tests.notifications.conftest import run_worker


def people(count: int, prefix: str = "lid") -> list[Person]:
    return [Person.objects.create(email=f"{prefix}{n}@houten.example", full_name=f"Lid {n}") for n in range(count)]


def weekly(everyone: list[Person], subject: str = "Check-in staat open", **extra) -> None:
    notify(kind=Kind.CHECKIN_OPEN, recipients=everyone, subject=subject, body="Hoe gaat het?", addressed=False, **extra)


@pytest.mark.django_db(transaction=True)
def test_sending_the_same_digests_again_sends_nothing_twice(demo, smtp, monkeypatch):
    monkeypatch.setattr(delivery, "SEND_GROUP", 3)
    everyone = people(10)
    weekly(everyone)
    call_command("send_digests", period="weekly")
    mail_ids = [str(pk) for pk in Mail.objects.values_list("pk", flat=True)]
    delivery.enqueue_delivery(mail_ids)  # a cron sweep and a retry queue the same mails again

    run_worker()
    assert delivery.deliver_batch(mail_ids) == {"skipped": 10}  # and a task run by hand once more
    call_command("send_digests", period="weekly")
    run_worker()

    assert sorted(m["To"] for m in smtp.messages) == sorted(p.email for p in everyone)
    assert sorted(smtp.message_ids()) == sorted(Mail.objects.values_list("message_id", flat=True))
    assert Mail.objects.filter(status=MailStatus.SENT, attempts=1).count() == 10


@pytest.mark.django_db(transaction=True)
def test_a_message_the_server_refuses_in_a_group_is_retried_alone(demo, smtp, monkeypatch):
    monkeypatch.setattr(delivery, "SEND_GROUP", 4)
    everyone = people(6)
    weekly(everyone)
    call_command("send_digests", period="weekly")
    smtp.reject_next = 1

    run_worker()  # the first of the group is refused; the other five go out and are marked sent

    assert len(smtp.messages) == 5
    refused = Mail.objects.get(status=MailStatus.PENDING)
    assert refused.attempts == 1
    assert "451" in refused.last_error
    delivery.deliver_batch([str(refused.pk)])  # the retry, without waiting for its delay
    assert sorted(m["To"] for m in smtp.messages) == sorted(p.email for p in everyone)
    assert len(set(smtp.message_ids())) == 6


@pytest.mark.django_db(transaction=True)
def test_someone_who_left_a_collaboration_gets_no_digest_lines_about_it(demo, smtp):
    person = demo.zeist_beleidsmedewerker
    weekly([person], subject="Nieuwe check-in in de regio", collaboration=demo.collaboration)
    weekly([person], subject="Uw voorkeuren zijn bijgewerkt")
    Role.objects.filter(person=person, collaboration=demo.collaboration).delete()  # left after the event

    call_command("send_digests", period="weekly")
    run_worker()

    [digest] = smtp.messages
    text = smtp.text(digest)
    assert "Uw voorkeuren zijn bijgewerkt" in text
    assert "Nieuwe check-in in de regio" not in text
    assert demo.collaboration.name not in text
    assert "1 melding" in digest["Subject"]
    kept_back = Event.objects.get(subject="Nieuwe check-in in de regio")
    assert kept_back.delivered_at is None


@pytest.mark.django_db(transaction=True)
def test_a_digest_with_only_lines_about_a_left_collaboration_is_not_sent(demo, smtp):
    person = demo.de_bilt_beleidsmedewerker
    weekly([person], subject="Nieuwe check-in in de regio", collaboration=demo.collaboration)
    Role.objects.filter(person=person).delete()

    call_command("send_digests", period="weekly")
    run_worker()

    assert smtp.messages == []
    assert Mail.objects.get().status == MailStatus.CANCELLED


@pytest.mark.django_db(transaction=True)
def test_staff_keep_getting_notifications_about_any_collaboration(demo, smtp):
    staff = Person.objects.create(email="beheer@samen.example", full_name="Bea Beheer", is_staff=True)
    weekly([staff], subject="Nieuwe check-in in de regio", collaboration=demo.collaboration)

    call_command("send_digests", period="weekly")
    run_worker()

    [digest] = smtp.messages
    assert "Nieuwe check-in in de regio" in smtp.text(digest)


@pytest.mark.django_db
def test_sending_a_batch_takes_the_same_queries_for_five_or_fifty_digests(demo, settings, monkeypatch):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    monkeypatch.setattr(delivery, "SEND_GROUP", 100)
    counts = []
    for size, prefix in ((5, "klein"), (50, "groot")):
        readers = people(size, prefix)
        for person in readers:
            Role.objects.create(person=person, collaboration=demo.collaboration, partner=demo.utrecht, kind="lezer")
        weekly(readers, collaboration=demo.collaboration)
        weekly(
            readers,
            subject="Begroting",
            calendar={"start": timezone.now() + datetime.timedelta(days=3), "summary": "Raad"},
        )
        mail_ids = assemble_digests("weekly")
        with CaptureQueriesContext(connection) as captured:
            outcome = delivery.deliver_batch(mail_ids)
        assert outcome == {"sent": size}
        counts.append(len(captured))
    assert counts[0] == counts[1]


@pytest.mark.django_db(transaction=True)
def test_a_digest_that_cannot_be_written_does_not_hold_up_the_others(demo, smtp, monkeypatch):
    everyone = people(4)
    weekly(everyone)
    call_command("send_digests", period="weekly")
    real_compose = delivery.compose

    def compose(mail, events, *, message_id):
        if mail.recipient.email == everyone[1].email:
            raise ValueError("Onleesbare agendagegevens")
        return real_compose(mail, events, message_id=message_id)

    monkeypatch.setattr(delivery, "compose", compose)
    run_worker()

    assert sorted(m["To"] for m in smtp.messages) == sorted(p.email for p in everyone if p != everyone[1])
    stuck = Mail.objects.get(recipient=everyone[1])
    assert (stuck.status, stuck.attempts) == (MailStatus.PENDING, 1)
    assert "Onleesbare agendagegevens" in stuck.last_error
