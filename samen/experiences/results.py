"""Check-in results: aggregates only, under one anonymity rule.

The anonymity rule
==================
People answer a check-in honestly only if no answer can be traced back to them. Therefore:

1. **Never one by one.** No page, export or API shows an individual answer: only averages and
   counts. ``CheckInResponse`` stores no person and no time; ``CheckInParticipation`` records only
   *that* someone answered (to allow one answer each) and is never joined to the answers.
2. **A partner's figures only from three.** A partner's averages, and how many of them answered,
   are shown only when at least ``MIN_RESPONDENTS`` (3) people of that partner answered. The
   collaboration's averages are shown only when at least 3 people answered in all.
3. **No subtraction.** If the partners whose figures are hidden together have 1 or 2 respondents,
   their answers could be derived by subtracting the shown partners from the total. Then the
   smallest shown partner is hidden as well, so that what is hidden together is 0 or at least 3.
   ``disclosure`` decides this once; pages, exports, the API and the raadsbrief follow it.
4. **Comments without names.** Comments are shown only when at least 3 people answered in all,
   never with a partner or person, in alphabetical order: not the order of answering, and not an
   order that would line up one person's comments on the different questions.
5. **Only once closed.** Results appear only after the check-in closes. While it is open the
   page shows how many people answered, never a figure, so nobody can compare the figures before
   and after one answer.
6. **Trends** use the collaboration's averages of closed check-ins with at least 3 respondents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property, lru_cache
from typing import Any

from django.core.cache import cache
from django.db.models import Avg, Count, Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samen.collaborations.models import Collaboration, Partner
from samen.collaborations.people import contacts
from samen.core import formatting
from samen.experiences.models import (
    COMMENT_FIELDS,
    CONTENT_SCORES,
    RELATIONSHIP_SCORES,
    SCORE_FIELDS,
    Article,
    CheckIn,
    CheckInParticipation,
    CheckInResponse,
    Signal,
    SignalStatus,
)

MIN_RESPONDENTS = 3
MAX_COMMENTS_SHOWN = 100
# Thresholds for the discussion agenda (on the 1–5 scale).
LOW_SCORE = 3.0
SPREAD = 1.0
DROP = 0.5
MAX_AGENDA_ITEMS = 6
CLOSED_CACHE_SECONDS = 10 * 60


def _rounded(value: Any) -> float | None:
    if value is None:
        return None
    return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass
class Averages:
    """Averages of one group of respondents (a partner, or everyone)."""

    respondents: int
    scores: dict[str, float | None]

    @property
    def content(self) -> float | None:
        return self.scores.get("progress")

    @property
    def relationship(self) -> float | None:
        values = [self.scores[name] for name, _label in RELATIONSHIP_SCORES if self.scores.get(name) is not None]
        if not values:
            return None
        return _rounded(sum(v for v in values if v is not None) / len(values))

    @cached_property
    def display(self) -> dict[str, str]:
        """Every average as text with one decimal, in the current language ("3,4")."""
        shown = {name: _format(value) for name, value in self.scores.items()}
        shown["relationship"] = _format(self.relationship)
        return shown

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Averages:
        return cls(row["n"], {name: _rounded(row[f"avg_{name}"]) for name in SCORE_FIELDS})


@dataclass
class PartnerResult:
    partner: Partner
    respondents: int | None  # None, like the averages: hidden under the anonymity rule
    averages: Averages | None

    @property
    def shown(self) -> bool:
        return self.averages is not None


@dataclass
class CheckInResults:
    checkin: CheckIn
    respondents: int
    eligible: int
    visible: bool
    overall: Averages | None = None
    partners: list[PartnerResult] = field(default_factory=list)
    comments: list[tuple[str, list[str], int]] = field(default_factory=list)
    agenda: list[str] = field(default_factory=list)

    @property
    def too_few(self) -> bool:
        return self.visible and self.overall is None


def _score_aggregates() -> dict[str, Any]:
    return {f"avg_{name}": Avg(name) for name in SCORE_FIELDS}


def _comment_counts() -> dict[str, Any]:
    return {f"comments_{name}": Count("id", filter=~Q(**{name: ""})) for name, _label in COMMENT_FIELDS}


@dataclass(frozen=True)
class Disclosure:
    """What of a check-in's figures may be shown: the one decision pages, exports and the API follow."""

    partners: frozenset[Any]  # the partners whose count and averages are shown
    total: bool  # whether the collaboration's averages are shown


def disclosure(counts: Mapping[Any, int]) -> Disclosure:
    """Rules 2 and 3 of the anonymity rule, for respondents per partner.

    A partner is shown from ``MIN_RESPONDENTS``; a hidden partner shows neither figures nor its count.
    What is hidden together (derivable as the total minus the shown partners) is 0 or at least
    ``MIN_RESPONDENTS`` respondents: otherwise the smallest shown partner is hidden as well
    (complementary suppression). The total is shown from ``MIN_RESPONDENTS`` in all.
    """
    shown = {key for key, n in counts.items() if n >= MIN_RESPONDENTS}
    while shown and 0 < sum(n for key, n in counts.items() if key not in shown) < MIN_RESPONDENTS:
        shown.discard(min(shown, key=lambda key: (counts[key], str(key))))
    return Disclosure(frozenset(shown), sum(counts.values()) >= MIN_RESPONDENTS)


def _combined(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The collaboration's averages from the per-partner rows (weighted by respondents)."""
    total = sum(row["n"] for row in rows)
    combined: dict[str, Any] = {"n": total}
    for name in SCORE_FIELDS:
        values = [(row[f"avg_{name}"], row["n"]) for row in rows if row[f"avg_{name}"] is not None]
        weight = sum(n for _value, n in values)
        combined[f"avg_{name}"] = sum(value * n for value, n in values) / weight if weight else None
    return combined


def _eligible(collaboration: Collaboration) -> int:
    """How many people could answer: contacts of a partner that has not left."""
    return contacts(collaboration).count()


def _closed_figures(checkin: CheckIn) -> tuple[int, list[dict[str, Any]], list[tuple[str, list[str], int]]]:
    """The eligible count, the per-partner aggregates and the comments of a closed check-in.

    A closed check-in takes no more answers, so these are computed once and cached for a while
    (keyed on its version and closing date, so closing it early or moving it starts afresh).
    """
    key = f"experiences:checkin-results:{checkin.pk}:{checkin.version}:{checkin.closes_on.isoformat()}"
    cached = cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    rows: list[dict[str, Any]] = list(
        CheckInResponse.objects.filter(checkin=checkin)
        .order_by()
        .values("partner_id")
        .annotate(n=Count("id"), **_score_aggregates(), **_comment_counts())  # type: ignore[arg-type]
    )
    comments: list[tuple[str, list[str], int]] = []
    if sum(row["n"] for row in rows) >= MIN_RESPONDENTS:
        comment_counts = {name: sum(row[f"comments_{name}"] for row in rows) for name, _label in COMMENT_FIELDS}
        comments = _comments(checkin, comment_counts)
    figures = (_eligible(checkin.collaboration), rows, comments)
    cache.set(key, figures, CLOSED_CACHE_SECONDS)
    return figures


def results_for(checkin: CheckIn) -> CheckInResults:
    """What may be shown of ``checkin``: a handful of queries, whatever the number of answers."""
    collaboration = checkin.collaboration
    if not checkin.is_closed:
        respondents = CheckInParticipation.objects.filter(checkin=checkin).count()
        return CheckInResults(checkin, respondents, _eligible(collaboration), visible=False)
    eligible, rows, comments = _closed_figures(checkin)
    counts = {row["partner_id"]: row["n"] for row in rows}
    total = sum(counts.values())
    results = CheckInResults(checkin, total, eligible, visible=True)
    partners = list(collaboration.current_partners())
    decided = disclosure({**{partner.pk: 0 for partner in partners}, **counts})  # former partners count too
    if decided.total:
        results.overall = Averages.from_row(_combined(rows))
        labels = dict(COMMENT_FIELDS)
        results.comments = [(str(labels[name]), texts, count) for name, texts, count in comments]
    by_partner = {row["partner_id"]: row for row in rows}
    for partner in partners:
        if partner.pk in decided.partners:
            results.partners.append(
                PartnerResult(partner, counts[partner.pk], Averages.from_row(by_partner[partner.pk]))
            )
        else:
            results.partners.append(PartnerResult(partner, None, None))
    results.agenda = agenda_for(checkin, results)
    return results


def _comments(checkin: CheckIn, counts: dict[str, int]) -> list[tuple[str, list[str], int]]:
    """Per question: comments in alphabetical order (rule 4), at most ``MAX_COMMENTS_SHOWN``."""
    grouped = []
    for name, _label in COMMENT_FIELDS:
        texts: list[str] = []
        if counts[name]:
            texts = list(
                CheckInResponse.objects.filter(checkin=checkin)
                .exclude(**{name: ""})
                .order_by(name)
                .values_list(name, flat=True)[:MAX_COMMENTS_SHOWN]
            )
        grouped.append((name, texts, counts[name]))
    return grouped


def _previous_overall(checkin: CheckIn) -> Averages | None:
    previous = (
        CheckIn.objects.closed()
        .filter(collaboration_id=checkin.collaboration_id, opens_on__lt=checkin.opens_on)
        .order_by("-opens_on")
        .first()
    )
    if previous is None:
        return None
    row = CheckInResponse.objects.filter(checkin=previous).aggregate(n=Count("id"), **_score_aggregates())
    return Averages.from_row(row) if row["n"] >= MIN_RESPONDENTS else None


def agenda_for(checkin: CheckIn, results: CheckInResults) -> list[str]:
    """A short discussion agenda from the results: what is low, what partners feel differently,
    what dropped since the previous check-in, and what is waiting elsewhere in Deel ervaringen."""
    items: list[str] = []
    labels = dict(CONTENT_SCORES + RELATIONSHIP_SCORES)
    overall = results.overall
    if overall is not None:
        for name in SCORE_FIELDS:
            value = overall.scores.get(name)
            if value is not None and value < LOW_SCORE:
                items.append(
                    _("Bespreek ‘%(label)s’: gemiddeld %(value)s op een schaal van 1 tot 5.")
                    % {"label": labels[name], "value": _format(value)}
                )
        shown = [p.averages for p in results.partners if p.averages is not None]
        if len(shown) >= 2:
            for name in SCORE_FIELDS:
                values = [value for a in shown if (value := a.scores.get(name)) is not None]
                if values and max(values) - min(values) >= SPREAD:
                    items.append(
                        _("Partners ervaren ‘%(label)s’ verschillend (van %(low)s tot %(high)s).")
                        % {"label": labels[name], "low": _format(min(values)), "high": _format(max(values))}
                    )
        previous = _previous_overall(checkin)
        if previous is not None:
            for track, now, before in (
                (_("de inhoud"), overall.content, previous.content),
                (_("de relatie"), overall.relationship, previous.relationship),
            ):
                if now is not None and before is not None and before - now >= DROP:
                    items.append(
                        _("Het spoor %(track)s is gedaald sinds de vorige check-in (van %(before)s naar %(now)s).")
                        % {"track": track, "before": _format(before), "now": _format(now)}
                    )
        sticking = next((count for label, _texts, count in results.comments if label == str(COMMENT_FIELDS[1][1])), 0)
        if sticking:
            items.append(_("Loop samen door wat schuurt (%(count)s opmerkingen).") % {"count": sticking})
    collaboration = checkin.collaboration
    flagged = Article.objects.of_collaboration(collaboration).flagged().count()
    if flagged:
        items.append(_("Artikelen met een verschil in lezing: %(count)s.") % {"count": flagged})
    waiting = Signal.objects.filter(collaboration=collaboration).exclude(status=SignalStatus.CLOSED).count()
    if waiting:
        items.append(_("Signalen die nog niet zijn afgerond: %(count)s.") % {"count": waiting})
    return items[:MAX_AGENDA_ITEMS]


def _format(value: float | None) -> str:
    return "–" if value is None else _one_decimal(value, get_language())


@lru_cache(maxsize=512)
def _one_decimal(value: float, language: str | None) -> str:
    """Averages are rounded to one decimal on the 1–5 scale: a few dozen texts per language, written once."""
    return formatting.number(value, 1)


@dataclass
class TrendPoint:
    checkin: CheckIn
    respondents: int
    content: float | None
    relationship: float | None
    scores: dict[str, float | None]


def trends_for(collaboration: Collaboration, limit: int = 12) -> list[TrendPoint]:
    """The collaboration's averages per track over its last closed check-ins (rule 6)."""
    checkins = list(CheckIn.objects.closed().filter(collaboration=collaboration).order_by("-opens_on")[:limit])
    rows: dict[Any, dict[str, Any]] = {
        row["checkin_id"]: row  # type: ignore[misc]
        for row in CheckInResponse.objects.filter(checkin__in=checkins)
        .order_by()
        .values("checkin_id")
        .annotate(n=Count("id"), **_score_aggregates())
    }
    points = []
    for checkin in reversed(checkins):
        row = rows.get(checkin.pk)
        if row is None or row["n"] < MIN_RESPONDENTS:
            continue
        averages = Averages.from_row(row)
        points.append(
            TrendPoint(checkin, averages.respondents, averages.content, averages.relationship, averages.scores)
        )
    return points
