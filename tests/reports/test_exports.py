"""CSV and Excel of every list: for the people who work in the collaboration, never an individual check-in answer."""

import csv
import io
import uuid

import openpyxl
import pytest
from django.urls import reverse

from samen.reports.exports import EXPORTS, available_exports
from tests.health import builders as b

pytestmark = pytest.mark.django_db


def rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


@pytest.fixture
def filled(demo):
    ambition = b.ambition(demo.collaboration, hours=20)
    b.pledge(ambition, demo.zeist, urgency=5, hours=8)
    round_ = b.honesty_round(demo.collaboration, deadline=b.timezone.now().date())
    b.declaration(round_, demo.utrecht, motives=("kosten",))
    b.declaration(round_, demo.zeist, shared=False, motives=("geheim_motief",))
    goal = b.goal(demo.collaboration, demo.facilitator, demo.utrecht)
    b.result(goal, demo.utrecht, demo.utrecht_beleidsmedewerker, due_on=b.timezone.now().date(), current=50)
    b.commitment(goal, demo.de_bilt, demo.de_bilt_beleidsmedewerker, due_on=b.timezone.now().date())
    b.success(demo.collaboration, demo.facilitator, [demo.utrecht], public=True)
    b.signal(demo.collaboration, demo.zeist_beleidsmedewerker, demo.zeist, subject="Voor iedereen")
    b.signal(
        demo.collaboration,
        demo.zeist_beleidsmedewerker,
        demo.zeist,
        subject="Alleen voor De Bilt",
        kind="levering_wijkt_af",
        to=demo.de_bilt,
    )
    b.checkin(
        demo.collaboration,
        title="Najaar",
        answers={demo.utrecht: [(5, 5), (4, 4), (3, 3)], demo.zeist: [(1, 1)]},
        people={
            demo.utrecht: [demo.utrecht_beleidsmedewerker, demo.utrecht_wethouder, demo.raadslid],
            demo.zeist: [demo.zeist_beleidsmedewerker],
        },
    )
    return demo


def test_every_list_exports_as_csv_and_excel_for_a_contact(filled, client_for):
    client = client_for(filled.utrecht_beleidsmedewerker)
    assert {e.slug for e in available_exports()} == {e.slug for e in EXPORTS}
    for export in available_exports():
        csv_response = client.get(reverse("reports:export_list", args=[filled.collaboration.pk, export.slug, "csv"]))
        assert csv_response.status_code == 200, export.slug
        assert csv_response["Content-Type"].startswith("text/csv")
        assert csv_response.content.startswith("\ufeff".encode())
        assert len(rows(csv_response)) >= 2, export.slug  # headers and at least one row
        xlsx = client.get(reverse("reports:export_list", args=[filled.collaboration.pk, export.slug, "xlsx"]))
        assert xlsx.status_code == 200
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
        assert sheet.max_row == len(rows(csv_response))


def test_interests_come_only_from_shared_declarations(filled, client_for):
    response = client_for(filled.zeist_beleidsmedewerker).get(
        reverse("reports:export_list", args=[filled.collaboration.pk, "belangen", "csv"])
    )
    table = rows(response)
    assert [r[1] for r in table[1:]] == ["Utrecht"]
    assert "geheim_motief" not in response.content.decode()


def test_signals_are_exported_as_the_person_sees_them(filled, client_for):
    url = reverse("reports:export_list", args=[filled.collaboration.pk, "signalen", "csv"])
    utrecht = client_for(filled.utrecht_beleidsmedewerker).get(url).content.decode("utf-8-sig")
    de_bilt = client_for(filled.de_bilt_beleidsmedewerker).get(url).content.decode("utf-8-sig")
    assert "Voor iedereen" in utrecht
    assert "Alleen voor De Bilt" not in utrecht
    assert "Alleen voor De Bilt" in de_bilt


def test_check_ins_export_only_totals_and_partners_with_at_least_three_answers(filled, client_for):
    table = rows(
        client_for(filled.facilitator).get(
            reverse("reports:export_list", args=[filled.collaboration.pk, "checkins", "csv"])
        )
    )
    assert table[0][:4] == ["Check-in", "Gesloten op", "Wie", "Aantal antwoorden"]
    body = table[1:]
    # Zeist answered alone: hidden; then Utrecht too (hiding only Zeist would reveal it by subtraction).
    assert [(r[2], r[3]) for r in body] == [("alle partners", "4")]
    assert body[0][4] == "3.3"  # the average of 5, 4, 3 and 1: never one answer


def test_a_reader_is_refused_an_export_with_a_dutch_reason_and_an_outsider_sees_nothing(filled, client_for):
    url = reverse("reports:export_list", args=[filled.collaboration.pk, "doelen", "csv"])
    refused = client_for(filled.raadslid).get(url)
    assert refused.status_code == 403
    assert "Exports zijn er voor de facilitator en de contactpersonen" in refused.content.decode()
    assert client_for(filled.raadslid).get(reverse("reports:export", args=[filled.collaboration.pk])).status_code == 403
    assert client_for(filled.amersfoort_beleidsmedewerker).get(url).status_code == 404


def test_an_unknown_list_or_format_is_not_found(filled, client_for):
    client = client_for(filled.facilitator)
    assert (
        client.get(reverse("reports:export_list", args=[filled.collaboration.pk, "wachtwoorden", "csv"])).status_code
        == 404
    )
    assert (
        client.get(reverse("reports:export_list", args=[filled.collaboration.pk, "doelen", "pdf"])).status_code == 404
    )
    assert client.get(reverse("reports:export", args=[uuid.uuid4()])).status_code == 404


def test_the_export_page_lists_every_list_in_both_formats(filled, client_for):
    page = client_for(filled.facilitator).get(reverse("reports:export", args=[filled.collaboration.pk]))
    text = page.content.decode()
    assert text.count('.csv"') == len(EXPORTS)
    assert text.count('.xlsx"') == len(EXPORTS)
    assert "Volledige export" not in text  # for beheerders only
