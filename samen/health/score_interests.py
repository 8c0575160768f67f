"""Ambitie & urgentie and Ben eerlijk: scored from the facts the interests area offers."""

import datetime
from uuid import UUID

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samen.core import formatting
from samen.health import thresholds
from samen.health.areas import Area, Indicator, PartnerRef, Scope, Status, as_score, mean
from samen.health.scoring import finish, names, no_data
from samen.health.words import number_word, of_count
from samen.interests import facts
from samen.interests.facts import AmbitionNeed, PartnerPledges, RoundDetail

NOTHING = PartnerPledges("", (0,), (None,), (0,))


def ambition_and_urgency(scope: Scope) -> dict[UUID, Indicator]:
    """Pledge coverage, capacity against the need, and the balance of urgency between partners."""
    ids, moments = scope.collaboration_ids, scope.moments
    found = facts.ambition_facts(ids, moments=moments, today=scope.today)
    if not found:
        return no_data(scope, Area.AMBITION)
    last = facts.last_pledged(ids) if scope.detail else {}
    low, high = facts.URGENCY_SCALE
    spread = high - low
    result: dict[UUID, Indicator] = {}
    for cid in ids:
        partners = scope.partner_count(cid)
        ambition = found.get(cid)
        rows = ambition.partners if ambition else ()
        need = ambition.needs if ambition else ()
        history: list[int | None] = []
        for i in range(len(moments)):
            present = ambition.ambitions[i] if ambition else 0
            if not present or not partners:
                history.append(None)
                continue
            covered = sum(min(row.with_capacity[i], present) for row in rows)
            capacity = mean(_capacity_parts([r for r in need if r.existed[i]], i))
            means = [row.urgency_sum[i] / row.urgency_count[i] for row in rows if row.urgency_count[i]]  # type: ignore[operator]
            balance = 1 - (max(means) - min(means)) / spread if len(means) >= 2 else None
            history.append(as_score(mean([covered / (partners * present), capacity, balance])))
        present = ambition.ambitions[0] if ambition else 0
        pledging = sum(1 for row in rows if row.with_capacity[0])
        cap = Status.ATTENTION if present and pledging < partners else None
        if not scope.detail or not present:
            result[cid] = finish(Area.AMBITION, history, facts=[], cap=cap)
            continue
        refs = scope.partners_of(cid)
        by_partner = {row.partner_id: row for row in rows}
        row_of = {p.id: by_partner.get(p.id, NOTHING) for p in refs}
        result[cid] = finish(
            Area.AMBITION,
            history,
            facts=_ambition_facts(refs, row_of, present, [r for r in need if r.existed[0]]),
            partner_scores={p.id: as_score(min(row_of[p.id].with_capacity[0], present) / present) for p in refs},
            last_activity={p.id: last[p.id] for p in refs if p.id in last},
            details={"without_pledge": [p.id for p in refs if not row_of[p.id].with_capacity[0]]},
            cap=cap,
        )
    return result


def _capacity_parts(needs: list[AmbitionNeed], i: int) -> list[float]:
    parts = []
    for row in needs:
        if row.needed_hours:
            parts.append(min(1.0, (row.hours[i] or 0) / row.needed_hours))
        if row.needed_budget:
            parts.append(min(1.0, (row.budget[i] or 0) / row.needed_budget))
    return parts


def _ambition_facts(
    partners: list[PartnerRef], row_of: dict[UUID, PartnerPledges], ambitions: int, needs: list[AmbitionNeed]
) -> list[str]:
    found = []
    full = [p for p in partners if row_of[p.id].with_capacity[0] >= ambitions]
    found.append(
        ngettext("%(count)s ambitie", "%(count)s ambities", ambitions) % {"count": number_word(ambitions)}
        + ": "
        + ngettext(
            "%(part)s partners heeft voor elke ambitie inzet opgegeven.",
            "%(part)s partners hebben voor elke ambitie inzet opgegeven.",
            len(full),
        )
        % {"part": of_count(len(full), len(partners))}
    )
    nothing = [p for p in partners if not row_of[p.id].with_capacity[0]]
    if nothing:
        found.append(_("Nog geen inzet van %(names)s.") % {"names": names(nothing)})
    needed_hours = sum(row.needed_hours or 0 for row in needs)
    if needed_hours:
        given = sum(row.hours[0] or 0 for row in needs if row.needed_hours)
        found.append(
            _("De toegezegde uren dekken %(percent)s van wat de ambities vragen.")
            % {"percent": formatting.percent(given / needed_hours)}
        )
    needed_budget = sum(row.needed_budget or 0 for row in needs)
    if needed_budget:
        given = sum(row.budget[0] or 0 for row in needs if row.needed_budget)
        found.append(
            _("Het toegezegde budget dekt %(percent)s van wat de ambities vragen.")
            % {"percent": formatting.percent(given / needed_budget)}
        )
    urgencies = {
        p.id: row_of[p.id].urgency_sum[0] / row_of[p.id].urgency_count[0]  # type: ignore[operator]
        for p in partners
        if row_of[p.id].urgency_count[0]
    }
    if len(urgencies) >= 2:
        high = max((p for p in partners if p.id in urgencies), key=lambda p: urgencies[p.id])
        low = min((p for p in partners if p.id in urgencies), key=lambda p: urgencies[p.id])
        if urgencies[high.id] - urgencies[low.id] >= thresholds.URGENCY_SPREAD_WORRY:
            found.append(
                _("De urgentie loopt sterk uiteen: %(high)s gemiddeld %(h)s, %(low)s gemiddeld %(l)s (op 1–5).")
                % {
                    "high": high.name,
                    "h": formatting.number(urgencies[high.id], 1),
                    "low": low.name,
                    "l": formatting.number(urgencies[low.id], 1),
                }
            )
    return found


# --- Ben eerlijk ------------------------------------------------------------------------------


def honesty(scope: Scope) -> dict[UUID, Indicator]:
    """Declarations shared in the latest honesty round, and the go / no-go decisions."""
    ids, moments = scope.collaboration_ids, scope.moments
    found = facts.honesty_facts(ids, moments=moments, today=scope.today)
    if not found:
        return no_data(scope, Area.HONESTY)
    result: dict[UUID, Indicator] = {}
    for cid in ids:
        partners = scope.partner_count(cid)
        own = found[cid].rounds if cid in found else ()
        history: list[int | None] = []
        for i in range(len(moments)):
            opened = [r for r in own if r.opened[i]]
            if not opened or not partners:
                history.append(None)
                continue
            latest = opened[-1]
            go_share = latest.go[i] / partners if latest.decided[i] else None
            history.append(as_score(mean([latest.shared[i] / partners, go_share])))
        latest_now = next((r for r in reversed(own) if r.opened[0]), None)
        cap = Status.WORRY if latest_now and latest_now.no_go else None
        if latest_now is None or not scope.detail:
            result[cid] = finish(Area.HONESTY, history, facts=[], cap=cap)
            continue
        result[cid] = _honesty_detail(
            facts.round_detail(latest_now.round_id), scope.partners_of(cid), history, cap, scope.today
        )
    return result


def _honesty_detail(
    current: RoundDetail, partners: list[PartnerRef], history: list[int | None], cap: str | None, today: datetime.date
) -> Indicator:
    """Facts, partner scores and activity of the current round of one collaboration."""
    activity: dict[UUID, datetime.datetime] = {}
    for pid, declaration in current.declarations.items():
        activity[pid] = max(t for t in (declaration.shared_at, declaration.updated_at) if t is not None)
    for pid, (_kind, at) in current.decisions.items():
        activity[pid] = max(activity.get(pid, at), at)
    return finish(
        Area.HONESTY,
        history,
        facts=_honesty_facts(current, partners, today),
        partner_scores={p.id: _declaration_score(current, p.id) for p in partners},
        last_activity=activity,
        details={
            "round_title": current.title,
            "not_shared": [p.id for p in partners if not _is_shared(current, p.id)],
        },
        cap=cap,
    )


def _is_shared(current: RoundDetail, partner_id: UUID) -> bool:
    declaration = current.declarations.get(partner_id)
    return declaration is not None and declaration.is_shared


def _declaration_score(current: RoundDetail, partner_id: UUID) -> int:
    declaration = current.declarations.get(partner_id)
    if declaration is None:
        return 0
    return thresholds.HONESTY_SHARED if declaration.is_shared else thresholds.HONESTY_DRAFT


def _honesty_facts(current: RoundDetail, partners: list[PartnerRef], today: datetime.date) -> list[str]:
    shared = [p for p in partners if _is_shared(current, p.id)]
    interests = sum(current.declarations[p.id].interests for p in shared)
    found = [
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
            found.append(
                _("Nog niet gedeeld: %(names)s; de deadline van %(date)s is verstreken.")
                % {"names": names(missing), "date": formatting.date(current.deadline)}
            )
        else:
            found.append(_("Nog niet gedeeld: %(names)s.") % {"names": names(missing)})
    chosen = {pid: kind for pid, (kind, _at) in current.decisions.items()}
    for kind, text in (
        ("no_go", _("No-go van %(names)s.")),
        ("voorwaarden", _("Go met voorwaarden van %(names)s.")),
        ("go", _("Go van %(names)s.")),
    ):
        chosen_by = [p for p in partners if chosen.get(p.id) == kind]
        if chosen_by:
            found.append(text % {"names": names(chosen_by)})
    return found
