"""The Wgr moments of one year of the planning and control cycle, as pure functions.

The rules follow the Wet gemeenschappelijke regelingen as in force since 1 July 2022 (the law
strengthening democratic legitimacy, Kamerstukken 35513); see data/README.md for the articles:

- art. 34b: the general financial and policy frameworks (kaderbrief) and the provisional accounts
  are sent to the councils *vóór 15 april* of the year before the budget year;
- art. 35 lid 1 and 3: the draft budget is sent to the councils *twaalf weken* before it is put to the
  general board; the councils give their zienswijze within that period (six weeks before 2022);
- art. 34 lid 1 and 2: the board adopts the budget and sends it to gedeputeerde staten within two
  weeks of adoption, at the latest *vóór 1 augustus* of the year before the budget year;
- art. 34 lid 3 and 4: the accounts of the previous year are sent within two weeks of adoption,
  at the latest *vóór 15 juli*;
- art. 35 lid 5: budget amendments follow the draft budget procedure (twelve weeks for a zienswijze)
  unless the regeling exempts a category.

The weekend rule (Algemene termijnenwet art. 1 and 3): a period set by a law that ends on a
Saturday, Sunday or recognised public holiday is extended to the next day that is none of these.
It applies to the zienswijze period of art. 35 (a period in which the councils may act). It does not
move the fixed dates "vóór 15 april", "vóór 15 juli" and "vóór 1 augustus": those are points in time
for the GR body, which can always send earlier, so Samen never shows a later date than the law's.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.utils.translation import gettext_lazy as _

ZIENSWIJZE_PERIOD = datetime.timedelta(weeks=12)
"""Art. 35 lid 1 Wgr since 1 July 2022 (before: six weeks)."""


class Key:
    KADERBRIEF = "kaderbrief"
    PROVISIONAL_ACCOUNTS = "voorlopige_jaarrekening"
    DRAFT_BUDGET = "ontwerpbegroting"
    ZIENSWIJZEN = "zienswijzen"
    BUDGET = "begroting"
    ACCOUNTS = "jaarrekening"
    OWN = "eigen"


@dataclass(frozen=True)
class Moment:
    """One moment of the cycle: the last day on which something is on time."""

    key: str
    title: Any
    due: datetime.date
    basis: Any
    """The article (or the regeling) the moment comes from."""
    extended_from: datetime.date | None = None
    """Set when the Algemene termijnenwet moved the end of a period past a weekend or holiday."""
    derived: bool = False
    """True for a date Samen derives from the law (the latest day to send the draft budget), not one it names."""


def easter(year: int) -> datetime.date:
    """Easter Sunday in the Gregorian calendar (the anonymous algorithm of Meeus, Jones and Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


@cache
def holidays(year: int) -> frozenset[datetime.date]:
    """The recognised public holidays of Algemene termijnenwet art. 3 lid 1 in ``year``.

    Nieuwjaarsdag, tweede paasdag, Koningsdag (27 April, or 26 April when the 27th is a Sunday),
    5 mei, Hemelvaartsdag, tweede pinksterdag and both Christmas days. Goede Vrijdag is not one.
    """
    sunday = easter(year)
    kings_day = datetime.date(year, 4, 27)
    if kings_day.weekday() == 6:
        kings_day = datetime.date(year, 4, 26)
    return frozenset(
        {
            datetime.date(year, 1, 1),
            sunday + datetime.timedelta(days=1),
            kings_day,
            datetime.date(year, 5, 5),
            sunday + datetime.timedelta(days=39),
            sunday + datetime.timedelta(days=50),
            datetime.date(year, 12, 25),
            datetime.date(year, 12, 26),
        }
    )


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in holidays(day.year)


def extend_period_end(day: datetime.date) -> datetime.date:
    """Algemene termijnenwet art. 1: a period ending on a non-working day ends on the next working day."""
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def zienswijze_until(sent_on: datetime.date) -> tuple[datetime.date, datetime.date | None]:
    """The last day of the councils' zienswijze period for a document sent on ``sent_on``.

    Twelve weeks from the day after sending end on the same weekday twelve weeks later; returns
    the end and, when the Algemene termijnenwet moved it, the day it would otherwise have ended.
    """
    plain = sent_on + ZIENSWIJZE_PERIOD
    extended = extend_period_end(plain)
    return extended, (plain if extended != plain else None)


def latest_draft_budget_sending(year: int) -> datetime.date:
    """The last day to send the draft budget so that twelve weeks still end before 1 August (art. 34, 35)."""
    return datetime.date(year, 7, 31) - ZIENSWIJZE_PERIOD


def wgr_moments(
    year: int,
    *,
    draft_budget_sent_on: datetime.date | None = None,
    own: Iterable[tuple[str, datetime.date]] = (),
) -> list[Moment]:
    """The moments of the cycle that runs in ``year`` (budget for ``year + 1``, accounts of ``year - 1``).

    ``draft_budget_sent_on``: when the GR body sent the draft budget; the zienswijze period runs from
    then (sent late, it ends late; Samen shows it as it is and marks the sending as late).
    ``own``: (title, date) moments the regeling itself adds, entered by the facilitator.
    """
    if draft_budget_sent_on is not None:
        until, moved = zienswijze_until(draft_budget_sent_on)
        zienswijzen = Moment(
            Key.ZIENSWIJZEN,
            _("Einde termijn zienswijzen op de ontwerpbegroting"),
            until,
            _("Wgr art. 35 lid 1 en 3; Algemene termijnenwet art. 1"),
            moved,
        )
    else:
        latest = latest_draft_budget_sending(year)
        until, moved = zienswijze_until(latest)
        zienswijzen = Moment(
            Key.ZIENSWIJZEN,
            _("Einde termijn zienswijzen op de ontwerpbegroting"),
            until,
            _("Wgr art. 35 lid 1 en 3; Algemene termijnenwet art. 1"),
            moved,
            derived=True,
        )
    moments = [
        Moment(Key.KADERBRIEF, _("Kaderbrief naar de raden"), datetime.date(year, 4, 14), _("Wgr art. 34b")),
        Moment(
            Key.PROVISIONAL_ACCOUNTS,
            _("Voorlopige jaarrekening naar de raden"),
            datetime.date(year, 4, 14),
            _("Wgr art. 34b"),
        ),
        Moment(
            Key.DRAFT_BUDGET,
            _("Ontwerpbegroting uiterlijk naar de raden"),
            latest_draft_budget_sending(year),
            _("Wgr art. 34 lid 2 en art. 35 lid 1"),
            derived=True,
        ),
        zienswijzen,
        Moment(
            Key.ACCOUNTS,
            _("Jaarrekening vastgesteld en naar gedeputeerde staten"),
            datetime.date(year, 7, 14),
            _("Wgr art. 34 lid 3 en 4"),
        ),
        Moment(
            Key.BUDGET,
            _("Begroting vastgesteld en naar gedeputeerde staten"),
            datetime.date(year, 7, 31),
            _("Wgr art. 34 lid 1 en 2"),
        ),
    ]
    moments.extend(Moment(Key.OWN, title, due, _("de gemeenschappelijke regeling")) for title, due in own)
    return sorted(moments, key=lambda moment: (moment.due, moment.key != Key.OWN))


def sent_late(moment_due: datetime.date, sent_on: datetime.date) -> bool:
    """A document is late when it is sent after the last day of its moment."""
    return sent_on > moment_due
