"""The demo's year of the cycle is made through the services: documents, zienswijzen, reactions, figures."""

import datetime

import pytest

from samen.audit.models import AuditEvent
from samen.council.demo import build_cycle_year
from samen.council.facts import council_facts
from samen.council.models import DocumentKind, KeyFigures, Zienswijze

pytestmark = pytest.mark.django_db


def contacts(demo):
    return {demo.utrecht: demo.raadslid, demo.zeist: demo.zeist_wethouder, demo.de_bilt: demo.de_bilt_beleidsmedewerker}


def test_a_past_year_is_complete(demo):
    documents = build_cycle_year(
        demo.collaboration,
        2025,
        facilitator=demo.facilitator,
        contacts=contacts(demo),
        today=datetime.date(2026, 1, 15),
    )
    assert [d.kind for d in documents] == [
        DocumentKind.KADERBRIEF,
        DocumentKind.PROVISIONAL_ACCOUNTS,
        DocumentKind.DRAFT_BUDGET,
        DocumentKind.ANNUAL_ACCOUNTS,
        DocumentKind.BUDGET_AMENDMENT,
    ]
    assert Zienswijze.objects.filter(adopted_at__isnull=False).count() == 6
    assert not Zienswijze.objects.filter(response="").exists()
    assert KeyFigures.objects.filter(year=2025).count() == 2
    assert AuditEvent.objects.filter(action="council.document_recorded").count() == 5
    facts = council_facts(demo.collaboration, today=datetime.date(2026, 1, 15))
    assert facts.negative == 2
    assert facts.reactions_missing == 0


def test_a_running_year_has_only_what_arrived_and_a_draft_while_the_period_runs(demo):
    documents = build_cycle_year(
        demo.collaboration,
        2026,
        facilitator=demo.facilitator,
        contacts=contacts(demo),
        today=datetime.date(2026, 4, 20),
    )
    assert [d.kind for d in documents] == [
        DocumentKind.KADERBRIEF,
        DocumentKind.PROVISIONAL_ACCOUNTS,
        DocumentKind.DRAFT_BUDGET,
    ]
    draft = Zienswijze.objects.get(adopted_at__isnull=True)
    assert draft.partner == demo.de_bilt
    assert Zienswijze.objects.filter(adopted_at__isnull=False, response="").count() == 2


def test_the_demo_knows_a_year_it_wrote_already(demo):
    from samen.council.demo import has_cycle_year

    assert not has_cycle_year(demo.collaboration, 2025)
    build_cycle_year(
        demo.collaboration,
        2025,
        facilitator=demo.facilitator,
        contacts=contacts(demo),
        today=datetime.date(2026, 1, 15),
    )
    assert has_cycle_year(demo.collaboration, 2025)
    assert not has_cycle_year(demo.collaboration, 2026)
