"""The Meldingen pages: my notifications, preferences, calendar link, unsubscribe, and staff's view of delivery."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from playwright.sync_api import expect

from samen.accounts.models import Person
from samen.notifications.models import Kind, Mail, MailStatus
from samen.notifications.services import notify, unsubscribe_url


@pytest.mark.django_db
def test_the_overview_shows_my_notifications_and_how_they_reach_me(demo, client_for):
    notify(
        kind=Kind.CONSENT_WAITING,
        recipients=[demo.utrecht_wethouder],
        subject="Instemming gevraagd voor doel 1",
        body="",
        url="/samenwerkingen/1",
        collaboration=demo.collaboration,
    )
    notify(kind=Kind.SPOTLIGHT, recipients=[demo.utrecht_wethouder], subject="Zonnetje", body="", addressed=False)
    notify(kind=Kind.SPOTLIGHT, recipients=[demo.zeist_wethouder], subject="Voor Zeist", body="")
    notify(
        kind=Kind.OTHER,
        recipients=[demo.utrecht_wethouder],
        subject="Verdachte link",
        body="",
        url="javascript:alert(1)",
    )

    page = client_for(demo.utrecht_wethouder).get("/meldingen")

    assert page.status_code == 200
    assert 'href="/samenwerkingen/1"' in page.text
    assert "Instemming gevraagd voor doel 1" in page.text
    assert "komt in het wekelijkse overzicht" in page.text
    assert "Voor Zeist" not in page.text
    assert "javascript:" not in page.text
    assert 'aria-current="page">Meldingen<' in page.text


@pytest.mark.django_db
def test_the_overview_costs_the_same_queries_with_ten_times_the_notifications(demo, client_for):
    client = client_for(demo.zeist_beleidsmedewerker)

    def add(count: int) -> None:
        for n in range(count):
            notify(
                kind=Kind.CHECKIN_OPEN,
                recipients=[demo.zeist_beleidsmedewerker],
                subject=f"Check-in {n}",
                body="",
                collaboration=demo.collaboration if n % 2 else demo.other_collaboration,
                addressed=False,
                calendar={"start": datetime.date(2099, 1, 1)},
            )

    add(2)
    client.get("/meldingen")
    with CaptureQueriesContext(connection) as small:
        client.get("/meldingen")
    add(20)
    with CaptureQueriesContext(connection) as large:
        response = client.get("/meldingen")
    assert response.text.count("Check-in ") >= 22
    assert len(large) == len(small)


@pytest.mark.django_db
def test_pages_need_a_login_except_the_links_from_mails(demo, client):
    for path in ("/meldingen", "/meldingen/voorkeuren", "/meldingen/agenda", "/meldingen/verzending"):
        assert client.get(path).status_code == 302, path
    link = unsubscribe_url(demo.raadslid, [Kind.OTHER]).removeprefix("http://localhost:8000")
    assert client.get(link).status_code == 200


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_person_walks_the_notification_pages_and_they_are_accessible(demo, visit):
    me = demo.utrecht_beleidsmedewerker
    notify(
        kind=Kind.CHECKIN_OPEN,
        recipients=[me],
        subject="De check-in van maart staat open",
        body="",
        url="/meldingen",
        collaboration=demo.collaboration,
        calendar={"start": datetime.date(2099, 3, 1)},
    )
    visit.login_as(me)

    visit.goto("/meldingen")
    visit.assert_accessible()
    visit.page.get_by_role("link", name="Voorkeuren voor e-mail").click()
    visit.assert_accessible()
    visit.page.get_by_label("Een open check-in").select_option("daily")
    visit.page.get_by_role("button", name="Voorkeuren opslaan").click()
    expect(visit.page.get_by_text("Uw voorkeuren zijn opgeslagen.")).to_be_visible()
    visit.assert_accessible()

    visit.goto("/meldingen/agenda")
    visit.assert_accessible()
    visit.page.get_by_role("button", name="Agendalink maken").click()
    expect(visit.page.get_by_label("Agendalink")).to_have_value(re.compile("/agenda/"))
    visit.assert_accessible()

    visit.goto(unsubscribe_url(me, [Kind.SPOTLIGHT]).removeprefix("http://localhost:8000"))
    visit.assert_accessible()
    visit.page.get_by_role("button", name="Ja, meld mij af").click()
    expect(visit.page.get_by_text("U bent afgemeld.")).to_be_visible()
    visit.assert_accessible()

    visit.goto("/meldingen/afmelden/kapot")
    visit.assert_accessible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_see_failed_mails_on_an_accessible_page(demo, visit):
    notify(kind=Kind.SPOTLIGHT, recipients=[demo.raadslid], subject="Zonnetje", body="")
    Mail.objects.update(status=MailStatus.FAILED, attempts=5, last_error="SMTPDataError: (451, b'Tijdelijke storing')")
    staff = Person.objects.create(email="beheer@samen.example", full_name="Bea Beheer", is_staff=True)
    visit.login_as(staff)

    visit.goto("/meldingen/verzending")
    expect(visit.page.get_by_text("Tijdelijke storing")).to_be_visible()
    visit.assert_accessible()
    visit.page.get_by_role("button", name="Opnieuw proberen (Rik Raadslid)").click()
    expect(visit.page.get_by_text("De e-mail wordt opnieuw verstuurd.")).to_be_visible()
    visit.assert_accessible()
