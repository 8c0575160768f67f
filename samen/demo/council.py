"""Raadsgrip: the P&C cycle of last year (complete) and of this year (under way), per demo regeling.

Made by ``samen.council.demo.build_cycle_year`` through the council's services: the documents as
they were sent, every council's zienswijze and the GR body's reaction, the key figures. A year is
written once, on the last day of that year (or today), and skipped when it is there already.
"""

import datetime
from typing import Any

from samen.council.demo import build_cycle_year, has_cycle_year
from samen.demo.story import LIGHT, STARTING, ZIENSWIJZE, Story


def years(story: Story) -> list[int]:
    """The cycle years the demo shows: last year and this year (a starting regeling: only this year)."""
    first = story.today.year if story.profile == STARTING else story.today.year - 1
    return list(range(first, story.today.year + 1))


def add(story: Story) -> None:
    if story.profile == LIGHT:  # the benchmarks' national data set has no P&C cycle of its own
        return
    for year in years(story):
        story.on(min(datetime.date(year, 12, 31), story.today), _cycle(story, year), hour=11)


def _cycle(story: Story, year: int) -> Any:
    def act() -> None:
        collaboration = story.cast.collaboration
        if has_cycle_year(collaboration, year):
            return
        build_cycle_year(
            collaboration,
            year,
            facilitator=story.facilitator,
            contacts={partner: story.official(partner) for partner in story.partners},
            today=min(datetime.date(year, 12, 31), story.today),
            deciding=_deciding(story),
        )

    return act


def _deciding(story: Story) -> list[Any]:
    """The councils still deciding while a zienswijze period runs: the personas' where that is their work, else one."""
    if story.waits(ZIENSWIJZE):
        return story.persona_partners
    others = [partner for partner in story.partners if not story.is_persona(partner)]
    return others[-1:]
