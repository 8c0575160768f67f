"""Check-ins: schedule (one or a series), answer once (anonymously), close."""

import datetime
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import permissions
from samen.audit.services import record
from samen.collaborations.models import Collaboration, Partner
from samen.core import formatting
from samen.core.services import require, save_versioned
from samen.experiences.models import (
    CONTENT_SCORES,
    RELATIONSHIP_SCORES,
    CheckIn,
    CheckInParticipation,
    CheckInResponse,
)

if TYPE_CHECKING:
    from samen.accounts.models import Person

MAX_IN_SERIES = 12
MAX_COMMENT = 2000
ALREADY_ANSWERED = "already_answered"


def schedule_checkins(
    *,
    collaboration: Collaboration,
    by: "Person",
    first_opens_on: datetime.date | None,
    open_days: int = 14,
    count: int = 1,
    interval_weeks: int = 6,
    title: str = "",
) -> list[CheckIn]:
    """One check-in, or a series of ``count`` every ``interval_weeks`` weeks, each open ``open_days`` days."""
    require(permissions.can_schedule_checkins(by, collaboration), str(permissions.SCHEDULE_CHECKINS_REFUSED))
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if first_opens_on is None:
        errors["first_opens_on"] = _("Kies de dag waarop de (eerste) check-in opengaat.")
    elif first_opens_on < today:
        errors["first_opens_on"] = _("Kies vandaag of een dag in de toekomst.")
    if not 1 <= count <= MAX_IN_SERIES:
        errors["count"] = _("Plan 1 tot en met %(max)s check-ins tegelijk.") % {"max": MAX_IN_SERIES}
    if not 1 <= interval_weeks <= 26:
        errors["interval_weeks"] = _("Kies een tussenpoos van 1 tot en met 26 weken.")
    if not 1 <= open_days <= 60:
        errors["open_days"] = _("Een check-in staat 1 tot en met 60 dagen open.")
    elif count > 1 and 1 <= interval_weeks <= 26 and open_days > interval_weeks * 7:
        errors["open_days"] = _("Een check-in sluit voordat de volgende opengaat; kies minder dagen.")
    if len(title) > 150:
        errors["title"] = _("De titel is te lang (hoogstens 150 tekens).")
    if errors:
        raise ValidationError(errors)
    assert first_opens_on is not None
    series = uuid.uuid4() if count > 1 else None
    created = []
    with transaction.atomic():
        for index in range(count):
            opens_on = first_opens_on + datetime.timedelta(weeks=interval_weeks * index)
            label = title.strip() or _("Check-in")
            checkin = CheckIn.objects.create(
                collaboration=collaboration,
                opens_on=opens_on,
                closes_on=opens_on + datetime.timedelta(days=open_days - 1),
                series=series,
                created_by=by,
                title=f"{label} {formatting.date(opens_on)}",
            )
            record(
                by,
                "checkin.scheduled",
                checkin,
                collaboration=collaboration,
                after={"title": checkin.title, "opens_on": checkin.opens_on, "closes_on": checkin.closes_on},
            )
            created.append(checkin)
    return created


def close_checkin(*, checkin: CheckIn, by: "Person", expected_version: int | None = None) -> CheckIn:
    """Close early, so that the results become visible."""
    collaboration = checkin.collaboration
    require(permissions.can_schedule_checkins(by, collaboration), _("Alleen de facilitator sluit een check-in."))
    if checkin.is_closed:
        raise ValidationError(_("Deze check-in is al gesloten."), code="closed")
    if not checkin.is_open:
        raise ValidationError(_("Deze check-in is nog niet open; verplaats of wacht tot hij opengaat."), code="planned")
    with transaction.atomic():
        save_versioned(checkin, expected_version, {"closed_at": timezone.now()})
        record(by, "checkin.closed", checkin, collaboration=collaboration, after={"closed_at": checkin.closed_at})
    return checkin


def has_answered(checkin: CheckIn, person: "Person") -> bool:
    return CheckInParticipation.objects.filter(checkin=checkin, person=person).exists()


def answer_checkin(
    *,
    checkin: CheckIn,
    by: "Person",
    partner: Partner,
    scores: Mapping[str, Any],
    going_well: str = "",
    sticking: str = "",
    relationship_comment: str = "",
) -> None:
    """Store one anonymous answer (see ``samen.experiences.results``) and note that ``by`` answered.

    Returns nothing on purpose: no caller needs the stored answer, and none should show it.
    """
    collaboration = checkin.collaboration
    if partner.collaboration_id != collaboration.pk:
        raise ValidationError(_("Deze partner hoort niet bij deze samenwerking."), code="partner")
    require(
        permissions.can_answer_checkin(by, collaboration, partner),
        str(permissions.ANSWER_CHECKIN_REFUSED),
    )
    if checkin.is_closed:
        raise ValidationError(_("Deze check-in is gesloten; antwoorden kan niet meer."), code="closed")
    if not checkin.is_open:
        raise ValidationError(_("Deze check-in is nog niet open."), code="planned")
    errors: dict[str, str] = {}
    values: dict[str, int] = {}
    for name, label in CONTENT_SCORES + RELATIONSHIP_SCORES:
        raw = scores.get(name)
        try:
            value = int(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            value = 0
        if str(raw).strip() != str(value) or not 1 <= value <= 5:
            errors[name] = _("Kies bij ‘%(label)s’ een score van 1 tot en met 5.") % {"label": label}
        values[name] = value
    comments = {"going_well": going_well, "sticking": sticking, "relationship_comment": relationship_comment}
    for name, text in comments.items():
        if len(text) > MAX_COMMENT:
            errors[name] = _("Deze opmerking is te lang (hoogstens 2.000 tekens).")
    if errors:
        raise ValidationError(errors)
    if has_answered(checkin, by):
        raise ValidationError(
            _("U heeft deze check-in al ingevuld. Elke contactpersoon antwoordt één keer."), code=ALREADY_ANSWERED
        )
    try:
        with transaction.atomic():
            CheckInParticipation.objects.create(checkin=checkin, person=by)
            CheckInResponse.objects.create(
                checkin=checkin, partner=partner, **values, **{k: v.strip() for k, v in comments.items()}
            )
            # The audit event says that someone answered, never what.
            record(by, "checkin.answered", checkin, collaboration=collaboration, after={"answered": True})
    except IntegrityError as exc:
        raise ValidationError(
            _("U heeft deze check-in al ingevuld. Elke contactpersoon antwoordt één keer."), code=ALREADY_ANSWERED
        ) from exc
