"""The matrix of ambitions × partners: pledges, urgency gaps, empty pledges, pledged versus needed.

Three queries whatever the number of ambitions or partners: ambitions, partners, current pledges.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samen import permissions
from samen.collaborations.models import Collaboration, Partner
from samen.core import formatting
from samen.interests import rules
from samen.interests.analysis import join_names
from samen.interests.models import Ambition, Pledge

if TYPE_CHECKING:
    from samen.accounts.models import Person


@dataclass(frozen=True, slots=True)
class Figures:
    """A current pledge as the matrix needs it: loaded as plain values, 600 at a time."""

    ambition_id: Any
    partner_id: Any
    urgency: int
    hours_per_month: Decimal | None
    fte: Decimal | None
    budget_euros: Decimal | None

    @property
    def total_hours(self) -> Decimal:
        return (self.hours_per_month or Decimal(0)) + (self.fte or Decimal(0)) * rules.HOURS_PER_FTE_MONTH

    @property
    def is_empty(self) -> bool:
        return not (self.hours_per_month or self.fte or self.budget_euros)


@dataclass
class Cell:
    partner: Partner
    pledge: Figures | Pledge | None
    urgency_gap: bool = False
    can_pledge: bool = False

    @property
    def pledged_nothing(self) -> bool:
        return self.pledge is None or self.pledge.is_empty


@dataclass
class Coverage:
    """Pledged against needed, for hours or for money."""

    pledged: Decimal
    needed: Decimal | None

    @property
    def percent(self) -> int | None:
        if not self.needed:
            return None
        return round(self.pledged / self.needed * 100)

    @property
    def status(self) -> str:
        if not self.needed:
            return ""
        share = self.pledged / self.needed
        return "goed" if share >= rules.PLEDGE_ENOUGH else "aandacht" if share >= rules.PLEDGE_WORRY else "zorg"


@dataclass
class AmbitionRow:
    ambition: Ambition
    cells: list[Cell]
    hours: Coverage
    budget: Coverage


@dataclass
class MatrixFinding:
    kind: str  # "urgentiekloof", "geen_inzet", "tekort"
    ambition: Ambition
    text: str


@dataclass
class PledgeMatrix:
    partners: list[Partner]
    rows: list[AmbitionRow]
    findings: list[MatrixFinding] = field(default_factory=list)


def build_matrix(
    ambitions: Sequence[Ambition],
    partners: Sequence[Partner],
    pledges: Sequence[Figures | Pledge],
    acted_for: set[Any],
) -> PledgeMatrix:
    by_cell = {(p.ambition_id, p.partner_id): p for p in pledges}
    rows: list[AmbitionRow] = []
    findings: list[MatrixFinding] = []
    for ambition in ambitions:
        cells = [
            Cell(partner=partner, pledge=by_cell.get((ambition.pk, partner.pk)), can_pledge=partner.pk in acted_for)
            for partner in partners
        ]
        pledged = [c for c in cells if c.pledge is not None]
        row = AmbitionRow(
            ambition=ambition,
            cells=cells,
            hours=Coverage(
                sum((c.pledge.total_hours for c in pledged if c.pledge), Decimal(0)), ambition.needed_hours_per_month
            ),
            budget=Coverage(
                sum((c.pledge.budget_euros or Decimal(0) for c in pledged if c.pledge), Decimal(0)),
                ambition.needed_budget_euros,
            ),
        )
        rows.append(row)
        findings.extend(_findings(row))
    return PledgeMatrix(partners=list(partners), rows=rows, findings=findings)


def _findings(row: AmbitionRow) -> list[MatrixFinding]:
    ambition = row.ambition
    found: list[MatrixFinding] = []
    high = [c for c in row.cells if c.pledge and c.pledge.urgency >= rules.URGENCY_HIGH]
    low = [c for c in row.cells if c.pledge and c.pledge.urgency <= rules.URGENCY_LOW]
    if high and low:
        for cell in low:
            cell.urgency_gap = True
        found.append(
            MatrixFinding(
                "urgentiekloof",
                ambition,
                _(
                    "Urgentiekloof bij %(ambition)s: %(low)s geeft een lage urgentie, terwijl %(high)s haar hoog "
                    "inschat."
                )
                % {
                    "ambition": ambition.title,
                    "low": join_names(
                        [
                            _("%(partner)s (%(urgency)s)") % {"partner": c.partner, "urgency": c.pledge.urgency}
                            for c in low
                            if c.pledge
                        ]
                    ),
                    "high": join_names(
                        [
                            _("%(partner)s (%(urgency)s)") % {"partner": c.partner, "urgency": c.pledge.urgency}
                            for c in high
                            if c.pledge
                        ]
                    ),
                },
            )
        )
    missing = [str(c.partner) for c in row.cells if c.pledge is None]
    if missing:
        found.append(
            MatrixFinding(
                "geen_inzet",
                ambition,
                ngettext(
                    "%(partners)s heeft nog geen inzet opgegeven voor %(ambition)s.",
                    "%(partners)s hebben nog geen inzet opgegeven voor %(ambition)s.",
                    len(missing),
                )
                % {"partners": join_names(missing), "ambition": ambition.title},
            )
        )
    for cell in row.cells:
        if cell.pledge is not None and cell.pledge.is_empty:
            found.append(
                MatrixFinding(
                    "geen_inzet",
                    ambition,
                    _("%(partner)s geeft urgentie %(urgency)s, maar zegt voor %(ambition)s geen uren, fte of geld toe.")
                    % {"partner": cell.partner, "urgency": cell.pledge.urgency, "ambition": ambition.title},
                )
            )
    if row.hours.status in ("aandacht", "zorg") and row.hours.needed:
        found.append(
            MatrixFinding(
                "tekort",
                ambition,
                _(
                    "Voor %(ambition)s is %(pledged)s uur per maand toegezegd van de %(needed)s die nodig zijn "
                    "(%(percent)s%%)."
                )
                % {
                    "ambition": ambition.title,
                    "pledged": formatting.number(row.hours.pledged, 1, trim=True),
                    "needed": formatting.number(row.hours.needed, 1, trim=True),
                    "percent": row.hours.percent,
                },
            )
        )
    if row.budget.status in ("aandacht", "zorg") and row.budget.needed:
        found.append(
            MatrixFinding(
                "tekort",
                ambition,
                _("Voor %(ambition)s is %(pledged)s toegezegd van de %(needed)s die nodig is (%(percent)s%%).")
                % {
                    "ambition": ambition.title,
                    "pledged": formatting.euro(row.budget.pledged),
                    "needed": formatting.euro(row.budget.needed),
                    "percent": row.budget.percent,
                },
            )
        )
    return found


def matrix_for(collaboration: Collaboration, person: "Person") -> PledgeMatrix:
    """The page's data in three queries (plus the person's roles, cached per request)."""
    ambitions = list(Ambition.objects.of(collaboration))
    partners = list(collaboration.current_partners())
    pledges = [
        Figures(*values)
        for values in Pledge.objects.current_in(collaboration).values_list(
            "ambition_id", "partner_id", "urgency", "hours_per_month", "fte", "budget_euros"
        )
    ]
    acted_for = permissions.partners_acted_for(person, collaboration) if collaboration.workspace_active else set()
    return build_matrix(ambitions, partners, pledges, acted_for)
