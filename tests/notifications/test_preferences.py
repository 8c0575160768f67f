"""Per person and per kind: immediately, daily digest, weekly digest or off; the default
sends what is addressed to me at once and the rest in the weekly digest."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils.translation import gettext_lazy

from samen.audit.models import AuditEvent
from samen.notifications.models import Cadence, Event, Kind, Mail, Preference
from samen.notifications.services import notify, set_preferences
from tests.notifications.conftest import run_worker


@pytest.mark.django_db
def test_without_a_choice_what_is_addressed_to_me_comes_at_once_and_the_rest_weekly(demo):
    [addressed] = notify(
        kind=Kind.SIGNAL_ADDRESSED, recipients=[demo.zeist_beleidsmedewerker], subject="Signaal aan Zeist", body=""
    )
    [other] = notify(
        kind=Kind.SIGNAL_ADDRESSED,
        recipients=[demo.zeist_beleidsmedewerker],
        subject="Signaal",
        body="",
        addressed=False,
    )
    assert addressed.cadence == Cadence.IMMEDIATELY
    assert addressed.mail is not None
    assert other.cadence == Cadence.WEEKLY
    assert other.mail is None


@pytest.mark.django_db(transaction=True)
def test_preferences_are_respected_in_what_arrives(demo, smtp):
    set_preferences(
        person=demo.zeist_beleidsmedewerker, by=demo.zeist_beleidsmedewerker, choices={Kind.CHECKIN_OPEN: "off"}
    )
    set_preferences(
        person=demo.utrecht_beleidsmedewerker, by=demo.utrecht_beleidsmedewerker, choices={Kind.CHECKIN_OPEN: "daily"}
    )
    set_preferences(person=demo.zeist_wethouder, by=demo.zeist_wethouder, choices={Kind.CHECKIN_OPEN: "weekly"})
    set_preferences(person=demo.de_bilt_wethouder, by=demo.de_bilt_wethouder, choices={Kind.SPOTLIGHT: "off"})
    recipients = [
        demo.zeist_beleidsmedewerker,
        demo.utrecht_beleidsmedewerker,
        demo.zeist_wethouder,
        demo.de_bilt_wethouder,
    ]
    notify(kind=Kind.CHECKIN_OPEN, recipients=recipients, subject="De check-in van maart staat open", body="")

    run_worker()
    assert [m["To"] for m in smtp.messages] == ["wethouder@debilt.example"], "only the default goes out at once"

    call_command("send_digests", period="daily")
    run_worker()
    assert [m["To"] for m in smtp.messages[1:]] == ["beleid@utrecht.example"]

    call_command("send_digests", period="weekly")
    run_worker()
    assert [m["To"] for m in smtp.messages[2:]] == ["wethouder@zeist.example"]
    assert not smtp.to("beleid@zeist.example"), "off means no e-mail at all"
    assert "De check-in van maart staat open" in smtp.text(smtp.messages[2])


@pytest.mark.django_db
def test_the_preferences_page_has_a_choice_per_kind_and_saves_it_with_an_audit_record(demo, client_for):
    client = client_for(demo.utrecht_wethouder)
    page = client.get("/meldingen/voorkeuren")
    assert page.status_code == 200
    for kind in Kind:
        assert f'name="{kind.value}-cadence"' in page.text
    choices = {f"{kind.value}-cadence": "default" for kind in Kind}
    choices["spotlight-cadence"] = "daily"
    choices["pc_reminder-cadence"] = "off"

    response = client.post("/meldingen/voorkeuren", choices, follow=True)

    assert "Uw voorkeuren zijn opgeslagen." in response.text
    assert Preference.objects.cadences_of(demo.utrecht_wethouder) == {"spotlight": "daily", "pc_reminder": "off"}
    changes = AuditEvent.objects.filter(action="notifications.preference_changed")
    assert sorted(e.after["kind"] for e in changes) == ["pc_reminder", "spotlight"]
    assert all(e.actor == demo.utrecht_wethouder for e in changes)

    choices["spotlight-cadence"] = "default"
    client.post("/meldingen/voorkeuren", choices)
    assert Preference.objects.cadences_of(demo.utrecht_wethouder) == {"pc_reminder": "off"}


@pytest.mark.django_db
def test_an_unknown_preference_value_gets_a_dutch_message_and_changes_nothing(demo, client_for):
    set_preferences(person=demo.zeist_wethouder, by=demo.zeist_wethouder, choices={Kind.SPOTLIGHT: "weekly"})
    audit_before = AuditEvent.objects.count()
    choices = {f"{kind.value}-cadence": "default" for kind in Kind}
    choices["spotlight-cadence"] = "daily"  # a valid change ...
    choices["checkin_open-cadence"] = "elk-uur"  # ... next to a value that does not exist

    response = client_for(demo.zeist_wethouder).post("/meldingen/voorkeuren", choices)

    assert response.status_code == 400
    assert "Onbekende keuze “elk-uur”" in response.text
    assert "Er is niets opgeslagen" in response.text
    assert Preference.objects.cadences_of(demo.zeist_wethouder) == {"spotlight": "weekly"}
    assert AuditEvent.objects.count() == audit_before


@pytest.mark.django_db
def test_the_service_refuses_unknown_values_and_kinds_and_other_peoples_preferences(demo):
    with pytest.raises(ValidationError) as error:
        set_preferences(
            person=demo.raadslid, by=demo.raadslid, choices={Kind.SPOTLIGHT: "daily", Kind.CHECKIN_OPEN: "sometimes"}
        )
    assert "Onbekende keuze “sometimes”" in str(error.value)
    with pytest.raises(ValidationError, match="Onbekende soort melding"):
        set_preferences(person=demo.raadslid, by=demo.raadslid, choices={"gossip": "daily"})
    with pytest.raises(PermissionDenied):
        set_preferences(person=demo.raadslid, by=demo.facilitator, choices={Kind.SPOTLIGHT: "off"})
    assert not Preference.objects.exists()


@pytest.mark.django_db
def test_switching_a_kind_off_drops_what_waits_for_the_digest_and_switching_to_immediately_sends_the_backlog_daily(
    demo,
):
    person = demo.de_bilt_beleidsmedewerker
    for n in range(3):
        notify(kind=Kind.PC_REMINDER, recipients=[person], subject=f"Herinnering {n}", body="", addressed=False)
        notify(kind=Kind.SPOTLIGHT, recipients=[person], subject=f"Zonnetje {n}", body="", addressed=False)

    set_preferences(person=person, by=person, choices={Kind.PC_REMINDER: "off", Kind.SPOTLIGHT: "immediately"})

    assert set(Event.objects.filter(kind=Kind.PC_REMINDER).values_list("cadence", flat=True)) == {Cadence.OFF}
    assert set(Event.objects.filter(kind=Kind.SPOTLIGHT).values_list("cadence", flat=True)) == {Cadence.DAILY}
    assert not Mail.objects.exists(), "no flood of old news"


@pytest.mark.django_db
def test_each_recipient_gets_the_text_in_their_own_language(demo):
    demo.zeist_wethouder.language = "en"
    demo.zeist_wethouder.save()
    events = notify(
        kind=Kind.OTHER, recipients=[demo.utrecht_wethouder, demo.zeist_wethouder], subject=gettext_lazy("Yes"), body=""
    )
    assert {event.recipient_id: event.subject for event in events} == {
        demo.utrecht_wethouder.pk: "Ja",
        demo.zeist_wethouder.pk: "Yes",
    }


@pytest.mark.django_db
def test_notify_takes_people_or_ids_once_each_and_skips_people_who_left(demo):
    demo.raadslid.is_active = False
    demo.raadslid.save()
    events = notify(
        kind="a_kind_nobody_added_yet",
        recipients=[demo.facilitator.pk, demo.facilitator.pk, demo.raadslid.pk, demo.zeist_wethouder.pk],
        subject="Bericht",
        body="",
        addressed=False,
    )
    assert [event.recipient_id for event in events] == [demo.facilitator.pk, demo.zeist_wethouder.pk]
    assert {event.kind for event in events} == {Kind.OTHER}
    with pytest.raises(ValueError, match="start"):
        notify(kind=Kind.CHECKIN_OPEN, recipients=[demo.facilitator], subject="x", body="", calendar={"summary": "x"})
