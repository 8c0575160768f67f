"""Webhook subscriptions (register, pause, resume, remove) and the delivery of events to them.

Each change to a subscription is audited. Deliveries are made by the worker (``tasks.deliver``):
signed with HMAC-SHA256 over ``"<timestamp>.<body>"`` in the ``Samen-Signature`` header, retried
with growing delays, and after ``PAUSE_AFTER`` failures in a row the subscription is paused and
its owner told. An event is delivered only while the owner may still see it in Samen.
"""

import datetime
import hashlib
import hmac
import ipaddress
import secrets
import socket
import time
import urllib.parse
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import requests
import structlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samen import permissions
from samen.audit.services import record
from samen.core.services import require
from samen.webhooks.events import EVENT_TYPES, body_of, event_type
from samen.webhooks.models import Delivery, DeliveryStatus, Subscription

if TYPE_CHECKING:
    from samen.accounts.models import Person

log = structlog.get_logger("samen.webhooks")

PAUSE_AFTER = 5  # failed deliveries in a row
RETRY_DELAYS = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
)
TIMEOUT_SECONDS = 5
SIGNATURE_HEADER = "Samen-Signature"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """``t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>">``: the receiver recomputes and compares."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def _check_url(url: str) -> None:
    """HTTPS to a public address; plain HTTP and local addresses only where settings allow (tests, dev)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValidationError({"url": _("Geef een volledig adres, dat begint met https://.")})
    if settings.WEBHOOKS_ALLOW_LOCAL:
        return
    if parts.scheme != "https":
        raise ValidationError({"url": _("Gebruik een adres dat begint met https://.")})
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 443)}
    except OSError as error:
        raise ValidationError({"url": _("Dit adres is niet te vinden.")}) from error
    for address in addresses:
        ip = ipaddress.ip_address(address)
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast:
            raise ValidationError({"url": _("Dit adres ligt in een intern netwerk; gebruik een openbaar adres.")})


def _clean_types(event_types: Iterable[str]) -> list[str]:
    chosen = sorted(set(event_types))
    if not chosen:
        raise ValidationError({"event_types": _("Kies ten minste één soort gebeurtenis.")})
    unknown = [t for t in chosen if t not in EVENT_TYPES]
    if unknown:
        raise ValidationError(
            {"event_types": _("Onbekende soort gebeurtenis: %(types)s.") % {"types": ", ".join(unknown)}}
        )
    return chosen


def create_subscription(
    *, collaboration: Any, by: "Person", name: str, url: str, event_types: Iterable[str]
) -> tuple[Subscription, str]:
    """A new subscription. Returns it with its secret, which the owner copies into the receiving system."""
    require(permissions.can_manage_webhooks(by, collaboration), str(permissions.WEBHOOKS_REFUSAL))
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Geef het abonnement een omschrijving.")})
    url = url.strip()
    _check_url(url)
    chosen = _clean_types(event_types)
    secret = "whsec_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        subscription = Subscription.objects.create(
            collaboration=collaboration, owner=by, name=name, url=url, event_types=chosen, secret=secret
        )
        record(by, "webhook.subscribed", subscription, after={"name": name, "url": url, "event_types": chosen})
    return subscription, secret


def pause_subscription(*, subscription: Subscription, by: "Person") -> Subscription:
    require(permissions.can_manage_webhooks(by, subscription.collaboration), str(permissions.WEBHOOKS_REFUSAL))
    if subscription.is_paused:
        return subscription
    with transaction.atomic():
        Subscription.objects.filter(pk=subscription.pk).update(
            paused_at=timezone.now(), pause_reason=_("Gepauzeerd door %(name)s") % {"name": by}
        )
        record(by, "webhook.paused", subscription)
    subscription.refresh_from_db()
    return subscription


def resume_subscription(*, subscription: Subscription, by: "Person") -> Subscription:
    require(permissions.can_manage_webhooks(by, subscription.collaboration), str(permissions.WEBHOOKS_REFUSAL))
    if not subscription.is_paused:
        return subscription
    with transaction.atomic():
        Subscription.objects.filter(pk=subscription.pk).update(paused_at=None, pause_reason="", failures_in_a_row=0)
        record(by, "webhook.resumed", subscription)
    subscription.refresh_from_db()
    return subscription


def remove_subscription(*, subscription: Subscription, by: "Person") -> None:
    require(permissions.can_manage_webhooks(by, subscription.collaboration), str(permissions.WEBHOOKS_REFUSAL))
    with transaction.atomic():
        record(by, "webhook.removed", subscription, before={"name": subscription.name, "url": subscription.url})
        subscription.delete()


def queue_for_event(event: Any) -> list[Delivery]:
    """Called for every new audit event: one delivery per subscription that listens to its type."""
    if event.action not in EVENT_TYPES or event.collaboration_id is None:
        return []
    subscriptions = [s for s in Subscription.objects.listening(event.collaboration_id) if event.action in s.event_types]
    if not subscriptions:
        return []
    now = timezone.now()
    deliveries = Delivery.objects.bulk_create(
        [
            Delivery(subscription=s, event=event, event_type=event_type(event.action), next_attempt_at=now)
            for s in subscriptions
        ],
        ignore_conflicts=True,
    )
    ids = [str(d.pk) for d in deliveries]
    transaction.on_commit(lambda: _enqueue(ids))
    return deliveries


def _enqueue(delivery_ids: list[str], run_after: datetime.datetime | None = None) -> None:
    from samen.webhooks.tasks import deliver

    task = deliver.using(run_after=run_after) if run_after else deliver
    for delivery_id in delivery_ids:
        task.enqueue(delivery_id)


def _may_still_see(delivery: Delivery) -> bool:
    """The owner's rights now, not when they subscribed: a facilitator who left hears nothing more."""
    subscription = delivery.subscription
    permissions.forget_roles(subscription.owner)
    return bool(subscription.owner.is_active) and permissions.can_manage_webhooks(
        subscription.owner, subscription.collaboration
    )


def deliver(delivery_id: str) -> str:
    """One attempt to deliver; on failure the next attempt is queued, or the subscription paused."""
    delivery = (
        Delivery.objects.select_related("subscription__owner", "subscription__collaboration", "event")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None or delivery.status != DeliveryStatus.PENDING:
        return "skipped"
    subscription = delivery.subscription
    if subscription.is_paused:
        return "paused"
    if not _may_still_see(delivery):
        Delivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.FAILED, error=_("De eigenaar mag deze gebeurtenis niet meer zien.")
        )
        return "not visible"
    body = body_of(delivery.event)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/cloudevents+json; charset=utf-8",
        SIGNATURE_HEADER: sign(subscription.secret, timestamp, body),
        "User-Agent": "Samen-webhooks/1",
    }
    status: int | None = None
    error = ""
    try:
        response = requests.post(
            subscription.url, data=body, headers=headers, timeout=TIMEOUT_SECONDS, allow_redirects=False
        )
        status = response.status_code
        if not 200 <= status < 300:
            error = _("Het systeem antwoordde met code %(status)s.") % {"status": status}
    except requests.RequestException as exc:
        error = (_("Niet bereikbaar: %(error)s") % {"error": type(exc).__name__})[:300]
    attempts = delivery.attempts + 1
    now = timezone.now()
    if not error:
        Delivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.DELIVERED,
            attempts=attempts,
            response_status=status,
            error="",
            delivered_at=now,
            next_attempt_at=None,
        )
        Subscription.objects.filter(pk=subscription.pk).update(failures_in_a_row=0)
        log.info("webhooks.delivered", delivery=str(delivery.pk), status=status)
        return "delivered"
    failures = subscription.failures_in_a_row + 1
    Subscription.objects.filter(pk=subscription.pk).update(failures_in_a_row=failures)
    retry = attempts <= len(RETRY_DELAYS) and failures < PAUSE_AFTER
    next_at = now + RETRY_DELAYS[attempts - 1] if retry else None
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.PENDING if retry else DeliveryStatus.FAILED,
        attempts=attempts,
        response_status=status,
        error=error,
        next_attempt_at=next_at,
    )
    log.warning("webhooks.failed", delivery=str(delivery.pk), status=status, attempts=attempts)
    if failures >= PAUSE_AFTER:
        _pause_for_failures(subscription)
    elif next_at is not None:
        _enqueue([str(delivery.pk)], run_after=next_at)
    return "failed"


def _pause_for_failures(subscription: Subscription) -> None:
    from samen.notifications.services import notify

    reason = _("Gepauzeerd na %(count)s mislukte bezorgingen op rij.") % {"count": PAUSE_AFTER}
    with transaction.atomic():
        changed = Subscription.objects.filter(pk=subscription.pk, paused_at__isnull=True).update(
            paused_at=timezone.now(), pause_reason=reason
        )
        if not changed:
            return
        record(None, "webhook.paused_after_failures", subscription, after={"failures": PAUSE_AFTER})
        notify(
            kind="other",
            recipients=[subscription.owner],
            subject=gettext_lazy("Webhook gepauzeerd: het ontvangende systeem antwoordt niet"),
            body=gettext_lazy(
                "Samen kon gebeurtenissen niet bezorgen bij het adres van uw webhook-abonnement en heeft het "
                "gepauzeerd. Controleer het ontvangende systeem en zet het abonnement daarna weer aan."
            ),
            url=reverse("webhooks:subscription", args=[subscription.collaboration_id, subscription.pk]),
            collaboration=subscription.collaboration,
        )
