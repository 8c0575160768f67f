"""The facilitator corrects the split in the preview, with the keyboard and axe on every page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from samen.experiences.models import Agreement
from tests.personas import build_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = """Convenant Regionale Samenwerking

Artikel 1 Begrippen
In dit convenant wordt verstaan onder: a. partners: de gemeenten; b. bureau: het programmabureau.

Artikel 2 Taken
Het bureau ondersteunt de partners.
Het bureau rapporteert elk kwartaal.

Artikel 3 Slot
Dit convenant treedt in werking op 1 januari 2026.

Toelichting
Artikel 2
Het bureau is klein en werkt voor alle partners.
"""


def test_the_facilitator_merges_and_splits_articles_before_saving(visit):
    demo = build_demo()
    page = visit.page
    visit.login_as(demo.utrecht_beleidsmedewerker)
    visit.goto(reverse("experiences:agreement_import", args=[demo.collaboration.pk]))
    page.get_by_label("Tekst van de afspraak").fill(TEXT)
    with page.expect_navigation():
        page.get_by_role("button", name="Bekijk de indeling").click()
    expect(page.get_by_text("Samen vond 3 artikelen")).to_be_visible()
    expect(page.get_by_text("Na artikel 3 volgt een toelichting; die is bij de artikelen gezet")).to_be_visible()
    visit.assert_accessible()
    page.get_by_label("Splitsen vóór regel").nth(1).select_option(label="Het bureau rapporteert elk kwartaal.")
    with page.expect_navigation():
        page.get_by_role("button", name="Splitsen").nth(1).focus()
        page.keyboard.press("Enter")
    expect(page.get_by_text("Samen vond 4 artikelen")).to_be_visible()
    expect(page.get_by_text("U hebt 1 correctie gemaakt.")).to_be_visible()
    visit.assert_accessible()
    with page.expect_navigation():
        page.get_by_role("button", name="Samenvoegen met het vorige").nth(1).click()
    expect(page.get_by_text("Samen vond 3 artikelen")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De afspraak is opgeslagen met 3 artikelen.")).to_be_visible()
    visit.assert_accessible()
    agreement = Agreement.objects.get()
    assert (
        agreement.articles.get(number="2").explanation == "Artikel 2\nHet bureau is klein en werkt voor alle partners."
    )


def test_an_uploaded_word_file_is_read_in_the_background_and_the_page_turns_into_the_preview(visit, tmp_path):
    import docx

    from tests.documents import run_worker

    demo = build_demo()
    document = docx.Document()
    for line in TEXT.splitlines():
        if line:
            document.add_paragraph(line)
    path = tmp_path / "convenant.docx"
    document.save(str(path))
    page = visit.page
    visit.login_as(demo.utrecht_beleidsmedewerker)
    visit.goto(reverse("experiences:agreement_import", args=[demo.collaboration.pk]))
    page.get_by_label("Of kies een bestand").set_input_files(str(path))
    with page.expect_navigation():
        page.get_by_role("button", name="Bekijk de indeling").click()
    expect(page.get_by_text("convenant.docx wacht om gelezen te worden.")).to_be_visible()
    visit.assert_accessible()
    run_worker()
    # The status polls itself (htmx) and loads the page afresh once the worker has read the file.
    expect(page.get_by_text("Samen vond 3 artikelen")).to_be_visible(timeout=10_000)
    visit.assert_accessible()
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De afspraak is opgeslagen met 3 artikelen.")).to_be_visible()
    assert Agreement.objects.get().source_format == "docx"
