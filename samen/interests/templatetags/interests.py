"""Filters for the big tables and lists of Ben eerlijk: the pledge matrix, the weight per motive,
and the findings of the analysis.

With 30 partners these have 600 to 1,200 cells and a hundred findings. Built here, a row or a
finding costs one template variable instead of a dozen tags; every text that comes from people is
escaped with ``escape``, and numbers and amounts are formatted by ``samen.core.formatting``.
"""

from functools import cache

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samen.core import formatting
from samen.interests.analysis import Analysis, Finding, MotiveRow
from samen.interests.matrix import AmbitionRow, Cell

register = template.Library()

TD = '<td class="utrecht-table__cell">'


@register.filter
def md_indent(text: str) -> str:
    """Text inside a Markdown list item: every next line indented, so that the item stays one item."""
    return "\n   ".join(line.strip() for line in str(text).strip().splitlines() if line.strip())


@cache
def _labels(language: str | None) -> dict[str, str]:
    return {
        key: escape(text)
        for key, text in {
            "urgency": _("urgentie"),
            "hours": _("u/mnd"),
            "gap": _("kloof"),
            "nothing": _("niets"),
            "none": _("geen inzet"),
            "change": _("wijzig"),
            "give": _("opgeven"),
            "question": _("Vraag voor het gesprek:"),
        }.items()
    }


def _pledge_cell(cell: Cell, row: AmbitionRow, collaboration_pk: object, labels: dict[str, str]) -> str:
    pledge = cell.pledge
    if pledge is None:
        parts = [f'<span class="samen-status samen-status--zorg">{labels["none"]}</span>']
    else:
        parts = [f'<span class="visually-hidden">{labels["urgency"]} </span>{pledge.urgency}']
        if pledge.total_hours:
            parts.append(f" · {formatting.number(pledge.total_hours, 1, trim=True)} {labels['hours']}")
        if pledge.budget_euros:
            parts.append(f" · {formatting.euro(pledge.budget_euros)}")
        if cell.urgency_gap:
            parts.append(f' <span class="samen-status samen-status--aandacht">{labels["gap"]}</span>')
        if pledge.is_empty:
            parts.append(f' <span class="samen-status samen-status--zorg">{labels["nothing"]}</span>')
    if cell.can_pledge:
        url = reverse("interests:pledge", args=[collaboration_pk, row.ambition.pk, cell.partner.pk])
        parts.append(
            f' <a class="utrecht-link" href="{escape(url)}">{labels["change"] if pledge else labels["give"]}'
            f'<span class="visually-hidden"> – {escape(row.ambition.title)}, {escape(str(cell.partner))}</span></a>'
        )
    return TD + "".join(parts) + "</td>"


@register.filter
def pledge_cells(row: AmbitionRow, collaboration_pk: object) -> SafeString:
    """One ``<td>`` per partner: urgency, hours and money, and the flags of the matrix."""
    labels = _labels(get_language())
    return mark_safe("".join(_pledge_cell(cell, row, collaboration_pk, labels) for cell in row.cells))  # noqa: S308


@register.filter
def weight_cells(row: MotiveRow) -> SafeString:
    """One ``<td>`` per partner with the weight it gives this motive (empty: not an interest)."""
    return mark_safe("".join(f"{TD}{weight or ''}</td>" for weight in row.cells))  # noqa: S308


@register.filter
def finding(item: Finding) -> SafeString:
    """A finding as a list item: title and sentence, the declarations behind it, the question to discuss."""
    labels = _labels(get_language())
    html = [f'<li><p class="utrecht-paragraph"><strong>{escape(item.title)}</strong> – {escape(item.text)}</p>']
    if item.evidence:
        lines = "".join(f"<li>{escape(line)}</li>" for line in item.evidence)
        html.append(f'<ul class="utrecht-unordered-list samen-muted">{lines}</ul>')
    if item.question:
        html.append(f'<p class="utrecht-paragraph"><strong>{labels["question"]}</strong> {escape(item.question)}</p>')
    html.append("</li>")
    return mark_safe("".join(html))  # noqa: S308


BAR_HEIGHT = 22
LABEL_WIDTH = 330
CHART_WIDTH = 720


@register.filter
def motive_chart(analysis: Analysis) -> SafeString:
    """An inline SVG bar chart: how many partners hold each motive. Its twin is the table of weights."""
    rows = analysis.rows
    if not rows:
        return mark_safe("")
    total = max(len(analysis.partners), 1)
    bar_space = CHART_WIDTH - LABEL_WIDTH - 60
    height = BAR_HEIGHT * len(rows) + 10
    label = escape(
        _(
            "Staafdiagram: aantal partners per motief, van de %(total)s die hun verklaring deelden. "
            "Dezelfde cijfers staan in de tabel hieronder."
        )
        % {"total": total}
    )
    parts = [
        f'<svg class="interests-chart" viewBox="0 0 {CHART_WIDTH} {height}" role="img" aria-label="{label}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{label}</title>'
    ]
    for number, row in enumerate(rows):
        y = 5 + number * BAR_HEIGHT
        width = max(2, round(bar_space * row.count / total))
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end" font-size="13" fill="#1a1a1a">'
            f"{escape(row.motive.name)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{width}" height="{BAR_HEIGHT - 6}" fill="#14365d"></rect>'
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + 15}" font-size="13" fill="#1a1a1a">{row.count}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308
