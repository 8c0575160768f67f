"""A user's path through the successes area in a real browser, with axe on every page."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from samen.successes.models import Spotlight, Success
from tests.documents import run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_record_a_success_spotlight_two_people_and_make_the_brief(demo, visit, tmp_path):
    base = f"/samenwerkingen/{demo.collaboration.pk}/successen"
    page = visit.page
    visit.login_as(demo.zeist_wethouder)

    visit.goto(base)
    visit.assert_accessible()
    page.get_by_role("link", name="Succes vastleggen").first.click()
    page.wait_for_url(f"**{base}/nieuw")
    visit.assert_accessible()

    # First a date in the future: a clear message, nothing saved.
    page.get_by_label("Titel").fill("Eén loket voor ondernemers open")
    page.get_by_label("Verhaal").fill(
        "Ondernemers in Zeist, Utrecht en De Bilt regelen hun vergunningen nu op één plek."
    )
    page.get_by_label("Datum").fill((timezone.localdate() + datetime.timedelta(days=2)).isoformat())
    page.get_by_label("Zeist", exact=True).check()
    page.get_by_label("Utrecht", exact=True).check()
    page.get_by_label("Bram de Bilt (De Bilt)").check()
    page.get_by_label("Teams").fill("Team Bedrijvenloket")
    page.get_by_label("Openbaar: mag naar buiten (brief, raad, pers)").check()
    page.get_by_role("button", name="Succes vastleggen").click()
    expect(page.get_by_text("De datum ligt in de toekomst")).to_be_visible()
    assert not Success.objects.exists()
    visit.assert_accessible()

    page.get_by_label("Datum").fill((timezone.localdate() - datetime.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Succes vastleggen").click()
    page.wait_for_url(f"**{base}/*-*")
    expect(page.get_by_role("heading", name="Eén loket voor ondernemers open")).to_be_visible()
    visit.assert_accessible()
    success = Success.objects.get()
    assert success.is_public

    page.get_by_role("link", name="In het zonnetje").first.click()
    page.wait_for_url(f"**{base}/zonnetje")
    visit.assert_accessible()
    page.get_by_label("Zoë Zeist (Zeist)").check()
    page.get_by_label("Umar Utrecht (Utrecht)").check()
    page.get_by_label("Waarom?").fill("Jullie bouwden het loket in drie maanden.")
    page.get_by_role("button", name="In het zonnetje zetten").click()
    page.wait_for_url(f"**{base}/zonnetje")
    expect(page.get_by_text("Jullie bouwden het loket in drie maanden.")).to_be_visible()
    visit.assert_accessible()
    assert Spotlight.objects.get().people.count() == 2

    page.get_by_role("link", name="Successenbrief").first.click()
    page.wait_for_url(f"**{base}/brief")
    visit.assert_accessible()
    page.get_by_role("button", name="Brief maken").click()
    page.wait_for_url(f"**{base}/brief?*")
    expect(page.get_by_role("heading", name="Eén loket voor ondernemers open")).to_be_visible()
    expect(page.get_by_text("Team Bedrijvenloket").first).to_be_visible()
    visit.assert_accessible()
    page.get_by_role("link", name="Downloaden als PDF").click()
    page.get_by_text("Het document staat in de wachtrij.").wait_for()  # made by the worker, not here
    visit.assert_accessible()
    run_worker()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="downloaden").click()  # the status polled itself and offers the file
    pdf = download_info.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")

    page.go_back()
    page.get_by_role("link", name="Tijdlijn").first.click()
    page.wait_for_url(f"**{base}/tijdlijn")
    visit.assert_accessible()
    page.get_by_role("link", name="Recent").click()
    page.wait_for_url(f"**{base}")
    expect(page.get_by_text("Jullie bouwden het loket in drie maanden.")).to_be_visible()
    visit.assert_accessible()


def test_celebrate_a_reached_result_edit_it_and_read_it_as_a_councillor(demo, visit):
    from tests.successes.builders import make_goal, make_result

    base = f"/samenwerkingen/{demo.collaboration.pk}/successen"
    page = visit.page
    make_result(demo, make_goal(demo, "Snellere vergunningen"), current="92")
    visit.login_as(demo.zeist_beleidsmedewerker)

    visit.goto(base)
    expect(page.get_by_text("Vergunningen binnen termijn").first).to_be_visible()
    visit.assert_accessible()
    page.get_by_role("link", name="Nog te vieren").click()
    page.wait_for_url(f"**{base}/vieren")
    visit.assert_accessible()
    page.get_by_role("link", name=re.compile(r"^Vier het\W+Vergunningen binnen termijn$")).click()
    page.wait_for_url(f"**{base}/nieuw?aanleiding=*")
    visit.assert_accessible()
    page.get_by_label("Verhaal").fill("92% van de vergunningen binnen de termijn, dankzij één werkwijze.")
    page.get_by_label("Zeist", exact=True).check()
    page.get_by_role("button", name="Succes vastleggen").click()
    page.wait_for_url(f"**{base}/*-*")
    visit.assert_accessible()
    page.get_by_role("link", name="Succes wijzigen").click()
    page.wait_for_url("**/wijzigen")
    visit.assert_accessible()
    page.get_by_label("Titel").fill("Vergunningen op tijd: 92%")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    page.wait_for_url(f"**{base}/*-*")
    expect(page.get_by_role("heading", name="Vergunningen op tijd: 92%")).to_be_visible()
    visit.goto(f"{base}/vieren")
    expect(page.get_by_role("link", name=re.compile("Snellere vergunningen"))).to_be_visible()  # the adopted goal
    assert page.get_by_role("link", name=re.compile("Vergunningen binnen termijn")).count() == 0  # celebrated
    visit.assert_accessible()

    success = Success.objects.get()
    visit.context.clear_cookies()
    visit.login_as(demo.raadslid)
    for path in (base, f"{base}/tijdlijn", f"{base}/brief"):
        visit.goto(path)
        assert "Vergunningen op tijd" not in page.content()  # internal: not for the council
        visit.assert_accessible()
    assert not success.is_public
