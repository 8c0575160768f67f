"""Signals between partners (typed, addressed, with a thread) and announced deviations."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.collaborations.models import Collaboration, Partner
from samen.core.models import Model, QuerySet, VersionedModel
from samen.experiences.choices import Addressee, SignalKind, SignalStatus
from samen.experiences.models.agreements import Article


class SignalQuerySet(QuerySet["Signal"]):
    def visible_to(self, partner_ids: set[Any], *, facilitator: bool) -> "SignalQuerySet":
        """Signals to everyone, and those from or to one of ``partner_ids``; a facilitator sees all."""
        if facilitator:
            return self
        return self.filter(
            Q(addressee=Addressee.EVERYONE)
            | Q(from_partner_id__in=partner_ids)
            | Q(addressee=Addressee.PARTNER, addressee_partner_id__in=partner_ids)
        )

    def overview(self) -> "SignalQuerySet":
        return (
            self.select_related("from_partner__organisation", "addressee_partner__organisation", "article", "raised_by")
            .annotate(reply_count=Count("replies"))
            .order_by("-created_at")
        )

    def awaiting_reply(self) -> "SignalQuerySet":
        """Open signals nobody but the person who raised them has answered yet."""
        others = SignalReply.objects.filter(signal=OuterRef("pk")).exclude(by=OuterRef("raised_by"))
        return self.filter(status=SignalStatus.OPEN).filter(~Exists(others))

    def raised_deviations(self) -> "SignalQuerySet":
        """A partner says another partner deviates from an agreement: kept apart from announcements."""
        return self.filter(kind=SignalKind.DELIVERY, addressee=Addressee.PARTNER)


class Signal(VersionedModel):
    """An experience shared early: "the costs turn out higher", "we pay too much", a compliment."""

    collaboration = models.ForeignKey(
        Collaboration, verbose_name=_("samenwerking"), on_delete=models.CASCADE, related_name="signals"
    )
    kind = models.CharField(_("soort signaal"), max_length=30, choices=SignalKind.choices)
    subject = models.CharField(_("onderwerp"), max_length=200)
    text = models.TextField(_("toelichting"))
    from_partner = models.ForeignKey(
        Partner,
        verbose_name=_("van partner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signals_sent",
        help_text=_("Leeg: de facilitator geeft het signaal."),
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gegeven door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("over artikel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
    )
    amount = models.DecimalField(
        _("bedrag (euro)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    addressee = models.CharField(_("aan"), max_length=20, choices=Addressee.choices)
    addressee_partner = models.ForeignKey(
        Partner,
        verbose_name=_("aan partner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signals_received",
    )
    status = models.CharField(_("status"), max_length=20, choices=SignalStatus.choices, default=SignalStatus.OPEN)
    outcome = models.TextField(_("uitkomst"), blank=True)
    created_at = models.DateTimeField(_("gegeven op"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status gewijzigd op"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)

    objects = SignalQuerySet.as_manager()

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["collaboration", "status", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(addressee="partner", addressee_partner__isnull=False)
                | (~Q(addressee="partner") & Q(addressee_partner__isnull=True)),
                name="signal_partner_matches_addressee",
            ),
            models.CheckConstraint(condition=~Q(status="afgerond") | ~Q(outcome=""), name="closed_signal_has_outcome"),
            models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gte=0), name="signal_amount_positive"),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def age_days(self) -> int:
        return (timezone.now() - self.created_at).days

    @property
    def addressee_label(self) -> str:
        if self.addressee == Addressee.PARTNER and self.addressee_partner_id:
            return str(self.addressee_partner)
        return str(self.get_addressee_display())

    @property
    def sender_label(self) -> str:
        return str(self.from_partner) if self.from_partner_id else str(_("de facilitator"))


class SignalReply(Model):
    signal = models.ForeignKey(Signal, verbose_name=_("signaal"), on_delete=models.CASCADE, related_name="replies")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("namens partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("reactie"))
    created_at = models.DateTimeField(_("geplaatst op"), default=timezone.now)

    class Meta:
        verbose_name = _("reactie op een signaal")
        verbose_name_plural = _("reacties op signalen")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.signal} – {self.by}"


class DeviationQuerySet(QuerySet["Deviation"]):
    def overview(self) -> "DeviationQuerySet":
        return (
            self.select_related("partner__organisation", "article__agreement", "announced_by")
            .prefetch_related("acknowledgements__partner__organisation")
            .order_by("-starts_on", "-created_at")
        )


class Deviation(VersionedModel):
    """A partner announces that it will deviate from an article: why, and from when."""

    collaboration = models.ForeignKey(
        Collaboration, verbose_name=_("samenwerking"), on_delete=models.CASCADE, related_name="deviations"
    )
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner die afwijkt"), on_delete=models.CASCADE, related_name="deviations"
    )
    article = models.ForeignKey(Article, verbose_name=_("artikel"), on_delete=models.PROTECT, related_name="deviations")
    reason = models.TextField(_("waarom wij afwijken"))
    starts_on = models.DateField(_("vanaf"))
    ends_on = models.DateField(_("tot en met"), null=True, blank=True, help_text=_("Leeg: tot nader bericht."))
    announced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangekondigd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangekondigd op"), default=timezone.now)

    objects = DeviationQuerySet.as_manager()

    class Meta:
        verbose_name = _("aangekondigde afwijking")
        verbose_name_plural = _("aangekondigde afwijkingen")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="deviation_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner} – {self.article}"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)

    def acknowledged_partner_ids(self) -> set[Any]:
        return {ack.partner_id for ack in self.acknowledgements.all()}


class DeviationAcknowledgement(Model):
    """Another partner has taken note of an announced deviation (once per partner)."""

    deviation = models.ForeignKey(
        Deviation, verbose_name=_("afwijking"), on_delete=models.CASCADE, related_name="acknowledgements"
    )
    partner = models.ForeignKey(Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="+")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(_("opmerking"), blank=True)
    created_at = models.DateTimeField(_("kennisgenomen op"), default=timezone.now)

    class Meta:
        verbose_name = _("kennisname van een afwijking")
        verbose_name_plural = _("kennisnames van afwijkingen")
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["deviation", "partner"], name="acknowledge_deviation_once")]

    def __str__(self) -> str:
        return f"{self.partner} – {self.deviation}"
