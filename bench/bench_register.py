"""The national register: import time (empty database, then a second run) and the two register pages.

Runs first, on an empty migrated database, and imports the register itself; the other benchmarks
rely on what it leaves behind. Query counts are taken for the municipality in the most and in the
fewest collaborations, to show they do not grow with the data.
"""

import time
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.util import measure_get, signed_in_client
from samen.accounts.models import Person
from samen.collaborations.models import Collaboration, Organisation


def _timed_import() -> float:
    started = time.perf_counter()
    call_command("import_register", verbosity=0, stdout=StringIO())
    return round(time.perf_counter() - started, 2)


def _queries(client: Client, url: str) -> int:
    """SQL queries of one GET, read before the next request resets the connection's query log."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def _page(client: Client, url: str) -> tuple[float, int]:
    return float(measure_get(client, url)["median_ms"]), _queries(client, url)


def run() -> dict[str, object]:
    empty = not Collaboration.objects.exists()
    first = _timed_import()
    second = _timed_import()

    municipalities = Organisation.objects.municipalities().annotate(n=Count("partnerships")).order_by("-n", "code")
    busiest, quietest = municipalities[0], municipalities.reverse()[0]
    person, _created = Person.objects.get_or_create(
        email="bench-register@samen.example", defaults={"full_name": "Bench Register", "organisation": busiest}
    )
    client = signed_in_client(person)
    find_ms, find_queries = _page(client, "/samenwerkingen/zoeken?q=veiligheid")
    broad_ms, broad_queries = _page(client, "/samenwerkingen/zoeken?q=regeling")
    by_gm_ms, by_gm_queries = _page(client, f"/samenwerkingen/zoeken?gemeente={busiest.code}")
    page_ms, page_queries = _page(client, f"/organisaties/{busiest.pk}")
    _small_ms, small_queries = _page(client, f"/organisaties/{quietest.pk}")
    return {
        "import_first_run_s": first,
        "import_first_run_on_empty_db": empty,
        "import_second_run_s": second,
        "register_collaborations": Collaboration.objects.filter(roo_id__isnull=False).count(),
        "find_median_ms": find_ms,
        "find_queries": find_queries,
        "find_broad_median_ms": broad_ms,
        "find_broad_queries": broad_queries,
        "find_by_municipality_median_ms": by_gm_ms,
        "find_by_municipality_queries": by_gm_queries,
        "organisation_page_median_ms": page_ms,
        "organisation_page_queries": page_queries,
        "organisation_page_municipality": f"{busiest.name} ({busiest.n} samenwerkingen)",
        "organisation_page_small_queries": small_queries,
        "organisation_page_small_municipality": f"{quietest.name} ({quietest.n} samenwerkingen)",
    }
