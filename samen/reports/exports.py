"""CSV and Excel of every list of a collaboration, through tablib.

Each export reads its area through that area's querysets and respects what the person may see:
interests only from shared declarations, signals only those the person's partner may see, and
check-ins only as aggregates under the anonymity rule of the experiences area (never an answer).
The rows come from each area's ``facts`` module; this module only names the columns.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import tablib
from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samen import permissions
from samen.collaborations.models import Collaboration
from samen.core import spreadsheet
from samen.experiences import facts as experiences
from samen.goals import facts as goals_facts
from samen.interests import facts as interests_facts
from samen.successes import facts as successes_facts

if TYPE_CHECKING:
    from samen.accounts.models import Person


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


def _dataset(title: str, headers: list[str], rows: Sequence[Sequence[Any]]) -> tablib.Dataset:
    data = tablib.Dataset(title=title[:31], headers=headers)
    for row in rows:
        data.append([_cell(v) for v in row])
    return data


def ambitions(collaboration: Collaboration, person: "Person") -> tablib.Dataset:
    rows = interests_facts.ambition_rows(collaboration)
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


def pledges(collaboration: Collaboration, person: "Person") -> tablib.Dataset:
    rows = interests_facts.pledge_rows(collaboration)
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


def interests(collaboration: Collaboration, person: "Person") -> tablib.Dataset:
    """Interests from shared declarations only: drafts stay inside the partner."""
    rows = interests_facts.shared_interest_rows(collaboration)
    return _dataset(
        _("Belangen"),
        [_("Eerlijkheidsronde"), _("Partner"), _("Motief"), _("Gewicht (1–5)"), _("Toelichting"), _("Gedeeld op")],
        rows,
    )


def goals(collaboration: Collaboration, person: "Person") -> tablib.Dataset:
    rows = goals_facts.goal_rows(collaboration, drafts=permissions.can_view_goal_drafts(person, collaboration))
    return _dataset(_("Doelen"), [_("Titel"), _("Stand"), _("Versie"), _("Vastgesteld op"), _("Tekst")], rows)


def results(collaboration: Collaboration, person: "Person") -> tablib.Dataset:
    rows = goals_facts.result_rows(collaboration, drafts=permissions.can_view_goal_drafts(person, collaboration))
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


def commitments(collaboration: Collaboration, person: "Person") -> tablib.Dataset:
    rows = goals_facts.commitment_rows(collaboration)
    return _dataset(
        _("Afspraken"),
        [_("Doel"), _("Partner"), _("Wat"), _("Wie"), _("Uiterlijk op"), _("Status"), _("Afgerond op")],
        rows,
    )


def successes(collaboration: Collaboration, person: "Person") -> tablib.Dataset:
    internal = permissions.can_view_internal_successes(person, collaboration)
    rows = successes_facts.success_rows(collaboration, internal=internal)
    return _dataset(
        _("Successen"),
        [_("Titel"), _("Datum"), _("Partners"), _("Openbaar"), _("Genoemd"), _("Verhaal")],
        rows,
    )


def signals(collaboration: Collaboration, person: "Person") -> tablib.Dataset:
    """The signals the person may see: to everyone, from or to their own partner; all for the facilitator."""
    rows = experiences.signal_rows(
        collaboration,
        partners=permissions.partners_acted_for(person, collaboration),
        facilitator=permissions.is_facilitator(person, collaboration),
    )
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


def checkins(collaboration: Collaboration, person: "Person") -> tablib.Dataset:
    """Per closed check-in: respondents and averages, for everyone and per partner where the anonymity rule allows."""
    headers = [_("Check-in"), _("Gesloten op"), _("Wie"), _("Aantal antwoorden")]
    headers += [str(label) for _n, label in experiences.SCORE_QUESTIONS]
    rows = experiences.checkin_rows(collaboration, everyone=_("alle partners"))
    return _dataset(_("Check-ins"), headers, rows)


@dataclass(frozen=True)
class ListExport:
    slug: str
    label: Any
    build: Callable[[Collaboration, Any], tablib.Dataset]
    table: str  # "app_label.Model" of the rows, only to count them
    scope: str = "collaboration"  # the lookup from the model to its collaboration, to count the rows


EXPORTS = (
    ListExport("ambities", gettext_lazy("Ambities"), ambitions, "interests.Ambition"),
    ListExport(
        "inzet", gettext_lazy("Inzet per partner (huidig)"), pledges, "interests.Pledge", "ambition__collaboration"
    ),
    ListExport(
        "belangen",
        gettext_lazy("Belangen (alleen gedeelde verklaringen)"),
        interests,
        "interests.Interest",
        "declaration__round__collaboration",
    ),
    ListExport("doelen", gettext_lazy("Doelen"), goals, "goals.Goal"),
    ListExport("resultaten", gettext_lazy("Resultaten"), results, "goals.Result", "goal__collaboration"),
    ListExport("afspraken", gettext_lazy("Afspraken"), commitments, "goals.Commitment", "goal__collaboration"),
    ListExport("successen", gettext_lazy("Successen"), successes, "successes.Success"),
    ListExport("signalen", gettext_lazy("Signalen"), signals, "experiences.Signal"),
    ListExport("checkins", gettext_lazy("Check-ins (alleen totalen)"), checkins, "experiences.CheckIn"),
)

# Up to a page of rows an export is made in the request; a larger one by the task worker.
PAGE_ROWS = 100

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


def available_exports() -> list[ListExport]:
    return list(EXPORTS)


def find_export(slug: str) -> ListExport | None:
    return next((e for e in available_exports() if e.slug == slug), None)


def render(export: ListExport, collaboration: Collaboration, person: "Person", fmt: str) -> bytes:
    data = export.build(collaboration, person)
    if fmt == "csv":
        # A byte-order mark so that Excel opens the Dutch characters correctly.
        return ("\ufeff" + spreadsheet.to_csv(data)).encode("utf-8")
    return spreadsheet.to_xlsx(data)


def is_large(export: ListExport, collaboration: Collaboration) -> bool:
    """More than a page of rows in the collaboration (one COUNT; what the person may see is at most this)."""
    # One COUNT on the area's table, by name through the app registry; the rows themselves come
    # from the area's facts, in the worker.
    model = apps.get_model(export.table)
    return bool(model.objects.filter(**{export.scope: collaboration}).count() > PAGE_ROWS)


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
