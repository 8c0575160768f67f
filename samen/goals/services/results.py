"""Results with owners and progress, and the commitments partners make."""

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import permissions
from samen.audit.services import record
from samen.collaborations.models import Partner
from samen.core.services import require
from samen.goals.models import (
    Commitment,
    CommitmentStatus,
    Goal,
    ProgressUpdate,
    Result,
    result_reached,
)
from samen.goals.services.common import clean_text, collect, parse_number, raise_if
from samen.goals.signals import result_target_reached

if TYPE_CHECKING:
    from samen.accounts.models import Person

# The same measurement submitted twice within this window is one measurement.
DOUBLE_SUBMIT_WINDOW = datetime.timedelta(minutes=2)


def _check_owner(
    errors: dict[str, list[str]],
    goal: Goal,
    partner: Partner | None,
    person: "Person",
    partner_field: str,
    person_field: str,
) -> None:
    if partner is None or partner.collaboration_id != goal.collaboration_id or not partner.is_current:
        collect(errors, partner_field, _("Kies een partner van deze samenwerking."))
    elif person is None or not permissions.acts_for(person, partner):
        collect(
            errors,
            person_field,
            _("Kies iemand die namens %(partner)s in deze samenwerking werkt.") % {"partner": partner.organisation},
        )


def add_result(
    *,
    goal: Goal,
    by: "Person",
    indicator: str,
    unit: str,
    baseline: Any,
    target: Any,
    due_on: datetime.date | None,
    owner_partner: Partner | None,
    owner_person: "Person",
    baseline_on: datetime.date | None = None,
) -> Result:
    """A measurable result under ``goal``: from a baseline to a target by a date, with an owner."""
    collaboration = goal.collaboration
    require(
        permissions.can_add_result(by, collaboration),
        str(permissions.ADD_RESULT_REFUSED),
    )
    errors: dict[str, list[str]] = {}
    indicator, unit = clean_text(indicator), clean_text(unit)
    if not indicator:
        collect(errors, "indicator", _("Beschrijf wat er gemeten wordt."))
    if not unit:
        collect(errors, "unit", _("Noem de eenheid, bijvoorbeeld procent, aantal of euro."))
    numbers = {}
    for field, value, message in (
        ("baseline", baseline, _("De nulmeting moet een getal zijn, bijvoorbeeld 40 of 12,5.")),
        ("target", target, _("De streefwaarde moet een getal zijn, bijvoorbeeld 75 of 12,5.")),
    ):
        try:
            numbers[field] = parse_number(value, field, message)
        except ValidationError:
            collect(errors, field, message)
    if len(numbers) == 2 and numbers["baseline"] == numbers["target"]:
        collect(errors, "target", _("De streefwaarde moet verschillen van de nulmeting."))
    baseline_on = baseline_on or timezone.localdate()
    if baseline_on > timezone.localdate():
        collect(errors, "baseline_on", _("De datum van de nulmeting ligt in de toekomst."))
    if due_on is None:
        collect(errors, "due_on", _("Kies de datum waarop het resultaat bereikt moet zijn."))
    elif due_on <= baseline_on:
        collect(errors, "due_on", _("De datum waarop het resultaat bereikt moet zijn, ligt na de nulmeting."))
    _check_owner(errors, goal, owner_partner, owner_person, "owner_partner", "owner_person")
    raise_if(errors)
    assert due_on is not None
    assert owner_partner is not None
    with transaction.atomic():
        result = Result.objects.create(
            goal=goal,
            indicator=indicator,
            unit=unit,
            baseline=numbers["baseline"],
            baseline_on=baseline_on,
            target=numbers["target"],
            due_on=due_on,
            owner_partner=owner_partner,
            owner_person=owner_person,
            created_by=by,
        )
        record(
            by,
            "goal.result_added",
            result,
            collaboration=collaboration,
            after={
                "indicator": indicator,
                "unit": unit,
                "baseline": result.baseline,
                "target": result.target,
                "due_on": due_on,
                "owner_partner": str(owner_partner),
                "owner_person": str(owner_person),
            },
        )
    return result


def record_progress(
    *, result: Result, by: "Person", value: Any, measured_on: datetime.date | None, note: str = ""
) -> ProgressUpdate:
    """A measurement of ``result``. Not in the future; the history is kept and the latest by date counts."""
    require(
        permissions.can_record_progress(by, result.owner_partner),
        str(permissions.RECORD_PROGRESS_REFUSED),
    )
    errors: dict[str, list[str]] = {}
    number = None
    try:
        number = parse_number(value, "value", _("De gemeten waarde moet een getal zijn, bijvoorbeeld 52 of 12,5."))
    except ValidationError as error:
        errors.update(error.message_dict)
    today = timezone.localdate()
    if measured_on is None:
        collect(errors, "measured_on", _("Kies de datum van de meting."))
    elif measured_on > today:
        collect(
            errors,
            "measured_on",
            _("De peildatum ligt in de toekomst. Meld alleen gemeten voortgang, met de datum van de meting."),
        )
    elif measured_on < result.baseline_on:
        collect(errors, "measured_on", _("De peildatum ligt vóór de nulmeting."))
    raise_if(errors)
    assert number is not None
    assert measured_on is not None
    note = clean_text(note)
    with transaction.atomic():
        result = Result.objects.select_for_update(of=("self",)).select_related("goal__collaboration").get(pk=result.pk)
        repeated = ProgressUpdate.objects.filter(
            result=result,
            value=number,
            measured_on=measured_on,
            note=note,
            person=by,
            created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
        ).first()
        if repeated is not None:
            return repeated
        was_reached = result_reached(result)
        update = ProgressUpdate.objects.create(
            result=result, value=number, measured_on=measured_on, note=note, person=by
        )
        latest = result.updates.order_by("-measured_on", "-created_at").values("value", "measured_on").first()
        assert latest is not None
        Result.objects.filter(pk=result.pk).update(current_value=latest["value"], current_on=latest["measured_on"])
        result.current_value, result.current_on = latest["value"], latest["measured_on"]
        record(
            by,
            "goal.progress_recorded",
            update,
            collaboration=result.goal.collaboration,
            after={"result": result.indicator, "value": number, "measured_on": measured_on, "note": note},
        )
        if not was_reached and result_reached(result):
            collaboration = result.goal.collaboration
            transaction.on_commit(
                lambda: result_target_reached.send(
                    sender=Result, result=result, progress_update=update, collaboration=collaboration
                )
            )
    return update


def add_commitment(
    *, goal: Goal, by: "Person", partner: Partner | None, what: str, who: Any, due_on: datetime.date | None
) -> Commitment:
    """A partner commits to an action: what, who, by when. Only on behalf of one's own partner."""
    if partner is None or partner.collaboration_id != goal.collaboration_id:
        raise ValidationError({"partner": _("Kies een partner van deze samenwerking.")})
    require(
        permissions.can_write_for(by, partner),
        _("U kunt alleen afspraken vastleggen namens uw eigen organisatie."),
    )
    errors: dict[str, list[str]] = {}
    what = clean_text(what)
    if not what:
        collect(errors, "what", _("Beschrijf wat er gedaan wordt."))
    if due_on is None:
        collect(errors, "due_on", _("Kies de datum waarop het gedaan is."))
    elif due_on < timezone.localdate():
        collect(errors, "due_on", _("Die datum ligt in het verleden. Kies vandaag of later."))
    _check_owner(errors, goal, partner, who, "partner", "who")
    raise_if(errors)
    assert due_on is not None
    with transaction.atomic():
        commitment = Commitment.objects.create(
            goal=goal, partner=partner, what=what, who=who, due_on=due_on, created_by=by
        )
        record(
            by,
            "goal.commitment_made",
            commitment,
            collaboration=goal.collaboration,
            after={"partner": str(partner), "what": what, "who": str(who), "due_on": due_on},
        )
    return commitment


def update_commitment_status(*, commitment: Commitment, by: "Person", status: str) -> Commitment:
    require(
        permissions.can_update_commitment(by, commitment.partner),
        _("Alleen de partner die de afspraak maakte (of de facilitator) kan de status ervan wijzigen."),
    )
    if status not in CommitmentStatus.values:
        raise ValidationError({"status": _("Kies een bestaande status.")})
    if status == commitment.status:
        return commitment
    before = {"status": commitment.status}
    with transaction.atomic():
        commitment.status = status
        commitment.done_on = timezone.localdate() if status == CommitmentStatus.DONE else None
        commitment.save(update_fields=["status", "done_on"])
        record(
            by,
            "goal.commitment_status",
            commitment,
            collaboration=commitment.goal.collaboration,
            before=before,
            after={"status": status},
        )
    return commitment
