"""Signals (with their thread and status) and announced deviations."""

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import permissions
from samen.audit.services import record
from samen.collaborations.models import Collaboration, Partner
from samen.core import formatting
from samen.core.numbers import parse_dutch_decimal
from samen.core.services import require, save_versioned
from samen.experiences.models import (
    Addressee,
    Article,
    Deviation,
    DeviationAcknowledgement,
    Signal,
    SignalKind,
    SignalReply,
    SignalStatus,
)
from samen.experiences.services.people import absolute_url, contacts, facilitators
from samen.notifications.services import Kind, notify

if TYPE_CHECKING:
    from samen.accounts.models import Person

MAX_AMOUNT = Decimal("999999999999.99")
MAX_TEXT = 10_000
STATUS_MOVES = {
    SignalStatus.OPEN: {SignalStatus.TALKING, SignalStatus.CLOSED},
    SignalStatus.TALKING: {SignalStatus.CLOSED},
    SignalStatus.CLOSED: {SignalStatus.TALKING},
}


def parse_amount(value: Decimal | str | None) -> Decimal | None:
    """An amount in euro: a Decimal, or text as Dutch people type it ("1.250,50", "€ 300")."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        amount = parse_dutch_decimal(value)
    except ValueError:
        raise ValidationError(
            {"amount": _("Het bedrag is geen getal. Schrijf het bijvoorbeeld als 1.250,00.")}, code="amount"
        ) from None
    if amount < 0:
        raise ValidationError({"amount": _("Een bedrag kan niet negatief zijn.")}, code="amount")
    if amount > MAX_AMOUNT:
        raise ValidationError({"amount": _("Dit bedrag is te groot.")}, code="amount")
    return amount.quantize(Decimal("0.01"))


def _article_of(collaboration: Collaboration, article: Article | None) -> Article | None:
    if article is not None and article.agreement.collaboration_id != collaboration.pk:
        raise ValidationError({"article": _("Dit artikel hoort niet bij deze samenwerking.")}, code="article")
    return article


def addressees_of(signal: Signal) -> Any:
    collaboration = signal.collaboration
    if signal.addressee == Addressee.PARTNER:
        return contacts(collaboration, [signal.addressee_partner_id])
    if signal.addressee == Addressee.FACILITATOR:
        return facilitators(collaboration)
    return contacts(collaboration) | facilitators(collaboration)


def _tell(signal: Signal, recipients: Any, subject: str, body: str, *, exclude: Any) -> None:
    notify(
        kind=Kind.SIGNAL_ADDRESSED,
        recipients=list(recipients.exclude(pk=getattr(exclude, "pk", None)).distinct()),
        subject=subject,
        body=body,
        url=absolute_url("experiences:signal", signal.collaboration_id, signal.pk),
        collaboration=signal.collaboration,
        addressed=signal.addressee != Addressee.EVERYONE,
    )


def raise_signal(
    *,
    collaboration: Collaboration,
    by: "Person",
    from_partner: Partner | None,
    kind: str,
    subject: str,
    text: str,
    addressee: str,
    addressee_partner: Partner | None = None,
    article: Article | None = None,
    amount: Decimal | str | None = None,
) -> Signal:
    """Share an experience early, addressed to a partner, the facilitator or everyone."""
    require(
        permissions.can_raise_signal(by, collaboration, from_partner),
        str(permissions.RAISE_SIGNAL_REFUSED),
    )
    errors: dict[str, str] = {}
    if kind not in SignalKind.values:
        errors["kind"] = _("Kies de soort signaal.")
    if not subject.strip():
        errors["subject"] = _("Geef het signaal een kort onderwerp.")
    elif len(subject.strip()) > 200:
        errors["subject"] = _("Het onderwerp is te lang (hoogstens 200 tekens).")
    if not text.strip():
        errors["text"] = _("Licht het signaal toe: wat merkt u, en sinds wanneer?")
    elif len(text) > MAX_TEXT:
        errors["text"] = _("De toelichting is te lang (hoogstens 10.000 tekens).")
    if addressee not in Addressee.values:
        errors["addressee"] = _("Kies aan wie het signaal gericht is.")
    elif addressee == Addressee.PARTNER:
        if addressee_partner is None:
            errors["addressee_partner"] = _("Kies de partner aan wie het signaal gericht is.")
        elif addressee_partner.collaboration_id != collaboration.pk or not addressee_partner.is_current:
            errors["addressee_partner"] = _("Deze organisatie is geen partner van deze samenwerking.")
        elif from_partner is not None and addressee_partner.pk == from_partner.pk:
            errors["addressee_partner"] = _("Een signaal richt u aan een andere partner dan uw eigen organisatie.")
    else:
        addressee_partner = None
    if errors:
        raise ValidationError(errors)
    article = _article_of(collaboration, article)
    parsed_amount = parse_amount(amount)
    with transaction.atomic():
        signal = Signal.objects.create(
            collaboration=collaboration,
            kind=kind,
            subject=subject.strip(),
            text=text.strip(),
            from_partner=from_partner,
            raised_by=by,
            article=article,
            amount=parsed_amount,
            addressee=addressee,
            addressee_partner=addressee_partner,
        )
        record(
            by,
            "signal.raised",
            signal,
            collaboration=collaboration,
            after={
                "kind": kind,
                "subject": signal.subject,
                "from": signal.sender_label,
                "to": signal.addressee_label,
                "article": article.label if article else "",
                "amount": parsed_amount,
            },
        )
        _tell(
            signal,
            addressees_of(signal),
            _("Signaal van %(sender)s: %(subject)s") % {"sender": signal.sender_label, "subject": signal.subject},
            _("%(sender)s deelt een ervaring (%(kind)s) in %(collaboration)s:\n\n%(text)s")
            % {
                "sender": signal.sender_label,
                "kind": signal.get_kind_display(),
                "collaboration": collaboration,
                "text": signal.text,
            },
            exclude=by,
        )
    return signal


def reply_to_signal(*, signal: Signal, by: "Person", text: str) -> SignalReply:
    """A reply in the signal's thread; the first reply from someone else starts the conversation."""
    collaboration = signal.collaboration
    require(
        permissions.can_reply_to_signal(by, collaboration, signal),
        _("U kunt op dit signaal niet (meer) reageren."),
    )
    if not text.strip():
        raise ValidationError({"text": _("Schrijf een reactie.")}, code="empty")
    if len(text) > MAX_TEXT:
        raise ValidationError({"text": _("De reactie is te lang (hoogstens 10.000 tekens).")}, code="too_long")
    mine = permissions.partners_acted_for(by, collaboration)
    partner_id = next(
        (pid for pid in (signal.addressee_partner_id, signal.from_partner_id) if pid in mine), next(iter(mine), None)
    )
    with transaction.atomic():
        reply = SignalReply.objects.create(signal=signal, by=by, partner_id=partner_id, text=text.strip())
        record(by, "signal.replied", signal, collaboration=collaboration, after={"reply": str(reply.pk)})
        if signal.status == SignalStatus.OPEN and signal.raised_by_id != getattr(by, "pk", None):
            save_versioned(signal, None, {"status": SignalStatus.TALKING, "status_changed_at": timezone.now()})
            record(
                by,
                "signal.status_changed",
                signal,
                collaboration=collaboration,
                before={"status": SignalStatus.OPEN},
                after={"status": SignalStatus.TALKING},
            )
        if signal.raised_by_id == getattr(by, "pk", None):
            recipients = addressees_of(signal)
        else:
            sender_side = (
                contacts(collaboration, [signal.from_partner_id])
                if signal.from_partner_id
                else facilitators(collaboration)
            )
            recipients = sender_side
        _tell(
            signal,
            recipients,
            _("Reactie op het signaal: %(subject)s") % {"subject": signal.subject},
            _("%(person)s reageerde:\n\n%(text)s") % {"person": by, "text": reply.text},
            exclude=by,
        )
    return reply


def change_signal_status(
    *, signal: Signal, by: "Person", status: str, outcome: str = "", expected_version: int | None = None
) -> Signal:
    """open → in gesprek → afgerond (with the outcome); a closed signal can be reopened."""
    collaboration = signal.collaboration
    require(
        permissions.can_change_signal_status(by, collaboration, signal),
        _("Alleen de facilitator en de betrokken partners veranderen de status van een signaal."),
    )
    if status not in SignalStatus.values:
        raise ValidationError({"status": _("Kies een bestaande status.")}, code="status")
    if status == signal.status:
        raise ValidationError({"status": _("Het signaal heeft deze status al.")}, code="same_status")
    if status not in STATUS_MOVES[SignalStatus(signal.status)]:
        raise ValidationError({"status": _("Deze stap kan niet vanuit de huidige status.")}, code="move")
    outcome = outcome.strip()
    if status == SignalStatus.CLOSED and not outcome:
        raise ValidationError(
            {"outcome": _("Beschrijf de uitkomst voordat u het signaal afrondt: wat is afgesproken?")},
            code="outcome",
        )
    if len(outcome) > MAX_TEXT:
        raise ValidationError({"outcome": _("De uitkomst is te lang (hoogstens 10.000 tekens).")})
    before = {"status": signal.status, "outcome": signal.outcome}
    fields = {"status": status, "status_changed_at": timezone.now()}
    if status == SignalStatus.CLOSED:
        fields["outcome"] = outcome
    with transaction.atomic():
        save_versioned(signal, expected_version, fields)
        record(
            by,
            "signal.status_changed",
            signal,
            collaboration=collaboration,
            before=before,
            after={"status": status, "outcome": signal.outcome},
        )
    return signal


# --- deviations -------------------------------------------------------------------------------


def announce_deviation(
    *,
    collaboration: Collaboration,
    by: "Person",
    partner: Partner,
    article: Article | None,
    reason: str,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None = None,
) -> Deviation:
    """A partner says, before doing so, that it will deviate from an article: why and from when."""
    require(
        permissions.can_announce_deviation(by, collaboration, partner),
        _("Alleen contactpersonen van %(partner)s kondigen een afwijking van %(partner)s aan.") % {"partner": partner},
    )
    errors: dict[str, str] = {}
    if article is None:
        errors["article"] = _("Kies het artikel waarvan uw organisatie afwijkt.")
    if not reason.strip():
        errors["reason"] = _("Leg uit waarom uw organisatie afwijkt; dat voorkomt scheurtjes.")
    elif len(reason) > MAX_TEXT:
        errors["reason"] = _("De uitleg is te lang (hoogstens 10.000 tekens).")
    if starts_on is None:
        errors["starts_on"] = _("Vul in vanaf wanneer uw organisatie afwijkt.")
    elif ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = _("De einddatum ligt vóór de begindatum.")
    if errors:
        raise ValidationError(errors)
    article = _article_of(collaboration, article)
    assert article is not None
    assert starts_on is not None
    with transaction.atomic():
        deviation = Deviation.objects.create(
            collaboration=collaboration,
            partner=partner,
            article=article,
            reason=reason.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            announced_by=by,
        )
        record(
            by,
            "deviation.announced",
            deviation,
            collaboration=collaboration,
            after={"partner": str(partner), "article": article.label, "starts_on": starts_on, "ends_on": ends_on},
        )
        others = contacts(collaboration).exclude(
            pk__in=contacts(collaboration, [partner.pk]).values("pk")
        ) | facilitators(collaboration)
        notify(
            kind=Kind.SIGNAL_ADDRESSED,
            recipients=list(others.exclude(pk=by.pk).distinct()),
            subject=_("%(partner)s wijkt af van %(article)s") % {"partner": partner, "article": article.label},
            body=_("%(partner)s kondigt aan af te wijken van %(article)s vanaf %(date)s.\n\nWaarom: %(reason)s")
            % {
                "partner": partner,
                "article": article.label,
                "date": formatting.date(starts_on),
                "reason": deviation.reason,
            },
            url=absolute_url("experiences:deviations", collaboration.pk),
            collaboration=collaboration,
        )
    return deviation


def acknowledge_deviation(
    *, deviation: Deviation, by: "Person", partner: Partner, comment: str = ""
) -> DeviationAcknowledgement:
    """Another partner takes note (once per partner; a second time changes nothing)."""
    collaboration = deviation.collaboration
    require(
        permissions.can_acknowledge_deviation(by, collaboration, partner),
        _("Alleen contactpersonen van %(partner)s nemen kennis namens %(partner)s.") % {"partner": partner},
    )
    if partner.pk == deviation.partner_id:
        raise ValidationError(
            _("Dit is de afwijking van uw eigen organisatie; de andere partners nemen er kennis van."), code="own"
        )
    if len(comment) > MAX_TEXT:
        raise ValidationError({"comment": _("De opmerking is te lang (hoogstens 10.000 tekens).")})
    existing = DeviationAcknowledgement.objects.filter(deviation=deviation, partner=partner).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            acknowledgement = DeviationAcknowledgement.objects.create(
                deviation=deviation, partner=partner, by=by, comment=comment.strip()
            )
            record(
                by,
                "deviation.acknowledged",
                deviation,
                collaboration=collaboration,
                after={"partner": str(partner), "comment": acknowledgement.comment},
            )
    except IntegrityError:
        return DeviationAcknowledgement.objects.get(deviation=deviation, partner=partner)
    return acknowledgement


def awaiting_acknowledgement(deviation: Deviation, partner_ids: set[Any]) -> set[Any]:
    """Of ``partner_ids``, those that have not yet taken note of ``deviation``."""
    done = deviation.acknowledged_partner_ids()
    return {pid for pid in partner_ids if pid != deviation.partner_id and pid not in done}
