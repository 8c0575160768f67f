"""Small measuring helpers shared by the benchmarks."""

import statistics
import time
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def measure_get(client: Client, url: str, repeat: int = 20) -> dict[str, float | int]:
    """Median and p90 server time (ms) of GET ``url``, and its number of SQL queries."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    # Read now: the next request's request_started signal clears the connection's query log.
    query_count = len(captured.captured_queries)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "median_ms": round(statistics.median(timings), 1),
        "p90_ms": round(timings[int(len(timings) * 0.9) - 1], 1),
        "queries": query_count,
    }


def signed_in_client(person: Any) -> Client:
    client = Client()
    client.force_login(person)
    return client


def worker_document(client: Client, url: str, repeat: int = 3) -> dict[str, float | int]:
    """Ask for a document the task worker makes (a PDF): the request's time, then the render's.

    The request answers at once with the status page (202); the render is timed as the worker does it,
    in this process, ``repeat`` times from the same stored HTML.
    """
    from samen.core import documents
    from samen.core.models import RenderedDocument
    from samen.core.pdf import html_to_pdf

    started = time.perf_counter()
    response = client.get(url)
    request_ms = (time.perf_counter() - started) * 1000
    assert response.status_code == 202, (url, response.status_code)
    document = RenderedDocument.objects.order_by("-created_at").first()
    assert document is not None
    assert documents.render(document.pk) == "klaar"
    timings, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        content = html_to_pdf(document.source)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    ready = client.get(url)
    assert ready.status_code == 200, (url, ready.status_code)
    return {
        "request_ms": round(request_ms, 1),
        "render_seconds": round(statistics.median(timings), 2),
        "render_cpu_seconds": round(statistics.median(cpu), 2),
        "bytes": len(content),
    }
