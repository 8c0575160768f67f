"""Assembling digests: every person's waiting events of a period become one mail."""

import datetime
from functools import partial

import structlog
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from samen.notifications.delivery import enqueue_delivery
from samen.notifications.models import DIGEST_CADENCES, Event, Mail

log = structlog.get_logger("samen.notifications")

PEOPLE_PER_TRANSACTION = 500


def assemble_digests(period: str, *, now: datetime.datetime | None = None) -> list[str]:
    """One digest mail per person with events waiting for the ``period`` digest; returns the mail ids.

    Events are tied to their mail with a conditional UPDATE (``mail IS NULL``), so running the
    command twice, or two runs at once, never puts an event in two digests (a mail left without
    events by a concurrent run is deleted before it is queued). Sending is queued
    for the task worker as each group of people commits.
    """
    if period not in DIGEST_CADENCES:
        raise ValueError(f"period must be one of {DIGEST_CADENCES}, not {period!r}")
    now = now or timezone.now()
    waiting = Event.objects.filter(cadence=period, mail__isnull=True, created_at__lte=now, recipient__is_active=True)
    people = list(waiting.order_by().values_list("recipient_id", flat=True).distinct())
    mail_ids: list[str] = []
    for start in range(0, len(people), PEOPLE_PER_TRANSACTION):
        group = people[start : start + PEOPLE_PER_TRANSACTION]
        with transaction.atomic():
            mails = Mail.objects.bulk_create(
                [
                    Mail(recipient_id=person_id, cadence=period, created_at=now, next_attempt_at=now).name_message()
                    for person_id in group
                ]
            )
            created = [mail.pk for mail in mails]
            # One UPDATE for the whole group: each waiting event gets its person's new mail.
            Event.objects.filter(recipient_id__in=group, cadence=period, mail__isnull=True, created_at__lte=now).update(
                mail=Subquery(
                    Mail.objects.filter(pk__in=created, recipient_id=OuterRef("recipient_id")).values("pk")[:1]
                )
            )
            filled = [
                str(pk)
                for pk in Event.objects.filter(mail_id__in=created)
                .order_by()
                .values_list("mail_id", flat=True)
                .distinct()
            ]
            Mail.objects.filter(pk__in=created).exclude(pk__in=filled).delete()
            transaction.on_commit(partial(enqueue_delivery, filled))
        mail_ids.extend(filled)
    log.info("notifications.digests_assembled", period=period, mails=len(mail_ids))
    return mail_ids
