"""The reader's view: a councillor sees, for their own municipality, every regeling's cycle and the councils' views."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samen.collaborations.models import Collaboration, CollaborationKind, Partner, Role, RoleKind
from samen.council import services
from samen.council.models import Stance
from samen.permissions import forget_roles

pytestmark = pytest.mark.django_db


def draft_budget(collaboration, by, sent_on=datetime.date(2026, 11, 2)):
    return services.record_document(
        collaboration=collaboration,
        by=by,
        year=2026,
        kind="ontwerpbegroting",
        title=f"Ontwerpbegroting {collaboration}",
        sent_on=sent_on,
        link="https://www.example.org/o.pdf",
    )


def another_regeling(demo, name):
    collaboration = Collaboration.objects.create(name=name, kind=CollaborationKind.GR, workspace_active=True)
    partner = Partner.objects.create(collaboration=collaboration, organisation=demo.utrecht.organisation)
    Role.objects.create(person=demo.raadslid, collaboration=collaboration, partner=partner, kind=RoleKind.READER)
    Role.objects.create(person=demo.facilitator, collaboration=collaboration, kind=RoleKind.FACILITATOR)
    forget_roles(demo.facilitator)
    draft_budget(collaboration, demo.facilitator)
    return collaboration


def test_the_councillor_sees_running_deadlines_and_the_other_councils_views(demo, client_for):
    document = draft_budget(demo.collaboration, demo.facilitator)
    adopted = services.save_zienswijze(
        document=document,
        partner=demo.zeist,
        by=demo.zeist_wethouder,
        stance=Stance.NEGATIVE,
        text="Te duur.",
        decided_on=datetime.date(2026, 11, 20),
    )
    services.adopt_zienswijze(zienswijze=adopted, by=demo.zeist_wethouder)
    services.save_zienswijze(
        document=document,
        partner=demo.de_bilt,
        by=demo.de_bilt_wethouder,
        stance=Stance.POSITIVE,
        text="Geheim concept.",
    )
    page = client_for(demo.raadslid).get("/raadsgrip?jaar=2026").content.decode()
    assert "Ontwerpbegroting Regionale Uitvoeringsdienst" in page
    assert "tot en met 25 januari 2027" in page  # 2 November + 12 weeks
    assert "Zeist" in page
    assert "negatief" in page
    assert "positief" not in page  # De Bilt's draft stays inside De Bilt
    assert "Paragraaf verbonden partijen" in page


def test_query_count_does_not_grow_with_the_regelingen(demo, client_for):
    client = client_for(demo.raadslid)
    another_regeling(demo, "GR Belastingen (test)")
    client.get("/raadsgrip?jaar=2026")
    with CaptureQueriesContext(connection) as few:
        client.get("/raadsgrip?jaar=2026")
    for index in range(3):
        another_regeling(demo, f"GR Afval {index} (test)")
    with CaptureQueriesContext(connection) as many:
        page = client.get("/raadsgrip?jaar=2026")
    assert page.content.decode().count("P&C-planning") >= 1
    assert len(many.captured_queries) == len(few.captured_queries)


def test_someone_without_an_organisation_has_no_reader_view(client_for, db):
    from tests.personas import person

    assert client_for(person("los@example.org", "Los", None)).get("/raadsgrip").status_code == 404
