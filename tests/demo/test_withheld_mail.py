"""The demo's history is told on the notification page, but nobody is mailed about that past."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from samen.audit.models import AuditEvent
from samen.notifications.history import withhold_past
from samen.notifications.models import Event, Mail, MailStatus
from samen.notifications.services import notify
from tests.health import builders as b

pytestmark = pytest.mark.django_db

REASON = "Niet verstuurd: deze melding hoort bij de geschiedenis van de demo."


def tell(person, addressed: bool, day: datetime.date) -> None:
    with time_machine.travel(b.at(day), tick=False):
        notify(
            kind="signal_addressed", recipients=[person], subject="Iets gebeurd", body="Zie Samen.", addressed=addressed
        )


def test_mails_and_waiting_digest_events_of_the_past_are_withheld_and_the_events_stay(demo):
    tell(demo.zeist_beleidsmedewerker, True, datetime.date(2025, 3, 1))
    tell(demo.zeist_beleidsmedewerker, False, datetime.date(2025, 3, 2))
    tell(demo.de_bilt_wethouder, False, datetime.date(2025, 4, 2))
    now = timezone.now()
    tell(demo.zeist_beleidsmedewerker, True, timezone.localdate() + datetime.timedelta(days=1))  # after: untouched

    assert withhold_past(before=now, reason=REASON) == {"mails": 1, "events": 2}

    assert Event.objects.count() == 4
    past = Mail.objects.filter(created_at__lt=now)
    assert set(past.values_list("status", flat=True)) == {MailStatus.CANCELLED}
    assert set(past.values_list("last_error", flat=True)) == {REASON}
    assert not Event.objects.filter(created_at__lt=now, mail__isnull=True).exists()
    assert Mail.objects.filter(created_at__gte=now, status=MailStatus.PENDING).count() == 1
    assert AuditEvent.objects.filter(action="notifications.past_withheld").count() == 1


def test_withholding_twice_changes_nothing_the_second_time(demo):
    tell(demo.zeist_beleidsmedewerker, True, datetime.date(2025, 3, 1))
    withhold_past(before=timezone.now(), reason=REASON)
    assert withhold_past(before=timezone.now(), reason=REASON) == {"mails": 0, "events": 0}
    assert AuditEvent.objects.filter(action="notifications.past_withheld").count() == 1
