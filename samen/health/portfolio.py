"""The portfolio: a heatmap of collaborations × areas for whoever oversees many collaborations.

Three audiences, one table:

- a facilitator or advisor: every collaboration they hold a role in (``portfolio``);
- a municipality (or any organisation): every collaboration it currently takes part in, from the
  national register, started in Samen or not (``organisaties/<id>/portfolio``);
- readers (councillors): the same rows, but for collaborations they only read, the health as
  published in the latest approved council digest.

Per row the person's own rights decide: the live health where they work in the collaboration,
the published health where they only read (or only belong to a partner), "niet gestart" for a
register entry that has no workspace. The whole table costs a fixed number of queries.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote
from uuid import UUID

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from samen import permissions
from samen.collaborations.models import Collaboration
from samen.core import formatting
from samen.health.areas import (
    SHORT_LABELS,
    STATUS_ORDER,
    TREND_ARROWS,
    Area,
    Indicator,
    Status,
    Trend,
    worst,
)
from samen.health.models import PublishedHealth
from samen.health.published import health_from_data
from samen.health.store import stored_cells

if TYPE_CHECKING:
    from samen.accounts.models import Person


class Level:
    LIVE = "actueel"
    PUBLISHED = "gepubliceerd"
    NOT_PUBLISHED = "niet_gepubliceerd"
    NOT_STARTED = "niet_gestart"


LEVEL_LABELS = {
    Level.LIVE: _("actueel"),
    Level.PUBLISHED: _("zoals gepubliceerd"),
    Level.NOT_PUBLISHED: _("nog niets gepubliceerd"),
    Level.NOT_STARTED: _("niet gestart in Samen"),
}

SORT_KEYS = ("naam", "totaal", *Area.values)
FILTER_STATUSES = (Status.WORRY, Status.ATTENTION, Status.GOOD, Status.NONE)


@dataclass
class Row:
    collaboration: Collaboration
    level: str
    cells: list[Indicator] = field(default_factory=list)
    published_at: datetime.datetime | None = None

    @property
    def overall(self) -> str:
        return worst(cell.status for cell in self.cells)

    @property
    def overall_label(self) -> str:
        return str(Status(self.overall).label)

    @property
    def level_label(self) -> str:
        return str(LEVEL_LABELS[self.level])

    def cell(self, area: str) -> Indicator:
        return next(c for c in self.cells if c.area == area)


def _empty_cells() -> list[Indicator]:
    return [Indicator(area=area) for area in Area.values]


def live_cells(collaboration_ids: list[UUID], now: datetime.datetime) -> dict[UUID, list[Indicator]]:
    """Today's five cells per collaboration, read from their stored rows (see ``store``).

    A portfolio of 451 regelingen in which one changed computes one row; the others are read.
    """
    return stored_cells(collaboration_ids, now)


def build_rows(
    person: "Person", collaborations: Iterable[Collaboration], *, now: datetime.datetime | None = None
) -> list[Row]:
    """A row per collaboration, at the level the person may see (live, published or nothing)."""
    collaborations = list(collaborations)
    live_ids = [c.pk for c in collaborations if permissions.sees_live_health(person, c)]
    live = live_cells(live_ids, now or timezone.now()) if live_ids else {}
    published = PublishedHealth.objects.latest_for([c.pk for c in collaborations if c.pk not in live])
    rows = []
    for collaboration in collaborations:
        if collaboration.pk in live:
            rows.append(Row(collaboration, Level.LIVE, live[collaboration.pk]))
        elif not collaboration.workspace_active:
            rows.append(Row(collaboration, Level.NOT_STARTED, _empty_cells()))
        elif collaboration.pk in published:
            snapshot = published[collaboration.pk]
            health = health_from_data(collaboration.pk, snapshot.data)
            rows.append(Row(collaboration, Level.PUBLISHED, health.indicators or _empty_cells(), snapshot.published_at))
        else:
            rows.append(Row(collaboration, Level.NOT_PUBLISHED, _empty_cells()))
    return rows


@dataclass
class Choice:
    """The sort and filter the person chose (from the query string; anything unknown falls back)."""

    sort: str = "totaal"
    descending: bool = False
    status: str = ""
    area: str = ""
    text: str = ""

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> "Choice":
        sort = query.get("sorteer", "totaal")
        status = query.get("status", "")
        area = query.get("gebied", "")
        return cls(
            sort=sort if sort in SORT_KEYS else "totaal",
            descending=query.get("richting") == "af",
            status=status if status in FILTER_STATUSES else "",
            area=area if area in Area.values else "",
            text=query.get("q", "").strip()[:100],
        )

    def query_for_sort(self, key: str) -> str:
        """The query string of a column header: sorts by that column, flips direction on a second click."""
        descending = not self.descending if key == self.sort else False
        parts = [f"sorteer={key}"]
        if descending:
            parts.append("richting=af")
        for name, value in (("status", self.status), ("gebied", self.area), ("q", self.text)):
            if value:
                parts.append(f"{name}={quote(value)}")
        return "&".join(parts)


def columns(choice: Choice) -> list[dict[str, str]]:
    """The heatmap's column headers: label, the link that sorts by it, and aria-sort for the sorted one."""
    labels: dict[str, Any] = {"naam": _("Samenwerking"), "totaal": _("Totaal")}
    labels.update({str(area): label for area, label in SHORT_LABELS.items()})
    found = []
    for key in SORT_KEYS:
        sorted_as = ""
        if key == choice.sort:
            sorted_as = "descending" if choice.descending else "ascending"
        found.append({"key": key, "label": str(labels[key]), "link": choice.query_for_sort(key), "sorted": sorted_as})
    return found


def _status_key(indicator: Indicator | str) -> tuple[int, int]:
    """Most worrying first: by status, then by score (lowest first); no data last."""
    if isinstance(indicator, str):
        return STATUS_ORDER.get(indicator, 3), 0
    return STATUS_ORDER.get(indicator.status, 3), indicator.score if indicator.score is not None else 101


def apply(rows: list[Row], choice: Choice) -> list[Row]:
    """Filter and sort the rows as the person chose."""
    if choice.text:
        needle = choice.text.lower()
        rows = [
            r for r in rows if needle in r.collaboration.name.lower() or needle in r.collaboration.short_name.lower()
        ]
    if choice.status:
        if choice.area:
            rows = [r for r in rows if r.cell(choice.area).status == choice.status]
        else:
            rows = [r for r in rows if r.overall == choice.status or any(c.status == choice.status for c in r.cells)]
    if choice.sort == "naam":
        rows = sorted(rows, key=lambda r: r.collaboration.name.lower(), reverse=choice.descending)
    elif choice.sort == "totaal":
        rows = sorted(rows, key=lambda r: (_status_key(r.overall), r.collaboration.name.lower()))
        if choice.descending:
            rows.reverse()
    else:
        rows = sorted(rows, key=lambda r: (_status_key(r.cell(choice.sort)), r.collaboration.name.lower()))
        if choice.descending:
            rows.reverse()
    return rows


def heatmap_rows(rows: list[Row]) -> SafeString:
    """The table body of the heatmap, built here: hundreds of rows × seven cells render in milliseconds.

    Every status is shown as a word (and a symbol from the stylesheet), the trend as an arrow with its
    words for screen readers; names are escaped.
    """

    status = {value: (f"samen-status--{value}", str(label)) for value, label in Status.choices}
    trend = {value: (TREND_ARROWS[Trend(value)], str(label)) for value, label in Trend.choices}
    levels = {key: str(label) for key, label in LEVEL_LABELS.items()}
    no_data = escape(str(Status.NONE.label))
    empty = f'<span class="samen-muted">–<span class="visually-hidden"> {no_data}</span></span>'
    out: list[str] = []
    for row in rows:
        collaboration = row.collaboration
        view = "collaborations:detail" if row.level == Level.NOT_STARTED else "health:health"
        cells = []
        overall = row.overall
        if overall == Status.NONE:
            cells.append('<td class="utrecht-table__cell"><span class="samen-muted">–</span></td>')
        else:
            css, label = status[overall]
            cells.append(f'<td class="utrecht-table__cell"><span class="samen-status {css}">{label}</span></td>')
        for cell in row.cells:
            if cell.status == Status.NONE:
                cells.append(f'<td class="utrecht-table__cell">{empty}</td>')
                continue
            css, label = status[cell.status]
            arrow, words = trend[cell.trend]
            cells.append(
                f'<td class="utrecht-table__cell"><span class="samen-status {css}">{label}</span> '
                f'<span aria-hidden="true">{arrow}</span><span class="visually-hidden">{words}</span></td>'
            )
        source = levels[row.level] + (f" ({formatting.date(row.published_at)})" if row.published_at else "")
        out.append(
            '<tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="row">'
            f'<a class="utrecht-link utrecht-link--html-a" href="{reverse(view, args=[collaboration.pk])}">'
            f"{escape(collaboration.name)}</a></th>{''.join(cells)}"
            f'<td class="utrecht-table__cell">{escape(source)}</td></tr>'
        )
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped or one of our own labels


def collaborations_of_person(person: "Person") -> list[Collaboration]:
    """Every collaboration with a workspace in which the person holds any role (the personal portfolio)."""
    ids: set[UUID] = permissions.visible_collaboration_ids(person)
    return list(
        Collaboration.objects.filter(pk__in=ids, workspace_active=True)
        .with_partner_count()
        .select_related("body")
        .order_by("name")
    )
