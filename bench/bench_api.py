"""The REST API over the whole imported register: the municipality filter and a page of 100 items.

Targets (issue 8): ``GET /api/v1/samenwerkingen?gemeente=GM0363`` at most 30 ms median server time,
a paginated list of 100 items at most 40 ms. Server time is the app's own ``Server-Timing`` figure
(the request log middleware), beside the wall time that also counts the test client.
"""

import statistics
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.util import measure_get
from samen.accounts.models import Person
from samen.api.services import create_token
from samen.collaborations.models import Collaboration, Organisation


def _server_ms(client: Client, url: str, repeat: int = 20) -> float:
    timings = []
    for _ in range(repeat):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        timings.append(float(response["Server-Timing"].split("dur=")[1]))
    return round(statistics.median(timings), 1)


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def _figures(client: Client, name: str, url: str) -> dict[str, Any]:
    wall = measure_get(client, url)
    return {
        f"{name}_median_ms": _server_ms(client, url),
        f"{name}_wall_median_ms": wall["median_ms"],
        f"{name}_queries": _queries(client, url),
    }


def run() -> dict[str, object]:
    amsterdam = Organisation.objects.get(code="GM0363")
    person, _created = Person.objects.get_or_create(
        email="bench-api@samen.example", defaults={"full_name": "Bench API", "organisation": amsterdam}
    )
    _token, raw = create_token(by=person, name="bench", scope="lezen")
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    with_amsterdam = client.get("/api/v1/samenwerkingen?gemeente=GM0363").json()["totalItems"]
    figures: dict[str, object] = {
        "register_collaborations": Collaboration.objects.count(),
        "gemeente_gm0363_total_items": with_amsterdam,
    }
    figures.update(_figures(client, "gemeente_gm0363", "/api/v1/samenwerkingen?gemeente=GM0363"))
    figures.update(_figures(client, "page_of_100", "/api/v1/samenwerkingen?pageSize=100&page=2"))
    figures.update(_figures(client, "organisations_page_of_100", "/api/v1/organisaties?pageSize=100"))
    figures["gemeente_gm0363_target_met"] = float(figures["gemeente_gm0363_median_ms"]) <= 30  # type: ignore[arg-type]
    figures["page_of_100_target_met"] = float(figures["page_of_100_median_ms"]) <= 40  # type: ignore[arg-type]
    for key, value in figures.items():
        print(f"  {key}: {value}")
    return figures
