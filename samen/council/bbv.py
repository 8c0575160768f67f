"""The paragraph on verbonden partijen (BBV art. 15) for one municipality, from every regeling it is in.

Per verbonden partij BBV art. 15 asks: a. name and seat; b. the public interest served; c. the
municipality's interest (financial and in control) at the start and end of the year; d. the equity
and debt at the start and end of the year; e. the result; f. the risks. The paragraph also holds
the municipality's vision and intentions: Samen gives the adopted goals and the published health
as the policy part. A figure nobody entered is *missing* and marked so, never shown as zero.
"""

import csv
import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from django.utils.translation import gettext_lazy as _

from samen.collaborations.models import Collaboration, CollaborationKind, Organisation, Partner
from samen.council.models import Basis, Contribution, KeyFigures
from samen.goals.models import Goal
from samen.health.models import PublishedHealth
from samen.settings import DATA_DIR

# A Dutch postcode ("6931 CZ"), or a German one as the register writes it ("4117 9" for 41179).
POSTCODE_CITY = re.compile(r"\b(?:\d{4}\s?[A-Z]{2}|\d{4}\s?\d)\s+(\D+)$")

#: The fields of BBV art. 15, in the order of the article: (attribute, label).
FIELDS: list[tuple[str, Any]] = [
    ("name", _("Naam")),
    ("seat", _("Vestigingsplaats")),
    ("public_interest", _("Openbaar belang")),
    ("financial_interest_start", _("Financieel belang begin jaar")),
    ("financial_interest_end", _("Financieel belang einde jaar")),
    ("control_start", _("Zeggenschap begin jaar")),
    ("control_end", _("Zeggenschap einde jaar")),
    ("equity_start", _("Eigen vermogen begin jaar")),
    ("equity_end", _("Eigen vermogen einde jaar")),
    ("debt_start", _("Vreemd vermogen begin jaar")),
    ("debt_end", _("Vreemd vermogen einde jaar")),
    ("result", _("Financieel resultaat")),
    ("risks", _("Risico's")),
    ("policy", _("Visie en beleidsvoornemens (doelen en gezondheid in Samen)")),
]
AMOUNTS = {
    "financial_interest_start",
    "financial_interest_end",
    "equity_start",
    "equity_end",
    "debt_start",
    "debt_end",
    "result",
}


def _town(address: str) -> str | None:
    match = POSTCODE_CITY.search(address.strip())
    if not match:
        return None
    town = match.group(1).strip()
    return town.title() if town.isupper() else town


@cache
def seats() -> dict[str, str]:
    """Regeling ROO id -> its seat, from the register (data/roo/).

    The town of the body's visiting (else postal) address; for a regeling without a body of its own
    (a centrumregeling, regeling zonder meer) the municipality that keeps it (``bronhouder``).
    """
    bodies: dict[str, str] = {}
    by_regeling: dict[str, str] = {}
    with open(DATA_DIR / "roo" / "gr_samenwerkingsorganen.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            town = _town(row["bezoekadres"]) or _town(row["postadres"])
            if town:
                bodies[row["roo_id"]] = town
                by_regeling[row["hoort_bij_regeling_roo_id"]] = town
    found: dict[str, str] = {}
    with open(DATA_DIR / "roo" / "gr_regelingen.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            keeper = row["bronhouder"].strip()
            town = (
                by_regeling.get(row["roo_id"])
                or bodies.get(row["samenwerkingsorgaan_roo_id"])
                or (keeper.removeprefix("Gemeente ").strip() if keeper.startswith("Gemeente ") else None)
            )
            if town:
                found[row["roo_id"]] = town
    return found


@dataclass
class VerbondenPartij:
    collaboration_id: Any
    name: str
    seat: str | None
    public_interest: str | None
    legal_form: str
    contribution: Decimal | None
    share: Decimal | None
    financial_interest_start: Decimal | None
    financial_interest_end: Decimal | None
    control_start: str | None
    control_end: str | None
    equity_start: Decimal | None
    equity_end: Decimal | None
    debt_start: Decimal | None
    debt_end: Decimal | None
    result: Decimal | None
    risks: str | None
    goals: list[str] = field(default_factory=list)
    health: str | None = None

    @property
    def policy(self) -> str | None:
        parts = []
        if self.goals:
            parts.append(str(_("Doelen: %(goals)s.")) % {"goals": "; ".join(self.goals)})
        if self.health:
            parts.append(self.health)
        return " ".join(parts) or None

    @property
    def missing(self) -> list[Any]:
        return [label for name, label in FIELDS if getattr(self, name) in (None, "")]

    def rows(self) -> list[tuple[Any, Any, bool]]:
        """(label, value, is_amount) per field of BBV art. 15."""
        return [(label, getattr(self, name), name in AMOUNTS) for name, label in FIELDS]


@dataclass
class Paragraph:
    organisation: Organisation
    year: int
    basis: str
    parties: list[VerbondenPartij]

    @property
    def title(self) -> str:
        document = _("begroting") if self.basis == Basis.BUDGET else _("jaarstukken")
        return str(_("Paragraaf verbonden partijen – %(document)s %(year)s – %(name)s")) % {
            "document": document,
            "year": self.year,
            "name": self.organisation.name,
        }

    @property
    def missing_count(self) -> int:
        return sum(len(p.missing) for p in self.parties)

    @property
    def total_contribution(self) -> Decimal | None:
        known = [p.contribution for p in self.parties if p.contribution is not None]
        return sum(known, Decimal(0)) if known else None


def _share_of(share: Decimal | None, value: Decimal | None) -> Decimal | None:
    if share is None or value is None:
        return None
    return (value * share / 100).quantize(Decimal("0.01"))


def _control(partner: Partner, votes: int | None, total: int, on: datetime.date) -> str | None:
    if (partner.joined_on and partner.joined_on > on) or (partner.left_on and partner.left_on <= on):
        return str(_("geen deelnemer"))
    if votes is None or not total:
        return None
    bodies = partner.governing_bodies or str(_("deelnemer"))
    return str(_("%(bodies)s; %(votes)s van %(total)s stemmen in het algemeen bestuur")) % {
        "bodies": bodies,
        "votes": votes,
        "total": total,
    }


def paragraph(organisation: Organisation, year: int, basis: str = Basis.BUDGET) -> Paragraph:
    """Every regeling ``organisation`` takes part in, with the fields of BBV art. 15 (a fixed number of queries)."""
    collaborations = list(Collaboration.objects.of_organisation(organisation).filter(kind=CollaborationKind.GR))
    ids = [c.pk for c in collaborations]
    partners = {
        p.collaboration_id: p for p in Partner.objects.filter(collaboration_id__in=ids, organisation=organisation)
    }
    figures = {
        f.collaboration_id: f for f in KeyFigures.objects.filter(collaboration_id__in=ids, year=year, basis=basis)
    }
    contributions: dict[Any, list[Contribution]] = {}
    for contribution in Contribution.objects.filter(figures__in=figures.values()).select_related("figures"):
        contributions.setdefault(contribution.figures.collaboration_id, []).append(contribution)
    goals: dict[Any, list[str]] = {}
    for goal in (
        Goal.objects.filter(collaboration_id__in=ids, adopted_version__isnull=False)
        .select_related("adopted_version")
        .order_by("created_at")
    ):
        if goal.adopted_version is not None:
            goals.setdefault(goal.collaboration_id, []).append(goal.adopted_version.title)
    published = PublishedHealth.objects.latest_for(ids)
    seat_of = seats()
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    parties = []
    for collaboration in collaborations:
        partner = partners[collaboration.pk]
        found = figures.get(collaboration.pk)
        parts = contributions.get(collaboration.pk, [])
        own = next((c for c in parts if c.partner_id == partner.pk), None)
        total_votes = sum(c.votes or 0 for c in parts)
        votes = own.votes if own else None
        share = own.share if own else None
        health = published.get(collaboration.pk)
        parties.append(
            VerbondenPartij(
                collaboration_id=collaboration.pk,
                name=collaboration.name,
                seat=seat_of.get(collaboration.roo_id or "") or None,
                public_interest=collaboration.purpose or None,
                legal_form=collaboration.get_legal_form_display(),
                contribution=own.amount if own else None,
                share=share,
                financial_interest_start=_share_of(share, found.equity_start if found else None),
                financial_interest_end=_share_of(share, found.equity_end if found else None),
                control_start=_control(partner, votes, total_votes, start),
                control_end=_control(partner, votes, total_votes, end),
                equity_start=found.equity_start if found else None,
                equity_end=found.equity_end if found else None,
                debt_start=found.debt_start if found else None,
                debt_end=found.debt_end if found else None,
                result=found.result if found else None,
                risks=(found.risks or None) if found else None,
                goals=goals.get(collaboration.pk, []),
                health=(
                    str(_("Gezondheid gepubliceerd in %(source)s.")) % {"source": health.source} if health else None
                ),
            )
        )
    return Paragraph(organisation=organisation, year=year, basis=basis, parties=parties)
