"""Inline SVG line charts built on the server (no script, no external request).

Every chart has ``role="img"`` and an ``aria-label`` that says what it shows; the page places a
data table with the same figures next to it, for screen readers and for anyone who wants numbers.
Lines differ in dash pattern and marker shape, not only in colour.
"""

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 48


@dataclass
class Series:
    label: str
    values: list[float | None]
    colour: str
    dash: str = ""
    marker: str = "circle"


def _n(value: float) -> str:
    return f"{value:.1f}"


def _y(value: float, low: float, high: float) -> float:
    return TOP + (high - value) / (high - low) * (HEIGHT - TOP - BOTTOM)


def line_chart(
    *, labels: list[str], series: list[Series], aria_label: str, low: float = 1, high: float = 5
) -> SafeString:
    """An SVG chart of ``series`` over ``labels`` (for example check-ins) on a ``low``–``high`` scale."""
    count = max(len(labels), 1)
    step = (WIDTH - LEFT - RIGHT) / max(count - 1, 1)

    def x(index: int) -> float:
        return LEFT + (index * step if count > 1 else (WIDTH - LEFT - RIGHT) / 2)

    parts: list[str] = [
        format_html(
            '<svg class="samen-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
            'width="100%" role="img" aria-label="{}" focusable="false">',
            WIDTH,
            HEIGHT,
            aria_label,
        )
    ]
    for tick in range(int(low), int(high) + 1):
        y = _y(tick, low, high)
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#b3b3b3" stroke-width="1"/>'
                '<text x="{}" y="{}" font-size="12" text-anchor="end" fill="#333">{}</text>',
                LEFT,
                _n(y),
                WIDTH - RIGHT,
                _n(y),
                LEFT - 8,
                _n(y + 4),
                tick,
            )
        )
    for index, label in enumerate(labels):
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#333">{}</text>',
                _n(x(index)),
                HEIGHT - BOTTOM + 18,
                label,
            )
        )
    for line in series:
        points = [(x(i), _y(v, low, high)) for i, v in enumerate(line.values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            parts.append(
                format_html(
                    '<polyline points="{}" fill="none" stroke="{}" stroke-width="3"{}/>',
                    path,
                    line.colour,
                    format_html(' stroke-dasharray="{}"', line.dash) if line.dash else "",
                )
            )
        for px, py in points:
            if line.marker == "square":
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="10" height="10" fill="{}"/>', _n(px - 5), _n(py - 5), line.colour
                    )
                )
            else:
                parts.append(format_html('<circle cx="{}" cy="{}" r="5" fill="{}"/>', _n(px), _n(py), line.colour))
    legend_y = HEIGHT - 12
    for index, line in enumerate(series):
        lx = LEFT + index * 200
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="3"{}/>'
                '<text x="{}" y="{}" font-size="12" fill="#333">{}</text>',
                lx,
                legend_y - 4,
                lx + 28,
                legend_y - 4,
                line.colour,
                format_html(' stroke-dasharray="{}"', line.dash) if line.dash else "",
                lx + 34,
                legend_y,
                line.label,
            )
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above went through format_html/escape
