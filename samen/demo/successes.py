"""Successes tied to goals and results, spotlights, made public by a bestuurder, and a prompt left unanswered."""

import datetime
from typing import Any

from samen.collaborations.models import Partner
from samen.demo.story import CRACK, HEALTHY, LIGHT, STARTING, Story
from samen.successes import services
from samen.successes.choices import PromptReason
from samen.successes.models import CelebrationPrompt
from samen.successes.prompts import refresh_prompts

DAY = datetime.timedelta(days=1)


def add(story: Story) -> None:
    texts = story.texts
    partners = story.partners
    if story.profile in (STARTING, LIGHT):
        title, text = texts.successes[0]
        _success(story, story.ago(20), title, text, partners[:2])
        _spotlight(story, story.ago(15), texts.spotlights[0], partners[0])
        _refresh(story, story.today)
        return
    # Goals are adopted some weeks after their consent round opens (see samen.demo.goals).
    adopted = {"goal0": story.day(100 + 45), "goal1": story.day(200 + 66), "goal2": story.day(430 + 45)}
    for day in adopted.values():
        _refresh(story, day + 2 * DAY, milestones=True)
    _refresh(story, story.ago(100), milestones=True)
    # In the cracking collaboration goal2's adoption stays uncelebrated: the prompt waits for someone.
    for key in ("goal0", "goal1", "goal2") if story.profile == HEALTHY else ("goal0", "goal1"):
        index = int(key[-1])
        goal_text = texts.goals[index]
        _success(story, adopted[key] + 5 * DAY, f"Doel vastgesteld: {goal_text.title}",
                 f"Alle partners stemden in met ‘{goal_text.title}’. {goal_text.text}", partners[index:index + 3],
                 goal=key)  # fmt: skip
    reached = sorted(story.objects.get("reached", {}).items())
    for n, (result_key, day) in enumerate(reached):
        if story.profile == CRACK and n > 0:
            continue  # reached, but nobody celebrated it: the prompt stays open
        title, text = texts.successes[n % len(texts.successes)]
        _refresh(story, day + DAY)  # the prompt comes first; the success answers it
        _success(story, day + 6 * DAY, title, text, partners[n : n + 2], result=result_key, public=True)
    for n, (title, text) in enumerate(texts.successes[2:]):
        _success(story, story.day(300 + 250 * n), title, text, partners[n + 4 : n + 6], public=n == 0)
    for n, message in enumerate(texts.spotlights):
        _spotlight(story, story.day(150 + 300 * n), message, partners[(n * 7) % len(partners)])
        _spotlight(story, story.ago(30 + 40 * n), message, partners[(n * 5 + 2) % len(partners)])
    _refresh(story, story.today)


def _refresh(story: Story, day: datetime.date, *, milestones: bool = False) -> None:
    """Look for what was reached; with ``milestones``, the facilitator celebrates the kept agreements soon after."""
    story.on(day, lambda: refresh_prompts(story.cast.collaboration), hour=7)
    if milestones:
        story.on(day + 3 * DAY, lambda: _celebrate_milestones(story), hour=15)


def _celebrate_milestones(story: Story) -> None:
    """Every open prompt for a kept agreement becomes a success, credited to the partner who kept it."""
    made = [(story.objects.get(key), partner) for key, partner in story.objects.get("commitments", [])]
    kept_by = {str(commitment.pk): partner for commitment, partner in made if commitment is not None}
    for prompt in CelebrationPrompt.objects.open().filter(
        collaboration=story.cast.collaboration, reason=PromptReason.MILESTONE_DONE
    ):
        partner = kept_by.get(prompt.key.split(":")[1], story.partners[0])
        services.record_success(
            collaboration=story.cast.collaboration,
            by=story.facilitator,
            title=f"Afspraak nagekomen: {prompt.title}"[:200],
            story=f"{partner.organisation.name} heeft de afspraak ‘{prompt.title}’ op tijd nagekomen.",
            date=prompt.reached_on,
            partners=[partner],
            people=[story.official(partner)],
            prompt=prompt,
        )


def _success(
    story: Story,
    day: datetime.date,
    title: str,
    text: str,
    partners: list[Partner],
    *,
    goal: str | None = None,
    result: str | None = None,
    public: bool = False,
) -> None:
    partners = partners or story.partners[:1]
    recorder = story.official(partners[0])

    def act() -> None:
        goal_obj = story.objects.get(goal) if goal else None
        result_obj = story.objects.get(result) if result else None
        if (goal and goal_obj is None) or (result and result_obj is None):
            return
        success = services.record_success(
            collaboration=story.cast.collaboration,
            by=recorder,
            title=title,
            story=text,
            date=story.today if day > story.today else day,
            partners=partners,
            people=[recorder],
            goal=goal_obj,
            result=result_obj,
        )
        if public:
            services.set_success_public(success=success, by=story.executive(partners[0]), public=True)

    story.on(day, act, hour=14)


def _spotlight(story: Story, day: datetime.date, message: str, partner: Partner) -> Any:
    def act() -> None:
        services.give_spotlight(
            collaboration=story.cast.collaboration,
            by=story.facilitator,
            people=[story.official(partner)],
            message=message,
        )

    story.on(day, act, hour=16)
