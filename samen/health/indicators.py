"""One indicator per area, computed from what the partners actually did.

Each function reads one area for every collaboration in a ``Scope`` at once (a fixed number of
aggregate queries, whatever the number of collaborations or the years of history) and returns
an ``Indicator`` per collaboration: a score 0–100 per moment (now first, then a quarter back, ...),
the status and trend that follow from it (see ``thresholds``), each partner's score for the
radar, the facts behind it in words, and the definition. An area that has not landed in this
installation, or a collaboration without data in it, gets "nog geen gegevens".
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Max, Min, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from samen.health import thresholds
from samen.health.areas import (
    STATUS_ORDER,
    Area,
    Indicator,
    PartnerRef,
    Scope,
    Status,
    area_model,
    as_score,
    mean,
    worst,
)
from samen.health.words import join_names, number_word, of_count, percent, weeks_since, weeks_word

DEFINITIONS: dict[str, Any] = {
    Area.AMBITION: gettext_lazy(
        "Deelt iedereen de ambitie en voelt iedereen de urgentie? Gemiddelde van drie delen: "
        "(1) dekking: het deel van de combinaties partner × ambitie met inzet in uren, fte of geld; "
        "(2) capaciteit: hoeveel van de benodigde uren en euro's de partners samen toezeggen (per ambitie, "
        "hoogstens 100%); (3) balans: hoe dicht de gemiddelde urgentie van de partners bij elkaar ligt "
        "(1 − grootste verschil / 4). Een deel zonder gegevens telt niet mee. Een partner die voor geen enkele "
        "ambitie iets inzet, maakt de status hoogstens ‘aandacht’."
    ),
    Area.HONESTY: gettext_lazy(
        "Zijn de partners eerlijk over hun belangen? In de laatste eerlijkheidsronde: het deel van de partners "
        "dat zijn verklaring (belangen, intenties, rode lijnen) met de anderen heeft gedeeld, en zodra er "
        "besluiten zijn het deel dat go of go met voorwaarden zei. Een no-go maakt de status altijd ‘zorg’. "
        "Per partner: gedeeld 100, alleen een concept 30, niets 0."
    ),
    Area.OWNERSHIP: gettext_lazy(
        "Voelen de partners zich samen eigenaar? Gemiddelde van: het deel van de doelen dat alle partners "
        "hebben vastgesteld; het deel van de lopende afspraken dat niet over tijd is; het deel van de partners "
        "dat bij een vastgesteld doel heeft beschreven wat het hun oplevert; en het deel van de open "
        "instemmingsrondes dat niet stilstaat (over de deadline, of ouder dan zes weken met partners die nog "
        "niet besloten). Resultaten uit koers staan bij de feiten."
    ),
    Area.SUCCESSES: gettext_lazy(
        "Worden successen gezien en gevierd? Gemiddelde van: het aantal successen in het afgelopen kwartaal "
        "(twee of meer is vol) en het deel van de bereikte resultaten en vastgestelde doelen dat binnen twee "
        "weken gevierd is. Per partner: betrokken bij successen in het afgelopen half jaar (twee of meer is vol)."
    ),
    Area.EXPERIENCES: gettext_lazy(
        "Delen de partners hun ervaringen? Gemiddelde van: de respons op de laatste gesloten check-in "
        "(70% of meer is vol); de relatiescore van die check-in (alleen bij minstens drie antwoorden, van 1 "
        "tot 5 omgerekend naar 0–100); signalen die niet langer dan vier weken open staan; en aangekondigde "
        "afwijkingen waarvan alle andere partners binnen twee weken kennis namen. Per partner telt ook of hij "
        "in de laatste tien weken iets deelde (signaal, reactie, lezing, afwijking of kennisname)."
    ),
}


def definition(area: str) -> str:
    return str(DEFINITIONS[area])


# --- shared helpers -----------------------------------------------------------------------------


def _rows(queryset: Any) -> list[dict[str, Any]]:
    """The rows of a ``values()`` queryset as plain dicts (aggregate columns are named per moment)."""
    return [dict(row) for row in queryset]


def _by(key: str, queryset: Any) -> dict[Any, dict[str, Any]]:
    return {row[key]: row for row in _rows(queryset)}


def _none(scope: Scope, area: str) -> dict[UUID, Indicator]:
    return {cid: Indicator(area=area, history=[None] * len(scope.moments)) for cid in scope.collaboration_ids}


def _sentence(text: str) -> str:
    """A fact starts with a capital ("Eén", as Dutch writes één at the start of a sentence)."""
    if text.startswith("één"):
        return "Eén" + text[3:]
    return text[:1].upper() + text[1:]


def _finish(
    area: str,
    history: list[int | None],
    *,
    facts: list[str],
    partner_scores: dict[UUID, int | None] | None = None,
    last_activity: dict[UUID, datetime.datetime] | None = None,
    details: dict[str, Any] | None = None,
    cap: str | None = None,
) -> Indicator:
    """Status from today's score (at most ``cap``), trend against one quarter ago."""
    score = history[0]
    status = thresholds.status_for(score)
    if cap is not None and status != Status.NONE and STATUS_ORDER[cap] < STATUS_ORDER[status]:
        status = cap
    return Indicator(
        area=area,
        score=score,
        status=status,
        trend=thresholds.trend_for(history[0], history[1] if len(history) > 1 else None),
        facts=[_sentence(fact) for fact in facts] if score is not None else [],
        partner_scores=partner_scores or {},
        history=history,
        last_activity=last_activity or {},
        details=details or {},
    )


def _last_activity(querysets: Iterable[QuerySet], partners: set[UUID]) -> dict[UUID, datetime.datetime]:
    """The latest moment per partner over several ``values("p").annotate(last=Max(...))`` querysets (one query)."""
    querysets = list(querysets)
    if not querysets:
        return {}
    first, *rest = querysets
    combined = first.union(*rest, all=True) if rest else first
    found: dict[UUID, datetime.datetime] = {}
    for row in combined.order_by():
        partner_id, last = row["p"], row["last"]
        if partner_id in partners and last is not None and (partner_id not in found or last > found[partner_id]):
            found[partner_id] = last
    return found


def _activity(model: Any, partner_field: str, time_field: str, **filters: Any) -> QuerySet:
    return (
        model.objects.filter(**filters)
        .order_by()
        .values(p=F(partner_field))
        .annotate(last=Max(time_field))
        .values("p", "last")
    )


def _names(partners: Iterable[PartnerRef]) -> str:
    return join_names([p.name for p in partners])


# --- Ambitie & urgentie (interests) ---------------------------------------------------------------


@dataclass(frozen=True)
class _Ambition:
    id: UUID
    created_at: datetime.datetime
    needed_hours: Decimal | None
    needed_budget: Decimal | None


def ambition_and_urgency(scope: Scope) -> dict[UUID, Indicator]:
    """Pledge coverage, capacity against the need, and the balance of urgency between partners."""
    ambition_model, pledge_model = area_model("interests", "Ambition"), area_model("interests", "Pledge")
    if ambition_model is None or pledge_model is None:
        return _none(scope, Area.AMBITION)
    from samen.interests import rules

    ids = scope.collaboration_ids
    ambitions: dict[UUID, list[_Ambition]] = defaultdict(list)
    for pk, cid, created_at, hours, budget in (
        ambition_model.objects.filter(collaboration_id__in=ids)
        .order_by()
        .values_list("id", "collaboration_id", "created_at", "needed_hours_per_month", "needed_budget_euros")
    ):
        ambitions[cid].append(_Ambition(pk, created_at, hours, budget))
    if not ambitions:
        return _none(scope, Area.AMBITION)

    def current_at(moment: datetime.datetime) -> Q:
        return Q(pledged_at__lte=moment) & (Q(superseded_at__isnull=True) | Q(superseded_at__gt=moment))

    something = Q(hours_per_month__gt=0) | Q(fte__gt=0) | Q(budget_euros__gt=0)
    per_partner: dict[str, Any] = {}
    per_ambition: dict[str, Any] = {}
    hours = ExpressionWrapper(
        Coalesce("hours_per_month", Value(Decimal(0))) + Coalesce("fte", Value(Decimal(0))) * rules.HOURS_PER_FTE_MONTH,
        output_field=DecimalField(max_digits=18, decimal_places=2),
    )
    for i, moment in enumerate(scope.moments):
        per_partner[f"n{i}"] = Count("id", filter=current_at(moment) & something)
        per_partner[f"us{i}"] = Sum("urgency", filter=current_at(moment))
        per_partner[f"uc{i}"] = Count("id", filter=current_at(moment))
        per_ambition[f"h{i}"] = Sum(hours, filter=current_at(moment))
        per_ambition[f"b{i}"] = Sum("budget_euros", filter=current_at(moment))
    pledges = pledge_model.objects.filter(ambition__collaboration_id__in=ids).order_by()
    partner_rows: dict[UUID, dict[UUID, dict[str, Any]]] = defaultdict(dict)
    for row in _rows(
        pledges.values("ambition__collaboration_id", "partner_id").annotate(last=Max("pledged_at"), **per_partner)
    ):
        partner_rows[row["ambition__collaboration_id"]][row["partner_id"]] = row
    with_need = Q(ambition__needed_hours_per_month__gt=0) | Q(ambition__needed_budget_euros__gt=0)
    ambition_rows = _by("ambition_id", pledges.filter(with_need).values("ambition_id").annotate(**per_ambition))

    result: dict[UUID, Indicator] = {}
    for cid in ids:
        partners = scope.partners_of(cid)
        rows = {p.id: partner_rows[cid].get(p.id, {}) for p in partners}
        history: list[int | None] = []
        for i, moment in enumerate(scope.moments):
            present = [a for a in ambitions.get(cid, []) if a.created_at <= moment]
            if not present or not partners:
                history.append(None)
                continue
            covered = sum(min(row.get(f"n{i}", 0), len(present)) for row in rows.values())
            coverage = covered / (len(partners) * len(present))
            capacity = mean(_capacity_parts(present, ambition_rows, i))
            means = [row[f"us{i}"] / row[f"uc{i}"] for row in rows.values() if row.get(f"uc{i}")]
            balance = 1 - (max(means) - min(means)) / (rules.SCALE_MAX - rules.SCALE_MIN) if len(means) >= 2 else None
            history.append(as_score(mean([coverage, capacity, balance])))
        present = ambitions.get(cid, [])
        partner_scores = (
            {p.id: as_score(min(rows[p.id].get("n0", 0), len(present)) / len(present)) for p in partners}
            if present
            else {}
        )
        result[cid] = _finish(
            Area.AMBITION,
            history,
            facts=_ambition_facts(partners, rows, present, ambition_rows, rules.SCALE_MAX - rules.SCALE_MIN),
            partner_scores=partner_scores,
            last_activity={pid: row["last"] for pid, row in rows.items() if row.get("last")},
            details={"without_pledge": [p.id for p in partners if not rows[p.id].get("n0")]},
            cap=Status.ATTENTION if present and any(not rows[p.id].get("n0") for p in partners) else None,
        )
    return result


def _capacity_parts(ambitions: list[_Ambition], rows: dict[UUID, dict[str, Any]], i: int) -> list[float]:
    parts = []
    for ambition in ambitions:
        row = rows.get(ambition.id, {})
        if ambition.needed_hours:
            parts.append(min(1.0, float((row.get(f"h{i}") or 0) / ambition.needed_hours)))
        if ambition.needed_budget:
            parts.append(min(1.0, float((row.get(f"b{i}") or 0) / ambition.needed_budget)))
    return parts


def _ambition_facts(
    partners: list[PartnerRef],
    rows: dict[UUID, dict[str, Any]],
    ambitions: list[_Ambition],
    ambition_rows: dict[UUID, dict[str, Any]],
    scale: int,
) -> list[str]:
    if not ambitions:
        return []
    facts = []
    full = [p for p in partners if rows[p.id].get("n0", 0) >= len(ambitions)]
    facts.append(
        ngettext("%(count)s ambitie", "%(count)s ambities", len(ambitions)) % {"count": number_word(len(ambitions))}
        + ": "
        + ngettext(
            "%(part)s partners heeft voor elke ambitie inzet opgegeven.",
            "%(part)s partners hebben voor elke ambitie inzet opgegeven.",
            len(full),
        )
        % {"part": of_count(len(full), len(partners))}
    )
    nothing = [p for p in partners if not rows[p.id].get("n0")]
    if nothing:
        facts.append(_("Nog geen inzet van %(names)s.") % {"names": _names(nothing)})
    for need_field, key, text in (
        ("needed_hours", "h0", _("De toegezegde uren dekken %(percent)s van wat de ambities vragen.")),
        ("needed_budget", "b0", _("Het toegezegde budget dekt %(percent)s van wat de ambities vragen.")),
    ):
        needed = sum((getattr(a, need_field) or 0) for a in ambitions)
        if needed:
            pledged = sum((ambition_rows.get(a.id, {}).get(key) or 0) for a in ambitions if getattr(a, need_field))
            facts.append(text % {"percent": percent(float(pledged / needed))})
    urgencies = {p.id: rows[p.id]["us0"] / rows[p.id]["uc0"] for p in partners if rows[p.id].get("uc0")}
    if len(urgencies) >= 2:
        high = max(partners, key=lambda p: urgencies.get(p.id, -1))
        low = min(partners, key=lambda p: urgencies.get(p.id, 99))
        if urgencies[high.id] - urgencies[low.id] >= thresholds.URGENCY_SPREAD_WORRY:
            facts.append(
                _("De urgentie loopt sterk uiteen: %(high)s gemiddeld %(h)s, %(low)s gemiddeld %(l)s (op 1–5).")
                % {
                    "high": high.name,
                    "h": f"{urgencies[high.id]:.1f}".replace(".", ","),
                    "low": low.name,
                    "l": f"{urgencies[low.id]:.1f}".replace(".", ","),
                }
            )
    return facts


# --- Ben eerlijk (interests) ------------------------------------------------------------------------


def honesty(scope: Scope) -> dict[UUID, Indicator]:
    """Declarations shared in the latest honesty round, and the go / no-go decisions."""
    round_model = area_model("interests", "HonestyRound")
    declaration_model = area_model("interests", "Declaration")
    decision_model = area_model("interests", "GoDecision")
    if round_model is None or declaration_model is None or decision_model is None:
        return _none(scope, Area.HONESTY)
    rounds: dict[UUID, list[tuple[Any, ...]]] = defaultdict(list)
    for row in (
        round_model.objects.filter(collaboration_id__in=scope.collaboration_ids)
        .order_by("opened_at")
        .values_list("id", "collaboration_id", "title", "opened_at", "closed_at", "deadline")
    ):
        rounds[row[1]].append(row)
    if not rounds:
        return _none(scope, Area.HONESTY)

    def latest_at(cid: UUID, moment: datetime.datetime) -> tuple[Any, ...] | None:
        opened = [r for r in rounds.get(cid, []) if r[3] <= moment]
        return opened[-1] if opened else None

    needed = {r[0] for cid in rounds for m in scope.moments if (r := latest_at(cid, m)) is not None}
    declarations: dict[UUID, dict[UUID, tuple[Any, ...]]] = defaultdict(dict)
    for round_id, partner_id, status, shared_at, updated_at, interests in (
        declaration_model.objects.filter(round_id__in=needed)
        .order_by()
        .values("round_id", "partner_id", "status", "shared_at", "updated_at")
        .annotate(interests=Count("interests"))
        .values_list("round_id", "partner_id", "status", "shared_at", "updated_at", "interests")
    ):
        declarations[round_id][partner_id] = (status, shared_at, updated_at, interests)
    decisions: dict[UUID, dict[UUID, tuple[str, datetime.datetime]]] = defaultdict(dict)
    for round_id, partner_id, decision, decided_at in (
        decision_model.objects.filter(round_id__in=needed)
        .order_by()
        .values_list("round_id", "partner_id", "decision", "decided_at")
    ):
        decisions[round_id][partner_id] = (decision, decided_at)

    result: dict[UUID, Indicator] = {}
    for cid in scope.collaboration_ids:
        partners = scope.partners_of(cid)
        history: list[int | None] = []
        for moment in scope.moments:
            current = latest_at(cid, moment)
            if current is None or not partners:
                history.append(None)
                continue
            shared = [
                p for p in partners if (d := declarations[current[0]].get(p.id)) and d[1] is not None and d[1] <= moment
            ]
            decided = {pid: kind for pid, (kind, at) in decisions[current[0]].items() if at <= moment}
            go_share = (
                sum(1 for p in partners if decided.get(p.id) in ("go", "voorwaarden")) / len(partners)
                if decided
                else None
            )
            history.append(as_score(mean([len(shared) / len(partners), go_share])))
        current = latest_at(cid, scope.now)
        if current is None:
            result[cid] = _finish(Area.HONESTY, history, facts=[])
            continue
        own = declarations[current[0]]
        chosen = {pid: kind for pid, (kind, _at) in decisions[current[0]].items()}
        no_go = [p for p in partners if chosen.get(p.id) == "no_go"]
        activity: dict[UUID, datetime.datetime] = {}
        for pid, (_status, shared_at, updated_at, _n) in own.items():
            activity[pid] = max(t for t in (shared_at, updated_at) if t is not None)
        for pid, (_kind, at) in decisions[current[0]].items():
            activity[pid] = max(activity.get(pid, at), at)
        result[cid] = _finish(
            Area.HONESTY,
            history,
            facts=_honesty_facts(current, partners, own, chosen, scope.today),
            partner_scores={p.id: _declaration_score(own.get(p.id)) for p in partners},
            last_activity=activity,
            details={
                "round_title": current[2],
                "not_shared": [p.id for p in partners if not _is_shared(own.get(p.id))],
            },
            cap=Status.WORRY if no_go else None,
        )
    return result


def _is_shared(declaration: tuple[Any, ...] | None) -> bool:
    return declaration is not None and declaration[1] is not None


def _declaration_score(declaration: tuple[Any, ...] | None) -> int:
    if declaration is None:
        return 0
    return thresholds.HONESTY_SHARED if declaration[1] is not None else thresholds.HONESTY_DRAFT


def _honesty_facts(
    current: tuple[Any, ...],
    partners: list[PartnerRef],
    own: dict[UUID, tuple[Any, ...]],
    chosen: dict[UUID, str],
    today: datetime.date,
) -> list[str]:
    from samen.core.templatetags.samen import nl_date

    _pk, _cid, title, _opened, closed_at, deadline = current
    shared = [p for p in partners if _is_shared(own.get(p.id))]
    interests = sum(own[p.id][3] for p in shared)
    facts = [
        ngettext(
            "Eerlijkheidsronde ‘%(title)s’: %(part)s partners heeft de verklaring gedeeld (%(n)s belangen).",
            "Eerlijkheidsronde ‘%(title)s’: %(part)s partners hebben hun verklaring gedeeld (%(n)s belangen).",
            len(shared),
        )
        % {"title": title, "part": of_count(len(shared), len(partners)), "n": number_word(interests)}
    ]
    missing = [p for p in partners if p not in shared]
    if missing:
        if closed_at is None and deadline < today:
            facts.append(
                _("Nog niet gedeeld: %(names)s; de deadline van %(date)s is verstreken.")
                % {"names": _names(missing), "date": nl_date(deadline)}
            )
        else:
            facts.append(_("Nog niet gedeeld: %(names)s.") % {"names": _names(missing)})
    for kind, text in (
        ("no_go", _("No-go van %(names)s.")),
        ("voorwaarden", _("Go met voorwaarden van %(names)s.")),
        ("go", _("Go van %(names)s.")),
    ):
        chosen_by = [p for p in partners if chosen.get(p.id) == kind]
        if chosen_by:
            facts.append(text % {"names": _names(chosen_by)})
    return facts


# --- Toon eigenaarschap (goals) ---------------------------------------------------------------------


def ownership(scope: Scope) -> dict[UUID, Indicator]:
    """Goals adopted by all, commitments on time, a benefit for every partner, consent rounds that move."""
    goal_model = area_model("goals", "Goal")
    if goal_model is None:
        return _none(scope, Area.OWNERSHIP)
    from samen.goals.models import (
        Advice,
        Benefit,
        Commitment,
        CommitmentStatus,
        ConsentRound,
        Decision,
        GoalEdit,
        Result,
        ResultStatus,
        result_status,
    )

    ids = scope.collaboration_ids
    goals: dict[UUID, list[tuple[datetime.datetime, datetime.datetime | None]]] = defaultdict(list)
    for cid, created_at, adopted_at in (
        goal_model.objects.filter(collaboration_id__in=ids)
        .order_by()
        .values_list("collaboration_id", "created_at", "adopted_at")
    ):
        goals[cid].append((created_at, adopted_at))
    if not goals:
        return _none(scope, Area.OWNERSHIP)
    oldest = scope.moments[-1]
    round_aggregates = {
        f"d{i}": Count("decisions", filter=Q(decisions__decided_at__lte=m)) for i, m in enumerate(scope.moments)
    }
    rounds: dict[UUID, list[dict[str, Any]]] = defaultdict(list)
    for row in _rows(
        ConsentRound.objects.filter(goal__collaboration_id__in=ids)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gt=oldest))
        .order_by()
        .values("id", "goal__collaboration_id", "opened_at", "deadline", "closed_at", "status", "version__title")
        .annotate(**round_aggregates)
    ):
        rounds[row["goal__collaboration_id"]].append(row)
    benefits: dict[UUID, dict[UUID, dict[str, int]]] = defaultdict(dict)
    for row in _rows(
        Benefit.objects.filter(goal__collaboration_id__in=ids, goal__adopted_at__isnull=False)
        .order_by()
        .values("goal__collaboration_id", "partner_id")
        .annotate(**{f"b{i}": Count("id", filter=Q(goal__adopted_at__lte=m)) for i, m in enumerate(scope.moments)})
    ):
        benefits[row["goal__collaboration_id"]][row["partner_id"]] = row
    done = CommitmentStatus.DONE
    active_statuses = [CommitmentStatus.OPEN, CommitmentStatus.IN_PROGRESS]
    commitment_aggregates: dict[str, Any] = {}
    for i, (moment, day) in enumerate(zip(scope.moments, scope.dates(), strict=True)):
        active = Q(created_at__lte=moment) & (Q(status__in=active_statuses) | Q(status=done, done_on__gt=day))
        commitment_aggregates[f"a{i}"] = Count("id", filter=active)
        commitment_aggregates[f"o{i}"] = Count("id", filter=active & Q(due_on__lt=day))
    commitments: dict[UUID, dict[UUID, dict[str, Any]]] = defaultdict(dict)
    for row in _rows(
        Commitment.objects.filter(goal__collaboration_id__in=ids)
        .order_by()
        .values("goal__collaboration_id", "partner_id")
        .annotate(**commitment_aggregates)
    ):
        commitments[row["goal__collaboration_id"]][row["partner_id"]] = row
    results: dict[UUID, list[str]] = defaultdict(list)
    for cid, baseline, target, value, start, due in (
        Result.objects.filter(goal__collaboration_id__in=ids, goal__adopted_at__isnull=False)
        .order_by()
        .values_list("goal__collaboration_id", "baseline", "target", "current_value", "baseline_on", "due_on")
    ):
        results[cid].append(
            result_status(baseline=baseline, target=target, value=value, start=start, due=due, today=scope.today)
        )
    partner_ids = scope.partner_ids()
    activity = _last_activity(
        [
            _activity(GoalEdit, "partner_id", "saved_at", version__goal__collaboration_id__in=ids),
            _activity(Decision, "partner_id", "decided_at", round__goal__collaboration_id__in=ids),
            _activity(Advice, "partner_id", "given_at", round__goal__collaboration_id__in=ids),
            _activity(Benefit, "partner_id", "updated_at", goal__collaboration_id__in=ids),
            _activity(Commitment, "partner_id", "created_at", goal__collaboration_id__in=ids),
        ],
        partner_ids,
    )

    indicators: dict[UUID, Indicator] = {}
    for cid in ids:
        partners = scope.partners_of(cid)
        history: list[int | None] = []
        for i, (moment, day) in enumerate(zip(scope.moments, scope.dates(), strict=True)):
            created = [g for g in goals.get(cid, []) if g[0] <= moment]
            if not created or not partners:
                history.append(None)
                continue
            adopted = sum(1 for g in created if g[1] is not None and g[1] <= moment)
            rows = commitments[cid].values()
            active = sum(r[f"a{i}"] for r in rows)
            overdue = sum(r[f"o{i}"] for r in rows)
            with_benefit = sum(1 for p in partners if benefits[cid].get(p.id, {}).get(f"b{i}"))
            open_rounds = [r for r in rounds.get(cid, []) if _round_open_at(r, moment)]
            stalled = [r for r in open_rounds if _round_stalled_at(r, moment, day, i, len(partners))]
            history.append(
                as_score(
                    mean(
                        [
                            adopted / len(created),
                            1 - overdue / active if active else None,
                            with_benefit / len(partners) if adopted else None,
                            1 - len(stalled) / len(open_rounds) if open_rounds else None,
                        ]
                    )
                )
            )
        stalled_now = [
            r
            for r in rounds.get(cid, [])
            if _round_open_at(r, scope.now) and _round_stalled_at(r, scope.now, scope.today, 0, len(partners))
        ]
        adopted_goals = [g for g in goals.get(cid, []) if g[1] is not None]
        grace_passed = any(g[1] <= scope.now - thresholds.BENEFIT_GRACE for g in adopted_goals if g[1])
        without_benefit = [p for p in partners if not benefits[cid].get(p.id, {}).get("b0")] if grace_passed else []
        overdue_by = [(p, commitments[cid].get(p.id, {}).get("o0", 0)) for p in partners]
        indicators[cid] = _finish(
            Area.OWNERSHIP,
            history,
            facts=_ownership_facts(
                partners,
                goals.get(cid, []),
                overdue_by,
                without_benefit,
                stalled_now,
                results.get(cid, []),
                ResultStatus,
                scope.today,
            ),
            partner_scores={
                p.id: as_score(
                    mean(
                        [
                            (1.0 if benefits[cid].get(p.id, {}).get("b0") else 0.0) if adopted_goals else None,
                            _on_time_share(commitments[cid].get(p.id)),
                        ]
                    )
                )
                for p in partners
            },
            last_activity={pid: at for pid, at in activity.items() if pid in {p.id for p in partners}},
            details={
                "without_benefit": [p.id for p in without_benefit],
                "stalled_rounds": [
                    {
                        "title": r["version__title"],
                        "opened_at": r["opened_at"],
                        "deadline": r["deadline"],
                        "decided": r["d0"],
                    }
                    for r in stalled_now
                ],
            },
        )
    return indicators


def _round_open_at(row: dict[str, Any], moment: datetime.datetime) -> bool:
    return row["opened_at"] <= moment and (row["closed_at"] is None or row["closed_at"] > moment)


def _round_stalled_at(
    row: dict[str, Any], moment: datetime.datetime, day: datetime.date, i: int, partners: int
) -> bool:
    waiting = row[f"d{i}"] < partners
    late = row["deadline"] < day or row["opened_at"] < moment - thresholds.CONSENT_STALLED_AFTER
    return waiting and late


def _on_time_share(row: dict[str, Any] | None) -> float | None:
    if not row or not row.get("a0"):
        return None
    return 1 - row["o0"] / row["a0"]


def _ownership_facts(
    partners: list[PartnerRef],
    goals: list[tuple[datetime.datetime, datetime.datetime | None]],
    overdue_by: list[tuple[PartnerRef, int]],
    without_benefit: list[PartnerRef],
    stalled: list[dict[str, Any]],
    results: list[str],
    result_status: Any,
    today: datetime.date,
) -> list[str]:
    from samen.core.templatetags.samen import nl_date

    adopted = sum(1 for g in goals if g[1] is not None)
    facts = [
        ngettext(
            "%(part)s doelen is door alle partners vastgesteld.",
            "%(part)s doelen zijn door alle partners vastgesteld.",
            adopted,
        )
        % {"part": of_count(adopted, len(goals))}
    ]
    late = [(p, n) for p, n in overdue_by if n]
    if late:
        total = sum(n for _p, n in late)
        facts.append(
            ngettext("%(n)s afspraak is over tijd: %(who)s.", "%(n)s afspraken zijn over tijd: %(who)s.", total)
            % {"n": number_word(total), "who": join_names([f"{p.name} ({number_word(n)})" for p, n in late])}
        )
    if without_benefit:
        facts.append(
            _("Nog niet beschreven wat de vastgestelde doelen hun opleveren: %(names)s.")
            % {"names": _names(without_benefit)}
        )
    for row in stalled:
        facts.append(
            _(
                "De instemmingsronde over ‘%(title)s’ staat stil: geopend op %(opened)s, "
                "besluit gevraagd vóór %(deadline)s."
            )
            % {
                "title": row["version__title"],
                "opened": nl_date(timezone.localdate(row["opened_at"])),
                "deadline": nl_date(row["deadline"]),
            }
        )
    off = sum(1 for s in results if s == result_status.OFF_TRACK)
    risk = sum(1 for s in results if s == result_status.AT_RISK)
    if results:
        facts.append(
            _("Resultaten: %(on)s op koers, %(risk)s met risico, %(off)s uit koers.")
            % {"on": number_word(len(results) - off - risk), "risk": number_word(risk), "off": number_word(off)}
        )
    return facts


# --- Erken en vier successen (successes) ---------------------------------------------------------------


def successes(scope: Scope) -> dict[UUID, Indicator]:
    """Successes per quarter, and what was reached but not (yet) celebrated."""
    success_model = area_model("successes", "Success")
    if success_model is None:
        return _none(scope, Area.SUCCESSES)
    from samen.successes.models import CelebrationPrompt, Spotlight

    ids = scope.collaboration_ids
    per_moment: dict[str, Any] = {}
    prompt_aggregates: dict[str, Any] = {}
    spotlight_aggregates: dict[str, Any] = {}
    partner_aggregates: dict[str, Any] = {}
    grace = thresholds.CELEBRATION_GRACE
    for i, (moment, day) in enumerate(zip(scope.moments, scope.dates(), strict=True)):
        recorded = Q(recorded_at__lte=moment)
        per_moment[f"t{i}"] = Count("id", filter=recorded)
        per_moment[f"q{i}"] = Count("id", filter=recorded & Q(date__gt=day - thresholds.QUARTER, date__lte=day))
        per_moment[f"p{i}"] = Count(
            "id", filter=recorded & Q(is_public=True, date__gt=day - thresholds.QUARTER, date__lte=day)
        )
        prompt_aggregates[f"all{i}"] = Count("id", filter=Q(created_at__lte=moment, reached_on__lte=day - grace))
        prompt_aggregates[f"open{i}"] = Count(
            "id",
            filter=Q(created_at__lte=moment, reached_on__lte=day - grace)
            & (Q(closed_at__isnull=True, success__isnull=True) | Q(closed_at__gt=moment)),
        )
        spotlight_aggregates[f"s{i}"] = Count(
            "id", filter=Q(created_at__lte=moment, created_at__gt=moment - thresholds.QUARTER)
        )
        partner_aggregates[f"w{i}"] = Count(
            "success_id",
            filter=Q(
                success__recorded_at__lte=moment,
                success__date__lte=day,
                success__date__gt=day - thresholds.PARTNER_SUCCESS_WINDOW,
            ),
        )
    counts = _by(
        "collaboration_id",
        success_model.objects.filter(collaboration_id__in=ids)
        .order_by()
        .values("collaboration_id")
        .annotate(**per_moment),
    )
    prompts = _by(
        "collaboration_id",
        CelebrationPrompt.objects.filter(collaboration_id__in=ids)
        .order_by()
        .values("collaboration_id")
        .annotate(**prompt_aggregates),
    )
    spotlights = _by(
        "collaboration_id",
        Spotlight.objects.filter(collaboration_id__in=ids)
        .order_by()
        .values("collaboration_id")
        .annotate(**spotlight_aggregates),
    )
    involvement = _by(
        "partner_id",
        success_model.partners.through.objects.filter(success__collaboration_id__in=ids)
        .order_by()
        .values("partner_id")
        .annotate(**partner_aggregates),
    )

    indicators: dict[UUID, Indicator] = {}
    for cid in ids:
        partners = scope.partners_of(cid)
        count, prompt, spotlight = counts.get(cid, {}), prompts.get(cid, {}), spotlights.get(cid, {})
        history: list[int | None] = []
        for i, _moment in enumerate(scope.moments):
            if not (count.get(f"t{i}") or prompt.get(f"all{i}") or spotlight.get(f"s{i}")):
                history.append(None)
                continue
            celebrated = 1 - prompt[f"open{i}"] / prompt[f"all{i}"] if prompt.get(f"all{i}") else None
            quarter = min(1.0, count.get(f"q{i}", 0) / thresholds.SUCCESSES_PER_QUARTER_GOOD)
            history.append(as_score(mean([quarter, celebrated])))
        not_involved = [p for p in partners if not involvement.get(p.id, {}).get("w0")]
        facts = [
            ngettext(
                "%(n)s succes in het afgelopen kwartaal (%(public)s openbaar).",
                "%(n)s successen in het afgelopen kwartaal (%(public)s openbaar).",
                count.get("q0", 0),
            )
            % {"n": number_word(count.get("q0", 0)), "public": number_word(count.get("p0", 0))}
        ]
        if prompt.get("open0"):
            facts.append(
                ngettext(
                    "%(n)s keer iets bereikt dat na twee weken nog niet is gevierd.",
                    "%(n)s keer iets bereikt dat na twee weken nog niet is gevierd.",
                    prompt["open0"],
                )
                % {"n": number_word(prompt["open0"])}
            )
        if spotlight.get("s0"):
            facts.append(
                ngettext(
                    "%(n)s keer iemand in het zonnetje gezet dit kwartaal.",
                    "%(n)s keer iemand in het zonnetje gezet dit kwartaal.",
                    spotlight["s0"],
                )
                % {"n": number_word(spotlight["s0"])}
            )
        if not_involved and len(not_involved) < len(partners):
            facts.append(
                _("Geen succes waarbij %(names)s betrokken was in het afgelopen half jaar.")
                % {"names": _names(not_involved)}
            )
        indicators[cid] = _finish(
            Area.SUCCESSES,
            history,
            facts=facts,
            partner_scores={
                p.id: as_score(involvement.get(p.id, {}).get("w0", 0) / thresholds.SUCCESSES_PER_QUARTER_GOOD)
                for p in partners
            },
            details={"uncelebrated": prompt.get("open0", 0), "public_this_quarter": count.get("p0", 0)},
        )
    return indicators


# --- Deel ervaringen (experiences) --------------------------------------------------------------------


def experiences(scope: Scope) -> dict[UUID, Indicator]:
    """Check-in response and the relationship score, signals that stay open, deviations nobody acknowledged."""
    checkin_model = area_model("experiences", "CheckIn")
    if checkin_model is None:
        return _none(scope, Area.EXPERIENCES)
    from samen.experiences.models import (
        RELATIONSHIP_SCORES,
        CheckInResponse,
        Deviation,
        DeviationAcknowledgement,
        Interpretation,
        Signal,
        SignalReply,
        SignalStatus,
    )
    from samen.experiences.results import MIN_RESPONDENTS

    ids = scope.collaboration_ids
    oldest_day = scope.dates()[-1] - 2 * thresholds.QUARTER
    checkins: dict[UUID, list[dict[str, Any]]] = defaultdict(list)
    for row in _rows(
        checkin_model.objects.filter(collaboration_id__in=ids, closes_on__gte=oldest_day)
        .order_by("closes_on")
        .values("id", "collaboration_id", "title", "opens_on", "closes_on", "closed_at")
        .annotate(respondents=Count("participations"))
    ):
        checkins[row["collaboration_id"]].append(row)
    checkin_ids = [row["id"] for rows in checkins.values() for row in rows]
    relationship = sum((F(name) for name, _label in RELATIONSHIP_SCORES[1:]), F(RELATIONSHIP_SCORES[0][0]))
    responses: dict[UUID, dict[UUID, dict[str, Any]]] = defaultdict(dict)
    totals: dict[UUID, dict[str, Any]] = {}
    for row in _rows(
        CheckInResponse.objects.filter(checkin_id__in=checkin_ids)
        .order_by()
        .values("checkin_id", "partner_id")
        .annotate(n=Count("id"), rel=Sum(relationship), progress=Sum("progress"))
    ):
        responses[row["checkin_id"]][row["partner_id"]] = row
        total = totals.setdefault(row["checkin_id"], {"n": 0, "rel": 0, "progress": 0})
        for key in ("n", "rel", "progress"):
            total[key] += row[key]
    signal_aggregates: dict[str, Any] = {}
    deviation_aggregates: dict[str, Any] = {}
    for i, moment in enumerate(scope.moments):
        open_then = Q(created_at__lte=moment) & (Q(status=SignalStatus.OPEN) | Q(status_changed_at__gt=moment))
        signal_aggregates[f"t{i}"] = Count("id", filter=Q(created_at__lte=moment))
        signal_aggregates[f"o{i}"] = Count(
            "id", filter=open_then & Q(created_at__lte=moment - thresholds.SIGNAL_OPEN_WORRY)
        )
        deviation_aggregates[f"a{i}"] = Count("acknowledgements", filter=Q(acknowledgements__created_at__lte=moment))
    signals = _by(
        "collaboration_id",
        Signal.objects.filter(collaboration_id__in=ids)
        .order_by()
        .values("collaboration_id")
        .annotate(oldest_open=Min("created_at", filter=Q(status=SignalStatus.OPEN)), **signal_aggregates),
    )
    deviations: dict[UUID, list[dict[str, Any]]] = defaultdict(list)
    for row in _rows(
        Deviation.objects.filter(collaboration_id__in=ids)
        .order_by()
        .values("id", "collaboration_id", "partner_id", "created_at")
        .annotate(**deviation_aggregates)
    ):
        deviations[row["collaboration_id"]].append(row)
    partner_ids = scope.partner_ids()
    activity = _last_activity(
        [
            _activity(Signal, "from_partner_id", "created_at", collaboration_id__in=ids),
            _activity(SignalReply, "partner_id", "created_at", signal__collaboration_id__in=ids),
            _activity(Interpretation, "partner_id", "updated_at", partner__collaboration_id__in=ids),
            _activity(Deviation, "partner_id", "created_at", collaboration_id__in=ids),
            _activity(DeviationAcknowledgement, "partner_id", "created_at", deviation__collaboration_id__in=ids),
        ],
        partner_ids,
    )
    contacts = _contacts_per_partner(partner_ids)

    indicators: dict[UUID, Indicator] = {}
    for cid in ids:
        partners = scope.partners_of(cid)
        eligible = sum(contacts.get(p.id, 0) for p in partners)
        signal = signals.get(cid, {})
        history: list[int | None] = []
        for i, (moment, day) in enumerate(zip(scope.moments, scope.dates(), strict=True)):
            closed = [c for c in checkins.get(cid, []) if _checkin_closed_at(c, moment, day)]
            present_deviations = [d for d in deviations.get(cid, []) if d["created_at"] <= moment]
            if not (closed or signal.get(f"t{i}") or present_deviations):
                history.append(None)
                continue
            parts: list[float | None] = []
            if closed:
                last = closed[-1]
                parts.append(
                    min(1.0, last["respondents"] / eligible / thresholds.CHECKIN_RESPONSE_GOOD) if eligible else None
                )
                last_total = totals.get(last["id"])
                if last_total and last_total["n"] >= MIN_RESPONDENTS:
                    average = last_total["rel"] / last_total["n"] / len(RELATIONSHIP_SCORES)
                    parts.append((average - 1) / 4)
            if signal.get(f"t{i}"):
                parts.append(1 - min(1.0, signal[f"o{i}"] / 3))
            due = [
                d for d in present_deviations if d["created_at"] <= moment - thresholds.DEVIATION_UNACKNOWLEDGED_WORRY
            ]
            if due:
                acknowledged = sum(1 for d in due if d[f"a{i}"] >= len(partners) - 1)
                parts.append(acknowledged / len(due))
            history.append(as_score(mean(parts)))
        closed_now = [c for c in checkins.get(cid, []) if _checkin_closed_at(c, scope.now, scope.today)]
        own_activity = {p.id: activity[p.id] for p in partners if p.id in activity}
        silent = _silent(partners, own_activity, scope.now)
        last_checkin = closed_now[-1] if closed_now else None
        previous_checkin = closed_now[-2] if len(closed_now) > 1 else None
        partner_scores = {}
        for p in partners:
            response = None
            if last_checkin is not None and contacts.get(p.id):
                answered = responses[last_checkin["id"]].get(p.id, {}).get("n", 0)
                response = min(1.0, answered / contacts[p.id] / thresholds.CHECKIN_RESPONSE_GOOD)
            recent = 0.0 if p in silent else (1.0 if p.id in own_activity else None)
            partner_scores[p.id] = as_score(mean([response, recent]))
        unacknowledged = [
            d
            for d in deviations.get(cid, [])
            if d["created_at"] <= scope.now - thresholds.DEVIATION_UNACKNOWLEDGED_WORRY and d["a0"] < len(partners) - 1
        ]
        indicators[cid] = _finish(
            Area.EXPERIENCES,
            history,
            facts=_experience_facts(
                last_checkin,
                previous_checkin,
                totals,
                eligible,
                signal,
                signal.get("oldest_open"),
                unacknowledged,
                silent,
                own_activity,
                scope.now,
                len(RELATIONSHIP_SCORES),
                MIN_RESPONDENTS,
            ),
            partner_scores=partner_scores,
            last_activity=own_activity,
            details={
                "checkins": [
                    {
                        "id": c["id"],
                        "title": c["title"],
                        "closes_on": c["closes_on"],
                        "respondents": c["respondents"],
                        "partners": {pid: r["n"] for pid, r in responses[c["id"]].items()},
                        "relationship": _average(totals.get(c["id"]), "rel", len(RELATIONSHIP_SCORES), MIN_RESPONDENTS),
                        "content": _average(totals.get(c["id"]), "progress", 1, MIN_RESPONDENTS),
                    }
                    for c in closed_now
                ],
                "contacts": {p.id: contacts.get(p.id, 0) for p in partners},
                "silent": [p.id for p in silent],
            },
        )
    return indicators


def _average(total: dict[str, Any] | None, key: str, fields: int, minimum: int) -> float | None:
    if not total or total["n"] < minimum:
        return None
    return round(total[key] / total["n"] / fields, 1)


def _checkin_closed_at(row: dict[str, Any], moment: datetime.datetime, day: datetime.date) -> bool:
    return row["closes_on"] < day or (row["closed_at"] is not None and row["closed_at"] <= moment)


def _contacts_per_partner(partner_ids: set[UUID]) -> dict[UUID, int]:
    from samen.collaborations.models import Role, RoleKind

    rows = (
        Role.objects.filter(partner_id__in=partner_ids, kind__in=[RoleKind.OFFICIAL, RoleKind.EXECUTIVE])
        .order_by()
        .values("partner_id")
        .annotate(n=Count("person_id", distinct=True))
        .values_list("partner_id", "n")
    )
    return dict(rows)


def _silent(
    partners: list[PartnerRef], activity: dict[UUID, datetime.datetime], now: datetime.datetime
) -> list[PartnerRef]:
    """Partners with contacts that shared nothing for ten weeks while another partner did."""
    since = now - thresholds.SILENT_AFTER
    someone_active = any(at >= since for at in activity.values())
    if not someone_active:
        return []
    return [p for p in partners if p.has_contacts and (p.id not in activity or activity[p.id] < since)]


def _experience_facts(
    last: dict[str, Any] | None,
    previous: dict[str, Any] | None,
    totals: dict[UUID, dict[str, Any]],
    eligible: int,
    signal: dict[str, Any],
    oldest_open: datetime.datetime | None,
    unacknowledged: list[dict[str, Any]],
    silent: list[PartnerRef],
    activity: dict[UUID, datetime.datetime],
    now: datetime.datetime,
    relationship_fields: int,
    minimum: int,
) -> list[str]:
    from samen.core.templatetags.samen import nl_date

    facts = []
    if last is not None:
        facts.append(
            _("Laatste check-in ‘%(title)s’ (gesloten %(date)s): %(part)s contactpersonen antwoordden.")
            % {
                "title": last["title"],
                "date": nl_date(last["closes_on"]),
                "part": of_count(last["respondents"], eligible),
            }
        )
        now_score = _average(totals.get(last["id"]), "rel", relationship_fields, minimum)
        before = _average(totals.get(previous["id"]), "rel", relationship_fields, minimum) if previous else None
        if now_score is not None:
            text = _("De relatiescore is %(now)s op 5") % {"now": str(now_score).replace(".", ",")}
            if before is not None:
                text += _(" (vorige check-in %(before)s)") % {"before": str(before).replace(".", ",")}
            facts.append(text + ".")
    if signal.get("o0"):
        facts.append(
            ngettext(
                "%(n)s signaal staat al langer dan vier weken open.",
                "%(n)s signalen staan al langer dan vier weken open.",
                signal["o0"],
            )
            % {"n": number_word(signal["o0"])}
            + (
                " " + _("Het oudste open signaal is van %(date)s.") % {"date": nl_date(timezone.localdate(oldest_open))}
                if oldest_open
                else ""
            )
        )
    if unacknowledged:
        facts.append(
            ngettext(
                "%(n)s aangekondigde afwijking is na twee weken nog niet door alle partners gezien.",
                "%(n)s aangekondigde afwijkingen zijn na twee weken nog niet door alle partners gezien.",
                len(unacknowledged),
            )
            % {"n": number_word(len(unacknowledged))}
        )
    for partner in silent:
        since = activity.get(partner.id)
        facts.append(
            _("%(name)s heeft in %(weeks)s niets gedeeld.")
            % {"name": partner.name, "weeks": weeks_since(since, now) if since else weeks_word(thresholds.SILENT_AFTER)}
        )
    return facts


# --- all areas together ---------------------------------------------------------------------------


AREA_INDICATORS: tuple[Callable[[Scope], dict[UUID, Indicator]], ...] = (
    ambition_and_urgency,
    honesty,
    ownership,
    successes,
    experiences,
)


@dataclass
class Health:
    """The five indicators of one collaboration."""

    collaboration_id: UUID
    indicators: list[Indicator]
    partners: list[PartnerRef]
    moments: list[datetime.datetime]

    @property
    def overall(self) -> str:
        return worst(i.status for i in self.indicators)

    @property
    def overall_label(self) -> str:
        return str(Status(self.overall).label)

    def indicator(self, area: str) -> Indicator:
        return next(i for i in self.indicators if i.area == area)

    def last_activity(self) -> dict[UUID, datetime.datetime]:
        found: dict[UUID, datetime.datetime] = {}
        for indicator in self.indicators:
            for pid, at in indicator.last_activity.items():
                if pid not in found or at > found[pid]:
                    found[pid] = at
        return found


def health_for(scope: Scope) -> dict[UUID, Health]:
    """Every area's indicator for every collaboration in ``scope``: a fixed number of queries."""
    per_area = [compute(scope) for compute in AREA_INDICATORS]
    return {
        cid: Health(cid, [area[cid] for area in per_area], scope.partners_of(cid), scope.moments)
        for cid in scope.collaboration_ids
    }
