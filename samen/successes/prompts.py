"""Celebration prompts, derived from the goals area's data.

Three things deserve a celebration (issue: "Erken en vier successen"):

- a result reaches its target (``Result.objects.reached()``);
- a goal is adopted by every partner (its adopted version; a newly adopted version prompts again);
- a milestone date passes with its work done: a commitment (afspraak) whose date has passed and
  that is marked done.

``refresh_prompts`` compares what the goals area shows now with the prompts that exist, so it
works whatever hooks the goals area offers: pages call it when they load, cron calls it through
``manage.py refresh_celebration_prompts``, and the goals area's signals call it the moment
something is reached. It is idempotent (one prompt per achievement, by ``key``), and an open
prompt whose achievement no longer holds (a corrected measurement, an undone commitment) is
withdrawn. The facilitator and the owner are told of new prompts.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import structlog
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samen.audit.services import record
from samen.collaborations import people as collaboration_people
from samen.collaborations.models import Collaboration
from samen.goals import facts as goals
from samen.notifications.services import Kind, notify
from samen.successes.choices import PromptReason
from samen.successes.models import CelebrationPrompt

log = structlog.get_logger("samen.successes")


goals_of = goals.goal_choices
results_of = goals.result_choices


@dataclass(frozen=True)
class Achievement:
    key: str
    reason: str
    title: str
    reached_on: datetime.date
    goal_id: Any
    result_id: Any
    owner_id: Any


def achievements(collaboration: Collaboration, today: datetime.date | None = None) -> dict[str, Achievement]:
    """Everything reached in the goals area of ``collaboration`` right now, by key (three queries)."""
    today = today or timezone.localdate()
    found: dict[str, Achievement] = {}
    for item in goals.reached_results(collaboration):
        key = f"resultaat:{item.id}:bereikt"
        found[key] = Achievement(
            key, PromptReason.RESULT_REACHED, item.title, item.on or today, item.goal_id, item.id, item.owner_id
        )
    for item in goals.adopted_goals(collaboration):
        key = f"doel:{item.id}:vastgesteld:{item.version_id}"
        found[key] = Achievement(
            key, PromptReason.GOAL_ADOPTED, item.title, item.on or today, item.id, None, item.owner_id
        )
    for item in goals.milestones_done(collaboration, due_before=today):
        key = f"afspraak:{item.id}:gehaald"
        found[key] = Achievement(
            key, PromptReason.MILESTONE_DONE, item.title, item.on or today, item.goal_id, None, item.owner_id
        )
    return found


def refresh_prompts(collaboration: Collaboration, today: datetime.date | None = None) -> list[CelebrationPrompt]:
    """Bring the prompts of ``collaboration`` in line with what was reached; returns the new ones."""
    if not collaboration.workspace_active:
        return []
    now_reached = achievements(collaboration, today)
    existing = dict(CelebrationPrompt.objects.filter(collaboration=collaboration).values_list("key", "success_id"))
    missing = [item for key, item in now_reached.items() if key not in existing]
    stale = [key for key, success_id in existing.items() if success_id is None and key not in now_reached]
    if not missing and not stale:
        return []
    created: list[CelebrationPrompt] = []
    with transaction.atomic():
        for item in missing:
            prompt = CelebrationPrompt(
                collaboration=collaboration,
                reason=item.reason,
                key=item.key,
                title=item.title[:300],
                goal_id=item.goal_id,
                result_id=item.result_id,
                reached_on=item.reached_on,
            )
            try:
                with transaction.atomic():  # another request may refresh at the same moment
                    prompt.save(force_insert=True)
            except IntegrityError:
                continue
            record(None, "success.prompt_created", prompt, collaboration=collaboration, after={"key": item.key})
            created.append(prompt)
        if stale:
            for prompt in CelebrationPrompt.objects.open().filter(collaboration=collaboration, key__in=stale):
                record(
                    None, "success.prompt_withdrawn", prompt, collaboration=collaboration, before={"key": prompt.key}
                )
                prompt.delete()
        if created:
            _ask_to_celebrate(collaboration, created, {item.key: item.owner_id for item in missing})
    log.info("successes.prompts_refreshed", created=len(created), withdrawn=len(stale))
    return created


def _ask_to_celebrate(collaboration: Collaboration, prompts: list[CelebrationPrompt], owners: dict[str, Any]) -> None:
    """One message per person: the facilitators hear of every new prompt, an owner of their own."""
    from samen.accounts.models import Person

    facilitators = set(collaboration_people.facilitators(collaboration).values_list("pk", flat=True))
    per_person: dict[Any, list[CelebrationPrompt]] = defaultdict(list)
    for prompt in prompts:
        for person_id in facilitators | ({owners.get(prompt.key)} - {None}):
            per_person[person_id].append(prompt)
    people = Person.objects.in_bulk(list(per_person), field_name="pk")
    url = settings.SITE_URL.rstrip("/") + reverse("successes:prompts", args=[collaboration.pk])
    for person_id, own in per_person.items():
        person = people.get(person_id)
        if person is None or not person.is_active:
            continue
        lines = "\n".join(f"- {prompt.get_reason_display()}: {prompt.title}" for prompt in own)
        notify(
            kind=Kind.CELEBRATION_PROMPT,
            recipients=[person],
            subject=_("Er is iets bereikt in %(collaboration)s: vier het") % {"collaboration": collaboration},
            body=_(
                "Dit is bereikt en nog niet gevierd:\n%(lines)s\n\n"
                "Leg het vast als succes en zet de mensen erachter in het zonnetje."
            )
            % {"lines": lines},
            url=url,
            collaboration=collaboration,
            addressed=True,
        )


def refresh_all(today: datetime.date | None = None) -> int:
    """Every active collaboration (the cron job); returns the number of new prompts."""
    total = 0
    for collaboration in Collaboration.objects.filter(workspace_active=True).iterator():
        total += len(refresh_prompts(collaboration, today))
    return total
