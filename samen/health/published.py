"""A health as plain JSON (for the published snapshot in a council digest) and back."""

import datetime
import uuid
from typing import Any

from samen.health.areas import Indicator, PartnerRef
from samen.health.indicators import Health


def health_to_data(health: Health) -> dict[str, Any]:
    """Everything a reader's page shows: statuses, scores, trends, facts, partner scores and history."""
    return {
        "moments": [moment.isoformat() for moment in health.moments],
        "partners": [
            {"id": str(p.id), "name": p.name, "organisation": str(p.organisation_id)} for p in health.partners
        ],
        "indicators": [
            {
                "area": i.area,
                "score": i.score,
                "status": i.status,
                "trend": i.trend,
                "facts": list(i.facts),
                "partner_scores": {str(pid): score for pid, score in i.partner_scores.items()},
                "history": list(i.history),
            }
            for i in health.indicators
        ],
    }


def health_from_data(collaboration_id: Any, data: dict[str, Any]) -> Health:
    partners = [PartnerRef(uuid.UUID(p["id"]), p["name"], None, 0) for p in data.get("partners", [])]
    indicators = [
        Indicator(
            area=i["area"],
            score=i["score"],
            status=i["status"],
            trend=i["trend"],
            facts=list(i["facts"]),
            partner_scores={uuid.UUID(pid): score for pid, score in i["partner_scores"].items()},
            history=list(i["history"]),
        )
        for i in data.get("indicators", [])
    ]
    moments = [datetime.datetime.fromisoformat(m) for m in data.get("moments", [])]
    return Health(collaboration_id, indicators, partners, moments)
