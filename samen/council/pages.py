"""What the raadsgrip pages show, computed next to the models so views stay short."""

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from samen import permissions
from samen.collaborations.models import Collaboration
from samen.council import deadlines, links
from samen.council.models import Document, DocumentKind, KeyFigures, OwnMoment, Stance, Zienswijze

if TYPE_CHECKING:
    from samen.accounts.models import Person

#: Which document answers which Wgr moment.
MOMENT_DOCUMENT = {
    deadlines.Key.KADERBRIEF: DocumentKind.KADERBRIEF,
    deadlines.Key.PROVISIONAL_ACCOUNTS: DocumentKind.PROVISIONAL_ACCOUNTS,
    deadlines.Key.DRAFT_BUDGET: DocumentKind.DRAFT_BUDGET,
}


@dataclass
class CalendarRow:
    moment: deadlines.Moment
    document: Document | None = None
    late: bool = False
    past: bool = False
    ref: str = ""
    """Names the moment within its year: the Wgr key, ``eigen-<pk>`` or ``begrotingswijziging-<pk>``."""
    links: list[Any] = field(default_factory=list)
    """What other apps tie to this moment (the raadsbrief), see ``samen.council.links``."""


@dataclass
class Calendar:
    year: int
    rows: list[CalendarRow]
    documents: list[Document]
    own: list[OwnMoment] = field(default_factory=list)


def calendar_of(collaboration: Collaboration, year: int, today: datetime.date | None = None) -> Calendar:
    return calendars_of([collaboration], year, today)[collaboration.pk]


def calendars_of(
    collaborations: list[Collaboration], year: int, today: datetime.date | None = None
) -> dict[Any, Calendar]:
    """The year's Wgr and own moments per collaboration, each with the document that answers it (two queries)."""
    today = today or timezone.localdate()
    ids = [c.pk for c in collaborations]
    documents: dict[Any, list[Document]] = {pk: [] for pk in ids}
    for document in Document.objects.filter(collaboration_id__in=ids, year=year).order_by("sent_on", "title"):
        documents[document.collaboration_id].append(document)
    own: dict[Any, list[OwnMoment]] = {pk: [] for pk in ids}
    for moment in OwnMoment.objects.filter(collaboration_id__in=ids, due_on__year=year):
        own[moment.collaboration_id].append(moment)
    return {pk: _calendar(year, documents[pk], own[pk], today) for pk in ids}


def _calendar(year: int, documents: list[Document], own: list[OwnMoment], today: datetime.date) -> Calendar:
    draft = next((d for d in documents if d.kind == DocumentKind.DRAFT_BUDGET), None)
    moments = deadlines.wgr_moments(
        year, draft_budget_sent_on=draft.sent_on if draft else None, own=[(m.title, m.due_on) for m in own]
    )
    rows = []
    unmatched = list(own)
    for moment in moments:
        ref = moment.key
        if moment.key == deadlines.Key.OWN:
            match = next(o for o in unmatched if (o.title, o.due_on) == (moment.title, moment.due))
            unmatched.remove(match)
            ref = f"{deadlines.Key.OWN}-{match.pk}"
        kind = MOMENT_DOCUMENT.get(moment.key)
        document = next((d for d in documents if d.kind == kind), None) if kind else None
        if moment.key == deadlines.Key.ACCOUNTS:
            document = next((d for d in documents if d.kind == DocumentKind.ANNUAL_ACCOUNTS), None)
        rows.append(
            CalendarRow(
                moment=moment,
                document=document,
                late=bool(document and deadlines.sent_late(moment.due, document.sent_on)),
                past=moment.due < today,
                ref=ref,
            )
        )
    for document in documents:
        if document.kind == DocumentKind.BUDGET_AMENDMENT and document.zienswijze_until:
            until = document.zienswijze_until
            moment = deadlines.Moment("begrotingswijziging", document.title, until, "Wgr art. 35 lid 5")
            ref = f"begrotingswijziging-{document.pk}"
            rows.append(CalendarRow(moment=moment, document=document, past=until < today, ref=ref))
    rows.sort(key=lambda row: row.moment.due)
    return Calendar(year=year, rows=rows, documents=documents, own=own)


def with_links(calendar: Calendar, person: Any, collaboration: Collaboration) -> Calendar:
    """The calendar with, on each moment, what other apps tie to it (the raadsbrief; ``links``)."""
    found = links.links_of(person, collaboration, calendar.year)
    for row in calendar.rows:
        row.links = found.get(row.ref, [])
    return calendar


@dataclass
class Overview:
    """What all councils said about one document, where they agree and where they differ."""

    zienswijzen: list[Zienswijze]
    stances: dict[str, int]
    themes: list[tuple[str, list[str]]]
    missing: list[Any]

    @property
    def agree(self) -> bool:
        adopted = [z for z in self.zienswijzen if z.is_adopted]
        return len(adopted) >= 2 and len({z.stance for z in adopted}) == 1


def overview_of(document: Document, person: "Person") -> Overview:
    collaboration = document.collaboration
    drafts = permissions.zienswijze_draft_partner_ids(person, collaboration)
    shown = list(document.zienswijzen.visible_to(drafts).for_overview())
    adopted = [z for z in shown if z.is_adopted]
    themes: dict[str, list[str]] = {}
    for zienswijze in adopted:
        for theme in zienswijze.themes:
            themes.setdefault(theme, []).append(str(zienswijze.partner))
    said = {z.partner_id for z in adopted}
    return Overview(
        zienswijzen=shown,
        stances={stance: sum(1 for z in adopted if z.stance == stance) for stance in Stance.values},
        themes=sorted(themes.items(), key=lambda item: (-len(item[1]), item[0])),
        missing=[p for p in collaboration.current_partners() if p.pk not in said],
    )


def figures_history(collaboration: Collaboration) -> list[KeyFigures]:
    return list(
        KeyFigures.objects.filter(collaboration=collaboration).prefetch_related("contributions__partner__organisation")
    )


@dataclass
class Bar:
    label: str
    x: float
    y: float
    height: float
    value: Any


@dataclass
class Chart:
    bars: list[Bar]
    width: int = 640
    height: int = 220
    baseline_y: int = 190
    aria_label: str = ""


def equity_chart(history: list[KeyFigures], label: str) -> Chart | None:
    """Equity at the end of each year (the jaarrekening where there is one), as bars; the table is its twin."""
    per_year: dict[int, KeyFigures] = {}
    for figures in history:
        if figures.equity_end is not None and (figures.year not in per_year or figures.basis == "jaarrekening"):
            per_year[figures.year] = figures
    if not per_year:
        return None
    high = max(abs(float(f.equity_end or 0)) for f in per_year.values()) or 1.0
    years = sorted(per_year)
    step = 600 / max(len(years), 1)
    bars = []
    for index, year in enumerate(years):
        value = float(per_year[year].equity_end or 0)
        height = round(170 * abs(value) / high, 1)
        bars.append(Bar(str(year), round(30 + index * step + step * 0.15, 1), round(190 - height, 1), height, value))
    return Chart(bars=bars, aria_label=label)
