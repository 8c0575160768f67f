"""Helpers for Ben eerlijk: open a round, let a partner declare and share, in the words of the tests."""

import datetime
from collections.abc import Iterable
from typing import Any

import pytest
from django.utils import timezone

from samen.interests.models import Declaration, HonestyRound
from samen.interests.services import (
    InterestInput,
    RedLineInput,
    open_round,
    save_declaration,
    share_declaration,
)


@pytest.fixture(autouse=True)
def quick_passwords(settings: Any) -> None:
    """The personas get passwords; a fast hasher keeps this area's tests quick (security is not under test here)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def in_two_weeks() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=14)


@pytest.fixture
def honesty_round(demo: Any) -> HonestyRound:
    return open_round(
        collaboration=demo.collaboration, by=demo.facilitator, title="Eerlijkheidsronde 2026", deadline=in_two_weeks()
    )


def declare(
    honesty_round: HonestyRound,
    partner: Any,
    by: Any,
    interests: dict[str, int | tuple[int, str]],
    red_lines: Iterable[tuple[str, str]] = (),
    intentions: str = "",
) -> Declaration:
    """Save a draft: ``interests`` maps motive to weight, or to (weight, explanation)."""
    current = Declaration.objects.filter(round=honesty_round, partner=partner).first()
    return save_declaration(
        honesty_round=honesty_round,
        partner=partner,
        by=by,
        intentions=intentions,
        interests=[
            InterestInput(motive, *(value if isinstance(value, tuple) else (value, "")))
            for motive, value in interests.items()
        ],
        red_lines=[RedLineInput(text, motive) for text, motive in red_lines],
        expected_version=current.version if current else 0,
    )


def declare_and_share(
    honesty_round: HonestyRound,
    partner: Any,
    official: Any,
    executive: Any,
    interests: dict[str, int | tuple[int, str]],
    **kwargs: Any,
) -> Declaration:
    declaration = declare(honesty_round, partner, official, interests, **kwargs)
    return share_declaration(declaration=declaration, by=executive)


@pytest.fixture
def people(demo: Any) -> dict[str, tuple[Any, Any, Any]]:
    """Per partner short name: (partner, ambtelijk contact, bestuurlijk contact)."""
    return {
        "utrecht": (demo.utrecht, demo.utrecht_beleidsmedewerker, demo.utrecht_wethouder),
        "zeist": (demo.zeist, demo.zeist_beleidsmedewerker, demo.zeist_wethouder),
        "de_bilt": (demo.de_bilt, demo.de_bilt_beleidsmedewerker, demo.de_bilt_wethouder),
    }
