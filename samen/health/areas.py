"""The building blocks of the health view: the five areas, an indicator, and the scope it is computed on.

A ``Scope`` is a set of collaborations with their current partners and the moments to compute
for (now, one quarter ago, and for the trend chart more quarters back). Every indicator reads
its area for the whole scope at once, so a portfolio of 451 collaborations costs the same
number of queries as one collaboration.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.collaborations.models import Partner, Role, RoleKind
from samen.core.db import hex_id
from samen.health import thresholds


class Area(models.TextChoices):
    AMBITION = "ambitie", _("Ambitie & urgentie")
    HONESTY = "eerlijk", _("Ben eerlijk")
    OWNERSHIP = "eigenaarschap", _("Toon eigenaarschap")
    SUCCESSES = "successen", _("Erken en vier successen")
    EXPERIENCES = "ervaringen", _("Deel ervaringen")


SHORT_LABELS = {
    Area.AMBITION: _("Ambitie"),
    Area.HONESTY: _("Eerlijk"),
    Area.OWNERSHIP: _("Eigenaarschap"),
    Area.SUCCESSES: _("Successen"),
    Area.EXPERIENCES: _("Ervaringen"),
}


class Status(models.TextChoices):
    GOOD = "goed", _("goed")
    ATTENTION = "aandacht", _("aandacht")
    WORRY = "zorg", _("zorg")
    NONE = "geen", _("nog geen gegevens")


STATUS_ORDER: dict[str, int] = {Status.WORRY: 0, Status.ATTENTION: 1, Status.GOOD: 2, Status.NONE: 3}


class Trend(models.TextChoices):
    BETTER = "beter", _("beter dan een kwartaal geleden")
    SAME = "gelijk", _("gelijk aan een kwartaal geleden")
    WORSE = "slechter", _("slechter dan een kwartaal geleden")
    UNKNOWN = "onbekend", _("nog geen trend")


TREND_ARROWS = {Trend.BETTER: "↑", Trend.SAME: "→", Trend.WORSE: "↓", Trend.UNKNOWN: "–"}


def worst(statuses: Iterable[str]) -> str:
    """The most worrying status among those with data; "geen" when none has data."""
    return min(statuses, key=lambda s: STATUS_ORDER.get(s, 3), default=Status.NONE)


@dataclass(frozen=True)
class PartnerRef:
    id: UUID
    name: str
    organisation_id: UUID | None
    contacts: int  # people with an ambtelijk or bestuurlijk role for this partner

    @property
    def has_contacts(self) -> bool:
        return self.contacts > 0


@dataclass
class Indicator:
    """One area's health in one collaboration: status, score, trend and the facts behind them."""

    area: str
    score: int | None = None
    status: str = Status.NONE
    trend: str = Trend.UNKNOWN
    facts: list[str] = field(default_factory=list)
    partner_scores: dict[UUID, int | None] = field(default_factory=dict)
    history: list[int | None] = field(default_factory=list)  # one score per scope moment, now first
    last_activity: dict[UUID, datetime.datetime] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return str(Area(self.area).label)

    @property
    def short_label(self) -> str:
        return str(SHORT_LABELS[Area(self.area)])

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def trend_label(self) -> str:
        return str(Trend(self.trend).label)

    @property
    def trend_arrow(self) -> str:
        return TREND_ARROWS[Trend(self.trend)]

    @property
    def definition(self) -> str:
        from samen.health.indicators import definition

        return definition(self.area)

    @property
    def has_data(self) -> bool:
        return self.status != Status.NONE

    @property
    def css(self) -> str:
        return "" if self.status == Status.NONE else f"samen-status--{self.status}"


@dataclass
class Scope:
    """Collaborations, their current partners and the moments to compute for.

    ``detail`` (the health view of one collaboration) also loads every partner by name, for the facts,
    the radar and the cracks; without it (the portfolio) only the number of partners and contacts per
    collaboration is loaded. Aggregate queries group by a collaboration's id as text (``key``), which
    spares converting thousands of ids on a portfolio of every regeling.
    """

    collaboration_ids: list[UUID]
    partners: dict[UUID, list[PartnerRef]]
    moments: list[datetime.datetime]
    detail: bool = True
    counts: dict[UUID, tuple[int, int]] = field(default_factory=dict)  # current partners and their contacts

    @property
    def now(self) -> datetime.datetime:
        return self.moments[0]

    @property
    def today(self) -> datetime.date:
        return timezone.localdate(self.now)

    def dates(self) -> list[datetime.date]:
        return [timezone.localdate(m) for m in self.moments]

    def partners_of(self, collaboration_id: UUID) -> list[PartnerRef]:
        return self.partners.get(collaboration_id, [])

    def partner_count(self, collaboration_id: UUID) -> int:
        if self.detail:
            return len(self.partners_of(collaboration_id))
        return self.counts.get(collaboration_id, (0, 0))[0]

    def contact_count(self, collaboration_id: UUID) -> int:
        """The people who act for a current partner (each once), as a check-in counts who may answer."""
        return self.counts.get(collaboration_id, (0, 0))[1]

    def partner_ids(self) -> set[UUID]:
        return {p.id for refs in self.partners.values() for p in refs}

    @staticmethod
    def key(collaboration_id: UUID) -> str:
        """The text form of an id in ``hex_id()`` columns (the same on SQLite and PostgreSQL)."""
        return collaboration_id.hex


def moments_for(now: datetime.datetime, points: int) -> list[datetime.datetime]:
    """Now, one quarter ago, two quarters ago, ... (``points`` in all)."""
    return [now - thresholds.TREND_WINDOW * k for k in range(points)]


def _contacts() -> Any:
    return Coalesce(
        Subquery(
            Role.objects.filter(partner=OuterRef("pk"), kind__in=[RoleKind.OFFICIAL, RoleKind.EXECUTIVE])
            .order_by()
            .values("partner")
            .annotate(n=Count("person", distinct=True))
            .values("n")
        ),
        0,
    )


def build_scope(
    collaboration_ids: Sequence[UUID], *, now: datetime.datetime | None = None, points: int = 2, detail: bool = True
) -> Scope:
    """The collaborations' current partners (one query) and the moments to compute for."""
    now = now or timezone.now()
    current = Partner.objects.current(timezone.localdate(now)).filter(collaboration_id__in=collaboration_ids)
    moments = moments_for(now, max(points, 2))
    by_key = {Scope.key(cid): cid for cid in collaboration_ids}
    people = dict(
        Role.objects.filter(collaboration_id__in=collaboration_ids, kind__in=[RoleKind.OFFICIAL, RoleKind.EXECUTIVE])
        .filter(Q(partner__left_on__isnull=True) | Q(partner__left_on__gt=timezone.localdate(now)))
        .order_by()
        .values(c=hex_id("collaboration_id"))
        .annotate(n=Count("person", distinct=True))
        .values_list("c", "n")
    )
    if not detail:
        sizes = dict(
            current.order_by().values(c=hex_id("collaboration_id")).annotate(n=Count("id")).values_list("c", "n")
        )
        counts = {cid: (sizes.get(key, 0), people.get(key, 0)) for key, cid in by_key.items()}
        return Scope(list(collaboration_ids), {}, moments, detail=False, counts=counts)
    partners: dict[UUID, list[PartnerRef]] = {cid: [] for cid in collaboration_ids}
    for pk, cid, name, organisation_id, count in (
        current.annotate(contacts=_contacts())
        .order_by("organisation__name", "id")
        .values_list("id", "collaboration_id", "organisation__name", "organisation_id", "contacts")
    ):
        partners[cid].append(PartnerRef(pk, name, organisation_id, count))
    counts = {cid: (len(partners[cid]), people.get(key, 0)) for key, cid in by_key.items()}
    return Scope(list(collaboration_ids), partners, moments, detail=True, counts=counts)


def mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def as_score(share: float | None) -> int | None:
    return None if share is None else round(max(0.0, min(1.0, share)) * 100)
