"""What the interests area tells others: pledges against ambitions, and the honesty rounds.

Plain, frozen figures per collaboration (and per partner), for many collaborations at once in a
fixed number of queries. Figures "per moment" have one value per moment asked for, in that order.
Health scores them; reports and exports list them. Nobody outside this app reads its models.
"""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import Count, ExpressionWrapper, FloatField, Max, Q, Sum, Value
from django.db.models.functions import Cast, Coalesce

from samen.collaborations.facts import current_partner
from samen.collaborations.models import Collaboration
from samen.core.db import by_hex, hex_id, rows
from samen.interests import rules
from samen.interests.models import Ambition, Declaration, DeclarationStatus, GoDecision, HonestyRound, Interest, Pledge

URGENCY_SCALE = (rules.SCALE_MIN, rules.SCALE_MAX)


@dataclass(frozen=True)
class PartnerPledges:
    """One current partner's current pledges, per moment."""

    partner_key: str  # the partner's id as hex (a portfolio of every regeling never needs the UUID itself)
    with_capacity: tuple[int, ...]  # pledges with hours, fte or money
    urgency_sum: tuple[int | None, ...]
    urgency_count: tuple[int, ...]

    @property
    def partner_id(self) -> UUID:
        return UUID(self.partner_key)


@dataclass(frozen=True)
class AmbitionNeed:
    """An ambition that asks for hours or money, and what current partners pledge to it, per moment."""

    needed_hours: float | None
    needed_budget: float | None
    existed: tuple[bool, ...]
    hours: tuple[float | None, ...]  # hours per month, fte counted as hours
    budget: tuple[float | None, ...]


@dataclass(frozen=True)
class AmbitionFacts:
    ambitions: tuple[int, ...]  # ambitions that existed, per moment
    partners: tuple[PartnerPledges, ...] = ()
    needs: tuple[AmbitionNeed, ...] = ()


def _current_at(moment: datetime.datetime, prefix: str = "") -> Q:
    return Q(**{f"{prefix}pledged_at__lte": moment}) & (
        Q(**{f"{prefix}superseded_at__isnull": True}) | Q(**{f"{prefix}superseded_at__gt": moment})
    )


def ambition_facts(
    collaboration_ids: Sequence[UUID], *, moments: Sequence[datetime.datetime], today: datetime.date
) -> dict[UUID, AmbitionFacts]:
    """Ambitions, current partners' pledges and the capacity against the need (three queries).

    Collaborations without any ambition are left out.
    """
    keys, steps = by_hex(collaboration_ids), range(len(moments))
    counts = {
        row["c"]: row
        for row in rows(
            Ambition.objects.filter(collaboration_id__in=collaboration_ids)
            .order_by()
            .values(c=hex_id("collaboration_id"))
            .annotate(**{f"a{i}": Count("id", filter=Q(created_at__lte=m)) for i, m in enumerate(moments)})
        )
    }
    if not counts:
        return {}
    something = Q(hours_per_month__gt=0) | Q(fte__gt=0) | Q(budget_euros__gt=0)
    per_partner: dict[str, Any] = {}
    for i, moment in enumerate(moments):
        per_partner[f"n{i}"] = Count("id", filter=_current_at(moment) & something)
        per_partner[f"us{i}"] = Sum("urgency", filter=_current_at(moment))
        per_partner[f"uc{i}"] = Count("id", filter=_current_at(moment))
    partners: dict[str, list[PartnerPledges]] = defaultdict(list)
    for row in rows(
        Pledge.objects.filter(ambition__collaboration_id__in=collaboration_ids)
        .filter(current_partner("partner__", today))
        .order_by()
        .values(c=hex_id("ambition__collaboration_id"), p=hex_id("partner_id"))
        .annotate(**per_partner)
    ):
        partners[row["c"]].append(
            PartnerPledges(
                row["p"],
                tuple(row[f"n{i}"] for i in steps),
                tuple(row[f"us{i}"] for i in steps),
                tuple(row[f"uc{i}"] for i in steps),
            )
        )
    # Sums as floats: a share of the need is a ratio, and converting thousands of decimals costs more than it tells.
    hours = ExpressionWrapper(
        Coalesce(Cast("pledges__hours_per_month", FloatField()), Value(0.0))
        + Coalesce(Cast("pledges__fte", FloatField()), Value(0.0)) * float(rules.HOURS_PER_FTE_MONTH),
        output_field=FloatField(),
    )
    budget = Cast("pledges__budget_euros", FloatField())
    pledged_by_current = current_partner("pledges__partner__", today)
    per_ambition: dict[str, Any] = {}
    for i, moment in enumerate(moments):
        per_ambition[f"p{i}"] = Count("id", distinct=True, filter=Q(created_at__lte=moment))
        per_ambition[f"h{i}"] = Sum(hours, filter=_current_at(moment, "pledges__") & pledged_by_current)
        per_ambition[f"b{i}"] = Sum(budget, filter=_current_at(moment, "pledges__") & pledged_by_current)
    needs: dict[str, list[AmbitionNeed]] = defaultdict(list)
    for row in rows(
        Ambition.objects.filter(collaboration_id__in=collaboration_ids)
        .filter(Q(needed_hours_per_month__gt=0) | Q(needed_budget_euros__gt=0))
        .order_by()
        .values(
            c=hex_id("collaboration_id"),
            a=hex_id("id"),
            need_h=Cast("needed_hours_per_month", FloatField()),
            need_b=Cast("needed_budget_euros", FloatField()),
        )
        .annotate(**per_ambition)
    ):
        needs[row["c"]].append(
            AmbitionNeed(
                row["need_h"],
                row["need_b"],
                tuple(bool(row[f"p{i}"]) for i in steps),
                tuple(row[f"h{i}"] for i in steps),
                tuple(row[f"b{i}"] for i in steps),
            )
        )
    return {
        keys[key]: AmbitionFacts(
            ambitions=tuple(row[f"a{i}"] for i in steps),
            partners=tuple(partners.get(key, [])),
            needs=tuple(needs.get(key, [])),
        )
        for key, row in counts.items()
    }


def last_pledged(collaboration_ids: Sequence[UUID]) -> dict[UUID, datetime.datetime]:
    """When each partner last pledged anything (by partner id, one query)."""
    return dict(
        Pledge.objects.filter(ambition__collaboration_id__in=collaboration_ids)
        .order_by()
        .values("partner_id")
        .annotate(last=Max("pledged_at"))
        .values_list("partner_id", "last")
    )


# --- honesty rounds ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HonestyRoundFacts:
    """One round, per moment: opened yet, declarations shared and decisions by current partners."""

    round_key: str  # the round's id as hex
    opened: tuple[bool, ...]
    shared: tuple[int, ...]
    decided: tuple[int, ...]
    go: tuple[int, ...]  # go or go with conditions
    no_go: int  # today

    @property
    def round_id(self) -> UUID:
        return UUID(self.round_key)


@dataclass(frozen=True)
class HonestyFacts:
    rounds: tuple[HonestyRoundFacts, ...]  # oldest first


def honesty_facts(
    collaboration_ids: Sequence[UUID], *, moments: Sequence[datetime.datetime], today: datetime.date
) -> dict[UUID, HonestyFacts]:
    """The honesty rounds of each collaboration with shared declarations and decisions (three queries).

    Collaborations without any round are left out.
    """
    keys, steps = by_hex(collaboration_ids), range(len(moments))
    rounds: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows(
        HonestyRound.objects.filter(collaboration_id__in=collaboration_ids)
        .order_by("opened_at", "id")
        .values("opened_at", r=hex_id("id"), c=hex_id("collaboration_id"))
    ):
        rounds[row["c"]].append(row)
    if not rounds:
        return {}
    in_scope = Q(round__collaboration_id__in=collaboration_ids) & current_partner("partner__", today)
    shared = {
        row["r"]: row
        for row in rows(
            Declaration.objects.filter(in_scope)
            .order_by()
            .values(r=hex_id("round_id"))
            .annotate(**{f"s{i}": Count("id", filter=Q(shared_at__lte=m)) for i, m in enumerate(moments)})
        )
    }
    aggregates: dict[str, Any] = {"no_go": Count("id", filter=Q(decision="no_go"))}
    for i, moment in enumerate(moments):
        aggregates[f"d{i}"] = Count("id", filter=Q(decided_at__lte=moment))
        aggregates[f"g{i}"] = Count("id", filter=Q(decided_at__lte=moment, decision__in=("go", "voorwaarden")))
    decided = {
        row["r"]: row
        for row in rows(
            GoDecision.objects.filter(in_scope).order_by().values(r=hex_id("round_id")).annotate(**aggregates)
        )
    }

    def one(row: dict[str, Any]) -> HonestyRoundFacts:
        made, chosen = shared.get(row["r"], {}), decided.get(row["r"], {})
        return HonestyRoundFacts(
            round_key=row["r"],
            opened=tuple(row["opened_at"] <= m for m in moments),
            shared=tuple(made.get(f"s{i}", 0) for i in steps),
            decided=tuple(chosen.get(f"d{i}", 0) for i in steps),
            go=tuple(chosen.get(f"g{i}", 0) for i in steps),
            no_go=chosen.get("no_go", 0),
        )

    return {keys[key]: HonestyFacts(tuple(one(row) for row in rows(own))) for key, own in rounds.items()}


@dataclass(frozen=True)
class DeclarationFacts:
    status: str
    shared_at: datetime.datetime | None
    updated_at: datetime.datetime | None
    interests: int

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None


@dataclass(frozen=True)
class RoundDetail:
    """One round with every partner's declaration and decision (by partner id)."""

    title: str
    deadline: datetime.date
    closed_at: datetime.datetime | None
    declarations: dict[UUID, DeclarationFacts] = field(default_factory=dict)
    decisions: dict[UUID, tuple[str, datetime.datetime]] = field(default_factory=dict)


def round_detail(round_id: UUID) -> RoundDetail:
    """The declarations and go / no-go decisions of one round (three small queries)."""
    title, deadline, closed_at = HonestyRound.objects.values_list("title", "deadline", "closed_at").get(pk=round_id)
    declarations = {
        partner_id: DeclarationFacts(status, shared_at, updated_at, interests)
        for partner_id, status, shared_at, updated_at, interests in (
            Declaration.objects.filter(round_id=round_id)
            .order_by()
            .values("partner_id", "status", "shared_at", "updated_at")
            .annotate(n_interests=Count("interests"))
            .values_list("partner_id", "status", "shared_at", "updated_at", "n_interests")
        )
    }
    decisions = {
        partner_id: (decision, decided_at)
        for partner_id, decision, decided_at in GoDecision.objects.filter(round_id=round_id)
        .order_by()
        .values_list("partner_id", "decision", "decided_at")
    }
    return RoundDetail(title, deadline, closed_at, declarations, decisions)


# --- rows for the exports ---------------------------------------------------------------------


def ambition_rows(collaboration: Collaboration) -> list[tuple[Any, ...]]:
    """Title, description, horizon, needed hours, needed budget and creation of every ambition."""
    return [
        (a.title, a.description, a.horizon_year, a.needed_hours_per_month, a.needed_budget_euros, a.created_at)
        for a in Ambition.objects.of(collaboration)
    ]


def pledge_rows(collaboration: Collaboration) -> list[tuple[Any, ...]]:
    """Every current pledge: ambition, partner, urgency, hours, fte, budget, notes and when."""
    return [
        (
            p.ambition.title,
            p.partner.organisation.name,
            p.urgency,
            p.hours_per_month,
            p.fte,
            p.budget_euros,
            p.capacity_notes,
            p.pledged_at,
        )
        for p in Pledge.objects.current_in(collaboration)
        .select_related("ambition", "partner__organisation")
        .order_by("ambition__created_at", "partner__organisation__name")
    ]


def shared_interest_rows(collaboration: Collaboration) -> list[tuple[Any, ...]]:
    """Interests from shared declarations only (drafts stay inside the partner), newest round first."""
    return [
        (
            i.declaration.round.title,
            i.declaration.partner.organisation.name,
            i.motive,
            i.weight,
            i.explanation,
            i.declaration.shared_at,
        )
        for i in Interest.objects.filter(
            declaration__round__collaboration=collaboration, declaration__status=DeclarationStatus.SHARED
        )
        .select_related("declaration__round", "declaration__partner__organisation")
        .order_by("-declaration__round__opened_at", "declaration__partner__organisation__name", "-weight", "motive")
    ]
