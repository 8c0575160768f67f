"""Importing agreements with their structure: series, lapsed articles, toelichting, signatures; the
facilitator's corrections in the preview (all or nothing, audited); the format field; DOCX uploads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samen.audit.models import AuditEvent
from samen.experiences.models import Agreement, Article, ArticleVersion, Chapter
from tests.documents import run_worker
from tests.experiences.conftest import SMALL_AGREEMENT, import_text
from tests.experiences.test_splitter_corpus import CORPUS

pytestmark = pytest.mark.django_db


def counts():
    return (Agreement.objects.count(), Chapter.objects.count(), Article.objects.count(), ArticleVersion.objects.count())


# --- structure, corrections and the format field ---------------------------------------------


def test_a_besluit_with_its_regeling_and_toelichting_is_saved_with_series_and_explanations(demo):
    text = (CORPUS / "BWBR0018068_RHC_Drents_Archief.md").read_text(encoding="utf-8")
    agreement = import_text(demo, text, title="Regeling RHC Drents Archief")
    assert agreement.articles.count() == 42
    assert agreement.series == ["", "Regeling RHC Drents Archief"]
    assert agreement.articles.filter(series=1).count() == 3
    regeling_12 = agreement.articles.get(series=2, number="12")
    assert regeling_12.explanation.startswith("Artikel 12\nHet dagelijks bestuur stelt zelf de regels")
    assert agreement.explanation.startswith("Toelichting bij de Regeling RHC Drents Archief")
    assert "M.C. van der Laan" in agreement.closing
    assert agreement.chapters.get(kind="bijlage").title.startswith("Financiële bijlage")
    assert not agreement.articles.filter(text__contains="M.C. van der Laan").exists()


def test_lapsed_articles_are_saved_as_lapsed(demo):
    agreement = import_text(
        demo, "Artikel 1\nDe regeling geldt.\nArtikel 2 (vervalt)\nArtikel 3\nSlot.", title="Met gat"
    )
    assert list(agreement.articles.values_list("number", "lapsed")) == [("1", False), ("2", True), ("3", False)]


def test_the_facilitator_corrects_the_split_in_the_preview_and_the_import_keeps_it_and_audits_it(demo, client_for):
    client = client_for(demo.zeist_beleidsmedewerker)
    url = reverse("experiences:agreement_import", args=[demo.collaboration.pk])
    response = client.post(url, {"stap": "voorbeeld", "kind": "convenant", "format": "auto", "text": SMALL_AGREEMENT})
    token = response.context["token_form"]["token"].value()
    response = client.post(url, {"token": token, "correctie": "samenvoegen:2", "kind": "convenant", "title": "X"})
    assert response.status_code == 200
    assert "Samen vond 2 artikelen" in response.text
    assert "U hebt 1 correctie gemaakt." in response.text
    assert counts() == (0, 0, 0, 0)
    token = response.context["token_form"]["token"].value()
    response = client.post(url, {"token": token, "correctie": "splitsen:0", "regel-0": "2", "kind": "convenant"})
    assert "U hebt 2 correcties gemaakt." in response.text
    token = response.context["token_form"]["token"].value()
    details = {"kind": "convenant", "title": "Convenant Samen Sterk", "parties": [str(demo.zeist.pk)]}
    response = client.post(url, {"stap": "opslaan", "token": token, **details})
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert list(agreement.articles.values_list("number", flat=True)) == ["1", "", "2"]
    event = AuditEvent.objects.get(action="agreement.imported")
    assert event.after["corrections"] == [["samenvoegen", 2], ["splitsen", 0, 2]]


def test_a_correction_that_does_not_fit_changes_nothing_and_says_so(demo, client_for):
    client = client_for(demo.zeist_beleidsmedewerker)
    url = reverse("experiences:agreement_import", args=[demo.collaboration.pk])
    response = client.post(url, {"stap": "voorbeeld", "kind": "convenant", "format": "auto", "text": SMALL_AGREEMENT})
    token = response.context["token_form"]["token"].value()
    response = client.post(url, {"token": token, "correctie": "samenvoegen:0", "kind": "convenant"})
    assert response.status_code == 400
    assert "Deze correctie past niet bij de tekst" in response.text
    assert "Samen vond 3 artikelen" in response.text
    response = client.post(url, {"token": token, "correctie": "wissen:x", "kind": "convenant"})
    assert response.status_code == 400
    assert counts() == (0, 0, 0, 0)


@pytest.mark.parametrize("fmt", ["", "pdf-ding", "roo"])
def test_an_empty_or_unknown_format_is_a_dutch_form_error_or_automatic_never_a_crash(demo, client_for, fmt):
    client = client_for(demo.zeist_beleidsmedewerker)
    url = reverse("experiences:agreement_import", args=[demo.collaboration.pk])
    response = client.post(url, {"stap": "voorbeeld", "kind": "convenant", "format": fmt, "text": SMALL_AGREEMENT})
    if fmt == "":
        assert response.status_code == 200
        assert "Samen vond 3 artikelen" in response.text
    else:
        assert response.status_code == 400
        assert "Kies een opmaak uit de lijst, of ‘Zelf herkennen’." in response.text
    assert counts() == (0, 0, 0, 0)


def test_a_docx_upload_is_read_on_the_import_page(demo, client_for):
    import io

    import docx

    document = docx.Document()
    document.add_heading("Convenant Samen Sterk", level=1)
    for line in SMALL_AGREEMENT.splitlines()[1:]:
        if line.startswith(("Artikel", "Hoofdstuk")):
            document.add_heading(line, level=2)
        elif line:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    client = client_for(demo.zeist_beleidsmedewerker)
    url = reverse("experiences:agreement_import", args=[demo.collaboration.pk])
    upload = SimpleUploadedFile("convenant.docx", buffer.getvalue())
    response = client.post(url, {"stap": "voorbeeld", "kind": "convenant", "format": "auto", "upload": upload})
    assert response.status_code == 302, "a Word file is read by the task worker"
    assert run_worker() == 1
    response = client.get(response.url)
    assert response.status_code == 200
    assert "Samen vond 3 artikelen" in response.text


def test_the_preview_says_what_it_did_and_did_not_understand(demo, client_for):
    client = client_for(demo.zeist_beleidsmedewerker)
    url = reverse("experiences:agreement_import", args=[demo.collaboration.pk])
    upload = SimpleUploadedFile("drents.md", (CORPUS / "BWBR0018068_RHC_Drents_Archief.md").read_bytes())
    response = client.post(url, {"stap": "voorbeeld", "kind": "regeling", "format": "auto", "upload": upload})
    assert response.status_code == 200
    assert (
        "Samen vond 42 artikelen in 2 reeksen (3 + 39), 15 hoofdstukken en afdelingen, 80 leden, 17 onderdelen, "
        "21 delen toelichting, 1 bijlage en 2 ondertekeningen." in response.text
    )
    assert "Na artikel 39 volgt een toelichting; die is bij de artikelen gezet" in response.text
    assert counts() == (0, 0, 0, 0)
