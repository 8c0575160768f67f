"""Raadsbrieven on the P&C moments: approved by every partner and published, and one awaiting approval."""

import datetime
from typing import Any

from samen.collaborations.models import Partner
from samen.demo.story import DIGEST, LIGHT, STARTING, Story
from samen.reports import services
from samen.reports.models import DigestMoment

DAY = datetime.timedelta(days=1)


def add(story: Story) -> None:
    if story.profile in (STARTING, LIGHT):  # the benchmarks compose their own raadsbrief
        return
    years = sorted({story.start.year + 1, story.today.year - 1, story.today.year, story.today.year + 1})
    for year in years:
        story.on(max(datetime.date(year - 1, 10, 1), story.day(40)), _plan(story, year), hour=8)
    moments = [
        (kind, due, start, end)
        for year in years
        for kind, due, start, end in services.default_moments(year)
        if story.day(60) < end and due <= story.today + 70 * DAY
    ]
    past = [m for m in moments if m[1] <= story.today]
    for kind, due, start, end in past[-1 if story.profile == LIGHT else -2 :]:
        _digest(story, kind, due, start, end, publish=True)
    coming = [m for m in moments if m[1] > story.today]
    if story.profile != LIGHT and coming:  # the next one is written and waits for the bestuurders
        kind, due, start, end = coming[0]
        _digest(story, kind, due, start, end, publish=False)


def _approve(story: Story, key: str, partner: Partner) -> Any:
    def act() -> None:
        services.approve_digest(digest=story.objects[key], partner=partner, by=story.executive(partner))

    return act


def _plan(story: Story, year: int) -> Any:
    def act() -> None:
        services.plan_cycle(collaboration=story.cast.collaboration, by=story.facilitator, year=year)

    return act


def _digest(
    story: Story, kind: str, due: datetime.date, start: datetime.date, end: datetime.date, *, publish: bool
) -> None:
    key = f"digest:{kind}:{due}"
    written = min(end, story.today - 3 * DAY) if not publish else min(end, due - 14 * DAY)
    summary = story.texts.digest_summary

    def write() -> None:
        moment = DigestMoment.objects.filter(collaboration=story.cast.collaboration, kind=kind, due_on=due).first()
        digest = services.create_digest(
            collaboration=story.cast.collaboration,
            by=story.facilitator,
            period_start=max(start, story.start),
            period_end=min(end, written),
            moment=moment,
        )
        if summary:
            digest = services.update_digest(
                digest=digest, by=story.facilitator, expected_version=digest.version, title=digest.title,
                summary=summary,
            )  # fmt: skip
        story.objects[key] = services.submit_digest(digest=digest, by=story.facilitator)

    story.on(written, write, hour=9)
    deciding = story.partners
    if not publish:  # one partner (the personas' own, where they still have to approve) keeps it waiting
        others = [p for p in story.partners if not story.is_persona(p)]
        deciding = others if story.waits(DIGEST) else story.persona_partners + others[:-1]
    for m, partner in enumerate(deciding):
        day = story.spread(written + DAY, 10, m, len(deciding))
        story.on(day, _approve(story, key, partner), hour=14)
    if publish:
        story.on(written + 12 * DAY, lambda: services.publish_digest(digest=story.objects[key], by=story.facilitator))
