"""The complete JSON export and import: an exact round trip; every bad file refused with its reason, nothing saved."""

import datetime
import json

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from samen.accounts.models import Person
from samen.audit.models import AuditEvent
from samen.collaborations.models import Collaboration, Organisation, Partner, PolicyField
from samen.reports import services, transfer
from tests.health import builders as b

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(db):
    return Person.objects.create_user("beheer@samen.example", "x" * 12, full_name="Bea Beheer", is_staff=True)


@pytest.fixture
def rich(demo, settings, tmp_path):
    """The demo collaboration with something in every area, a published digest and an attachment."""
    settings.MEDIA_ROOT = tmp_path
    collaboration = demo.collaboration
    collaboration.policy_fields.add(PolicyField.objects.create(name="Omgevingsrecht"))
    with time_machine.travel(b.at(datetime.date(2026, 2, 2)), tick=False):
        ambition = b.ambition(collaboration, hours=40, budget=10000)
        for partner in demo.partners:
            b.pledge(ambition, partner, urgency=4, hours=10, budget=2500)
        round_ = b.honesty_round(collaboration, deadline=datetime.date(2026, 3, 1))
        b.declaration(round_, demo.utrecht, motives=("kosten", "kwaliteit"))
        b.declaration(round_, demo.zeist, shared=False)
        b.go(round_, demo.utrecht)
        goal = b.goal(collaboration, demo.facilitator, demo.utrecht)
        b.benefit(goal, demo.zeist, demo.zeist_beleidsmedewerker)
        b.commitment(goal, demo.zeist, demo.zeist_beleidsmedewerker, due_on=datetime.date(2026, 4, 1))
        b.result(goal, demo.utrecht, demo.utrecht_beleidsmedewerker, due_on=datetime.date(2026, 12, 1), current=40)
        consent = b.consent_round(collaboration, demo.facilitator, demo.zeist, deadline=datetime.date(2026, 3, 1))
        b.decide(consent, demo.utrecht, demo.utrecht_wethouder)
        success = b.success(collaboration, demo.facilitator, [demo.utrecht, demo.de_bilt], public=True)
        success.attachment.save("verslag.txt", ContentFile(b"Verslag van de eerste controle"), save=True)
        success.people.add(demo.zeist_beleidsmedewerker)
        b.prompt(collaboration)
        cost = b.signal(collaboration, demo.zeist_beleidsmedewerker, demo.zeist)
        b.reply(cost, demo.utrecht_beleidsmedewerker, demo.utrecht)
        b.deviation(collaboration, demo.de_bilt, b.article(collaboration, demo.facilitator), demo.de_bilt_wethouder)
        b.checkin(
            collaboration,
            answers={demo.utrecht: [(4, 3)], demo.zeist: [(3, 4)]},
            people={demo.utrecht: [demo.utrecht_beleidsmedewerker], demo.zeist: [demo.zeist_wethouder]},
        )
    services.plan_cycle(collaboration=collaboration, by=demo.facilitator, year=2026)
    digest = services.create_digest(
        collaboration=collaboration,
        by=demo.facilitator,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
    )
    services.submit_digest(digest=digest, by=demo.facilitator)
    for partner, person in (
        (demo.utrecht, demo.utrecht_wethouder),
        (demo.zeist, demo.zeist_wethouder),
        (demo.de_bilt, demo.de_bilt_wethouder),
    ):
        services.approve_digest(digest=digest, partner=partner, by=person)
    services.publish_digest(digest=digest, by=demo.facilitator)
    return collaboration


def empty_the_installation() -> None:
    """Remove every collaboration and person, children first: what stays is the register's organisations."""
    for part in reversed(transfer.parts()):
        part.model._base_manager.all().delete()
    Person.objects.all().delete()


def test_export_then_import_into_an_empty_installation_then_export_again_gives_the_identical_file(rich, beheerder):
    first = transfer.export_collaboration(collaboration=rich, by=beheerder)
    data = json.loads(first)
    models = {o["model"] for o in data["objects"]}
    assert {
        "collaborations.partner",
        "collaborations.role",
        "interests.pledge",
        "interests.interest",
        "goals.goalversion",
        "goals.decision",
        "successes.success",
        "experiences.checkinresponse",
        "reports.councildigest",
        "reports.digestapproval",
        "health.publishedhealth",
    } <= models
    assert {"code:GM0344", "code:GM0355", "code:GM0310"} <= {o["ref"] for o in data["organisations"]}
    assert "exported_at" not in first.decode()

    empty_the_installation()
    assert not Collaboration.objects.exists()
    beheerder = Person.objects.create_user("beheer@samen.example", "x" * 12, full_name="Bea Beheer", is_staff=True)
    imported = transfer.import_collaboration(raw=first, by=beheerder)
    second = transfer.export_collaboration(collaboration=imported, by=beheerder)
    assert second == first
    assert AuditEvent.objects.filter(action="reports.collaboration_imported").count() == 1
    assert not Person.objects.get(email="wethouder@zeist.example").has_usable_password()


def test_the_management_commands_export_and_import(rich, beheerder, tmp_path):
    from django.core.management import call_command

    target = tmp_path / "export.json"
    call_command("export_collaboration", str(rich.pk), str(target))
    empty_the_installation()
    Person.objects.create_user("beheer@samen.example", "x" * 12, full_name="Bea Beheer", is_staff=True)
    call_command("import_collaboration", str(target), "--by", "beheer@samen.example")
    again = tmp_path / "again.json"
    call_command("export_collaboration", str(rich.pk), str(again))
    assert again.read_bytes() == target.read_bytes()


def assert_nothing_saved(before: dict) -> None:
    assert counts() == before


def counts() -> dict:
    return {
        "collaborations": Collaboration.objects.count(),
        "partners": Partner.objects.count(),
        "people": Person.objects.count(),
        "imports": AuditEvent.objects.filter(action="reports.collaboration_imported").count(),
    }


def refused(raw, by) -> str:
    with pytest.raises(ValidationError) as error:
        transfer.import_collaboration(raw=raw, by=by)
    message = " ".join(error.value.messages)
    assert message.endswith("Er is niets opgeslagen.")
    return message


def test_a_malformed_file_is_refused(demo, beheerder):
    before = counts()
    assert "Het bestand is geen geldige JSON (regel 1, kolom 12" in refused(b'{"format": samen}', beheerder)
    assert "geen tekst in UTF-8" in refused(b"\xff\xfe\x00", beheerder)
    assert "geen export van een samenwerking uit Samen" in refused(b"[1, 2, 3]", beheerder)
    assert "onvolledig of beschadigd" in refused(
        json.dumps({"format": transfer.FORMAT, "version": 1, "objects": "x", "people": [], "organisations": []}),
        beheerder,
    )
    assert_nothing_saved(before)


def test_a_file_of_another_format_version_is_refused(demo, beheerder):
    data = transfer.export_data(demo.collaboration)
    data["version"] = 2
    before = counts()
    assert "formaatversie 2; deze installatie leest alleen versie 1" in refused(transfer.dumps(data), beheerder)
    assert_nothing_saved(before)


def test_a_file_with_unknown_organisations_is_refused_and_names_them(demo, beheerder):
    data = transfer.export_data(demo.collaboration)
    empty_the_installation()
    beheerder = Person.objects.create_user("beheer@samen.example", "x" * 12, full_name="Bea Beheer", is_staff=True)
    Organisation.objects.filter(code="GM0310").delete()
    before = counts()
    message = refused(transfer.dumps(data), beheerder)
    assert "Deze organisaties zijn in deze installatie onbekend: De Bilt (code:GM0310)." in message
    assert_nothing_saved(before)


def test_an_import_never_overwrites_an_existing_collaboration(demo, beheerder):
    raw = transfer.dumps(transfer.export_data(demo.collaboration))
    before = counts()
    message = refused(raw, beheerder)
    assert (
        "De samenwerking ‘Regionale Uitvoeringsdienst Utrecht-Oost (test)’ bestaat al in deze installatie." in message
    )
    assert_nothing_saved(before)


def test_an_import_refuses_parts_and_fields_this_installation_does_not_know(demo, beheerder):
    data = transfer.export_data(demo.collaboration)
    empty_the_installation()
    beheerder = Person.objects.create_user("beheer@samen.example", "x" * 12, full_name="Bea Beheer", is_staff=True)
    data["objects"][0]["fields"]["kleur"] = "blauw"
    assert "velden die deze installatie niet kent: kleur" in refused(transfer.dumps(data), beheerder)
    data["objects"][0]["fields"].pop("kleur")
    data["objects"].append({"model": "elders.iets", "id": "1", "fields": {}})
    assert "onderdelen die deze installatie niet kent: elders.iets" in refused(transfer.dumps(data), beheerder)
    assert not Collaboration.objects.exists()


def test_a_file_whose_rows_do_not_fit_is_refused_as_a_whole(demo, beheerder):
    data = transfer.export_data(demo.collaboration)
    empty_the_installation()
    beheerder = Person.objects.create_user("beheer@samen.example", "x" * 12, full_name="Bea Beheer", is_staff=True)
    role = next(o for o in data["objects"] if o["model"] == "collaborations.role")
    role["fields"]["partner"] = "00000000-0000-0000-0000-000000000000"  # a partner that is not in the file
    before = counts()
    assert "Het bestand past niet in deze installatie" in refused(transfer.dumps(data), beheerder)
    assert_nothing_saved(before)


def test_an_import_takes_the_place_of_a_register_entry_nobody_started(demo, beheerder):
    demo.collaboration.roo_id = "99999"
    demo.collaboration.save()
    data = transfer.export_data(demo.collaboration)
    empty_the_installation()
    beheerder = Person.objects.create_user("beheer@samen.example", "x" * 12, full_name="Bea Beheer", is_staff=True)
    placeholder = Collaboration.objects.create(name="Uit het register", kind="gr", roo_id="99999")
    imported = transfer.import_collaboration(raw=transfer.dumps(data), by=beheerder)
    assert imported.roo_id == "99999"
    assert not Collaboration.objects.filter(pk=placeholder.pk).exists()


def test_only_a_beheerder_exports_or_imports_the_complete_collaboration(demo, client_for):
    url = reverse("reports:export_all", args=[demo.collaboration.pk])
    response = client_for(demo.facilitator).get(url)
    assert response.status_code == 403
    assert "Alleen een beheerder van deze installatie maakt een volledige export" in response.content.decode()
    assert client_for(demo.amersfoort_beleidsmedewerker).get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        transfer.import_collaboration(raw=b"{}", by=demo.facilitator)
    response = client_for(demo.facilitator).get(reverse("reports:import"))
    assert response.status_code == 403
    assert "Alleen een beheerder" in response.content.decode()


def test_the_import_page_shows_the_reason_of_a_refusal(demo, beheerder, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(beheerder).post(
        reverse("reports:import"), {"file": SimpleUploadedFile("x.json", b"{kapot", "application/json")}
    )
    assert response.status_code == 400
    assert "Het bestand is geen geldige JSON" in response.content.decode()
