"""A workspace with something of every kind, so that every form of Samen has a page to be sent from."""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from samen.experiences import services as experiences
from samen.goals import services as goals
from samen.interests import services as interests
from tests.experiences.conftest import import_text, open_checkin
from tests.goals.conftest import describe_benefits, draft_goal


@dataclass
class World:
    demo: Any
    bare_goal: Any  # a draft without benefits
    ready_goal: Any  # every partner described what it brings
    round_goal: Any  # put to the partners
    consent_round: Any
    adopted: Any
    result: Any
    commitment: Any
    accountability: Any
    agreement: Any
    article: Any
    signal: Any
    deviation: Any
    ambition: Any
    checkin: Any  # open today

    @property
    def today(self) -> Any:
        return timezone.localdate()


def build_world(demo: Any) -> World:
    today = timezone.localdate()
    bare = draft_goal(demo, title="Eén loket")
    ready = draft_goal(demo, title="Samen inkopen")
    describe_benefits(ready, demo)
    in_round = draft_goal(demo, title="Gedeelde huisvesting")
    describe_benefits(in_round, demo)
    consent_round = goals.open_consent_round(goal=in_round, by=demo.facilitator, deadline=today)
    adopted = draft_goal(demo, title="Sneller vergunnen")
    describe_benefits(adopted, demo)
    adopting = goals.open_consent_round(goal=adopted, by=demo.facilitator, deadline=today)
    for partner, executive in (
        (demo.utrecht, demo.utrecht_wethouder),
        (demo.zeist, demo.zeist_wethouder),
        (demo.de_bilt, demo.de_bilt_wethouder),
    ):
        goals.record_decision(consent_round=adopting, partner=partner, by=executive, kind="instemming")
    adopted.refresh_from_db()
    result = goals.add_result(
        goal=adopted,
        by=demo.facilitator,
        indicator="Vergunningen binnen vier weken",
        unit="procent",
        baseline="40",
        target="80",
        due_on=today + datetime.timedelta(days=365),
        owner_partner=demo.zeist,
        owner_person=demo.zeist_beleidsmedewerker,
    )
    commitment = goals.add_commitment(
        goal=adopted,
        by=demo.zeist_wethouder,
        partner=demo.zeist,
        what="Werkinstructie aanpassen",
        who=demo.zeist_beleidsmedewerker,
        due_on=today + datetime.timedelta(days=30),
    )
    accountability = goals.raise_accountability_request(
        collaboration=demo.collaboration, by=demo.utrecht_beleidsmedewerker, commitment=commitment, question="Lukt het?"
    )
    agreement = import_text(demo)
    article = agreement.articles.get(number="2")
    signal = experiences.raise_signal(
        collaboration=demo.collaboration,
        by=demo.utrecht_beleidsmedewerker,
        from_partner=demo.utrecht,
        kind="zorg",
        subject="Facturen komen laat",
        text="De facturen van het bureau komen steeds later.",
        addressee="iedereen",
    )
    deviation = experiences.announce_deviation(
        collaboration=demo.collaboration,
        by=demo.utrecht_beleidsmedewerker,
        partner=demo.utrecht,
        article=article,
        reason="Onze raad besluit pas in maart.",
        starts_on=today,
    )
    ambition = interests.create_ambition(collaboration=demo.collaboration, by=demo.facilitator, title="Samen inkopen")
    return World(
        demo, bare, ready, in_round, consent_round, adopted, result, commitment, accountability, agreement, article,
        signal, deviation, ambition, open_checkin(demo),
    )  # fmt: skip


@pytest.fixture
def world(demo: Any) -> World:
    return build_world(demo)
