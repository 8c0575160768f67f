"""What apps above the areas show beside a cost signal: today the regeling's key figures of its year.

Raadsgrip (``samen.council``) sits above the areas in the layers (pyproject.toml), so this area never
imports it. It registers a provider at start-up (``CouncilConfig.ready``); the signal page shows what
the providers give, as plain typed rows.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Beside:
    """A small panel beside a signal: a heading, (label, value) rows, a link to more, or a note when empty."""

    heading: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    url: str = ""
    link_text: str = ""
    empty: str = ""


#: (person, collaboration, year) -> the panel for a cost signal of that year, or None.
Provider = Callable[[Any, Any, int], Beside | None]

_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def beside_cost_signal(person: Any, collaboration: Any, year: int) -> list[Beside]:
    """Every registered provider's panel for a cost signal raised in ``year``."""
    return [panel for provider in _providers if (panel := provider(person, collaboration, year)) is not None]
