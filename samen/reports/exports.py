"""CSV and Excel of every list of a collaboration, through tablib.

Each export reads its area through that area's querysets and respects what the person may see:
interests only from shared declarations, signals only those the person's partner may see, and
check-ins only as aggregates under the anonymity rule of the experiences area (never an answer).
An area that has not landed in this installation simply has no export.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import tablib
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samen import permissions
from samen.collaborations.models import Collaboration
from samen.health.areas import area_model


def _cell(value: Any) -> Any:
    """Values as a spreadsheet shows them: dates as dates, decimals as numbers, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None, microsecond=0)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    return value


def _dataset(title: str, headers: list[str], rows: list[list[Any]]) -> tablib.Dataset:
    data = tablib.Dataset(title=title[:31], headers=headers)
    for row in rows:
        data.append([_cell(v) for v in row])
    return data


def ambitions(collaboration: Collaboration, person: Any) -> tablib.Dataset:
    model = area_model("interests", "Ambition")
    rows = [
        [a.title, a.description, a.horizon_year, a.needed_hours_per_month, a.needed_budget_euros, a.created_at]
        for a in model.objects.of(collaboration)
    ]
    return _dataset(
        _("Ambities"),
        [
            _("Titel"),
            _("Omschrijving"),
            _("Horizon (jaar)"),
            _("Nodig: uren per maand"),
            _("Nodig: budget (euro)"),
            _("Aangemaakt op"),
        ],
        rows,
    )


def pledges(collaboration: Collaboration, person: Any) -> tablib.Dataset:
    model = area_model("interests", "Pledge")
    qs = (
        model.objects.current_in(collaboration)
        .select_related("ambition", "partner__organisation")
        .order_by("ambition__created_at", "partner__organisation__name")
    )
    rows = [
        [
            p.ambition.title,
            p.partner.organisation.name,
            p.urgency,
            p.hours_per_month,
            p.fte,
            p.budget_euros,
            p.capacity_notes,
            p.pledged_at,
        ]
        for p in qs
    ]
    return _dataset(
        _("Inzet"),
        [
            _("Ambitie"),
            _("Partner"),
            _("Urgentie (1–5)"),
            _("Uren per maand"),
            _("Fte"),
            _("Budget (euro)"),
            _("Toelichting"),
            _("Opgegeven op"),
        ],
        rows,
    )


def interests(collaboration: Collaboration, person: Any) -> tablib.Dataset:
    """Interests from shared declarations only: drafts stay inside the partner."""
    model = area_model("interests", "Interest")
    from samen.interests.models import DeclarationStatus

    qs = (
        model.objects.filter(
            declaration__round__collaboration=collaboration, declaration__status=DeclarationStatus.SHARED
        )
        .select_related("declaration__round", "declaration__partner__organisation")
        .order_by("-declaration__round__opened_at", "declaration__partner__organisation__name", "-weight", "motive")
    )
    rows = [
        [
            i.declaration.round.title,
            i.declaration.partner.organisation.name,
            i.motive,
            i.weight,
            i.explanation,
            i.declaration.shared_at,
        ]
        for i in qs
    ]
    return _dataset(
        _("Belangen"),
        [_("Eerlijkheidsronde"), _("Partner"), _("Motief"), _("Gewicht (1–5)"), _("Toelichting"), _("Gedeeld op")],
        rows,
    )


def goals(collaboration: Collaboration, person: Any) -> tablib.Dataset:
    model = area_model("goals", "Goal")
    drafts = permissions.can_view_goal_drafts(person, collaboration)
    rows = []
    for goal in model.objects.overview_for(collaboration, drafts_visible=drafts):
        version = goal.latest_version if drafts else goal.adopted_version
        rows.append(
            [
                version.title if version else "",
                goal.get_state_display(),
                version.number if version else "",
                goal.adopted_at,
                version.text if version else "",
            ]
        )
    return _dataset(_("Doelen"), [_("Titel"), _("Stand"), _("Versie"), _("Vastgesteld op"), _("Tekst")], rows)


def results(collaboration: Collaboration, person: Any) -> tablib.Dataset:
    model = area_model("goals", "Result")
    drafts = permissions.can_view_goal_drafts(person, collaboration)
    qs = model.objects.for_collaboration(collaboration)
    if not drafts:
        qs = qs.filter(goal__adopted_version__isnull=False)
    qs = qs.select_related(
        "goal__latest_version", "goal__adopted_version", "owner_partner__organisation", "owner_person"
    )
    rows = [
        [
            str(r.goal),
            r.indicator,
            r.unit,
            r.baseline,
            r.baseline_on,
            r.target,
            r.due_on,
            r.current_value,
            r.current_on,
            r.get_status_display(),
            r.owner_partner.organisation.name,
            str(r.owner_person),
        ]
        for r in qs.order_by("due_on", "indicator", "id")
    ]
    return _dataset(
        _("Resultaten"),
        [
            _("Doel"),
            _("Indicator"),
            _("Eenheid"),
            _("Nulmeting"),
            _("Datum nulmeting"),
            _("Streefwaarde"),
            _("Te bereiken op"),
            _("Laatste waarde"),
            _("Laatst gemeten op"),
            _("Status"),
            _("Eigenaar (partner)"),
            _("Eigenaar (persoon)"),
        ],
        rows,
    )


def commitments(collaboration: Collaboration, person: Any) -> tablib.Dataset:
    model = area_model("goals", "Commitment")
    qs = (
        model.objects.filter(goal__collaboration=collaboration)
        .select_related("goal__latest_version", "goal__adopted_version", "partner__organisation", "who")
        .order_by("due_on", "id")
    )
    rows = [
        [str(c.goal), c.partner.organisation.name, c.what, str(c.who), c.due_on, c.get_status_display(), c.done_on]
        for c in qs
    ]
    return _dataset(
        _("Afspraken"),
        [_("Doel"), _("Partner"), _("Wat"), _("Wie"), _("Uiterlijk op"), _("Status"), _("Afgerond op")],
        rows,
    )


def successes(collaboration: Collaboration, person: Any) -> tablib.Dataset:
    model = area_model("successes", "Success")
    internal = permissions.can_view_internal_successes(person, collaboration)
    rows = [
        [s.title, s.date, ", ".join(s.partner_names), s.is_public, ", ".join(s.credits), s.story]
        for s in model.objects.feed(collaboration, internal=internal)
    ]
    return _dataset(
        _("Successen"),
        [_("Titel"), _("Datum"), _("Partners"), _("Openbaar"), _("Genoemd"), _("Verhaal")],
        rows,
    )


def signals(collaboration: Collaboration, person: Any) -> tablib.Dataset:
    """The signals the person may see: to everyone, from or to their own partner; all for the facilitator."""
    model = area_model("experiences", "Signal")
    visible = model.objects.filter(collaboration=collaboration).visible_to(
        permissions.partners_acted_for(person, collaboration),
        facilitator=permissions.is_facilitator(person, collaboration),
    )
    rows = [
        [
            s.get_kind_display(),
            s.subject,
            s.sender_label,
            s.addressee_label,
            s.amount,
            s.get_status_display(),
            s.created_at,
            s.reply_count,
        ]
        for s in visible.overview()
    ]
    return _dataset(
        _("Signalen"),
        [
            _("Soort"),
            _("Onderwerp"),
            _("Van"),
            _("Aan"),
            _("Bedrag (euro)"),
            _("Status"),
            _("Gegeven op"),
            _("Reacties"),
        ],
        rows,
    )


def checkins(collaboration: Collaboration, person: Any) -> tablib.Dataset:
    """Per closed check-in: respondents and averages, for everyone and per partner where the anonymity rule allows."""
    model = area_model("experiences", "CheckIn")
    from samen.experiences.models import CONTENT_SCORES, RELATIONSHIP_SCORES
    from samen.experiences.results import results_for

    scores = list(CONTENT_SCORES + RELATIONSHIP_SCORES)
    headers = [_("Check-in"), _("Gesloten op"), _("Wie"), _("Aantal antwoorden")] + [str(label) for _n, label in scores]
    rows = []
    for checkin in model.objects.filter(collaboration=collaboration).closed().order_by("opens_on"):
        result = results_for(checkin)
        closed_on = checkin.closed_at or checkin.closes_on
        overall = result.overall
        rows.append(
            [checkin.title, closed_on, _("alle partners"), result.respondents]
            + [overall.scores.get(name) if overall else None for name, _label in scores]
        )
        for partner_result in result.partners:
            if partner_result.averages is None:
                continue
            rows.append(
                [checkin.title, closed_on, partner_result.partner.organisation.name, partner_result.respondents]
                + [partner_result.averages.scores.get(name) for name, _label in scores]
            )
    return _dataset(_("Check-ins"), headers, rows)


@dataclass(frozen=True)
class ListExport:
    slug: str
    label: Any
    app_label: str
    model: str
    build: Callable[[Collaboration, Any], tablib.Dataset]
    scope: str = "collaboration"  # the lookup from the model to its collaboration, to count the rows

    @property
    def available(self) -> bool:
        return area_model(self.app_label, self.model) is not None


EXPORTS = (
    ListExport("ambities", gettext_lazy("Ambities"), "interests", "Ambition", ambitions),
    ListExport(
        "inzet", gettext_lazy("Inzet per partner (huidig)"), "interests", "Pledge", pledges, "ambition__collaboration"
    ),
    ListExport(
        "belangen",
        gettext_lazy("Belangen (alleen gedeelde verklaringen)"),
        "interests",
        "Interest",
        interests,
        "declaration__round__collaboration",
    ),
    ListExport("doelen", gettext_lazy("Doelen"), "goals", "Goal", goals),
    ListExport("resultaten", gettext_lazy("Resultaten"), "goals", "Result", results, "goal__collaboration"),
    ListExport("afspraken", gettext_lazy("Afspraken"), "goals", "Commitment", commitments, "goal__collaboration"),
    ListExport("successen", gettext_lazy("Successen"), "successes", "Success", successes),
    ListExport("signalen", gettext_lazy("Signalen"), "experiences", "Signal", signals),
    ListExport("checkins", gettext_lazy("Check-ins (alleen totalen)"), "experiences", "CheckIn", checkins),
)

# Up to a page of rows an export is made in the request; a larger one by the task worker.
PAGE_ROWS = 100

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


def available_exports() -> list[ListExport]:
    return [export for export in EXPORTS if export.available]


def find_export(slug: str) -> ListExport | None:
    return next((e for e in available_exports() if e.slug == slug), None)


def render(export: ListExport, collaboration: Collaboration, person: Any, fmt: str) -> bytes:
    data = export.build(collaboration, person)
    if fmt == "csv":
        # A byte-order mark so that Excel opens the Dutch characters correctly.
        return ("\ufeff" + data.export("csv", delimiter=";")).encode("utf-8")
    return bytes(data.export("xlsx"))


def is_large(export: ListExport, collaboration: Collaboration) -> bool:
    """More than a page of rows in the collaboration (one COUNT; what the person may see is at most this)."""
    model = area_model(export.app_label, export.model)
    return model is not None and model.objects.filter(**{export.scope: collaboration}).count() > PAGE_ROWS


def build_document(document: Any, progress: Callable[[int], None]) -> bytes:
    """The worker's builder of a large export (see ``samen.core.documents``)."""
    from django.utils import translation

    from samen.accounts.models import Person

    params = document.params
    export = find_export(params["export"])
    if export is None:
        raise LookupError(params["export"])
    person = Person.objects.get(pk=params["person"])
    collaboration = Collaboration.objects.get(pk=document.collaboration_id)
    progress(20)
    with translation.override(params.get("language") or "nl"):
        return render(export, collaboration, person, params["format"])
