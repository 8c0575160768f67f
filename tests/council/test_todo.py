"""Te doen for raadsgrip: the zienswijze a council owes, the GR body's reactions, for readers the open period."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samen.council import services
from samen.council import todo as council_todo
from samen.council.models import DocumentKind, Stance
from samen.todo.compose import published_for, todo_for
from samen.todo.items import Kind, PublishedKind, Urgency

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def amendment(demo, sent_on):
    return services.record_document(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        year=sent_on.year,
        kind=DocumentKind.BUDGET_AMENDMENT,
        title="Eerste begrotingswijziging",
        sent_on=sent_on,
        link="https://www.example.org/wijziging.pdf",
    )


def write(document, partner, by):
    return services.save_zienswijze(
        document=document,
        partner=partner,
        by=by,
        stance=Stance.REMARKS,
        text="De raad vraagt om soberheid.",
        themes=["indexatie"],
        decided_on=document.sent_on,
    )


def zienswijze_items(person):
    return [entry for entry in todo_for(person) if entry.kind in {Kind.ZIENSWIJZE, Kind.ZIENSWIJZE_RESPONSE}]


def test_each_contact_sees_the_zienswijze_of_their_own_council_due_at_the_end_of_the_period(demo):
    document = amendment(demo, days_ago(30))
    (entry,) = zienswijze_items(demo.zeist_beleidsmedewerker)
    assert entry.kind == Kind.ZIENSWIJZE
    assert "Zeist" in entry.title
    assert "Utrecht" not in entry.title
    assert entry.due == document.zienswijze_until
    assert entry.urgency == Urgency.LATER
    assert entry.url.endswith(f"/pc-stukken/{document.pk}#zienswijze-{demo.zeist.pk}")
    (utrecht,) = zienswijze_items(demo.utrecht_wethouder)
    assert "Utrecht" in utrecht.title


def test_a_draft_asks_to_be_adopted_and_an_adopted_zienswijze_leaves_the_list(demo):
    document = amendment(demo, days_ago(30))
    draft = write(document, demo.zeist, demo.zeist_beleidsmedewerker)
    (entry,) = zienswijze_items(demo.zeist_beleidsmedewerker)
    assert entry.title.startswith("Stel de zienswijze van Zeist")
    services.adopt_zienswijze(zienswijze=draft, by=demo.zeist_beleidsmedewerker)
    assert zienswijze_items(demo.zeist_beleidsmedewerker) == []
    assert zienswijze_items(demo.zeist_wethouder) == []
    assert len(zienswijze_items(demo.utrecht_beleidsmedewerker)) == 1


def test_after_the_period_the_facilitator_records_the_reactions_in_one_item_per_document(demo):
    document = amendment(demo, days_ago(30))
    given = [
        write(document, partner, contact)
        for partner, contact in (
            (demo.utrecht, demo.utrecht_beleidsmedewerker),
            (demo.zeist, demo.zeist_beleidsmedewerker),
        )
    ]
    for zienswijze in given:
        services.adopt_zienswijze(zienswijze=zienswijze, by=zienswijze.entered_by)
    assert zienswijze_items(demo.facilitator) == []  # the period still runs: the body has not decided yet

    document.zienswijze_until = days_ago(1)
    document.save(update_fields=["zienswijze_until"])
    (entry,) = zienswijze_items(demo.facilitator)
    assert entry.kind == Kind.ZIENSWIJZE_RESPONSE
    assert "2 zienswijzen" in entry.title
    assert zienswijze_items(demo.de_bilt_beleidsmedewerker) == []  # a council that is too late owes nothing now

    services.respond_to_zienswijze(zienswijze=given[0], by=demo.facilitator, response="Indexatie beperkt.")
    (entry,) = zienswijze_items(demo.facilitator)
    assert "de zienswijze op" in entry.title
    services.respond_to_zienswijze(zienswijze=given[1], by=demo.facilitator, response="Indexatie beperkt.")
    assert zienswijze_items(demo.facilitator) == []


def test_a_reader_sees_the_open_period_and_a_contact_of_another_collaboration_sees_nothing(demo):
    document = amendment(demo, days_ago(30))
    (entry,) = [item for item in published_for(demo.raadslid) if item.kind == PublishedKind.ZIENSWIJZE_PERIOD]
    assert document.title in entry.title
    assert entry.on == document.sent_on
    assert zienswijze_items(demo.amersfoort_beleidsmedewerker) == []


def test_the_council_to_do_costs_the_same_queries_for_one_document_or_many(demo):
    amendment(demo, days_ago(30))
    ids = [demo.collaboration.pk]
    council_todo.open_actions(demo.zeist_beleidsmedewerker, ids)  # the person's roles are read once and kept
    with CaptureQueriesContext(connection) as one:
        council_todo.open_actions(demo.zeist_beleidsmedewerker, ids)
    for days in (20, 10, 5):
        write(amendment(demo, days_ago(days)), demo.zeist, demo.zeist_beleidsmedewerker)
    with CaptureQueriesContext(connection) as many:
        found = council_todo.open_actions(demo.zeist_beleidsmedewerker, ids)
    assert len(found) == 4
    assert len(many) == len(one)
