"""Webhook subscriptions of a collaboration and the log of every delivery attempt."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.core.models import Model, QuerySet


class SubscriptionQuerySet(QuerySet["Subscription"]):
    def listening(self, collaboration_id: object) -> "SubscriptionQuerySet":
        """The subscriptions of a collaboration that are not paused."""
        return self.filter(collaboration_id=collaboration_id, paused_at__isnull=True).select_related("owner")

    def of_collaboration(self, collaboration: object) -> "SubscriptionQuerySet":
        return self.filter(collaboration=collaboration).select_related("owner").order_by("-created_at")


class Subscription(Model):
    """An address of another system that hears about the chosen events of one collaboration."""

    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        verbose_name=_("samenwerking"),
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
        help_text=_("Gebeurtenissen worden alleen bezorgd zolang deze persoon ze in Samen mag zien."),
    )
    name = models.CharField(_("omschrijving"), max_length=100)
    url = models.URLField(_("adres"), max_length=500)
    event_types = models.JSONField(_("soorten gebeurtenissen"), default=list)
    secret = models.CharField(_("geheim"), max_length=100, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    paused_at = models.DateTimeField(_("gepauzeerd op"), null=True, blank=True)
    pause_reason = models.CharField(_("reden van de pauze"), max_length=300, blank=True)
    failures_in_a_row = models.PositiveIntegerField(_("mislukte bezorgingen op rij"), default=0)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook-abonnement")
        verbose_name_plural = _("webhook-abonnementen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("wacht op bezorging")
    DELIVERED = "delivered", _("bezorgd")
    FAILED = "failed", _("mislukt")


class Delivery(Model):
    """One event for one subscription, with the outcome of its last attempt."""

    subscription = models.ForeignKey(
        Subscription, verbose_name=_("abonnement"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(
        "audit.AuditEvent", verbose_name=_("gebeurtenis"), on_delete=models.CASCADE, related_name="+"
    )
    event_type = models.CharField(_("soort"), max_length=120)
    status = models.CharField(
        _("status"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    response_status = models.PositiveIntegerField(_("antwoordcode"), null=True, blank=True)
    error = models.CharField(_("fout"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("bezorgd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("bezorging")
        verbose_name_plural = _("bezorgingen")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["subscription", "event"], name="one_delivery_per_event")]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.subscription}"
