"""What goes into a council digest: the facts of one period, read from the areas.

Only what councils may see: adopted goals (and the titles of proposals now being decided),
results of adopted goals, cost signals and announced deviations shared with everyone, public
successes only, and the health. The facts are stored as plain JSON in the digest, so the text
the bestuurlijk contacts approve cannot change afterwards.
"""

import datetime
from typing import Any

from django.utils import timezone

from samen.collaborations.models import Collaboration
from samen.core import formatting
from samen.experiences import facts as experiences
from samen.goals import facts as goals
from samen.health.pages import live_health
from samen.health.published import health_to_data
from samen.successes import facts as successes

MAX_ITEMS = 50  # a digest stays short: at most this many items per section


def _day(value: datetime.date | datetime.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return value.isoformat()


def _bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_current_timezone()
    first = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    last = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return first, last


def decided(collaboration: Collaboration, start: datetime.date, end: datetime.date) -> list[dict[str, Any]]:
    """Goals adopted, or changed by a newly adopted version, in the period."""
    first, last = _bounds(start, end)
    return [
        {"title": v.title, "text": v.text, "changed": v.number > 1, "adopted_on": _day(v.adopted_at)}
        for v in goals.adopted_between(collaboration, first, last, limit=MAX_ITEMS)
    ]


def intended(collaboration: Collaboration, end: datetime.date) -> dict[str, list[dict[str, Any]]]:
    """Results of adopted goals still to be reached after the period, and proposals being decided now."""
    return {
        "results": [
            {
                "indicator": r.indicator,
                "unit": r.unit,
                "baseline": _number(r.baseline),
                "target": _number(r.target),
                "current": _number(r.current),
                "due_on": _day(r.due_on),
                "goal": r.goal,
                "owner": r.owner,
            }
            for r in goals.results_due_after(collaboration, end, limit=MAX_ITEMS)
        ],
        "proposals": [
            {"title": p.title, "deadline": _day(p.deadline), "changed": p.number > 1}
            for p in goals.proposals_in_consent(collaboration, limit=MAX_ITEMS)
        ],
    }


def _number(value: Any) -> str | None:
    return None if value is None else formatting.number(value, 2, trim=True)


def costs(collaboration: Collaboration, start: datetime.date, end: datetime.date) -> list[dict[str, Any]]:
    """Cost signals raised in the period and shared with everyone in the collaboration."""
    first, last = _bounds(start, end)
    return [
        {
            "kind": s.kind,
            "subject": s.subject,
            "amount": _number(s.amount),
            "status": s.status,
            "raised_on": _day(s.raised_at),
            "by": s.by or "",
        }
        for s in experiences.shared_cost_signals(collaboration, first, last, limit=MAX_ITEMS)
    ]


def deviations(collaboration: Collaboration, start: datetime.date, end: datetime.date) -> list[dict[str, Any]]:
    """Deviations announced in the period, or in force during it."""
    first, last = _bounds(start, end)
    return [
        {
            "partner": d.partner,
            "article_number": d.article_number,
            "article": d.article,
            "reason": d.reason,
            "starts_on": _day(d.starts_on),
            "ends_on": _day(d.ends_on),
        }
        for d in experiences.deviations_between(collaboration, first, last, start, end, limit=MAX_ITEMS)
    ]


def public_successes(collaboration: Collaboration, start: datetime.date, end: datetime.date) -> list[dict[str, Any]]:
    """Public successes of the period: only what the partners decided may go outside."""
    return [
        {"title": s.title, "story": s.story, "date": _day(s.date), "partners": list(s.partners)}
        for s in successes.public_between(collaboration, start, end, limit=MAX_ITEMS)
    ]


def compose(
    collaboration: Collaboration, start: datetime.date, end: datetime.date
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The digest's facts and its health, as JSON."""
    content = {
        "decided": decided(collaboration, start, end),
        "intended": intended(collaboration, end),
        "costs": costs(collaboration, start, end),
        "deviations": deviations(collaboration, start, end),
        "successes": public_successes(collaboration, start, end),
    }
    return content, health_to_data(live_health(collaboration.pk))
