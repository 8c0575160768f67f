"""The council digest (raadsbrief) and the planning-and-control moments it is written for.

A digest covers one collaboration and one period. It is composed from what the areas recorded
(the facts are frozen in ``content`` and ``health`` when composed, so what the bestuurlijk
contacts approve is exactly what readers get), written up by the contacts, approved per partner
by its bestuurlijk contact, and then published to readers. Digest moments follow the P&C cycle
of the partners (kadernota, ontwerpbegroting, jaarrekening) and drive the reminders.
"""

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.collaborations.models import Partner, Role, RoleKind
from samen.core.models import Model, QuerySet, VersionedModel


class MomentKind(models.TextChoices):
    FRAMEWORK = "kadernota", _("kadernota")
    DRAFT_BUDGET = "ontwerpbegroting", _("ontwerpbegroting")
    ANNUAL_ACCOUNTS = "jaarrekening", _("jaarrekening")
    OTHER = "overig", _("ander moment")


class DigestMomentQuerySet(QuerySet["DigestMoment"]):
    def for_collaboration(self, collaboration: Any) -> "DigestMomentQuerySet":
        return self.filter(collaboration=collaboration).order_by("due_on", "kind")

    def needing_reminders(self, today: datetime.date, horizon: datetime.timedelta) -> "DigestMomentQuerySet":
        """Moments due within ``horizon`` (or past due) that have no published digest yet."""
        published = CouncilDigest.objects.filter(moment=OuterRef("pk"), status=DigestStatus.PUBLISHED)
        return (
            self.filter(due_on__lte=today + horizon, collaboration__workspace_active=True)
            .exclude(Exists(published))
            .select_related("collaboration")
        )


class DigestMoment(Model):
    """A moment in the P&C cycle at which councils should get a digest."""

    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        verbose_name=_("samenwerking"),
        on_delete=models.CASCADE,
        related_name="digest_moments",
    )
    kind = models.CharField(_("moment"), max_length=20, choices=MomentKind.choices)
    year = models.PositiveSmallIntegerField(_("jaar"), help_text=_("Het jaar van de P&C-cyclus."))
    title = models.CharField(_("omschrijving"), max_length=200, blank=True)
    due_on = models.DateField(
        _("raadsbrief uiterlijk op"), help_text=_("Wanneer de raden de raadsbrief moeten hebben.")
    )
    period_start = models.DateField(_("periode van"))
    period_end = models.DateField(_("periode tot en met"))
    reminders_sent = models.JSONField(
        _("verstuurde herinneringen"),
        default=list,
        blank=True,
        help_text=_("De herinneringsmomenten (dagen vóór de datum) die al zijn verstuurd."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gepland door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("gepland op"), default=timezone.now)

    objects = DigestMomentQuerySet.as_manager()

    class Meta:
        verbose_name = _("raadsbriefmoment")
        verbose_name_plural = _("raadsbriefmomenten")
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "kind", "year"], condition=~Q(kind="overig"), name="digest_moment_once_a_year"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="digest_moment_period_in_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} {self.year}"


class DigestStatus(models.TextChoices):
    DRAFT = "concept", _("concept")
    AWAITING = "ter_goedkeuring", _("ter goedkeuring bij de bestuurlijk contacten")
    PUBLISHED = "gepubliceerd", _("gepubliceerd")


class CouncilDigestQuerySet(QuerySet["CouncilDigest"]):
    def for_collaboration(self, collaboration: Any, *, drafts: bool) -> "CouncilDigestQuerySet":
        """Every digest for the people who work in it; only published ones for readers."""
        qs = self.filter(collaboration=collaboration)
        if not drafts:
            qs = qs.filter(status=DigestStatus.PUBLISHED)
        return qs.select_related("moment").order_by("-period_end", "-created_at")


class CouncilDigest(VersionedModel):
    """A raadsbrief: a short plain-language note for councils on one collaboration and one period."""

    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        verbose_name=_("samenwerking"),
        on_delete=models.CASCADE,
        related_name="council_digests",
    )
    moment = models.ForeignKey(
        DigestMoment,
        verbose_name=_("P&C-moment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="digests",
    )
    pc_year = models.PositiveSmallIntegerField(_("jaar van de P&C-cyclus"), null=True, blank=True)
    pc_moment = models.CharField(
        _("moment in de P&C-planning"),
        max_length=60,
        blank=True,
        help_text=_("Het moment in de P&C-planning van de regeling waar de raadsbrief bij hoort."),
    )
    title = models.CharField(_("titel"), max_length=200)
    period_start = models.DateField(_("periode van"))
    period_end = models.DateField(_("periode tot en met"))
    summary = models.TextField(
        _("samenvatting"),
        blank=True,
        max_length=3000,
        help_text=_(
            "Een paar zinnen in gewone taal: wat moet de raad vooral weten? "
            "Schrijf voor een raadslid zonder voorkennis."
        ),
    )
    content = models.JSONField(
        _("feiten"), default=dict, help_text=_("De feiten uit de gebieden, vastgelegd bij het opstellen.")
    )
    health = models.JSONField(_("gezondheid"), default=dict)
    composed_at = models.DateTimeField(_("feiten opgehaald op"), default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=DigestStatus.choices, default=DigestStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgesteld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("opgesteld op"), default=timezone.now)
    submitted_at = models.DateTimeField(_("ter goedkeuring aangeboden op"), null=True, blank=True)
    approval_reminded_at = models.DateTimeField(_("herinnering goedkeuring verstuurd op"), null=True, blank=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gepubliceerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CouncilDigestQuerySet.as_manager()

    class Meta:
        verbose_name = _("raadsbrief")
        verbose_name_plural = _("raadsbrieven")
        ordering = ["-period_end"]
        indexes = [models.Index(fields=["collaboration", "status", "-period_end"])]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="digest_period_in_order")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def pc_value(self) -> str:
        """The P&C moment as ``samen.council.facts.PCMoment.value`` (empty when there is none)."""
        return f"{self.pc_year}:{self.pc_moment}" if self.pc_year and self.pc_moment else ""

    @property
    def is_draft(self) -> bool:
        return self.status == DigestStatus.DRAFT

    @property
    def is_awaiting(self) -> bool:
        return self.status == DigestStatus.AWAITING

    @property
    def is_published(self) -> bool:
        return self.status == DigestStatus.PUBLISHED

    def approving_partners(self) -> list[Partner]:
        """The current partners with a bestuurlijk contact in Samen: each of them approves."""
        executives = Role.objects.filter(partner=OuterRef("pk"), kind=RoleKind.EXECUTIVE)
        return list(
            Partner.objects.current()
            .filter(collaboration_id=self.collaboration_id)
            .filter(Exists(executives))
            .select_related("organisation")
            .order_by("organisation__name")
        )

    def approvals_by_partner(self) -> dict[Any, "DigestApproval"]:
        return {a.partner_id: a for a in self.approvals.select_related("person")}


class DigestApproval(Model):
    """One partner's approval of one digest, given by its bestuurlijk contact."""

    digest = models.ForeignKey(
        CouncilDigest, verbose_name=_("raadsbrief"), on_delete=models.CASCADE, related_name="approvals"
    )
    partner = models.ForeignKey(
        "collaborations.Partner", verbose_name=_("partner"), on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("goedgekeurd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("goedgekeurd op"), default=timezone.now)

    class Meta:
        verbose_name = _("goedkeuring van een raadsbrief")
        verbose_name_plural = _("goedkeuringen van raadsbrieven")
        ordering = ["approved_at"]
        constraints = [models.UniqueConstraint(fields=["digest", "partner"], name="digest_approved_once_per_partner")]

    def __str__(self) -> str:
        return f"{self.partner} – {self.digest}"

    @property
    def collaboration(self) -> Any:
        return self.digest.collaboration
