"""The adoption rules: every current partner consents; an objection blocks; conditions are kept;
a partner that leaves no longer counts; a new version resets. Runs on SQLite and PostgreSQL."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from samen.audit.models import AuditEvent
from samen.collaborations.services import partner_leaves
from samen.goals import services
from samen.goals.models import ConsentRound, Decision, DecisionKind, RoundStatus, VersionStatus
from samen.goals.signals import goal_adopted
from tests.goals.conftest import open_round, refreshed

pytestmark = pytest.mark.django_db

CONSENT, CONDITIONAL, OBJECTION, ABSTAIN = (
    DecisionKind.CONSENT,
    DecisionKind.CONDITIONAL,
    DecisionKind.OBJECTION,
    DecisionKind.ABSTAIN,
)


def decide(consent_round, partner, person, kind, text=""):
    return services.record_decision(consent_round=consent_round, partner=partner, by=person, kind=kind, text=text)


def all_consent(consent_round, demo, *, skip=()):
    for partner, person in (
        (demo.utrecht, demo.utrecht_wethouder),
        (demo.zeist, demo.zeist_wethouder),
        (demo.de_bilt, demo.de_bilt_wethouder),
    ):
        if partner not in skip:
            decide(consent_round, partner, person, CONSENT)


def test_goal_is_adopted_when_every_partner_consents(goal, consent_round, demo, django_capture_on_commit_callbacks):
    heard = []
    goal_adopted.connect(lambda **kwargs: heard.append(kwargs["version"].number), weak=False, dispatch_uid="t1")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            decide(consent_round, demo.utrecht, demo.utrecht_wethouder, CONSENT)
            decide(consent_round, demo.zeist, demo.zeist_wethouder, CONSENT)
            assert not refreshed(goal).is_adopted
            decide(consent_round, demo.de_bilt, demo.de_bilt_wethouder, CONSENT)
    finally:
        goal_adopted.disconnect(dispatch_uid="t1")
    goal = refreshed(goal)
    assert goal.is_adopted
    assert goal.adopted_version.status == VersionStatus.ADOPTED
    assert ConsentRound.objects.get(pk=consent_round.pk).status == RoundStatus.ADOPTED
    assert heard == [1]
    assert AuditEvent.objects.filter(action="goal.adopted", collaboration=demo.collaboration).count() == 1


def test_objection_blocks_adoption(goal, consent_round, demo):
    decide(consent_round, demo.utrecht, demo.utrecht_wethouder, CONSENT)
    decide(consent_round, demo.zeist, demo.zeist_wethouder, OBJECTION, "Te weinig ruimte voor lokale keuzes")
    decide(consent_round, demo.de_bilt, demo.de_bilt_wethouder, CONSENT)
    assert not refreshed(goal).is_adopted
    assert ConsentRound.objects.get(pk=consent_round.pk).is_open
    with pytest.raises(ValidationError, match="bezwaar"):
        services.adopt_goal(consent_round=consent_round, by=demo.facilitator)


def test_conditions_are_kept_with_the_adopted_version(goal, consent_round, demo):
    decide(consent_round, demo.utrecht, demo.utrecht_wethouder, CONSENT)
    decide(consent_round, demo.zeist, demo.zeist_wethouder, CONDITIONAL, "Evaluatie na een jaar in de raad")
    decide(consent_round, demo.de_bilt, demo.de_bilt_wethouder, CONSENT)
    goal = refreshed(goal)
    assert goal.is_adopted
    kept = Decision.objects.filter(round__version=goal.adopted_version, kind=CONDITIONAL)
    assert [(d.partner, d.text) for d in kept] == [(demo.zeist, "Evaluatie na een jaar in de raad")]
    adopted = AuditEvent.objects.get(action="goal.adopted")
    assert adopted.after["conditions"] == {"Zeist": "Evaluatie na een jaar in de raad"}


def test_abstaining_stands_aside_but_does_not_block(goal, consent_round, demo):
    decide(consent_round, demo.utrecht, demo.utrecht_wethouder, CONSENT)
    decide(consent_round, demo.zeist, demo.zeist_wethouder, ABSTAIN)
    decide(consent_round, demo.de_bilt, demo.de_bilt_wethouder, CONSENT)
    assert refreshed(goal).is_adopted


def test_a_goal_nobody_consents_to_is_not_adopted(goal, consent_round, demo):
    decide(consent_round, demo.utrecht, demo.utrecht_wethouder, ABSTAIN)
    decide(consent_round, demo.zeist, demo.zeist_wethouder, ABSTAIN)
    decide(consent_round, demo.de_bilt, demo.de_bilt_wethouder, ABSTAIN)
    assert not refreshed(goal).is_adopted


def test_a_partner_that_leaves_during_the_round_no_longer_counts(goal, consent_round, demo):
    decide(consent_round, demo.utrecht, demo.utrecht_wethouder, CONSENT)
    decide(consent_round, demo.zeist, demo.zeist_wethouder, CONSENT)
    assert not refreshed(goal).is_adopted  # waiting for De Bilt
    partner_leaves(
        collaboration=demo.collaboration,
        organisation=demo.de_bilt.organisation,
        on=timezone.localdate(),
        by=demo.facilitator,
        reason="Raadsbesluit tot uittreding",
    )
    assert refreshed(goal).is_adopted


def test_an_objection_of_a_partner_that_left_no_longer_blocks(goal, consent_round, demo):
    decide(consent_round, demo.utrecht, demo.utrecht_wethouder, CONSENT)
    decide(consent_round, demo.zeist, demo.zeist_wethouder, CONSENT)
    decide(consent_round, demo.de_bilt, demo.de_bilt_wethouder, OBJECTION, "Wij treden uit")
    partner_leaves(
        collaboration=demo.collaboration,
        organisation=demo.de_bilt.organisation,
        on=timezone.localdate() - datetime.timedelta(days=1),
        by=demo.facilitator,
        reason="Raadsbesluit tot uittreding",
    )
    assert refreshed(goal).is_adopted


def test_a_partner_that_leaves_in_the_future_still_counts(goal, consent_round, demo):
    decide(consent_round, demo.utrecht, demo.utrecht_wethouder, CONSENT)
    decide(consent_round, demo.zeist, demo.zeist_wethouder, CONSENT)
    demo.de_bilt.left_on = timezone.localdate() + datetime.timedelta(days=30)
    demo.de_bilt.save()
    assert not refreshed(goal).is_adopted


def test_objection_then_amendment_then_new_round_resets_decisions(goal, consent_round, demo):
    decide(consent_round, demo.utrecht, demo.utrecht_wethouder, CONSENT)
    decide(consent_round, demo.zeist, demo.zeist_wethouder, OBJECTION, "Te weinig ruimte voor lokale keuzes")
    version = services.propose_amendment(
        goal=goal,
        by=demo.zeist_beleidsmedewerker,
        title="Sneller vergunnen, met lokale ruimte",
        text="Binnen vier weken een besluit; elke gemeente kiest zelf haar welstandsregels.",
        reason="Bezwaar van Zeist: lokale keuzes",
    )
    old = ConsentRound.objects.get(pk=consent_round.pk)
    assert old.status == RoundStatus.CLOSED
    assert old.version.status == VersionStatus.NOT_ADOPTED
    with pytest.raises(ValidationError, match="gesloten"):
        decide(old, demo.de_bilt, demo.de_bilt_wethouder, CONSENT)
    new_round = open_round(goal, demo)
    assert new_round.version == version
    assert new_round.decisions.count() == 0  # a new version resets
    decide(new_round, demo.utrecht, demo.utrecht_wethouder, CONSENT)
    decide(new_round, demo.zeist, demo.zeist_wethouder, CONSENT)
    assert not refreshed(goal).is_adopted  # Utrecht's old consent did not carry over for De Bilt
    decide(new_round, demo.de_bilt, demo.de_bilt_wethouder, CONSENT)
    goal = refreshed(goal)
    assert goal.adopted_version == version


def test_change_proposal_keeps_the_adopted_version_in_force(goal, consent_round, demo):
    all_consent(consent_round, demo)
    first = refreshed(goal).adopted_version
    proposal = services.propose_amendment(
        goal=goal,
        by=demo.de_bilt_beleidsmedewerker,
        title="Sneller vergunnen",
        text="Binnen drie weken een besluit.",
        reason="Het lukt sneller dan gedacht",
    )
    second_round = open_round(goal, demo)
    decide(second_round, demo.utrecht, demo.utrecht_wethouder, CONSENT)
    goal = refreshed(goal)
    assert goal.adopted_version == first  # still in force while the change is decided on
    assert goal.latest_version == proposal
    assert goal.state == "wijziging"
    decide(second_round, demo.zeist, demo.zeist_wethouder, CONSENT)
    decide(second_round, demo.de_bilt, demo.de_bilt_wethouder, CONSENT)
    goal = refreshed(goal)
    assert goal.adopted_version == proposal
    first.refresh_from_db()
    assert first.status == VersionStatus.SUPERSEDED


def test_change_of_mind_while_open_is_allowed_and_logged(goal, consent_round, demo):
    decide(consent_round, demo.zeist, demo.zeist_wethouder, OBJECTION, "Eerst de kosten helder")
    decide(consent_round, demo.zeist, demo.zeist_wethouder, CONSENT)
    decision = Decision.objects.get(round=consent_round, partner=demo.zeist)
    assert decision.kind == CONSENT
    assert decision.changes == 1
    changed = AuditEvent.objects.get(action="goal.decision_changed")
    assert changed.before["kind"] == OBJECTION
    assert changed.after["kind"] == CONSENT


def test_double_submitted_decision_records_one_decision(goal, consent_round, demo):
    decide(consent_round, demo.zeist, demo.zeist_wethouder, CONSENT)
    decide(consent_round, demo.zeist, demo.zeist_wethouder, CONSENT)
    assert Decision.objects.filter(round=consent_round, partner=demo.zeist).count() == 1
    assert AuditEvent.objects.filter(action__startswith="goal.decision").count() == 1


def test_round_cannot_open_while_a_partner_has_no_benefit(demo):
    from tests.goals.conftest import draft_goal

    goal = draft_goal(demo)
    services.state_benefit(goal=goal, partner=demo.utrecht, by=demo.utrecht_beleidsmedewerker, text="Snellere service")
    with pytest.raises(ValidationError) as caught:
        open_round(goal, demo)
    assert "De Bilt" in caught.value.messages[0]
    assert "Zeist" in caught.value.messages[0]
    assert ConsentRound.objects.count() == 0
    assert refreshed(goal).latest_version.status == VersionStatus.DRAFT


def test_a_partner_that_left_needs_no_benefit(demo):
    from tests.goals.conftest import draft_goal

    goal = draft_goal(demo)
    services.state_benefit(goal=goal, partner=demo.utrecht, by=demo.utrecht_beleidsmedewerker, text="Snellere service")
    services.state_benefit(goal=goal, partner=demo.zeist, by=demo.zeist_beleidsmedewerker, text="Minder bezwaren")
    demo.de_bilt.left_on = timezone.localdate()
    demo.de_bilt.save()
    assert open_round(goal, demo).is_open


def test_opening_a_round_notifies_each_bestuurlijk_contact_with_the_deadline(goal, demo, monkeypatch):
    calls = []
    monkeypatch.setattr("samen.goals.services.consent.notify", lambda **kwargs: calls.append(kwargs))
    consent_round = open_round(goal, demo)
    assert len(calls) == 1
    assert calls[0]["kind"] == "consent_waiting"
    assert set(calls[0]["recipients"]) == {demo.utrecht_wethouder, demo.zeist_wethouder, demo.de_bilt_wethouder}
    assert calls[0]["calendar"]["start"].date() == consent_round.deadline
