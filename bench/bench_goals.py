"""Benchmark of Toon eigenaarschap: the goals overview and a goal page at scale.

A collaboration of 30 real municipalities from the imported register, 200 goals (adopted, in a
consent round, or draft), a benefit per partner per goal, decisions and advice, 2,000 results
with 50,000 progress updates, commitments and accountability requests. Prints and returns the
median server time and query count of the pages. Run by bench/run.py; alone:
``python bench/bench_goals.py`` (on a throwaway SQLite database).
"""

import csv
import datetime
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

N_PARTNERS = 30
N_GOALS = 200
RESULTS_PER_GOAL = 10  # 2,000 results
UPDATES_PER_RESULT = 25  # 50,000 progress updates
COMMITMENTS_PER_GOAL = 5
BATCH = 2000


def _municipalities() -> list[Any]:
    """30 real municipalities: from the imported register, else from data/gemeenten_2025.csv."""
    from django.conf import settings

    from samen.collaborations.models import Organisation, OrganisationKind

    found = list(Organisation.objects.municipalities().order_by("name")[:N_PARTNERS])
    if len(found) >= N_PARTNERS:
        return found
    with open(Path(settings.DATA_DIR) / "gemeenten_2025.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:N_PARTNERS]
    return [
        Organisation.objects.get_or_create(
            code=row["gm_code"], defaults={"name": row["naam"], "kind": OrganisationKind.MUNICIPALITY}
        )[0]
        for row in rows
    ]


def build() -> dict[str, Any]:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from samen.accounts.models import Person
    from samen.collaborations.models import Collaboration, CollaborationKind, Partner, Role, RoleKind
    from samen.goals.models import (
        AccountabilityReply,
        AccountabilityRequest,
        Advice,
        AdviceKind,
        Benefit,
        Commitment,
        CommitmentStatus,
        ConsentRound,
        Decision,
        DecisionKind,
        Goal,
        GoalEdit,
        GoalVersion,
        ProgressUpdate,
        Result,
        RoundStatus,
        VersionStatus,
    )

    rng = random.Random(4)
    today = timezone.localdate()
    now = timezone.now()
    organisations = _municipalities()
    collaboration = Collaboration.objects.create(
        name="Regionale samenwerking (benchmark doelen)", kind=CollaborationKind.COVENANT, workspace_active=True
    )
    partners = Partner.objects.bulk_create(
        [
            Partner(collaboration=collaboration, organisation=o, joined_on=datetime.date(2020, 1, 1))
            for o in organisations
        ]
    )
    password = make_password(None)
    officials, executives = [], []
    for n, partner in enumerate(partners):
        officials.append(
            Person(
                email=f"beleid{n}@bench.example",
                full_name=f"Beleid {partner.organisation.name}",
                organisation_id=partner.organisation_id,
                password=password,
            )
        )
        executives.append(
            Person(
                email=f"wethouder{n}@bench.example",
                full_name=f"Wethouder {partner.organisation.name}",
                organisation_id=partner.organisation_id,
                password=password,
            )
        )
    Person.objects.bulk_create(officials + executives)
    Role.objects.bulk_create(
        [
            Role(person=p, collaboration=collaboration, partner=partners[n], kind=RoleKind.OFFICIAL)
            for n, p in enumerate(officials)
        ]
        + [
            Role(person=p, collaboration=collaboration, partner=partners[n], kind=RoleKind.EXECUTIVE)
            for n, p in enumerate(executives)
        ]
    )

    goals, versions, edits, benefits, rounds, decisions, advice = [], [], [], [], [], [], []
    for g in range(N_GOALS):
        author = g % N_PARTNERS
        created = now - datetime.timedelta(days=N_GOALS - g)
        goal = Goal(collaboration=collaboration, created_by=officials[author], created_at=created)
        kind = "adopted" if g % 10 < 7 else ("consent" if g % 10 < 9 else "draft")
        text = " ".join(
            rng.choice(
                (
                    "samen",
                    "sneller",
                    "beter",
                    "inwoners",
                    "regio",
                    "dienstverlening",
                    "vergunningen",
                    "kosten",
                    "kwaliteit",
                    "jeugd",
                )
            )
            for _ in range(60)
        )
        status = {"adopted": VersionStatus.ADOPTED, "consent": VersionStatus.IN_CONSENT}.get(kind, VersionStatus.DRAFT)
        version = GoalVersion(
            goal=goal,
            number=1,
            title=f"Doel {g + 1}: samen {text.split()[0]}",
            text=text,
            author=officials[author],
            author_partner=partners[author],
            status=status,
            created_at=created,
            adopted_at=now if kind == "adopted" else None,
        )
        goal.latest_version = version
        if kind == "adopted":
            goal.adopted_version, goal.adopted_at = version, now
        goals.append(goal)
        versions.append(version)
        edits.append(
            GoalEdit(
                version=version,
                person=officials[author],
                partner=partners[author],
                title=version.title,
                text=" ".join(text.split()[:40]),
                saved_at=created,
            )
        )
        co = (author + 1) % N_PARTNERS
        edits.append(
            GoalEdit(
                version=version,
                person=officials[co],
                partner=partners[co],
                title=version.title,
                text=text,
                saved_at=created + datetime.timedelta(hours=1),
            )
        )
        benefits.extend(
            Benefit(goal=goal, partner=p, text=f"Wat {p.organisation.name} eraan heeft.", author=officials[n])
            for n, p in enumerate(partners)
        )
        if kind != "draft":
            rnd = ConsentRound(
                goal=goal,
                version=version,
                opened_by=officials[author],
                deadline=today,
                status=RoundStatus.ADOPTED if kind == "adopted" else RoundStatus.OPEN,
                closed_at=now if kind == "adopted" else None,
            )
            rounds.append(rnd)
            deciding = N_PARTNERS if kind == "adopted" else N_PARTNERS // 2
            for n in range(deciding):
                decision_kind = DecisionKind.CONDITIONAL if n % 7 == 0 else DecisionKind.CONSENT
                decisions.append(
                    Decision(
                        round=rnd,
                        partner=partners[n],
                        person=executives[n],
                        kind=decision_kind,
                        text="Evaluatie na een jaar" if decision_kind == "voorwaarden" else "",
                    )
                )
                advice.append(Advice(round=rnd, partner=partners[n], person=officials[n], kind=AdviceKind.SUPPORT))
    for goal in goals:  # versions point at goals, goals at versions: save goals first without the pointers
        goal._versions = (goal.latest_version, goal.adopted_version)
        goal.latest_version = goal.adopted_version = None
    Goal.objects.bulk_create(goals, batch_size=BATCH)
    GoalVersion.objects.bulk_create(versions, batch_size=BATCH)
    for goal in goals:
        goal.latest_version, goal.adopted_version = goal._versions
    Goal.objects.bulk_update(goals, ["latest_version", "adopted_version"], batch_size=BATCH)
    GoalEdit.objects.bulk_create(edits, batch_size=BATCH)
    Benefit.objects.bulk_create(benefits, batch_size=BATCH)
    ConsentRound.objects.bulk_create(rounds, batch_size=BATCH)
    Decision.objects.bulk_create(decisions, batch_size=BATCH)
    Advice.objects.bulk_create(advice, batch_size=BATCH)

    results, updates, commitments, requests, replies = [], [], [], [], []
    start = today - datetime.timedelta(days=400)
    for g, goal in enumerate(goals):
        for r in range(RESULTS_PER_GOAL):
            owner = (g + r) % N_PARTNERS
            result = Result(
                goal=goal,
                indicator=f"Indicator {r + 1} van doel {g + 1}",
                unit="procent",
                baseline=Decimal(40),
                baseline_on=start,
                target=Decimal(80),
                due_on=today + datetime.timedelta(days=rng.randint(30, 700)),
                owner_partner=partners[owner],
                owner_person=officials[owner],
                created_by=officials[owner],
            )
            value = Decimal(40)
            for u in range(UPDATES_PER_RESULT):
                value += Decimal(rng.randint(-1, 3))
                measured = start + datetime.timedelta(days=16 * u)
                updates.append(
                    ProgressUpdate(
                        result=result,
                        value=value,
                        measured_on=measured,
                        person=officials[owner],
                        note="Kwartaalmeting" if u % 4 == 0 else "",
                    )
                )
            result.current_value, result.current_on = (
                value,
                start + datetime.timedelta(days=16 * (UPDATES_PER_RESULT - 1)),
            )
            results.append(result)
        for c in range(COMMITMENTS_PER_GOAL):
            owner = (g + c) % N_PARTNERS
            commitments.append(
                Commitment(
                    goal=goal,
                    partner=partners[owner],
                    what=f"Actie {c + 1} voor doel {g + 1}",
                    who=officials[owner],
                    due_on=today + datetime.timedelta(days=rng.randint(-60, 120)),
                    status=rng.choice(CommitmentStatus.values),
                    created_by=officials[owner],
                )
            )
        asker, owner = (g + 1) % N_PARTNERS, g % N_PARTNERS
        request = AccountabilityRequest(
            collaboration=collaboration,
            goal=goal,
            commitment=commitments[-COMMITMENTS_PER_GOAL],
            raised_by=officials[asker],
            raised_by_partner=partners[asker],
            addressed_to=partners[owner],
            question="Hoe staat het met deze actie?",
        )
        requests.append(request)
        replies.extend(
            AccountabilityReply(
                request=request, person=officials[owner], partner=partners[owner], text=f"Reactie {n + 1}"
            )
            for n in range(2)
        )
    Result.objects.bulk_create(results, batch_size=BATCH)
    ProgressUpdate.objects.bulk_create(updates, batch_size=BATCH)
    Commitment.objects.bulk_create(commitments, batch_size=BATCH)
    AccountabilityRequest.objects.bulk_create(requests, batch_size=BATCH)
    AccountabilityReply.objects.bulk_create(replies, batch_size=BATCH)
    open_goal = next(goal for goal in goals if goal.latest_version.status == VersionStatus.IN_CONSENT)
    return {
        "collaboration": collaboration,
        "viewer": officials[0],
        "goal": open_goal,
        "result": results[0],
        "counts": {"goals": len(goals), "results": len(results), "progress_updates": len(updates)},
    }


def count_queries(client: Any, url: str) -> int:
    """Queries of one GET, counted inside the capture (bench.util.measure_get reads its count only after
    later requests have reset the connection's query log, and so reports 0)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
        return len(connection.queries_log) - queries.initial_queries


def measure(client: Any, url: str, repeat: int = 20) -> dict[str, Any]:
    """bench.util's wall-clock median, plus the CPU-time median: on a busy machine the wall clock
    mostly measures the other processes."""
    from bench.util import measure_get

    figures = dict(measure_get(client, url, repeat=repeat))
    figures["queries"] = count_queries(client, url)
    cpu = []
    for _ in range(repeat):
        started = time.process_time()
        client.get(url)
        cpu.append((time.process_time() - started) * 1000)
    figures["cpu_ms"] = round(statistics.median(cpu), 1)
    return figures


def run() -> dict[str, object]:
    from django.urls import reverse

    from bench.util import signed_in_client

    data = build()
    collaboration, goal = data["collaboration"], data["goal"]
    client = signed_in_client(data["viewer"])
    overview = measure(client, reverse("goals:overview", args=[collaboration.pk]))
    page = measure(client, reverse("goals:goal", args=[collaboration.pk, goal.pk]))
    result = data["result"]
    result_page = measure(client, reverse("goals:result", args=[collaboration.pk, result.goal_id, result.pk]))
    figures: dict[str, object] = {
        "partners": N_PARTNERS,
        **data["counts"],
        "goals_overview_median_ms": overview["median_ms"],
        "goals_overview_p90_ms": overview["p90_ms"],
        "goals_overview_queries": overview["queries"],
        "goals_overview_cpu_ms": overview["cpu_ms"],
        "goal_page_median_ms": page["median_ms"],
        "goal_page_p90_ms": page["p90_ms"],
        "goal_page_queries": page["queries"],
        "goal_page_cpu_ms": page["cpu_ms"],
        "result_page_median_ms": result_page["median_ms"],
        "result_page_queries": result_page["queries"],
        "result_page_cpu_ms": result_page["cpu_ms"],
    }
    for key, value in figures.items():
        print(f"{key}: {value}")
    return figures


if __name__ == "__main__":
    import os
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("SAMEN_VAR_DIR", tempfile.mkdtemp(prefix="samen-bench-goals-"))
    os.environ.setdefault("SAMEN_DEBUG", "false")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samen.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    try:
        call_command("import_register", verbosity=0)
    except Exception as error:  # noqa: BLE001 - without the register the CSV fallback gives the same municipalities
        print(f"register not imported ({error}); using data/gemeenten_2025.csv")
    run()
