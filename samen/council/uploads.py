"""The gate for uploaded P&C documents: PDF and office files only, checked by content, size-limited.

As for success attachments, the uploader's name and declared type are not trusted: the type is
detected from the bytes, the file is stored under MEDIA_ROOT (var/) with a random name, and it is
served only as a download.
"""

import uuid
from pathlib import PurePath
from typing import Any

import filetype
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

ALLOWED_TYPES: dict[str, str] = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
}


def check_document(upload: Any) -> tuple[str, str, int, str]:
    """(content type, stored name, size, display name) for ``upload``, or a Dutch ValidationError on ``file``."""
    size = int(getattr(upload, "size", 0) or 0)
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            {
                "file": _("Het bestand is %(size)s; een stuk mag hoogstens %(max)s zijn.")
                % {"size": filesizeformat(size), "max": filesizeformat(MAX_DOCUMENT_BYTES)}
            },
            code="too_large",
        )
    if size == 0:
        raise ValidationError({"file": _("Het bestand is leeg.")}, code="empty")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(
            {"file": _("Dit bestand is geen PDF, Word-, Excel- of OpenDocument-bestand. Samen kijkt naar de inhoud.")},
            code="type",
        )
    extension = ALLOWED_TYPES[kind.mime]
    try:
        stem = get_valid_filename(PurePath(str(getattr(upload, "name", "") or "")).stem)[:150]
    except SuspiciousFileOperation:
        stem = "stuk"
    return kind.mime, f"{uuid.uuid4().hex}{extension}", size, f"{stem}{extension}"
