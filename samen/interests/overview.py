"""What the round pages show: status per partner, the analysis with its history, the outcome, the agenda.

Each loader runs a fixed number of queries whatever the number of partners, motives or
declarations: partners, declarations, their interests and red lines, decisions, catalogue.
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samen import permissions
from samen.collaborations.models import Collaboration, Partner, RoleKind
from samen.interests import rules
from samen.interests.analysis import (
    Analysis,
    DeclaredInterest,
    DeclaredRedLine,
    PartnerDeclaration,
    analyse,
    changes,
    join_names,
)
from samen.interests.catalogue import Catalogue, catalogue_for
from samen.interests.choices import GoChoice
from samen.interests.models import Declaration, DeclarationStatus, GoDecision, HonestyRound, Interest, RedLine

if TYPE_CHECKING:
    from samen.accounts.models import Person


@dataclass
class PartnerStatus:
    partner: Partner
    declaration: Declaration | None  # only when the person may see it
    shared: bool
    decision: GoDecision | None
    acts_for: bool = False
    is_executive: bool = False


def shared_declarations(honesty_round: HonestyRound, partner_ids: set[Any]) -> list[PartnerDeclaration]:
    """The shared declarations of current partners (``partner_ids``), as the analysis reads them.

    Three queries of plain values, joined on the round rather than on long id lists: at 30
    partners × 12 interests this is what keeps the analysis page within its budget.
    """
    shared = {"round": honesty_round, "status": DeclarationStatus.SHARED}
    declarations = {
        pk: PartnerDeclaration(partner_id=partner_id, name=name, intentions=intentions)
        for pk, partner_id, name, intentions in Declaration.objects.filter(**shared).values_list(
            "pk", "partner_id", "partner__organisation__name", "intentions"
        )
        if partner_id in partner_ids
    }
    if not declarations:
        return []
    within = {f"declaration__{key}": value for key, value in shared.items()}
    for declaration_id, motive, weight, explanation in Interest.objects.filter(**within).values_list(
        "declaration_id", "motive", "weight", "explanation"
    ):
        if declaration_id in declarations:
            declarations[declaration_id].interests[motive] = DeclaredInterest(motive, weight, explanation)
    for declaration_id, text, motive in (
        RedLine.objects.filter(**within).order_by("position").values_list("declaration_id", "text", "motive")
    ):
        if declaration_id in declarations:
            declarations[declaration_id].red_lines.append(DeclaredRedLine(text, motive))
    return list(declarations.values())


def round_status(honesty_round: HonestyRound, collaboration: Collaboration, person: "Person") -> list[PartnerStatus]:
    """Per current partner: shared or not, and the declaration if this person may see it (drafts: own only)."""
    partners = list(collaboration.current_partners())
    own = permissions.declaration_draft_partner_ids(person, collaboration)
    executive = permissions.partners_acted_for(person, collaboration, {RoleKind.EXECUTIVE})
    declarations = {
        d.partner_id: d
        for d in Declaration.objects.filter(round=honesty_round).visible_to(own).select_related("shared_by")
    }
    decisions = {d.partner_id: d for d in GoDecision.objects.filter(round=honesty_round).select_related("decided_by")}
    rows = []
    for partner in partners:
        declaration = declarations.get(partner.pk)
        rows.append(
            PartnerStatus(
                partner=partner,
                declaration=declaration,
                shared=bool(declaration and declaration.is_shared),
                decision=decisions.get(partner.pk),
                acts_for=partner.pk in own,
                is_executive=partner.pk in executive,
            )
        )
    return rows


# --- go / no-go ----------------------------------------------------------------------------


@dataclass
class Outcome:
    rows: list[tuple[Partner, GoDecision | None]]
    code: str  # "go", "voorwaarden", "no_go", "open"
    text: str

    @property
    def status(self) -> str:
        return {"go": "goed", "voorwaarden": "aandacht", "no_go": "zorg"}.get(self.code, "")

    @property
    def label(self) -> str:
        return {
            "go": _("go"),
            "voorwaarden": _("go met voorwaarden"),
            "no_go": _("no-go"),
            "open": _("nog niet besloten"),
        }[self.code]


def outcome(partners: list[Partner], decisions: dict[Any, GoDecision]) -> Outcome:
    """One no-go means no ground; otherwise go when everyone decided, with conditions if anyone set some."""
    rows = [(p, decisions.get(p.pk)) for p in partners]
    no_go = [str(p) for p, d in rows if d and d.decision == GoChoice.NO_GO]
    conditions = [str(p) for p, d in rows if d and d.decision == GoChoice.CONDITIONS]
    missing = [str(p) for p, d in rows if d is None]
    if no_go:
        text = ngettext(
            "Geen bodem voor samenwerking: %(partners)s zegt no-go.",
            "Geen bodem voor samenwerking: %(partners)s zeggen no-go.",
            len(no_go),
        ) % {"partners": join_names(no_go)}
        return Outcome(rows, "no_go", text)
    if missing:
        text = ngettext(
            "Nog niet alle partners hebben besloten: %(partners)s nog niet.",
            "Nog niet alle partners hebben besloten: %(partners)s nog niet.",
            len(missing),
        ) % {"partners": join_names(missing)}
        return Outcome(rows, "open", text)
    if conditions:
        text = ngettext(
            "Er is bodem voor samenwerking, onder voorwaarden van %(partners)s.",
            "Er is bodem voor samenwerking, onder voorwaarden van %(partners)s.",
            len(conditions),
        ) % {"partners": join_names(conditions)}
        return Outcome(rows, "voorwaarden", text)
    return Outcome(rows, "go", _("Er is bodem voor samenwerking: alle partners zeggen go."))


# --- the analysis page ---------------------------------------------------------------------


@dataclass
class RoundAnalysis:
    honesty_round: HonestyRound
    catalogue: Catalogue
    partners: list[Partner]
    analysis: Analysis
    not_shared: list[Partner]
    outcome: Outcome
    previous: HonestyRound | None = None
    changes: list[str] = field(default_factory=list)


def analyse_round(honesty_round: HonestyRound, collaboration: Collaboration) -> RoundAnalysis:
    """Only shared declarations count, so the result is the same for everyone who may see the round."""
    catalogue = catalogue_for(collaboration)
    partners = list(collaboration.current_partners())
    ids = {p.pk for p in partners}
    shared = shared_declarations(honesty_round, ids)
    analysis = analyse(shared, catalogue)
    shared_ids = {d.partner_id for d in shared}
    decisions = {d.partner_id: d for d in GoDecision.objects.filter(round=honesty_round)}
    result = RoundAnalysis(
        honesty_round=honesty_round,
        catalogue=catalogue,
        partners=partners,
        analysis=analysis,
        not_shared=[p for p in partners if p.pk not in shared_ids],
        outcome=outcome(partners, decisions),
    )
    if honesty_round.previous_id:
        previous = HonestyRound.objects.filter(pk=honesty_round.previous_id).first()
        if previous is not None:
            result.previous = previous
            result.changes = changes(analysis, shared_declarations(previous, ids), catalogue)
    return result


# --- the conversation agenda ---------------------------------------------------------------


@dataclass
class AgendaItem:
    title: str
    text: str
    question: str = ""
    evidence: list[str] = field(default_factory=list)


@dataclass
class AgendaSection:
    title: str
    items: list[AgendaItem]


def agenda(result: RoundAnalysis) -> list[AgendaSection]:
    """Tensions, red lines, differences and conditions as the agenda of the next meeting."""
    analysis = result.analysis
    sections = [
        AgendaSection(
            _("Spanningen"),
            [AgendaItem(f.title, f.text, f.question, f.evidence) for f in analysis.tensions],
        ),
        AgendaSection(
            _("Rode lijnen die botsen met belangen van anderen"),
            [AgendaItem(f.title, f.text, f.question, f.evidence) for f in analysis.collisions],
        ),
        AgendaSection(
            _("Verschillen in belangen"),
            [
                AgendaItem(f.title, f.text, f.question, f.evidence)
                for f in analysis.differences
                if f.severity >= rules.AGENDA_MIN_WEIGHT
            ],
        ),
    ]
    conditions = []
    for partner, decision in result.outcome.rows:
        if decision is None or decision.decision == GoChoice.GO:
            continue
        title = _("%(partner)s: %(decision)s") % {"partner": partner, "decision": decision.get_decision_display()}
        question = (
            _("Kunnen de andere partners aan deze voorwaarden voldoen?")
            if decision.decision == GoChoice.CONDITIONS
            else _("Is er iets dat de bezwaren van %(partner)s wegneemt, of gaan we zonder hen verder?")
            % {"partner": partner}
        )
        conditions.append(AgendaItem(title, decision.reasons, question))
    sections.append(AgendaSection(_("Voorwaarden en bezwaren"), conditions))
    sections.append(
        AgendaSection(
            _("Nog niet gedeeld"),
            [
                AgendaItem(
                    str(partner),
                    _("%(partner)s heeft de verklaring nog niet gedeeld.") % {"partner": partner},
                    _("Wanneer deelt %(partner)s de belangen, intenties en rode lijnen?") % {"partner": partner},
                )
                for partner in result.not_shared
            ],
        )
    )
    return sections


def describe(declaration: Declaration, catalogue: Catalogue) -> dict[str, list[tuple[str, ...]]]:
    """A declaration with motive names instead of codes, for reading."""
    return {
        "interests": [(catalogue.name(i.motive), str(i.weight), i.explanation) for i in declaration.interests.all()],
        "red_lines": [
            (r.text, catalogue.lower_name(r.motive) if r.motive else "") for r in declaration.red_lines.all()
        ],
    }
