"""What apps above the council tie to a moment of the P&C calendar (today: the raadsbrief).

The reports app sits above the council in the layers (pyproject.toml), so the council never imports
it. Instead an app registers a provider at start-up (its ``AppConfig.ready``); the calendar asks every
provider for the links of one year and shows them beside the moments they belong to.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class MomentLink:
    """Something tied to a moment, as the calendar shows it: a title, its page and a status label."""

    ref: str
    """The moment's ``ref`` within the year (see ``samen.council.pages.CalendarRow.ref``)."""
    title: str
    url: str
    status: str


#: (person, collaboration, year) -> the links of that year the person may see, in one or two queries.
Provider = Callable[[Any, Any, int], list[MomentLink]]

_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def links_of(person: Any, collaboration: Any, year: int) -> dict[str, list[MomentLink]]:
    """Every registered provider's links of ``year``, per moment ``ref``."""
    found: dict[str, list[MomentLink]] = {}
    for provider in _providers:
        for link in provider(person, collaboration, year):
            found.setdefault(link.ref, []).append(link)
    return found
