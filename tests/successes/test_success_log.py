"""The success log: recording, crediting, attachments, public or internal — and bad input that changes nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from samen.audit.models import AuditEvent
from samen.successes import services
from samen.successes.attachments import MAX_ATTACHMENT_BYTES
from samen.successes.models import Success
from tests.successes.builders import png_bytes, record, upload

pytestmark = pytest.mark.django_db


def url(name, demo, *args):
    return reverse(f"successes:{name}", args=[demo.collaboration.pk, *args])


def form_data(demo, **overrides):
    data = {
        "title": "Wachttijd jeugdhulp gehalveerd",
        "story": "Door één regionaal loket wachten gezinnen nu vier weken in plaats van acht.",
        "date": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        "partners": [str(demo.utrecht.pk), str(demo.de_bilt.pk)],
        "people": [str(demo.de_bilt_beleidsmedewerker.pk)],
        "teams": "Team Jeugd Utrecht\nTeam Toegang De Bilt",
    }
    data.update(overrides)
    return data


# --- recording ----------------------------------------------------------------------------


def test_any_partner_contact_records_a_success_with_credits_and_audit(demo, client_for, told):
    response = client_for(demo.zeist_beleidsmedewerker).post(url("record", demo), form_data(demo))
    success = Success.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", demo, success.pk)
    assert success.recorded_by == demo.zeist_beleidsmedewerker
    assert set(success.partners.all()) == {demo.utrecht, demo.de_bilt}
    assert success.credits == ["Bram de Bilt", "Team Jeugd Utrecht", "Team Toegang De Bilt"]
    assert not success.is_public
    assert AuditEvent.objects.filter(action="success.recorded", object_id=str(success.pk)).exists()
    assert [call["recipients"] for call in told] == [[demo.de_bilt_beleidsmedewerker]]


def test_a_reader_cannot_record_a_success(demo, client_for):
    response = client_for(demo.raadslid).post(url("record", demo), form_data(demo))
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        record(demo, by=demo.raadslid)
    assert not Success.objects.exists()


def test_an_outsider_sees_nothing(demo, client_for):
    success = record(demo)
    client = client_for(demo.amersfoort_beleidsmedewerker)
    assert client.get(url("overview", demo)).status_code == 404
    assert client.get(url("detail", demo, success.pk)).status_code == 404


def test_a_double_submit_records_one_success(demo):
    first = record(demo)
    second = record(demo)
    assert first == second
    assert Success.objects.count() == 1


# --- bad input: a clear Dutch message, nothing changed ---------------------------------


def test_a_date_in_the_future_is_refused(demo, client_for):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client_for(demo.utrecht_beleidsmedewerker).post(url("record", demo), form_data(demo, date=tomorrow))
    assert response.status_code == 400
    assert "De datum ligt in de toekomst" in response.text
    assert not Success.objects.exists()
    with pytest.raises(ValidationError) as error:
        record(demo, date=timezone.localdate() + datetime.timedelta(days=1))
    assert "toekomst" in error.value.message_dict["date"][0]
    assert not Success.objects.exists()


def test_crediting_a_person_outside_the_collaboration_is_refused(demo, client_for):
    client = client_for(demo.utrecht_beleidsmedewerker)
    response = client.post(url("record", demo), form_data(demo, people=[str(demo.amersfoort_beleidsmedewerker.pk)]))
    assert response.status_code == 400
    assert "werkt niet in deze samenwerking" in response.text
    with pytest.raises(ValidationError) as error:
        record(demo, people=[demo.amersfoort_beleidsmedewerker])
    assert "Anna Amersfoort werkt niet in deze samenwerking" in error.value.message_dict["people"][0]
    assert not Success.objects.exists()


def test_marking_public_as_someone_who_is_not_bestuurlijk_is_refused(demo, client_for):
    client = client_for(demo.utrecht_beleidsmedewerker)
    response = client.post(url("record", demo), form_data(demo, is_public="on"))
    assert response.status_code == 400
    assert "Alleen een bestuurlijk contact van een betrokken partner" in response.text
    assert not Success.objects.exists()

    success = record(demo)
    response = client.post(url("publish", demo, success.pk), {"openbaar": "ja"}, follow=True)
    assert "Alleen een bestuurlijk contact van een betrokken partner" in response.text
    success.refresh_from_db()
    assert not success.is_public
    assert not AuditEvent.objects.filter(action="success.made_public").exists()


def test_a_wethouder_of_a_partner_not_involved_cannot_make_it_public(demo):
    success = record(demo, partners=[demo.utrecht])
    with pytest.raises(ValidationError):
        services.set_success_public(success=success, by=demo.zeist_wethouder, public=True)
    success.refresh_from_db()
    assert not success.is_public


def test_the_bestuurlijk_contact_makes_it_public_and_internal_again(demo, client_for):
    success = record(demo)
    client = client_for(demo.zeist_wethouder)
    client.post(url("publish", demo, success.pk), {"openbaar": "ja"})
    success.refresh_from_db()
    assert success.is_public
    assert success.made_public_by == demo.zeist_wethouder
    client.post(url("publish", demo, success.pk), {"openbaar": "nee"})
    success.refresh_from_db()
    assert not success.is_public
    actions = list(AuditEvent.objects.filter(object_id=str(success.pk)).values_list("action", flat=True))
    assert "success.made_public" in actions
    assert "success.made_internal" in actions


def test_a_bestuurlijk_contact_may_record_it_public_at_once(demo):
    success = record(demo, by=demo.utrecht_wethouder, is_public=True)
    assert success.is_public


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("groot.png", png_bytes() + b"\0" * MAX_ATTACHMENT_BYTES, "mag hoogstens 5,0\xa0MB zijn"),
        ("notulen.docx", b"PK\x03\x04" + b"\0" * 200, "geen afbeelding (JPEG, PNG, GIF, WebP) of PDF"),
        ("foto.png", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "niet naar de naam"),
        ("foto.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "geen afbeelding"),
    ],
    ids=["too-large", "not-image-or-pdf", "html-disguised-as-png", "svg"],
)
def test_a_bad_upload_is_refused_and_nothing_is_stored(demo, client_for, media, name, content, message):
    data = form_data(demo, attachment=upload(name, content, "image/png"))
    response = client_for(demo.utrecht_beleidsmedewerker).post(url("record", demo), data)
    assert response.status_code == 400
    assert message in response.text
    assert not Success.objects.exists()
    assert not media.exists() or not any(media.rglob("*.*"))


# --- attachments ---------------------------------------------------------------------------


def test_an_image_is_stored_under_a_random_name_and_only_downloaded(demo, client_for, media):
    success = record(demo, attachment=upload("../../etc/Foto van het team.png", png_bytes(), "text/html"))
    assert success.attachment_type == "image/png"
    stored = success.attachment.name
    assert stored.startswith("successen/")
    assert "Foto" not in stored
    assert stored.endswith(".png")
    assert (media / stored).exists()

    response = client_for(demo.zeist_beleidsmedewerker).get(url("attachment", demo, success.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Foto_van_het_team.png"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == png_bytes()


def test_a_pdf_named_like_a_web_page_is_stored_as_pdf(demo):
    success = record(demo, attachment=upload("verslag.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"))
    assert success.attachment_type == "application/pdf"
    assert success.attachment.name.endswith(".pdf")
    assert success.attachment_name == "verslag.pdf"


def test_the_attachment_of_an_internal_success_is_not_for_readers(demo, client_for):
    success = record(demo, attachment=upload("foto.png", png_bytes()))
    assert client_for(demo.raadslid).get(url("attachment", demo, success.pk)).status_code == 404
    services.set_success_public(success=success, by=demo.utrecht_wethouder, public=True)
    assert client_for(demo.raadslid).get(url("attachment", demo, success.pk)).status_code == 200


# --- editing --------------------------------------------------------------------------------


def test_editing_a_public_success_returns_it_to_internal_unless_the_editor_is_bestuurlijk(demo, client_for):
    success = record(demo, by=demo.utrecht_wethouder, is_public=True)
    data = form_data(demo, title="Nieuwe titel", partners=[str(demo.utrecht.pk)], version=success.version)
    response = client_for(demo.facilitator).post(url("edit", demo, success.pk), data)
    assert response.status_code == 302
    success.refresh_from_db()
    assert success.title == "Nieuwe titel"
    assert not success.is_public

    services.set_success_public(success=success, by=demo.utrecht_wethouder, public=True)
    success.refresh_from_db()
    data = form_data(demo, title="Nog een titel", partners=[str(demo.utrecht.pk)], version=success.version)
    client_for(demo.utrecht_wethouder).post(url("edit", demo, success.pk), data)
    success.refresh_from_db()
    assert success.title == "Nog een titel"
    assert success.is_public


def test_a_concurrent_edit_is_refused_and_the_text_kept_on_the_form(demo, client_for):
    success = record(demo)
    stale = success.version
    client = client_for(demo.utrecht_beleidsmedewerker)
    client.post(url("edit", demo, success.pk), form_data(demo, title="Eerste wijziging", version=stale))
    response = client.post(url("edit", demo, success.pk), form_data(demo, title="Tweede wijziging", version=stale))
    assert response.status_code == 400
    assert "Iemand anders heeft dit intussen opgeslagen" in response.text
    assert "Tweede wijziging" in response.text
    success.refresh_from_db()
    assert success.title == "Eerste wijziging"


def test_someone_of_an_uninvolved_partner_cannot_edit(demo, client_for):
    success = record(demo, partners=[demo.utrecht])
    response = client_for(demo.de_bilt_beleidsmedewerker).post(
        url("edit", demo, success.pk), form_data(demo, title="Gekaapt", version=success.version)
    )
    assert response.status_code == 404
    success.refresh_from_db()
    assert success.title != "Gekaapt"


def test_readers_see_only_public_successes(demo, client_for):
    internal = record(demo, title="Intern succes")
    public = record(demo, title="Openbaar succes", by=demo.utrecht_wethouder, is_public=True)
    client = client_for(demo.raadslid)
    page = client.get(url("overview", demo)).text
    assert "Openbaar succes" in page
    assert "Intern succes" not in page
    assert client.get(url("detail", demo, internal.pk)).status_code == 404
    assert client.get(url("detail", demo, public.pk)).status_code == 200
