"""PDFs and large exports are made by the task worker, kept, and handed out again until their content changes."""

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from samen.audit.models import AuditEvent
from samen.core import documents
from samen.core.models import DocumentStatus, RenderedDocument
from samen.successes.models import Success
from tests.documents import download, run_worker
from tests.successes.builders import record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def brief_url(demo: Any) -> str:
    today = timezone.localdate()
    query = f"?van={(today - datetime.timedelta(days=365)).isoformat()}&tot={today.isoformat()}"
    return reverse("successes:brief_pdf", args=[demo.collaboration.pk]) + query


@pytest.fixture
def brief(demo: Any) -> Any:
    record(demo, by=demo.zeist_wethouder, is_public=True, title="Handhavingsteam vindt 40 illegale bouwwerken")
    return demo


def test_asking_for_a_pdf_answers_with_a_page_that_says_it_is_being_made_and_renders_nothing(brief, client_for):
    response = client_for(brief.raadslid).get(brief_url(brief))

    assert response.status_code == 202
    assert response["Content-Type"].startswith("text/html")
    assert b"%PDF" not in response.content
    assert "Het document staat in de wachtrij." in response.text
    assert 'href="' + brief_url(brief).replace("&", "&amp;") + '"' in response.text  # works without JavaScript
    document = RenderedDocument.objects.get()
    assert document.status == DocumentStatus.WAITING
    assert not document.file
    assert DBTaskResult.objects.filter(task_path="samen.core.tasks.render_document").count() == 1
    requested = AuditEvent.objects.get(action="document.requested")
    assert requested.actor == brief.raadslid
    assert requested.collaboration == brief.collaboration


def test_the_worker_makes_the_pdf_and_the_same_address_then_hands_it_out(brief, client_for):
    response, content = download(client_for(brief.raadslid), brief_url(brief))

    assert content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith('attachment; filename="successenbrief-')
    document = RenderedDocument.objects.get()
    assert document.status == DocumentStatus.READY
    assert document.progress == 100
    assert document.finished_at is not None


def test_a_finished_pdf_is_reused_until_its_content_changes(brief, client_for):
    client = client_for(brief.raadslid)
    download(client, brief_url(brief))
    first = RenderedDocument.objects.get()

    again = client_for(brief.utrecht_wethouder).get(brief_url(brief))  # someone else, the same public brief
    assert again.status_code == 200
    assert RenderedDocument.objects.get() == first
    assert DBTaskResult.objects.filter(task_path="samen.core.tasks.render_document").count() == 1

    record(brief, by=brief.zeist_wethouder, is_public=True, title="Tweede openbare succes")
    changed = client.get(brief_url(brief))
    assert changed.status_code == 202
    _response, content = download(client, brief_url(brief))
    assert content.startswith(b"%PDF")
    newest = RenderedDocument.objects.get()  # the worker removed the superseded one
    assert newest != first
    assert newest.status == DocumentStatus.READY


def test_the_status_fragment_polls_while_waiting_and_offers_the_download_when_ready(brief, client_for):
    client = client_for(brief.raadslid)
    client.get(brief_url(brief))

    waiting = client.get(brief_url(brief), headers={"HX-Request": "true"})
    assert waiting.status_code == 202
    assert 'hx-trigger="every 1s"' in waiting.text
    assert "<html" not in waiting.text

    run_worker()
    ready = client.get(brief_url(brief), headers={"HX-Request": "true"})
    assert ready.status_code == 200
    assert "hx-trigger" not in ready.text
    assert "downloaden" in ready.text
    assert b"%PDF" not in ready.content


def broken(document: Any, progress: Any) -> bytes:
    raise RuntimeError("het lettertype ontbreekt")


def test_a_failed_document_says_so_once_and_is_made_again_only_when_asked(demo, rf):
    def ask(retry: bool = False) -> RenderedDocument:
        return documents.request_document(
            builder="tests.core.test_documents.broken",
            content_key=documents.key_of("stuk"),
            filename="stuk.pdf",
            content_type=documents.PDF,
            by=demo.facilitator,
            collaboration=demo.collaboration,
            retry=retry,
        )

    failed = ask()
    run_worker()
    failed.refresh_from_db()
    assert failed.status == DocumentStatus.FAILED
    assert "het lettertype ontbreekt" in failed.error

    request = rf.get("/stuk.pdf")
    request.user = demo.facilitator
    page = documents.document_response(request, ask())
    assert page.status_code == 500
    assert "mislukt" in page.text
    assert "opnieuw=1" in page.text
    assert ask() == failed  # a page that polls does not queue it again
    assert ask(retry=True) != failed


def test_a_small_export_comes_at_once_and_a_large_one_from_the_worker(demo, client_for):
    client = client_for(demo.utrecht_beleidsmedewerker)
    url = reverse("reports:export_list", args=[demo.collaboration.pk, "successen", "csv"])
    record(demo)
    small = client.get(url)
    assert small.status_code == 200
    assert not RenderedDocument.objects.exists()

    Success.objects.bulk_create(
        [
            Success(
                collaboration=demo.collaboration,
                title=f"Succes {n}",
                story="Samen gelukt.",
                date=timezone.localdate(),
                recorded_by=demo.utrecht_beleidsmedewerker,
            )
            for n in range(documents_page_rows())
        ]
    )
    assert client.get(url).status_code == 202
    _response, content = download(client, url)
    lines = content.decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 1 + documents_page_rows()  # headers, the first success, the bulk
    assert RenderedDocument.objects.get().builder == "samen.reports.exports.build_document"


def documents_page_rows() -> int:
    from samen.reports.exports import PAGE_ROWS

    return PAGE_ROWS
