"""The person's to-do list and what was published for them, composed from every area's ``todo`` module.

This module sits above the areas (they offer their open actions; this asks them all), so the areas
themselves only import ``samen.todo.items``.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any
from uuid import UUID

from samen import permissions
from samen.todo.items import PublishedItem, TodoItem

if TYPE_CHECKING:
    from samen.accounts.models import Person

Asker = Callable[[Any, Sequence[UUID]], list[TodoItem]]
Publisher = Callable[[Any, Sequence[UUID]], list[PublishedItem]]


def _askers() -> list[Asker]:
    from samen.council import todo as council
    from samen.experiences import todo as experiences
    from samen.goals import todo as goals
    from samen.interests import todo as interests
    from samen.reports import todo as reports
    from samen.successes import todo as successes

    return [
        interests.open_actions,
        goals.open_actions,
        experiences.open_actions,
        successes.open_actions,
        reports.open_actions,
        council.open_actions,
    ]


def _publishers() -> list[Publisher]:
    from samen.council import todo as council
    from samen.goals import todo as goals
    from samen.reports import todo as reports
    from samen.successes import todo as successes

    return [reports.published_items, goals.published_items, successes.published_items, council.published_items]


def todo_for(person: "Person", collaboration_ids: Iterable[UUID] | None = None) -> list[TodoItem]:
    """Everything the person should do in ``collaboration_ids`` (default: all theirs), most urgent first."""
    ids = _working_in(person, collaboration_ids)
    if not ids:
        return []
    found = [entry for ask in _askers() for entry in ask(person, ids)]
    return sorted(found, key=lambda entry: entry.sort_key)


def published_for(
    person: "Person", collaboration_ids: Iterable[UUID] | None = None, *, limit: int = 10
) -> list[PublishedItem]:
    """What was published in the collaborations where the person only reads, newest first."""
    ids = _reading_in(person, collaboration_ids)
    if not ids:
        return []
    found = [entry for publish in _publishers() for entry in publish(person, ids)]
    return sorted(found, key=lambda entry: (entry.on, entry.title), reverse=True)[:limit]


def _candidates(person: "Person", collaboration_ids: Iterable[UUID] | None) -> list[UUID]:
    mine = permissions.visible_collaboration_ids(person)
    return sorted(mine if collaboration_ids is None else mine & set(collaboration_ids))


def _working_in(person: "Person", collaboration_ids: Iterable[UUID] | None) -> list[UUID]:
    return [cid for cid in _candidates(person, collaboration_ids) if permissions.works_in(person, cid)]


def _reading_in(person: "Person", collaboration_ids: Iterable[UUID] | None) -> list[UUID]:
    return [cid for cid in _candidates(person, collaboration_ids) if not permissions.works_in(person, cid)]
