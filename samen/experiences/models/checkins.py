"""Check-ins: short, informal rounds with a content track and a separate relationship track.

How answers stay anonymous is described in ``samen.experiences.results``; the storage side of
that rule lives here: a ``CheckInResponse`` holds the scores and the partner, never the person
and never a time, and the separate ``CheckInParticipation`` only records *that* a person answered
(so each contact answers once). No page joins the two.
"""

import datetime
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.collaborations.models import Collaboration, Partner
from samen.core.models import Model, QuerySet, VersionedModel
from samen.experiences.choices import CheckInStatus

SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]

# The two tracks. The content track asks about progress; the relationship track about how
# partners work together, apart from the content (the article: "los van de inhoud").
CONTENT_SCORES: tuple[tuple[str, Any], ...] = (("progress", _("Voortgang op onze doelen")),)
RELATIONSHIP_SCORES: tuple[tuple[str, Any], ...] = (
    ("trust", _("Vertrouwen")),
    ("openness", _("Openheid")),
    ("fair_share", _("Eerlijke verdeling van kosten en inzet")),
    ("heard", _("Gehoord worden")),
    ("ownership", _("Gedeeld eigenaarschap")),
)
SCORE_FIELDS = tuple(name for name, _label in CONTENT_SCORES + RELATIONSHIP_SCORES)
COMMENT_FIELDS: tuple[tuple[str, Any], ...] = (
    ("going_well", _("Wat gaat goed")),
    ("sticking", _("Wat schuurt of blijft haken")),
    ("relationship_comment", _("Over de samenwerkingsrelatie")),
)


class CheckInQuerySet(QuerySet["CheckIn"]):
    def closed(self, today: datetime.date | None = None) -> "CheckInQuerySet":
        today = today or timezone.localdate()
        return self.filter(Q(closed_at__isnull=False) | Q(closes_on__lt=today))

    def open(self, today: datetime.date | None = None) -> "CheckInQuerySet":
        today = today or timezone.localdate()
        return self.filter(closed_at__isnull=True, opens_on__lte=today, closes_on__gte=today)


class CheckIn(VersionedModel):
    """One check-in round; a facilitator schedules one or a series (for example every six weeks)."""

    collaboration = models.ForeignKey(
        Collaboration, verbose_name=_("samenwerking"), on_delete=models.CASCADE, related_name="checkins"
    )
    title = models.CharField(_("titel"), max_length=200)
    opens_on = models.DateField(_("open vanaf"))
    closes_on = models.DateField(_("open tot en met"))
    closed_at = models.DateTimeField(
        _("vervroegd gesloten op"),
        null=True,
        blank=True,
        help_text=_("Gevuld als de facilitator de check-in eerder sluit."),
    )
    series = models.UUIDField(_("reeks"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gepland door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("gepland op"), default=timezone.now)
    reminded_at = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-opens_on"]
        indexes = [models.Index(fields=["collaboration", "opens_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="checkin_dates_in_order")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def status(self) -> str:
        today = timezone.localdate()
        if self.closed_at is not None or self.closes_on < today:
            return CheckInStatus.CLOSED
        if self.opens_on > today:
            return CheckInStatus.PLANNED
        return CheckInStatus.OPEN

    @property
    def status_label(self) -> str:
        return str(CheckInStatus(self.status).label)

    @property
    def is_open(self) -> bool:
        return self.status == CheckInStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == CheckInStatus.CLOSED


class CheckInResponse(Model):
    """One anonymous answer: scores and comments, the partner, and nothing that names the person.

    There is deliberately no person, no timestamp and no ordering by insertion: rows are ordered
    by their random UUID, so not even the order of answers can be matched to who answered when.
    """

    checkin = models.ForeignKey(CheckIn, verbose_name=_("check-in"), on_delete=models.CASCADE, related_name="responses")
    partner = models.ForeignKey(Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="+")
    progress = models.PositiveSmallIntegerField(_("voortgang op onze doelen"), validators=SCORE_VALIDATORS)
    going_well = models.TextField(_("wat gaat goed"), blank=True)
    sticking = models.TextField(_("wat schuurt of blijft haken"), blank=True)
    trust = models.PositiveSmallIntegerField(_("vertrouwen"), validators=SCORE_VALIDATORS)
    openness = models.PositiveSmallIntegerField(_("openheid"), validators=SCORE_VALIDATORS)
    fair_share = models.PositiveSmallIntegerField(
        _("eerlijke verdeling van kosten en inzet"), validators=SCORE_VALIDATORS
    )
    heard = models.PositiveSmallIntegerField(_("gehoord worden"), validators=SCORE_VALIDATORS)
    ownership = models.PositiveSmallIntegerField(_("gedeeld eigenaarschap"), validators=SCORE_VALIDATORS)
    relationship_comment = models.TextField(_("opmerking over de samenwerkingsrelatie"), blank=True)

    class Meta:
        verbose_name = _("antwoord op een check-in")
        verbose_name_plural = _("antwoorden op check-ins")
        ordering = ["id"]
        indexes = [models.Index(fields=["checkin", "partner"])]
        constraints = [
            models.CheckConstraint(condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 5}), name=f"checkin_{name}_1_to_5")
            for name in SCORE_FIELDS
        ]

    def __str__(self) -> str:
        # Never the scores: a string of this object can end up in logs or the admin.
        return str(_("antwoord op %(checkin)s") % {"checkin": self.checkin_id})


class CheckInParticipation(Model):
    """That a person has answered a check-in: only to allow one answer each, never linked to it."""

    checkin = models.ForeignKey(
        CheckIn, verbose_name=_("check-in"), on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("deelname aan een check-in")
        verbose_name_plural = _("deelnames aan check-ins")
        constraints = [models.UniqueConstraint(fields=["checkin", "person"], name="answer_checkin_once")]

    def __str__(self) -> str:
        return f"{self.person} – {self.checkin}"
