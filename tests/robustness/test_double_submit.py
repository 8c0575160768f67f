"""Sending a create form twice (a double click, a refresh, the back button) creates one thing."""

import pytest
from django.test import Client

from samen.audit.models import AuditEvent
from samen.core.idempotency import FIELD
from tests.robustness.cases import CREATES, Case
from tests.robustness.pages import PageForm, errors_on, forms_on

pytestmark = pytest.mark.django_db


def form_for(client: Client, world, case: Case) -> tuple[str, PageForm]:
    url = case.page(world)
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    wanted = case.field.replace("{deviation}", str(world.deviation.pk))
    found = [form for form in forms_on(page.text) if wanted in form.field_names()]
    assert found, f"no form with {wanted} on {url}"
    return url, found[0]


@pytest.mark.parametrize("case", CREATES, ids=[case.id for case in CREATES])
def test_a_create_form_sent_twice_creates_once_and_shows_the_first_result(world, client_for, case):
    client = client_for(getattr(world.demo, case.persona))
    url, form = form_for(client, world, case)
    assert form.one_time_key, "the form carries a one-time key"
    data = form.filled(**case.overrides(world))
    target = form.action or url
    before = AuditEvent.objects.count()
    first = client.post(target, data)
    assert first.status_code in (200, 302), (first.status_code, errors_on(first.text), data)
    created = AuditEvent.objects.count()
    assert created > before
    second = client.post(target, data)
    assert second.status_code == 302
    if first.status_code == 302:
        assert second["Location"] == first["Location"]
    else:  # the result was on the page itself (a secret shown once): the repeat goes where it can be seen again
        assert client.get(second["Location"]).status_code == 200
    assert AuditEvent.objects.count() == created


def test_a_new_key_is_a_new_submission(world, client_for):
    client = client_for(world.demo.utrecht_beleidsmedewerker)
    case = next(case for case in CREATES if case.id == "goal")
    url, form = form_for(client, world, case)
    data = form.filled()
    first = client.post(url, data)
    second = client.post(url, {**data, FIELD: "een-andere-sleutel-123"})
    assert first["Location"] != second["Location"]


def test_a_failed_submit_can_be_corrected_and_sent_with_the_same_key(world, client_for):
    client = client_for(world.demo.utrecht_beleidsmedewerker)
    case = next(case for case in CREATES if case.id == "goal")
    url, form = form_for(client, world, case)
    data = form.filled()
    assert client.post(url, {**data, "title": ""}).status_code == 400
    assert client.post(url, data).status_code == 302


def test_someone_else_cannot_replay_a_key(world, client_for):
    case = next(case for case in CREATES if case.id == "goal")
    first_client = client_for(world.demo.utrecht_beleidsmedewerker)
    url, form = form_for(first_client, world, case)
    data = form.filled()
    first = first_client.post(url, data)
    second = client_for(world.demo.zeist_beleidsmedewerker).post(url, data)
    assert second.status_code == 302
    assert second["Location"] != first["Location"]
