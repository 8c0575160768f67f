"""A collaboration outside the national register is visible only to people with a role in it.

Register collaborations stay public facts for everyone signed in: in search, on the organisations'
pages, in the API. A convenant someone created in Samen shows its name, purpose and partners only to
the people who hold a role in it — not to a colleague of a partner organisation, not to an outsider.
"""

import pytest
from django.urls import reverse

from samen import permissions
from samen.api import services as api_services
from samen.collaborations.models import Collaboration, CollaborationKind, Partner
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db

SECRET_PURPOSE = "Vertrouwelijk: onderzoek naar een fusie van de sociale diensten."


@pytest.fixture
def register_gr(demo):
    gr = Collaboration.objects.create(name="GR Afvalinzameling (register)", kind=CollaborationKind.GR, roo_id="R-9")
    Partner.objects.create(collaboration=gr, organisation=demo.zeist.organisation)
    return gr


@pytest.fixture
def private(demo):
    """Eemland: a convenant of Amersfoort and Zeist, created in Samen. Only Amersfoort's contact has a role."""
    Collaboration.objects.filter(pk=demo.other_collaboration.pk).update(purpose=SECRET_PURPOSE)
    return demo.other_collaboration


def api(person) -> ApiClient:
    _token, raw = api_services.create_token(by=person, name="test", scope="lezen")
    return ApiClient(raw)


def test_the_rule(demo, register_gr, private):
    assert permissions.can_view_collaboration(demo.zeist_beleidsmedewerker, register_gr)
    assert permissions.can_view_collaboration(demo.amersfoort_beleidsmedewerker, private)
    assert not permissions.can_view_collaboration(demo.zeist_beleidsmedewerker, private)
    assert set(Collaboration.objects.visible_to(demo.zeist_beleidsmedewerker)) == {demo.collaboration, register_gr}
    assert set(Collaboration.objects.visible_to(demo.amersfoort_beleidsmedewerker)) == {private, register_gr}


@pytest.mark.parametrize("query", [{}, {"q": "Eemland"}, {"gemeente": "GM0355"}])
def test_search_shows_a_private_collaboration_only_to_its_people(demo, client_for, register_gr, private, query):
    for person, sees in ((demo.amersfoort_beleidsmedewerker, True), (demo.zeist_beleidsmedewerker, False)):
        text = client_for(person).get(reverse("collaborations:find"), query).text
        assert (private.name in text) is sees, person
    assert register_gr.name in client_for(demo.amersfoort_beleidsmedewerker).get(reverse("collaborations:find")).text


def test_the_organisation_page_lists_register_collaborations_and_only_own_private_ones(
    demo, client_for, register_gr, private
):
    url = reverse("collaborations:organisation", args=[demo.zeist.organisation_id])
    colleague = client_for(demo.zeist_beleidsmedewerker).get(url).text
    assert register_gr.name in colleague
    assert private.name not in colleague
    assert private.name in client_for(demo.amersfoort_beleidsmedewerker).get(url).text


def test_the_page_of_a_private_collaboration_is_not_found_for_others(demo, client_for, private):
    url = reverse("collaborations:detail", args=[private.pk])
    outsider = client_for(demo.zeist_beleidsmedewerker).get(url)
    assert outsider.status_code == 404
    assert SECRET_PURPOSE not in outsider.text
    assert SECRET_PURPOSE in client_for(demo.amersfoort_beleidsmedewerker).get(url).text


def test_the_api_shows_a_private_collaboration_only_to_its_people(demo, register_gr, private):
    outsider, insider = api(demo.zeist_beleidsmedewerker), api(demo.amersfoort_beleidsmedewerker)
    listed = {c["naam"] for c in outsider.get("/samenwerkingen", pageSize="100").json()["results"]}
    assert register_gr.name in listed
    assert private.name not in listed
    assert private.name in {c["naam"] for c in insider.get("/samenwerkingen").json()["results"]}
    for path in (f"/samenwerkingen/{private.pk}", f"/samenwerkingen/{private.pk}/deelnemers"):
        assert outsider.get(path).status_code == 404
        assert insider.get(path).status_code == 200
    assert SECRET_PURPOSE not in outsider.get("/samenwerkingen", naam="Eemland").content.decode()


def test_register_collaborations_stay_public(demo, client_for, register_gr):
    assert (
        client_for(demo.amersfoort_beleidsmedewerker)
        .get(reverse("collaborations:detail", args=[register_gr.pk]))
        .status_code
        == 200
    )
    assert api(demo.amersfoort_beleidsmedewerker).get(f"/samenwerkingen/{register_gr.pk}").status_code == 200


def test_the_organisation_portfolio_lists_only_visible_collaborations(demo, client_for, register_gr, private):
    url = reverse("health:organisation_portfolio", args=[demo.zeist.organisation_id])
    text = client_for(demo.zeist_beleidsmedewerker).get(url).text
    assert register_gr.name in text
    assert private.name not in text
