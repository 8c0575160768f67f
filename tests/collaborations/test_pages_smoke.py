import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_partner_sees_own_collaboration(demo, client_for):
    response = client_for(demo.zeist_beleidsmedewerker).get(reverse("collaborations:people", args=[demo.collaboration.pk]))
    assert response.status_code == 200
    assert "Zoë Zeist" in response.text


def test_partner_cannot_see_other_collaboration(demo, client_for):
    response = client_for(demo.amersfoort_beleidsmedewerker).get(
        reverse("collaborations:people", args=[demo.collaboration.pk])
    )
    assert response.status_code == 404
