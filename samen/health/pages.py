"""What the health page shows: indicators, cracks, the radar per partner and the trend, each chart with its table."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from samen.core import formatting
from samen.health import thresholds
from samen.health.areas import Area, PartnerRef, build_scope
from samen.health.charts import Series, radar_svg, trend_svg
from samen.health.cracks import RULE_TEXTS, Crack, cracks_for
from samen.health.indicators import DEFINITIONS, Health, health_for
from samen.health.store import stored_health, stored_quarters

if TYPE_CHECKING:
    from samen.accounts.models import Person

# Up to this many partners every radar is on the page (folded); above it, one radar on demand.
RADARS_ON_PAGE = 12


@dataclass
class PartnerRadar:
    partner: PartnerRef
    scores: list[int | None]
    svg: SafeString


@dataclass
class PartnerRow:
    """One line of the partner × area table: a score and its status per area."""

    partner: PartnerRef
    cells: list[tuple[int | None, str]]


@dataclass
class HealthPage:
    health: Health
    radars: list[PartnerRadar]
    trend_svg: SafeString
    trend_labels: list[str]
    trend_rows: list[tuple[str, list[int | None]]]
    cracks: list[Crack] | None = None
    definitions: list[tuple[str, str]] = field(default_factory=list)
    rule_texts: list[str] = field(default_factory=list)
    area_labels: list[str] = field(default_factory=list)
    rows: list[PartnerRow] = field(default_factory=list)
    sort: str = ""
    sort_links: list[tuple[str, str, bool]] = field(default_factory=list)  # (label, query value, current)
    radar: PartnerRadar | None = None  # the one radar asked for, in a large collaboration
    radars_on_demand: bool = False


def live_health(collaboration_id: Any, *, with_history: bool = True) -> Health:
    """Today's health of one collaboration, with the history the trend chart needs.

    Read from its stored row, computed again when the collaboration changed or the hour turned (see ``store``).
    """
    now = timezone.now()
    if with_history:
        return stored_health(collaboration_id, now)
    return health_for(build_scope([collaboration_id], now=now, points=2))[collaboration_id]


def live_quarters(collaboration_id: Any) -> list[tuple[datetime.datetime, dict[str, int | None]]]:
    """The trend chart's past of one collaboration: its stored quarter ends (see ``store.stored_quarters``)."""
    return stored_quarters([collaboration_id], timezone.now())[collaboration_id]


def moment_label(moment: Any, index: int) -> str:
    return _("nu") if index == 0 else formatting.date(timezone.localdate(moment))


def quarter_label(end: datetime.datetime) -> str:
    """A quarter by its last day, e.g. "31 december 2025"."""
    return formatting.date(timezone.localdate(end) - datetime.timedelta(days=1))


def _radar(partner: PartnerRef, scores: list[int | None], short: list[str], chart_id: str) -> PartnerRadar:
    name = _("Vijf gebieden voor %(name)s (score 0–100)") % {"name": partner.name}
    return PartnerRadar(partner, scores, radar_svg(name, list(zip(short, scores, strict=True)), chart_id=chart_id))


def _sorted_rows(health: Health, sort: str) -> list[PartnerRow]:
    """By partner name, or by one area's score with the most worrying first and no data last."""
    rows = [
        PartnerRow(
            partner,
            [(score, _cell_css(score)) for score in (i.partner_scores.get(partner.id) for i in health.indicators)],
        )
        for partner in health.partners
    ]
    areas = [i.area for i in health.indicators]
    if sort in areas:
        column = areas.index(sort)
        rows.sort(key=lambda row: (row.cells[column][0] is None, row.cells[column][0] or 0, row.partner.name))
    return rows


def _cell_css(score: int | None) -> str:
    status = thresholds.status_for(score)
    return "" if score is None else f"samen-status--{status}"


def build_page(
    health: Health,
    *,
    with_cracks: bool,
    chart_prefix: str = "grafiek",
    sort: str = "",
    radar_partner: str = "",
    quarters: Sequence[tuple[datetime.datetime, dict[str, int | None]]] | None = None,
) -> HealthPage:
    """The page of ``health``. With ``quarters`` (the stored quarter ends, latest first; see
    ``store.stored_quarters``) the trend chart shows today beside them; without, the health's own history."""
    short = [i.short_label for i in health.indicators]
    rows = _sorted_rows(health, sort)
    on_demand = len(rows) > RADARS_ON_PAGE
    radars = []
    chosen = None
    for n, row in enumerate(rows):
        scores = [score for score, _css in row.cells]
        if not on_demand:
            radars.append(_radar(row.partner, scores, short, f"{chart_prefix}-radar-{n}"))
        elif str(row.partner.id) == radar_partner:
            chosen = _radar(row.partner, scores, short, f"{chart_prefix}-radar-gekozen")
    if quarters is None:
        labels = [moment_label(m, i) for i, m in enumerate(health.moments)][::-1]
        series = [Series(i.short_label, list(i.history[::-1])) for i in health.indicators]
    else:
        labels = [quarter_label(end) for end, _scores in reversed(quarters)] + [_("nu")]
        series = [
            Series(i.short_label, [scores.get(i.area) for _end, scores in reversed(quarters)] + [i.score])
            for i in health.indicators
        ]
    trend = trend_svg(
        _("Score per gebied per kwartaal, oudste links"), labels, series, chart_id=f"{chart_prefix}-trend"
    )
    trend_rows = [(label, [s.values[k] for s in series]) for k, label in enumerate(labels)]
    current_sort = sort if sort in {i.area for i in health.indicators} else ""
    sort_links = [(_("Partner"), "", current_sort == "")] + [
        (i.short_label, i.area, current_sort == i.area) for i in health.indicators
    ]
    return HealthPage(
        health=health,
        radars=radars,
        trend_svg=trend,
        trend_labels=labels,
        trend_rows=trend_rows,
        cracks=cracks_for(health) if with_cracks else None,
        definitions=[(str(Area(area).label), str(text)) for area, text in DEFINITIONS.items()],
        rule_texts=[str(text) for text in RULE_TEXTS],
        area_labels=short,
        rows=rows,
        sort=current_sort,
        sort_links=sort_links,
        radar=chosen,
        radars_on_demand=on_demand,
    )


def subnav(person: "Person", collaboration: Any, current: str) -> list[tuple[str, str, bool]]:
    """The links inside the tab "Gezondheid en raadsbrief": health, digests, and exports for those who may."""
    from django.urls import reverse

    from samen import permissions

    links = [
        ("health", _("Gezondheid"), reverse("health:health", args=[collaboration.pk])),
        ("digests", _("Raadsbrieven"), reverse("reports:digests", args=[collaboration.pk])),
    ]
    if permissions.can_export_lists(person, collaboration):
        links.append(("export", _("Exporteren"), reverse("reports:export", args=[collaboration.pk])))
    return [(label, url, key == current) for key, label, url in links]
