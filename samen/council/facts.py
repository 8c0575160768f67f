"""Typed facts of the raadsgrip for health, reports and other apps (plain dataclasses).

What the councils said (only adopted zienswijzen count: a draft belongs to its council until it is
adopted), the moments of the P&C calendar a raadsbrief belongs to, and the key figures of a year.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import permissions
from samen.core import formatting
from samen.council.models import Basis, Document, KeyFigures, Stance, Zienswijze
from samen.council.pages import calendar_of
from samen.experiences.beside import Beside


@dataclass(frozen=True)
class DocumentFacts:
    document_id: Any
    title: str
    kind: str
    year: int
    zienswijze_until: datetime.date | None
    period_open: bool
    partners: int
    adopted: int
    stances: dict[str, int]
    negative_partners: list[str]
    reactions_missing: int
    shared_themes: list[str]
    """Themes that at least two councils raised."""

    @property
    def agree(self) -> bool:
        """Every council that spoke said the same (at least two spoke)."""
        return self.adopted >= 2 and len([n for n in self.stances.values() if n]) == 1

    @property
    def missing(self) -> int:
        return max(self.partners - self.adopted, 0)


@dataclass(frozen=True)
class CouncilFacts:
    documents: list[DocumentFacts] = field(default_factory=list)

    @property
    def zienswijzen(self) -> int:
        return sum(d.adopted for d in self.documents)

    @property
    def negative(self) -> int:
        return sum(d.stances.get(Stance.NEGATIVE, 0) for d in self.documents)

    @property
    def reactions_missing(self) -> int:
        return sum(d.reactions_missing for d in self.documents)

    @property
    def open_periods(self) -> int:
        return sum(1 for d in self.documents if d.period_open)


def council_facts(collaboration: Any, *, today: datetime.date | None = None, limit: int = 12) -> CouncilFacts:
    """The latest documents that asked for zienswijzen, with what the councils said (two queries)."""
    today = today or timezone.localdate()
    documents = list(
        Document.objects.filter(collaboration=collaboration, asks_zienswijze=True).order_by("-sent_on")[:limit]
    )
    partners = collaboration.current_partners().count()
    by_document: dict[Any, list[Zienswijze]] = defaultdict(list)
    for zienswijze in Zienswijze.objects.filter(document__in=documents, adopted_at__isnull=False).select_related(
        "partner__organisation"
    ):
        by_document[zienswijze.document_id].append(zienswijze)
    result = []
    for document in documents:
        adopted = by_document[document.pk]
        stances = Counter(z.stance for z in adopted)
        themes = Counter(theme for z in adopted for theme in set(z.themes))
        result.append(
            DocumentFacts(
                document_id=document.pk,
                title=document.title,
                kind=document.kind,
                year=document.year,
                zienswijze_until=document.zienswijze_until,
                period_open=document.zienswijze_open(today),
                partners=partners,
                adopted=len(adopted),
                stances={stance: stances.get(stance, 0) for stance in Stance.values},
                negative_partners=sorted(str(z.partner) for z in adopted if z.stance == Stance.NEGATIVE),
                reactions_missing=sum(1 for z in adopted if not z.response),
                shared_themes=sorted(theme for theme, n in themes.items() if n >= 2),
            )
        )
    return CouncilFacts(documents=result)


# --- the moments of the calendar, for the raadsbrief -------------------------------------------


@dataclass(frozen=True)
class PCMoment:
    """One moment of a regeling's P&C calendar as other apps see it (a raadsbrief belongs to one)."""

    collaboration_id: Any
    year: int
    ref: str
    """Names the moment within its year: a Wgr key, ``eigen-<pk>`` or ``begrotingswijziging-<pk>``."""
    title: str
    due: datetime.date

    @property
    def value(self) -> str:
        """The moment as one string (``2026:kaderbrief``), for a form's choice."""
        return f"{self.year}:{self.ref}"

    @property
    def url(self) -> str:
        """The moment in the calendar of its year."""
        return f"{reverse('council:cycle', args=[self.collaboration_id])}?jaar={self.year}#moment-{self.ref}"

    @property
    def label(self) -> str:
        return f"{self.title} ({formatting.short_date(self.due)})"


def pc_moments(collaboration: Any, years: Iterable[int]) -> list[PCMoment]:
    """The calendar moments of ``years`` of the regeling, by date (two queries a year)."""
    found = []
    for year in sorted(set(years)):
        for row in calendar_of(collaboration, year).rows:
            found.append(PCMoment(collaboration.pk, year, row.ref, str(row.moment.title), row.moment.due))
    return sorted(found, key=lambda moment: (moment.due, moment.year))


def pc_moment(collaboration: Any, value: str) -> PCMoment | None:
    """The moment named by ``value`` (``year:ref``, as ``PCMoment.value``), or None when there is none."""
    year, _sep, ref = (value or "").partition(":")
    if not year.isdigit() or not ref or not 2000 <= int(year) <= 2100:
        return None
    return next((m for m in pc_moments(collaboration, [int(year)]) if m.ref == ref), None)


def next_pc_moment(collaboration: Any, on: datetime.date) -> PCMoment | None:
    """The first moment of the regeling on or after ``on``: the default moment of a new raadsbrief."""
    return next((m for m in pc_moments(collaboration, [on.year, on.year + 1]) if m.due >= on), None)


# --- the key figures of a year, beside an early cost signal ------------------------------------


@dataclass(frozen=True)
class YearFigures:
    """The key figures of one year of a regeling from one source (begroting or jaarrekening)."""

    year: int
    basis: str
    basis_label: str
    equity_end: Decimal | None
    debt_end: Decimal | None
    result: Decimal | None
    reserves: Decimal | None
    contributions: Decimal | None
    """The partners' contributions together (None when none is known)."""


def figures_of_year(collaboration: Any, year: int) -> list[YearFigures]:
    """The year's figures, the begroting first (two queries)."""
    found = []
    for figures in KeyFigures.objects.filter(collaboration=collaboration, year=year).prefetch_related("contributions"):
        amounts = [c.amount for c in figures.contributions.all() if c.amount is not None]
        found.append(
            YearFigures(
                year=figures.year,
                basis=figures.basis,
                basis_label=str(figures.get_basis_display()),
                equity_end=figures.equity_end,
                debt_end=figures.debt_end,
                result=figures.result,
                reserves=figures.reserves,
                contributions=sum(amounts, Decimal(0)) if amounts else None,
            )
        )
    return sorted(found, key=lambda f: f.basis != Basis.BUDGET)


def _amount(value: Any) -> str:
    return formatting.euro(value, cents=True) or str(_("ontbreekt"))


def figures_beside_signal(person: Any, collaboration: Any, year: int) -> Beside | None:
    """The panel beside a cost signal of ``year`` (registered in ``CouncilConfig.ready``)."""
    if not permissions.can_view_cycle(person, collaboration):  # only who sees the signal asks; to be sure
        return None
    rows = []
    for f in figures_of_year(collaboration, year):
        rows += [
            (_("Bijdragen van de deelnemers (%(basis)s)") % {"basis": f.basis_label}, _amount(f.contributions)),
            (_("Resultaat (%(basis)s)") % {"basis": f.basis_label}, _amount(f.result)),
            (_("Eigen vermogen 31 december (%(basis)s)") % {"basis": f.basis_label}, _amount(f.equity_end)),
        ]
    return Beside(
        heading=_("Kengetallen van de regeling in %(year)s") % {"year": year},
        rows=rows,
        url=f"{reverse('council:figures', args=[collaboration.pk])}#jaar-{year}",
        link_text=_("Alle kengetallen en kostensignalen"),
        empty=_("Voor %(year)s zijn nog geen kengetallen ingevoerd.") % {"year": year},
    )
