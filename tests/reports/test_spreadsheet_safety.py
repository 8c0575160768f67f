"""Exports are safe to open in a spreadsheet: text never runs as a formula (OWASP CSV injection)."""

import csv
import io

import openpyxl
import pytest
import tablib
from django.urls import reverse

from samen.core import spreadsheet
from samen.goals import services as goals
from samen.interests import services as interests

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("https://kwaad.example","Klik")', "+31 6 1234", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_cell_that_a_spreadsheet_would_run_gets_a_leading_quote_in_csv(text):
    assert spreadsheet.neutralised(text) == "'" + text


@pytest.mark.parametrize("value", ["Sneller vergunnen", "", "a=b", 12, -3, 1.5, None])
def test_other_cells_are_left_as_they_are(value):
    assert spreadsheet.neutralised(value) == value


def test_xlsx_writes_every_text_as_text_and_numbers_as_numbers():
    data = tablib.Dataset(*[[text, -3] for text in FORMULAS], headers=["Titel", "Getal"], title="Proef")
    sheet = openpyxl.load_workbook(io.BytesIO(spreadsheet.to_xlsx(data))).active
    cells = [(row[0].data_type, row[0].value, row[1].value) for row in sheet.iter_rows(min_row=2)]
    assert cells == [("s", text, -3) for text in FORMULAS]
    assert all(row[0].quotePrefix for row in sheet.iter_rows(min_row=2))


def test_a_goal_titled_as_a_formula_is_exported_as_text(demo, client_for):
    title = '=HYPERLINK("https://kwaad.example","Klik")'
    goals.create_goal(collaboration=demo.collaboration, by=demo.utrecht_beleidsmedewerker, title=title, text="Tekst.")
    client = client_for(demo.utrecht_beleidsmedewerker)
    url = reverse("reports:export_list", args=[demo.collaboration.pk, "doelen", "csv"])
    table = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig")), delimiter=";"))
    assert "'" + title in [cell for row in table for cell in row]
    assert title not in [cell for row in table for cell in row]
    xlsx = client.get(reverse("reports:export_list", args=[demo.collaboration.pk, "doelen", "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    found = [cell for row in sheet.iter_rows() for cell in row if cell.value == title]
    assert found
    assert all(cell.data_type == "s" for cell in found)


def test_the_pledge_matrix_csv_neutralises_an_ambition_title(demo, client_for):
    interests.create_ambition(collaboration=demo.collaboration, by=demo.facilitator, title="=1+1")
    response = client_for(demo.utrecht_beleidsmedewerker).get(
        reverse("interests:matrix_csv", args=[demo.collaboration.pk])
    )
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert {row[0] for row in table[1:]} == {"'=1+1"}
