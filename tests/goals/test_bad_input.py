"""Bad input from the issue: each gets a clear Dutch message and changes nothing (service and page)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from samen.audit.models import AuditEvent
from samen.goals import services
from samen.goals.models import AccountabilityRequest, Decision, DecisionKind, ProgressUpdate, Result
from tests.goals.conftest import draft_goal

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def snapshot():
    return (
        Decision.objects.count(),
        Result.objects.count(),
        ProgressUpdate.objects.count(),
        AccountabilityRequest.objects.count(),
        AuditEvent.objects.count(),
    )


def decision_url(consent_round):
    goal = consent_round.goal
    return reverse("goals:decision", args=[goal.collaboration_id, goal.pk, consent_round.pk])


def add_result(goal, demo, **overrides):
    values = {
        "goal": goal,
        "by": demo.utrecht_beleidsmedewerker,
        "indicator": "Vergunningen binnen vier weken",
        "unit": "procent",
        "baseline": "40",
        "target": "80",
        "due_on": today() + datetime.timedelta(days=365),
        "owner_partner": demo.zeist,
        "owner_person": demo.zeist_beleidsmedewerker,
        "baseline_on": today() - datetime.timedelta(days=30),
    }
    values.update(overrides)
    return services.add_result(**values)


# --- a decision by someone who is not the bestuurlijk contact of that partner --------------


def test_decision_by_someone_else_than_the_partners_bestuurlijk_contact_is_refused(consent_round, demo):
    before = snapshot()
    for person in (demo.utrecht_wethouder, demo.zeist_beleidsmedewerker, demo.facilitator):
        with pytest.raises(PermissionDenied, match="Alleen de bestuurlijk contactpersoon van Zeist"):
            services.record_decision(
                consent_round=consent_round, partner=demo.zeist, by=person, kind=DecisionKind.CONSENT
            )
    assert snapshot() == before


def test_decision_page_refuses_a_decision_for_another_partner(consent_round, demo, client_for):
    before = snapshot()
    response = client_for(demo.utrecht_wethouder).post(
        decision_url(consent_round), {"partner": demo.zeist.pk, "kind": "instemming", "text": ""}
    )
    assert response.status_code == 403  # refused: the reason on the form, as on every page
    assert "Alleen de bestuurlijk contactpersoon van Zeist kan namens hen besluiten." in response.text
    assert snapshot() == before


# --- a decision on a closed round ----------------------------------------------------------


def close_by_amendment(goal, demo):
    services.propose_amendment(
        goal=goal,
        by=demo.zeist_beleidsmedewerker,
        title="Sneller vergunnen",
        text="Binnen drie weken.",
        reason="Sneller kan",
    )


def test_decision_on_a_closed_round_is_refused(goal, consent_round, demo):
    close_by_amendment(goal, demo)
    consent_round.refresh_from_db()
    before = snapshot()
    with pytest.raises(ValidationError, match="Deze instemmingsronde is gesloten; een besluit nemen kan niet meer"):
        services.record_decision(
            consent_round=consent_round, partner=demo.zeist, by=demo.zeist_wethouder, kind=DecisionKind.CONSENT
        )
    assert snapshot() == before


def test_decision_page_on_a_closed_round_says_so(goal, consent_round, demo, client_for):
    close_by_amendment(goal, demo)
    before = snapshot()
    response = client_for(demo.zeist_wethouder).post(
        decision_url(consent_round), {"partner": demo.zeist.pk, "kind": "instemming"}
    )
    assert response.status_code == 400
    assert "Deze instemmingsronde is gesloten" in response.text
    assert snapshot() == before


# --- an objection or conditions without text ----------------------------------------------


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        (DecisionKind.OBJECTION, "Geef de reden van uw bezwaar"),
        (DecisionKind.CONDITIONAL, "Noem de voorwaarden waaronder u instemt."),
    ],
)
def test_objection_or_conditions_without_text_are_refused(consent_round, demo, client_for, kind, message):
    before = snapshot()
    with pytest.raises(ValidationError, match=message):
        services.record_decision(
            consent_round=consent_round, partner=demo.zeist, by=demo.zeist_wethouder, kind=kind, text="   "
        )
    response = client_for(demo.zeist_wethouder).post(
        decision_url(consent_round), {"partner": demo.zeist.pk, "kind": kind, "text": ""}
    )
    assert response.status_code == 400
    assert message in response.text
    assert snapshot() == before


# --- a target that is not a number --------------------------------------------------------


def test_a_target_that_is_not_a_number_is_refused(goal, demo, client_for):
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        add_result(goal, demo, target="veel meer")
    assert caught.value.message_dict["target"] == ["De streefwaarde moet een getal zijn, bijvoorbeeld 75 of 12,5."]
    response = client_for(demo.utrecht_beleidsmedewerker).post(
        reverse("goals:result_new", args=[demo.collaboration.pk, goal.pk]),
        {
            "indicator": "Vergunningen binnen vier weken",
            "unit": "procent",
            "baseline": "40",
            "baseline_on": today().isoformat(),
            "target": "tachtig",
            "due_on": "2099-01-01",
            "owner_partner": demo.zeist.pk,
            "owner_person": demo.zeist_beleidsmedewerker.pk,
        },
    )
    assert response.status_code == 400
    assert "De streefwaarde moet een getal zijn" in response.text
    assert snapshot() == before


def test_numbers_are_read_the_dutch_way(goal, demo):
    result = add_result(goal, demo, baseline="1.234,5", target="2000,25")
    assert str(result.baseline) == "1234.5000"
    assert str(result.target) == "2000.2500"


# --- progress dated in the future ---------------------------------------------------------


def test_progress_dated_in_the_future_is_refused(goal, demo, client_for):
    result = add_result(goal, demo)
    before = snapshot()
    tomorrow = today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="De peildatum ligt in de toekomst"):
        services.record_progress(result=result, by=demo.zeist_beleidsmedewerker, value="50", measured_on=tomorrow)
    response = client_for(demo.zeist_beleidsmedewerker).post(
        reverse("goals:result", args=[demo.collaboration.pk, goal.pk, result.pk]),
        {"value": "50", "measured_on": tomorrow.isoformat(), "note": ""},
    )
    assert response.status_code == 400
    assert "De peildatum ligt in de toekomst" in response.text
    assert snapshot() == before
    result.refresh_from_db()
    assert result.current_value is None


# --- an accountability request on another collaboration's commitment -----------------------


def foreign_commitment(demo):
    amersfoort = demo.other_collaboration.partners.get(organisation__name="Amersfoort")
    goal = services.create_goal(
        collaboration=demo.other_collaboration,
        by=demo.amersfoort_beleidsmedewerker,
        title="Samen inkopen",
        text="Eén inkoopkalender voor Eemland.",
    )
    return services.add_commitment(
        goal=goal,
        by=demo.amersfoort_beleidsmedewerker,
        partner=amersfoort,
        what="Inkoopkalender opstellen",
        who=demo.amersfoort_beleidsmedewerker,
        due_on=today() + datetime.timedelta(days=30),
    )


def test_accountability_request_on_another_collaborations_commitment_is_refused(goal, demo, client_for):
    commitment = foreign_commitment(demo)
    before = snapshot()
    with pytest.raises(ValidationError, match="hoort niet bij deze samenwerking"):
        services.raise_accountability_request(
            collaboration=demo.collaboration,
            by=demo.utrecht_beleidsmedewerker,
            commitment=commitment,
            question="Hoe staat het ervoor?",
        )
    response = client_for(demo.utrecht_beleidsmedewerker).post(
        reverse("goals:accountability_new", args=[demo.collaboration.pk, goal.pk]),
        {"afspraak": commitment.pk, "partner": demo.utrecht.pk, "question": "Hoe staat het ervoor?"},
    )
    assert response.status_code == 400
    assert "hoort niet bij deze samenwerking" in response.text
    assert snapshot() == before


def test_asking_on_a_foreign_commitment_page_is_not_found(goal, demo, client_for):
    commitment = foreign_commitment(demo)
    response = client_for(demo.utrecht_beleidsmedewerker).get(
        reverse("goals:accountability_new", args=[demo.collaboration.pk, goal.pk]) + f"?afspraak={commitment.pk}"
    )
    assert response.status_code == 404


# --- more that the rules refuse -------------------------------------------------------------


def test_a_reader_cannot_draft_a_goal(demo):
    with pytest.raises(PermissionDenied, match="Alleen contactpersonen van een partner"):
        draft_goal(demo, by=demo.raadslid)


def test_a_goal_without_title_or_text_is_refused(demo, client_for):
    response = client_for(demo.utrecht_beleidsmedewerker).post(
        reverse("goals:new", args=[demo.collaboration.pk]), {"title": "Doel", "text": "   "}
    )
    assert response.status_code == 400
    assert 'id="id_text_error"' in response.text  # the field's Dutch message, tied to it for screen readers
    assert not demo.collaboration.goals.exists()


def test_a_benefit_for_another_partner_is_refused(goal, demo):
    with pytest.raises(PermissionDenied, match="eigen organisatie"):
        services.state_benefit(goal=goal, partner=demo.zeist, by=demo.utrecht_beleidsmedewerker, text="Iets")


def test_advice_with_concerns_needs_a_text_and_only_ambtelijk_contacts_advise(consent_round, demo):
    with pytest.raises(ValidationError, match="Beschrijf uw zorgen"):
        services.record_advice(
            consent_round=consent_round, partner=demo.zeist, by=demo.zeist_beleidsmedewerker, kind="zorgen", text=""
        )
    with pytest.raises(PermissionDenied, match="Alleen een ambtelijk contactpersoon van Zeist"):
        services.record_advice(consent_round=consent_round, partner=demo.zeist, by=demo.zeist_wethouder, kind="steun")
    assert not consent_round.advice.exists()


def test_a_round_deadline_in_the_past_is_refused(goal, demo):
    with pytest.raises(ValidationError, match="in het verleden"):
        services.open_consent_round(goal=goal, by=demo.facilitator, deadline=today() - datetime.timedelta(days=1))
    assert not goal.rounds.exists()


def test_an_owner_who_does_not_work_for_the_owner_partner_is_refused(goal, demo):
    with pytest.raises(ValidationError) as caught:
        add_result(goal, demo, owner_person=demo.utrecht_beleidsmedewerker)
    assert "namens Zeist" in caught.value.message_dict["owner_person"][0]
    assert not Result.objects.exists()


def test_progress_by_someone_who_does_not_own_the_result_is_refused(goal, demo):
    result = add_result(goal, demo)
    with pytest.raises(PermissionDenied, match="Alleen de eigenaar van dit resultaat"):
        services.record_progress(result=result, by=demo.utrecht_beleidsmedewerker, value="50", measured_on=today())
    assert not ProgressUpdate.objects.exists()
