"""The demo personas with things to do, each created through the area's own service functions."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from samen.experiences import services as experiences
from samen.experiences.models import Addressee, SignalKind
from samen.goals import services as goals
from samen.goals.models import DecisionKind, Goal
from samen.interests.services import InterestInput, open_round, save_declaration
from samen.reports import services as reports
from samen.successes import services as successes
from samen.successes.prompts import refresh_prompts
from tests.personas import Demo


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def honesty_round(demo: Demo, deadline: datetime.date | None = None) -> Any:
    return open_round(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        title="Eerlijkheidsronde 2026",
        deadline=deadline or in_days(14),
    )


def draft_declaration(round_: Any, partner: Any, by: Any) -> Any:
    return save_declaration(
        honesty_round=round_,
        partner=partner,
        by=by,
        intentions="Snellere vergunningen voor onze inwoners.",
        interests=[InterestInput("kwaliteit_dienstverlening", 4, "")],
        red_lines=[],
        expected_version=0,
    )


def goal_with_benefits(demo: Demo, title: str = "Sneller vergunnen") -> Goal:
    goal = goals.create_goal(
        collaboration=demo.collaboration,
        by=demo.utrecht_beleidsmedewerker,
        title=title,
        text="Binnen vier weken een besluit op elke omgevingsvergunning in de hele regio.",
    )
    for partner, person in zip(
        demo.partners,
        (demo.utrecht_beleidsmedewerker, demo.zeist_beleidsmedewerker, demo.de_bilt_beleidsmedewerker),
        strict=True,
    ):
        goals.state_benefit(goal=goal, partner=partner, by=person, text=f"Minder bezwaarzaken in {partner}.")
    return goal


def consent_round(demo: Demo, goal: Goal | None = None, deadline: datetime.date | None = None) -> Any:
    return goals.open_consent_round(
        goal=goal or goal_with_benefits(demo), by=demo.facilitator, deadline=deadline or in_days(10)
    )


def adopted_goal(demo: Demo, title: str = "Sneller vergunnen") -> Goal:
    round_ = consent_round(demo, goal_with_benefits(demo, title))
    for partner, person in zip(
        demo.partners, (demo.utrecht_wethouder, demo.zeist_wethouder, demo.de_bilt_wethouder), strict=True
    ):
        goals.record_decision(consent_round=round_, partner=partner, by=person, kind=DecisionKind.CONSENT)
    return Goal.objects.get(pk=round_.goal_id)


def zeist_result(demo: Demo, goal: Goal) -> Any:
    return goals.add_result(
        goal=goal,
        by=demo.zeist_beleidsmedewerker,
        indicator="Vergunningen binnen vier weken (%)",
        unit="%",
        baseline="50",
        target="80",
        due_on=in_days(200),
        owner_partner=demo.zeist,
        owner_person=demo.zeist_beleidsmedewerker,
    )


def open_checkin(demo: Demo, closes_in: int = 13) -> Any:
    (checkin,) = experiences.schedule_checkins(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        first_opens_on=timezone.localdate(),
        open_days=closes_in + 1,
        title="Check-in voorjaar",
    )
    return checkin


SCORES = {"progress": 4, "trust": 4, "openness": 3, "fair_share": 2, "heard": 5, "ownership": 4}


def answer(checkin: Any, person: Any, partner: Any) -> None:
    experiences.answer_checkin(checkin=checkin, by=person, partner=partner, scores=SCORES)


def signal_from_utrecht_to_zeist(demo: Demo, subject: str = "De kosten vallen hoger uit") -> Any:
    return experiences.raise_signal(
        collaboration=demo.collaboration,
        by=demo.utrecht_beleidsmedewerker,
        from_partner=demo.utrecht,
        kind=SignalKind.COSTS_HIGHER,
        subject=subject,
        text="De factuur over het eerste kwartaal is 12% hoger dan begroot.",
        addressee=Addressee.PARTNER,
        addressee_partner=demo.zeist,
        amount=Decimal("12500"),
    )


def reached_result_prompt(demo: Demo) -> Any:
    """Zeist's result reaches its target: a celebration prompt nobody answered yet."""
    result = zeist_result(demo, adopted_goal(demo))
    goals.record_progress(result=result, by=demo.zeist_beleidsmedewerker, value="85", measured_on=timezone.localdate())
    refresh_prompts(demo.collaboration)
    return result


def published_digest(demo: Demo) -> Any:
    digest = reports.create_digest(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        period_start=in_days(-90),
        period_end=in_days(-1),
        title="Raadsbrief eerste kwartaal",
    )
    reports.submit_digest(digest=digest, by=demo.facilitator)
    for partner, person in zip(
        demo.partners, (demo.utrecht_wethouder, demo.zeist_wethouder, demo.de_bilt_wethouder), strict=True
    ):
        reports.approve_digest(digest=digest, partner=partner, by=person)
    return reports.publish_digest(digest=digest, by=demo.facilitator)


def public_success(demo: Demo, title: str = "Eerste vergunning binnen twee weken") -> Any:
    success = successes.record_success(
        collaboration=demo.collaboration,
        by=demo.utrecht_beleidsmedewerker,
        title=title,
        story="Een ondernemer in Zeist kreeg binnen twee weken zijn vergunning.",
        date=timezone.localdate(),
        partners=[demo.zeist],
    )
    return successes.set_success_public(success=success, by=demo.zeist_wethouder, public=True)


@pytest.fixture
def everything(demo: Demo) -> Demo:
    """One of every kind of open action at once, in the demo collaboration."""
    draft_declaration(honesty_round(demo), demo.utrecht, demo.utrecht_beleidsmedewerker)
    consent_round(demo, goal_with_benefits(demo, "Eén loket voor ondernemers"))
    open_checkin(demo)
    signal_from_utrecht_to_zeist(demo)
    result = reached_result_prompt(demo)
    goals.raise_accountability_request(
        collaboration=demo.collaboration,
        by=demo.utrecht_beleidsmedewerker,
        question="Hoe staat het met de wachttijd in Zeist?",
        result=result,
    )
    return demo
