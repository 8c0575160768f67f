"""Health, portfolio, council digest and exports give exactly what they gave before the areas offered facts.

``golden.json`` holds the results of the code before the refactor (health read every area's models
itself) on a constructed history of a year in every area, read at several moments. Record it again only
when a result is meant to change: ``SAMEN_RECORD_GOLDEN=1 .venv/bin/pytest tests/health/test_equivalence.py``.
"""

import datetime
import json
import os
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from samen.health import thresholds
from samen.health.areas import build_scope
from samen.health.cracks import cracks_for
from samen.health.indicators import health_for
from samen.health.portfolio import live_cells
from samen.reports import exports
from samen.reports.compose import compose
from tests.health import builders as b

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).with_name("golden.json")
START = datetime.date(2026, 1, 5)
READ_ON = (2, 7, 15, 27, 40, 56)  # weeks after START


def weeks(n: int) -> datetime.date:
    return START + datetime.timedelta(weeks=n)


def year_of_everything(demo: Any) -> None:
    """A year in every area, with changes of mind, late work, silence and a falling relationship."""
    c, fac, utrecht, zeist, de_bilt = demo.collaboration, demo.facilitator, demo.utrecht, demo.zeist, demo.de_bilt
    official = demo.utrecht_beleidsmedewerker
    with time_machine.travel(b.at(START), tick=False):
        first = b.ambition(c, "Snellere vergunningen", hours=100, budget=50000)
        second = b.ambition(c, "Gezamenlijk toezicht")
        b.pledge(first, utrecht, urgency=5, hours=50, budget=20000)
        b.pledge(first, zeist, urgency=2, hours=30)
        b.pledge(second, utrecht, urgency=4, hours=8)
        honesty = b.honesty_round(c, deadline=weeks(4), title="Voorjaarsronde")
        b.declaration(honesty, utrecht, motives=("kosten", "kwaliteit"))
        b.declaration(honesty, zeist, shared=False)
        goal = b.goal(c, fac, utrecht, "Vergunningen binnen acht weken")
        b.benefit(goal, utrecht, official)
        b.commitment(goal, zeist, demo.zeist_beleidsmedewerker, due_on=weeks(6))
        b.commitment(goal, utrecht, official, due_on=weeks(20), done=True)
        b.result(goal, utrecht, official, due_on=weeks(30), current=20, indicator="Afgehandelde aanvragen")
        b.result(goal, zeist, official, due_on=weeks(50), current=80, indicator="Klanttevredenheid")
        b.consent_round(c, fac, utrecht, deadline=weeks(3), title="Gezamenlijk toezicht")
        b.success(c, fac, [utrecht, zeist], public=True)
        b.prompt(c, reached_on=START)
        cost = b.signal(c, official, utrecht, subject="ICT duurder dan begroot")
        b.signal(c, official, utrecht, kind="afwijking", subject="Zeist wijkt af", to=zeist)
        article = b.article(c, fac)
        b.deviation(c, de_bilt, article, demo.de_bilt_beleidsmedewerker)
        b.checkin(
            c,
            title="Winter",
            answers={utrecht: [(4, 4), (4, 5)], zeist: [(4, 4)], de_bilt: [(3, 4)]},
            people={utrecht: [official, demo.utrecht_wethouder], zeist: [demo.zeist_wethouder], de_bilt: []},
        )
    with time_machine.travel(b.at(weeks(5)), tick=False):
        b.go(honesty, utrecht)
        b.go(honesty, zeist, "voorwaarden")
        b.pledge(first, de_bilt, urgency=4, hours=20)
        b.reply(cost, demo.zeist_beleidsmedewerker, zeist)
    with time_machine.travel(b.at(weeks(14)), tick=False):
        b.pledge(first, zeist, urgency=3)  # Zeist withdraws its hours
        b.success(c, fac, [de_bilt], date=weeks(13))
        honesty.closed_at = timezone.now()
        honesty.save(update_fields=["closed_at"])
        later = b.honesty_round(c, deadline=weeks(18), title="Najaarsronde")
        b.declaration(later, de_bilt)
        b.go(later, de_bilt, "no_go")
        b.checkin(
            c,
            title="Voorjaar",
            answers={utrecht: [(4, 3)], zeist: [(4, 2)], de_bilt: [(3, 3)]},
            people={utrecht: [official], zeist: [], de_bilt: [demo.de_bilt_wethouder]},
        )
    with time_machine.travel(b.at(weeks(30)), tick=False):
        b.signal(c, demo.zeist_beleidsmedewerker, zeist, kind="zorg", subject="Te weinig overleg")
        b.success(demo.other_collaboration, fac, [], public=True)
        other = b.ambition(demo.other_collaboration, "Eemland samen")
        b.pledge(other, demo.other_collaboration.partners.first(), hours=4)


ID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")


def plain(value: Any, names: dict[str, str]) -> Any:
    """JSON without the random parts: ids as the partner's name (or "id"), times as ISO text, sets sorted."""

    def name(found: re.Match[str]) -> str:
        return names.get(found.group(0).replace("-", ""), "id")

    if isinstance(value, uuid.UUID):
        return names.get(value.hex, "id")
    if isinstance(value, str):
        return ID.sub(name, value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(plain(k, names)): plain(v, names) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [plain(v, names) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(plain(v, names) for v in value)
    return value


def results_now(demo: Any) -> dict[str, Any]:
    """Everything health, the portfolio, the digest and the exports show, read at today's clock."""
    cid, ids = demo.collaboration.pk, [demo.collaboration.pk, demo.other_collaboration.pk]
    cache.clear()
    health = health_for(build_scope(ids, points=thresholds.TREND_POINTS + 1))
    cells = live_cells(ids, timezone.now())
    summary = health_for(build_scope(ids, points=2, detail=False))
    today = timezone.localdate()
    content, published = compose(demo.collaboration, today - datetime.timedelta(days=365), today)
    found: dict[str, Any] = {
        "health": {
            str(i): {
                "overall": h.overall,
                "indicators": [vars(indicator) for indicator in h.indicators],
                "last_activity": h.last_activity(),
            }
            for i, h in enumerate(health[c] for c in ids)
        },
        "cracks": [vars(crack) for crack in cracks_for(health[cid])],
        "portfolio": [[vars(cell) for cell in cells[c]] for c in ids],
        "summary": [[vars(i) for i in summary[c].indicators] for c in ids],
        "digest": {"content": content, "health": published},
        "exports": {
            # rows made at the same instant have no order of their own: compare the rows as a set
            export.slug: sorted(
                exports.render(export, demo.collaboration, demo.facilitator, "csv").decode().splitlines()
            )
            for export in exports.available_exports()
        },
    }
    return found


def test_health_portfolio_digest_and_exports_equal_the_results_recorded_before_the_refactor(demo):
    names = {p.pk.hex: p.organisation.name for p in [*demo.partners, *demo.other_collaboration.partners.all()]}
    year_of_everything(demo)
    found = {}
    for n in READ_ON:
        with time_machine.travel(b.at(weeks(n), hour=15), tick=False):
            found[f"week {n}"] = plain(results_now(demo), names)
    if os.environ.get("SAMEN_RECORD_GOLDEN"):
        GOLDEN.write_text(json.dumps(found, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
    recorded = json.loads(GOLDEN.read_text())
    for moment in found:
        for part in found[moment]:
            assert found[moment][part] == recorded[moment][part], (moment, part)
