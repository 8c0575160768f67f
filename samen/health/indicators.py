"""The five indicators of a collaboration's health, each scored from the facts its area offers.

Each area's scoring (``score_<area>``) asks that area's ``facts`` module for every collaboration in
a ``Scope`` at once (a fixed number of aggregate queries, whatever the number of collaborations or
the years of history) and returns an ``Indicator`` per collaboration: a score 0–100 per moment (now
first, then a quarter back, ...), the status and trend that follow from it (see ``thresholds``), each
partner's score for the radar, the facts behind it in words, and the definition. A collaboration
without data in an area gets "nog geen gegevens" there. Health imports no area's models.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.utils.translation import gettext_lazy

from samen.health.areas import Area, Indicator, PartnerRef, Scope, Status, worst
from samen.health.score_experiences import experiences
from samen.health.score_goals import ownership
from samen.health.score_interests import ambition_and_urgency, honesty
from samen.health.score_successes import successes

DEFINITIONS: dict[str, Any] = {
    Area.AMBITION: gettext_lazy(
        "Deelt iedereen de ambitie en voelt iedereen de urgentie? Gemiddelde van drie delen: "
        "(1) dekking: het deel van de combinaties partner × ambitie met inzet in uren, fte of geld; "
        "(2) capaciteit: hoeveel van de benodigde uren en euro's de partners samen toezeggen (per ambitie, "
        "hoogstens 100%); (3) balans: hoe dicht de gemiddelde urgentie van de partners bij elkaar ligt "
        "(1 − grootste verschil / 4). Een deel zonder gegevens telt niet mee. Een partner die voor geen enkele "
        "ambitie iets inzet, maakt de status hoogstens ‘aandacht’."
    ),
    Area.HONESTY: gettext_lazy(
        "Zijn de partners eerlijk over hun belangen? In de laatste eerlijkheidsronde: het deel van de partners "
        "dat zijn verklaring (belangen, intenties, rode lijnen) met de anderen heeft gedeeld, en zodra er "
        "besluiten zijn het deel dat go of go met voorwaarden zei. Een no-go maakt de status altijd ‘zorg’. "
        "Per partner: gedeeld 100, alleen een concept 30, niets 0."
    ),
    Area.OWNERSHIP: gettext_lazy(
        "Voelen de partners zich samen eigenaar? Gemiddelde van: het deel van de doelen dat alle partners "
        "hebben vastgesteld; het deel van de lopende afspraken dat niet over tijd is; het deel van de partners "
        "dat bij een vastgesteld doel heeft beschreven wat het hun oplevert; en het deel van de open "
        "instemmingsrondes dat niet stilstaat (over de deadline, of ouder dan zes weken met partners die nog "
        "niet besloten). Resultaten uit koers staan bij de feiten."
    ),
    Area.SUCCESSES: gettext_lazy(
        "Worden successen gezien en gevierd? Gemiddelde van: het aantal successen in het afgelopen kwartaal "
        "(twee of meer is vol) en het deel van de bereikte resultaten en vastgestelde doelen dat binnen twee "
        "weken gevierd is. Per partner: betrokken bij successen in het afgelopen half jaar (twee of meer is vol)."
    ),
    Area.EXPERIENCES: gettext_lazy(
        "Delen de partners hun ervaringen? Gemiddelde van: de respons op de laatste gesloten check-in "
        "(70% of meer is vol); de relatiescore van die check-in (alleen bij minstens drie antwoorden, van 1 "
        "tot 5 omgerekend naar 0–100); signalen die niet langer dan vier weken open staan; en aangekondigde "
        "afwijkingen waarvan alle andere partners binnen twee weken kennis namen. Per partner telt ook of hij "
        "in de laatste tien weken iets deelde (signaal, reactie, lezing, afwijking of kennisname)."
    ),
}


def definition(area: str) -> str:
    return str(DEFINITIONS[area])


# --- all areas together ---------------------------------------------------------------------------


AREA_INDICATORS: tuple[Callable[[Scope], dict[UUID, Indicator]], ...] = (
    ambition_and_urgency,
    honesty,
    ownership,
    successes,
    experiences,
)


@dataclass
class Health:
    """The five indicators of one collaboration."""

    collaboration_id: UUID
    indicators: list[Indicator]
    partners: list[PartnerRef]
    moments: list[datetime.datetime]

    @property
    def overall(self) -> str:
        return worst(i.status for i in self.indicators)

    @property
    def overall_label(self) -> str:
        return str(Status(self.overall).label)

    def indicator(self, area: str) -> Indicator:
        return next(i for i in self.indicators if i.area == area)

    def last_activity(self) -> dict[UUID, datetime.datetime]:
        found: dict[UUID, datetime.datetime] = {}
        for indicator in self.indicators:
            for pid, at in indicator.last_activity.items():
                if pid not in found or at > found[pid]:
                    found[pid] = at
        return found


def health_for(scope: Scope) -> dict[UUID, Health]:
    """Every area's indicator for every collaboration in ``scope``: a fixed number of queries."""
    per_area = [compute(scope) for compute in AREA_INDICATORS]
    return {
        cid: Health(cid, [area[cid] for area in per_area], scope.partners_of(cid), scope.moments)
        for cid in scope.collaboration_ids
    }
