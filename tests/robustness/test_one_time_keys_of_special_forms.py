"""One-time keys on the forms that do not simply redirect to what they made.

The API-token page shows its secret in the answer itself; a check-in answer is anonymous; an agreement is
saved from a preview; a form with a large attachment has a body bigger than the upload limit for fields.
Each, sent twice, makes one thing, and the key never stores more than it should.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import reverse

from samen.accounts.models import Person
from samen.api import services as api_services
from samen.api.models import ApiToken, TokenScope
from samen.collaborations.models import Collaboration
from samen.core import idempotency
from samen.core.models import SubmissionKey
from samen.experiences.models import Agreement, CheckInParticipation, CheckInResponse
from samen.reports import transfer
from samen.successes.models import Success
from samen.webhooks.models import Subscription
from tests.api.conftest import API, ApiClient
from tests.experiences.conftest import SMALL_AGREEMENT, open_checkin
from tests.robustness.pages import PageForm, errors_on, forms_on

pytestmark = pytest.mark.django_db


def form_with(html: str, field: str) -> PageForm:
    found = [form for form in forms_on(html) if field in form.field_names()]
    assert found, f"no form with {field}"
    return found[0]


# --- API tokens --------------------------------------------------------------------------------------------


def test_the_token_form_sent_twice_makes_one_token_and_never_shows_its_secret_again(demo, client_for):
    client = client_for(demo.utrecht_beleidsmedewerker)
    url = reverse("api:tokens")
    form = form_with(client.get(url).text, "name")
    assert form.one_time_key, "the token form carries a one-time key"
    data = form.filled(name="Dashboard griffie", scope=TokenScope.READ, lifetime="90")

    first = client.post(url, data)
    assert first.status_code == 200, errors_on(first.text)
    secret = first.context["new_token"]
    assert secret in first.text
    again = client.post(url, data)

    token = ApiToken.objects.get(person=demo.utrecht_beleidsmedewerker)
    assert again.status_code == 302
    assert again["Location"] == f"{url}?aangemaakt={token.pk}"
    page = client.get(again["Location"])
    assert "Het token ‘Dashboard griffie’" in page.text
    assert "is al aangemaakt; er is geen tweede gemaakt." in page.text
    assert "Dit formulier was al verstuurd" in page.text
    assert secret not in page.text
    assert token.prefix in page.text


def test_the_already_made_notice_names_only_ones_own_token(demo, client_for):
    client_for(demo.zeist_wethouder).post(
        reverse("api:tokens"), {"name": "Koppeling Zeist", "scope": "lezen", "lifetime": "90"}
    )
    theirs = ApiToken.objects.get(person=demo.zeist_wethouder)
    page = client_for(demo.utrecht_beleidsmedewerker).get(f"{reverse('api:tokens')}?aangemaakt={theirs.pk}")
    assert page.status_code == 200
    assert "Koppeling Zeist" not in page.text
    assert client_for(demo.utrecht_beleidsmedewerker).get(f"{reverse('api:tokens')}?aangemaakt=x").status_code == 200


def test_a_refused_token_form_keeps_its_key_for_the_corrected_submit(demo, client_for):
    client = client_for(demo.utrecht_beleidsmedewerker)
    url = reverse("api:tokens")
    data = form_with(client.get(url).text, "name").filled(name="Dashboard", scope=TokenScope.READ)
    assert client.post(url, {**data, "name": " "}).status_code == 400
    assert client.post(url, data).status_code == 200
    assert ApiToken.objects.filter(person=demo.utrecht_beleidsmedewerker).count() == 1


# --- check-in answers --------------------------------------------------------------------------------------


def answer_on_the_page(client, checkin, **overrides):
    url = reverse("experiences:checkin", args=[checkin.collaboration_id, checkin.pk])
    form = form_with(client.get(url).text, "progress")
    assert form.one_time_key, "the answer form carries a one-time key"
    return url, form.filled(**overrides)


def key_rows_without_who(rows):
    return [
        {k: v for k, v in model_to_dict(row).items() if k not in ("id", "person", "key", "expires_at")} for row in rows
    ]


def test_a_check_in_answer_sent_twice_is_stored_once(demo, client_for):
    checkin = open_checkin(demo)
    client = client_for(demo.zeist_beleidsmedewerker)
    url, data = answer_on_the_page(client, checkin, progress="4", trust="2")
    first = client.post(url, data)
    again = client.post(url, data)
    assert first.status_code == 302, errors_on(first.text)
    assert (again.status_code, again["Location"]) == (302, first["Location"])
    assert CheckInResponse.objects.filter(checkin=checkin).count() == 1
    assert CheckInParticipation.objects.filter(checkin=checkin).count() == 1


def test_the_key_of_a_check_in_answer_does_not_link_the_person_to_the_answer(demo, client_for):
    """Two people answer differently; their key rows differ only in who and which key, and hold nothing of
    the answer (a hash of the body would do: six scores of 1 to 5 are quickly tried)."""
    checkin = open_checkin(demo)
    answers = {
        demo.zeist_beleidsmedewerker: {"progress": "1", "trust": "1", "sticking": "Zeist voelt zich niet gehoord."},
        demo.utrecht_beleidsmedewerker: {"progress": "5", "trust": "5", "going_well": "Alles loopt."},
    }
    for person, answer in answers.items():
        client = client_for(person)
        url, data = answer_on_the_page(client, checkin, **answer)
        assert client.post(url, data).status_code == 302
    rows = list(SubmissionKey.objects.filter(person__in=answers))
    assert len(rows) == 2
    first, second = key_rows_without_who(rows)
    assert first == second
    assert first["fingerprint"] == idempotency.fingerprint(url)
    stored = json.dumps(first)
    assert "gehoord" not in stored
    assert "loopt" not in stored


def api_for(person):
    _token, raw = api_services.create_token(by=person, name="test", scope=TokenScope.READ_WRITE)
    return ApiClient(raw)


def test_the_api_key_of_a_check_in_answer_holds_nothing_of_the_answer(demo):
    checkin = open_checkin(demo)
    path = f"/check-ins/{checkin.pk}/antwoorden"
    scores = {"voortgang": 4, "vertrouwen": 3, "openheid": 4, "eerlijkeVerdeling": 2, "gehoordWorden": 3}
    bodies = {
        demo.zeist_beleidsmedewerker: {
            "deelnemer": str(demo.zeist.pk),
            "scores": {**scores, "gedeeldEigenaarschap": 1},
        },
        demo.utrecht_beleidsmedewerker: {
            "deelnemer": str(demo.utrecht.pk),
            "scores": {**scores, "gedeeldEigenaarschap": 5},
            "watSchuurt": "De verdeelsleutel.",
        },
    }
    for person, body in bodies.items():
        api = api_for(person)
        headers = {**api.headers, "Idempotency-Key": f"antwoord-{person.pk}"}
        sent = json.dumps(body)
        first = api.client.post(API + path, sent, content_type="application/json", headers=headers)
        again = api.client.post(API + path, sent, content_type="application/json", headers=headers)
        assert (first.status_code, again.status_code, again["Idempotent-Replayed"]) == (204, 204, "true")
        assert idempotency.fingerprint(API + path, sent.encode()) not in SubmissionKey.objects.values_list(
            "fingerprint", flat=True
        )
    assert CheckInResponse.objects.filter(checkin=checkin).count() == 2
    first, second = key_rows_without_who(SubmissionKey.objects.filter(person__in=bodies))
    assert first == second
    assert "verdeelsleutel" not in json.dumps(first)


# --- the agreement import -----------------------------------------------------------------------------------


def test_confirming_an_agreement_import_twice_saves_one_agreement(demo, client_for):
    client = client_for(demo.zeist_beleidsmedewerker)
    url = reverse("experiences:agreement_import", args=[demo.collaboration.pk])
    preview = client.post(url, {"stap": "voorbeeld", "kind": "convenant", "format": "auto", "text": SMALL_AGREEMENT})
    assert preview.status_code == 200, errors_on(preview.text)
    form = form_with(preview.text, "token")
    assert form.one_time_key, "the preview's confirm form carries a one-time key"
    data = {k: v for k, v in form.filled(stap="opslaan").items() if k != "correctie" and not k.startswith("regel-")}

    first = client.post(url, data)
    again = client.post(url, data)

    assert first.status_code == 302, errors_on(first.text)
    assert (again.status_code, again["Location"]) == (302, first["Location"])
    agreement = Agreement.objects.get(collaboration=demo.collaboration)
    assert first["Location"] == reverse("experiences:agreement", args=[demo.collaboration.pk, agreement.pk])
    assert agreement.articles.count() == 3


def test_a_correction_in_the_preview_does_not_use_up_the_key(demo, client_for):
    client = client_for(demo.zeist_beleidsmedewerker)
    url = reverse("experiences:agreement_import", args=[demo.collaboration.pk])
    preview = client.post(url, {"stap": "voorbeeld", "kind": "convenant", "format": "auto", "text": SMALL_AGREEMENT})
    form = form_with(preview.text, "token")
    data = {k: v for k, v in form.filled().items() if k not in ("correctie", "stap") and not k.startswith("regel-")}
    corrected = client.post(url, {**data, "correctie": "samenvoegen:1"})
    assert corrected.status_code == 200, errors_on(corrected.text)
    assert not Agreement.objects.exists()
    token = form_with(corrected.text, "token").filled()["token"]
    saved = client.post(url, {**data, "token": token, "stap": "opslaan"})  # the old key, the corrected preview
    assert saved.status_code == 302, errors_on(saved.text)
    assert Agreement.objects.get().articles.count() == 2


# --- large bodies ---------------------------------------------------------------------------------------------


def test_a_form_with_an_attachment_larger_than_the_field_limit_keeps_its_key(demo, client_for, settings):
    """Files do not count towards DATA_UPLOAD_MAX_MEMORY_SIZE: the body is larger, the key still counts."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 4_000
    client = client_for(demo.utrecht_beleidsmedewerker)
    url = reverse("successes:record", args=[demo.collaboration.pk])
    form = form_with(client.get(url).text, "attachment")
    data = form.filled(title="Vergunningen sneller", is_public=None, date="2026-01-15")
    pdf = b"%PDF-1.4\n" + b"%" * 20_000 + b"\n%%EOF\n"
    first = client.post(url, {**data, "attachment": SimpleUploadedFile("verslag.pdf", pdf, "application/pdf")})
    again = client.post(url, {**data, "attachment": SimpleUploadedFile("verslag.pdf", pdf, "application/pdf")})
    assert first.status_code == 302, errors_on(first.text)
    assert (again.status_code, again["Location"]) == (302, first["Location"])
    assert Success.objects.filter(title="Vergunningen sneller").count() == 1
    key = SubmissionKey.objects.get(person=demo.utrecht_beleidsmedewerker)  # the key answered, not another rule
    assert (key.key, key.location) == (form.one_time_key, first["Location"])


def test_form_fields_too_large_to_read_get_a_dutch_message_and_change_nothing(demo, client_for, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 4_000
    client = client_for(demo.utrecht_beleidsmedewerker)
    url = reverse("successes:record", args=[demo.collaboration.pk])
    data = form_with(client.get(url).text, "attachment").filled(title="x", story="x" * 10_000, is_public=None)
    response = client.post(url, data)
    assert response.status_code == 400
    assert "De tekst is te groot om te versturen." in response.text
    assert not Success.objects.exists()
    assert not SubmissionKey.objects.exists()


# --- webhook subscriptions (a secret shown once, like an API token) ------------------------------------------


def test_the_webhook_form_sent_twice_makes_one_subscription_and_never_shows_its_secret_again(demo, client_for):
    client = client_for(demo.facilitator)
    url = reverse("webhooks:subscriptions", args=[demo.collaboration.pk])
    form = form_with(client.get(url).text, "url")
    assert form.one_time_key, "the webhook form carries a one-time key"
    data = {
        **form.filled(),
        "name": "Dashboard",
        "url": "http://127.0.0.1:9/hook",
        "event_types": ["goal.adopted"],
    }
    first = client.post(url, data)
    assert first.status_code == 200, errors_on(first.text)
    again = client.post(url, data)
    subscription = Subscription.objects.get()
    assert again.status_code == 302
    assert again["Location"] == reverse("webhooks:subscription", args=[demo.collaboration.pk, subscription.pk])
    page = client.get(again["Location"])
    assert "Dit formulier was al verstuurd" in page.text
    assert subscription.secret not in page.text


# --- the import of a whole collaboration (a file only) --------------------------------------------------------


def test_importing_the_same_export_twice_reads_it_in_once(demo, client_for, settings):
    beheerder = Person.objects.create_user("beheer@samen.example", "x" * 12, full_name="Bea Beheer", is_staff=True)
    raw = transfer.export_collaboration(collaboration=demo.collaboration, by=beheerder)
    for part in reversed(transfer.parts()):
        part.model._base_manager.all().delete()
    Person.objects.exclude(pk=beheerder.pk).delete()
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000  # the file is larger: the key still counts
    client = client_for(beheerder)
    url = reverse("reports:import")
    form = form_with(client.get(url).text, "file")
    data = form.filled()
    first = client.post(url, {**data, "file": SimpleUploadedFile("export.json", raw, "application/json")})
    again = client.post(url, {**data, "file": SimpleUploadedFile("export.json", raw, "application/json")})
    assert first.status_code == 302, errors_on(first.text)
    assert (again.status_code, again["Location"]) == (302, first["Location"])
    assert Collaboration.objects.count() == 1
    assert len(raw) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def test_a_repeat_while_the_first_submit_is_still_running_waits_then_says_so_in_dutch(demo, client_for, monkeypatch):
    monkeypatch.setattr(idempotency, "WAIT_STEPS", 1)
    client = client_for(demo.utrecht_beleidsmedewerker)
    url = reverse("api:tokens")
    data = form_with(client.get(url).text, "name").filled(name="Dashboard", scope=TokenScope.READ)
    idempotency.claim(demo.utrecht_beleidsmedewerker, idempotency.WEB, data["_eenmalig"], idempotency.fingerprint(url))
    response = client.post(url, data)
    assert response.status_code == 409
    assert "Dit formulier is al verstuurd en wordt nog verwerkt." in response.text
    assert "Uw formulier is niet verwerkt" in response.text
    assert not ApiToken.objects.exists()
