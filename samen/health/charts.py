"""Charts as inline SVG, drawn on the server: no chart service, no script, no external request.

Every chart is an ``<svg role="img">`` with an accessible name that states the values, and the
page shows a table with the same numbers next to it (its "twin"). Series differ in colour *and*
in line pattern and marker shape, so nothing depends on seeing colour. Styling is done with SVG
presentation attributes (allowed under the strict CSP; no ``style`` attributes).
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# Colours with at least 3:1 against white (WCAG 1.4.11), from the theme's palette.
COLOURS = ("#14365d", "#8e1b1b", "#1b5e2b", "#6a4500", "#5b2a86")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2")
MARKERS = ("circle", "square", "triangle", "diamond", "cross")


def _joined(parts: Sequence[SafeString]) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


def _value_text(value: int | None) -> str:
    return _("geen gegevens") if value is None else str(value)


def _point(cx: float, cy: float, radius: float, index: int, count: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return round(cx + radius * math.cos(angle), 1), round(cy + radius * math.sin(angle), 1)


def radar_svg(name: str, axes: Sequence[tuple[str, int | None]], *, chart_id: str) -> SafeString:
    """A radar (spider) chart of scores 0–100 on five axes; "no data" is drawn at the centre."""
    size, cx, cy, radius = 360, 180, 125, 78
    count = len(axes)
    rings = []
    for level in (25, 50, 75, 100):
        points = " ".join(f"{x},{y}" for x, y in (_point(cx, cy, radius * level / 100, i, count) for i in range(count)))
        rings.append(format_html('<polygon points="{}" fill="none" stroke="#c8ccd2" stroke-width="1"/>', points))
    spokes, labels = [], []
    for i, (label, value) in enumerate(axes):
        x, y = _point(cx, cy, radius, i, count)
        spokes.append(
            format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#c8ccd2" stroke-width="1"/>', cx, cy, x, y)
        )
        lx, ly = _point(cx, cy, radius + 16, i, count)
        anchor = "middle" if abs(lx - cx) < 5 else ("start" if lx > cx else "end")
        labels.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="{}" font-size="11" fill="#1a1a1a">{} {}</text>',
                lx,
                ly + 4,
                anchor,
                label,
                "–" if value is None else value,
            )
        )
    data = [_point(cx, cy, radius * (value or 0) / 100, i, count) for i, (_label, value) in enumerate(axes)]
    polygon = " ".join(f"{x},{y}" for x, y in data)
    dots = format_html_join("", '<circle cx="{}" cy="{}" r="3" fill="#14365d"/>', ((x, y) for x, y in data))
    label = _("%(name)s: %(values)s") % {
        "name": name,
        "values": "; ".join(f"{axis} {_value_text(value)}" for axis, value in axes),
    }
    return format_html(
        '<svg role="img" aria-label="{label}" id="{id}" viewBox="0 0 {size} {height}" '
        'width="100%" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg"><title>{label}</title>'
        "{rings}{spokes}"
        '<polygon points="{polygon}" fill="#1b4f8a" fill-opacity="0.25" stroke="#14365d" stroke-width="2"/>'
        "{dots}{labels}</svg>",
        label=label,
        id=chart_id,
        size=size,
        height=250,
        rings=_joined(rings),
        spokes=_joined(spokes),
        polygon=polygon,
        dots=dots,
        labels=_joined(labels),
    )


@dataclass
class Series:
    label: str
    values: list[int | None]


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "circle":
        return f'<circle cx="{x}" cy="{y}" r="4" fill="{colour}"/>'
    if kind == "square":
        return f'<rect x="{x - 4}" y="{y - 4}" width="8" height="8" fill="{colour}"/>'
    if kind == "triangle":
        return f'<polygon points="{x},{y - 5} {x + 5},{y + 4} {x - 5},{y + 4}" fill="{colour}"/>'
    if kind == "diamond":
        return f'<polygon points="{x},{y - 5} {x + 5},{y} {x},{y + 5} {x - 5},{y}" fill="{colour}"/>'
    return (
        f'<path d="M{x - 4},{y - 4} L{x + 4},{y + 4} M{x - 4},{y + 4} L{x + 4},{y - 4}" '
        f'stroke="{colour}" stroke-width="2"/>'
    )


def trend_svg(name: str, x_labels: Sequence[str], series: Sequence[Series], *, chart_id: str) -> SafeString:
    """Lines of scores 0–100 over time (oldest left); gaps where there was no data."""
    width, height = 640, 300
    left, right, top, bottom = 40, 170, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    steps = max(len(x_labels) - 1, 1)

    def x_at(i: int) -> float:
        return round(left + plot_w * i / steps, 1)

    def y_at(value: int) -> float:
        return round(top + plot_h * (1 - value / 100), 1)

    parts: list[str] = []
    for level in (0, 25, 50, 75, 100):
        y = y_at(level)
        parts.append(f'<line x1="{left}" y1="{y}" x2="{left + plot_w}" y2="{y}" stroke="#c8ccd2" stroke-width="1"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4}" text-anchor="end" font-size="11" fill="#1a1a1a">{level}</text>')
    for i, text in enumerate(x_labels):
        anchor = "start" if i == 0 else ("end" if i == len(x_labels) - 1 else "middle")
        parts.append(
            f'<text x="{x_at(i)}" y="{height - bottom + 18}" text-anchor="{anchor}" font-size="11" '
            f'fill="#1a1a1a">{escape(text)}</text>'
        )
    for n, line in enumerate(series):
        colour, dash, marker = COLOURS[n % 5], DASHES[n % 5], MARKERS[n % 5]
        segment: list[str] = []
        segments: list[list[str]] = []
        for i, value in enumerate(line.values):
            if value is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            segment.append(f"{x_at(i)},{y_at(value)}")
            parts.append(_marker(marker, x_at(i), y_at(value), colour))
        if segment:
            segments.append(segment)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        for points in segments:
            if len(points) > 1:
                parts.append(
                    f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>'
                )
        ly = top + 14 + n * 22
        lx = left + plot_w + 16
        parts.append(
            f'<line x1="{lx}" y1="{ly}" x2="{lx + 24}" y2="{ly}" stroke="{colour}" stroke-width="2"{dash_attr}/>'
        )
        parts.append(_marker(marker, lx + 12, ly, colour))
        parts.append(f'<text x="{lx + 30}" y="{ly + 4}" font-size="12" fill="#1a1a1a">{escape(line.label)}</text>')
    described = "; ".join(
        f"{line.label}: " + ", ".join(f"{x} {_value_text(v)}" for x, v in zip(x_labels, line.values, strict=True))
        for line in series
    )
    label = _("%(name)s. %(values)s") % {"name": name, "values": described}
    return format_html(
        '<svg role="img" aria-label="{label}" id="{id}" viewBox="0 0 {w} {h}" width="{w}" '
        'height="{h}" xmlns="http://www.w3.org/2000/svg"><title>{label}</title>{body}</svg>',
        label=label,
        id=chart_id,
        w=width,
        h=height,
        body=mark_safe("".join(parts)),  # noqa: S308
    )
