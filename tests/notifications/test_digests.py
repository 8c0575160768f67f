"""Digests instead of floods: a person's waiting events of a day or week become one mail."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from samen.notifications.digests import assemble_digests
from samen.notifications.mails import DIGEST_MAX_ITEMS, compose
from samen.notifications.models import Event, Kind, Mail, MailStatus
from samen.notifications.services import notify
from tests.notifications.conftest import run_worker

MONDAY = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)


@pytest.mark.django_db(transaction=True)
def test_fifty_events_for_one_person_in_a_week_become_one_digest_mail(demo, smtp):
    person = demo.utrecht_beleidsmedewerker
    kinds = [Kind.CHECKIN_OPEN, Kind.SPOTLIGHT, Kind.PC_REMINDER, Kind.CELEBRATION_PROMPT, Kind.OTHER]
    for n in range(50):
        with time_machine.travel(MONDAY + datetime.timedelta(hours=3 * n), tick=False):
            notify(
                kind=kinds[n % len(kinds)],
                recipients=[person],
                subject=f"Gebeurtenis nummer {n:02d}",
                body="Er is iets gebeurd in de samenwerking.",
                collaboration=demo.collaboration,
                addressed=False,
            )
            run_worker()
    assert smtp.messages == [], "nothing during the week"

    with time_machine.travel(MONDAY + datetime.timedelta(days=7), tick=False):
        call_command("send_digests", period="weekly")
        run_worker()
        call_command("send_digests", period="weekly")  # cron running twice sends nothing twice
        run_worker()

    [digest] = smtp.messages
    assert digest["To"] == person.email
    assert digest["Subject"] == "[Samen] Uw wekelijkse overzicht: 50 meldingen"
    text = smtp.text(digest)
    for n in range(50):
        assert f"Gebeurtenis nummer {n:02d}" in text
    assert text.count("Hierover geen e-mail meer:") == len(kinds), "an unsubscribe link per kind"
    assert "http://localhost:8000/meldingen/voorkeuren" in text
    assert Event.objects.filter(delivered_at__isnull=True).count() == 0
    assert Mail.objects.get().status == MailStatus.SENT


@pytest.mark.django_db(transaction=True)
def test_daily_and_weekly_digests_are_separate_and_in_the_persons_language(demo, smtp):
    person = demo.zeist_beleidsmedewerker
    person.language = "en"
    person.save()
    from samen.notifications.services import set_preferences

    set_preferences(person=person, by=person, choices={Kind.SPOTLIGHT: "daily"})
    with time_machine.travel(MONDAY, tick=False):
        notify(kind=Kind.SPOTLIGHT, recipients=[person], subject="Zonnetje", body="", addressed=False)
        notify(kind=Kind.PC_REMINDER, recipients=[person], subject="Begroting", body="", addressed=False)
        call_command("send_digests", period="daily")
        run_worker()

    [daily] = smtp.messages
    assert "Zonnetje" in smtp.text(daily)
    assert "Begroting" not in smtp.text(daily)
    assert "2 March 2026" in smtp.text(daily), "dates in the person's language"
    assert daily["Content-Language"] == "en"


@pytest.mark.django_db
def test_a_very_long_digest_lists_a_hundred_and_points_to_the_rest(demo):
    for n in range(DIGEST_MAX_ITEMS + 20):
        notify(kind=Kind.OTHER, recipients=[demo.raadslid], subject=f"Bericht {n}", body="", addressed=False)
    [mail_id] = assemble_digests("weekly")
    mail = Mail.objects.select_related("recipient").get(pk=mail_id)

    message = compose(mail, list(mail.events.all()), message_id="<test@samen>")

    assert "Uw wekelijkse overzicht: 120 meldingen" in message.subject
    assert message.body.count("\n- Bericht") == DIGEST_MAX_ITEMS
    assert "En nog 20 meldingen. Bekijk alles op http://localhost:8000/meldingen" in message.body


@pytest.mark.django_db
def test_assembling_ties_each_waiting_event_to_exactly_one_digest(demo):
    notify(kind=Kind.OTHER, recipients=[demo.raadslid, demo.facilitator], subject="A", body="", addressed=False)
    notify(kind=Kind.OTHER, recipients=[demo.raadslid], subject="B", body="", addressed=False)
    first = assemble_digests("weekly")
    second = assemble_digests("weekly")
    assert len(first) == 2
    assert second == []
    assert Mail.objects.get(recipient=demo.raadslid).events.count() == 2
    assert assemble_digests("daily") == []
