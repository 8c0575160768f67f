"""Every demo persona × every endpoint: the API answers exactly what samen.permissions allows.

The rules are the interface's: the register (collaborations, partners, organisations) is public to
every signed-in person, a collaboration outside the register (as the demo ones) only to the people
with a role in it, people and roles are for the people who work in the collaboration, the audit
log is for the facilitator, and anything of a collaboration one has no part in is a 404.
"""

import pytest
from django.utils import timezone

from samen.audit.models import AuditEvent
from samen.collaborations.models import Collaboration, Partner, Role
from tests.api.conftest import assert_problem

pytestmark = pytest.mark.django_db

PERSONAS = [
    "facilitator",
    "utrecht_beleidsmedewerker",
    "utrecht_wethouder",
    "zeist_beleidsmedewerker",
    "zeist_wethouder",
    "de_bilt_beleidsmedewerker",
    "de_bilt_wethouder",
    "raadslid",
    "amersfoort_beleidsmedewerker",
]
CONTACTS = {p for p in PERSONAS if p.endswith(("beleidsmedewerker", "wethouder")) and not p.startswith("amersfoort")}
EVERYONE = set(PERSONAS)
OUTSIDER = {"amersfoort_beleidsmedewerker"}


def expected(allowed: set[str], persona: str, yes: int, no: int) -> int:
    return yes if persona in allowed else no


# (name, method, path template, body, expected status per persona)
READS = [
    ("collaborations", "/samenwerkingen", lambda p: 200),
    ("collaboration", "/samenwerkingen/{c}", lambda p: expected(EVERYONE - OUTSIDER, p, 200, 404)),
    ("partners", "/samenwerkingen/{c}/deelnemers", lambda p: expected(EVERYONE - OUTSIDER, p, 200, 404)),
    ("other collaboration", "/samenwerkingen/{other}", lambda p: expected(OUTSIDER, p, 200, 404)),
    ("other partners", "/samenwerkingen/{other}/deelnemers", lambda p: expected(OUTSIDER, p, 200, 404)),
    ("roles", "/samenwerkingen/{c}/rollen", lambda p: expected(CONTACTS | {"facilitator"}, p, 200, 404)),
    ("audit log", "/samenwerkingen/{c}/auditlog", lambda p: expected({"facilitator"}, p, 200, 404)),
    ("organisations", "/organisaties", lambda p: 200),
    ("organisation", "/organisaties/{o}", lambda p: 200),
    ("policy fields", "/beleidsterreinen", lambda p: 200),
    # Another collaboration's workspace: only Amersfoort's contact works there.
    (
        "other roles",
        "/samenwerkingen/{other}/rollen",
        lambda p: expected({"amersfoort_beleidsmedewerker"}, p, 200, 404),
    ),
    ("other audit log", "/samenwerkingen/{other}/auditlog", lambda p: 404),
    # The areas: what readers (the raadslid) see is the published or shared part; outsiders see nothing.
    ("goals", "/samenwerkingen/{c}/doelen", lambda p: expected(EVERYONE - OUTSIDER, p, 200, 404)),
    ("successes", "/samenwerkingen/{c}/successen", lambda p: expected(EVERYONE - OUTSIDER, p, 200, 404)),
    ("ambitions", "/samenwerkingen/{c}/ambities", lambda p: expected(EVERYONE - OUTSIDER, p, 200, 404)),
    ("declarations", "/samenwerkingen/{c}/verklaringen", lambda p: expected(EVERYONE - OUTSIDER, p, 200, 404)),
    ("agreements", "/samenwerkingen/{c}/overeenkomsten", lambda p: expected(EVERYONE - OUTSIDER, p, 200, 404)),
    ("health", "/samenwerkingen/{c}/gezondheidsindicatoren", lambda p: expected(EVERYONE - OUTSIDER, p, 200, 404)),
    ("signals", "/samenwerkingen/{c}/signalen", lambda p: expected(CONTACTS | {"facilitator"}, p, 200, 404)),
    ("deviations", "/samenwerkingen/{c}/afwijkingen", lambda p: expected(CONTACTS | {"facilitator"}, p, 200, 404)),
    ("check-ins", "/samenwerkingen/{c}/check-ins", lambda p: expected(CONTACTS | {"facilitator"}, p, 200, 404)),
    (
        "honesty rounds",
        "/samenwerkingen/{c}/eerlijkheidsrondes",
        lambda p: expected(CONTACTS | {"facilitator"}, p, 200, 404),
    ),
    ("raadsbrieven", "/samenwerkingen/{c}/raadsbrieven", lambda p: expected(EVERYONE - OUTSIDER, p, 200, 404)),
    ("prompts", "/samenwerkingen/{c}/vieringsvoorstellen", lambda p: expected(CONTACTS | {"facilitator"}, p, 200, 404)),
    ("invitations", "/samenwerkingen/{c}/uitnodigingen", lambda p: expected(CONTACTS | {"facilitator"}, p, 200, 404)),
    ("preferences", "/meldingsvoorkeuren", lambda p: 200),
    ("pc calendar", "/samenwerkingen/{c}/pc-momenten", lambda p: expected(EVERYONE - OUTSIDER, p, 200, 404)),
    ("pc documents", "/samenwerkingen/{c}/pc-stukken", lambda p: expected(EVERYONE - OUTSIDER, p, 200, 404)),
    ("key figures", "/samenwerkingen/{c}/kengetallen", lambda p: expected(EVERYONE - OUTSIDER, p, 200, 404)),
    ("own pc moments", "/samenwerkingen/{c}/eigen-pc-momenten", lambda p: expected(EVERYONE - OUTSIDER, p, 200, 404)),
    (
        "raadsbrief moments",
        "/samenwerkingen/{c}/raadsbriefmomenten",
        lambda p: expected(EVERYONE - OUTSIDER, p, 200, 404),
    ),
    ("other goals", "/samenwerkingen/{other}/doelen", lambda p: expected(OUTSIDER, p, 200, 404)),
    ("other signals", "/samenwerkingen/{other}/signalen", lambda p: expected(OUTSIDER, p, 200, 404)),
]


def fill(path: str, demo) -> str:
    return path.format(c=demo.collaboration.pk, other=demo.other_collaboration.pk, o=demo.utrecht.organisation_id)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "path", "status"), READS, ids=[r[0] for r in READS])
def test_reading(demo, api_for, persona, name, path, status):
    response = api_for(getattr(demo, persona), scope="lezen").get(fill(path, demo))
    assert response.status_code == status(persona), (persona, name, response.content[:300])
    if response.status_code >= 400:
        assert_problem(response, status(persona))


@pytest.mark.parametrize("persona", PERSONAS)
def test_giving_a_role(demo, api_for, persona):
    """Only the facilitator gives roles; contacts get a reason (403), readers and outsiders a 404."""
    body = {"persoon": str(demo.raadslid.pk), "soort": "ambtelijk", "deelnemer": str(demo.utrecht.pk)}
    before = Role.objects.count()
    response = api_for(getattr(demo, persona)).post(f"/samenwerkingen/{demo.collaboration.pk}/rollen", body)
    status = {"facilitator": 201, "raadslid": 404, "amersfoort_beleidsmedewerker": 404}.get(persona, 403)
    assert response.status_code == status, (persona, response.content[:300])
    assert Role.objects.count() == before + (1 if status == 201 else 0)
    if status == 201:
        assert AuditEvent.objects.filter(action="role.assigned").count() == 1
    else:
        assert_problem(response, status)


@pytest.mark.parametrize("persona", PERSONAS)
def test_taking_a_role_away(demo, api_for, persona):
    role = Role.objects.get(person=demo.zeist_wethouder, collaboration=demo.collaboration)
    response = api_for(getattr(demo, persona)).delete(f"/samenwerkingen/{demo.collaboration.pk}/rollen/{role.pk}")
    status = {"facilitator": 204, "raadslid": 404, "amersfoort_beleidsmedewerker": 404}.get(persona, 403)
    assert response.status_code == status, (persona, response.content[:300])
    assert Role.objects.filter(pk=role.pk).exists() == (status != 204)


@pytest.mark.parametrize("persona", PERSONAS)
def test_activating_a_register_collaboration(demo, api_for, persona):
    """Only someone of a participating organisation starts a register GR (Utrecht takes part here)."""
    register_gr = Collaboration.objects.create(name="Belastingsamenwerking (test)", kind="gr", roo_id="99999")
    Partner.objects.create(collaboration=register_gr, organisation=demo.utrecht.organisation)
    response = api_for(getattr(demo, persona)).post(f"/samenwerkingen/{register_gr.pk}/activeringen")
    allowed = {"utrecht_beleidsmedewerker", "utrecht_wethouder", "raadslid"}
    status = 201 if persona in allowed else 403
    assert response.status_code == status, (persona, response.content[:300])
    register_gr.refresh_from_db()
    assert register_gr.workspace_active == (status == 201)


@pytest.mark.parametrize("persona", PERSONAS)
def test_creating_a_collaboration(demo, api_for, persona):
    """Everyone who belongs to an organisation may start a convenant; they become its facilitator."""
    body = {
        "naam": "Convenant jeugdhulp (test)",
        "soort": "convenant",
        "organisaties": [str(demo.utrecht.organisation_id), str(demo.zeist.organisation_id)],
    }
    response = api_for(getattr(demo, persona)).post("/samenwerkingen", body)
    assert response.status_code == 201, response.content[:300]
    created = Collaboration.objects.get(pk=response.json()["id"])
    assert created.roles.get().person == getattr(demo, persona)
    assert response["Location"].endswith(f"/api/v1/samenwerkingen/{created.pk}")


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "amersfoort_beleidsmedewerker"])
def test_another_collaborations_uuid_is_not_found_for_writes(demo, api_for, persona):
    other = demo.other_collaboration
    role = Role.objects.get(collaboration=other)
    api = api_for(getattr(demo, persona))
    body = {"persoon": str(demo.raadslid.pk), "soort": "lezer", "deelnemer": str(other.partners.first().pk)}
    assert_problem(api.post(f"/samenwerkingen/{other.pk}/rollen", body), 404)
    assert_problem(api.delete(f"/samenwerkingen/{other.pk}/rollen/{role.pk}"), 404)
    # A role of the other collaboration under this collaboration's id is not found either.
    assert_problem(api.delete(f"/samenwerkingen/{demo.collaboration.pk}/rollen/{role.pk}"), 404)
    assert Role.objects.filter(pk=role.pk).exists()


IN_WORKSPACE = EVERYONE - OUTSIDER
FACILITATOR_ONLY = {"facilitator"}

# (name, path, body, who may (201), status for the others in the workspace; outsiders always get 404)
WRITES = [
    ("open an honesty round", "/samenwerkingen/{c}/eerlijkheidsrondes",
     {"titel": "Ronde", "deadline": "2099-01-01"}, FACILITATOR_ONLY, {}),
    ("plan a check-in", "/samenwerkingen/{c}/check-ins", {"eersteOpenOp": "2099-01-01"}, FACILITATOR_ONLY,
     {"raadslid": 404}),
    ("draft a raadsbrief", "/samenwerkingen/{c}/raadsbrieven",
     {"periodeVan": "2026-01-01", "periodeTotEnMet": "2026-03-31"}, CONTACTS | FACILITATOR_ONLY, {}),
    ("invite someone", "/samenwerkingen/{c}/uitnodigingen", {"email": "nieuw@vru.example", "soort": "facilitator"},
     FACILITATOR_ONLY, {"raadslid": 404}),
    ("add a motive", "/samenwerkingen/{c}/motieven", {"naam": "Regionale arbeidsmarkt"}, FACILITATOR_ONLY, {}),
    ("record a pc document", "/samenwerkingen/{c}/pc-stukken",
     {"jaar": 2026, "soort": "kaderbrief", "titel": "Kaderbrief", "verzondenOp": "2026-01-20",
      "link": "https://www.example.org/k.pdf"}, FACILITATOR_ONLY, {}),
    ("add an own pc moment", "/samenwerkingen/{c}/eigen-pc-momenten",
     {"omschrijving": "Voorjaarsnota", "datum": "2026-05-15"}, FACILITATOR_ONLY, {}),
    ("enter key figures", "/samenwerkingen/{c}/kengetallen",
     {"jaar": 2026, "bron": "begroting", "reserves": "10.00"}, FACILITATOR_ONLY, {}),
    ("plan a raadsbrief moment", "/samenwerkingen/{c}/raadsbriefmomenten",
     {"soort": "overig", "jaar": 2026, "uiterlijkOp": "2026-10-01", "periodeVan": "2026-06-01",
      "periodeTotEnMet": "2026-08-31"}, FACILITATOR_ONLY, {}),
    ("plan a year's raadsbrief moments", "/samenwerkingen/{c}/raadsbriefplanningen", {"jaar": 2027},
     FACILITATOR_ONLY, {}),
]  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "path", "body", "allowed", "special"), WRITES, ids=[w[0] for w in WRITES])
def test_writing(demo, api_for, persona, name, path, body, allowed, special):
    api = api_for(getattr(demo, persona))
    events = AuditEvent.objects.count()
    response = api.post(fill(path, demo), body)
    if persona in allowed:
        assert response.status_code == 201, (persona, name, response.content[:300])
        return
    status = 404 if persona in OUTSIDER else special.get(persona, 403)
    assert_problem(response, status)
    assert AuditEvent.objects.count() == events


@pytest.fixture
def objects(demo):
    """One of each new kind of object in the demo collaboration, made through the services."""
    import datetime

    from samen.accounts.services import invite_person
    from samen.council import services as council
    from samen.experiences import services as experiences
    from samen.interests.services import open_round
    from samen.reports.services import create_digest

    today = timezone.localdate()
    [checkin] = experiences.schedule_checkins(
        collaboration=demo.collaboration, by=demo.facilitator, first_opens_on=today
    )
    honesty_round = open_round(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        title="Ronde",
        deadline=today + datetime.timedelta(days=9),
    )
    digest = create_digest(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        period_start=today - datetime.timedelta(days=30),
        period_end=today,
    )
    invitation = invite_person(
        collaboration=demo.collaboration,
        email="nieuw@vru.example",
        full_name="Nieuw",
        kind="facilitator",
        partner=None,
        by=demo.facilitator,
    )
    moment = council.add_own_moment(
        collaboration=demo.collaboration, by=demo.facilitator, title="Voorjaarsnota", due_on=today
    )
    document = council.record_document(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        year=today.year,
        kind="ontwerpbegroting",
        title="Ontwerpbegroting",
        sent_on=today,
        link="https://www.example.org/o.pdf",
    )
    zienswijze = council.save_zienswijze(
        document=document,
        partner=demo.zeist,
        by=demo.zeist_wethouder,
        stance="positief",
        text="Akkoord.",
        decided_on=today,
    )
    council.adopt_zienswijze(zienswijze=zienswijze, by=demo.zeist_wethouder)
    return {
        "checkin": checkin.pk,
        "round": honesty_round.pk,
        "digest": digest.pk,
        "invitation": invitation.pk,
        "moment": moment.pk,
        "zienswijze": zienswijze.pk,
    }


# Writes on one object: (name, method, path). An outsider never learns that the object exists.
OBJECT_WRITES = [
    ("close a check-in", "post", "/check-ins/{checkin}/sluitingen"),
    ("answer a check-in", "post", "/check-ins/{checkin}/antwoorden"),
    ("close an honesty round", "post", "/eerlijkheidsrondes/{round}/sluitingen"),
    ("save a declaration", "put", "/eerlijkheidsrondes/{round}/verklaringen/{partner}"),
    ("share a declaration", "post", "/eerlijkheidsrondes/{round}/verklaringen/{partner}/delingen"),
    ("say go", "put", "/eerlijkheidsrondes/{round}/go-besluiten/{partner}"),
    ("edit a raadsbrief", "patch", "/raadsbrieven/{digest}"),
    ("offer a raadsbrief", "post", "/raadsbrieven/{digest}/aanbiedingen"),
    ("approve a raadsbrief", "post", "/raadsbrieven/{digest}/goedkeuringen"),
    ("publish a raadsbrief", "post", "/raadsbrieven/{digest}/publicaties"),
    ("refresh a raadsbrief", "post", "/raadsbrieven/{digest}/verversingen"),
    ("choose a raadsbrief's P&C moment", "post", "/raadsbrieven/{digest}/pc-momentwijzigingen"),
    ("revoke an invitation", "post", "/samenwerkingen/{c}/uitnodigingen/{invitation}/intrekkingen"),
    ("record a leaving", "post", "/samenwerkingen/{c}/uittredingen"),
    ("record a joining", "post", "/samenwerkingen/{c}/toetredingen"),
    ("remove an own pc moment", "delete", "/eigen-pc-momenten/{moment}"),
    ("respond to a zienswijze", "post", "/zienswijzen/{zienswijze}/reacties"),
    ("import key figures", "post", "/samenwerkingen/{c}/kengetallenbestanden"),
]


@pytest.mark.parametrize(("name", "method", "path"), OBJECT_WRITES, ids=[w[0] for w in OBJECT_WRITES])
def test_an_outsider_finds_none_of_the_objects_it_has_no_part_in(demo, api_for, objects, name, method, path):
    api = api_for(demo.amersfoort_beleidsmedewerker)
    events = AuditEvent.objects.count()
    url = path.format(c=demo.collaboration.pk, partner=demo.utrecht.pk, **objects)
    response = getattr(api.client, method)("/api/v1" + url, {}, content_type="application/json", headers=api.headers)
    assert_problem(response, 404)
    assert AuditEvent.objects.count() == events
