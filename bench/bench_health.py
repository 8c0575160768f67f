"""Health and reports at national scale: every current regeling of the register active, with activity.

Targets (median server time): the health view of one collaboration at most 60 ms; a municipality's
portfolio (all its regelingen, up to 19) at most 100 ms; a facilitator's portfolio of all 451 at most
300 ms; the council digest as PDF at most 3 s; query counts that do not grow with the data (the
health view with ten times the activity, the portfolio with ten times the collaborations).

Pages are computed again when their collaboration changed (an audit event) or the hour turned, so the
medians are what people see on a second visit; the "cold" figures are one request on an empty cache,
and the query counts are those of the cold request.

The generator (not timed, about 20 seconds) makes all 451 current regelingen active with their
real partners from the register, an ambtelijk and a bestuurlijk contact per partner organisation,
a facilitator of everything, and three years of activity in every area: ambitions and pledges with
history, two honesty rounds, goals with consent rounds, benefits, commitments and results,
successes, prompts and spotlights, signals with replies, quarterly check-ins, a deviation.
"""

import datetime
import random
import statistics
import time
import uuid
from decimal import Decimal
from typing import Any

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


def _people(world: World) -> None:
    from samen.accounts.models import Person
    from samen.collaborations.models import Organisation, Role, RoleKind

    organisation_ids = sorted({o for partners in world.partners.values() for _p, o in partners}, key=str)
    names = dict(Organisation.objects.filter(pk__in=organisation_ids).values_list("pk", "name"))
    people = [Person(email=f"facilitator@{DOMAIN}", full_name="Bench Facilitator", password="!")]
    for n, organisation_id in enumerate(organisation_ids):
        for kind in ("ambtelijk", "bestuurlijk"):
            people.append(
                Person(
                    email=f"{kind}{n}@{DOMAIN}",
                    full_name=f"{kind.title()} {names[organisation_id]}",
                    organisation_id=organisation_id,
                    password="!",
                )
            )
    Person.objects.bulk_create(people, batch_size=2000)
    world.facilitator = people[0]
    _second_factor(world.facilitator)
    for n, organisation_id in enumerate(organisation_ids):
        world.contacts[organisation_id] = (people[1 + 2 * n], people[2 + 2 * n])
    roles = [Role(person=world.facilitator, collaboration=c, kind=RoleKind.FACILITATOR) for c in world.collaborations]
    for cid, partners in world.partners.items():
        for partner_id, organisation_id in partners:
            official, executive = world.contacts[organisation_id]
            roles.append(Role(person=official, collaboration_id=cid, partner_id=partner_id, kind=RoleKind.OFFICIAL))
            roles.append(Role(person=executive, collaboration_id=cid, partner_id=partner_id, kind=RoleKind.EXECUTIVE))
    Role.objects.bulk_create(roles, batch_size=5000, ignore_conflicts=True)
    world.rows += len(people) + len(roles)


def _second_factor(person: Any) -> None:
    """Facilitators must sign in with two steps (the middleware sends them to set it up otherwise)."""
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(person, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")


def _when(rng: random.Random, now: datetime.datetime, within_days: int) -> datetime.datetime:
    return now - datetime.timedelta(days=rng.randrange(0, within_days), minutes=rng.randrange(0, 600))


def _activity(world: World, collaborations: list[Any], seed: int) -> int:
    """Three years of activity in every area for ``collaborations`` (bulk inserts only)."""
    from django.utils import timezone

    from samen.experiences.models import (
        Agreement,
        Article,
        CheckIn,
        CheckInParticipation,
        CheckInResponse,
        Deviation,
        DeviationAcknowledgement,
        Signal,
        SignalReply,
    )
    from samen.goals.models import (
        Benefit,
        Commitment,
        ConsentRound,
        Decision,
        Goal,
        GoalVersion,
        Result,
    )
    from samen.interests.models import Ambition, Declaration, GoDecision, HonestyRound, Interest, Pledge
    from samen.successes.models import CelebrationPrompt, Spotlight, Success

    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    days = 365 * YEARS
    rows: dict[type, list[Any]] = {}

    def add(obj: Any) -> Any:
        rows.setdefault(type(obj), []).append(obj)
        return obj

    fac = world.facilitator
    m2m_success: list[tuple[Any, Any]] = []
    for collaboration in collaborations:
        cid = collaboration.pk
        partners = world.partners[cid]
        if not partners:
            continue
        lead_partner, lead_org = partners[0]
        lead = world.contacts[lead_org][0]
        # interests
        for a in range(3):
            ambition = add(
                Ambition(
                    id=uuid.uuid4(),
                    collaboration_id=cid,
                    title=f"Ambitie {a + 1}",
                    needed_hours_per_month=Decimal(40 * len(partners)),
                    created_at=_when(rng, now, days),
                )
            )
            for partner_id, _org in partners:
                if rng.random() < 0.85:
                    first = ambition.created_at + datetime.timedelta(days=rng.randrange(1, 200))
                    if rng.random() < 0.3:
                        later = first + datetime.timedelta(days=rng.randrange(30, 300))
                        add(
                            Pledge(
                                ambition=ambition,
                                partner_id=partner_id,
                                urgency=rng.randint(1, 5),
                                hours_per_month=Decimal(rng.randrange(0, 60)),
                                pledged_at=first,
                                superseded_at=later,
                            )
                        )
                        first = later
                    add(
                        Pledge(
                            ambition=ambition,
                            partner_id=partner_id,
                            urgency=rng.randint(1, 5),
                            hours_per_month=Decimal(rng.randrange(0, 60)),
                            pledged_at=min(first, now),
                        )
                    )
        for r in range(2):
            opened = now - datetime.timedelta(days=700 - r * 600 + rng.randrange(0, 30))
            round_ = add(
                HonestyRound(
                    id=uuid.uuid4(),
                    collaboration_id=cid,
                    title=f"Ronde {r + 1}",
                    deadline=(opened + datetime.timedelta(days=42)).date(),
                    opened_at=opened,
                    closed_at=opened + datetime.timedelta(days=60) if r == 0 or seed > 1 else None,
                )
            )
            for partner_id, _org in partners:
                if rng.random() < 0.8:
                    shared = rng.random() < 0.75
                    at = opened + datetime.timedelta(days=rng.randrange(1, 40))
                    declaration = add(
                        Declaration(
                            id=uuid.uuid4(),
                            round=round_,
                            partner_id=partner_id,
                            status="gedeeld" if shared else "concept",
                            updated_at=at,
                            shared_at=at if shared else None,
                        )
                    )
                    if shared:
                        for motive in rng.sample(["kosten", "kwaliteit", "continuiteit", "invloed", "kennis"], 2):
                            add(Interest(declaration=declaration, motive=motive, weight=rng.randint(1, 5)))
                        if rng.random() < 0.6:
                            add(
                                GoDecision(
                                    round=round_,
                                    partner_id=partner_id,
                                    decided_at=at,
                                    decision=rng.choice(["go", "go", "voorwaarden"]),
                                )
                            )
        # goals
        for g in range(5):
            created = _when(rng, now, days)
            adopted = g < 4
            goal = add(
                Goal(
                    id=uuid.uuid4(),
                    collaboration_id=cid,
                    created_by=lead,
                    created_at=created,
                    adopted_at=created + datetime.timedelta(days=30) if adopted else None,
                )
            )
            version = add(
                GoalVersion(
                    id=uuid.uuid4(),
                    goal=goal,
                    number=1,
                    title=f"Doel {g + 1}",
                    text="Samen beter.",
                    author=lead,
                    author_partner_id=lead_partner,
                    status="vastgesteld" if adopted else "instemming",
                    created_at=created,
                    adopted_at=goal.adopted_at,
                )
            )
            goal.latest_version_id = version.pk
            goal.adopted_version_id = version.pk if adopted else None
            add(
                ConsentRound(
                    id=uuid.uuid4(),
                    goal=goal,
                    version=version,
                    opened_by=lead,
                    opened_at=created,
                    deadline=(created + datetime.timedelta(days=28)).date(),
                    status="vastgesteld" if adopted else "open",
                    closed_at=goal.adopted_at,
                )
            )
            round_row = rows[ConsentRound][-1]
            for partner_id, org in partners:
                if adopted or rng.random() < 0.5:
                    add(
                        Decision(
                            round=round_row,
                            partner_id=partner_id,
                            person=world.contacts[org][1],
                            kind="instemming",
                            decided_at=created + datetime.timedelta(days=rng.randrange(1, 28)),
                        )
                    )
                if adopted and g == 0 and rng.random() < 0.6:
                    add(
                        Benefit(
                            goal=goal,
                            partner_id=partner_id,
                            text="Minder kosten",
                            author=world.contacts[org][0],
                            updated_at=goal.adopted_at,
                        )
                    )
            if adopted:
                add(
                    Result(
                        goal=goal,
                        indicator=f"Indicator {g}",
                        unit="procent",
                        baseline=Decimal(0),
                        baseline_on=created.date(),
                        target=Decimal(100),
                        due_on=today + datetime.timedelta(days=rng.randrange(-200, 600)),
                        owner_partner_id=lead_partner,
                        owner_person=lead,
                        created_by=lead,
                        current_value=Decimal(rng.randrange(0, 100)),
                        current_on=today,
                    )
                )
                for _c in range(2):
                    partner_id, org = rng.choice(partners)
                    done = rng.random() < 0.7
                    add(
                        Commitment(
                            goal=goal,
                            partner_id=partner_id,
                            what="Actie",
                            who=world.contacts[org][0],
                            created_by=lead,
                            created_at=created,
                            due_on=today + datetime.timedelta(days=rng.randrange(-300, 200)),
                            status="gedaan" if done else "open",
                            done_on=today if done else None,
                        )
                    )
        # successes
        for s in range(12):
            recorded = _when(rng, now, days)
            success = add(
                Success(
                    id=uuid.uuid4(),
                    collaboration_id=cid,
                    title=f"Succes {s}",
                    story="Samen gelukt.",
                    date=recorded.date(),
                    recorded_by=fac,
                    recorded_at=recorded,
                    is_public=rng.random() < 0.3,
                )
            )
            for partner_id, _org in rng.sample(partners, min(2, len(partners))):
                m2m_success.append((success.pk, partner_id))
        for p in range(3):
            reached = today - datetime.timedelta(days=rng.randrange(0, 400))
            add(
                CelebrationPrompt(
                    collaboration_id=cid,
                    reason="resultaat_bereikt",
                    key=f"bench:{cid}:{seed}:{p}",
                    title="Bereikt",
                    reached_on=reached,
                    closed_at=now if p else None,
                )
            )
        for _s in range(6):
            add(Spotlight(collaboration_id=cid, given_by=fac, message="Dank!", created_at=_when(rng, now, days)))
        # experiences
        for s in range(15):
            partner_id, org = rng.choice(partners)
            closed = rng.random() < 0.7
            created = _when(rng, now, days)
            signal = add(
                Signal(
                    id=uuid.uuid4(),
                    collaboration_id=cid,
                    kind=rng.choice(["kosten_hoger", "zorg", "overig", "compliment"]),
                    subject=f"Signaal {s}",
                    text="Zie bijlage.",
                    from_partner_id=partner_id,
                    raised_by=world.contacts[org][0],
                    addressee="iedereen",
                    status="afgerond" if closed else "open",
                    outcome="Besproken" if closed else "",
                    created_at=created,
                    status_changed_at=created + datetime.timedelta(days=10) if closed else None,
                )
            )
            if rng.random() < 0.6:
                other, other_org = rng.choice(partners)
                add(
                    SignalReply(
                        signal=signal,
                        by=world.contacts[other_org][0],
                        partner_id=other,
                        text="Dank",
                        created_at=created + datetime.timedelta(days=3),
                    )
                )
        contacts = [(pid, world.contacts[org]) for pid, org in partners]
        for q in range(4 * YEARS):
            opens = today - datetime.timedelta(days=91 * q + 14)
            checkin = add(
                CheckIn(
                    id=uuid.uuid4(),
                    collaboration_id=cid,
                    title=f"Check-in {q}",
                    opens_on=opens,
                    closes_on=opens + datetime.timedelta(days=10),
                )
            )
            for partner_id, (official, executive) in rng.sample(contacts, min(4, len(contacts))):
                for person in (official, executive):
                    add(CheckInParticipation(checkin=checkin, person=person))
                    score = rng.randint(2, 5)
                    add(
                        CheckInResponse(
                            checkin=checkin,
                            partner_id=partner_id,
                            progress=rng.randint(2, 5),
                            trust=score,
                            openness=score,
                            fair_share=score,
                            heard=score,
                            ownership=score,
                        )
                    )
        agreement = add(
            Agreement(
                id=uuid.uuid4(),
                collaboration_id=cid,
                kind="regeling",
                title="Regeling",
                source_format="tekst",
                created_by=fac,
            )
        )
        article = add(
            Article(
                id=uuid.uuid4(),
                agreement=agreement,
                position=1,
                number="5",
                title="Bijdragen",
                text="De deelnemers betalen naar rato.",
            )
        )
        partner_id, org = rng.choice(partners)
        deviation = add(
            Deviation(
                id=uuid.uuid4(),
                collaboration_id=cid,
                partner_id=partner_id,
                article=article,
                reason="Eigen uitvoering",
                starts_on=today,
                announced_by=world.contacts[org][0],
                created_at=_when(rng, now, 200),
            )
        )
        for other, other_org in partners[1 : len(partners) // 2]:
            add(DeviationAcknowledgement(deviation=deviation, partner_id=other, by=world.contacts[other_org][0]))

    order = [
        Ambition,
        Pledge,
        HonestyRound,
        Declaration,
        Interest,
        GoDecision,
        Goal,
        GoalVersion,
        ConsentRound,
        Decision,
        Benefit,
        Result,
        Commitment,
        Success,
        CelebrationPrompt,
        Spotlight,
        Signal,
        SignalReply,
        CheckIn,
        CheckInParticipation,
        CheckInResponse,
        Agreement,
        Article,
        Deviation,
        DeviationAcknowledgement,
    ]
    total = 0
    for model in order:
        objects = rows.get(model, [])
        model.objects.bulk_create(objects, batch_size=2000)
        total += len(objects)
    through = Success.partners.through
    through.objects.bulk_create([through(success_id=s, partner_id=p) for s, p in m2m_success], batch_size=5000)
    return total + len(m2m_success)


def generate() -> World:
    from django.core.management import call_command
    from django.db import transaction

    from samen.collaborations.models import Collaboration, Partner

    if not Collaboration.objects.filter(roo_id__isnull=False).exists():
        call_command("import_register", verbosity=0)
    world = World()
    with transaction.atomic():
        register = Collaboration.objects.filter(roo_id__isnull=False)
        register.update(workspace_active=True)
        world.collaborations = list(register.order_by("name"))
        for cid, pid, oid in (
            Partner.objects.current()
            .filter(collaboration__in=register)
            .order_by("organisation__name")
            .values_list("collaboration_id", "pk", "organisation_id")
        ):
            world.partners.setdefault(cid, []).append((pid, oid))
        for c in world.collaborations:
            world.partners.setdefault(c.pk, [])
        _people(world)
        world.rows += _activity(world, world.collaborations, seed=1)
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
    from django.db import transaction
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
    with transaction.atomic():
        for seed in range(2, 11):
            _activity(world, [typical], seed=seed)
    after = _cold(facilitator, url)
    figures["health_view_tenfold_cold_ms"] = after["ms"]
    figures["health_view_queries_1x_vs_10x"] = f"{before['queries']} / {after['queries']}"
    figures["query_counts_stable"] = before["queries"] == after["queries"] and small["queries"] == cold_all["queries"]

    digest = services.create_digest(
        collaboration=typical,
        by=world.facilitator,
        period_start=datetime.date.today() - datetime.timedelta(days=365),
        period_end=datetime.date.today(),
    )
    pdf = worker_document(facilitator, reverse("reports:pdf", args=[typical.pk, digest.pk]))
    figures["digest_pdf_request_ms"] = pdf["request_ms"]  # the status page; the worker renders
    figures["digest_pdf_median_ms"] = round(float(pdf["render_seconds"]) * 1000, 1)
    figures["digest_pdf_bytes"] = pdf["bytes"]
    for key, value in figures.items():
        print(f"  {key}: {value}")
    return figures
