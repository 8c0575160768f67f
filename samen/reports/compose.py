"""What goes into a council digest: the facts of one period, read from the areas.

Only what councils may see: adopted goals (and the titles of proposals now being decided),
results of adopted goals, cost signals and announced deviations shared with everyone, public
successes only, and the health. The facts are stored as plain JSON in the digest, so the text
the bestuurlijk contacts approve cannot change afterwards.
"""

import datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone

from samen.collaborations.models import Collaboration
from samen.health.areas import area_model
from samen.health.pages import live_health
from samen.health.published import health_to_data

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


def decided(collaboration: Collaboration, start: datetime.date, end: datetime.date) -> list[dict[str, Any]] | None:
    """Goals adopted, or changed by a newly adopted version, in the period."""
    version_model = area_model("goals", "GoalVersion")
    if version_model is None:
        return None
    first, last = _bounds(start, end)
    rows = (
        version_model.objects.filter(goal__collaboration=collaboration, adopted_at__gte=first, adopted_at__lt=last)
        .order_by("adopted_at", "id")
        .values_list("title", "text", "number", "adopted_at")[:MAX_ITEMS]
    )
    return [
        {"title": title, "text": text, "changed": number > 1, "adopted_on": _day(adopted_at)}
        for title, text, number, adopted_at in rows
    ]


def intended(collaboration: Collaboration, end: datetime.date) -> dict[str, list[dict[str, Any]]] | None:
    """Results of adopted goals still to be reached after the period, and proposals being decided now."""
    result_model = area_model("goals", "Result")
    round_model = area_model("goals", "ConsentRound")
    if result_model is None or round_model is None:
        return None
    results = (
        result_model.objects.filter(goal__collaboration=collaboration, goal__adopted_version__isnull=False)
        .filter(due_on__gt=end)
        .order_by("due_on", "indicator")
        .values_list(
            "indicator",
            "unit",
            "baseline",
            "target",
            "current_value",
            "due_on",
            "goal__adopted_version__title",
            "owner_partner__organisation__name",
        )[:MAX_ITEMS]
    )
    proposals = (
        round_model.objects.filter(goal__collaboration=collaboration, status="open")
        .order_by("deadline")
        .values_list("version__title", "deadline", "version__number")[:MAX_ITEMS]
    )
    return {
        "results": [
            {
                "indicator": indicator,
                "unit": unit,
                "baseline": _number(baseline),
                "target": _number(target),
                "current": _number(current),
                "due_on": _day(due_on),
                "goal": goal,
                "owner": owner,
            }
            for indicator, unit, baseline, target, current, due_on, goal, owner in results
        ],
        "proposals": [
            {"title": title, "deadline": _day(deadline), "changed": number > 1} for title, deadline, number in proposals
        ],
    }


def _number(value: Any) -> str | None:
    if value is None:
        return None
    text = format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)
    return text.replace(".", ",")


def costs(collaboration: Collaboration, start: datetime.date, end: datetime.date) -> list[dict[str, Any]] | None:
    """Cost signals raised in the period and shared with everyone in the collaboration."""
    signal_model = area_model("experiences", "Signal")
    if signal_model is None:
        return None
    from samen.experiences.models import Addressee, SignalKind

    first, last = _bounds(start, end)
    rows = (
        signal_model.objects.filter(
            collaboration=collaboration,
            created_at__gte=first,
            created_at__lt=last,
            kind__in=[SignalKind.COSTS_HIGHER, SignalKind.PAYING_TOO_MUCH],
        )
        .filter(Q(addressee=Addressee.EVERYONE) | Q(addressee=Addressee.FACILITATOR))
        .order_by("created_at")
        .values_list("kind", "subject", "amount", "status", "created_at", "from_partner__organisation__name")[
            :MAX_ITEMS
        ]
    )
    return [
        {
            "kind": kind,
            "subject": subject,
            "amount": _number(amount),
            "status": status,
            "raised_on": _day(created_at),
            "by": by or "",
        }
        for kind, subject, amount, status, created_at, by in rows
    ]


def deviations(collaboration: Collaboration, start: datetime.date, end: datetime.date) -> list[dict[str, Any]] | None:
    """Deviations announced in the period, or in force during it."""
    deviation_model = area_model("experiences", "Deviation")
    if deviation_model is None:
        return None
    first, last = _bounds(start, end)
    rows = (
        deviation_model.objects.filter(collaboration=collaboration)
        .filter(
            Q(created_at__gte=first, created_at__lt=last)
            | (Q(starts_on__lte=end) & (Q(ends_on__isnull=True) | Q(ends_on__gte=start)))
        )
        .order_by("starts_on", "created_at")
        .values_list(
            "partner__organisation__name", "article__number", "article__title", "reason", "starts_on", "ends_on"
        )[:MAX_ITEMS]
    )
    return [
        {
            "partner": partner,
            "article_number": number,
            "article": title,
            "reason": reason,
            "starts_on": _day(s),
            "ends_on": _day(e),
        }
        for partner, number, title, reason, s, e in rows
    ]


def public_successes(
    collaboration: Collaboration, start: datetime.date, end: datetime.date
) -> list[dict[str, Any]] | None:
    """Public successes of the period: only what the partners decided may go outside."""
    success_model = area_model("successes", "Success")
    if success_model is None:
        return None
    rows = (
        success_model.objects.filter(collaboration=collaboration, is_public=True, date__gte=start, date__lte=end)
        .prefetch_related("partners__organisation")
        .order_by("date", "title")[:MAX_ITEMS]
    )
    return [
        {
            "title": s.title,
            "story": s.story,
            "date": _day(s.date),
            "partners": sorted(p.organisation.name for p in s.partners.all()),
        }
        for s in rows
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
