"""Documents made by the task worker: PDFs and large exports, never in a web request.

A view describes the document it wants — who makes it (``builder``, a dotted path to a function
``(document, progress) -> bytes``), what identifies its content (``content_key``) and its file
name — and calls ``document_response``. The first request stores a ``RenderedDocument`` and
enqueues ``samen.core.tasks.render_document``; the answer is a status page (202) that polls itself
with htmx and has a plain link for browsers without JavaScript. Once the worker has finished, the
same URL answers with the file. A finished document is handed out again for as long as its content
key is unchanged; a new key makes a new document and the worker removes the older ones.
"""

import datetime
import hashlib
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import structlog
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q
from django.http import FileResponse, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render as render_page
from django.utils import timezone
from django.utils.module_loading import import_string

from samen.audit.services import record
from samen.core.http import AuthedRequest
from samen.core.models import DocumentStatus, RenderedDocument

if TYPE_CHECKING:
    from samen.accounts.models import Person

log = structlog.get_logger("samen.documents")

PDF_BUILDER = "samen.core.documents.pdf_from_source"
PDF = "application/pdf"
# A document still waiting after this long was lost (a worker stopped mid-render): make it again.
STALE_AFTER = datetime.timedelta(minutes=10)
# Finished documents nobody asked for again are removed after this long.
KEEP_FOR = datetime.timedelta(days=30)
RETRY = "opnieuw"


def key_of(*parts: Any) -> str:
    """A content key from anything that decides the content (text, ids, dates)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(str(part).encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()


def collaboration_stamp(collaboration: Any) -> str:
    """The time of the collaboration's latest change (its latest audit event, documents aside)."""
    from samen.audit.models import AuditEvent

    latest = (
        AuditEvent.objects.filter(collaboration=collaboration)
        .exclude(object_type=RenderedDocument._meta.label_lower)
        .aggregate(last=Max("at"))["last"]
    )
    return latest.isoformat() if latest else "-"


def request_document(
    *,
    builder: str,
    content_key: str,
    filename: str,
    content_type: str,
    by: "Person",
    collaboration: Any = None,
    source: str = "",
    params: dict[str, Any] | None = None,
    retry: bool = False,
) -> RenderedDocument:
    """The document with this content: a finished or running one if there is, else a new one in the queue.

    A recent failure is handed back as it is (a page that polls must not queue it again and again),
    unless ``retry`` says the person asked to try again.
    """
    from samen.core.tasks import render_document

    fresh_since = timezone.now() - STALE_AFTER
    existing = (
        RenderedDocument.objects.filter(builder=builder, content_key=content_key)
        .filter(Q(status=DocumentStatus.READY) | Q(created_at__gte=fresh_since))
        .order_by("-created_at")
        .first()
    )
    if existing is not None and not (retry and existing.status == DocumentStatus.FAILED):
        return existing
    with transaction.atomic():
        document = RenderedDocument.objects.create(
            builder=builder,
            content_key=content_key,
            filename=filename,
            content_type=content_type,
            collaboration=collaboration,
            requested_by=by if getattr(by, "pk", None) else None,
            source=source,
            params=params or {},
        )
        record(by, "document.requested", document, collaboration=collaboration, after={"filename": filename})
        # The database task backend writes the task in this transaction: the worker sees both or neither.
        render_document.enqueue(str(document.pk))
    return document


def _progress(document_id: Any) -> Callable[[int], None]:
    def report(percent: int) -> None:
        RenderedDocument.objects.filter(pk=document_id).update(progress=max(0, min(100, percent)))

    return report


def render(document_id: Any) -> str:
    """Make one document (the worker's side). Returns its status."""
    claimed = RenderedDocument.objects.filter(pk=document_id, status=DocumentStatus.WAITING).update(
        status=DocumentStatus.RENDERING, progress=5
    )
    if not claimed:
        return "skipped"
    document = RenderedDocument.objects.get(pk=document_id)
    started = timezone.now()
    try:
        content = import_string(document.builder)(document, _progress(document.pk))
    except Exception as error:
        RenderedDocument.objects.filter(pk=document.pk).update(
            status=DocumentStatus.FAILED, error="".join(traceback.format_exception_only(error))[:2000]
        )
        log.exception("documents.failed", document_id=str(document.pk), builder=document.builder)
        return DocumentStatus.FAILED
    document.file.save(document.filename, ContentFile(content), save=False)
    RenderedDocument.objects.filter(pk=document.pk).update(
        file=document.file.name, status=DocumentStatus.READY, progress=100, finished_at=timezone.now()
    )
    log.info(
        "documents.ready",
        document_id=str(document.pk),
        builder=document.builder,
        bytes=len(content),
        seconds=round((timezone.now() - started).total_seconds(), 2),
    )
    _remove_superseded(document)
    return DocumentStatus.READY


def _remove_superseded(document: RenderedDocument) -> None:
    """Older versions of the same document (same maker, collaboration, name), and anything long unused."""
    old = RenderedDocument.objects.filter(
        Q(builder=document.builder, collaboration=document.collaboration, filename=document.filename)
        & ~Q(content_key=document.content_key)
        & Q(status__in=[DocumentStatus.READY, DocumentStatus.FAILED])
    ) | RenderedDocument.objects.filter(created_at__lt=timezone.now() - KEEP_FOR)
    for stale in old.exclude(pk=document.pk):
        if stale.file:
            stale.file.delete(save=False)
        stale.delete()


def pdf_from_source(document: RenderedDocument, progress: Callable[[int], None]) -> bytes:
    """The builder of PDFs: the stored HTML through WeasyPrint."""
    from samen.core.pdf import html_to_pdf

    progress(10)
    return html_to_pdf(document.source, progress)


def pdf_response(request: AuthedRequest, html: str, filename: str, *, collaboration: Any = None) -> HttpResponseBase:
    """A PDF of ``html`` (a complete document): the file when the worker made it, else the status page."""
    document = request_document(
        builder=PDF_BUILDER,
        content_key=key_of(html),
        filename=filename,
        content_type=PDF,
        by=request.user,
        collaboration=collaboration,
        source=html,
        retry=request.GET.get(RETRY) == "1",
    )
    return document_response(request, document)


def document_response(request: HttpRequest, document: RenderedDocument) -> HttpResponseBase:
    """The file when it is ready; otherwise the page (or, for htmx, the fragment) that says how far it is."""
    document.refresh_from_db(fields=["status", "progress", "file", "error"])
    is_htmx = bool(getattr(request, "htmx", False))
    if document.is_ready and not is_htmx and document.file:
        return FileResponse(
            document.file.open("rb"), as_attachment=True, filename=document.filename, content_type=document.content_type
        )
    template = "core/document_status.html" if is_htmx else "core/document.html"
    query = request.GET.copy()
    query.pop(RETRY, None)
    again = request.path + (f"?{query.urlencode()}" if query else "")
    retry = again + ("&" if query else "?") + f"{RETRY}=1"
    context = {"document": document, "again": again, "retry": retry}
    status = 200 if document.is_ready else 500 if document.status == DocumentStatus.FAILED else 202
    response = render_page(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    return response
