"""What Deel ervaringen asks of a person now: a check-in to answer, a signal that waits for a reply."""

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import permissions
from samen.experiences.models import Addressee, CheckIn, CheckInParticipation, Signal
from samen.experiences.services.reminders import SIGNAL_WAIT_DAYS
from samen.todo.items import Kind, TodoItem, acting_partners, item

if TYPE_CHECKING:
    from samen.accounts.models import Person


def open_actions(person: "Person", collaboration_ids: Sequence[UUID]) -> list[TodoItem]:
    """Open check-ins the person has not answered, and signals to their partner (or to them as facilitator)."""
    partners = acting_partners(person, collaboration_ids)
    facilitated = permissions.facilitated_ids(person, collaboration_ids)
    return _checkins(person, partners) + _signals(person, partners, facilitated)


def _checkins(person: "Person", partners: dict[UUID, Any]) -> list[TodoItem]:
    """One query: answering is for contacts of a current partner; whether they answered is all we ask."""
    if not partners:
        return []
    answered = CheckInParticipation.objects.filter(person=person).values("checkin_id")
    checkins = (
        CheckIn.objects.open()
        .filter(collaboration_id__in={p.collaboration_id for p in partners.values()})
        .exclude(pk__in=answered)
        .values_list("pk", "title", "closes_on", "collaboration_id", "collaboration__name")
    )
    return [
        item(
            Kind.CHECKIN,
            _("Vul de check-in ‘%(title)s’ in") % {"title": title},
            collaboration_id,
            collaboration_name,
            reverse("experiences:checkin", args=[collaboration_id, pk]),
            closes_on,
        )
        for pk, title, closes_on, collaboration_id, collaboration_name in checkins
    ]


def _signals(person: "Person", partners: dict[UUID, Any], facilitated: set[UUID]) -> list[TodoItem]:
    """One query: open signals addressed to the person's partner, or to the facilitator, nobody answered yet."""
    addressed = Q(addressee=Addressee.PARTNER, addressee_partner_id__in=list(partners))
    if facilitated:
        addressed |= Q(
            addressee=Addressee.FACILITATOR, collaboration_id__in=facilitated, collaboration__workspace_active=True
        )
    if not partners and not facilitated:
        return []
    signals = (
        Signal.objects.awaiting_reply()
        .filter(addressed)
        .exclude(raised_by=person)
        .values_list(
            "pk", "subject", "created_at", "collaboration_id", "collaboration__name", "from_partner__organisation__name"
        )
    )
    wait = datetime.timedelta(days=SIGNAL_WAIT_DAYS)
    found = []
    for pk, subject, created_at, collaboration_id, collaboration_name, sender in signals:
        text = _("Reageer op het signaal ‘%(subject)s’ van %(sender)s") % {
            "subject": subject,
            "sender": sender or _("de facilitator"),
        }
        url = reverse("experiences:signal", args=[collaboration_id, pk])
        due = timezone.localdate(created_at + wait)
        found.append(item(Kind.SIGNAL, text, collaboration_id, collaboration_name, url, due))
    return found
