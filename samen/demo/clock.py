"""The generator's clock: history is written through the services at the moment it happened.

Every service stamps ``timezone.now()`` (and checks dates against ``timezone.localdate()``), so
the generator travels in time with ``time-machine`` instead of patching timestamps afterwards.
While it travels, the mails that the services queue are not handed to the worker: they belong
to the past, and nobody should receive three years of notifications when the demo starts. The
notifications themselves stay, as they would after three years of use.
"""

import datetime
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import time_machine
from django.utils import timezone

from samen.notifications import delivery


def moment(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """``hour``:``minute`` on ``day`` in Amsterdam."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class Clock:
    """The travelled clock: ``clock.at(when)`` moves it (forwards or back)."""

    def __init__(self, traveller: time_machine.Traveller) -> None:
        self._traveller = traveller
        self.now: datetime.datetime | None = None

    def at(self, when: datetime.datetime) -> None:
        if when != self.now:
            self._traveller.move_to(when)
            self.now = when


def _history_is_not_mailed(mail_ids: object, **kwargs: object) -> list[object]:
    return []


@contextmanager
def in_the_past(start: datetime.datetime) -> Iterator[Clock]:
    """Travel to ``start``; the audit log is written as usual but not echoed line by line."""
    chatty = logging.getLogger("samen")  # noqa: TID251 (sets the level of the stdlib logger structlog writes to)
    level = chatty.level
    chatty.setLevel(logging.WARNING)
    try:
        with (
            time_machine.travel(start, tick=False) as traveller,
            mock.patch.object(delivery, "enqueue_delivery", _history_is_not_mailed),
        ):
            yield Clock(traveller)
    finally:
        chatty.setLevel(level)
