"""E-mail reminders for open check-ins and for signals still waiting for a reply (run daily by cron)."""

import datetime
from dataclasses import dataclass

import structlog
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samen.audit.services import record
from samen.core import formatting
from samen.experiences.models import CheckIn, CheckInParticipation, Signal
from samen.experiences.services.people import absolute_url, contacts
from samen.experiences.services.signals import addressees_of
from samen.notifications.services import Kind, notify

log = structlog.get_logger("samen.experiences")

# A signal waits for a reply once it is this old and nobody but its author has answered.
SIGNAL_WAIT_DAYS = 3
# Nobody is reminded of the same thing more often than this.
REMIND_EVERY_DAYS = 7


@dataclass
class ReminderReport:
    checkins: int = 0
    checkin_people: int = 0
    signals: int = 0
    signal_people: int = 0


def _due(reminded_at: datetime.datetime | None, now: datetime.datetime) -> bool:
    return reminded_at is None or now - reminded_at >= datetime.timedelta(days=REMIND_EVERY_DAYS)


def send_reminders(*, now: datetime.datetime | None = None, dry_run: bool = False) -> ReminderReport:
    """Remind contacts who have not answered an open check-in, and addressees of waiting signals."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    report = ReminderReport()
    cutoff = now - datetime.timedelta(days=REMIND_EVERY_DAYS)
    due = Q(reminded_at__isnull=True) | Q(reminded_at__lte=cutoff)
    for checkin in (
        CheckIn.objects.open(today).filter(due, collaboration__workspace_active=True).select_related("collaboration")
    ):
        answered = CheckInParticipation.objects.filter(checkin=checkin).values("person_id")
        recipients = list(contacts(checkin.collaboration).exclude(pk__in=answered))
        report.checkins += 1
        report.checkin_people += len(recipients)
        if dry_run:
            continue
        with transaction.atomic():
            if recipients:
                notify(
                    kind=Kind.CHECKIN_OPEN,
                    recipients=recipients,
                    subject=_("Check-in open: %(title)s") % {"title": checkin.title},
                    body=_(
                        "De check-in van %(collaboration)s staat open tot en met %(date)s. Het kost vijf minuten; "
                        "uw antwoorden zijn anoniem en worden alleen samengevat getoond."
                    )
                    % {"collaboration": checkin.collaboration, "date": formatting.date(checkin.closes_on)},
                    url=absolute_url("experiences:checkin", checkin.collaboration_id, checkin.pk),
                    collaboration=checkin.collaboration,
                )
            CheckIn.objects.filter(pk=checkin.pk).update(reminded_at=now)
            record(
                None,
                "checkin.reminded",
                checkin,
                collaboration=checkin.collaboration,
                after={"recipients": len(recipients)},
            )
    waiting = (
        Signal.objects.awaiting_reply()
        .filter(due, created_at__lte=now - datetime.timedelta(days=SIGNAL_WAIT_DAYS))
        .filter(collaboration__workspace_active=True)
        .select_related("collaboration", "from_partner__organisation", "addressee_partner__organisation")
    )
    for signal in waiting:
        recipients = list(addressees_of(signal).exclude(pk=signal.raised_by_id).distinct())
        report.signals += 1
        report.signal_people += len(recipients)
        if dry_run:
            continue
        with transaction.atomic():
            if recipients:
                notify(
                    kind=Kind.SIGNAL_ADDRESSED,
                    recipients=recipients,
                    subject=_("Signaal wacht op een reactie: %(subject)s") % {"subject": signal.subject},
                    body=_("%(sender)s gaf %(days)s dagen geleden dit signaal en wacht nog op een reactie:\n\n%(text)s")
                    % {"sender": signal.sender_label, "days": signal.age_days, "text": signal.text},
                    url=absolute_url("experiences:signal", signal.collaboration_id, signal.pk),
                    collaboration=signal.collaboration,
                )
            Signal.objects.filter(pk=signal.pk).update(reminded_at=now)
            record(
                None,
                "signal.reminded",
                signal,
                collaboration=signal.collaboration,
                after={"recipients": len(recipients)},
            )
    log.info("experiences.reminders", **report.__dict__, dry_run=dry_run)
    return report
