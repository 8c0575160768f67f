"""Uploaded PDF and Word files are read by the task worker, not in the web request: the upload is stored,
its page says it is being read (htmx polling, a plain link without JavaScript), and once the worker has
read it the same page shows the preview; a file that cannot be read gets a Dutch reason and saves nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samen.audit.models import AuditEvent
from samen.core.models import DocumentStatus
from samen.experiences.models import Agreement, AgreementUpload, Article
from tests.documents import run_worker
from tests.experiences.test_splitter_corpus import overijssel_pdf

pytestmark = pytest.mark.django_db

DETAILS = {"stap": "voorbeeld", "kind": "regeling", "format": "auto", "signed_on": "2003-07-01"}


def upload(client, demo, name, content, **extra):
    url = reverse("experiences:agreement_import", args=[demo.collaboration.pk])
    return client.post(url, {**DETAILS, **extra, "upload": SimpleUploadedFile(name, content)})


def test_a_pdf_upload_is_read_by_the_worker_then_previewed_and_saved(demo, client_for):
    client = client_for(demo.zeist_beleidsmedewerker)
    response = upload(client, demo, "overijssel.pdf", overijssel_pdf(), parties=[str(demo.zeist.pk)])
    stored = AgreementUpload.objects.get()
    page = reverse("experiences:agreement_upload", args=[demo.collaboration.pk, stored.pk])
    assert response.status_code == 302
    assert response.url == page
    assert stored.status == DocumentStatus.WAITING
    assert stored.text == ""

    waiting = client.get(page)
    assert waiting.status_code == 202
    assert "overijssel.pdf wacht om gelezen te worden." in waiting.text
    assert f'href="{page}"' in waiting.text, "without JavaScript: a link to look again"
    assert f'hx-get="{page}"' in waiting.text
    fragment = client.get(page, headers={"HX-Request": "true"})
    assert fragment.status_code == 202
    assert "<html" not in fragment.text

    assert run_worker() == 1
    stored.refresh_from_db()
    assert stored.status == DocumentStatus.READY
    assert bytes(stored.content) == b"", "the file itself is not kept once it is read"
    refreshed = client.get(page, headers={"HX-Request": "true"})
    assert refreshed["HX-Refresh"] == "true"

    preview = client.get(page)
    assert preview.status_code == 200
    assert "Samen vond 43 artikelen in 2 reeksen (3 + 40)" in preview.text
    assert "Er is nog niets opgeslagen." in preview.text
    details = preview.context["details"]
    assert details["kind"].value() == "regeling"
    assert str(details["signed_on"].value()) == "2003-07-01"
    assert [str(p) for p in details["parties"].value()] == [str(demo.zeist.pk)]
    assert Agreement.objects.count() == 0

    token = preview.context["token_form"]["token"].value()
    url = reverse("experiences:agreement_import", args=[demo.collaboration.pk])
    saved = client.post(
        url,
        {"stap": "opslaan", "token": token, "kind": "regeling", "title": "Regeling HCO", "parties": [demo.zeist.pk]},
    )
    agreement = Agreement.objects.get()
    assert saved.status_code == 302
    assert agreement.source_format == "pdf"
    assert agreement.articles.count() == 43
    assert agreement.articles.get(series=2, number="12").text == (
        "Het dagelijks bestuur stelt regels voor zijn vergaderingen vast."
    )
    actions = set(AuditEvent.objects.filter(collaboration=demo.collaboration).values_list("action", flat=True))
    assert {"agreement.upload_received", "agreement.upload_read"} <= actions


def test_a_corrupt_pdf_is_refused_by_the_worker_with_a_dutch_message_and_nothing_is_saved(demo, client_for):
    client = client_for(demo.zeist_beleidsmedewerker)
    response = upload(client, demo, "kapot.pdf", b"%PDF-1.4\x00\x00 dit is geen pdf")
    assert response.status_code == 302
    assert run_worker() == 1
    refused = client.get(response.url)
    assert refused.status_code == 400
    assert "Deze PDF kon niet worden gelezen. Sla hem opnieuw op als PDF, of plak de tekst." in refused.text
    assert refused.context["details"]["kind"].value() == "regeling", "what was filled in stays filled in"
    assert (Agreement.objects.count(), Article.objects.count()) == (0, 0)
    assert AgreementUpload.objects.get().status == DocumentStatus.FAILED


def test_a_pdf_without_articles_is_refused_with_the_reason_of_the_splitter(demo, client_for):
    from weasyprint import HTML

    client = client_for(demo.zeist_beleidsmedewerker)
    pdf = HTML(string="<p>Notulen van het overleg. Er zijn geen afspraken gemaakt.</p>").write_pdf()
    response = upload(client, demo, "notulen.pdf", bytes(pdf))
    run_worker()
    refused = client.get(response.url)
    assert refused.status_code == 400
    assert "In deze tekst vonden we geen artikelen" in refused.text


def test_a_docx_upload_is_read_by_the_worker_too(demo, client_for):
    import io

    import docx

    document = docx.Document()
    for line in ("Convenant Samen Sterk", "Artikel 1 Doel", "Wij werken samen.", "Artikel 2 Duur", "Vijf jaar."):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    client = client_for(demo.zeist_beleidsmedewerker)
    response = upload(client, demo, "convenant.docx", buffer.getvalue())
    assert client.get(response.url).status_code == 202
    run_worker()
    preview = client.get(response.url)
    assert preview.status_code == 200
    assert "Samen vond 2 artikelen" in preview.text


def test_only_the_person_who_uploaded_sees_the_upload(demo, client_for):
    client = client_for(demo.zeist_beleidsmedewerker)
    response = upload(client, demo, "overijssel.pdf", b"%PDF-1.4 nog niet gelezen")
    assert client_for(demo.utrecht_beleidsmedewerker).get(response.url).status_code == 404
    assert client_for(demo.raadslid).get(response.url).status_code == 403
    stored = AgreementUpload.objects.get()
    other = reverse("experiences:agreement_upload", args=[demo.other_collaboration.pk, stored.pk])
    assert client.get(other).status_code == 404


def test_pasted_text_and_text_files_are_still_read_in_the_request(demo, client_for):
    client = client_for(demo.zeist_beleidsmedewerker)
    response = upload(client, demo, "convenant.txt", b"Artikel 1 Doel\nWij werken samen.")
    assert response.status_code == 200
    assert "Samen vond 1 artikel" in response.text
    assert not AgreementUpload.objects.exists()


def test_an_upload_the_worker_never_finished_gets_a_message_instead_of_waiting_forever(demo, client_for):
    import datetime

    from django.utils import timezone

    client = client_for(demo.zeist_beleidsmedewerker)
    response = upload(client, demo, "overijssel.pdf", b"%PDF-1.4 nooit gelezen")
    assert client.get(response.url).status_code == 202
    AgreementUpload.objects.update(
        status=DocumentStatus.RENDERING, created_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    lost = client.get(response.url)
    assert lost.status_code == 400
    assert "Het lezen van het bestand is niet gelukt. Kies het bestand opnieuw." in lost.text
