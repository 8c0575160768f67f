"""The published health: what readers (councillors) see of a collaboration's health.

The live health view is for the people who work in a collaboration. Readers see the health as
the bestuurlijk contacts approved it in a council digest (raadsbrief): a snapshot taken when
the digest is published, so that a reader sees exactly what was published, and nothing else.
"""

import datetime
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.core.models import Model, QuerySet


class PublishedHealthQuerySet(QuerySet["PublishedHealth"]):
    def latest_for(self, collaboration_ids: Any) -> dict[Any, "PublishedHealth"]:
        """The most recent publication per collaboration (one query, whatever the number)."""
        rows: Any = (
            self.filter(collaboration_id__in=collaboration_ids)
            .order_by("collaboration_id", "-published_at", "-id")
            .only("id", "collaboration_id", "published_at", "source", "source_url", "data")
        )
        found: dict[Any, PublishedHealth] = {}
        for row in rows:
            found.setdefault(row.collaboration_id, row)
        return found


class PublishedHealth(Model):
    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        verbose_name=_("samenwerking"),
        on_delete=models.CASCADE,
        related_name="published_health",
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), default=timezone.now)
    source = models.CharField(
        _("bron"), max_length=300, help_text=_("Het stuk waarin deze gezondheid is gepubliceerd, zoals een raadsbrief.")
    )
    source_url = models.CharField(_("link naar de bron"), max_length=300, blank=True)
    data = models.JSONField(_("gezondheid"), default=dict, help_text=_("Status, score, trend en feiten per gebied."))

    objects = PublishedHealthQuerySet.as_manager()

    class Meta:
        verbose_name = _("gepubliceerde gezondheid")
        verbose_name_plural = _("gepubliceerde gezondheid")
        ordering = ["-published_at"]
        indexes = [models.Index(fields=["collaboration", "-published_at"])]

    def __str__(self) -> str:
        return f"{self.collaboration_id} – {self.source}"


class SnapshotKind(models.TextChoices):
    CELLS = "cellen", _("portfolio: vijf cellen")
    VIEW = "beeld", _("gezondheidsbeeld met geschiedenis")


class HealthSnapshot(Model):
    """A collaboration's health as computed last: the portfolio and the health view read these rows.

    Valid while the collaboration's latest audit event is the one it was computed after (``stamp``)
    and until the hour turns (statuses move with the calendar); the next read, or the worker, computes
    it again. The health view's snapshot holds facts in words, so there is one per language.
    """

    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        verbose_name=_("samenwerking"),
        on_delete=models.CASCADE,
        related_name="health_snapshots",
    )
    kind = models.CharField(_("soort"), max_length=10, choices=SnapshotKind.choices)
    language = models.CharField(_("taal"), max_length=10, blank=True)
    stamp = models.CharField(
        _("laatste wijziging"), max_length=40, blank=True, help_text=_("Het tijdstip van de laatste auditgebeurtenis.")
    )
    computed_at = models.DateTimeField(_("berekend op"))
    valid_until = models.DateTimeField(_("geldig tot"))
    data = models.JSONField(_("gezondheid"), default=dict)

    class Meta:
        verbose_name = _("opgeslagen gezondheid")
        verbose_name_plural = _("opgeslagen gezondheid")
        constraints = [
            models.UniqueConstraint(fields=["collaboration", "kind", "language"], name="one_health_snapshot_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.collaboration_id} – {self.kind}"

    def is_fresh(self, stamp: str, now: datetime.datetime) -> bool:
        return self.stamp == stamp and self.computed_at <= now < self.valid_until


class HealthQuarter(Model):
    """A collaboration's score per area at the end of a calendar quarter, stored once.

    The trend chart of the health view reads these rows instead of computing the past again; the
    worker's hourly refresh writes the quarter that just ended (and any missing one) for every active
    collaboration. ``ended_at`` is the moment the quarter ended: midnight at the start of the next one.
    """

    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        verbose_name=_("samenwerking"),
        on_delete=models.CASCADE,
        related_name="health_quarters",
    )
    ended_at = models.DateTimeField(_("einde van het kwartaal"))
    scores = models.JSONField(_("score per gebied"), default=dict)
    computed_at = models.DateTimeField(_("berekend op"), default=timezone.now)

    class Meta:
        verbose_name = _("gezondheid per kwartaal")
        verbose_name_plural = _("gezondheid per kwartaal")
        constraints = [
            models.UniqueConstraint(fields=["collaboration", "ended_at"], name="one_health_quarter_per_collaboration")
        ]

    def __str__(self) -> str:
        return f"{self.collaboration_id} – {self.ended_at:%Y-%m-%d}"
