"""Raadsgrip changes over /api/v1 do what the pages do: the same service, rule, Dutch refusal and audit event."""

import datetime
from decimal import Decimal

import pytest

from samen.audit.models import AuditEvent
from samen.council import services
from samen.council.models import Contribution, Document, KeyFigures, OwnMoment, Stance
from samen.reports.models import DigestMoment
from tests.api.conftest import API, assert_problem
from tests.api.test_permission_matrix import PERSONAS

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CSV = """jaar;bron;kengetal;deelnemer;waarde;iv3
2026;begroting;eigen_vermogen_begin;;1.200.000;P111
2026;begroting;bijdrage;Zeist;350.000,00;
2026;begroting;stemmen;Gemeente Zeist;2;
2025;jaarrekening;resultaat;;-12.500;P114
"""


def upload(api, path, data):
    """A multipart/form-data POST, as a system that sends a file does."""
    return api.client.post(API + path, data, headers=api.headers)


@pytest.fixture
def adopted(demo):
    document = services.record_document(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        year=2026,
        kind="ontwerpbegroting",
        title="Ontwerpbegroting 2027",
        sent_on=datetime.date(2026, 3, 7),
        link="https://www.example.org/o.pdf",
    )
    zienswijze = services.save_zienswijze(
        document=document,
        partner=demo.zeist,
        by=demo.zeist_wethouder,
        stance=Stance.REMARKS,
        text="Let op de indexatie.",
        decided_on=datetime.date(2026, 5, 20),
    )
    return services.adopt_zienswijze(zienswijze=zienswijze, by=demo.zeist_wethouder)


# --- own moments -----------------------------------------------------------------------------------


def test_the_facilitator_adds_an_own_moment_and_the_calendar_shows_it(demo, api_for):
    api = api_for(demo.facilitator)
    path = f"/samenwerkingen/{demo.collaboration.pk}/eigen-pc-momenten"
    response = api.post(path, {"omschrijving": "Voorjaarsnota", "datum": "2026-05-15"})
    assert response.status_code == 201, response.content
    moment = OwnMoment.objects.get(pk=response.json()["id"])
    assert (moment.title, moment.due_on) == ("Voorjaarsnota", datetime.date(2026, 5, 15))
    assert AuditEvent.objects.filter(action="council.moment_added", object_id=str(moment.pk)).exists()
    calendar = api_for(demo.raadslid).get(f"/samenwerkingen/{demo.collaboration.pk}/pc-momenten", jaar=2026).json()
    assert "Voorjaarsnota" in [m["omschrijving"] for m in calendar["momenten"]]
    assert api_for(demo.raadslid).get(path).json()["results"][0]["omschrijving"] == "Voorjaarsnota"


def test_an_own_moment_needs_a_description_in_dutch(demo, api_for):
    path = f"/samenwerkingen/{demo.collaboration.pk}/eigen-pc-momenten"
    problem = assert_problem(api_for(demo.facilitator).post(path, {"omschrijving": "  ", "datum": "2026-05-15"}), 400)
    assert problem["invalidParams"][0]["name"] == "omschrijving"
    assert problem["invalidParams"][0]["reason"] == "Dit veld mag niet leeg zijn."
    assert not OwnMoment.objects.exists()


def test_a_contact_may_not_add_a_moment_and_hears_why(demo, api_for):
    path = f"/samenwerkingen/{demo.collaboration.pk}/eigen-pc-momenten"
    problem = assert_problem(
        api_for(demo.zeist_wethouder).post(path, {"omschrijving": "X", "datum": "2026-05-15"}), 403
    )
    assert problem["detail"] == "Alleen de facilitator houdt de P&C-planning bij."


@pytest.mark.parametrize("persona", PERSONAS)
def test_removing_an_own_moment(demo, api_for, persona):
    moment = services.add_own_moment(
        collaboration=demo.collaboration, by=demo.facilitator, title="Voorjaarsnota", due_on=datetime.date(2026, 5, 15)
    )
    response = api_for(getattr(demo, persona)).delete(f"/eigen-pc-momenten/{moment.pk}")
    status = {"facilitator": 204, "amersfoort_beleidsmedewerker": 404}.get(persona, 403)
    assert response.status_code == status, (persona, response.content[:300])
    assert OwnMoment.objects.filter(pk=moment.pk).exists() == (status != 204)
    assert AuditEvent.objects.filter(action="council.moment_removed").exists() == (status == 204)


# --- the GR body's reaction --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_facilitator_records_the_reaction_to_a_zienswijze(demo, adopted, api_for, persona):
    body = {"reactie": "De indexatie is verlaagd naar 2,5%."}
    response = api_for(getattr(demo, persona)).post(f"/zienswijzen/{adopted.pk}/reacties", body)
    status = {"facilitator": 200, "amersfoort_beleidsmedewerker": 404}.get(persona, 403)
    assert response.status_code == status, (persona, response.content[:300])
    adopted.refresh_from_db()
    assert (adopted.response == body["reactie"]) == (status == 200)
    if status == 200:
        assert response.json()["reactie"] == body["reactie"]
        assert AuditEvent.objects.filter(action="council.zienswijze_answered", object_id=str(adopted.pk)).exists()


def test_a_draft_zienswijze_gets_no_reaction_yet(demo, adopted, api_for):
    draft = services.save_zienswijze(
        document=adopted.document, partner=demo.utrecht, by=demo.utrecht_wethouder, stance="positief", text="Akkoord."
    )
    # The facilitator sees no other partner's draft: it does not exist for them.
    assert_problem(api_for(demo.facilitator).post(f"/zienswijzen/{draft.pk}/reacties", {"reactie": "Dank"}), 404)
    empty = assert_problem(api_for(demo.facilitator).post(f"/zienswijzen/{adopted.pk}/reacties", {"reactie": " "}), 400)
    assert [p["name"] for p in empty["invalidParams"]] == ["reactie"]


# --- key figures ---------------------------------------------------------------------------------------


def test_the_facilitator_enters_a_years_figures_as_json(demo, api_for):
    path = f"/samenwerkingen/{demo.collaboration.pk}/kengetallen"
    body = {
        "jaar": 2026,
        "bron": "begroting",
        "eigenVermogenBegin": "1250000.00",
        "resultaat": None,
        "risicos": "Indexatie van de lonen.",
        "bijdragen": [{"deelnemer": str(demo.zeist.pk), "bijdrage": "300000", "stemmen": 2}],
    }
    response = api_for(demo.facilitator).post(path, body)
    assert response.status_code == 201, response.content
    figures = KeyFigures.objects.get()
    assert (figures.equity_start, figures.result, figures.risks) == (
        Decimal("1250000.00"),
        None,
        "Indexatie van de lonen.",
    )
    zeist = Contribution.objects.get(figures=figures, partner=demo.zeist)
    assert (zeist.amount, zeist.votes, zeist.share) == (Decimal("300000.00"), 2, None)
    assert AuditEvent.objects.filter(action="council.figures_saved").count() == 1
    # An omitted figure stays as it was.
    api_for(demo.facilitator).post(path, {"jaar": 2026, "bron": "begroting", "resultaat": "-1000"})
    figures.refresh_from_db()
    assert (figures.equity_start, figures.result) == (Decimal("1250000.00"), Decimal("-1000.00"))


def test_figures_refuse_a_partner_of_another_collaboration_and_write_nothing(demo, api_for):
    other_partner = demo.other_collaboration.partners.first()
    body = {"jaar": 2026, "bron": "begroting", "bijdragen": [{"deelnemer": str(other_partner.pk), "bijdrage": "1"}]}
    problem = assert_problem(
        api_for(demo.facilitator).post(f"/samenwerkingen/{demo.collaboration.pk}/kengetallen", body), 400
    )
    assert problem["invalidParams"][0]["name"] == "bijdragen"
    assert not KeyFigures.objects.exists()


def test_a_contact_may_not_enter_figures(demo, api_for):
    body = {"jaar": 2026, "bron": "begroting", "reserves": "10"}
    path = f"/samenwerkingen/{demo.collaboration.pk}/kengetallen"
    problem = assert_problem(api_for(demo.utrecht_beleidsmedewerker).post(path, body), 403)
    assert problem["detail"] == "Alleen de facilitator houdt de kengetallen bij."


def test_the_same_csv_as_on_the_page_is_imported_as_multipart(demo, api_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    path = f"/samenwerkingen/{demo.collaboration.pk}/kengetallenbestanden"
    response = upload(api_for(demo.facilitator), path, {"bestand": SimpleUploadedFile("k.csv", CSV.encode())})
    assert response.status_code == 201, response.content
    assert response.json() == {"regels": 4}
    assert KeyFigures.objects.get(year=2026).equity_start == Decimal("1200000.00")
    assert KeyFigures.objects.get(year=2025).result == Decimal("-12500.00")
    assert AuditEvent.objects.filter(action="council.figures_imported").count() == 1


def test_a_wrong_import_file_is_refused_in_dutch_and_changes_nothing(demo, api_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    path = f"/samenwerkingen/{demo.collaboration.pk}/kengetallenbestanden"
    bad = upload(api_for(demo.facilitator), path, {"bestand": SimpleUploadedFile("k.csv", b"jaar;bron\n1;2\n")})
    assert "Kolommen ontbreken" in assert_problem(bad, 400)["detail"]
    json_body = api_for(demo.facilitator).post(path, {"bestand": "k.csv"})
    assert_problem(json_body, 415)
    contact = upload(api_for(demo.zeist_wethouder), path, {"bestand": SimpleUploadedFile("k.csv", CSV.encode())})
    assert_problem(contact, 403)
    assert not KeyFigures.objects.exists()


# --- uploading a P&C document ----------------------------------------------------------------------------


def test_the_facilitator_uploads_a_document_and_the_page_serves_it(demo, api_for, settings, tmp_path, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    data = {
        "jaar": "2026",
        "soort": "kaderbrief",
        "titel": "Kaderbrief 2027",
        "verzondenOp": "2026-01-20",
        "bestand": SimpleUploadedFile("Kaderbrief 2027.pdf", PDF, "application/octet-stream"),
    }
    response = upload(api_for(demo.facilitator), f"/samenwerkingen/{demo.collaboration.pk}/pc-stukken", data)
    assert response.status_code == 201, response.content
    assert response.json()["heeftBestand"] is True
    document = Document.objects.get(pk=response.json()["id"])
    assert (document.content_type, document.file_name, document.link) == ("application/pdf", "Kaderbrief_2027.pdf", "")
    assert AuditEvent.objects.filter(action="council.document_recorded", object_id=str(document.pk)).exists()
    served = client_for(demo.raadslid).get(f"/samenwerkingen/{demo.collaboration.pk}/pc-stukken/{document.pk}/bestand")
    assert b"".join(served.streaming_content) == PDF


def test_an_upload_that_is_no_pdf_or_office_file_is_refused(demo, api_for, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    data = {
        "jaar": "2026",
        "soort": "kaderbrief",
        "titel": "Kaderbrief",
        "verzondenOp": "2026-01-20",
        "bestand": SimpleUploadedFile("k.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
    }
    problem = assert_problem(
        upload(api_for(demo.facilitator), f"/samenwerkingen/{demo.collaboration.pk}/pc-stukken", data), 400
    )
    assert problem["invalidParams"][0]["name"] == "bestand"
    assert "Samen kijkt naar de inhoud" in problem["detail"]
    assert not Document.objects.exists()


# --- planning raadsbrief moments ---------------------------------------------------------------------------


def test_the_facilitator_plans_the_years_raadsbrief_moments_once(demo, api_for):
    api = api_for(demo.facilitator)
    path = f"/samenwerkingen/{demo.collaboration.pk}/raadsbriefplanningen"
    first = api.post(path, {"jaar": 2027})
    assert first.status_code == 201, first.content
    assert [m["soort"] for m in first.json()["momenten"]] == ["kadernota", "ontwerpbegroting", "jaarrekening"]
    again = api.post(path, {"jaar": 2027}).json()
    assert again == {"jaar": 2027, "momenten": []}
    assert DigestMoment.objects.filter(collaboration=demo.collaboration, year=2027).count() == 3
    assert AuditEvent.objects.filter(action="reports.moment_planned").count() == 3
    listed = api_for(demo.utrecht_beleidsmedewerker).get(f"/samenwerkingen/{demo.collaboration.pk}/raadsbriefmomenten")
    assert listed.json()["totalItems"] == 3
    # Readers see no planning, as on the page.
    reader = api_for(demo.raadslid).get(f"/samenwerkingen/{demo.collaboration.pk}/raadsbriefmomenten")
    assert reader.json()["totalItems"] == 0


def test_one_moment_with_its_own_dates_and_a_period_that_ends_before_it_starts(demo, api_for):
    api = api_for(demo.facilitator)
    path = f"/samenwerkingen/{demo.collaboration.pk}/raadsbriefmomenten"
    body = {
        "soort": "overig",
        "jaar": 2026,
        "omschrijving": "Begrotingswijziging",
        "uiterlijkOp": "2026-10-01",
        "periodeVan": "2026-06-01",
        "periodeTotEnMet": "2026-08-31",
    }
    created = api.post(path, body)
    assert created.status_code == 201, created.content
    assert created.json()["omschrijving"] == "Begrotingswijziging"
    problem = assert_problem(api.post(path, {**body, "periodeTotEnMet": "2026-05-01"}), 400)
    assert problem["invalidParams"][0]["name"] == "periodeTotEnMet"
    assert "Er is niets opgeslagen" in problem["detail"]
    assert DigestMoment.objects.count() == 1
    contact = assert_problem(api_for(demo.zeist_wethouder).post(path, body), 403)
    assert contact["detail"] == "Alleen de facilitator plant de raadsbrieven in de P&C-cyclus."


def test_a_standard_moment_is_planned_once_a_year(demo, api_for):
    body = {"soort": "kadernota", "jaar": 2026, "uiterlijkOp": "2026-01-31", "periodeVan": "2025-06-01"}
    body["periodeTotEnMet"] = "2025-12-31"
    path = f"/samenwerkingen/{demo.collaboration.pk}/raadsbriefmomenten"
    assert api_for(demo.facilitator).post(path, body).status_code == 201
    problem = assert_problem(api_for(demo.facilitator).post(path, body), 400)
    assert problem["detail"] == "Er is al een kadernota-moment voor 2026. Er is niets opgeslagen."
    assert problem["invalidParams"][0]["name"] == "soort"


def test_an_upload_with_an_idempotency_key_is_stored_once(demo, api_for, settings, tmp_path):
    """A retry of a multipart request has a new boundary: the fields and the file's content count, not the bytes."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test.client import encode_multipart

    settings.MEDIA_ROOT = tmp_path
    api = api_for(demo.facilitator)
    path = API + f"/samenwerkingen/{demo.collaboration.pk}/pc-stukken"

    def send(boundary):
        data = {
            "jaar": "2026",
            "soort": "kaderbrief",
            "titel": "Kaderbrief",
            "verzondenOp": "2026-01-20",
            "bestand": SimpleUploadedFile("k.pdf", PDF),
        }
        return api.client.post(
            path,
            encode_multipart(boundary, data),
            content_type=f"multipart/form-data; boundary={boundary}",
            headers={**api.headers, "Idempotency-Key": "upload-kaderbrief-1"},
        )

    first, again = send("eerste-poging"), send("tweede-poging")
    assert (first.status_code, again.status_code) == (201, 201), first.content
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Document.objects.count() == 1
