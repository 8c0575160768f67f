"""What the experiences area tells others: check-in response and scores, signals, deviations, sharing.

Plain, frozen figures per collaboration (and per partner), for many collaborations at once in a
fixed number of queries. Figures "per moment" have one value per moment asked for, in that order.
Check-in answers leave this module only as totals; per partner only the number of answers (never a
score), and averages only from ``MIN_RESPONDENTS`` answers. Nobody outside this app reads its models.
"""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Min, Q, Sum
from django.urls import reverse
from django.utils import timezone

from samen.collaborations.models import Collaboration
from samen.core.db import activity, by_hex, hex_id, latest_per_partner, rows
from samen.experiences import results
from samen.experiences.models import (
    CONTENT_SCORES,
    RELATIONSHIP_SCORES,
    Addressee,
    CheckIn,
    CheckInParticipation,
    CheckInResponse,
    Deviation,
    DeviationAcknowledgement,
    Interpretation,
    Signal,
    SignalKind,
    SignalReply,
    SignalStatus,
)

RELATIONSHIP_QUESTIONS = len(RELATIONSHIP_SCORES)
COST_KINDS = (SignalKind.COSTS_HIGHER, SignalKind.PAYING_TOO_MUCH)
MIN_RESPONDENTS = results.MIN_RESPONDENTS  # the anonymity rule: averages only from this many answers


def _flag(condition: Q) -> ExpressionWrapper[Q]:
    return ExpressionWrapper(condition, output_field=BooleanField())


def _relationship() -> Any:
    return sum((F(name) for name, _label in RELATIONSHIP_SCORES[1:]), F(RELATIONSHIP_SCORES[0][0]))


@dataclass(frozen=True)
class Totals:
    """The answers to one check-in: how many, and the sums of the relationship and content scores."""

    answers: int
    relationship: int
    progress: int


@dataclass(frozen=True)
class CheckInFacts:
    closed: tuple[bool, ...]  # per moment
    respondents: int  # people who answered
    totals: Totals | None


@dataclass(frozen=True)
class DeviationFacts:
    announced: tuple[bool, ...]  # per moment: announced by then
    due: tuple[bool, ...]  # per moment: announced long enough ago to expect acknowledgements
    acknowledged: tuple[int, ...]  # per moment: partners that took note by then


@dataclass(frozen=True)
class ExperienceFacts:
    checkins: tuple[CheckInFacts, ...] = ()  # recent check-ins, by closing day
    signals: tuple[int, ...] = ()  # per moment: signals raised by then
    signals_open_long: tuple[int, ...] = ()  # per moment: open for longer than asked
    oldest_open_signal: datetime.datetime | None = None
    deviations: tuple[DeviationFacts, ...] = ()


def experience_facts(
    collaboration_ids: Sequence[UUID],
    *,
    moments: Sequence[datetime.datetime],
    checkins_since: datetime.date,
    signal_open_longer_than: datetime.timedelta,
    acknowledge_within: datetime.timedelta,
) -> dict[UUID, ExperienceFacts]:
    """Check-ins closing since ``checkins_since``, signals and deviations per collaboration (six queries)."""
    keys, steps = by_hex(collaboration_ids), range(len(moments))
    dates = [timezone.localdate(m) for m in moments]
    recent = Q(collaboration_id__in=collaboration_ids, closes_on__gte=checkins_since)
    closed_columns = {
        f"x{i}": _flag(Q(closes_on__lt=day) | Q(closed_at__lte=moment))
        for i, (moment, day) in enumerate(zip(moments, dates, strict=True))
    }
    respondents = dict(
        CheckInParticipation.objects.filter(checkin__in=CheckIn.objects.filter(recent))
        .order_by()
        .values(k=hex_id("checkin_id"))
        .annotate(n=Count("id"))
        .values_list("k", "n")
    )
    sums = {"n": Count("id"), "rel": Sum(_relationship()), "progress": Sum("progress")}
    totals = {
        row["k"]: Totals(row["n"], row["rel"], row["progress"])
        for row in rows(
            CheckInResponse.objects.filter(checkin__in=CheckIn.objects.filter(recent))
            .order_by()
            .values(k=hex_id("checkin_id"))
            .annotate(**sums)
        )
    }
    checkins: dict[str, list[CheckInFacts]] = defaultdict(list)
    for row in rows(
        CheckIn.objects.filter(recent)
        .order_by("closes_on", "id")
        .values(k=hex_id("id"), c=hex_id("collaboration_id"), **closed_columns)
    ):
        checkins[row["c"]].append(
            CheckInFacts(tuple(bool(row[f"x{i}"]) for i in steps), respondents.get(row["k"], 0), totals.get(row["k"]))
        )
    aggregates: dict[str, Any] = {"oldest_open": Min("created_at", filter=Q(status=SignalStatus.OPEN))}
    for i, moment in enumerate(moments):
        open_then = Q(created_at__lte=moment) & (Q(status=SignalStatus.OPEN) | Q(status_changed_at__gt=moment))
        aggregates[f"t{i}"] = Count("id", filter=Q(created_at__lte=moment))
        aggregates[f"o{i}"] = Count("id", filter=open_then & Q(created_at__lte=moment - signal_open_longer_than))
    signals = {
        row["c"]: row
        for row in rows(
            Signal.objects.filter(collaboration_id__in=collaboration_ids)
            .order_by()
            .values(c=hex_id("collaboration_id"))
            .annotate(**aggregates)
        )
    }
    columns: dict[str, Any] = {}
    for i, moment in enumerate(moments):
        columns[f"p{i}"] = _flag(Q(created_at__lte=moment))
        columns[f"due{i}"] = _flag(Q(created_at__lte=moment - acknowledge_within))
        columns[f"a{i}"] = Count("acknowledgements", filter=Q(acknowledgements__created_at__lte=moment))
    deviations: dict[str, list[DeviationFacts]] = defaultdict(list)
    for row in rows(
        Deviation.objects.filter(collaboration_id__in=collaboration_ids)
        .annotate(c=hex_id("collaboration_id"), **columns)
        .order_by()
        .values("c", *columns)
    ):
        deviations[row["c"]].append(
            DeviationFacts(
                tuple(bool(row[f"p{i}"]) for i in steps),
                tuple(bool(row[f"due{i}"]) for i in steps),
                tuple(row[f"a{i}"] for i in steps),
            )
        )
    found = {}
    for key, cid in keys.items():
        signal = signals.get(key, {})
        found[cid] = ExperienceFacts(
            checkins=tuple(checkins.get(key, [])),
            signals=tuple(signal.get(f"t{i}", 0) for i in steps),
            signals_open_long=tuple(signal.get(f"o{i}", 0) for i in steps),
            oldest_open_signal=signal.get("oldest_open"),
            deviations=tuple(deviations.get(key, [])),
        )
    return found


@dataclass(frozen=True)
class ClosedCheckIn:
    """A closed check-in: respondents, answers per partner (a count, never a score), and the totals."""

    id: UUID
    title: str
    closes_on: datetime.date
    respondents: int
    answers_per_partner: dict[UUID, int]
    totals: Totals | None


@dataclass(frozen=True)
class ExperienceDetail:
    checkins: tuple[ClosedCheckIn, ...]  # oldest first
    last_activity: dict[UUID, datetime.datetime]  # per partner: the latest signal, reply, reading or deviation


def experience_detail(collaboration_id: UUID, *, since: datetime.date, today: datetime.date) -> ExperienceDetail:
    """The check-ins closed by ``today`` and closing since ``since``, and who shared what when (three queries)."""
    cid = collaboration_id
    closed = list(
        CheckIn.objects.filter(collaboration_id=cid, closes_on__gte=since)
        .closed(today)
        .annotate(respondents=Count("participations"))
        .order_by("closes_on", "id")
        .values_list("id", "title", "closes_on", "respondents")
    )
    per_partner: dict[UUID, dict[UUID, int]] = defaultdict(dict)
    sums: dict[UUID, list[int]] = {}
    for checkin_id, partner_id, n, rel, progress in (
        CheckInResponse.objects.filter(checkin_id__in=[row[0] for row in closed])
        .order_by()
        .values("checkin_id", "partner_id")
        .annotate(n=Count("id"), rel=Sum(_relationship()), progress=Sum("progress"))
        .values_list("checkin_id", "partner_id", "n", "rel", "progress")
    ):
        per_partner[checkin_id][partner_id] = n
        total = sums.setdefault(checkin_id, [0, 0, 0])
        total[0], total[1], total[2] = total[0] + n, total[1] + rel, total[2] + progress
    checkins = tuple(
        ClosedCheckIn(pk, title, closes_on, respondents, per_partner[pk], Totals(*sums[pk]) if pk in sums else None)
        for pk, title, closes_on, respondents in closed
    )
    last = latest_per_partner(
        [
            activity(Signal.objects.filter(collaboration_id=cid), "from_partner_id", "created_at"),
            activity(SignalReply.objects.filter(signal__collaboration_id=cid), "partner_id", "created_at"),
            activity(Interpretation.objects.filter(partner__collaboration_id=cid), "partner_id", "updated_at"),
            activity(Deviation.objects.filter(collaboration_id=cid), "partner_id", "created_at"),
            activity(
                DeviationAcknowledgement.objects.filter(deviation__collaboration_id=cid), "partner_id", "created_at"
            ),
        ]
    )
    return ExperienceDetail(checkins, last)


@dataclass(frozen=True)
class SignalFacts:
    id: UUID
    subject: str
    created_at: datetime.datetime
    from_partner_id: UUID | None
    addressee_partner_id: UUID | None = None


def unanswered_cost_signals(collaboration_id: UUID, *, raised_before: datetime.datetime) -> list[SignalFacts]:
    """Open cost signals raised before the moment that nobody but the sender has answered, oldest first."""
    return [
        SignalFacts(*row)
        for row in Signal.objects.filter(
            collaboration_id=collaboration_id, kind__in=COST_KINDS, created_at__lte=raised_before
        )
        .awaiting_reply()
        .order_by("created_at")
        .values_list("id", "subject", "created_at", "from_partner_id")
    ]


def deviations_raised_by_others(collaboration_id: UUID) -> list[SignalFacts]:
    """Signals in which a partner says another partner (the addressee) deviates from an agreement."""
    return [
        SignalFacts(*row)
        for row in Signal.objects.filter(collaboration_id=collaboration_id)
        .raised_deviations()
        .order_by("created_at")
        .values_list("id", "subject", "created_at", "from_partner_id", "addressee_partner_id")
    ]


@dataclass(frozen=True)
class AnnouncedDeviation:
    partner_id: UUID
    announced_at: datetime.datetime
    starts_on: datetime.date
    ends_on: datetime.date | None


def announced_deviations(collaboration_id: UUID) -> list[AnnouncedDeviation]:
    return [
        AnnouncedDeviation(*row)
        for row in Deviation.objects.filter(collaboration_id=collaboration_id).values_list(
            "partner_id", "created_at", "starts_on", "ends_on"
        )
    ]


# --- what the council digest and the exports list ----------------------------------------------


@dataclass(frozen=True)
class CostSignal:
    kind: str
    subject: str
    amount: Decimal | None
    status: str
    raised_at: datetime.datetime
    by: str | None  # the sending partner's organisation


def shared_cost_signals(
    collaboration: Collaboration, first: datetime.datetime, last: datetime.datetime, *, limit: int
) -> list[CostSignal]:
    """Cost signals raised in ``[first, last)`` and shared with everyone (or the facilitator)."""
    return [
        CostSignal(*row)
        for row in Signal.objects.filter(
            collaboration=collaboration, created_at__gte=first, created_at__lt=last, kind__in=COST_KINDS
        )
        .filter(Q(addressee=Addressee.EVERYONE) | Q(addressee=Addressee.FACILITATOR))
        .order_by("created_at")
        .values_list("kind", "subject", "amount", "status", "created_at", "from_partner__organisation__name")[:limit]
    ]


@dataclass(frozen=True)
class DeviationInForce:
    partner: str
    article_number: str
    article: str
    reason: str
    starts_on: datetime.date
    ends_on: datetime.date | None


def deviations_between(
    collaboration: Collaboration,
    first: datetime.datetime,
    last: datetime.datetime,
    start: datetime.date,
    end: datetime.date,
    *,
    limit: int,
) -> list[DeviationInForce]:
    """Deviations announced in ``[first, last)``, or in force between ``start`` and ``end``."""
    return [
        DeviationInForce(*row)
        for row in Deviation.objects.filter(collaboration=collaboration)
        .filter(
            Q(created_at__gte=first, created_at__lt=last)
            | (Q(starts_on__lte=end) & (Q(ends_on__isnull=True) | Q(ends_on__gte=start)))
        )
        .order_by("starts_on", "created_at")
        .values_list(
            "partner__organisation__name", "article__number", "article__title", "reason", "starts_on", "ends_on"
        )[:limit]
    ]


def signal_rows(collaboration: Collaboration, *, partners: Any, facilitator: bool) -> list[tuple[Any, ...]]:
    """The signals of the partners acted for (all for the facilitator): kind, subject, from, to, ..."""
    visible = Signal.objects.filter(collaboration=collaboration).visible_to(partners, facilitator=facilitator)
    return [
        (
            s.get_kind_display(),
            s.subject,
            s.sender_label,
            s.addressee_label,
            s.amount,
            s.get_status_display(),
            s.created_at,
            s.reply_count,  # type: ignore[attr-defined]  # annotated by SignalQuerySet.overview()
        )
        for s in visible.overview()
    ]


SCORE_QUESTIONS = tuple(CONTENT_SCORES + RELATIONSHIP_SCORES)


def checkin_rows(collaboration: Collaboration, *, everyone: str) -> list[tuple[Any, ...]]:
    """Per closed check-in: respondents and average per question, for all partners (labelled ``everyone``)
    and per partner where the anonymity rule allows; never an answer."""
    found: list[tuple[Any, ...]] = []
    for checkin in CheckIn.objects.filter(collaboration=collaboration).closed().order_by("opens_on"):
        result = results.results_for(checkin)
        closed_on = checkin.closed_at or checkin.closes_on
        overall = result.overall
        found.append(
            (
                checkin.title,
                closed_on,
                everyone,
                result.respondents,
                *(overall.scores.get(name) if overall else None for name, _label in SCORE_QUESTIONS),
            )
        )
        for partner_result in result.partners:
            if partner_result.averages is None:
                continue
            found.append(
                (
                    checkin.title,
                    closed_on,
                    partner_result.partner.organisation.name,
                    partner_result.respondents,
                    *(partner_result.averages.scores.get(name) for name, _label in SCORE_QUESTIONS),
                )
            )
    return found


# --- early cost signals beside the key figures of the regeling (samen.council) ----------------


@dataclass(frozen=True)
class YearCostSignal:
    """An early cost signal, as the key figures of its year show it."""

    collaboration_id: UUID
    id: UUID
    year: int
    kind: str
    subject: str
    amount: Decimal | None
    status: str
    raised_at: datetime.datetime
    by: str | None  # the sending partner's organisation

    @property
    def url(self) -> str:
        return reverse("experiences:signal", args=[self.collaboration_id, self.id])

    @property
    def kind_label(self) -> str:
        return str(SignalKind(self.kind).label)

    @property
    def status_label(self) -> str:
        return str(SignalStatus(self.status).label)


def cost_signals_by_year(
    collaboration_id: UUID, years: Sequence[int], *, partner_ids: set[Any], facilitator: bool
) -> dict[int, list[YearCostSignal]]:
    """Per year of ``years``: the cost signals raised that year (about costs, or with an amount) that the
    person sees (``partner_ids`` they act for; a facilitator sees all), oldest first. One query."""
    found: dict[int, list[YearCostSignal]] = {year: [] for year in years}
    if not years:
        return found
    signals = (
        Signal.objects.filter(collaboration_id=collaboration_id, created_at__year__in=list(years))
        .filter(Q(kind__in=COST_KINDS) | Q(amount__isnull=False))
        .visible_to(partner_ids, facilitator=facilitator)
        .order_by("created_at")
        .values_list("id", "kind", "subject", "amount", "status", "created_at", "from_partner__organisation__name")
    )
    for pk, kind, subject, amount, status, raised_at, by in signals:
        year = timezone.localtime(raised_at).year
        if year in found:
            found[year].append(YearCostSignal(collaboration_id, pk, year, kind, subject, amount, status, raised_at, by))
    return found
