"""Benchmark of Ben eerlijk: the pledge matrix and the analysis of an honesty round at scale.

A collaboration of 30 real municipalities (from the imported register), 40 motives (the shipped
catalogue plus the collaboration's own), 20 ambitions with a pledge history of three pledges per
partner per ambition, and two honesty rounds (the previous one closed) in which every partner
shared a declaration of 12 weighted interests and 2 red lines, plus a go / no-go per partner.
Prints and returns the median server time and query count of the matrix and analysis pages, and
the query counts of the same pages for a collaboration of 5 partners (they must be equal).
Run by bench/run.py; alone: ``python bench/bench_interests.py`` (on a throwaway SQLite database).
"""

import csv
import datetime
import random
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

N_PARTNERS = 30
N_MOTIVES = 40
N_AMBITIONS = 20
PLEDGES_PER_CELL = 3  # the current pledge and two it replaced
INTERESTS_PER_DECLARATION = 12
RED_LINES_PER_DECLARATION = 2
EXTRA_TENSIONS = 8


def _municipalities(count: int, skip: int = 0) -> list[Any]:
    """Real municipalities: from the imported register, else from data/gemeenten_2025.csv."""
    from django.conf import settings

    from samen.collaborations.models import Organisation, OrganisationKind

    found = list(Organisation.objects.municipalities().order_by("name")[skip : skip + count])
    if len(found) >= count:
        return found
    with open(Path(settings.DATA_DIR) / "gemeenten_2025.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[skip : skip + count]
    return [
        Organisation.objects.get_or_create(
            code=row["gm_code"], defaults={"name": row["naam"], "kind": OrganisationKind.MUNICIPALITY}
        )[0]
        for row in rows
    ]


def build(n_partners: int, skip: int = 0, seed: int = 2026) -> dict[str, Any]:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from samen.accounts.models import Person
    from samen.collaborations.models import Collaboration, CollaborationKind, Partner, Role, RoleKind
    from samen.interests.catalogue import base_catalogue
    from samen.interests.models import (
        Ambition,
        CustomMotive,
        CustomTension,
        Declaration,
        DeclarationStatus,
        GoDecision,
        HonestyRound,
        Interest,
        Pledge,
        RedLine,
    )

    rng = random.Random(seed)
    now = timezone.now()
    collaboration = Collaboration.objects.create(
        name=f"Bench Ben eerlijk ({n_partners} gemeenten)", kind=CollaborationKind.INFORMAL, workspace_active=True
    )
    partners = Partner.objects.bulk_create(
        [Partner(collaboration=collaboration, organisation=o) for o in _municipalities(n_partners, skip)]
    )
    viewer = Person.objects.create(
        email=f"bench-interests-{n_partners}@samen.example",
        full_name="Bench Ben eerlijk",
        organisation=partners[0].organisation,
        password=make_password(None),
    )
    Role.objects.create(person=viewer, collaboration=collaboration, partner=partners[0], kind=RoleKind.OFFICIAL)

    base = base_catalogue()
    custom = CustomMotive.objects.bulk_create(
        [
            CustomMotive(collaboration=collaboration, code=f"eigen_motief_{n}", name=f"Eigen motief {n}")
            for n in range(N_MOTIVES - len(base.motives))
        ]
    )
    codes = [*base.motives, *(m.code for m in custom)]
    CustomTension.objects.bulk_create(
        [
            CustomTension(
                collaboration=collaboration,
                motive_a=custom[n].code,
                motive_b=codes[n],
                question=f"Hoe verenigen we eigen motief {n} met {codes[n]}?",
            )
            for n in range(EXTRA_TENSIONS)
        ]
    )

    ambitions = Ambition.objects.bulk_create(
        [
            Ambition(
                collaboration=collaboration,
                title=f"Ambitie {n + 1}",
                horizon_year=2030,
                needed_hours_per_month=Decimal(rng.randrange(200, 2000)),
                needed_budget_euros=Decimal(rng.randrange(100, 5000) * 1000),
                created_at=now,
            )
            for n in range(N_AMBITIONS)
        ]
    )
    pledges = []
    for ambition in ambitions:
        for partner in partners:
            for version in range(PLEDGES_PER_CELL):
                current = version == PLEDGES_PER_CELL - 1
                pledges.append(
                    Pledge(
                        ambition=ambition,
                        partner=partner,
                        urgency=rng.randint(1, 5),
                        hours_per_month=Decimal(rng.randrange(0, 80)),
                        budget_euros=Decimal(rng.randrange(0, 200) * 500),
                        pledged_at=now - datetime.timedelta(days=30 * (PLEDGES_PER_CELL - version)),
                        superseded_at=None
                        if current
                        else now - datetime.timedelta(days=30 * (PLEDGES_PER_CELL - version - 1)),
                    )
                )
    Pledge.objects.bulk_create(pledges, batch_size=2000)

    previous = HonestyRound.objects.create(
        collaboration=collaboration,
        title="Eerlijkheidsronde 2025",
        deadline=datetime.date(2025, 3, 1),
        opened_at=now - datetime.timedelta(days=365),
        closed_at=now - datetime.timedelta(days=300),
    )
    current = HonestyRound.objects.create(
        collaboration=collaboration,
        title="Eerlijkheidsronde 2026",
        deadline=timezone.localdate(),
        previous=previous,
    )
    for honesty_round in (previous, current):
        declarations = Declaration.objects.bulk_create(
            [
                Declaration(
                    round=honesty_round,
                    partner=p,
                    status=DeclarationStatus.SHARED,
                    shared_at=now,
                    intentions=f"{p.organisation.name} wil samen sterker en goedkoper werken.",
                )
                for p in partners
            ]
        )
        Interest.objects.bulk_create(
            [
                Interest(declaration=d, motive=code, weight=rng.randint(1, 5), explanation=f"Toelichting bij {code}.")
                for d in declarations
                for code in rng.sample(codes, INTERESTS_PER_DECLARATION)
            ],
            batch_size=2000,
        )
        RedLine.objects.bulk_create(
            [
                RedLine(
                    declaration=d,
                    text=f"Rode lijn {n + 1} van {d.partner.organisation.name}",
                    motive=rng.choice(codes),
                    position=n,
                )
                for d in declarations
                for n in range(RED_LINES_PER_DECLARATION)
            ]
        )
        GoDecision.objects.bulk_create(
            [
                GoDecision(
                    round=honesty_round,
                    partner=p,
                    decision=rng.choice(["go", "voorwaarden"]),
                    reasons="Alleen als de kosten eerlijk worden verdeeld.",
                )
                for p in partners
            ]
        )
    return {"collaboration": collaboration, "round": current, "viewer": viewer}


def run() -> dict[str, object]:
    from django.urls import reverse

    from bench.util import measure_get, signed_in_client

    figures: dict[str, object] = {}
    for label, n_partners, skip in (("", N_PARTNERS, 0), ("_5_partners", 5, N_PARTNERS)):
        built = build(n_partners, skip)
        client = signed_in_client(built["viewer"])
        collaboration = built["collaboration"]
        pages = {
            "matrix": reverse("interests:ambitions", args=[collaboration.pk]),
            "analysis": reverse("interests:analysis", args=[collaboration.pk, built["round"].pk]),
        }
        for name, url in pages.items():
            measured = measure_get(client, url)
            if label:
                figures[f"{name}{label}_queries"] = measured["queries"]
            else:
                figures[f"{name}_median_ms"] = measured["median_ms"]
                figures[f"{name}_p90_ms"] = measured["p90_ms"]
                figures[f"{name}_queries"] = measured["queries"]
    figures["scale"] = f"{N_PARTNERS} partners × {N_MOTIVES} motives × {N_AMBITIONS} ambitions"
    for key, value in figures.items():
        print(f"  {key}: {value}")
    return figures


if __name__ == "__main__":
    import os
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("SAMEN_VAR_DIR", tempfile.mkdtemp(prefix="samen-bench-interests-"))
    os.environ.setdefault("SAMEN_DEBUG", "false")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samen.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("import_register", verbosity=0)
    run()
