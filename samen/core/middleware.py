import re
import time
from collections.abc import Callable

import structlog
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware

log = structlog.get_logger("samen.request")

# Paths that carry a secret (invitation links, unsubscribe links, calendar feeds) are logged without it.
SECRET_IN_PATH = re.compile(r"^(/uitnodiging/|/meldingen/afmelden/|/agenda/)[^/]+")


def loggable_path(path: str) -> str:
    return SECRET_IN_PATH.sub(r"\1…", path)


class RequestLogMiddleware:
    """One structured log line per request, with the time the server spent on it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        ms = round((time.perf_counter() - started) * 1000, 1)
        response["Server-Timing"] = f"app;dur={ms}"
        if not request.path.startswith("/static/"):
            log.info(
                "request", method=request.method, path=loggable_path(request.path), status=response.status_code, ms=ms
            )
        return response


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    """Dutch unless the person chose another language (the language cookie).

    A Dutch government service does not switch to English because a browser happens
    to be set up in English, so the Accept-Language header is not consulted.
    """

    def process_request(self, request: HttpRequest) -> None:
        header = request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        try:
            super().process_request(request)
        finally:
            if header is not None:
                request.META["HTTP_ACCEPT_LANGUAGE"] = header
