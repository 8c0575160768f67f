"""Health and reports at national scale: every current regeling of the register active, with activity.

Targets (median server time): the health view of one collaboration at most 60 ms; a municipality's
portfolio (all its regelingen, up to 19) at most 100 ms; a facilitator's portfolio of all 451 at most
300 ms; the council digest as PDF at most 3 s; query counts that do not grow with the data (the
health view with ten times the activity, the portfolio with ten times the collaborations).

Pages are computed again when their collaboration changed (an audit event) or the hour turned, so the
medians are what people see on a second visit; the "cold" figures are one request on an empty cache,
and the query counts are those of the cold request.

The generator is the demo's (``samen.demo``, profile ``LIGHT``): all 451 current regelingen active
with their real partners from the register, an ambtelijk and a bestuurlijk contact per partner
organisation, a facilitator of everything, and three years of history written through the services
of the areas on a travelled clock, so with audit events: an ambition with pledges, an honesty round,
a goal adopted by consent of every partner with a result and its quarterly progress, a commitment,
a draft goal, a success and a spotlight, signals, check-ins. It prints its progress and the size of
the data it made. ``generate(limit)`` makes only the first ``limit`` regelingen (for a quick look).
"""

import datetime
import statistics
import time
from typing import Any

from django.utils import timezone

from bench.util import measure_get, signed_in_client, worker_document

DOMAIN = "bench-gezondheid.example"
YEARS = 3


class World:
    def __init__(self) -> None:
        self.collaborations: list[Any] = []
        self.partners: dict[Any, list[tuple[Any, Any]]] = {}  # collaboration id -> [(partner id, organisation id)]
        self.contacts: dict[Any, tuple[Any, Any]] = {}  # organisation id -> (official, executive)
        self.facilitator: Any = None
        self.rows = 0
        self.people: Any = None  # samen.demo.people.People, to write more history with the same people


def _second_factor(person: Any) -> None:
    """Facilitators must sign in with two steps (the middleware sends them to set it up otherwise)."""
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(person, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")


def write_history(world: World, collaboration: Any, seed: int = 0, again: bool = False) -> int:
    """Three years of (light) history for ``collaboration`` through the services; returns the steps run."""
    from samen.demo.history import Scenario, build
    from samen.demo.story import LIGHT

    cast, steps = build(Scenario(collaboration.roo_id, LIGHT, YEARS), world.people, seed=seed, again=again)
    world.partners[collaboration.pk] = [(p.pk, p.organisation_id) for p in cast.partners]
    for partner in cast.partners:
        world.contacts[partner.organisation_id] = (cast.officials[partner.pk], cast.executives[partner.pk])
    return steps


def data_size() -> dict[str, int]:
    """Rows per area (and people, roles, audit events) in the database now."""
    from django.apps import apps

    size: dict[str, int] = {}
    for model in apps.get_models():
        label = model._meta.app_label
        if model.__module__.startswith("samen.") and label in {
            "interests", "goals", "successes", "experiences", "reports", "notifications",
        }:  # fmt: skip
            size[label] = size.get(label, 0) + model.objects.count()
    from samen.accounts.models import Person
    from samen.audit.models import AuditEvent
    from samen.collaborations.models import Collaboration, Partner, Role

    size["collaborations_active"] = Collaboration.objects.filter(workspace_active=True).count()
    size["partners"] = Partner.objects.current().filter(collaboration__workspace_active=True).count()
    size["people"] = Person.objects.count()
    size["roles"] = Role.objects.count()
    size["audit_events"] = AuditEvent.objects.count()
    return size


def generate(limit: int | None = None) -> World:
    from django.core.management import call_command

    from samen.accounts.models import Person
    from samen.collaborations.models import Collaboration
    from samen.demo.people import People

    if not Collaboration.objects.filter(roo_id__isnull=False).exists():
        call_command("import_register", verbosity=0)
    world = World()
    # Staff: the one who starts every register GR in this installation, and facilitates them all.
    world.facilitator = Person.objects.create_user(
        f"facilitator@{DOMAIN}", None, full_name="Bench Facilitator", is_staff=True
    )
    _second_factor(world.facilitator)
    world.people = People(domain=DOMAIN, facilitator=world.facilitator)
    world.collaborations = list(Collaboration.objects.filter(roo_id__isnull=False).order_by("name")[:limit])
    started = time.perf_counter()
    steps = 0
    for n, collaboration in enumerate(world.collaborations, start=1):
        steps += write_history(world, collaboration)
        if n % 50 == 0 or n == len(world.collaborations):
            print(f"  history of {n}/{len(world.collaborations)} regelingen: {steps} service calls, "
                  f"{time.perf_counter() - started:.0f} s", flush=True)  # fmt: skip
    # Read them again: the history started their workspaces, and pages and services check that.
    world.collaborations = list(
        Collaboration.objects.filter(pk__in=[c.pk for c in world.collaborations]).order_by("name")
    )
    size = data_size()
    world.rows = sum(v for k, v in size.items() if k in {"interests", "goals", "successes", "experiences"})
    print("  data size: " + ", ".join(f"{k} {v}" for k, v in size.items()), flush=True)
    return world


def _municipality_with_most(world: World) -> Any:
    from samen.collaborations.models import Organisation

    counts: dict[Any, int] = {}
    for partners in world.partners.values():
        for _p, org in partners:
            counts[org] = counts.get(org, 0) + 1
    municipalities = set(Organisation.objects.municipalities().values_list("pk", flat=True))
    best = max((o for o in counts if o in municipalities), key=lambda o: (counts[o], str(o)))
    return Organisation.objects.get(pk=best), counts[best]


def _cold(client: Any, url: str, repeat: int = 3) -> dict[str, Any]:
    """Requests on an empty cache: the median server time and the number of queries of one."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, count = [], 0
    for _ in range(repeat):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            count = len(queries)
        assert response.status_code == 200, (url, response.status_code)
    return {"ms": round(statistics.median(timings), 1), "queries": count}


def run() -> dict[str, object]:
    from django.urls import reverse

    from samen.accounts.models import Person
    from samen.collaborations.models import Role, RoleKind
    from samen.reports import services

    started = time.perf_counter()
    world = generate()
    generated = round(time.perf_counter() - started, 1)
    print(f"  generated in {generated} s", flush=True)
    figures: dict[str, object] = {
        "collaborations": len(world.collaborations),
        "partners": sum(len(p) for p in world.partners.values()),
        "rows_generated": world.rows,
        "generate_seconds": generated,
        **{f"data_{k}": v for k, v in data_size().items()},
    }

    by_size = sorted(world.collaborations, key=lambda c: (len(world.partners[c.pk]), c.name))
    typical, largest = by_size[len(by_size) // 2], by_size[-1]
    facilitator = signed_in_client(world.facilitator)
    health_url = reverse("health:health", args=[typical.pk])
    facilitator.get(health_url)  # templates compiled, connection warm
    cold_health = _cold(facilitator, health_url)
    health = measure_get(facilitator, health_url)
    print(f"  health view measured ({time.perf_counter() - started:.0f} s)", flush=True)
    figures["health_view_partners"] = len(world.partners[typical.pk])
    figures["health_view_median_ms"] = health["median_ms"]
    figures["health_view_cold_ms"] = cold_health["ms"]
    figures["health_view_queries"] = cold_health["queries"]
    largest_url = reverse("health:health", args=[largest.pk])
    facilitator.get(largest_url)
    figures["health_view_largest_partners"] = len(world.partners[largest.pk])
    figures["health_view_largest_cold_ms"] = _cold(facilitator, largest_url)["ms"]
    figures["health_view_largest_median_ms"] = measure_get(facilitator, largest_url)["median_ms"]

    municipality, count = _municipality_with_most(world)
    official = signed_in_client(world.contacts[municipality.pk][0])
    municipality_url = reverse("health:organisation_portfolio", args=[municipality.pk])
    cold_municipality = _cold(official, municipality_url)
    mine = measure_get(official, municipality_url)
    figures["municipality"] = f"{municipality.name} ({count} regelingen)"
    figures["municipality_portfolio_median_ms"] = mine["median_ms"]
    figures["municipality_portfolio_cold_ms"] = cold_municipality["ms"]
    figures["municipality_portfolio_queries"] = cold_municipality["queries"]

    portfolio_url = reverse("health:portfolio")
    cold_all = _cold(facilitator, portfolio_url)
    everything = measure_get(facilitator, portfolio_url, repeat=10)
    print(f"  portfolios measured ({time.perf_counter() - started:.0f} s)", flush=True)
    figures["facilitator_portfolio_451_median_ms"] = everything["median_ms"]
    figures["facilitator_portfolio_451_cold_ms"] = cold_all["ms"]
    figures["facilitator_portfolio_451_queries"] = cold_all["queries"]

    # Ten times the collaborations: a facilitator of a tenth of them, same number of queries?
    tenth = Person.objects.create_user(f"tiende@{DOMAIN}", None, full_name="Facilitator van een tiende")
    _second_factor(tenth)
    Role.objects.bulk_create(
        [Role(person=tenth, collaboration=c, kind=RoleKind.FACILITATOR) for c in world.collaborations[::10]]
    )
    small = _cold(signed_in_client(tenth), portfolio_url)
    figures["portfolio_queries_tenth_vs_all"] = f"{small['queries']} / {cold_all['queries']}"

    # Ten times the activity in one collaboration: same number of queries on its health view?
    url = reverse("health:health", args=[typical.pk])
    before = _cold(facilitator, url)
    for seed in range(2, 11):
        write_history(world, typical, seed=seed, again=True)
    after = _cold(facilitator, url)
    figures["health_view_tenfold_cold_ms"] = after["ms"]
    figures["health_view_queries_1x_vs_10x"] = f"{before['queries']} / {after['queries']}"
    figures["query_counts_stable"] = before["queries"] == after["queries"] and small["queries"] == cold_all["queries"]

    digest = services.create_digest(
        collaboration=typical,
        by=world.facilitator,
        period_start=timezone.localdate() - datetime.timedelta(days=365),
        period_end=timezone.localdate(),
    )
    pdf = worker_document(facilitator, reverse("reports:pdf", args=[typical.pk, digest.pk]))
    figures["digest_pdf_request_ms"] = pdf["request_ms"]  # the status page; the worker renders
    figures["digest_pdf_median_ms"] = round(float(pdf["render_seconds"]) * 1000, 1)
    figures["digest_pdf_bytes"] = pdf["bytes"]
    for key, value in figures.items():
        print(f"  {key}: {value}")
    return figures
