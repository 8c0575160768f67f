"""Holding each other to account: a visible, respectful question to the owner; replies and the outcome are kept."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samen.audit.models import AuditEvent
from samen.goals import services
from samen.goals.models import Outcome, RequestStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment(goal, demo):
    return services.add_commitment(
        goal=goal,
        by=demo.zeist_beleidsmedewerker,
        partner=demo.zeist,
        what="Werkinstructie vergunningen delen",
        who=demo.zeist_beleidsmedewerker,
        due_on=datetime.date(2099, 1, 1),
    )


def test_asking_replying_and_closing(commitment, demo, monkeypatch):
    sent = []
    monkeypatch.setattr("samen.goals.services.accountability.notify", lambda **kwargs: sent.append(kwargs))
    request = services.raise_accountability_request(
        collaboration=demo.collaboration,
        by=demo.utrecht_beleidsmedewerker,
        commitment=commitment,
        question="Wij zien de werkinstructie nog niet. Lukt het voor de zomer?",
    )
    assert request.addressed_to == demo.zeist
    assert request.raised_by_partner == demo.utrecht
    assert set(sent[0]["recipients"]) == {demo.zeist_beleidsmedewerker, demo.zeist_wethouder}
    services.reply_to_accountability_request(
        request=request, by=demo.zeist_beleidsmedewerker, text="Ja, in juni. We wachten op de jurist."
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.ANSWERED
    services.close_accountability_request(
        request=request, by=demo.utrecht_beleidsmedewerker, outcome=Outcome.ADJUSTED, text="Nieuwe datum: 30 juni"
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.CLOSED
    assert request.outcome_text == "Nieuwe datum: 30 juni"
    with pytest.raises(ValidationError, match="afgerond"):
        services.reply_to_accountability_request(request=request, by=demo.zeist_beleidsmedewerker, text="Nog iets")
    assert AuditEvent.objects.filter(action__startswith="goal.accountability").count() == 3


def test_a_partner_does_not_ask_itself(commitment, demo):
    with pytest.raises(ValidationError, match="eigen organisatie"):
        services.raise_accountability_request(
            collaboration=demo.collaboration, by=demo.zeist_wethouder, commitment=commitment, question="Hoe staat het?"
        )


def test_the_page_shows_the_conversation(commitment, demo, client_for):
    request = services.raise_accountability_request(
        collaboration=demo.collaboration,
        by=demo.utrecht_beleidsmedewerker,
        commitment=commitment,
        question="Lukt het voor de zomer?",
    )
    url = reverse("goals:accountability_reply", args=[demo.collaboration.pk, commitment.goal_id, request.pk])
    response = client_for(demo.zeist_beleidsmedewerker).post(url, {"text": "Ja, in juni."})
    assert response.status_code == 302
    page = client_for(demo.de_bilt_beleidsmedewerker).get(response.url)
    assert "Lukt het voor de zomer?" in page.text
    assert "Ja, in juni." in page.text
