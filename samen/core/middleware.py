import time
from collections.abc import Callable

import structlog
from django.http import HttpRequest, HttpResponse

log = structlog.get_logger("samen.request")


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
            log.info("request", method=request.method, path=request.path, status=response.status_code, ms=ms)
        return response
