"""Benchmark of Deel ervaringen (make bench).

- Importing the Wet gemeenschappelijke regelingen (220 articles): split and save, seconds (target ≤ 2 s).
- A generated GR of 300 articles in 15 chapters with leden and onderdelen, a general toelichting and a
  toelichting on every article: split and import, seconds (target < 1 s).
- Check-in results for 30 partners × 300 respondents: median server time of the results page in ms
  (target ≤ 50 ms) and its query count; also the first request, which computes the aggregates that
  are then cached (a closed check-in takes no more answers).

Runs on an empty, migrated database in which the national register may have been imported; it creates
its own collaboration, people and answers.
"""

import datetime
import random
import statistics
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

PARTNERS = 30
RESPONDENTS_PER_PARTNER = 300
REQUESTS = 20
IMPORTS = 3


def _server_ms(response, started: float) -> float:
    """The server's own time from the Server-Timing header, else the wall time of the test client."""
    header = response.headers.get("Server-Timing", "")
    if "dur=" in header:
        return float(header.split("dur=", 1)[1].split(",", 1)[0])
    return (time.perf_counter() - started) * 1000


def _setup():
    from samen.accounts.models import Person
    from samen.collaborations.models import (
        Collaboration,
        CollaborationKind,
        Organisation,
        OrganisationKind,
        Partner,
        Role,
        RoleKind,
    )

    run_id = uuid.uuid4().hex[:8]
    collaboration = Collaboration.objects.create(
        name=f"Benchmark Deel ervaringen {run_id}", kind=CollaborationKind.GR, workspace_active=True
    )
    organisations = list(Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).order_by("name")[:PARTNERS])
    for n in range(len(organisations), PARTNERS):
        organisations.append(
            Organisation.objects.create(name=f"Benchmarkgemeente {run_id} {n}", kind=OrganisationKind.MUNICIPALITY)
        )
    partners = Partner.objects.bulk_create(Partner(collaboration=collaboration, organisation=o) for o in organisations)
    contact = Person.objects.create_user(
        f"bench-{run_id}@example.org", None, full_name="Bench Contact", organisation=organisations[0]
    )
    Role.objects.create(person=contact, collaboration=collaboration, partner=partners[0], kind=RoleKind.OFFICIAL)
    return collaboration, partners, contact, run_id


def _bench_import(collaboration, contact) -> float:
    from samen.experiences import services
    from samen.experiences.models import AgreementKind

    text = (settings.DATA_DIR / "texts" / "BWBR0003740_Wet_gemeenschappelijke_regelingen_versie_2015.md").read_text(
        encoding="utf-8"
    )
    timings = []
    for _ in range(IMPORTS):
        token = services.make_import_token(text, "auto", "wgr.md")
        started = time.perf_counter()
        agreement = services.import_agreement(
            collaboration=collaboration,
            by=contact,
            token=token,
            kind=AgreementKind.REGULATION,
            title="Wet gemeenschappelijke regelingen",
            parties=[],
        )
        timings.append(time.perf_counter() - started)
        assert agreement.articles.count() == 220
    return statistics.median(timings)


GR_ARTICLES = 300


def generated_gr(articles: int = GR_ARTICLES) -> str:
    """A plain-text GR: aanhef, chapters, articles with leden and onderdelen, signatures, and a toelichting
    (general and per article), the way they are pasted from a PDF."""
    rng = random.Random(14)
    words = ["het", "algemeen", "bestuur", "dagelijks", "deelnemers", "gemeente", "regeling", "begroting", "taken"]

    def sentence() -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(8, 20))).capitalize() + "."

    lines = ["Gemeenschappelijke regeling Benchmark", "De colleges van de deelnemende gemeenten;", "besluiten:"]
    for number in range(1, articles + 1):
        if number % 20 == 1:
            lines.append(f"Hoofdstuk {number // 20 + 1} {sentence()[:30].rstrip('.')}")
        lines.append(f"Artikel {number} {rng.choice(words).capitalize()}")
        for lid in range(1, rng.randint(1, 4) + 1):
            lines.append(f"{lid}. {sentence()[:-1]}:")
            lines.extend(f"{label}. {sentence()[:-1]};" for label in "abc"[: rng.randint(0, 3)])
    lines += ["Aldus vastgesteld in de vergadering van 1 januari 2026.", "De voorzitter,", "De secretaris,"]
    lines += ["Toelichting", "Algemeen", sentence(), sentence()]
    for number in range(1, articles + 1):
        lines += [f"Artikel {number}", sentence()]
    return "\n".join(lines)


def _bench_generated_gr(collaboration, contact) -> float:
    from samen.experiences import services
    from samen.experiences.models import AgreementKind

    text = generated_gr()
    timings = []
    for _ in range(IMPORTS):
        started = time.perf_counter()
        token = services.make_import_token(text, "auto", "gr-300.txt")
        agreement = services.import_agreement(
            collaboration=collaboration,
            by=contact,
            token=token,
            kind=AgreementKind.REGULATION,
            title="Gemeenschappelijke regeling Benchmark",
            parties=[],
        )
        timings.append(time.perf_counter() - started)
        assert agreement.articles.count() == GR_ARTICLES
        assert agreement.articles.exclude(explanation="").count() == GR_ARTICLES
    return statistics.median(timings)


def _bench_results(collaboration, partners, contact, run_id) -> tuple[float, float, int]:
    from samen.accounts.models import Person
    from samen.collaborations.models import Role, RoleKind
    from samen.experiences.models import CheckIn, CheckInParticipation, CheckInResponse

    rng = random.Random(6)
    today = timezone.localdate()
    checkin = CheckIn.objects.create(
        collaboration=collaboration,
        title="Benchmark-check-in",
        opens_on=today - datetime.timedelta(days=20),
        closes_on=today - datetime.timedelta(days=6),
    )
    people = Person.objects.bulk_create(
        Person(email=f"r{n}-{run_id}@example.org", full_name=f"Respondent {n}", password="!")
        for n in range(PARTNERS * RESPONDENTS_PER_PARTNER)
    )
    Role.objects.bulk_create(
        Role(
            person=person,
            collaboration=collaboration,
            partner=partners[n // RESPONDENTS_PER_PARTNER],
            kind=RoleKind.OFFICIAL,
        )
        for n, person in enumerate(people)
    )
    CheckInParticipation.objects.bulk_create(CheckInParticipation(checkin=checkin, person=p) for p in people)
    words = ["overleg", "planning", "kosten", "vertrouwen", "rapportage", "bestuur", "tempo", "contact"]
    CheckInResponse.objects.bulk_create(
        (
            CheckInResponse(
                checkin=checkin,
                partner=partners[n // RESPONDENTS_PER_PARTNER],
                **{
                    name: rng.randint(1, 5)
                    for name in ("progress", "trust", "openness", "fair_share", "heard", "ownership")
                },
                going_well=" ".join(rng.sample(words, 3)) if rng.random() < 0.3 else "",
                sticking=" ".join(rng.sample(words, 3)) if rng.random() < 0.3 else "",
                relationship_comment=" ".join(rng.sample(words, 2)) if rng.random() < 0.2 else "",
            )
            for n in range(PARTNERS * RESPONDENTS_PER_PARTNER)
        ),
        batch_size=1000,
    )
    client = Client()
    client.force_login(contact)
    url = reverse("experiences:checkin", args=[collaboration.pk, checkin.pk])
    assert client.get(url).status_code == 200  # warm up (templates, connections)
    cache.clear()
    started = time.perf_counter()
    first = client.get(url)  # computes and caches the aggregates of the closed check-in
    first_ms = _server_ms(first, started)
    assert first.status_code == 200
    timings = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(_server_ms(response, started))
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), first_ms, len(queries)


def run() -> dict[str, object]:
    collaboration, partners, contact, run_id = _setup()
    import_seconds = _bench_import(collaboration, contact)
    gr_seconds = _bench_generated_gr(collaboration, contact)
    print(f"GR van {GR_ARTICLES} artikelen met toelichting: splitsen en inlezen in {gr_seconds:.3f} s (doel < 1 s)")
    median_ms, first_ms, query_count = _bench_results(collaboration, partners, contact, run_id)
    figures: dict[str, object] = {
        "wgr_import_seconds": round(import_seconds, 3),
        "gr300_split_and_import_seconds": round(gr_seconds, 3),
        "checkin_results_median_ms": round(median_ms, 1),
        "checkin_results_first_ms": round(first_ms, 1),
        "checkin_results_queries": query_count,
        "checkin_respondents": PARTNERS * RESPONDENTS_PER_PARTNER,
    }
    print(figures)
    return figures
