"""The person's to-do list ("Te doen") and, for readers, what was published for them.

Every area says what it asks of a person in its own ``todo`` module, as plain frozen
dataclasses built here; this module only asks each area and sorts. Each area answers in a
fixed number of queries, so the list costs the same however many rounds, signals or
collaborations there are.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen import permissions

if TYPE_CHECKING:
    from samen.accounts.models import Person

SOON = datetime.timedelta(days=7)


class Kind(models.TextChoices):
    DECLARATION_DRAFT = "verklaring_opstellen", _("verklaring opstellen")
    DECLARATION_CONFIRM = "verklaring_bevestigen", _("verklaring bevestigen en delen")
    CONSENT_DECISION = "besluit_nemen", _("besluit nemen over een doel")
    CONSENT_ADVICE = "advies_geven", _("ambtelijk advies geven")
    CHECKIN = "check_in", _("check-in invullen")
    SIGNAL = "signaal", _("reageren op een signaal")
    ACCOUNTABILITY = "aanspreekverzoek", _("antwoorden op een aanspreekverzoek")
    CELEBRATION = "vieren", _("een bereikt resultaat vieren")
    DIGEST_APPROVAL = "raadsbrief_goedkeuren", _("raadsbrief goedkeuren")
    ZIENSWIJZE = "zienswijze", _("zienswijze van de raad vastleggen")
    ZIENSWIJZE_RESPONSE = "zienswijze_reactie", _("reactie op zienswijzen vastleggen")


class PublishedKind(models.TextChoices):
    DIGEST = "raadsbrief", _("raadsbrief")
    GOAL = "doel", _("vastgesteld doel")
    SUCCESS = "succes", _("openbaar succes")
    ZIENSWIJZE_PERIOD = "zienswijzetermijn", _("zienswijze mogelijk")


class Urgency(IntEnum):
    """Most urgent first: past its date, due within a week, later, no date at all."""

    OVERDUE = 0
    SOON = 1
    LATER = 2
    WHENEVER = 3

    @property
    def label(self) -> str:
        return str(URGENCY_LABELS[self])


URGENCY_LABELS = {
    Urgency.OVERDUE: _("termijn verstreken"),
    Urgency.SOON: _("binnen een week"),
    Urgency.LATER: _("later"),
    Urgency.WHENEVER: _("zonder termijn"),
}


def urgency_of(due: datetime.date | None, today: datetime.date) -> Urgency:
    if due is None:
        return Urgency.WHENEVER
    if due < today:
        return Urgency.OVERDUE
    return Urgency.SOON if due - today <= SOON else Urgency.LATER


@dataclass(frozen=True)
class TodoItem:
    """One thing a person should do, with a link straight to the form that does it."""

    kind: str
    title: str
    collaboration_id: UUID
    collaboration_name: str
    url: str
    due: datetime.date | None
    urgency: Urgency

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label)

    @property
    def sort_key(self) -> tuple[int, datetime.date, str]:
        return (self.urgency, self.due or datetime.date.max, self.title)


@dataclass(frozen=True)
class PublishedItem:
    """Something published for readers: a raadsbrief, an adopted goal, a public success, a zienswijze period."""

    kind: str
    title: str
    collaboration_id: UUID
    collaboration_name: str
    url: str
    on: datetime.date

    @property
    def kind_label(self) -> str:
        return str(PublishedKind(self.kind).label)


def item(
    kind: str, title: str, collaboration_id: UUID, collaboration_name: str, url: str, due: datetime.date | None
) -> TodoItem:
    """A to-do item whose urgency follows from its date (for the areas' ``open_actions``)."""
    return TodoItem(kind, title, collaboration_id, collaboration_name, url, due, urgency_of(due, timezone.localdate()))


@dataclass(frozen=True)
class ActingPartner:
    id: UUID
    collaboration_id: UUID
    name: str


def acting_partners(person: "Person", collaboration_ids: Sequence[UUID]) -> dict[UUID, ActingPartner]:
    """The current partners ``person`` acts for as a contact in ``collaboration_ids`` (one query)."""
    from samen.collaborations.models import Partner

    ids = permissions.todo_partner_ids(person, collaboration_ids)
    if not ids:
        return {}
    rows = (
        Partner.objects.current()
        .filter(pk__in=ids, collaboration__workspace_active=True)
        .values_list("pk", "collaboration_id", "organisation__name")
    )
    return {pk: ActingPartner(pk, cid, name) for pk, cid, name in rows}
