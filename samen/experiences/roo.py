"""The ROO article excerpts (tasks and powers) of register GRs, offered as a start for the register."""

import json
from functools import cache
from typing import Any

from django.conf import settings

EXCERPTS_FILE = settings.DATA_DIR / "roo" / "gr_bevoegdheden_artikelen.jsonl"


@cache
def _by_roo_id() -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    if not EXCERPTS_FILE.exists():
        return rows
    with open(EXCERPTS_FILE, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                rows[str(row.get("roo_id"))] = row
    return rows


def excerpts_for(roo_id: str | None) -> list[dict[str, Any]]:
    """The article excerpts of one regeling (``kop_artikel``, ``inhoud_artikel``); empty if none."""
    if not roo_id:
        return []
    row = _by_roo_id().get(str(roo_id))
    return [dict(a) for a in row.get("artikelen", [])] if row else []


def regeling_name(roo_id: str | None) -> str:
    row = _by_roo_id().get(str(roo_id)) if roo_id else None
    return str(row.get("naam") or "") if row else ""


def all_roo_ids() -> list[str]:
    return sorted(_by_roo_id())
