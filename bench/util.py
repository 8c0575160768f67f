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
