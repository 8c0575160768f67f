"""Health as stored facts: computed once after a change, then read as a few rows per collaboration.

The portfolio reads one ``HealthSnapshot`` row per collaboration (its five cells), the health view
one row (every indicator with its facts, partner scores, activity and history). A row is computed
again when the collaboration changed (its latest audit event is newer than the row; see
``freshness``) or the hour turned, by the next read or by the worker (``refresh``); whatever
computes it stores the result, so every worker and every restart reads the same rows.
"""

import dataclasses
import datetime
import uuid
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from django.utils import timezone, translation

from samen.core import fragments
from samen.health import thresholds
from samen.health.areas import Indicator, PartnerRef, build_scope
from samen.health.freshness import change_stamps
from samen.health.indicators import Health, health_for
from samen.health.models import HealthQuarter, HealthSnapshot, SnapshotKind

# --- a health as JSON and back, exactly ----------------------------------------------------------


def encode(value: Any) -> Any:
    """JSON for the values a health holds; ids, times and dictionaries with any keys come back as they were."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, uuid.UUID):
        return {"$u": value.hex}
    if isinstance(value, datetime.datetime):
        return {"$t": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"$d": value.isoformat()}
    if isinstance(value, dict):
        return {"$m": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    raise TypeError(f"cannot store {type(value).__name__} in a health snapshot")


def decode(value: Any) -> Any:
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "$u" in value:
        return UUID(value["$u"])
    if "$t" in value:
        return datetime.datetime.fromisoformat(value["$t"])
    if "$d" in value:
        return datetime.date.fromisoformat(value["$d"])
    return {decode(k): decode(v) for k, v in value["$m"]}


def health_to_stored(health: Health) -> dict[str, Any]:
    return {
        "indicators": [encode(dataclasses.asdict(i)) for i in health.indicators],
        "partners": [encode(dataclasses.astuple(p)) for p in health.partners],
        "moments": encode(health.moments),
    }


def health_from_stored(collaboration_id: UUID, data: dict[str, Any]) -> Health:
    return Health(
        collaboration_id,
        [Indicator(**decode(i)) for i in data["indicators"]],
        [PartnerRef(*decode(p)) for p in data["partners"]],
        decode(data["moments"]),
    )


# --- reading and storing ---------------------------------------------------------------------------


def _next_hour(now: datetime.datetime) -> datetime.datetime:
    local = timezone.localtime(now).replace(minute=0, second=0, microsecond=0)
    return local + datetime.timedelta(hours=1)


def _store(kind: str, language: str, found: dict[UUID, Any], stamps: dict[str, str], now: datetime.datetime) -> None:
    if not found:
        return
    HealthSnapshot.objects.bulk_create(
        [
            HealthSnapshot(
                collaboration_id=cid,
                kind=kind,
                language=language,
                stamp=stamps.get(cid.hex, ""),
                computed_at=now,
                valid_until=_next_hour(now),
                data=data,
            )
            for cid, data in found.items()
        ],
        update_conflicts=True,
        unique_fields=["collaboration", "kind", "language"],
        update_fields=["stamp", "computed_at", "valid_until", "data"],
        batch_size=500,
    )
    fragments.changed()  # pages show stored health: their cached fragments are stale now


def _cells_of(health: Health) -> list[list[Any]]:
    return [[i.area, i.score, i.status, i.trend, i.history] for i in health.indicators]


def stored_cells(collaboration_ids: Sequence[UUID], now: datetime.datetime) -> dict[UUID, list[Indicator]]:
    """Today's five cells per collaboration, computed only for those whose row is missing or stale.

    Two queries when every row is fresh, whatever the number of collaborations; a fixed number more
    for those computed again (all of them at once).
    """
    ids = list(collaboration_ids)
    stamps = change_stamps(ids)
    rows = {
        cid: (stamp, computed_at, valid_until, data)
        for cid, stamp, computed_at, valid_until, data in HealthSnapshot.objects.filter(
            collaboration_id__in=ids, kind=SnapshotKind.CELLS, language=""
        ).values_list("collaboration_id", "stamp", "computed_at", "valid_until", "data")
    }
    found: dict[UUID, list[list[Any]]] = {}
    for cid in ids:
        row = rows.get(cid)
        if row is not None and row[0] == stamps.get(cid.hex, "") and row[1] <= now < row[2]:
            found[cid] = row[3]
    missing = [cid for cid in ids if cid not in found]
    if missing:
        fresh = health_for(build_scope(missing, now=now, points=2, detail=False))
        computed = {cid: _cells_of(fresh[cid]) for cid in missing}
        _store(SnapshotKind.CELLS, "", computed, stamps, now)
        found.update(computed)
    return {
        cid: [
            Indicator(area=area, score=score, status=status, trend=trend, history=list(history))
            for area, score, status, trend, history in found[cid]
        ]
        for cid in ids
    }


def stored_health(collaboration_id: UUID, now: datetime.datetime) -> Health:
    """The health view of one collaboration with a year of history, in the reader's language: from its row,
    or computed and stored (three queries when the row is fresh)."""
    language = translation.get_language() or ""
    stamps = change_stamps([collaboration_id])
    row = HealthSnapshot.objects.filter(
        collaboration_id=collaboration_id, kind=SnapshotKind.VIEW, language=language
    ).first()
    if row is not None and row.is_fresh(stamps.get(collaboration_id.hex, ""), now):
        return health_from_stored(collaboration_id, row.data)
    health = health_for(build_scope([collaboration_id], now=now, points=thresholds.TREND_POINTS + 1))
    _store(SnapshotKind.VIEW, language, {collaboration_id: health_to_stored(health[collaboration_id])}, stamps, now)
    return health[collaboration_id]


# --- quarters: the trend chart's past ---------------------------------------------------------------


def quarter_ends(now: datetime.datetime, count: int = thresholds.TREND_POINTS) -> list[datetime.datetime]:
    """The moments the last ``count`` calendar quarters before ``now`` ended, the latest first."""
    local = timezone.localtime(now)
    year, month = local.year, 3 * ((local.month - 1) // 3) + 1
    ends = []
    for _step in range(count):
        ends.append(datetime.datetime(year, month, 1, tzinfo=timezone.get_current_timezone()))
        year, month = (year, month - 3) if month > 3 else (year - 1, month + 9)
    return ends


def compute_quarters(collaboration_ids: Sequence[UUID], end: datetime.datetime) -> dict[UUID, dict[str, int | None]]:
    """The score per area of each collaboration as computed at the moment ``end`` (as the portfolio would have)."""
    health = health_for(build_scope(list(collaboration_ids), now=end, points=2, detail=False))
    return {cid: {i.area: i.score for i in health[cid].indicators} for cid in collaboration_ids}


def stored_quarters(
    collaboration_ids: Sequence[UUID], now: datetime.datetime
) -> dict[UUID, list[tuple[datetime.datetime, dict[str, int | None]]]]:
    """The last quarters' scores per collaboration, the latest first: one query when they are stored,
    a fixed number more per missing quarter to compute and store it (all collaborations at once).

    A quarter is computed as at its end, whenever that happens, so it never changes once stored.
    """
    ids = list(collaboration_ids)
    ends = quarter_ends(now)
    found: dict[tuple[UUID, datetime.datetime], dict[str, int | None]] = {
        (cid, ended_at): scores
        for cid, ended_at, scores in HealthQuarter.objects.filter(
            collaboration_id__in=ids, ended_at__in=ends
        ).values_list("collaboration_id", "ended_at", "scores")
    }
    for end in ends:
        missing = [cid for cid in ids if (cid, end) not in found]
        if not missing:
            continue
        computed = compute_quarters(missing, end)
        HealthQuarter.objects.bulk_create(
            [
                HealthQuarter(collaboration_id=cid, ended_at=end, scores=scores, computed_at=now)
                for cid, scores in computed.items()
            ],
            ignore_conflicts=True,
            batch_size=500,
        )
        fragments.changed()
        found.update({(cid, end): scores for cid, scores in computed.items()})
    return {cid: [(end, found[(cid, end)]) for end in ends] for cid in ids}


def refresh(now: datetime.datetime | None = None, *, batch: int = 500) -> int:
    """Compute again the portfolio rows of every active collaboration that changed or whose hour passed,
    and store the quarter that ended (and any missing one).

    Run by the worker when the hour turns (``manage.py refresh_health``), so that no reader waits for it.
    Returns the number of collaborations read.
    """
    from samen.collaborations.models import Collaboration

    now = now or timezone.now()
    ids = list(Collaboration.objects.filter(workspace_active=True).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        stored_cells(ids[start : start + batch], now)
        stored_quarters(ids[start : start + batch], now)
    return len(ids)
