"""The P&C calendar: documents as they arrive, computed deadlines, reminders, the ICS feed and the pages."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samen.audit.models import AuditEvent
from samen.council import services
from samen.council.models import Document, DocumentKind
from samen.notifications.models import Event

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def draft_budget(demo, sent_on=datetime.date(2026, 3, 9), **extra):
    return services.record_document(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        year=sent_on.year,
        kind=DocumentKind.DRAFT_BUDGET,
        title="Ontwerpbegroting 2027",
        sent_on=sent_on,
        link="https://www.example.org/ontwerpbegroting-2027.pdf",
        **extra,
    )


def test_a_draft_budget_starts_twelve_weeks_for_zienswijzen(demo):
    document = draft_budget(demo)
    assert document.asks_zienswijze
    assert document.zienswijze_until == datetime.date(2026, 6, 1)
    assert AuditEvent.objects.filter(action="council.document_recorded", object_id=str(document.pk)).exists()


def test_partners_contacts_and_readers_hear_of_a_new_document_with_the_deadline_in_their_calendar(demo):
    document = draft_budget(demo)
    told = set(Event.objects.filter(kind="pc_reminder").values_list("recipient_id", flat=True))
    assert demo.raadslid.pk in told
    assert demo.zeist_wethouder.pk in told
    assert demo.amersfoort_beleidsmedewerker.pk not in told
    event = Event.objects.filter(recipient=demo.raadslid).get()
    assert event.calendar["uid"] == f"zienswijzen-{document.pk}"


def test_only_the_facilitator_records_documents(demo):
    with pytest.raises(PermissionDenied):
        services.record_document(
            collaboration=demo.collaboration,
            by=demo.utrecht_wethouder,
            year=2026,
            kind=DocumentKind.KADERBRIEF,
            title="Kaderbrief",
            sent_on=datetime.date(2026, 3, 1),
            link="https://www.example.org/k.pdf",
        )
    assert not Document.objects.exists()


def test_a_document_needs_a_link_or_an_upload_and_a_date_not_in_the_future(demo):
    with pytest.raises(ValidationError) as error:
        services.record_document(
            collaboration=demo.collaboration,
            by=demo.facilitator,
            year=2026,
            kind=DocumentKind.KADERBRIEF,
            title=" ",
            sent_on=timezone.localdate() + datetime.timedelta(days=3),
        )
    assert set(error.value.message_dict) == {"title", "sent_on", "link"}
    assert not Document.objects.exists()


def test_an_upload_is_checked_by_content(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fake = SimpleUploadedFile("begroting.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")
    with pytest.raises(ValidationError) as error:
        services.record_document(
            collaboration=demo.collaboration,
            by=demo.facilitator,
            year=2026,
            kind=DocumentKind.KADERBRIEF,
            title="Kaderbrief",
            sent_on=datetime.date(2026, 3, 1),
            upload=fake,
        )
    assert "inhoud" in error.value.message_dict["file"][0]
    real = SimpleUploadedFile("Kaderbrief 2027.pdf", PDF, "application/octet-stream")
    document = services.record_document(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        year=2026,
        kind=DocumentKind.KADERBRIEF,
        title="Kaderbrief",
        sent_on=datetime.date(2026, 3, 1),
        upload=real,
    )
    assert document.content_type == "application/pdf"
    assert document.file_name == "Kaderbrief_2027.pdf"
    assert str(tmp_path) in document.file.path
    assert not document.asks_zienswijze


def test_an_exempted_budget_amendment_asks_no_zienswijze(demo):
    document = services.record_document(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        year=2026,
        kind=DocumentKind.BUDGET_AMENDMENT,
        title="Technische begrotingswijziging",
        sent_on=datetime.date(2026, 9, 1),
        link="https://www.example.org/w.pdf",
        asks_zienswijze=False,
    )
    assert document.zienswijze_until is None


def test_reminders_go_once_to_councils_that_have_not_adopted_a_zienswijze(demo):
    document = draft_budget(demo)
    Event.objects.all().delete()
    assert services.remind_open_zienswijzen(collaboration=demo.collaboration, today=datetime.date(2026, 5, 1)) == 0
    assert services.remind_open_zienswijzen(collaboration=demo.collaboration, today=datetime.date(2026, 5, 20)) == 1
    assert Event.objects.filter(recipient=demo.raadslid).count() == 1
    assert services.remind_open_zienswijzen(collaboration=demo.collaboration, today=datetime.date(2026, 5, 21)) == 0
    document.refresh_from_db()
    assert document.reminded_on == datetime.date(2026, 5, 20)


def test_own_moments_appear_in_the_calendar_page(demo, client_for):
    services.add_own_moment(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        title="Voorjaarsnota AB",
        due_on=datetime.date(2026, 3, 3),
    )
    draft_budget(demo, sent_on=datetime.date(2026, 6, 1))
    page = client_for(demo.raadslid).get(f"/samenwerkingen/{demo.collaboration.pk}/pc-planning?jaar=2026")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Voorjaarsnota AB" in text
    assert "te laat" in text  # sent after 8 May
    assert "24 augustus 2026" in text


def test_only_the_facilitator_adds_own_moments(demo, client_for):
    response = client_for(demo.utrecht_wethouder).post(
        f"/samenwerkingen/{demo.collaboration.pk}/pc-planning/momenten",
        {"moment-title": "Eigen moment", "moment-due_on": "2026-03-01"},
    )
    assert response.status_code in (403, 404)
    assert not demo.collaboration.own_pc_moments.exists()


def test_an_outsider_sees_no_calendar(demo, client_for):
    response = client_for(demo.amersfoort_beleidsmedewerker).get(f"/samenwerkingen/{demo.collaboration.pk}/pc-planning")
    assert response.status_code == 404


def test_the_ics_feed_holds_the_wgr_moments(demo, client_for):
    draft_budget(demo)
    response = client_for(demo.raadslid).get(
        f"/samenwerkingen/{demo.collaboration.pk}/pc-planning/agenda.ics?jaar=2026"
    )
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "DTSTART;VALUE=DATE:20260601" in body  # end of the zienswijze period
    assert "DTSTART;VALUE=DATE:20260414" in body  # kaderbrief
    assert body.count("BEGIN:VEVENT") >= 12  # this year and next


def test_facilitator_records_a_document_through_the_form(demo, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(demo.facilitator)
    response = client.post(
        f"/samenwerkingen/{demo.collaboration.pk}/pc-stukken/nieuw?jaar=2026",
        {
            "kind": "ontwerpbegroting",
            "title": "Ontwerpbegroting 2027",
            "sent_on": "2026-03-09",
            "file": SimpleUploadedFile("o.pdf", PDF),
            "asks_zienswijze": "on",
        },
    )
    assert response.status_code == 302
    document = Document.objects.get()
    download = client.get(f"/samenwerkingen/{demo.collaboration.pk}/pc-stukken/{document.pk}/bestand")
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF


def test_the_daily_command_sends_due_reminders(demo):
    from io import StringIO

    from django.core.management import call_command

    document = draft_budget(demo, sent_on=timezone.localdate() - datetime.timedelta(weeks=11))
    out = StringIO()
    call_command("send_pc_reminders", stdout=out)
    assert "herinneringen: 1" in out.getvalue()
    document.refresh_from_db()
    assert document.reminded_on == timezone.localdate()
