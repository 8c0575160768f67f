"""A living installation: demo collaborations with years of history, written through the area services.

``build(roo_id)`` makes one register collaboration active with its people (``samen.demo.people``)
and, once, its history (``samen.demo.interests`` ... ``samen.demo.council``, ``samen.demo.reports``),
on the travelled clock (``samen.demo.clock``). The same code makes the national data set of the
benchmarks, with a lighter history per collaboration (profile ``LIGHT``).
"""

import datetime
from dataclasses import dataclass

from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samen.audit.models import AuditEvent
from samen.audit.services import record
from samen.collaborations.models import Collaboration
from samen.demo import council, experiences, goals, interests, reports, successes
from samen.demo.clock import in_the_past, moment
from samen.demo.people import GGD, ODRU, PERSONAS, RDWI, VRU, Cast, People, generated_names, key
from samen.demo.story import CHECKIN, CONSENT, CRACK, DIGEST, HEALTHY, LIGHT, SIGNAL, STARTING, ZIENSWIJZE, Story
from samen.demo.texts import GENERIC, TEXTS
from samen.notifications.history import withhold_past

HISTORY_BUILT = "demo.history_built"


@dataclass(frozen=True)
class Scenario:
    roo_id: str
    profile: str
    years: float
    crack_code: str = ""
    persona_waits: frozenset[str] = frozenset()
    """The current work the personas still have to do here. Elsewhere they did it already, so that each
    persona logs in to a handful of real to-dos, spread over the collaborations, not to every one of them."""


SCENARIOS = (
    # Stichtse Vecht falls silent and its cost signals go unanswered; the personas fill in the check-in
    # and approve the raadsbrief.
    Scenario(VRU, CRACK, 3, crack_code="GM1904", persona_waits=frozenset({CHECKIN, DIGEST})),
    Scenario(GGD, HEALTHY, 3, persona_waits=frozenset({CONSENT, SIGNAL})),  # a new goal to decide on, a question
    Scenario(ODRU, HEALTHY, 3, persona_waits=frozenset({ZIENSWIJZE})),  # their councils' zienswijzen
    Scenario(RDWI, STARTING, 0.25),
)

AREAS = (interests, goals, experiences, successes, council, reports)


def demo_collaborations() -> list[Collaboration]:
    found = {c.roo_id: c for c in Collaboration.objects.select_related("body").filter(roo_id__in=_roo_ids())}
    missing = [roo_id for roo_id in _roo_ids() if roo_id not in found]
    if missing:
        raise CommandError(
            _("De demo-regeling (ROO-id %(id)s) staat niet in het register. Draai eerst import_register.")
            % {"id": ", ".join(missing)}
        )
    return [found[roo_id] for roo_id in _roo_ids()]


def _roo_ids() -> list[str]:
    return [s.roo_id for s in SCENARIOS]


def has_history(collaboration: Collaboration) -> bool:
    return AuditEvent.objects.filter(collaboration=collaboration, action=HISTORY_BUILT).exists()


def build(
    scenario: Scenario, people: People, today: datetime.date | None = None, *, seed: int = 0, again: bool = False
) -> tuple[Cast, int]:
    """The collaboration of ``scenario`` with its people and (the first time) its history; returns the steps run.

    ``again``: write another history beside the one there is (the benchmarks' "ten times the activity").
    """
    now = timezone.now()
    today = today or timezone.localdate(now)
    collaboration = Collaboration.objects.select_related("body").get(roo_id=scenario.roo_id)
    start = today - datetime.timedelta(days=round(365.25 * scenario.years))
    codes = sorted(
        {key(p.organisation) for p in collaboration.partners.current().select_related("organisation")}
        | {p.gm_code for p in PERSONAS if p.gm_code}
    )
    with transaction.atomic():
        if has_history(collaboration) and not again:
            return people.cast(collaboration, generated_names(codes)), 0
        with in_the_past(moment(start, 9)) as clock:
            cast = people.cast(collaboration, generated_names(codes))
            if not cast.partners:  # a regeling without current partners has no one to write its history
                return cast, 0
            story = Story(
                cast=cast,
                texts=GENERIC if scenario.profile == LIGHT else TEXTS[scenario.roo_id],
                profile=scenario.profile,
                today=today,
                start=start,
                seed=int(scenario.roo_id) + seed,
                personas=frozenset(p.gm_code for p in PERSONAS if p.gm_code),
                crack_code=scenario.crack_code,
                persona_waits=scenario.persona_waits,
            )
            for area in AREAS:
                area.add(story)
            steps = story.run(clock, until=now - datetime.timedelta(minutes=5))
        # What the services told people about this past stays on their notification page, unmailed.
        withhold_past(before=now, reason=_("Niet verstuurd: deze melding hoort bij de geschiedenis van de demo."))
        record(None, HISTORY_BUILT, collaboration, after={"profile": scenario.profile, "steps": steps})
        people.changes += 1
    return cast, steps


__all__ = ["HEALTHY", "LIGHT", "SCENARIOS", "build", "demo_collaborations"]
