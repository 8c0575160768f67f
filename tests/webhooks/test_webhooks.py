"""Events for other systems: a facilitator's webhook, delivered as a signed CloudEvent to a real receiver.

The receiver is a small HTTP server on 127.0.0.1 in a thread; the tests run the worker's delivery
function themselves (the worker would run the same function from its queue).
"""

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from samen.audit.models import AuditEvent
from samen.audit.services import record
from samen.collaborations import services as collaborations
from samen.collaborations.models import Role, RoleKind
from samen.notifications.models import Event
from samen.permissions import forget_roles
from samen.webhooks import services
from samen.webhooks.models import Delivery, DeliveryStatus, Subscription
from tests.personas import Demo

pytestmark = pytest.mark.django_db


class Receiver:
    """What the other system got, and what it answers (a list of status codes, the last one repeats)."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.answers = [204]
        self.url = ""

    def answer(self) -> int:
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    got = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            got.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(got.answer())
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    got.url = f"http://127.0.0.1:{server.server_port}/samen-gebeurtenissen"
    yield got
    server.shutdown()
    server.server_close()


def subscribe(demo: Demo, receiver: Receiver, types: list[str] | None = None) -> tuple[Subscription, str]:
    return services.create_subscription(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        name="Raadsinformatiesysteem",
        url=receiver.url,
        event_types=types or ["role.assigned", "goal.adopted"],
    )


def give_role(demo: Demo) -> None:
    collaborations.assign_role(
        collaboration=demo.collaboration,
        person=demo.zeist_beleidsmedewerker,
        kind=RoleKind.READER,
        partner=demo.zeist,
        by=demo.facilitator,
    )


def deliver_all() -> list[str]:
    return [services.deliver(str(pk)) for pk in Delivery.objects.values_list("pk", flat=True)]


def test_an_event_reaches_the_receiver_as_a_signed_cloudevent_with_a_reference_only(demo, receiver):
    _subscription, secret = subscribe(demo, receiver)

    give_role(demo)
    assert deliver_all() == ["delivered"]

    ((headers, body),) = receiver.requests
    assert headers["content-type"].startswith("application/cloudevents+json")
    stamp, mac = (part.split("=", 1)[1] for part in headers["samen-signature"].split(","))
    expected = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(mac, expected)
    event = json.loads(body)
    audit = AuditEvent.objects.get(action="role.assigned", collaboration=demo.collaboration)
    assert event["specversion"] == "1.0"
    assert event["id"] == str(audit.pk)
    assert event["type"] == "nl.samen.role.assigned"
    assert event["subject"] == audit.object_id
    assert event["time"] == audit.at.isoformat()
    assert event["dataref"].endswith(f"/api/v1/samenwerkingen/{demo.collaboration.pk}")
    assert demo.zeist_beleidsmedewerker.email not in body.decode()
    assert demo.zeist_beleidsmedewerker.full_name not in body.decode()
    assert Delivery.objects.get().status == DeliveryStatus.DELIVERED


def test_a_failed_delivery_is_retried_later_and_then_delivered(demo, receiver):
    receiver.answers = [503, 204]
    subscribe(demo, receiver)
    give_role(demo)

    assert deliver_all() == ["failed"]
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (DeliveryStatus.PENDING, 1, 503)
    assert delivery.next_attempt_at is not None
    assert DBTaskResult.objects.filter(args_kwargs__args=[str(delivery.pk)]).exists()

    assert deliver_all() == ["delivered"]
    assert len(receiver.requests) == 2
    assert Subscription.objects.get().failures_in_a_row == 0


def test_after_five_failures_in_a_row_the_subscription_pauses_and_its_owner_is_told(demo, receiver):
    receiver.answers = [500]
    subscription, _secret = subscribe(demo, receiver, types=["role.assigned", "role.removed"])
    for _n in range(services.PAUSE_AFTER):
        give_role(demo)
        role = Role.objects.get(person=demo.zeist_beleidsmedewerker, kind=RoleKind.READER)
        collaborations.remove_role(role=role, by=demo.facilitator)
        for pk in Delivery.objects.filter(status=DeliveryStatus.PENDING, attempts=0).values_list("pk", flat=True):
            services.deliver(str(pk))
        subscription.refresh_from_db()
        if subscription.is_paused:
            break

    assert subscription.is_paused
    assert AuditEvent.objects.filter(action="webhook.paused_after_failures").exists()
    assert Event.objects.filter(recipient=demo.facilitator, subject__startswith="Webhook gepauzeerd").exists()
    sent, queued = len(receiver.requests), Delivery.objects.count()
    give_role(demo)
    deliver_all()
    assert Delivery.objects.count() == queued
    assert len(receiver.requests) == sent


def test_drafts_and_check_in_answers_are_never_sent(demo, receiver):
    subscribe(demo, receiver, types=["role.assigned"])
    for private in ("goal.draft_saved", "checkin.answered", "interests.declaration_saved"):
        record(demo.utrecht_beleidsmedewerker, private, demo.collaboration)
    assert not Delivery.objects.exists()


def test_events_of_another_collaboration_are_not_sent(demo, receiver):
    subscribe(demo, receiver)
    Role.objects.create(person=demo.facilitator, collaboration=demo.other_collaboration, kind=RoleKind.FACILITATOR)
    forget_roles(demo.facilitator)
    collaborations.assign_role(
        collaboration=demo.other_collaboration,
        person=demo.zeist_beleidsmedewerker,
        kind=RoleKind.OFFICIAL,
        partner=demo.other_collaboration.partners.get(organisation=demo.zeist.organisation),
        by=demo.facilitator,
    )
    assert not Delivery.objects.exists()


def test_an_owner_who_is_no_longer_facilitator_gets_nothing(demo, receiver):
    subscribe(demo, receiver)
    give_role(demo)
    Role.objects.filter(person=demo.facilitator, kind=RoleKind.FACILITATOR).delete()

    assert deliver_all() == ["not visible"]
    assert receiver.requests == []


def test_the_facilitator_registers_a_webhook_on_its_page_and_sees_the_secret_once(demo, client_for, receiver):
    client = client_for(demo.facilitator)
    url = reverse("webhooks:subscriptions", args=[demo.collaboration.pk])
    response = client.post(url, {"name": "Dashboard", "url": receiver.url, "event_types": ["goal.adopted"]})
    assert response.status_code == 200
    subscription = Subscription.objects.get()
    assert response.context["secret"] == subscription.secret
    assert subscription.secret not in client.get(url).text
    assert AuditEvent.objects.filter(action="webhook.subscribed").exists()
    detail = client.get(reverse("webhooks:subscription", args=[demo.collaboration.pk, subscription.pk]))
    assert detail.status_code == 200
    assert "Nog geen bezorgingen." in detail.text


def test_bad_webhook_input_is_refused_in_dutch_and_creates_nothing(demo, client_for):
    client = client_for(demo.facilitator)
    url = reverse("webhooks:subscriptions", args=[demo.collaboration.pk])
    response = client.post(url, {"name": " ", "url": "ftp://elders", "event_types": ["alles"]})
    assert response.status_code == 400
    assert not Subscription.objects.exists()
    assert not AuditEvent.objects.filter(action="webhook.subscribed").exists()


def test_only_public_https_addresses_outside_development(demo, settings):
    settings.WEBHOOKS_ALLOW_LOCAL = False
    for url, message in (
        ("http://voorbeeld.nl/hook", "https://"),
        ("https://127.0.0.1/hook", "intern netwerk"),
        ("https://10.1.2.3/hook", "intern netwerk"),
    ):
        with pytest.raises(ValidationError) as refused:
            services.create_subscription(
                collaboration=demo.collaboration, by=demo.facilitator, name="x", url=url, event_types=["goal.adopted"]
            )
        assert message in str(refused.value)
    assert not Subscription.objects.exists()


@pytest.mark.parametrize(
    "persona", ["utrecht_beleidsmedewerker", "utrecht_wethouder", "raadslid", "amersfoort_beleidsmedewerker"]
)
def test_only_the_facilitator_manages_webhooks(demo, client_for, persona):
    client = client_for(getattr(demo, persona))
    url = reverse("webhooks:subscriptions", args=[demo.collaboration.pk])
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"name": "x", "url": "http://127.0.0.1:9/x", "event_types": ["goal.adopted"]}).status_code
        == 404
    )
    assert not Subscription.objects.exists()
