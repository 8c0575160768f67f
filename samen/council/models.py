"""Raadsgrip: the P&C cycle of a regeling, the councils' zienswijzen and the key financial figures."""

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.collaborations.models import Collaboration, Partner
from samen.core.models import Model, QuerySet


class DocumentKind(models.TextChoices):
    KADERBRIEF = "kaderbrief", _("kaderbrief")
    PROVISIONAL_ACCOUNTS = "voorlopige_jaarrekening", _("voorlopige jaarrekening")
    DRAFT_BUDGET = "ontwerpbegroting", _("ontwerpbegroting")
    BUDGET_AMENDMENT = "begrotingswijziging", _("begrotingswijziging")
    ANNUAL_ACCOUNTS = "jaarstukken", _("jaarstukken")


#: Documents on which the councils may give a zienswijze (Wgr art. 35 lid 3 and 5).
ZIENSWIJZE_KINDS = frozenset({DocumentKind.DRAFT_BUDGET, DocumentKind.BUDGET_AMENDMENT})


class OwnMoment(Model):
    """A moment the regeling adds to the Wgr's (for example a voorjaarsnota), entered by the facilitator."""

    collaboration = models.ForeignKey(
        Collaboration, verbose_name=_("samenwerking"), on_delete=models.CASCADE, related_name="own_pc_moments"
    )
    title = models.CharField(_("omschrijving"), max_length=200)
    due_on = models.DateField(_("datum"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ingevoerd door"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("eigen P&C-moment")
        verbose_name_plural = _("eigen P&C-momenten")
        ordering = ["due_on", "title"]

    def __str__(self) -> str:
        return self.title


class DocumentQuerySet(QuerySet["Document"]):
    def of_year(self, collaboration: Collaboration, year: int) -> "DocumentQuerySet":
        return self.filter(collaboration=collaboration, year=year).order_by("sent_on", "title")

    def of_collaborations(self, collaboration_ids: Any) -> "DocumentQuerySet":
        return self.filter(collaboration_id__in=collaboration_ids).select_related("collaboration")


class Document(Model):
    """A P&C document as it arrives from the GR body: an upload (kept under MEDIA_ROOT) or a link."""

    collaboration = models.ForeignKey(
        Collaboration, verbose_name=_("samenwerking"), on_delete=models.CASCADE, related_name="pc_documents"
    )
    year = models.PositiveSmallIntegerField(_("jaar van de cyclus"))
    kind = models.CharField(_("soort stuk"), max_length=30, choices=DocumentKind.choices)
    title = models.CharField(_("titel"), max_length=300)
    sent_on = models.DateField(_("verzonden op"), help_text=_("De datum waarop het GR-bestuur het stuk verzond."))
    link = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("bestand"), upload_to="council/%Y/", blank=True)
    file_name = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    content_type = models.CharField(_("bestandstype"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("grootte in bytes"), default=0)
    asks_zienswijze = models.BooleanField(
        _("vraagt om zienswijzen"),
        default=False,
        help_text=_("Aan: de raden kunnen binnen twaalf weken een zienswijze geven (Wgr art. 35)."),
    )
    zienswijze_until = models.DateField(_("termijn zienswijzen tot en met"), null=True, blank=True)
    reminded_on = models.DateField(_("herinnering verstuurd op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vastgelegd door"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("P&C-stuk")
        verbose_name_plural = _("P&C-stukken")
        ordering = ["-year", "sent_on", "title"]
        indexes = [models.Index(fields=["collaboration", "year"])]

    def __str__(self) -> str:
        return self.title

    def zienswijze_open(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return bool(self.asks_zienswijze and self.zienswijze_until and today <= self.zienswijze_until)


class Stance(models.TextChoices):
    POSITIVE = "positief", _("positief")
    REMARKS = "opmerkingen", _("met opmerkingen")
    NEGATIVE = "negatief", _("negatief")


class ZienswijzeQuerySet(QuerySet["Zienswijze"]):
    def visible_to(self, draft_partner_ids: set[Any]) -> "ZienswijzeQuerySet":
        """Adopted zienswijzen, plus the drafts of the partners the person works for."""
        return self.filter(Q(adopted_at__isnull=False) | Q(partner_id__in=draft_partner_ids))

    def for_overview(self) -> "ZienswijzeQuerySet":
        return self.select_related("partner__organisation", "responded_by", "entered_by").order_by(
            "partner__organisation__name"
        )


class Zienswijze(Model):
    """What one council said about one document: a draft until the council has decided and it is adopted."""

    document = models.ForeignKey(Document, verbose_name=_("stuk"), on_delete=models.CASCADE, related_name="zienswijzen")
    partner = models.ForeignKey(
        Partner, verbose_name=_("deelnemer"), on_delete=models.CASCADE, related_name="zienswijzen"
    )
    stance = models.CharField(_("strekking"), max_length=20, choices=Stance.choices)
    text = models.TextField(_("tekst van de zienswijze"))
    themes = models.JSONField(_("thema's"), default=list, blank=True)
    decided_on = models.DateField(_("datum raadsbesluit"), null=True, blank=True)
    adopted_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ingevoerd door"), on_delete=models.PROTECT, related_name="+"
    )
    response = models.TextField(_("wat is ermee gedaan"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gereageerd door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    responded_at = models.DateTimeField(_("gereageerd op"), null=True, blank=True)

    objects = ZienswijzeQuerySet.as_manager()

    class Meta:
        verbose_name = _("zienswijze")
        verbose_name_plural = _("zienswijzen")
        constraints = [models.UniqueConstraint(fields=["document", "partner"], name="zienswijze_once_per_partner")]

    def __str__(self) -> str:
        return f"{self.partner} – {self.document}"

    @property
    def collaboration(self) -> Collaboration:
        return self.document.collaboration

    @property
    def is_adopted(self) -> bool:
        return self.adopted_at is not None


class Basis(models.TextChoices):
    BUDGET = "begroting", _("begroting")
    ACCOUNTS = "jaarrekening", _("jaarrekening")


def amount(label: Any, help_text: Any = "") -> "models.DecimalField[Any, Any]":
    return models.DecimalField(label, max_digits=15, decimal_places=2, null=True, blank=True, help_text=help_text)


class KeyFigures(Model):
    """The key financial figures of a regeling for one year, from its begroting or its jaarrekening.

    Amounts in euros; an empty figure is *missing* (the BBV paragraph marks it), not zero.
    The Iv3 balance codes (data/iv3/) each figure corresponds to are in docs/council-figures.md.
    """

    collaboration = models.ForeignKey(
        Collaboration, verbose_name=_("samenwerking"), on_delete=models.CASCADE, related_name="key_figures"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    basis = models.CharField(_("bron"), max_length=20, choices=Basis.choices)
    equity_start = amount(_("eigen vermogen 1 januari"), _("Iv3 P111 + P112 + P114"))
    equity_end = amount(_("eigen vermogen 31 december"))
    debt_start = amount(_("vreemd vermogen 1 januari"), _("Iv3 P12, P13x en P2x"))
    debt_end = amount(_("vreemd vermogen 31 december"))
    result = amount(_("resultaat"), _("Iv3 P114: saldo van rekening"))
    reserves = amount(_("reserves 31 december"), _("Iv3 P111 + P112"))
    risks = models.TextField(_("risico's"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("bijgewerkt door"), on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), default=timezone.now)

    class Meta:
        verbose_name = _("financiële kengetallen")
        verbose_name_plural = _("financiële kengetallen")
        ordering = ["collaboration", "year", "basis"]
        constraints = [
            models.UniqueConstraint(fields=["collaboration", "year", "basis"], name="key_figures_once_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.collaboration} {self.year} ({self.get_basis_display()})"


class Contribution(Model):
    """A partner's part in one year's figures: its gemeentelijke bijdrage, share and votes in the board."""

    figures = models.ForeignKey(
        KeyFigures, verbose_name=_("kengetallen"), on_delete=models.CASCADE, related_name="contributions"
    )
    partner = models.ForeignKey(
        Partner, verbose_name=_("deelnemer"), on_delete=models.CASCADE, related_name="contributions"
    )
    amount = amount(_("bijdrage"), _("Iv3 taakveld 0.10 / categorie 4.2 bij de gemeente"))
    share = models.DecimalField(
        _("aandeel (%)"), max_digits=6, decimal_places=3, null=True, blank=True, help_text=_("De verdeelsleutel.")
    )
    votes = models.PositiveSmallIntegerField(_("stemmen in het algemeen bestuur"), null=True, blank=True)

    class Meta:
        verbose_name = _("bijdrage")
        verbose_name_plural = _("bijdragen")
        constraints = [models.UniqueConstraint(fields=["figures", "partner"], name="contribution_once_per_partner")]

    def __str__(self) -> str:
        return f"{self.partner}: {self.amount}"

    @property
    def collaboration(self) -> Collaboration:
        return self.figures.collaboration
