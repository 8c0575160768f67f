"""Every new audit event may be something a subscribed system wants to hear about."""

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from samen.audit.models import AuditEvent
from samen.webhooks.services import queue_for_event


@receiver(post_save, sender=AuditEvent, dispatch_uid="webhooks.queue_for_event")
def _queue(sender: Any, instance: AuditEvent, created: bool, **kwargs: Any) -> None:
    if created:
        queue_for_event(instance)
