"""Idempotent creation: a repeated submit with the same one-time key returns the first result.

The pattern payment APIs use. A web form carries a fresh key in a hidden field (the shared form template
renders it for forms with ``one_time_key = True``); ``OneTimeSubmissionMiddleware`` claims it before the
view runs and remembers where the view redirected to (or, for a page that shows its result in the answer
itself, such as a new API token, the address the view gives ``remember``). The API does the same with the
``Idempotency-Key`` header and remembers the whole answer (``samen.api.base.ApiView``). Keys expire after a day.

A key row never holds what was sent: the web fingerprints only the path, and an API view with
``idempotency_covers_body = False`` (an anonymous check-in answer) too, so no row can be matched to an answer.
"""

import datetime
import hashlib
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from samen.core.models import SubmissionKey

if TYPE_CHECKING:
    from samen.accounts.models import Person

FIELD = "_eenmalig"
WEB, API = "web", "api"
LIFETIME = datetime.timedelta(days=1)
WAIT_STEPS, WAIT_STEP_SECONDS = 50, 0.1
WELL_FORMED = re.compile(r"^[\x21-\x7e]{8,255}$")  # printable ASCII without spaces


def new_key() -> str:
    return secrets.token_urlsafe(24)


def fingerprint(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass
class Claim:
    """The outcome of claiming a key: ``fresh`` means this request handles it; otherwise ``earlier`` did."""

    row: SubmissionKey
    fresh: bool

    @property
    def in_progress(self) -> bool:
        return not self.fresh and self.row.status is None


def claim(person: "Person", channel: str, key: str, print_: str = "") -> Claim:
    now = timezone.now()
    SubmissionKey.objects.filter(expires_at__lt=now).delete()
    try:
        with transaction.atomic():
            row = SubmissionKey.objects.create(
                person=person, channel=channel, key=key, fingerprint=print_, expires_at=now + LIFETIME
            )
    except IntegrityError:
        return Claim(SubmissionKey.objects.get(person=person, channel=channel, key=key), fresh=False)
    return Claim(row, fresh=True)


def complete(claim: Claim, *, status: int, location: str = "", body: str = "") -> None:
    SubmissionKey.objects.filter(pk=claim.row.pk).update(status=status, location=location[:2000], body=body)


def release(claim: Claim) -> None:
    """The first attempt did not create anything (bad input, a refusal): the key may be used again."""
    SubmissionKey.objects.filter(pk=claim.row.pk).delete()


def remember(request: HttpRequest, location: str) -> None:
    """The view answered with its result on the page (200) instead of redirecting: a repeat of this submit is
    sent to ``location``, which must show what was made without repeating anything secret."""
    request._submission_result = location  # type: ignore[attr-defined]


def _result_location(request: HttpRequest, response: HttpResponse) -> str:
    if response.status_code in (301, 302, 303):
        return str(response.get("Location") or "")
    return str(getattr(request, "_submission_result", "")) if response.status_code == 200 else ""


def _too_big(request: HttpRequest) -> HttpResponse:
    reason = _("De tekst is te groot om te versturen. Maak hem korter of splits hem in delen.")
    return render(request, "core/not_sent.html", {"reason": reason}, status=400)


class OneTimeSubmissionMiddleware:
    """A POST carrying a key that already led somewhere redirects there again, without running the view."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        claimed: Claim | None = getattr(request, "_submission_claim", None)
        if claimed is not None:
            location = _result_location(request, response)
            if location:
                complete(claimed, status=response.status_code, location=location)
            else:
                release(claimed)
        return response

    def process_view(self, request: HttpRequest, view: object, args: object, kwargs: object) -> HttpResponse | None:
        if request.method != "POST" or not request.user.is_authenticated or request.path.startswith("/api/"):
            return None
        try:
            # Uploaded files do not count towards DATA_UPLOAD_MAX_MEMORY_SIZE (they stream to disk), so a form
            # with a large attachment is read here and keeps its key.
            key = request.POST.get(FIELD, "")
        except (RequestDataTooBig, TooManyFieldsSent):
            if request.content_type == "multipart/form-data":
                return _too_big(request)  # the body is half read: the view could no longer see what was sent
            return None  # the body is unread: the view reads it again and gives its own Dutch message
        except MultiPartParserError:
            return None
        if not WELL_FORMED.match(key):
            return None
        claimed = claim(request.user, WEB, key, fingerprint(request.path))
        for _attempt in range(WAIT_STEPS):  # a double click: wait for the first submit to finish
            if not claimed.in_progress:
                break
            time.sleep(WAIT_STEP_SECONDS)
            claimed = claim(request.user, WEB, key, fingerprint(request.path))
        if claimed.fresh:
            request._submission_claim = claimed  # type: ignore[attr-defined]
            return None
        if claimed.in_progress or claimed.row.fingerprint != fingerprint(request.path):
            reason = _("Dit formulier is al verstuurd en wordt nog verwerkt. Kijk zo dadelijk of het gelukt is.")
            return render(request, "core/not_sent.html", {"reason": reason}, status=409)
        messages.info(request, _("Dit formulier was al verstuurd; u ziet hier wat het opleverde."))
        return redirect(claimed.row.location)
