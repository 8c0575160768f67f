"""The one gate for files attached to a success: images and PDF only, checked by content, size-limited.

The uploader's file name and declared content type are never trusted: the type is
detected from the first bytes (``filetype``), the file is stored under a random name
with the extension of the detected type, and it is only ever served as a download
(see views.attachment), so an HTML page disguised as a picture can never run.
"""

from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

import filetype
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024

#: Detected MIME type -> extension used on disk and in the download name.
ALLOWED_TYPES: dict[str, str] = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "application/pdf": ".pdf",
}


@dataclass(frozen=True)
class CheckedAttachment:
    upload: Any
    content_type: str
    extension: str
    size: int
    display_name: str


def check_attachment(upload: Any) -> CheckedAttachment:
    """Accept ``upload`` (a Django UploadedFile) or raise a ValidationError in Dutch on the field."""
    size = int(getattr(upload, "size", 0) or 0)
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            {
                "attachment": _("Het bestand is %(size)s; een bijlage mag hoogstens %(max)s zijn.")
                % {"size": filesizeformat(size), "max": filesizeformat(MAX_ATTACHMENT_BYTES)}
            },
            code="too_large",
        )
    if size == 0:
        raise ValidationError({"attachment": _("Het bestand is leeg.")}, code="empty")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(
            {
                "attachment": _(
                    "Dit bestand is geen afbeelding (JPEG, PNG, GIF, WebP) of PDF. Samen kijkt naar de inhoud "
                    "van het bestand, niet naar de naam."
                )
            },
            code="type",
        )
    extension = ALLOWED_TYPES[kind.mime]
    return CheckedAttachment(
        upload=upload,
        content_type=kind.mime,
        extension=extension,
        size=size,
        display_name=f"{_safe_stem(getattr(upload, 'name', ''))}{extension}",
    )


def _safe_stem(name: str) -> str:
    """The uploader's name without path or extension, reduced to safe characters (for the download)."""
    try:
        return get_valid_filename(PurePath(str(name or "")).stem)[:150]
    except SuspiciousFileOperation:
        return "bijlage"
