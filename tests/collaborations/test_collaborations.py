"""Finding, starting and creating collaborations."""

import pytest
from django.urls import reverse

from samen.audit.models import AppendOnlyError, AuditEvent
from samen.collaborations.models import Collaboration, CollaborationKind, Partner, Role, RoleKind
from tests.personas import municipality, person

pytestmark = pytest.mark.django_db


def test_search_by_gm_code_finds_the_collaborations_of_that_municipality(demo, client_for):
    Role.objects.create(
        person=demo.zeist_beleidsmedewerker,
        collaboration=demo.other_collaboration,
        partner=demo.other_collaboration.partners.get(organisation=demo.zeist.organisation),
        kind=RoleKind.OFFICIAL,
    )
    response = client_for(demo.zeist_beleidsmedewerker).get(reverse("collaborations:find"), {"gemeente": "GM0355"})
    assert response.status_code == 200
    assert demo.collaboration.name in response.text
    assert demo.other_collaboration.name in response.text


def test_search_by_municipality_name(demo, client_for):
    response = client_for(demo.zeist_beleidsmedewerker).get(reverse("collaborations:find"), {"gemeente": "De Bilt"})
    assert demo.collaboration.name in response.text
    assert demo.other_collaboration.name not in response.text


def test_an_unknown_gm_code_gets_a_clear_dutch_message(demo, client_for):
    response = client_for(demo.zeist_beleidsmedewerker).get(reverse("collaborations:find"), {"gemeente": "GM9999"})
    assert response.status_code == 200
    assert "De GM-code GM9999 bestaat niet" in response.text


def test_search_results_are_a_partial_for_htmx(demo, client_for):
    response = client_for(demo.zeist_beleidsmedewerker).get(
        reverse("collaborations:find"), {"q": "Uitvoeringsdienst"}, headers={"HX-Request": "true"}
    )
    assert 'id="resultaten"' in response.text
    assert "<html" not in response.text


def test_search_query_count_does_not_grow_with_the_results(demo, client_for, django_assert_max_num_queries):
    client = client_for(demo.zeist_beleidsmedewerker)
    client.get(reverse("collaborations:find"))
    zeist = demo.zeist.organisation
    for number in range(30):
        extra = Collaboration.objects.create(name=f"Extra samenwerking {number}", kind=CollaborationKind.COVENANT)
        Partner.objects.create(collaboration=extra, organisation=zeist)
    with django_assert_max_num_queries(12):
        client.get(reverse("collaborations:find"), {"gemeente": "GM0355"})


def test_a_partner_starts_a_register_collaboration_and_becomes_facilitator(db, client_for):
    utrecht, zeist = municipality("GM0344"), municipality("GM0355")
    register_gr = Collaboration.objects.create(name="GR uit het register", kind=CollaborationKind.GR, roo_id="123")
    Partner.objects.create(collaboration=register_gr, organisation=utrecht)
    Partner.objects.create(collaboration=register_gr, organisation=zeist)
    secretary = person("secretaris@utrecht.example", "Sanne Secretaris", utrecht)
    response = client_for(secretary).post(reverse("collaborations:activate", args=[register_gr.pk]))
    assert response.status_code == 302
    register_gr.refresh_from_db()
    assert register_gr.workspace_active
    assert Role.objects.filter(person=secretary, collaboration=register_gr, kind=RoleKind.FACILITATOR).exists()
    assert AuditEvent.objects.filter(action="collaboration.activated", collaboration=register_gr).exists()


def test_someone_from_outside_cannot_start_a_register_collaboration(db, client_for):
    register_gr = Collaboration.objects.create(name="GR uit het register", kind=CollaborationKind.GR, roo_id="123")
    Partner.objects.create(collaboration=register_gr, organisation=municipality("GM0344"))
    outsider = person("iemand@amersfoort.example", "Iemand", municipality("GM0307"))
    response = client_for(outsider).post(reverse("collaborations:activate", args=[register_gr.pk]))
    assert response.status_code == 403
    register_gr.refresh_from_db()
    assert not register_gr.workspace_active


def test_a_facilitator_creates_a_convenant_with_partners_from_the_organisations(db, client_for):
    amersfoort, leusden = municipality("GM0307"), municipality("GM0327")
    creator = person("regio@amersfoort.example", "Rob Regio", amersfoort)
    response = client_for(creator).post(
        reverse("collaborations:create"),
        {
            "name": "Convenant Jeugdhulp Eemland",
            "kind": "convenant",
            "purpose": "Samen inkopen",
            "organisations": [amersfoort.pk, leusden.pk],
        },
    )
    assert response.status_code == 302
    created = Collaboration.objects.get(name="Convenant Jeugdhulp Eemland")
    assert created.workspace_active
    assert set(created.partners.values_list("organisation__code", flat=True)) == {"GM0307", "GM0327"}
    assert Role.objects.filter(person=creator, collaboration=created, kind=RoleKind.FACILITATOR).exists()


def test_a_collaboration_needs_two_partners(db, client_for):
    amersfoort = municipality("GM0307")
    creator = person("regio@amersfoort.example", "Rob Regio", amersfoort)
    response = client_for(creator).post(
        reverse("collaborations:create"), {"name": "Alleen", "kind": "convenant", "organisations": [amersfoort.pk]}
    )
    assert response.status_code == 400
    assert "minstens twee partners" in response.text
    assert not Collaboration.objects.filter(name="Alleen").exists()


def test_the_audit_log_cannot_be_changed_or_deleted(demo, client_for):
    client_for(demo.facilitator).post(
        reverse("collaborations:remove_role", args=[demo.collaboration.pk, Role.objects.get(person=demo.raadslid).pk])
    )
    event = AuditEvent.objects.get(action="role.removed")
    event.action = "iets anders"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_the_facilitator_sees_the_audit_log_with_who_did_what(demo, client_for):
    client_for(demo.facilitator).post(
        reverse("collaborations:remove_role", args=[demo.collaboration.pk, Role.objects.get(person=demo.raadslid).pk])
    )
    response = client_for(demo.facilitator).get(reverse("collaborations:audit", args=[demo.collaboration.pk]))
    assert "role.removed" in response.text
    assert "Fatima Facilitator" in response.text


def test_the_organisation_page_lists_its_collaborations(demo, client_for):
    response = client_for(demo.raadslid).get(reverse("collaborations:municipality", args=["gm0355"]), follow=True)
    assert response.status_code == 200
    assert demo.collaboration.name in response.text
    # Zeist also takes part in the Eemland convenant, which is not in the register and where the raadslid has no role.
    assert demo.other_collaboration.name not in response.text


def test_search_by_municipality_counts_all_partners_of_each_result(demo, client_for):
    Role.objects.create(
        person=demo.zeist_beleidsmedewerker,
        collaboration=demo.other_collaboration,
        partner=demo.other_collaboration.partners.get(organisation=demo.zeist.organisation),
        kind=RoleKind.OFFICIAL,
    )
    response = client_for(demo.zeist_beleidsmedewerker).get(reverse("collaborations:find"), {"gemeente": "GM0355"})
    counts = {c.name: c.partner_count for c in response.context["page"].object_list}
    assert counts[demo.collaboration.name] == 3
    assert counts[demo.other_collaboration.name] == 2
