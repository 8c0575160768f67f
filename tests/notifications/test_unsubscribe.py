"""Every mail has a signed one-click unsubscribe per kind (RFC 8058) and a link to the preferences."""

import datetime
import re

import pytest
import time_machine
from django.test import Client

from samen.audit.models import AuditEvent
from samen.notifications.digests import assemble_digests
from samen.notifications.mails import compose
from samen.notifications.models import Kind, Mail, Preference
from samen.notifications.services import notify, unsubscribe_url
from tests.notifications.conftest import run_worker

HEADER = re.compile(rb"^List-Unsubscribe: <(?P<url>https?://[^>\r\n]+)>\r?$", re.MULTILINE)


@pytest.mark.django_db(transaction=True)
def test_one_click_unsubscribe_from_the_mail_header_switches_that_kind_off(demo, smtp):
    notify(kind=Kind.SPOTLIGHT, recipients=[demo.zeist_beleidsmedewerker], subject="U staat in het zonnetje", body="")
    run_worker()
    [raw] = smtp.raw
    assert b"\nList-Unsubscribe-Post: List-Unsubscribe=One-Click" in raw.replace(b"\r\n", b"\n")
    url = HEADER.search(raw)["url"].decode()  # one unfolded line, as mail providers read it
    assert url.startswith("http://localhost:8000/meldingen/afmelden/")
    assert url in smtp.text(smtp.messages[0])
    path = url.removeprefix("http://localhost:8000")

    # The mail provider POSTs without a session or CSRF token (RFC 8058).
    response = Client(enforce_csrf_checks=True).post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert "U bent afgemeld" in response.text
    assert Preference.objects.cadences_of(demo.zeist_beleidsmedewerker) == {"spotlight": "off"}
    event = AuditEvent.objects.get(action="notifications.preference_changed")
    assert event.actor == demo.zeist_beleidsmedewerker
    assert event.after["via"] == "afmeldlink"

    notify(kind=Kind.SPOTLIGHT, recipients=[demo.zeist_beleidsmedewerker], subject="Nog een zonnetje", body="")
    run_worker()
    assert len(smtp.messages) == 1


@pytest.mark.django_db
def test_opening_the_link_asks_first_and_changes_nothing(demo, client):
    url = unsubscribe_url(demo.raadslid, [Kind.DIGEST_APPROVAL])
    response = client.get(url.removeprefix("http://localhost:8000"))
    assert response.status_code == 200
    assert "Ja, meld mij af" in response.text
    assert "een raadsbrief wacht op goedkeuring" in response.text
    assert not Preference.objects.exists()


@pytest.mark.django_db
def test_a_tampered_link_gets_a_dutch_message_and_changes_nothing(demo, client):
    path = unsubscribe_url(demo.raadslid, [Kind.DIGEST_APPROVAL]).removeprefix("http://localhost:8000")
    tampered = path[:-3] + ("AAA" if not path.endswith("AAA") else "BBB")

    response = client.post(tampered)

    assert response.status_code == 400
    assert "Deze afmeldlink is ongeldig" in response.text
    assert "Er is niets gewijzigd" in response.text
    assert not Preference.objects.exists()
    assert not AuditEvent.objects.filter(action="notifications.preference_changed").exists()


@pytest.mark.django_db
def test_an_expired_link_gets_a_dutch_message_and_changes_nothing(demo, client):
    with time_machine.travel(datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC), tick=False):
        path = unsubscribe_url(demo.raadslid, [Kind.DIGEST_APPROVAL]).removeprefix("http://localhost:8000")
    with time_machine.travel(datetime.datetime(2026, 6, 5, 9, 0, tzinfo=datetime.UTC), tick=False):
        response = client.post(path)
    assert response.status_code == 400
    assert "Deze afmeldlink is verlopen" in response.text
    assert not Preference.objects.exists()


@pytest.mark.django_db
def test_a_digest_has_an_unsubscribe_link_per_kind_that_switches_off_only_that_kind(demo, client):
    person = demo.de_bilt_wethouder
    notify(kind=Kind.SPOTLIGHT, recipients=[person], subject="Zonnetje", body="", addressed=False)
    notify(kind=Kind.PC_REMINDER, recipients=[person], subject="Jaarrekening", body="", addressed=False)
    [mail_id] = assemble_digests("weekly")
    mail = Mail.objects.select_related("recipient").get(pk=mail_id)
    message = compose(mail, list(mail.events.all()), message_id="<test@samen>")
    links = re.findall(r"Hierover geen e-mail meer: (\S+)", message.body)
    assert len(links) == 2

    client.post(links[0].removeprefix("http://localhost:8000"))

    assert Preference.objects.cadences_of(person) == {"spotlight": "off"}
    assert "http://localhost:8000/meldingen/voorkeuren" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
