"""Ambitions and pledges: what the partners want together, and what each puts in."""

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import permissions
from samen.audit.services import record
from samen.collaborations.models import Collaboration, Partner
from samen.core.services import require, save_versioned
from samen.interests.models import Ambition, Pledge
from samen.interests.services.common import ANY, amount, concurrent_edit, not_your_partner, scale

if TYPE_CHECKING:
    from samen.accounts.models import Person


def _ambition_fields(
    *, title: str, description: str, horizon_year: Any, needed_hours_per_month: Any, needed_budget_euros: Any
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    fields: dict[str, Any] = {"title": (title or "").strip(), "description": (description or "").strip()}
    if not fields["title"]:
        errors["title"] = _("Geef de ambitie een titel.")
    if horizon_year in ("", None):
        fields["horizon_year"] = None
    else:
        try:
            year = int(horizon_year)
        except (TypeError, ValueError):
            year = 0
        if not 2000 <= year <= 2100:
            errors["horizon_year"] = _("Kies als horizon een jaartal tussen 2000 en 2100.")
        fields["horizon_year"] = year
    for name, value, message in (
        ("needed_hours_per_month", needed_hours_per_month, _("Het aantal benodigde uren kan niet negatief zijn.")),
        ("needed_budget_euros", needed_budget_euros, _("Het benodigde budget kan niet negatief zijn.")),
    ):
        try:
            fields[name] = amount(value, name, message)
        except ValidationError as error:
            errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    return fields


def create_ambition(
    *,
    collaboration: Collaboration,
    by: "Person",
    title: str,
    description: str = "",
    horizon_year: Any = None,
    needed_hours_per_month: Any = None,
    needed_budget_euros: Any = None,
) -> Ambition:
    require(
        permissions.can_edit_ambitions(by, collaboration),
        _("Alleen de facilitator en de contactpersonen van de partners kunnen ambities toevoegen."),
    )
    fields = _ambition_fields(
        title=title,
        description=description,
        horizon_year=horizon_year,
        needed_hours_per_month=needed_hours_per_month,
        needed_budget_euros=needed_budget_euros,
    )
    with transaction.atomic():
        ambition = Ambition.objects.create(collaboration=collaboration, created_by=by, **fields)
        record(by, "interests.ambition_created", ambition, collaboration=collaboration, after=fields)
    return ambition


def update_ambition(*, ambition: Ambition, by: "Person", expected_version: int | None, **values: Any) -> Ambition:
    collaboration = ambition.collaboration
    require(
        permissions.can_edit_ambitions(by, collaboration),
        _("Alleen de facilitator en de contactpersonen van de partners kunnen ambities wijzigen."),
    )
    fields = _ambition_fields(**values)
    before = {name: getattr(ambition, name) for name in fields}
    if before == fields:
        return ambition
    with transaction.atomic():
        save_versioned(ambition, expected_version, fields)
        record(by, "interests.ambition_changed", ambition, collaboration=collaboration, before=before, after=fields)
    return ambition


def remove_ambition(*, ambition: Ambition, by: "Person") -> None:
    collaboration = ambition.collaboration
    require(permissions.can_remove_ambition(by, collaboration), _("Alleen de facilitator kan een ambitie verwijderen."))
    with transaction.atomic():
        record(
            by,
            "interests.ambition_removed",
            ambition,
            collaboration=collaboration,
            before={"title": ambition.title, "pledges": ambition.pledges.count()},
        )
        ambition.delete()


# --- pledges -------------------------------------------------------------------------------


def pledge(
    *,
    ambition: Ambition,
    partner: Partner,
    by: "Person",
    urgency: Any,
    hours_per_month: Any = None,
    fte: Any = None,
    budget_euros: Any = None,
    capacity_notes: str = "",
    replaces: Any = ANY,
) -> Pledge:
    """A partner's (new) pledge for an ambition. The previous one stays, marked as superseded.

    ``replaces``: the id of the current pledge the person saw (``None`` when there was none), so
    that two people of one partner changing the pledge at once do not silently overwrite each other.
    """
    collaboration = ambition.collaboration
    require(permissions.can_pledge(by, collaboration, partner), not_your_partner(partner))
    errors: dict[str, Any] = {}
    values: dict[str, Any] = {"capacity_notes": (capacity_notes or "").strip()}
    try:
        values["urgency"] = scale(urgency, "urgency", _("Kies een urgentie van 1 (nauwelijks) tot en met 5 (zeer)."))
    except ValidationError as error:
        errors.update(error.message_dict)
    for name, value, message in (
        ("hours_per_month", hours_per_month, _("Het aantal uren per maand kan niet negatief zijn.")),
        ("fte", fte, _("Het aantal fte kan niet negatief zijn.")),
        ("budget_euros", budget_euros, _("Een budget in euro kan niet negatief zijn.")),
    ):
        try:
            values[name] = amount(value, name, message)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    current = Pledge.objects.current().filter(ambition=ambition, partner=partner).first()
    if replaces is not ANY and str(replaces or "") != str(current.pk if current else ""):
        raise concurrent_edit()
    if current is not None and all(getattr(current, name) == value for name, value in values.items()):
        return current  # the same pledge again (a double submit): nothing changes
    now = timezone.now()
    try:
        with transaction.atomic():
            if current is not None:
                Pledge.objects.filter(pk=current.pk, superseded_at__isnull=True).update(superseded_at=now)
            new = Pledge.objects.create(ambition=ambition, partner=partner, pledged_by=by, pledged_at=now, **values)
            record(
                by,
                "interests.pledged",
                new,
                collaboration=collaboration,
                before={name: getattr(current, name) for name in values} if current else {},
                after={"partner": str(partner), **values},
            )
    except IntegrityError:
        raise concurrent_edit() from None
    return new
