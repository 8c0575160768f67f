"""The collaboration overview as a dashboard: to do, next deadlines, health at a glance, latest activity.

Everything is read from the areas' public functions; nothing here computes health or to-dos itself.
"""

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen import permissions
from samen.audit.models import AuditEvent
from samen.collaborations.models import Collaboration
from samen.todo.compose import published_for, todo_for
from samen.todo.items import PublishedItem, TodoItem

if TYPE_CHECKING:
    from samen.accounts.models import Person

# Only what every contact may read: no drafts, no check-in answers, no signals (those may be
# addressed to one partner only). An action missing here simply does not show.
ACTIVITY: dict[str, Any] = {
    "collaboration.activated": _("startte de samenwerking in Samen"),
    "invitation.accepted": _("nam een uitnodiging aan"),
    "interests.ambition_created": _("voegde een ambitie toe"),
    "interests.round_opened": _("opende een eerlijkheidsronde"),
    "interests.declaration_shared": _("deelde de verklaring van de eigen organisatie"),
    "interests.round_closed": _("sloot een eerlijkheidsronde"),
    "goal.round_opened": _("legde een doel voor ter instemming"),
    "goal.decision_recorded": _("legde het besluit van de eigen organisatie vast"),
    "goal.adopted": _("stelde een doel vast"),
    "goal.result_added": _("voegde een resultaat toe"),
    "goal.progress_recorded": _("legde voortgang vast"),
    "goal.commitment_made": _("maakte een afspraak"),
    "success.recorded": _("legde een succes vast"),
    "success.made_public": _("maakte een succes openbaar"),
    "success.spotlight_given": _("zette iemand in het zonnetje"),
    "agreement.imported": _("nam een overeenkomst op"),
    "checkin.scheduled": _("plande een check-in"),
    "checkin.closed": _("sloot een check-in"),
    "reports.digest_published": _("publiceerde een raadsbrief"),
}


@dataclass(frozen=True)
class Activity:
    at: datetime.date
    who: str
    on_behalf_of: str
    what: str
    subject: str


@dataclass(frozen=True)
class Deadline:
    on: datetime.date
    title: str
    url: str


@dataclass
class Dashboard:
    todo: list[TodoItem] = field(default_factory=list)
    published: list[PublishedItem] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    health: Any = None
    cracks: list[Any] = field(default_factory=list)
    activity: list[Activity] | None = None
    works_in: bool = False


def latest_activity(collaboration: Collaboration, limit: int = 8) -> list[Activity]:
    events = (
        AuditEvent.objects.filter(collaboration=collaboration, action__in=list(ACTIVITY))
        .select_related("organisation")
        .order_by("-at")[:limit]
    )
    return [
        Activity(
            timezone.localdate(event.at),
            event.actor_name,
            event.organisation.name if event.organisation else "",
            str(ACTIVITY[event.action]),
            event.object_repr,
        )
        for event in events
    ]


def next_deadlines(
    person: "Person", collaboration: Collaboration, todo: list[TodoItem], limit: int = 6
) -> list[Deadline]:
    """The person's dated to-dos and the dates in their calendar feed for this collaboration (one query)."""
    from samen.notifications.models import Event

    today = timezone.localdate()
    found = {(entry.due, entry.title): Deadline(entry.due, entry.title, entry.url) for entry in todo if entry.due}
    events = (
        Event.objects.filter(recipient=person, collaboration=collaboration, ends_at__gte=timezone.now())
        .order_by("starts_at", "-created_at")
        .only("subject", "url", "starts_at", "calendar")[:50]
    )
    seen: set[str] = set()
    for event in events:
        if event.calendar_uid in seen or event.starts_at is None:
            continue
        seen.add(event.calendar_uid)
        on = timezone.localdate(event.starts_at)
        found.setdefault((on, event.subject), Deadline(on, event.subject, event.link))
    upcoming = sorted((d for d in found.values() if d.on >= today), key=lambda d: (d.on, d.title))
    return upcoming[:limit]


def dashboard_for(person: "Person", collaboration: Collaboration) -> Dashboard:
    if not permissions.can_view_workspace(person, collaboration):
        return Dashboard()
    if not permissions.works_in(person, collaboration.pk):
        return Dashboard(published=published_for(person, [collaboration.pk]))
    todo = todo_for(person, [collaboration.pk])
    board = Dashboard(todo=todo, deadlines=next_deadlines(person, collaboration, todo), works_in=True)
    if permissions.sees_live_health(person, collaboration):
        from samen.health.cracks import cracks_for
        from samen.health.pages import live_health

        board.health = live_health(collaboration.pk)
        board.cracks = cracks_for(board.health)
    if permissions.can_view_activity(person, collaboration):
        board.activity = latest_activity(collaboration)
    return board
