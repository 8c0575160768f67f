"""Successes: the success brief as PDF for a year with 200 public successes (target: at most 3 s),
and the timeline page (target: at most 50 ms median server time, queries that do not grow).

Data (not timed): one register GR made active, a facilitator and a contact per partner, 200 public
successes spread over the last year (each with a story, partners, people and a team), 800 older
internal successes over the three years before, and 100 spotlights.
"""

import datetime
import random
from typing import Any

from django.utils import timezone

from bench.util import measure_get, signed_in_client, worker_document

SUCCESSES_IN_YEAR = 200
OLDER_SUCCESSES = 800
DOMAIN = "bench-successen.example"

STORY = (
    "De partners openden samen een loket waar inwoners en ondernemers met al hun vragen terechtkunnen. "
    "De wachttijd daalde van acht naar vier weken, en de klanttevredenheid steeg naar een 8,1. "
    "Medewerkers van drie gemeenten werkten hiervoor een half jaar in één team."
)


def _setup() -> tuple[Any, Any, list[Any], list[Any]]:
    from django.core.management import call_command
    from django.db.models import Count

    from samen.accounts.models import Person
    from samen.collaborations.models import Collaboration, Role, RoleKind

    if not Collaboration.objects.exists():  # run on its own (--only successes): bring the register in
        call_command("import_register", verbosity=0)
    collaboration = Collaboration.objects.annotate(n=Count("partners")).filter(n__gte=5).order_by("-n", "name").first()
    assert collaboration is not None, "the register must be imported"
    collaboration.workspace_active = True
    collaboration.save(update_fields=["workspace_active"])
    partners = list(collaboration.partners.select_related("organisation").order_by("organisation__name")[:12])
    facilitator = Person.objects.create_user(f"facilitator@{DOMAIN}", None, full_name="Bench Facilitator")
    Role.objects.create(person=facilitator, collaboration=collaboration, kind=RoleKind.FACILITATOR)
    people = []
    for index, partner in enumerate(partners):
        person = Person.objects.create_user(
            f"contact{index}@{DOMAIN}",
            None,
            full_name=f"Contact {partner.organisation.name}",
            organisation=partner.organisation,
        )
        Role.objects.create(person=person, collaboration=collaboration, partner=partner, kind=RoleKind.OFFICIAL)
        people.append(person)
    return collaboration, facilitator, partners, people


def _successes(collaboration: Any, recorder: Any, partners: list[Any], people: list[Any]) -> None:
    from django.utils import timezone

    from samen.successes.models import Spotlight, Success

    rng = random.Random(5)
    today = timezone.localdate()
    rows = []
    for index in range(SUCCESSES_IN_YEAR):
        rows.append((today - datetime.timedelta(days=rng.randrange(0, 365)), True, index))
    for index in range(OLDER_SUCCESSES):
        rows.append((today - datetime.timedelta(days=366 + rng.randrange(0, 3 * 365)), index % 3 == 0, index))
    successes = Success.objects.bulk_create(
        [
            Success(
                collaboration=collaboration,
                title=f"Succes {index}: samen sneller geholpen",
                story=STORY,
                date=date,
                is_public=public,
                recorded_by=recorder,
                teams=f"Team Dienstverlening {index % 7}",
            )
            for date, public, index in rows
        ],
        batch_size=500,
    )
    partner_links, people_links = [], []
    for success in successes:
        for partner in rng.sample(partners, 3):
            partner_links.append(Success.partners.through(success_id=success.pk, partner_id=partner.pk))
        for person in rng.sample(people, 2):
            people_links.append(Success.people.through(success_id=success.pk, person_id=person.pk))
    Success.partners.through.objects.bulk_create(partner_links, batch_size=1000)
    Success.people.through.objects.bulk_create(people_links, batch_size=1000)
    for index in range(100):
        spotlight = Spotlight.objects.create(
            collaboration=collaboration, given_by=people[index % len(people)], message="Dank voor jullie inzet!"
        )
        spotlight.people.set([people[(index + 1) % len(people)]])


def _queries(client: Any, url: str) -> int:
    """Counted right after the request: the next request resets the connection's query log."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def run() -> dict[str, object]:
    from django.urls import reverse

    collaboration, facilitator, partners, people = _setup()
    _successes(collaboration, facilitator, partners, people)
    client = signed_in_client(people[0])

    year_end = timezone.localdate()
    year_start = year_end - datetime.timedelta(days=365)
    pdf_url = reverse("successes:brief_pdf", args=[collaboration.pk]) + f"?van={year_start}&tot={year_end}"
    pdf = worker_document(client, pdf_url)

    timeline_url = reverse("successes:timeline", args=[collaboration.pk])
    overview_url = reverse("successes:overview", args=[collaboration.pk])
    timeline = measure_get(client, timeline_url)
    overview = measure_get(client, overview_url)
    figures: dict[str, object] = {
        "brief_pdf_request_ms": pdf["request_ms"],  # the page that says the worker is making it
        "brief_pdf_200_successes_seconds": pdf["render_seconds"],  # in the worker
        "brief_pdf_200_successes_cpu_seconds": pdf["render_cpu_seconds"],
        "brief_pdf_bytes": pdf["bytes"],
        "timeline_median_ms": timeline["median_ms"],
        "timeline_p90_ms": timeline["p90_ms"],
        "timeline_queries": _queries(client, timeline_url),
        "overview_median_ms": overview["median_ms"],
        "overview_queries": _queries(client, overview_url),
    }
    for key, value in figures.items():
        print(f"  {key}: {value}")
    return figures
