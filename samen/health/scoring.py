"""What every area's indicator shares: an indicator finished from its history, and facts as sentences."""

import datetime
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from samen.health import thresholds
from samen.health.areas import STATUS_ORDER, Indicator, PartnerRef, Scope, Status
from samen.health.words import join_names


def no_data(scope: Scope, area: str) -> dict[UUID, Indicator]:
    return {cid: Indicator(area=area, history=[None] * len(scope.moments)) for cid in scope.collaboration_ids}


def sentence(text: str) -> str:
    """A fact starts with a capital ("Eén", as Dutch writes één at the start of a sentence)."""
    if text.startswith("één"):
        return "Eén" + text[3:]
    return text[:1].upper() + text[1:]


def finish(
    area: str,
    history: list[int | None],
    *,
    facts: list[str],
    partner_scores: dict[UUID, int | None] | None = None,
    last_activity: dict[UUID, datetime.datetime] | None = None,
    details: dict[str, Any] | None = None,
    cap: str | None = None,
) -> Indicator:
    """Status from today's score (at most ``cap``), trend against one quarter ago."""
    score = history[0]
    status = thresholds.status_for(score)
    if cap is not None and status != Status.NONE and STATUS_ORDER[cap] < STATUS_ORDER[status]:
        status = cap
    return Indicator(
        area=area,
        score=score,
        status=status,
        trend=thresholds.trend_for(history[0], history[1] if len(history) > 1 else None),
        facts=[sentence(fact) for fact in facts] if score is not None else [],
        partner_scores=partner_scores or {},
        history=history,
        last_activity=last_activity or {},
        details=details or {},
    )


def of_partners(found: dict[UUID, datetime.datetime], partners: Iterable[PartnerRef]) -> dict[UUID, datetime.datetime]:
    """The latest activity of the current partners only."""
    ids = {p.id for p in partners}
    return {pid: at for pid, at in found.items() if pid in ids}


def names(partners: Iterable[PartnerRef]) -> str:
    return join_names([p.name for p in partners])
