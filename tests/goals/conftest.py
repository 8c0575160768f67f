"""Helpers for the goals specifications: a goal every demo partner has described, and a round on it."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from samen.goals import services
from samen.goals.models import ConsentRound, Goal

GOAL_TEXT = "Binnen vier weken een besluit op elke omgevingsvergunning, voor inwoners en ondernemers in de hele regio."


def draft_goal(demo: Any, *, by: Any = None, title: str = "Sneller vergunnen", text: str = GOAL_TEXT) -> Goal:
    return services.create_goal(
        collaboration=demo.collaboration, by=by or demo.utrecht_beleidsmedewerker, title=title, text=text
    )


def describe_benefits(goal: Goal, demo: Any) -> None:
    for partner, person in (
        (demo.utrecht, demo.utrecht_beleidsmedewerker),
        (demo.zeist, demo.zeist_beleidsmedewerker),
        (demo.de_bilt, demo.de_bilt_beleidsmedewerker),
    ):
        services.state_benefit(goal=goal, partner=partner, by=person, text=f"Minder bezwaarzaken in {partner}.")


def open_round(goal: Goal, demo: Any) -> ConsentRound:
    return services.open_consent_round(
        goal=goal, by=demo.facilitator, deadline=timezone.localdate() + datetime.timedelta(days=14)
    )


def refreshed(goal: Goal) -> Goal:
    return Goal.objects.select_related("adopted_version", "latest_version").get(pk=goal.pk)


@pytest.fixture
def goal(demo: Any) -> Goal:
    created = draft_goal(demo)
    describe_benefits(created, demo)
    return created


@pytest.fixture
def consent_round(goal: Goal, demo: Any) -> ConsentRound:
    return open_round(goal, demo)
