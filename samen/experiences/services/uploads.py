"""Reading an uploaded PDF or Word file of an agreement: stored by the web request, read by the task worker.

The request stores the file and queues ``samen.experiences.tasks.read_agreement_upload`` in the same
transaction (the pattern of ``samen.core.documents``). The worker extracts the text and tries the split;
what cannot be read gets the splitter's Dutch message. The page of the upload then shows the preview.
"""

from typing import Any

import structlog
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import permissions
from samen.audit.services import record
from samen.collaborations.models import Collaboration
from samen.core.models import DocumentStatus
from samen.core.services import require
from samen.experiences import splitter
from samen.experiences.models import AgreementUpload
from samen.experiences.services.agreements import split_source

log = structlog.get_logger("samen.experiences.uploads")


def request_reading(
    *, collaboration: Collaboration, by: Any, filename: str, data: bytes, details: dict[str, list[str]]
) -> AgreementUpload:
    """Store an uploaded file and queue its reading. ``details``: what was filled in with it (kind, title, …)."""
    from samen.experiences.tasks import read_agreement_upload

    require(
        permissions.can_manage_agreements(by, collaboration),
        str(permissions.MANAGE_AGREEMENTS_REFUSED),
    )
    if len(data) > splitter.MAX_UPLOAD_BYTES:
        raise splitter.SplitError(
            _("Het bestand is te groot. Het maximum is 2 MB; splits de tekst in delen."), code="too_large"
        )
    with transaction.atomic():
        AgreementUpload.objects.stale().delete()
        upload = AgreementUpload.objects.create(
            collaboration=collaboration, uploaded_by=by, filename=filename[:255], content=data, details=details
        )
        record(
            by,
            "agreement.upload_received",
            upload,
            collaboration=collaboration,
            after={"filename": upload.filename, "bytes": len(data)},
        )
        # The database task backend writes the task in this transaction: the worker sees both or neither.
        read_agreement_upload.enqueue(str(upload.pk))
    return upload


def read_upload(upload_id: str) -> str:
    """The worker's side: extract the text and try the split. Returns the new status."""
    claimed = AgreementUpload.objects.filter(pk=upload_id, status=DocumentStatus.WAITING).update(
        status=DocumentStatus.RENDERING
    )
    if not claimed:
        return "skipped"
    upload = AgreementUpload.objects.get(pk=upload_id)
    started = timezone.now()
    fields: dict[str, Any] = {"content": b"", "finished_at": timezone.now()}
    try:
        text, fmt = splitter.decode_upload(bytes(upload.content), upload.filename)
        split_source(text, fmt)
    except splitter.SplitError as error:
        fields.update(status=DocumentStatus.FAILED, error=" ".join(error.messages))
    except Exception:
        log.exception("uploads.failed", upload_id=str(upload.pk))
        message = _("Samen kon dit bestand niet lezen. Sla het opnieuw op als PDF of Word-bestand, of plak de tekst.")
        fields.update(status=DocumentStatus.FAILED, error=message)
    else:
        fields.update(status=DocumentStatus.READY, text=text, source_format=fmt)
    AgreementUpload.objects.filter(pk=upload.pk).update(**fields)
    record(
        None,
        "agreement.upload_read",
        upload,
        collaboration=upload.collaboration,
        after={"status": fields["status"], "error": fields.get("error", "")},
    )
    log.info(
        "uploads.read",
        upload_id=str(upload.pk),
        status=fields["status"],
        seconds=round((timezone.now() - started).total_seconds(), 2),
    )
    return str(fields["status"])
