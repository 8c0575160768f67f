"""Collaborations, partners, organisations and the audit log through the API: filters, pages, writes via services."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samen.collaborations.models import Collaboration, LegalForm, Partner, PolicyField
from tests.personas import municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(demo, api_for):
    return api_for(demo.utrecht_beleidsmedewerker, scope="lezen")


def names(response) -> list[str]:
    assert response.status_code == 200, response.content[:300]
    return [item["naam"] for item in response.json()["results"]]


def make_register(count: int, organisation, policy_field=None) -> None:
    start = Collaboration.objects.count()
    for number in range(start, start + count):
        collaboration = Collaboration.objects.create(
            name=f"Regeling {number:03d}", kind="gr", legal_form=LegalForm.OPERATIONS, roo_id=f"R{number}"
        )
        Partner.objects.create(collaboration=collaboration, organisation=organisation)
        if policy_field is not None:
            collaboration.policy_fields.add(policy_field)


def in_register(collaboration) -> None:
    """Filters are about register facts, which everyone may search: put the demo convenant in the register."""
    Collaboration.objects.filter(pk=collaboration.pk).update(roo_id=f"R-{collaboration.pk.hex[:8]}")


def test_filter_by_municipality_gm_code(demo, api):
    in_register(demo.other_collaboration)
    assert names(api.get("/samenwerkingen", gemeente="GM0355")) == [
        "Convenant Eemland (test)",
        "Regionale Uitvoeringsdienst Utrecht-Oost (test)",
    ]
    assert names(api.get("/samenwerkingen", gemeente="GM0307")) == ["Convenant Eemland (test)"]


def test_a_former_partner_no_longer_counts_for_the_municipality_filter(demo, api):
    import datetime

    Partner.objects.filter(pk=demo.de_bilt.pk).update(left_on=datetime.date(2021, 1, 1))
    assert names(api.get("/samenwerkingen", gemeente="GM0310")) == []
    partners = api.get(f"/samenwerkingen/{demo.collaboration.pk}/deelnemers").json()["results"]
    de_bilt = next(p for p in partners if p["organisatie"]["code"] == "GM0310")
    assert de_bilt["huidig"] is False
    assert de_bilt["uitgetredenOp"] == "2021-01-01"


def test_filter_by_legal_form_policy_field_and_name(demo, api):
    in_register(demo.other_collaboration)
    safety = PolicyField.objects.create(name="Veiligheid")
    demo.collaboration.policy_fields.add(safety)
    assert names(api.get("/samenwerkingen", rechtsvorm="openbaar_lichaam")) == [demo.collaboration.name]
    assert names(api.get("/samenwerkingen", beleidsterrein="Veiligheid")) == [demo.collaboration.name]
    assert names(api.get("/samenwerkingen", naam="eemland")) == ["Convenant Eemland (test)"]
    assert names(api.get("/samenwerkingen", naam="eemland", gemeente="GM0344")) == []
    found = api.get("/samenwerkingen", beleidsterrein="Veiligheid").json()["results"][0]
    assert found["beleidsterreinen"] == ["Veiligheid"]
    assert found["aantalDeelnemers"] == 3
    assert found["samenwerkingsorgaan"] is None


def test_pages_have_links_and_totals(demo, api):
    make_register(45, municipality("GM0363"))
    first = api.get("/samenwerkingen", gemeente="GM0363", pageSize="20").json()
    assert (first["page"], first["pageSize"], first["totalItems"], first["totalPages"]) == (1, 20, 45, 3)
    assert first["_links"]["prev"] is None
    assert (
        first["_links"]["next"]["href"] == "http://testserver/api/v1/samenwerkingen?gemeente=GM0363&pageSize=20&page=2"
    )
    last = api.client.get(first["_links"]["last"]["href"], headers=api.headers).json()
    assert len(last["results"]) == 5
    assert last["_links"]["next"] is None
    assert last["results"][-1]["naam"] == "Regeling 046"


def test_lists_use_the_same_number_of_queries_for_10x_the_data(demo, api):
    amsterdam = municipality("GM0363")
    field = PolicyField.objects.create(name="Zorg")
    make_register(5, amsterdam, field)
    api.get("/organisaties")  # the token's first use also records "last used"
    with CaptureQueriesContext(connection) as small:
        assert api.get("/samenwerkingen", gemeente="GM0363", pageSize="100").status_code == 200
    make_register(50, amsterdam, field)
    with CaptureQueriesContext(connection) as large:
        response = api.get("/samenwerkingen", gemeente="GM0363", pageSize="100")
    assert response.json()["totalItems"] == 55
    assert len(large) == len(small) <= 8


def test_organisations_are_searchable(demo, api):
    results = api.get("/organisaties", soort="gemeente", naam="ut").json()["results"]
    assert [o["code"] for o in results] == ["GM0344"]
    utrecht = api.get(f"/organisaties/{demo.utrecht.organisation_id}").json()
    assert (utrecht["naam"], utrecht["provincieCode"], utrecht["bestaat"]) == ("Utrecht", "PV26", True)
    assert [o["naam"] for o in api.get("/organisaties", code="gm0355").json()["results"]] == ["Zeist"]


def test_the_facilitator_reads_the_audit_log_newest_first(demo, api_for):
    facilitator = api_for(demo.facilitator)
    body = {"persoon": str(demo.raadslid.pk), "soort": "ambtelijk", "deelnemer": str(demo.utrecht.pk)}
    assert facilitator.post(f"/samenwerkingen/{demo.collaboration.pk}/rollen", body).status_code == 201
    events = facilitator.get(f"/samenwerkingen/{demo.collaboration.pk}/auditlog").json()["results"]
    assert events[0]["actie"] == "role.assigned"
    assert events[0]["uitvoerder"] == {"id": str(demo.facilitator.pk), "naam": "Fatima Facilitator"}
    assert events[0]["na"]["kind"] == "ambtelijk"


def test_roles_show_people_and_for_whom_they_act(demo, api):
    roles = api.get(f"/samenwerkingen/{demo.collaboration.pk}/rollen").json()["results"]
    assert len(roles) == 8
    raadslid = next(r for r in roles if r["persoon"]["naam"] == "Rik Raadslid")
    assert (raadslid["soort"], raadslid["deelnemer"]) == ("lezer", str(demo.utrecht.pk))
    assert "email" not in raadslid["persoon"]


def test_the_last_facilitator_cannot_be_removed(demo, api_for):
    role = demo.collaboration.roles.get(kind="facilitator")
    response = api_for(demo.facilitator).delete(f"/samenwerkingen/{demo.collaboration.pk}/rollen/{role.pk}")
    assert response.status_code == 400
    assert "minstens één facilitator" in response.json()["detail"]


def test_activating_an_active_collaboration_is_a_conflict(demo, api_for):
    response = api_for(demo.utrecht_wethouder).post(f"/samenwerkingen/{demo.collaboration.pk}/activeringen")
    assert response.status_code == 409
    assert response.json()["detail"] == "Deze samenwerking is al actief in Samen."


def test_a_merged_municipality_shows_its_successor_and_date(demo, api):
    import datetime

    from samen.collaborations.models import Organisation, OrganisationKind

    land_van_cuijk = municipality("GM1982")
    boxmeer = Organisation.objects.create(
        name="Boxmeer", kind=OrganisationKind.MUNICIPALITY, code="GM0756", exists=False,
        ceased_on=datetime.date(2022, 1, 1), successor=land_van_cuijk,
    )  # fmt: skip
    found = api.get(f"/organisaties/{boxmeer.pk}").json()
    assert (found["bestaat"], found["opgehevenOp"], found["opgegaanIn"]) == (
        False,
        "2022-01-01",
        str(land_van_cuijk.pk),
    )
    assert api.get(f"/organisaties/{land_van_cuijk.pk}").json()["opgegaanIn"] is None


def test_the_list_writes_each_collaboration_exactly_as_its_documented_serializer(demo, api):
    """The list of 100 is written by a plain function for speed; the schema is CollaborationSerializer's."""
    from django.db.models import Count, Q

    from samen.api.serializers import CollaborationSerializer

    utrecht = Collaboration.objects.get(pk=demo.collaboration.pk)
    utrecht.short_name, utrecht.legal_bases, utrecht.register_url = "", "", ""
    utrecht.body = municipality("GM0344")
    utrecht.save()
    make_register(2, municipality("GM0344"), PolicyField.objects.create(name="Zorg"))
    body = api.get("/samenwerkingen", pageSize=100).json()
    assert body["totalItems"] <= 100
    listed = {item["id"]: item for item in body["results"]}
    counted = Collaboration.objects.annotate(
        partner_count=Count("partners", filter=Q(partners__left_on__isnull=True)),
    ).select_related("body")
    for collaboration in counted.filter(pk__in=listed):
        collaboration.policy_field_names = sorted(collaboration.policy_fields.values_list("name", flat=True))
        documented = dict(CollaborationSerializer(collaboration).data)
        assert listed[str(collaboration.pk)] == documented
        assert list(listed[str(collaboration.pk)]) == list(documented)
        assert api.get(f"/samenwerkingen/{collaboration.pk}").json() == documented
    assert any(item["samenwerkingsorgaan"] is None for item in listed.values())
    assert any(item["samenwerkingsorgaan"] is not None for item in listed.values())
    assert any(item["beleidsterreinen"] for item in listed.values())
    assert listed[str(utrecht.pk)]["citeertitel"] is None
