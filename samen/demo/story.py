"""A collaboration's history as a list of dated steps, each a call of an area's service.

The area modules (``samen.demo.interests`` and so on) add their steps to one ``Story``; the
story then runs them in the order of their dates on the travelled clock, so that what one area
does (a result reached, an agreement imported) exists before another area refers to it, and a
raadsbrief composed in a given quarter sees what was there in that quarter.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from samen.collaborations.models import Partner
from samen.demo.clock import Clock, moment
from samen.demo.people import Cast
from samen.demo.texts import Texts

HEALTHY, CRACK, STARTING, LIGHT = "gezond", "scheur", "start", "licht"
# The kinds of current work a persona can find waiting in a collaboration.
CONSENT, CHECKIN, DIGEST, SIGNAL, ZIENSWIJZE = "besluit", "check-in", "raadsbrief", "signaal", "zienswijze"


@dataclass
class Story:
    cast: Cast
    texts: Texts
    profile: str
    today: datetime.date
    start: datetime.date
    seed: int = 1
    personas: frozenset[str] = frozenset()  # the organisation codes of the printed personas
    crack_code: str = ""  # the partner whose relationship cracks (profile CRACK)
    # The current work left to the personas here (see ``samen.demo.history.Scenario``); elsewhere they did it.
    persona_waits: frozenset[str] = frozenset({CONSENT, CHECKIN, DIGEST, SIGNAL})
    objects: dict[str, Any] = field(default_factory=dict)
    _steps: list[tuple[datetime.datetime, int, Callable[[], Any]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    # --- time -----------------------------------------------------------------------------

    @property
    def days(self) -> int:
        return (self.today - self.start).days

    def day(self, offset: int) -> datetime.date:
        """A day counted from the start (negative: counted back from today)."""
        return self.start + datetime.timedelta(days=offset) if offset >= 0 else self.ago(-offset)

    def ago(self, days: int) -> datetime.date:
        return self.today - datetime.timedelta(days=days)

    def on(self, day: datetime.date, action: Callable[[], Any], hour: int = 10, minute: int = 0) -> None:
        day = min(day, self.today)
        self._steps.append((moment(day, hour, minute), len(self._steps), action))

    def run(self, clock: Clock, until: datetime.datetime) -> int:
        """Run every step at its moment (none after ``until``); returns how many ran."""
        steps = sorted(self._steps, key=lambda step: (step[0], step[1]))
        for when, _n, action in steps:
            clock.at(min(when, until))
            try:
                action()
            except Exception as error:
                error.add_note(f"demo step at {when:%Y-%m-%d %H:%M}: {getattr(action, '__qualname__', action)}")
                raise
        self._steps.clear()
        return len(steps)

    # --- people ---------------------------------------------------------------------------

    @property
    def partners(self) -> list[Partner]:
        return self.cast.partners

    def official(self, partner: Partner) -> Any:
        return self.cast.officials[partner.pk]

    def executive(self, partner: Partner) -> Any:
        return self.cast.executives[partner.pk]

    @property
    def facilitator(self) -> Any:
        return self.cast.facilitator

    def is_persona(self, partner: Partner) -> bool:
        return partner.organisation.code in self.personas

    def waits(self, kind: str) -> bool:
        """Whether the personas still have to do the current ``kind`` of work here (else they did it)."""
        return kind in self.persona_waits

    @property
    def persona_partners(self) -> list[Partner]:
        return [p for p in self.partners if self.is_persona(p)]

    @property
    def others(self) -> list[Partner]:
        """The partners without a printed persona, in a fixed order."""
        return [p for p in self.partners if not self.is_persona(p)]

    @property
    def crack(self) -> Partner | None:
        return self.cast.partner(self.crack_code) if self.profile == CRACK else None

    def some(self, partners: list[Partner], share: float) -> list[Partner]:
        """A fixed share of ``partners`` (at least one), chosen by the story's dice."""
        if not partners:
            return []
        count = max(1, round(len(partners) * share))
        return sorted(self.rng.sample(partners, min(count, len(partners))), key=lambda p: p.organisation.name)

    def spread(self, first: datetime.date, days: int, n: int, count: int) -> datetime.date:
        """The ``n``-th of ``count`` days spread over ``days`` days from ``first``."""
        return first + datetime.timedelta(days=(days * n) // max(count, 1))
