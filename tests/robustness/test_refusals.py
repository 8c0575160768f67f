"""One way to answer bad input and refusals on a page: status 4xx, the Dutch reason on the form, no change."""

import pytest
from django.urls import reverse

from samen.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_profile_with_errors_answers_400_and_changes_nothing(demo, client_for):
    before = AuditEvent.objects.count()
    response = client_for(demo.raadslid).post(
        reverse("accounts:profile"), {"full_name": "", "job_title": "x", "language": "klingon"}
    )
    assert response.status_code == 400
    assert "utrecht-form-field-error-message" in response.text
    demo.raadslid.refresh_from_db()
    assert demo.raadslid.full_name == "Rik Raadslid"
    assert AuditEvent.objects.count() == before


def test_a_refused_action_answers_403_with_the_reason_on_the_form_it_was_sent_from(world, client_for):
    """A goal decision for another partner: the service refuses; the Dutch reason on the form, nothing changes."""
    demo = world.demo
    before = AuditEvent.objects.count()
    decision = client_for(demo.utrecht_wethouder).post(
        reverse("goals:decision", args=[demo.collaboration.pk, world.round_goal.pk, world.consent_round.pk]),
        {"partner": demo.zeist.pk, "kind": "instemming", "text": ""},
    )
    assert decision.status_code == 403
    assert "Alleen de bestuurlijk contactpersoon van Zeist" in decision.text
    assert 'class="utrecht-form-field' in decision.text  # the form is there again, with the reason
    assert AuditEvent.objects.count() == before
