"""Notifications of a past that nobody is mailed about: the demo's generated history.

The demo writes three years of history through the services, and each service tells people what
happened, as it would in real use. Those notifications stay (the notification page shows them, as it
would after years of use), but nobody should get three years of e-mail when the demo starts:
``withhold_past`` marks every mail of that past "niet verstuurd" (``MailStatus.CANCELLED``, with the
reason), and gives the events that were waiting for a daily or weekly digest such a mail too, so
that the next digest holds only what happens from now on.
"""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, Subquery

from samen.audit.services import record
from samen.notifications.models import DIGEST_CADENCES, Event, Mail, MailStatus


def withhold_past(*, before: datetime.datetime, reason: str) -> dict[str, int]:
    """Mails still pending and digest events still waiting, created before ``before``: not sent.

    Returns how many mails were withheld and how many waiting events were settled. Idempotent.
    """
    with transaction.atomic():
        mails = Mail.objects.filter(status=MailStatus.PENDING, created_at__lt=before).update(
            status=MailStatus.CANCELLED, last_error=reason[:2000]
        )
        waiting = Event.objects.filter(mail__isnull=True, cadence__in=DIGEST_CADENCES, created_at__lt=before)
        groups = list(waiting.order_by().values_list("recipient_id", "cadence").distinct())
        settled = 0
        if groups:
            made = Mail.objects.bulk_create(
                [
                    Mail(
                        recipient_id=person_id,
                        cadence=cadence,
                        status=MailStatus.CANCELLED,
                        last_error=reason[:2000],
                        created_at=before,
                        next_attempt_at=before,
                    )
                    for person_id, cadence in groups
                ]
            )
            ids = [mail.pk for mail in made]
            settled = waiting.update(
                mail=Subquery(
                    Mail.objects.filter(
                        pk__in=ids, recipient_id=OuterRef("recipient_id"), cadence=OuterRef("cadence")
                    ).values("pk")[:1]
                )
            )
        counts: dict[str, Any] = {"mails": mails, "events": settled}
        if mails or settled:
            record(None, "notifications.past_withheld", None, after={**counts, "reason": reason[:200]})
    return counts
