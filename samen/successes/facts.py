"""What the successes area tells others: successes per quarter, what was not celebrated, who was involved.

Plain, frozen figures per collaboration (and per partner), for many collaborations at once in a
fixed number of queries. Figures "per moment" have one value per moment asked for, in that order.
Nobody outside this app reads its models.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Count, Q
from django.utils import timezone

from samen.collaborations.models import Collaboration
from samen.core.db import by_hex, hex_id, rows
from samen.successes.models import CelebrationPrompt, Spotlight, Success


@dataclass(frozen=True)
class SuccessFacts:
    """Per moment: successes recorded by then, in the quarter before it, of which public; prompts; spotlights."""

    recorded: tuple[int, ...]
    in_quarter: tuple[int, ...]
    public_in_quarter: tuple[int, ...]
    reached: tuple[int, ...]  # things reached at least the grace period before the moment
    not_celebrated: tuple[int, ...]  # of those, not celebrated at that moment
    spotlights: tuple[int, ...]  # in the quarter before the moment


def success_facts(
    collaboration_ids: Sequence[UUID],
    *,
    moments: Sequence[datetime.datetime],
    quarter: datetime.timedelta,
    celebration_grace: datetime.timedelta,
) -> dict[UUID, SuccessFacts]:
    """Successes, celebration prompts and spotlights per collaboration (three queries).

    Collaborations without any of them get zeros.
    """
    keys, steps = by_hex(collaboration_ids), range(len(moments))
    per_moment: dict[str, Any] = {}
    prompts: dict[str, Any] = {}
    spotlights: dict[str, Any] = {}
    for i, moment in enumerate(moments):
        day = timezone.localdate(moment)
        recorded = Q(recorded_at__lte=moment)
        in_quarter = Q(date__gt=day - quarter, date__lte=day)
        per_moment[f"t{i}"] = Count("id", filter=recorded)
        per_moment[f"q{i}"] = Count("id", filter=recorded & in_quarter)
        per_moment[f"p{i}"] = Count("id", filter=recorded & in_quarter & Q(is_public=True))
        reached = Q(created_at__lte=moment, reached_on__lte=day - celebration_grace)
        prompts[f"all{i}"] = Count("id", filter=reached)
        prompts[f"open{i}"] = Count(
            "id", filter=reached & (Q(closed_at__isnull=True, success__isnull=True) | Q(closed_at__gt=moment))
        )
        spotlights[f"s{i}"] = Count("id", filter=Q(created_at__lte=moment, created_at__gt=moment - quarter))
    counts, made, given = (
        {
            row["c"]: row
            for row in rows(
                model.objects.filter(collaboration_id__in=collaboration_ids)
                .order_by()
                .values(c=hex_id("collaboration_id"))
                .annotate(**aggregates)
            )
        }
        for model, aggregates in ((Success, per_moment), (CelebrationPrompt, prompts), (Spotlight, spotlights))
    )
    found = {}
    for key, cid in keys.items():
        count, prompt, spotlight = counts.get(key, {}), made.get(key, {}), given.get(key, {})
        found[cid] = SuccessFacts(
            recorded=tuple(count.get(f"t{i}", 0) for i in steps),
            in_quarter=tuple(count.get(f"q{i}", 0) for i in steps),
            public_in_quarter=tuple(count.get(f"p{i}", 0) for i in steps),
            reached=tuple(prompt.get(f"all{i}", 0) for i in steps),
            not_celebrated=tuple(prompt.get(f"open{i}", 0) for i in steps),
            spotlights=tuple(spotlight.get(f"s{i}", 0) for i in steps),
        )
    return found


def partner_involvement(
    collaboration_ids: Sequence[UUID], *, moment: datetime.datetime, window: datetime.timedelta
) -> dict[UUID, int]:
    """Per partner: successes it was involved in, dated within ``window`` before ``moment`` (one query)."""
    day = timezone.localdate(moment)
    through: Any = Success.partners.through
    return dict(
        through.objects.filter(success__collaboration_id__in=collaboration_ids)
        .order_by()
        .values("partner_id")
        .annotate(
            w=Count(
                "success_id",
                filter=Q(success__recorded_at__lte=moment, success__date__lte=day, success__date__gt=day - window),
            )
        )
        .values_list("partner_id", "w")
    )


# --- what the council digest and the exports list ----------------------------------------------


@dataclass(frozen=True)
class PublicSuccess:
    title: str
    story: str
    date: datetime.date
    partners: tuple[str, ...]  # organisation names, sorted


def public_between(
    collaboration: Collaboration, start: datetime.date, end: datetime.date, *, limit: int
) -> list[PublicSuccess]:
    """Public successes dated in the period: only what the partners decided may go outside."""
    return [
        PublicSuccess(s.title, s.story, s.date, tuple(sorted(p.organisation.name for p in s.partners.all())))
        for s in Success.objects.filter(collaboration=collaboration, is_public=True, date__gte=start, date__lte=end)
        .prefetch_related("partners__organisation")
        .order_by("date", "title")[:limit]
    ]


def success_rows(collaboration: Collaboration, *, internal: bool) -> list[tuple[Any, ...]]:
    """The success feed as the person may see it: title, date, partners, public, credits, story."""
    return [
        (s.title, s.date, ", ".join(s.partner_names), s.is_public, ", ".join(s.credits), s.story)
        for s in Success.objects.feed(collaboration, internal=internal)
    ]
