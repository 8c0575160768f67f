"""Holding each other to account (aanspreken): a question, replies, and an outcome."""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import permissions
from samen.audit.services import record
from samen.collaborations import people
from samen.collaborations.models import Collaboration, Partner
from samen.core.services import require
from samen.goals.models import (
    AccountabilityReply,
    AccountabilityRequest,
    Commitment,
    Outcome,
    RequestStatus,
    Result,
)
from samen.goals.services.common import acting_partner, clean_text
from samen.goals.services.consent import goal_url
from samen.notifications.services import Kind, notify

if TYPE_CHECKING:
    from samen.accounts.models import Person


def raise_accountability_request(
    *,
    collaboration: Collaboration,
    by: "Person",
    question: str,
    commitment: Commitment | None = None,
    result: Result | None = None,
    partner: Partner | None = None,
) -> AccountabilityRequest:
    """Ask the partner that owns a commitment or result about it: visible to all, asking for a reply."""
    if (commitment is None) == (result is None):
        raise ValidationError(_("Kies de afspraak of het resultaat waarover u de partner aanspreekt."))
    subject: Commitment | Result = commitment if commitment is not None else result  # type: ignore[assignment]
    goal = subject.goal
    if goal.collaboration_id != collaboration.pk:
        raise ValidationError(
            _(
                "Deze afspraak of dit resultaat hoort niet bij deze samenwerking. "
                "U kunt alleen partners aanspreken op wat zij in deze samenwerking hebben afgesproken."
            ),
            code="other_collaboration",
        )
    owner = commitment.partner if commitment is not None else result.owner_partner  # type: ignore[union-attr]
    raising = acting_partner(by, collaboration, partner)
    if raising.pk == owner.pk:
        raise ValidationError(
            _("Dit is van uw eigen organisatie. Aanspreken doet u bij een andere partner."), code="own_partner"
        )
    require(
        permissions.can_raise_accountability(by, raising, owner),
        _("Alleen contactpersonen van een partner kunnen een andere partner aanspreken."),
    )
    question = clean_text(question)
    if not question:
        raise ValidationError({"question": _("Stel uw vraag: wat ziet u, en wat vraagt u van de ander?")})
    with transaction.atomic():
        request = AccountabilityRequest.objects.create(
            collaboration=collaboration,
            goal=goal,
            commitment=commitment,
            result=result,
            raised_by=by,
            raised_by_partner=raising,
            addressed_to=owner,
            question=question,
        )
        record(
            by,
            "goal.accountability_raised",
            request,
            collaboration=collaboration,
            after={"subject": str(subject), "from": str(raising), "to": str(owner), "question": question},
        )
        recipients = people.contacts(collaboration, [owner])
        notify(
            kind=Kind.ACCOUNTABILITY_ADDRESSED,
            recipients=list(recipients),
            subject=_("%(partner)s spreekt u aan op: %(subject)s")
            % {"partner": raising.organisation, "subject": subject},
            body=question,
            url=goal_url(goal),
            collaboration=collaboration,
            addressed=True,
        )
    return request


def reply_to_accountability_request(*, request: AccountabilityRequest, by: "Person", text: str) -> AccountabilityReply:
    """A reply in the conversation; the addressed partner's first reply marks the request answered."""
    require(
        permissions.can_reply_accountability(by, request.raised_by_partner, request.addressed_to),
        _("Alleen de betrokken partners (en de facilitator) kunnen hierop reageren."),
    )
    if request.is_closed:
        raise ValidationError(_("Dit aanspreekverzoek is afgerond; reageren kan niet meer."), code="closed")
    text = clean_text(text)
    if not text:
        raise ValidationError({"text": _("Schrijf uw reactie.")})
    answering = permissions.acts_for(by, request.addressed_to)
    partner = (
        request.addressed_to
        if answering
        else (request.raised_by_partner if permissions.acts_for(by, request.raised_by_partner) else None)
    )
    with transaction.atomic():
        reply = AccountabilityReply.objects.create(request=request, person=by, partner=partner, text=text)
        if answering and request.status == RequestStatus.OPEN:
            request.status = RequestStatus.ANSWERED
            request.save(update_fields=["status"])
        record(by, "goal.accountability_replied", request, collaboration=request.collaboration, after={"text": text})
    return reply


def close_accountability_request(
    *, request: AccountabilityRequest, by: "Person", outcome: str, text: str = ""
) -> AccountabilityRequest:
    """The asking partner records how it ended: kept, adjusted, or not resolved."""
    require(
        permissions.can_close_accountability(by, request.raised_by_partner),
        _("Alleen de partner die de vraag stelde (of de facilitator) legt de uitkomst vast."),
    )
    if request.is_closed:
        raise ValidationError(_("Dit aanspreekverzoek is al afgerond."), code="closed")
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Kies een uitkomst.")})
    text = clean_text(text)
    if outcome != Outcome.KEPT and not text:
        raise ValidationError({"outcome_text": _("Beschrijf wat er is afgesproken of waarom het niet is opgelost.")})
    with transaction.atomic():
        request.status, request.outcome, request.outcome_text = RequestStatus.CLOSED, outcome, text
        request.closed_at, request.closed_by = timezone.now(), by
        request.save(update_fields=["status", "outcome", "outcome_text", "closed_at", "closed_by"])
        record(
            by,
            "goal.accountability_closed",
            request,
            collaboration=request.collaboration,
            after={"outcome": outcome, "text": text},
        )
    return request
