"""The BBV paragraph (art. 15) for Landgraaf, which takes part in 19 regelingen: every field, per field."""

import io
from decimal import Decimal

import docx
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from samen.core.models import DocumentStatus, RenderedDocument
from samen.council import bbv, exports
from samen.council.figures import save_key_figures
from tests.council.builders import fill_figures, landgraaf_regelingen, staff
from tests.documents import download, run_worker
from tests.personas import person

pytestmark = pytest.mark.django_db
YEAR = 2026


@pytest.fixture
def landgraaf():
    organisation, collaborations = landgraaf_regelingen()
    keeper = staff()
    for index, collaboration in enumerate(collaborations):
        fill_figures(collaboration, keeper, YEAR, organisation, index)
    return organisation, collaborations


@pytest.fixture
def paragraph(landgraaf):
    return bbv.paragraph(landgraaf[0], YEAR, "begroting")


def test_all_19_regelingen_of_landgraaf_are_in_the_paragraph(landgraaf, paragraph):
    assert len(paragraph.parties) == 19
    assert {p.name for p in paragraph.parties} == {c.name for c in landgraaf[1]}


def test_name_and_seat_come_from_the_register(paragraph):
    belasting = next(p for p in paragraph.parties if "Belastingsamenwerking" in p.name)
    assert belasting.seat
    euregio = next(p for p in paragraph.parties if "Rijn-Maas-Noord" in p.name)
    assert euregio.seat == "Mönchengladbach"
    # The register gives no body or address for the Euregio Maas-Rijn: its seat is marked missing.
    without = [p for p in paragraph.parties if not p.seat]
    assert [p.name for p in without] == ["Euregio Maas-Rijn"]
    assert "Vestigingsplaats" in [str(label) for label in without[0].missing]


def test_public_interest_is_the_purpose_of_the_regeling(landgraaf, paragraph):
    purposes = {c.name: c.purpose for c in landgraaf[1]}
    for party in paragraph.parties:
        assert party.public_interest == (purposes[party.name] or None)


def test_financial_interest_is_landgraafs_share_of_the_equity_at_start_and_end(paragraph):
    for party in paragraph.parties:
        assert party.share == Decimal(20)
        assert party.financial_interest_start == Decimal("200000.00")
        assert party.financial_interest_end == Decimal("220000.00")


def test_control_at_start_and_end_is_its_votes_in_the_board(paragraph):
    for party in paragraph.parties:
        assert party.control_start is not None
        assert "1 van " in party.control_start
        assert party.control_end == party.control_start


def test_equity_debt_and_result(paragraph):
    for party in paragraph.parties:
        assert (party.equity_start, party.equity_end) == (Decimal(1_000_000), Decimal(1_100_000))
        assert (party.debt_start, party.debt_end) == (Decimal(500_000), Decimal(450_000))
        assert party.result == Decimal(100_000)


def test_risks(paragraph):
    assert all(p.risks == "Loonindexatie boven de raming." for p in paragraph.parties)


def test_policy_part_from_the_adopted_goals(landgraaf, paragraph):
    assert all(p.policy is None for p in paragraph.parties)  # nothing adopted yet: marked missing
    assert all(any("Visie en beleidsvoornemens" in str(label) for label in p.missing) for p in paragraph.parties)


def test_contributions_add_up(paragraph):
    assert paragraph.total_contribution == sum(Decimal(100_000 + i * 1_000) for i in range(19))


def test_missing_figures_are_marked_not_zero(landgraaf):
    other_year = bbv.paragraph(landgraaf[0], YEAR + 1, "begroting")
    party = other_year.parties[0]
    assert party.equity_start is None
    labels = [str(label) for label in party.missing]
    assert "Eigen vermogen begin jaar" in labels
    assert "Financieel belang einde jaar" in labels
    assert "Naam" not in labels


def test_the_page_is_for_landgraafs_own_people(landgraaf, client_for):
    organisation = landgraaf[0]
    own = person("griffie@landgraaf.example", "Gerda Griffie", organisation)
    page = client_for(own).get(f"/organisaties/{organisation.pk}/verbonden-partijen?jaar={YEAR}")
    text = page.content.decode()
    assert page.status_code == 200
    assert "neemt deel aan 19 gemeenschappelijke regelingen" in text
    assert "€ 200.000,00" in text
    stranger = person("iemand@zeist.example", "Iemand", None)
    assert client_for(stranger).get(f"/organisaties/{organisation.pk}/verbonden-partijen").status_code == 404


@pytest.fixture
def griffie(landgraaf, client_for):
    return client_for(person("griffie@landgraaf.example", "Gerda Griffie", landgraaf[0]))


def export_url(landgraaf, fmt: str) -> str:
    return f"/organisaties/{landgraaf[0].pk}/verbonden-partijen.{fmt}?jaar={YEAR}&bron=begroting"


def test_the_docx_opens_with_python_docx_and_holds_every_field(landgraaf, griffie):
    response, content = download(griffie, export_url(landgraaf, "docx"))
    assert response["Content-Type"] == exports.DOCX
    document = docx.Document(io.BytesIO(content))
    assert len(document.tables) == 19
    first = [row.cells[0].text for row in document.tables[0].rows]
    assert first == [str(label) for _name, label in bbv.FIELDS]
    assert "€ 1.000.000,00" in [row.cells[1].text for row in document.tables[0].rows]


def test_the_xlsx_has_a_row_per_regeling(landgraaf, griffie):
    _response, content = download(griffie, export_url(landgraaf, "xlsx"))
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.max_row == 20
    assert sheet.cell(1, 1).value == "Naam"


def test_the_pdf_is_tagged_with_extractable_text(landgraaf, griffie):
    response, content = download(griffie, export_url(landgraaf, "pdf"))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Belastingsamenwerking" in text
    assert "Paragraaf verbonden partijen" in text


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_no_web_request_makes_the_file_the_worker_does(landgraaf, griffie, fmt):
    first = griffie.get(export_url(landgraaf, fmt))
    assert first.status_code == 202  # the status page, polling with htmx
    assert not first.streaming
    assert 'hx-get="' in first.content.decode()
    assert RenderedDocument.objects.get().status == DocumentStatus.WAITING
    assert run_worker() == 1
    assert RenderedDocument.objects.get().status == DocumentStatus.READY


def test_the_file_is_handed_out_again_until_the_figures_change(landgraaf, griffie):
    download(griffie, export_url(landgraaf, "docx"))
    again = griffie.get(export_url(landgraaf, "docx"))
    assert again.status_code == 200
    assert again.streaming
    assert RenderedDocument.objects.count() == 1
    save_key_figures(
        collaboration=landgraaf[1][0],
        by=staff("ander@samen.example"),
        year=YEAR,
        basis="begroting",
        values={"equity_end": Decimal(1_300_000)},
    )
    changed = griffie.get(export_url(landgraaf, "docx"))
    assert changed.status_code == 202
    assert run_worker() == 1
    assert RenderedDocument.objects.filter(status=DocumentStatus.READY).count() == 1  # the old one is removed


def test_a_stranger_gets_no_export(landgraaf, client_for):
    stranger = client_for(person("iemand@zeist.example", "Iemand", None))
    assert stranger.get(export_url(landgraaf, "pdf")).status_code == 404
    assert not RenderedDocument.objects.exists()


def test_query_count_does_not_grow_with_the_regelingen(landgraaf, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        paragraph = bbv.paragraph(landgraaf[0], YEAR, "begroting")
        [party.rows() for party in paragraph.parties]


def test_published_health_becomes_the_policy_part(landgraaf):
    from samen.health.models import PublishedHealth

    organisation, collaborations = landgraaf
    PublishedHealth.objects.create(collaboration=collaborations[0], source="Raadsbrief voorjaar 2026", data={})
    party = next(p for p in bbv.paragraph(organisation, YEAR).parties if p.collaboration_id == collaborations[0].pk)
    assert party.policy == "Gezondheid gepubliceerd in Raadsbrief voorjaar 2026."
