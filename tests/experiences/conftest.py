"""Helpers for the Deel ervaringen specifications: real texts from data/ and quick set-ups."""

from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from samen.experiences import services
from samen.experiences.models import Agreement, AgreementKind, Article, CheckIn
from samen.settings import DATA_DIR

TEXTS = Path(DATA_DIR) / "texts"
RHC_MD = TEXTS / "BWBR0017935_GR_RHC_Noord-Holland_Rijk_Haarlem_Velsen.md"
RHC_TXT = TEXTS / "BWBR0017935_GR_RHC_Noord-Holland_Rijk_Haarlem_Velsen.txt"
WGR_MD = TEXTS / "BWBR0003740_Wet_gemeenschappelijke_regelingen_versie_2015.md"
ROO_EXCERPTS = Path(DATA_DIR) / "roo" / "gr_bevoegdheden_artikelen.jsonl"

SMALL_AGREEMENT = """Convenant Samen Sterk

Hoofdstuk 1 Algemeen

Artikel 1 Begripsbepalingen
In dit convenant wordt verstaan onder:
a. partners: de deelnemende gemeenten;
b. het bureau: het regionale programmabureau.

Artikel 2 Kosten
1. De partners dragen de kosten naar rato van het aantal inwoners.
2. Het bureau stuurt elk kwartaal een factuur.

Hoofdstuk 2 Slotbepalingen

Artikel 3 Inwerkingtreding
Dit convenant treedt in werking op 1 januari 2026.
"""


def import_text(
    demo: Any,
    text: str = SMALL_AGREEMENT,
    fmt: str = "auto",
    *,
    by: Any = None,
    title: str = "Convenant Samen Sterk",
    collaboration: Any = None,
) -> Agreement:
    collaboration = collaboration or demo.collaboration
    return services.import_agreement(
        collaboration=collaboration,
        by=by or demo.utrecht_beleidsmedewerker,
        token=services.make_import_token(text, fmt),
        kind=AgreementKind.COVENANT,
        title=title,
        parties=list(collaboration.current_partners()),
    )


def article(agreement: Agreement, number: str) -> Article:
    return agreement.articles.get(number=number)


def open_checkin(demo: Any, **kwargs: Any) -> CheckIn:
    (checkin,) = services.schedule_checkins(
        collaboration=demo.collaboration, by=demo.facilitator, first_opens_on=timezone.localdate(), **kwargs
    )
    return checkin


SCORES = {"progress": 4, "trust": 4, "openness": 3, "fair_share": 2, "heard": 5, "ownership": 4}


def answer(checkin: CheckIn, person: Any, partner: Any, **overrides: Any) -> None:
    comments = {k: overrides.pop(k) for k in ("going_well", "sticking", "relationship_comment") if k in overrides}
    services.answer_checkin(checkin=checkin, by=person, partner=partner, scores={**SCORES, **overrides}, **comments)


@pytest.fixture
def agreement(demo: Any) -> Agreement:
    return import_text(demo)


@pytest.fixture
def notified(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every notify(...) call of this area, with its recipients as a list."""
    calls: list[dict[str, Any]] = []

    def capture(**kwargs: Any) -> None:
        kwargs["recipients"] = list(kwargs["recipients"])
        calls.append(kwargs)

    for module in ("signals", "reminders"):
        monkeypatch.setattr(f"samen.experiences.services.{module}.notify", capture)
    return calls
