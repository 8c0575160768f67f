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
