"""Te doen: every person sees what needs them now, and only their own partner's to-do."""

import pytest
from django.urls import reverse

from samen.goals import services as goals
from samen.goals.models import AdviceKind, DecisionKind
from samen.interests.services import share_declaration
from samen.todo.compose import published_for, todo_for
from samen.todo.items import Kind, Urgency
from tests.todo.conftest import (
    adopted_goal,
    answer,
    consent_round,
    draft_declaration,
    honesty_round,
    in_days,
    open_checkin,
    public_success,
    published_digest,
    reached_result_prompt,
    signal_from_utrecht_to_zeist,
)

pytestmark = pytest.mark.django_db


def kinds(person):
    return [entry.kind for entry in todo_for(person)]


def test_an_ambtelijk_contact_drafts_the_declaration_of_their_own_partner(demo):
    round_ = honesty_round(demo)
    (entry,) = todo_for(demo.zeist_beleidsmedewerker)
    assert entry.kind == Kind.DECLARATION_DRAFT
    assert "Zeist" in entry.title
    assert entry.due == round_.deadline
    assert entry.url == reverse("interests:declaration", args=[demo.collaboration.pk, round_.pk, demo.zeist.pk])


def test_the_bestuurlijk_contact_confirms_a_drafted_declaration_and_then_it_is_gone(demo):
    round_ = honesty_round(demo)
    declaration = draft_declaration(round_, demo.utrecht, demo.utrecht_beleidsmedewerker)
    assert kinds(demo.utrecht_wethouder) == [Kind.DECLARATION_CONFIRM]
    assert kinds(demo.zeist_wethouder) == [Kind.DECLARATION_DRAFT]
    share_declaration(declaration=declaration, by=demo.utrecht_wethouder)
    assert kinds(demo.utrecht_wethouder) == []
    assert kinds(demo.utrecht_beleidsmedewerker) == []


def test_the_bestuurlijk_contact_decides_in_an_open_consent_round_until_they_did(demo):
    round_ = consent_round(demo)
    (entry,) = todo_for(demo.de_bilt_wethouder)
    assert entry.kind == Kind.CONSENT_DECISION
    assert entry.url == reverse("goals:decision", args=[demo.collaboration.pk, round_.goal_id, round_.pk])
    assert entry.due == round_.deadline
    goals.record_decision(
        consent_round=round_, partner=demo.de_bilt, by=demo.de_bilt_wethouder, kind=DecisionKind.CONSENT
    )
    assert kinds(demo.de_bilt_wethouder) == []
    assert kinds(demo.zeist_wethouder) == [Kind.CONSENT_DECISION]


def test_an_ambtelijk_contact_advises_while_their_partner_has_not_decided(demo):
    round_ = consent_round(demo)
    assert kinds(demo.zeist_beleidsmedewerker) == [Kind.CONSENT_ADVICE]
    goals.record_advice(
        consent_round=round_, partner=demo.zeist, by=demo.zeist_beleidsmedewerker, kind=AdviceKind.SUPPORT
    )
    assert kinds(demo.zeist_beleidsmedewerker) == []
    assert kinds(demo.utrecht_beleidsmedewerker) == [Kind.CONSENT_ADVICE]


def test_every_contact_answers_an_open_checkin_once(demo):
    checkin = open_checkin(demo)
    (entry,) = todo_for(demo.utrecht_beleidsmedewerker)
    assert entry.kind == Kind.CHECKIN
    assert entry.url == reverse("experiences:checkin", args=[demo.collaboration.pk, checkin.pk])
    answer(checkin, demo.utrecht_beleidsmedewerker, demo.utrecht)
    assert kinds(demo.utrecht_beleidsmedewerker) == []
    assert kinds(demo.utrecht_wethouder) == [Kind.CHECKIN]
    assert kinds(demo.facilitator) == []  # the facilitator does not answer check-ins
    assert kinds(demo.raadslid) == []


def test_a_signal_waits_for_the_partner_it_is_addressed_to(demo):
    signal = signal_from_utrecht_to_zeist(demo)
    (entry,) = todo_for(demo.zeist_wethouder)
    assert entry.kind == Kind.SIGNAL
    assert entry.url == reverse("experiences:signal", args=[demo.collaboration.pk, signal.pk])
    assert kinds(demo.utrecht_beleidsmedewerker) == []  # who raised it waits, has nothing to do
    from samen.experiences.services import reply_to_signal

    reply_to_signal(signal=signal, by=demo.zeist_beleidsmedewerker, text="We kijken er deze week naar.")
    assert kinds(demo.zeist_wethouder) == []


def test_an_accountability_request_waits_for_the_partner_it_is_addressed_to(demo):
    result = reached_result_prompt(demo)
    request = goals.raise_accountability_request(
        collaboration=demo.collaboration,
        by=demo.de_bilt_beleidsmedewerker,
        question="Hoe houdt Zeist dit vast na de zomer?",
        result=result,
    )
    zeist = [entry for entry in todo_for(demo.zeist_beleidsmedewerker) if entry.kind == Kind.ACCOUNTABILITY]
    assert [entry.url for entry in zeist] == [
        reverse("goals:accountability", args=[demo.collaboration.pk, result.goal_id, request.pk])
    ]
    assert Kind.ACCOUNTABILITY not in kinds(demo.de_bilt_beleidsmedewerker)
    goals.reply_to_accountability_request(request=request, by=demo.zeist_wethouder, text="Met een extra medewerker.")
    assert Kind.ACCOUNTABILITY not in kinds(demo.zeist_beleidsmedewerker)


def test_a_reached_result_asks_its_owner_and_the_facilitator_to_celebrate(demo):
    reached_result_prompt(demo)
    zeist = [entry for entry in todo_for(demo.zeist_beleidsmedewerker) if entry.kind == Kind.CELEBRATION]
    facilitator = [entry for entry in todo_for(demo.facilitator) if entry.kind == Kind.CELEBRATION]
    utrecht = [entry for entry in todo_for(demo.utrecht_beleidsmedewerker) if entry.kind == Kind.CELEBRATION]
    assert len(zeist) == 2  # the adopted goal (everyone's) and Zeist's own result
    assert len(facilitator) == 2
    assert len(utrecht) == 1  # only the adopted goal: the result is Zeist's
    assert all(entry.url.startswith(reverse("successes:record", args=[demo.collaboration.pk])) for entry in zeist)
    assert "?aanleiding=" in zeist[0].url


def test_a_person_never_sees_another_partners_to_do(everything):
    demo = everything
    utrecht_titles = " ".join(entry.title for entry in todo_for(demo.utrecht_beleidsmedewerker))
    assert "Zeist" not in utrecht_titles
    assert "De Bilt" not in utrecht_titles
    for person in (demo.zeist_beleidsmedewerker, demo.zeist_wethouder):
        titles = " ".join(entry.title for entry in todo_for(person))
        assert "verklaring van Utrecht" not in titles
        assert "verklaring van De Bilt" not in titles
    assert todo_for(demo.amersfoort_beleidsmedewerker) == []
    assert todo_for(demo.raadslid) == []
    assert Kind.SIGNAL not in kinds(demo.de_bilt_wethouder)
    assert Kind.ACCOUNTABILITY not in kinds(demo.de_bilt_wethouder)


def test_the_list_is_sorted_most_urgent_first(demo):
    honesty_round(demo, deadline=in_days(30))
    consent_round(demo, deadline=in_days(2))
    signal_from_utrecht_to_zeist(demo)
    entries = todo_for(demo.zeist_wethouder)
    assert [entry.kind for entry in entries] == [Kind.CONSENT_DECISION, Kind.SIGNAL, Kind.DECLARATION_DRAFT]
    assert [entry.urgency for entry in entries] == [Urgency.SOON, Urgency.SOON, Urgency.LATER]


def test_a_reader_sees_what_was_published_and_nothing_to_do(demo):
    adopted_goal(demo, "Eén loket voor ondernemers")
    public_success(demo)
    published_digest(demo)
    consent_round(demo)  # a draft in consent: not for readers
    titles = {entry.kind: entry.title for entry in published_for(demo.raadslid)}
    assert titles == {
        "raadsbrief": "Raadsbrief eerste kwartaal",
        "doel": "Eén loket voor ondernemers",
        "succes": "Eerste vergunning binnen twee weken",
    }
    assert published_for(demo.amersfoort_beleidsmedewerker) == []
    assert published_for(demo.zeist_beleidsmedewerker) == []  # contacts get their to-do instead


def test_the_bestuurlijk_contact_approves_a_raadsbrief_awaiting_their_partner(demo):
    from samen.reports import services as reports

    digest = reports.create_digest(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        period_start=in_days(-90),
        period_end=in_days(-1),
        title="Raadsbrief eerste kwartaal",
    )
    reports.submit_digest(digest=digest, by=demo.facilitator)
    (entry,) = todo_for(demo.zeist_wethouder)
    assert entry.kind == Kind.DIGEST_APPROVAL
    assert entry.url == reverse("reports:digest", args=[demo.collaboration.pk, digest.pk])
    assert kinds(demo.zeist_beleidsmedewerker) == []  # approving is bestuurlijk
    reports.approve_digest(digest=digest, partner=demo.zeist, by=demo.zeist_wethouder)
    assert kinds(demo.zeist_wethouder) == []
    assert kinds(demo.utrecht_wethouder) == [Kind.DIGEST_APPROVAL]
