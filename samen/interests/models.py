"""Ambitions and pledges, and the honesty round (Ben eerlijk).

A collaboration has ambitions; each partner pledges urgency, hours and money per ambition
(every change is a new pledge row, so the history stays). In an honesty round each partner
declares its interests (motives from the catalogue, with a weight), intentions and red lines;
ambtelijk contacts draft, the bestuurlijk contact confirms and shares. Drafts are seen only
inside the partner; shared declarations by every partner of the collaboration.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.core.models import Model, QuerySet, VersionedModel
from samen.interests import rules
from samen.interests.choices import GoChoice

SCALE = Q(urgency__gte=rules.SCALE_MIN, urgency__lte=rules.SCALE_MAX)


def _person_fk(verbose_name: Any, related_name: str = "+") -> "models.ForeignKey[Any]":
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
    )


# --- ambitions and pledges ---------------------------------------------------------------


class AmbitionQuerySet(QuerySet["Ambition"]):
    def of(self, collaboration: Any) -> "AmbitionQuerySet":
        return self.filter(collaboration=collaboration).order_by("created_at", "title")


class Ambition(VersionedModel):
    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        verbose_name=_("samenwerking"),
        on_delete=models.CASCADE,
        related_name="ambitions",
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    horizon_year = models.PositiveSmallIntegerField(
        _("horizon (jaar)"), null=True, blank=True, help_text=_("Het jaar waarin de ambitie bereikt moet zijn.")
    )
    needed_hours_per_month = models.DecimalField(
        _("nodig: uren per maand"),
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Wat het realiseren van de ambitie vraagt aan capaciteit, alle partners samen."),
    )
    needed_budget_euros = models.DecimalField(
        _("nodig: budget in euro"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Wat de ambitie vraagt aan geld, alle partners samen."),
    )
    created_by = _person_fk(_("aangemaakt door"))
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = AmbitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("ambitie")
        verbose_name_plural = _("ambities")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(needed_hours_per_month__isnull=True) | Q(needed_hours_per_month__gte=0),
                name="ambition_needed_hours_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(needed_budget_euros__isnull=True) | Q(needed_budget_euros__gte=0),
                name="ambition_needed_budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PledgeQuerySet(QuerySet["Pledge"]):
    def current(self) -> "PledgeQuerySet":
        return self.filter(superseded_at__isnull=True)

    def current_in(self, collaboration: Any) -> "PledgeQuerySet":
        """Every partner's current pledge for every ambition of ``collaboration``: one query."""
        return self.current().filter(ambition__collaboration=collaboration)

    def history_of(self, ambition: Any) -> "PledgeQuerySet":
        return (
            self.filter(ambition=ambition)
            .select_related("partner__organisation", "pledged_by")
            .order_by("partner__organisation__name", "-pledged_at")
        )


class Pledge(Model):
    """What one partner puts into one ambition. A change is a new row; the old one is superseded."""

    ambition = models.ForeignKey(Ambition, verbose_name=_("ambitie"), on_delete=models.CASCADE, related_name="pledges")
    partner = models.ForeignKey(
        "collaborations.Partner", verbose_name=_("partner"), on_delete=models.CASCADE, related_name="pledges"
    )
    urgency = models.PositiveSmallIntegerField(
        _("urgentie voor ons"), help_text=_("1 = nauwelijks urgent, 5 = zeer urgent.")
    )
    hours_per_month = models.DecimalField(_("uren per maand"), max_digits=8, decimal_places=1, null=True, blank=True)
    fte = models.DecimalField(
        _("fte"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Vaste formatie die u inzet; 1 fte telt als 156 uur per maand."),
    )
    budget_euros = models.DecimalField(_("budget in euro"), max_digits=14, decimal_places=2, null=True, blank=True)
    capacity_notes = models.TextField(_("toelichting op de capaciteit"), blank=True)
    pledged_by = _person_fk(_("opgegeven door"))
    pledged_at = models.DateTimeField(_("opgegeven op"), default=timezone.now)
    superseded_at = models.DateTimeField(_("vervangen op"), null=True, blank=True)

    objects = PledgeQuerySet.as_manager()

    class Meta:
        verbose_name = _("inzet")
        verbose_name_plural = _("inzet")
        ordering = ["-pledged_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["ambition", "partner"], condition=Q(superseded_at__isnull=True), name="one_current_pledge"
            ),
            models.CheckConstraint(condition=SCALE, name="pledge_urgency_1_to_5"),
            models.CheckConstraint(
                condition=(Q(hours_per_month__isnull=True) | Q(hours_per_month__gte=0))
                & (Q(fte__isnull=True) | Q(fte__gte=0))
                & (Q(budget_euros__isnull=True) | Q(budget_euros__gte=0)),
                name="pledge_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["ambition", "partner", "-pledged_at"])]

    def __str__(self) -> str:
        return f"{self.partner} – {self.ambition}"

    @property
    def total_hours(self) -> Decimal:
        """Hours per month, fte converted at 156 hours a month."""
        return (self.hours_per_month or Decimal(0)) + (self.fte or Decimal(0)) * rules.HOURS_PER_FTE_MONTH

    @property
    def is_empty(self) -> bool:
        """An urgency without any hours, fte or money: a pledge of nothing."""
        return not (self.hours_per_month or self.fte or self.budget_euros)


# --- the motive catalogue, extended per collaboration --------------------------------------


class CustomMotive(Model):
    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        verbose_name=_("samenwerking"),
        on_delete=models.CASCADE,
        related_name="custom_motives",
    )
    code = models.CharField(_("code"), max_length=60)
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("omschrijving"), blank=True)
    added_by = _person_fk(_("toegevoegd door"))
    added_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("eigen motief")
        verbose_name_plural = _("eigen motieven")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["collaboration", "code"], name="custom_motive_once")]

    def __str__(self) -> str:
        return self.name


class CustomTension(Model):
    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        verbose_name=_("samenwerking"),
        on_delete=models.CASCADE,
        related_name="custom_tensions",
    )
    motive_a = models.CharField(_("eerste motief"), max_length=60)
    motive_b = models.CharField(_("tweede motief"), max_length=60)
    question = models.TextField(_("vraag voor het gesprek"))
    added_by = _person_fk(_("toegevoegd door"))
    added_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("eigen spanning")
        verbose_name_plural = _("eigen spanningen")
        ordering = ["added_at"]
        constraints = [
            models.UniqueConstraint(fields=["collaboration", "motive_a", "motive_b"], name="custom_tension_once"),
            models.CheckConstraint(condition=~Q(motive_a=F("motive_b")), name="tension_between_two_motives"),
        ]

    def __str__(self) -> str:
        return f"{self.motive_a} ↔ {self.motive_b}"


# --- the honesty round -------------------------------------------------------------------


class HonestyRoundQuerySet(QuerySet["HonestyRound"]):
    def of(self, collaboration: Any) -> "HonestyRoundQuerySet":
        return self.filter(collaboration=collaboration).order_by("-opened_at")


class HonestyRound(Model):
    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        verbose_name=_("samenwerking"),
        on_delete=models.CASCADE,
        related_name="honesty_rounds",
    )
    title = models.CharField(_("titel"), max_length=200)
    deadline = models.DateField(_("deadline"), help_text=_("Uiterlijk op deze dag delen de partners hun verklaring."))
    opened_by = _person_fk(_("geopend door"))
    opened_at = models.DateTimeField(_("geopend op"), default=timezone.now)
    closed_by = _person_fk(_("gesloten door"))
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    previous = models.ForeignKey(
        "self", verbose_name=_("vorige ronde"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = HonestyRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("eerlijkheidsronde")
        verbose_name_plural = _("eerlijkheidsrondes")
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration"], condition=Q(closed_at__isnull=True), name="one_open_honesty_round"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def deadline_passed(self) -> bool:
        return self.is_open and self.deadline < timezone.localdate()


class DeclarationStatus(models.TextChoices):
    DRAFT = "concept", _("concept")
    SHARED = "gedeeld", _("gedeeld")


class DeclarationQuerySet(QuerySet["Declaration"]):
    def shared(self) -> "DeclarationQuerySet":
        return self.filter(status=DeclarationStatus.SHARED)

    def with_contents(self) -> "DeclarationQuerySet":
        """Partner, interests and red lines for every declaration at once (three queries in all)."""
        return self.select_related("partner__organisation").prefetch_related(
            models.Prefetch("interests", queryset=Interest.objects.order_by("-weight", "motive")),
            models.Prefetch("red_lines", queryset=RedLine.objects.order_by("position")),
        )

    def visible_to(self, partner_ids: set[Any]) -> "DeclarationQuerySet":
        """Shared declarations, plus the drafts of the partners the person acts for."""
        return self.filter(Q(status=DeclarationStatus.SHARED) | Q(partner_id__in=partner_ids))


class Declaration(VersionedModel):
    """One partner's honest answer in one round: interests, intentions, red lines."""

    round = models.ForeignKey(
        HonestyRound, verbose_name=_("ronde"), on_delete=models.CASCADE, related_name="declarations"
    )
    partner = models.ForeignKey(
        "collaborations.Partner", verbose_name=_("partner"), on_delete=models.CASCADE, related_name="declarations"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DeclarationStatus.choices, default=DeclarationStatus.DRAFT
    )
    intentions = models.TextField(
        _("intenties"),
        blank=True,
        help_text=_("Wat hoopt uw organisatie uit de samenwerking te halen? In uw eigen woorden."),
    )
    drafted_by = _person_fk(_("laatst bewerkt door"))
    updated_at = models.DateTimeField(_("laatst bewerkt op"), default=timezone.now)
    shared_by = _person_fk(_("gedeeld door"))
    shared_at = models.DateTimeField(_("gedeeld op"), null=True, blank=True)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("gebaseerd op"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("De verklaring uit de vorige ronde waarmee deze begon."),
    )

    objects = DeclarationQuerySet.as_manager()

    class Meta:
        verbose_name = _("verklaring")
        verbose_name_plural = _("verklaringen")
        ordering = ["partner__organisation__name"]
        constraints = [models.UniqueConstraint(fields=["round", "partner"], name="one_declaration_per_partner")]

    def __str__(self) -> str:
        return f"{self.partner} – {self.round}"

    @property
    def is_shared(self) -> bool:
        return self.status == DeclarationStatus.SHARED


class Interest(Model):
    declaration = models.ForeignKey(
        Declaration, verbose_name=_("verklaring"), on_delete=models.CASCADE, related_name="interests"
    )
    motive = models.CharField(_("motief"), max_length=60)
    weight = models.PositiveSmallIntegerField(_("gewicht"), help_text=_("1 = bijzaak, 5 = doorslaggevend."))
    explanation = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("belang")
        verbose_name_plural = _("belangen")
        ordering = ["-weight", "motive"]
        constraints = [
            models.UniqueConstraint(fields=["declaration", "motive"], name="interest_once_per_motive"),
            models.CheckConstraint(
                condition=Q(weight__gte=rules.SCALE_MIN, weight__lte=rules.SCALE_MAX), name="interest_weight_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.motive} ({self.weight})"


class RedLine(Model):
    declaration = models.ForeignKey(
        Declaration, verbose_name=_("verklaring"), on_delete=models.CASCADE, related_name="red_lines"
    )
    text = models.CharField(_("rode lijn"), max_length=500)
    motive = models.CharField(
        _("botst met motief"),
        max_length=60,
        blank=True,
        help_text=_("Het motief dat deze rode lijn begrenst; dan ziet de analyse welke partners erop rekenen."),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("rode lijn")
        verbose_name_plural = _("rode lijnen")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.text


class GoDecision(Model):
    """A partner's answer to "is there ground to work together?" in one round."""

    round = models.ForeignKey(HonestyRound, verbose_name=_("ronde"), on_delete=models.CASCADE, related_name="decisions")
    partner = models.ForeignKey(
        "collaborations.Partner", verbose_name=_("partner"), on_delete=models.CASCADE, related_name="go_decisions"
    )
    decision = models.CharField(_("besluit"), max_length=12, choices=GoChoice.choices)
    reasons = models.TextField(_("redenen en voorwaarden"), blank=True)
    decided_by = _person_fk(_("besloten door"))
    decided_at = models.DateTimeField(_("besloten op"), default=timezone.now)

    class Meta:
        verbose_name = _("besluit over de bodem voor samenwerking")
        verbose_name_plural = _("besluiten over de bodem voor samenwerking")
        ordering = ["partner__organisation__name"]
        constraints = [models.UniqueConstraint(fields=["round", "partner"], name="one_go_decision_per_partner")]

    def __str__(self) -> str:
        return f"{self.partner}: {self.get_decision_display()}"
