"""Successes over time: counts per quarter and the bar chart that shows them (inline SVG, built here)."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_QUARTERS = 40  # ten years on one chart; older quarters stay in the table of successes

CHART_HEIGHT = 200
PLOT_TOP = 16
PLOT_BOTTOM = 160
PLOT_LEFT = 40
BAR_STEP = 58
BAR_WIDTH = 34


def quarter_of(day: datetime.date) -> datetime.date:
    """The first day of the quarter ``day`` falls in."""
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def next_quarter(quarter: datetime.date) -> datetime.date:
    return (
        datetime.date(quarter.year + 1, 1, 1)
        if quarter.month == 10
        else datetime.date(quarter.year, quarter.month + 3, 1)
    )


def quarter_number(quarter: datetime.date) -> int:
    return (quarter.month - 1) // 3 + 1


def quarter_label(quarter: datetime.date) -> str:
    """Short: "K2 2026"."""
    return _("K%(number)d %(year)d") % {"number": quarter_number(quarter), "year": quarter.year}


def quarter_long_label(quarter: datetime.date) -> str:
    """Written out: "2e kwartaal 2026"."""
    return _("%(number)de kwartaal %(year)d") % {"number": quarter_number(quarter), "year": quarter.year}


@dataclass(frozen=True)
class QuarterCount:
    quarter: datetime.date
    count: int

    @property
    def label(self) -> str:
        return quarter_label(self.quarter)

    @property
    def long_label(self) -> str:
        return quarter_long_label(self.quarter)


def quarter_series(counts: dict[datetime.date, int], today: datetime.date) -> list[QuarterCount]:
    """Every quarter from the first with a success up to this one, empty quarters included."""
    last = quarter_of(today)
    first = min([quarter_of(q) for q in counts] + [last])
    quarters = []
    quarter = first
    while quarter <= last:
        quarters.append(quarter)
        quarter = next_quarter(quarter)
    quarters = quarters[-MAX_QUARTERS:]
    return [QuarterCount(quarter, counts.get(quarter, 0)) for quarter in quarters]


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    count: int
    label: str
    label_x: int
    show_label: bool


@dataclass(frozen=True)
class Gridline:
    y: int
    value: int


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    gridlines: list[Gridline]
    aria_label: str
    baseline_y: int = PLOT_BOTTOM
    plot_left: int = PLOT_LEFT


def _nice_max(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if value <= step * 4:
            return step * 4
    return value


def bar_chart(series: list[QuarterCount], subject: str) -> BarChart:
    """Geometry for an SVG bar chart of ``series``; its text alternative summarises the data."""
    top = _nice_max(max([item.count for item in series] + [1]))
    plot_height = PLOT_BOTTOM - PLOT_TOP
    label_every = 1 if len(series) <= 12 else 4
    bars = []
    for index, item in enumerate(series):
        height = round(plot_height * item.count / top)
        x = PLOT_LEFT + 8 + index * BAR_STEP
        show = label_every == 1 or item.quarter.month == 1
        bars.append(
            Bar(
                x=x,
                y=PLOT_BOTTOM - height,
                width=BAR_WIDTH,
                height=height,
                count=item.count,
                label=item.label,
                label_x=x + BAR_WIDTH // 2,
                show_label=show,
            )
        )
    gridlines = [
        Gridline(y=PLOT_BOTTOM - round(plot_height * value / top), value=value) for value in range(0, top + 1, top // 4)
    ]
    total = sum(item.count for item in series)
    busiest = max(series, key=lambda item: item.count) if series else None
    if series and busiest and busiest.count:
        summary = ngettext(
            "%(subject)s: %(total)d succes van %(first)s tot en met %(last)s; de meeste in %(busiest)s (%(most)d).",
            "%(subject)s: %(total)d successen van %(first)s tot en met %(last)s; de meeste in %(busiest)s (%(most)d).",
            total,
        ) % {
            "subject": subject,
            "total": total,
            "first": series[0].long_label,
            "last": series[-1].long_label,
            "busiest": busiest.long_label,
            "most": busiest.count,
        }
    else:
        summary = _("%(subject)s: nog geen successen.") % {"subject": subject}
    width = PLOT_LEFT + 16 + max(len(series), 1) * BAR_STEP
    return BarChart(width=width, height=CHART_HEIGHT, bars=bars, gridlines=gridlines, aria_label=summary)
