"""Key figures per regeling and year: entered, or imported all-or-nothing from CSV or XLSX."""

from decimal import Decimal

import pytest
import tablib
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from samen.audit.models import AuditEvent
from samen.council.figures import import_key_figures, save_key_figures
from samen.council.models import Contribution, KeyFigures

pytestmark = pytest.mark.django_db

CSV = """jaar;bron;kengetal;deelnemer;waarde;iv3
2026;begroting;eigen_vermogen_begin;;1.200.000;P111
2026;begroting;eigen_vermogen_eind;;1.250.000,50;P111
2026;begroting;bijdrage;Zeist;350.000,00;
2026;begroting;aandeel;GM0355;28,5;
2026;begroting;stemmen;Gemeente Zeist;2;
2026;begroting;risicos;;Indexatie van de lonen boven de raming.;
2025;jaarrekening;resultaat;;-12.500;P114
"""


def test_a_csv_in_the_documented_layout_is_imported(demo):
    rows = import_key_figures(
        collaboration=demo.collaboration, by=demo.facilitator, content=CSV.encode(), file_name="k.csv"
    )
    assert rows == 7
    budget = KeyFigures.objects.get(year=2026, basis="begroting")
    assert budget.equity_start == Decimal("1200000.00")
    assert budget.equity_end == Decimal("1250000.50")
    assert budget.debt_start is None  # missing, not zero
    assert budget.risks.startswith("Indexatie")
    zeist = Contribution.objects.get(figures=budget, partner=demo.zeist)
    assert (zeist.amount, zeist.share, zeist.votes) == (Decimal("350000.00"), Decimal("28.500"), 2)
    assert KeyFigures.objects.get(year=2025, basis="jaarrekening").result == Decimal("-12500.00")
    assert AuditEvent.objects.filter(action="council.figures_imported").count() == 1


def test_an_xlsx_is_imported_too(demo):
    data = tablib.Dataset(headers=["jaar", "bron", "kengetal", "deelnemer", "waarde"])
    data.append([2026, "jaarrekening", "reserves", "", 800000])
    data.append([2026, "jaarrekening", "bijdrage", "Utrecht", "1.000.000"])
    import_key_figures(
        collaboration=demo.collaboration, by=demo.facilitator, content=data.export("xlsx"), file_name="k.xlsx"
    )
    figures = KeyFigures.objects.get()
    assert figures.reserves == Decimal("800000.00")
    assert figures.contributions.get().partner == demo.utrecht


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("twintig;begroting;resultaat;;1;", "geen jaartal"),
        ("2026;prognose;resultaat;;1;", "begroting of jaarrekening"),
        ("2026;begroting;omzet;;1;", "onbekend kengetal"),
        ("2026;begroting;bijdrage;Amersfoort;1;", "geen deelnemer"),
        ("2026;begroting;resultaat;;veel;", "geen geldig getal"),
        ("2026;begroting;aandeel;Zeist;140;", "geen geldig getal"),
        ("2026;begroting;resultaat;;1;X999", "geen Iv3-code"),
    ],
)
def test_one_bad_row_and_nothing_is_imported(demo, bad_row, message):
    content = (CSV + bad_row + "\n").encode()
    with pytest.raises(ValidationError) as error:
        import_key_figures(collaboration=demo.collaboration, by=demo.facilitator, content=content, file_name="k.csv")
    assert message in " ".join(error.value.messages)
    assert "Regel 9" in " ".join(error.value.messages)
    assert not KeyFigures.objects.exists()


def test_a_file_without_the_columns_is_refused(demo):
    with pytest.raises(ValidationError, match="Kolommen ontbreken"):
        import_key_figures(
            collaboration=demo.collaboration, by=demo.facilitator, content=b"a,b\n1,2\n", file_name="k.csv"
        )
    with pytest.raises(ValidationError, match="niet lezen"):
        import_key_figures(
            collaboration=demo.collaboration, by=demo.facilitator, content=b"\x00\xff", file_name="k.xlsx"
        )


def test_only_the_facilitator_keeps_the_figures(demo):
    with pytest.raises(PermissionDenied):
        save_key_figures(
            collaboration=demo.collaboration, by=demo.zeist_wethouder, year=2026, basis="begroting", values={}
        )


def test_history_page_with_chart_and_table_twin(demo, client_for):
    for year, equity in ((2024, 900_000), (2025, 1_000_000)):
        save_key_figures(
            collaboration=demo.collaboration,
            by=demo.facilitator,
            year=year,
            basis="jaarrekening",
            values={"equity_end": Decimal(equity)},
        )
    page = client_for(demo.raadslid).get(f"/samenwerkingen/{demo.collaboration.pk}/kengetallen").content.decode()
    assert "<svg" in page
    assert "€ 1.000.000,00" in page
    assert "€ 900.000,00" in page
    assert "Kengetallen opslaan" not in page  # a reader reads


def test_facilitator_imports_through_the_page(demo, client_for):
    client = client_for(demo.facilitator)
    url = f"/samenwerkingen/{demo.collaboration.pk}/kengetallen"
    ok = client.post(url, {"importeren": "", "i-file": SimpleUploadedFile("k.csv", CSV.encode())})
    assert ok.status_code == 302
    bad = client.post(url, {"importeren": "", "i-file": SimpleUploadedFile("k.csv", b"jaar;bron\n1;2\n")})
    assert bad.status_code == 400
    assert "Kolommen ontbreken" in bad.content.decode()


def test_facilitator_enters_figures_in_the_form(demo, client_for):
    url = f"/samenwerkingen/{demo.collaboration.pk}/kengetallen"
    data = {
        "opslaan": "",
        "f-year": "2026",
        "f-basis": "begroting",
        "f-equity_start": "1.250.000,00",
        f"f-amount_{demo.zeist.pk}": "300.000",
        f"f-votes_{demo.zeist.pk}": "2",
    }
    assert client_for(demo.facilitator).post(url, data).status_code == 302
    figures = KeyFigures.objects.get()
    assert figures.equity_start == Decimal("1250000.00")
    assert figures.contributions.get(partner=demo.zeist).amount == Decimal("300000.00")
    data["f-equity_start"] = "veel geld"
    assert client_for(demo.facilitator).post(url, data).status_code == 400
