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
from typing import Any
from uuid import UUID

from django.db.models import BooleanField, Count, ExpressionWrapper, F, FloatField, Max, Min, Q, QuerySet, Sum, Value
from django.db.models.functions import Cast, Coalesce
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
    current_partner,
    mean,
    text,
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


def flag(condition: Q) -> ExpressionWrapper:
    """A condition as a true/false column, so a row needs no date or time converted to decide it."""
    return ExpressionWrapper(condition, output_field=BooleanField())


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


def ambition_and_urgency(scope: Scope) -> dict[UUID, Indicator]:
    """Pledge coverage, capacity against the need, and the balance of urgency between partners."""
    ambition_model, pledge_model = area_model("interests", "Ambition"), area_model("interests", "Pledge")
    if ambition_model is None or pledge_model is None:
        return _none(scope, Area.AMBITION)
    from samen.interests import rules

    ids, moments = scope.collaboration_ids, scope.moments
    ambitions = _by(
        "c",
        ambition_model.objects.filter(collaboration_id__in=ids)
        .order_by()
        .values(c=text("collaboration_id"))
        .annotate(**{f"a{i}": Count("id", filter=Q(created_at__lte=m)) for i, m in enumerate(moments)}),
    )
    if not ambitions:
        return _none(scope, Area.AMBITION)

    def current_at(moment: datetime.datetime, prefix: str = "") -> Q:
        return Q(**{f"{prefix}pledged_at__lte": moment}) & (
            Q(**{f"{prefix}superseded_at__isnull": True}) | Q(**{f"{prefix}superseded_at__gt": moment})
        )

    something = Q(hours_per_month__gt=0) | Q(fte__gt=0) | Q(budget_euros__gt=0)
    per_partner: dict[str, Any] = {}
    for i, moment in enumerate(moments):
        per_partner[f"n{i}"] = Count("id", filter=current_at(moment) & something)
        per_partner[f"us{i}"] = Sum("urgency", filter=current_at(moment))
        per_partner[f"uc{i}"] = Count("id", filter=current_at(moment))
    partner_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _rows(
        pledge_model.objects.filter(ambition__collaboration_id__in=ids)
        .filter(current_partner("partner__", scope.today))
        .order_by()
        .values(c=text("ambition__collaboration_id"), p=text("partner_id"))
        .annotate(**per_partner)
    ):
        partner_rows[row["c"]].append(row)
    # Sums as floats: a share of the need is a ratio, and converting thousands of decimals costs more than it tells.
    hours = ExpressionWrapper(
        Coalesce(Cast("pledges__hours_per_month", FloatField()), Value(0.0))
        + Coalesce(Cast("pledges__fte", FloatField()), Value(0.0)) * float(rules.HOURS_PER_FTE_MONTH),
        output_field=FloatField(),
    )
    budget = Cast("pledges__budget_euros", FloatField())
    pledged_by_current = current_partner("pledges__partner__", scope.today)
    per_ambition: dict[str, Any] = {}
    for i, moment in enumerate(moments):
        per_ambition[f"p{i}"] = Count("id", distinct=True, filter=Q(created_at__lte=moment))
        per_ambition[f"h{i}"] = Sum(hours, filter=current_at(moment, "pledges__") & pledged_by_current)
        per_ambition[f"b{i}"] = Sum(budget, filter=current_at(moment, "pledges__") & pledged_by_current)
    needs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _rows(
        ambition_model.objects.filter(collaboration_id__in=ids)
        .filter(Q(needed_hours_per_month__gt=0) | Q(needed_budget_euros__gt=0))
        .order_by()
        .values(
            c=text("collaboration_id"),
            a=text("id"),
            need_h=Cast("needed_hours_per_month", FloatField()),
            need_b=Cast("needed_budget_euros", FloatField()),
        )
        .annotate(**per_ambition)
    ):
        needs[row["c"]].append(row)
    last = (
        dict(
            pledge_model.objects.filter(ambition__collaboration_id__in=ids)
            .order_by()
            .values("partner_id")
            .annotate(last=Max("pledged_at"))
            .values_list("partner_id", "last")
        )
        if scope.detail
        else {}
    )

    result: dict[UUID, Indicator] = {}
    spread = rules.SCALE_MAX - rules.SCALE_MIN
    for cid in ids:
        key, partners = scope.key(cid), scope.partner_count(cid)
        rows, count, need = partner_rows.get(key, []), ambitions.get(key, {}), needs.get(key, [])
        history: list[int | None] = []
        for i in range(len(moments)):
            present = count.get(f"a{i}", 0)
            if not present or not partners:
                history.append(None)
                continue
            covered = sum(min(row[f"n{i}"], present) for row in rows)
            capacity = mean(_capacity_parts([r for r in need if r[f"p{i}"]], i))
            means = [row[f"us{i}"] / row[f"uc{i}"] for row in rows if row[f"uc{i}"]]
            balance = 1 - (max(means) - min(means)) / spread if len(means) >= 2 else None
            history.append(as_score(mean([covered / (partners * present), capacity, balance])))
        present = count.get("a0", 0)
        pledging = sum(1 for row in rows if row["n0"])
        cap = Status.ATTENTION if present and pledging < partners else None
        if not scope.detail or not present:
            result[cid] = _finish(Area.AMBITION, history, facts=[], cap=cap)
            continue
        refs = scope.partners_of(cid)
        by_partner = {row["p"]: row for row in rows}
        row_of = {p.id: by_partner.get(p.id.hex, {}) for p in refs}
        result[cid] = _finish(
            Area.AMBITION,
            history,
            facts=_ambition_facts(refs, row_of, present, [r for r in need if r["p0"]]),
            partner_scores={p.id: as_score(min(row_of[p.id].get("n0", 0), present) / present) for p in refs},
            last_activity={p.id: last[p.id] for p in refs if p.id in last},
            details={"without_pledge": [p.id for p in refs if not row_of[p.id].get("n0")]},
            cap=cap,
        )
    return result


def _capacity_parts(needs: list[dict[str, Any]], i: int) -> list[float]:
    parts = []
    for row in needs:
        if row["need_h"]:
            parts.append(min(1.0, (row[f"h{i}"] or 0) / row["need_h"]))
        if row["need_b"]:
            parts.append(min(1.0, (row[f"b{i}"] or 0) / row["need_b"]))
    return parts


def _ambition_facts(
    partners: list[PartnerRef], row_of: dict[UUID, dict[str, Any]], ambitions: int, needs: list[dict[str, Any]]
) -> list[str]:
    facts = []
    full = [p for p in partners if row_of[p.id].get("n0", 0) >= ambitions]
    facts.append(
        ngettext("%(count)s ambitie", "%(count)s ambities", ambitions) % {"count": number_word(ambitions)}
        + ": "
        + ngettext(
            "%(part)s partners heeft voor elke ambitie inzet opgegeven.",
            "%(part)s partners hebben voor elke ambitie inzet opgegeven.",
            len(full),
        )
        % {"part": of_count(len(full), len(partners))}
    )
    nothing = [p for p in partners if not row_of[p.id].get("n0")]
    if nothing:
        facts.append(_("Nog geen inzet van %(names)s.") % {"names": _names(nothing)})
    for need, pledged, sentence in (
        ("need_h", "h0", _("De toegezegde uren dekken %(percent)s van wat de ambities vragen.")),
        ("need_b", "b0", _("Het toegezegde budget dekt %(percent)s van wat de ambities vragen.")),
    ):
        needed = sum(row[need] or 0 for row in needs)
        if needed:
            given = sum(row[pledged] or 0 for row in needs if row[need])
            facts.append(sentence % {"percent": percent(given / needed)})
    urgencies = {p.id: row_of[p.id]["us0"] / row_of[p.id]["uc0"] for p in partners if row_of[p.id].get("uc0")}
    if len(urgencies) >= 2:
        high = max((p for p in partners if p.id in urgencies), key=lambda p: urgencies[p.id])
        low = min((p for p in partners if p.id in urgencies), key=lambda p: urgencies[p.id])
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
    ids, moments = scope.collaboration_ids, scope.moments
    rounds: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _rows(
        round_model.objects.filter(collaboration_id__in=ids)
        .order_by("opened_at", "id")
        .values(
            r=text("id"),
            c=text("collaboration_id"),
            **{f"o{i}": flag(Q(opened_at__lte=m)) for i, m in enumerate(moments)},
        )
    ):
        rounds[row["c"]].append(row)
    if not rounds:
        return _none(scope, Area.HONESTY)
    in_scope = Q(round__collaboration_id__in=ids) & current_partner("partner__", scope.today)
    shared = _by(
        "r",
        declaration_model.objects.filter(in_scope)
        .order_by()
        .values(r=text("round_id"))
        .annotate(**{f"s{i}": Count("id", filter=Q(shared_at__lte=m)) for i, m in enumerate(moments)}),
    )
    decision_aggregates: dict[str, Any] = {"no_go": Count("id", filter=Q(decision="no_go"))}
    for i, moment in enumerate(moments):
        decision_aggregates[f"d{i}"] = Count("id", filter=Q(decided_at__lte=moment))
        decision_aggregates[f"g{i}"] = Count("id", filter=Q(decided_at__lte=moment, decision__in=("go", "voorwaarden")))
    decided = _by(
        "r",
        decision_model.objects.filter(in_scope).order_by().values(r=text("round_id")).annotate(**decision_aggregates),
    )

    result: dict[UUID, Indicator] = {}
    for cid in ids:
        partners = scope.partner_count(cid)
        own = rounds.get(scope.key(cid), [])
        history: list[int | None] = []
        for i in range(len(moments)):
            opened = [r for r in own if r[f"o{i}"]]
            if not opened or not partners:
                history.append(None)
                continue
            latest = opened[-1]["r"]
            counts = decided.get(latest, {})
            go_share = counts[f"g{i}"] / partners if counts.get(f"d{i}") else None
            history.append(as_score(mean([shared.get(latest, {}).get(f"s{i}", 0) / partners, go_share])))
        latest_now = next((r["r"] for r in reversed(own) if r["o0"]), None)
        cap = Status.WORRY if latest_now and decided.get(latest_now, {}).get("no_go") else None
        if latest_now is None or not scope.detail:
            result[cid] = _finish(Area.HONESTY, history, facts=[], cap=cap)
            continue
        result[cid] = _honesty_detail(
            round_model.objects.get(pk=UUID(latest_now)),
            scope.partners_of(cid),
            history,
            cap,
            declaration_model,
            decision_model,
            scope.today,
        )
    return result


def _honesty_detail(
    current: Any,
    partners: list[PartnerRef],
    history: list[int | None],
    cap: str | None,
    declaration_model: Any,
    decision_model: Any,
    today: datetime.date,
) -> Indicator:
    """Facts, partner scores and activity of the current round of one collaboration (a few small queries)."""
    own: dict[UUID, tuple[Any, ...]] = {}
    for partner_id, status, shared_at, updated_at, interests in (
        declaration_model.objects.filter(round=current)
        .order_by()
        .values("partner_id", "status", "shared_at", "updated_at")
        .annotate(interests=Count("interests"))
        .values_list("partner_id", "status", "shared_at", "updated_at", "interests")
    ):
        own[partner_id] = (status, shared_at, updated_at, interests)
    decisions = {
        partner_id: (decision, decided_at)
        for partner_id, decision, decided_at in decision_model.objects.filter(round=current)
        .order_by()
        .values_list("partner_id", "decision", "decided_at")
    }
    activity: dict[UUID, datetime.datetime] = {}
    for pid, (_status, shared_at, updated_at, _n) in own.items():
        activity[pid] = max(t for t in (shared_at, updated_at) if t is not None)
    for pid, (_kind, at) in decisions.items():
        activity[pid] = max(activity.get(pid, at), at)
    return _finish(
        Area.HONESTY,
        history,
        facts=_honesty_facts(current, partners, own, {pid: kind for pid, (kind, _at) in decisions.items()}, today),
        partner_scores={p.id: _declaration_score(own.get(p.id)) for p in partners},
        last_activity=activity,
        details={"round_title": current.title, "not_shared": [p.id for p in partners if not _is_shared(own.get(p.id))]},
        cap=cap,
    )


def _is_shared(declaration: tuple[Any, ...] | None) -> bool:
    return declaration is not None and declaration[1] is not None


def _declaration_score(declaration: tuple[Any, ...] | None) -> int:
    if declaration is None:
        return 0
    return thresholds.HONESTY_SHARED if declaration[1] is not None else thresholds.HONESTY_DRAFT


def _honesty_facts(
    current: Any,
    partners: list[PartnerRef],
    own: dict[UUID, tuple[Any, ...]],
    chosen: dict[UUID, str],
    today: datetime.date,
) -> list[str]:
    from samen.core.templatetags.samen import nl_date

    shared = [p for p in partners if _is_shared(own.get(p.id))]
    interests = sum(own[p.id][3] for p in shared)
    facts = [
        ngettext(
            "Eerlijkheidsronde ‘%(title)s’: %(part)s partners heeft de verklaring gedeeld (%(n)s belangen).",
            "Eerlijkheidsronde ‘%(title)s’: %(part)s partners hebben hun verklaring gedeeld (%(n)s belangen).",
            len(shared),
        )
        % {"title": current.title, "part": of_count(len(shared), len(partners)), "n": number_word(interests)}
    ]
    missing = [p for p in partners if p not in shared]
    if missing:
        if current.closed_at is None and current.deadline < today:
            facts.append(
                _("Nog niet gedeeld: %(names)s; de deadline van %(date)s is verstreken.")
                % {"names": _names(missing), "date": nl_date(current.deadline)}
            )
        else:
            facts.append(_("Nog niet gedeeld: %(names)s.") % {"names": _names(missing)})
    for kind, sentence in (
        ("no_go", _("No-go van %(names)s.")),
        ("voorwaarden", _("Go met voorwaarden van %(names)s.")),
        ("go", _("Go van %(names)s.")),
    ):
        chosen_by = [p for p in partners if chosen.get(p.id) == kind]
        if chosen_by:
            facts.append(sentence % {"names": _names(chosen_by)})
    return facts


# --- Toon eigenaarschap (goals) ---------------------------------------------------------------------


def ownership(scope: Scope) -> dict[UUID, Indicator]:
    """Goals adopted by all, commitments on time, a benefit for every partner, consent rounds that move."""
    goal_model = area_model("goals", "Goal")
    if goal_model is None:
        return _none(scope, Area.OWNERSHIP)
    from samen.goals.models import Benefit, Commitment, CommitmentStatus, ConsentRound

    ids, moments, dates = scope.collaboration_ids, scope.moments, scope.dates()
    goals = _by(
        "c",
        goal_model.objects.filter(collaboration_id__in=ids)
        .order_by()
        .values(c=text("collaboration_id"))
        .annotate(
            **{f"g{i}": Count("id", filter=Q(created_at__lte=m)) for i, m in enumerate(moments)},
            **{f"d{i}": Count("id", filter=Q(adopted_at__lte=m)) for i, m in enumerate(moments)},
            grace=Count("id", filter=Q(adopted_at__lte=scope.now - thresholds.BENEFIT_GRACE)),
        ),
    )
    if not goals:
        return _none(scope, Area.OWNERSHIP)
    round_columns: dict[str, Any] = {}
    for i, (moment, day) in enumerate(zip(moments, dates, strict=True)):
        round_columns[f"o{i}"] = flag(Q(opened_at__lte=moment) & (Q(closed_at__isnull=True) | Q(closed_at__gt=moment)))
        round_columns[f"l{i}"] = flag(Q(deadline__lt=day) | Q(opened_at__lt=moment - thresholds.CONSENT_STALLED_AFTER))
        round_columns[f"n{i}"] = Count("decisions", filter=Q(decisions__decided_at__lte=moment))
    rounds: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _rows(
        ConsentRound.objects.filter(goal__collaboration_id__in=ids)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gt=moments[-1]))
        .annotate(c=text("goal__collaboration_id"), **round_columns)
        .order_by()
        .values("c", *round_columns)
    ):
        rounds[row["c"]].append(row)
    benefits = _by(
        "c",
        Benefit.objects.filter(goal__collaboration_id__in=ids)
        .filter(current_partner("partner__", scope.today))
        .order_by()
        .values(c=text("goal__collaboration_id"))
        .annotate(
            **{
                f"b{i}": Count("partner_id", distinct=True, filter=Q(goal__adopted_at__lte=m))
                for i, m in enumerate(moments)
            }
        ),
    )
    commitment_aggregates: dict[str, Any] = {}
    active_statuses = [CommitmentStatus.OPEN, CommitmentStatus.IN_PROGRESS]
    for i, (moment, day) in enumerate(zip(moments, dates, strict=True)):
        active = Q(created_at__lte=moment) & (
            Q(status__in=active_statuses) | Q(status=CommitmentStatus.DONE, done_on__gt=day)
        )
        commitment_aggregates[f"a{i}"] = Count("id", filter=active)
        commitment_aggregates[f"o{i}"] = Count("id", filter=active & Q(due_on__lt=day))
    commitments = _by(
        "c",
        Commitment.objects.filter(goal__collaboration_id__in=ids)
        .order_by()
        .values(c=text("goal__collaboration_id"))
        .annotate(**commitment_aggregates),
    )

    indicators: dict[UUID, Indicator] = {}
    for cid in ids:
        key, partners = scope.key(cid), scope.partner_count(cid)
        goal, benefit, commitment = goals.get(key, {}), benefits.get(key, {}), commitments.get(key, {})
        history: list[int | None] = []
        for i in range(len(moments)):
            created = goal.get(f"g{i}", 0)
            if not created or not partners:
                history.append(None)
                continue
            adopted, active = goal[f"d{i}"], commitment.get(f"a{i}", 0)
            open_rounds = [r for r in rounds.get(key, []) if r[f"o{i}"]]
            stalled = [r for r in open_rounds if r[f"l{i}"] and r[f"n{i}"] < partners]
            history.append(
                as_score(
                    mean(
                        [
                            adopted / created,
                            1 - commitment[f"o{i}"] / active if active else None,
                            benefit.get(f"b{i}", 0) / partners if adopted else None,
                            1 - len(stalled) / len(open_rounds) if open_rounds else None,
                        ]
                    )
                )
            )
        if not scope.detail or not goal.get("g0"):
            indicators[cid] = _finish(Area.OWNERSHIP, history, facts=[])
            continue
        indicators[cid] = _ownership_detail(scope, cid, history, goal)
    return indicators


def _ownership_detail(scope: Scope, cid: UUID, history: list[int | None], goals: dict[str, Any]) -> Indicator:
    """Facts, partner scores, activity and the stalled rounds of one collaboration (a handful of small queries)."""
    from samen.goals.models import (
        Advice,
        Benefit,
        Commitment,
        ConsentRound,
        Decision,
        GoalEdit,
        Result,
        ResultStatus,
        result_status,
    )

    partners, now, today = scope.partners_of(cid), scope.now, scope.today
    with_benefit = set(
        Benefit.objects.filter(goal__collaboration_id=cid, goal__adopted_at__isnull=False).values_list(
            "partner_id", flat=True
        )
    )
    active = Q(status__in=["open", "bezig"])
    commitments: dict[UUID, dict[str, int]] = defaultdict(lambda: {"a": 0, "o": 0})
    for partner_id, count, late in (
        Commitment.objects.filter(goal__collaboration_id=cid)
        .order_by()
        .values("partner_id")
        .annotate(a=Count("id", filter=active), o=Count("id", filter=active & Q(due_on__lt=today)))
        .values_list("partner_id", "a", "o")
    ):
        commitments[partner_id] = {"a": count, "o": late}
    stalled = []
    for title, opened_at, deadline, decided in (
        ConsentRound.objects.filter(goal__collaboration_id=cid, status="open")
        .annotate(decided=Count("decisions"))
        .order_by("opened_at")
        .values_list("version__title", "opened_at", "deadline", "decided")
    ):
        late = deadline < today or opened_at < now - thresholds.CONSENT_STALLED_AFTER
        if late and decided < len(partners):
            stalled.append({"title": title, "opened_at": opened_at, "deadline": deadline, "decided": decided})
    results = [
        result_status(baseline=b, target=t, value=v, start=s, due=d, today=today)
        for b, t, v, s, d in Result.objects.filter(
            goal__collaboration_id=cid, goal__adopted_at__isnull=False
        ).values_list("baseline", "target", "current_value", "baseline_on", "due_on")
    ]
    adopted = goals["d0"]
    without_benefit = [p for p in partners if p.id not in with_benefit] if goals["grace"] else []
    activity = _last_activity(
        [
            _activity(GoalEdit, "partner_id", "saved_at", version__goal__collaboration_id=cid),
            _activity(Decision, "partner_id", "decided_at", round__goal__collaboration_id=cid),
            _activity(Advice, "partner_id", "given_at", round__goal__collaboration_id=cid),
            _activity(Benefit, "partner_id", "updated_at", goal__collaboration_id=cid),
            _activity(Commitment, "partner_id", "created_at", goal__collaboration_id=cid),
        ],
        {p.id for p in partners},
    )
    return _finish(
        Area.OWNERSHIP,
        history,
        facts=_ownership_facts(
            goals["g0"],
            adopted,
            [(p, commitments[p.id]["o"]) for p in partners],
            without_benefit,
            stalled,
            results,
            ResultStatus,
        ),
        partner_scores={
            p.id: as_score(
                mean(
                    [
                        (1.0 if p.id in with_benefit else 0.0) if adopted else None,
                        1 - commitments[p.id]["o"] / commitments[p.id]["a"] if commitments[p.id]["a"] else None,
                    ]
                )
            )
            for p in partners
        },
        last_activity=activity,
        details={"without_benefit": [p.id for p in without_benefit], "stalled_rounds": stalled},
    )


def _ownership_facts(
    goals: int,
    adopted: int,
    overdue_by: list[tuple[PartnerRef, int]],
    without_benefit: list[PartnerRef],
    stalled: list[dict[str, Any]],
    results: list[str],
    result_status: Any,
) -> list[str]:
    from samen.core.templatetags.samen import nl_date

    facts = [
        ngettext(
            "%(part)s doelen is door alle partners vastgesteld.",
            "%(part)s doelen zijn door alle partners vastgesteld.",
            adopted,
        )
        % {"part": of_count(adopted, goals)}
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
                "title": row["title"],
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
        quarter = Q(date__gt=day - thresholds.QUARTER, date__lte=day)
        per_moment[f"t{i}"] = Count("id", filter=recorded)
        per_moment[f"q{i}"] = Count("id", filter=recorded & quarter)
        per_moment[f"p{i}"] = Count("id", filter=recorded & quarter & Q(is_public=True))
        reached = Q(created_at__lte=moment, reached_on__lte=day - grace)
        prompt_aggregates[f"all{i}"] = Count("id", filter=reached)
        prompt_aggregates[f"open{i}"] = Count(
            "id", filter=reached & (Q(closed_at__isnull=True, success__isnull=True) | Q(closed_at__gt=moment))
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
    sources: list[tuple[Any, dict[str, Any]]] = [
        (success_model, per_moment),
        (CelebrationPrompt, prompt_aggregates),
        (Spotlight, spotlight_aggregates),
    ]
    counts, prompts, spotlights = (
        _by(
            "c",
            model.objects.filter(collaboration_id__in=ids)
            .order_by()
            .values(c=text("collaboration_id"))
            .annotate(**aggregates),
        )
        for model, aggregates in sources
    )
    involvement = (
        _by(
            "partner_id",
            success_model.partners.through.objects.filter(success__collaboration_id__in=ids)
            .order_by()
            .values("partner_id")
            .annotate(**partner_aggregates),
        )
        if scope.detail
        else {}
    )

    indicators: dict[UUID, Indicator] = {}
    for cid in ids:
        key = scope.key(cid)
        count, prompt, spotlight = counts.get(key, {}), prompts.get(key, {}), spotlights.get(key, {})
        history: list[int | None] = []
        for i in range(len(scope.moments)):
            if not (count.get(f"t{i}") or prompt.get(f"all{i}") or spotlight.get(f"s{i}")):
                history.append(None)
                continue
            celebrated = 1 - prompt[f"open{i}"] / prompt[f"all{i}"] if prompt.get(f"all{i}") else None
            in_quarter = min(1.0, count.get(f"q{i}", 0) / thresholds.SUCCESSES_PER_QUARTER_GOOD)
            history.append(as_score(mean([in_quarter, celebrated])))
        if not scope.detail:
            indicators[cid] = _finish(Area.SUCCESSES, history, facts=[])
            continue
        partners = scope.partners_of(cid)
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
        Signal,
        SignalStatus,
    )
    from samen.experiences.results import MIN_RESPONDENTS

    ids, moments, dates = scope.collaboration_ids, scope.moments, scope.dates()
    recent = Q(collaboration_id__in=ids, closes_on__gte=dates[-1] - 2 * thresholds.QUARTER)
    closed_columns = {
        f"x{i}": flag(Q(closes_on__lt=day) | Q(closed_at__lte=moment))
        for i, (moment, day) in enumerate(zip(moments, dates, strict=True))
    }
    checkins: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _rows(
        checkin_model.objects.filter(recent)
        .order_by("closes_on", "id")
        .values(k=text("id"), c=text("collaboration_id"), **closed_columns)
    ):
        checkins[row["c"]].append(row)
    from samen.experiences.models import CheckInParticipation

    respondents = dict(
        CheckInParticipation.objects.filter(checkin__in=checkin_model.objects.filter(recent))
        .order_by()
        .values(k=text("checkin_id"))
        .annotate(n=Count("id"))
        .values_list("k", "n")
    )
    relationship = sum((F(name) for name, _label in RELATIONSHIP_SCORES[1:]), F(RELATIONSHIP_SCORES[0][0]))
    answers = CheckInResponse.objects.filter(checkin__in=checkin_model.objects.filter(recent)).order_by()
    sums = {"n": Count("id"), "rel": Sum(relationship), "progress": Sum("progress")}
    totals = _by("k", answers.values(k=text("checkin_id")).annotate(**sums))
    signal_aggregates: dict[str, Any] = {"oldest_open": Min("created_at", filter=Q(status=SignalStatus.OPEN))}
    for i, moment in enumerate(moments):
        open_then = Q(created_at__lte=moment) & (Q(status=SignalStatus.OPEN) | Q(status_changed_at__gt=moment))
        signal_aggregates[f"t{i}"] = Count("id", filter=Q(created_at__lte=moment))
        signal_aggregates[f"o{i}"] = Count(
            "id", filter=open_then & Q(created_at__lte=moment - thresholds.SIGNAL_OPEN_WORRY)
        )
    signals = _by(
        "c",
        Signal.objects.filter(collaboration_id__in=ids)
        .order_by()
        .values(c=text("collaboration_id"))
        .annotate(**signal_aggregates),
    )
    deviation_columns: dict[str, Any] = {}
    for i, moment in enumerate(moments):
        deviation_columns[f"p{i}"] = flag(Q(created_at__lte=moment))
        deviation_columns[f"due{i}"] = flag(Q(created_at__lte=moment - thresholds.DEVIATION_UNACKNOWLEDGED_WORRY))
        deviation_columns[f"a{i}"] = Count("acknowledgements", filter=Q(acknowledgements__created_at__lte=moment))
    deviations: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _rows(
        Deviation.objects.filter(collaboration_id__in=ids)
        .annotate(c=text("collaboration_id"), **deviation_columns)
        .order_by()
        .values("c", *deviation_columns)
    ):
        deviations[row["c"]].append(row)

    indicators: dict[UUID, Indicator] = {}
    fields = len(RELATIONSHIP_SCORES)
    for cid in ids:
        key, partners, eligible = scope.key(cid), scope.partner_count(cid), scope.contact_count(cid)
        signal = signals.get(key, {})
        history: list[int | None] = []
        for i in range(len(moments)):
            closed = [c for c in checkins.get(key, []) if c[f"x{i}"]]
            present = [d for d in deviations.get(key, []) if d[f"p{i}"]]
            if not (closed or signal.get(f"t{i}") or present):
                history.append(None)
                continue
            parts: list[float | None] = []
            if closed:
                last = closed[-1]
                answered = respondents.get(last["k"], 0)
                parts.append(min(1.0, answered / eligible / thresholds.CHECKIN_RESPONSE_GOOD) if eligible else None)
                total = totals.get(last["k"])
                if total and total["n"] >= MIN_RESPONDENTS:
                    parts.append((total["rel"] / total["n"] / fields - 1) / 4)
            if signal.get(f"t{i}"):
                parts.append(1 - min(1.0, signal[f"o{i}"] / 3))
            due = [d for d in present if d[f"due{i}"]]
            if due:
                parts.append(sum(1 for d in due if d[f"a{i}"] >= partners - 1) / len(due))
            history.append(as_score(mean(parts)))
        if not scope.detail:
            indicators[cid] = _finish(Area.EXPERIENCES, history, facts=[])
            continue
        unacknowledged = sum(1 for d in deviations.get(key, []) if d["due0"] and d["a0"] < partners - 1)
        indicators[cid] = _experiences_detail(scope, cid, history, signal, unacknowledged, fields, MIN_RESPONDENTS)
    return indicators


def _experiences_detail(
    scope: Scope,
    cid: UUID,
    history: list[int | None],
    signal: dict[str, Any],
    unacknowledged: int,
    fields: int,
    minimum: int,
) -> Indicator:
    """The closed check-ins with per-partner response, sharing per partner, and the facts (a few small queries)."""
    from samen.experiences.models import (
        RELATIONSHIP_SCORES,
        CheckIn,
        CheckInResponse,
        Deviation,
        DeviationAcknowledgement,
        Interpretation,
        Signal,
        SignalReply,
    )

    partners, now, today = scope.partners_of(cid), scope.now, scope.today
    relationship = sum((F(name) for name, _label in RELATIONSHIP_SCORES[1:]), F(RELATIONSHIP_SCORES[0][0]))
    closed = list(
        CheckIn.objects.filter(collaboration_id=cid, closes_on__gte=scope.dates()[-1] - 2 * thresholds.QUARTER)
        .closed(today)
        .annotate(respondents=Count("participations"))
        .order_by("closes_on", "id")
        .values("id", "title", "closes_on", "respondents")
    )
    per_partner: dict[UUID, dict[UUID, int]] = defaultdict(dict)
    totals: dict[UUID, dict[str, int]] = {}
    for row in _rows(
        CheckInResponse.objects.filter(checkin_id__in=[c["id"] for c in closed])
        .order_by()
        .values("checkin_id", "partner_id")
        .annotate(n=Count("id"), rel=Sum(relationship), progress=Sum("progress"))
    ):
        per_partner[row["checkin_id"]][row["partner_id"]] = row["n"]
        total = totals.setdefault(row["checkin_id"], {"n": 0, "rel": 0, "progress": 0})
        for name in ("n", "rel", "progress"):
            total[name] += row[name]
    checkins = [
        {
            **c,
            "partners": per_partner[c["id"]],
            "relationship": _average(totals.get(c["id"]), "rel", fields, minimum),
            "content": _average(totals.get(c["id"]), "progress", 1, minimum),
        }
        for c in closed
    ]
    activity = _last_activity(
        [
            _activity(Signal, "from_partner_id", "created_at", collaboration_id=cid),
            _activity(SignalReply, "partner_id", "created_at", signal__collaboration_id=cid),
            _activity(Interpretation, "partner_id", "updated_at", partner__collaboration_id=cid),
            _activity(Deviation, "partner_id", "created_at", collaboration_id=cid),
            _activity(DeviationAcknowledgement, "partner_id", "created_at", deviation__collaboration_id=cid),
        ],
        {p.id for p in partners},
    )
    silent = _silent(partners, activity, now)
    last = checkins[-1] if checkins else None
    partner_scores = {}
    for p in partners:
        response = None
        if last is not None and p.contacts:
            response = min(1.0, last["partners"].get(p.id, 0) / p.contacts / thresholds.CHECKIN_RESPONSE_GOOD)
        recent = 0.0 if p in silent else (1.0 if p.id in activity else None)
        partner_scores[p.id] = as_score(mean([response, recent]))
    return _finish(
        Area.EXPERIENCES,
        history,
        facts=_experience_facts(
            last,
            checkins[-2] if len(checkins) > 1 else None,
            scope.contact_count(cid),
            signal,
            unacknowledged,
            silent,
            activity,
            now,
        ),
        partner_scores=partner_scores,
        last_activity=activity,
        details={
            "checkins": checkins,
            "contacts": {p.id: p.contacts for p in partners},
            "silent": [p.id for p in silent],
        },
    )


def _average(total: dict[str, Any] | None, key: str, fields: int, minimum: int) -> float | None:
    if not total or total["n"] < minimum:
        return None
    return round(total[key] / total["n"] / fields, 1)


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
    eligible: int,
    signal: dict[str, Any],
    unacknowledged: int,
    silent: list[PartnerRef],
    activity: dict[UUID, datetime.datetime],
    now: datetime.datetime,
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
        if last["relationship"] is not None:
            sentence = _("De relatiescore is %(now)s op 5") % {"now": str(last["relationship"]).replace(".", ",")}
            if previous is not None and previous["relationship"] is not None:
                sentence += _(" (vorige check-in %(before)s)") % {
                    "before": str(previous["relationship"]).replace(".", ",")
                }
            facts.append(sentence + ".")
    if signal.get("o0"):
        oldest = signal.get("oldest_open")
        facts.append(
            ngettext(
                "%(n)s signaal staat al langer dan vier weken open.",
                "%(n)s signalen staan al langer dan vier weken open.",
                signal["o0"],
            )
            % {"n": number_word(signal["o0"])}
            + (
                " " + _("Het oudste open signaal is van %(date)s.") % {"date": nl_date(timezone.localdate(oldest))}
                if oldest
                else ""
            )
        )
    if unacknowledged:
        facts.append(
            ngettext(
                "%(n)s aangekondigde afwijking is na twee weken nog niet door alle partners gezien.",
                "%(n)s aangekondigde afwijkingen zijn na twee weken nog niet door alle partners gezien.",
                unacknowledged,
            )
            % {"n": number_word(unacknowledged)}
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
