"""The tally of a consent round costs the same few queries for three partners as for thirty."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samen.accounts.models import Person
from samen.collaborations.models import Organisation, OrganisationKind, Partner
from samen.goals import services
from samen.goals.models import Advice, AdviceKind, ConsentRound, Decision, DecisionKind
from tests.health import builders

pytestmark = pytest.mark.django_db


def _tally_queries(consent_round_id) -> tuple[int, object]:
    fresh = ConsentRound.objects.get(pk=consent_round_id)
    with CaptureQueriesContext(connection) as captured:
        tally = services.round_tally(fresh)
        # What the goal page, the API and adoption read from a tally.
        for row in tally.rows:
            str(row.partner)
            if row.decision is not None:
                str(row.decision.person)
                str(row.decision.partner)
            for advice in row.advice:
                str(advice.person)
                str(advice)
        [str(partner.organisation) for partner in tally.waiting]
        [str(decision.partner) for decision in tally.departed]
    return len(captured.captured_queries), tally


def _add_partners(demo, consent_round: ConsentRound, count: int, start: int) -> None:
    for n in range(start, start + count):
        organisation = Organisation.objects.create(name=f"Gemeente Proef {n:02d}", kind=OrganisationKind.MUNICIPALITY)
        partner = Partner.objects.create(collaboration=demo.collaboration, organisation=organisation)
        person = Person.objects.create(email=f"bestuur{n}@proef.example", full_name=f"Bestuurder {n}")
        Decision.objects.create(round=consent_round, partner=partner, person=person, kind=DecisionKind.CONSENT)
        Advice.objects.create(round=consent_round, partner=partner, person=person, kind=AdviceKind.SUPPORT)


def test_tally_of_a_round_takes_the_same_queries_for_three_or_thirty_partners(demo):
    consent_round = builders.consent_round(
        demo.collaboration,
        demo.facilitator,
        demo.utrecht,
        deadline=timezone.localdate() + datetime.timedelta(days=14),
    )
    _add_partners(demo, consent_round, 2, 0)
    small, small_tally = _tally_queries(consent_round.pk)
    _add_partners(demo, consent_round, 28, 2)
    large, large_tally = _tally_queries(consent_round.pk)

    assert large_tally.total == small_tally.total + 28
    assert large_tally.consented == small_tally.consented + 28
    assert large == small
    assert small == 3, "the partners, the decisions and the advice"
    assert large == small
