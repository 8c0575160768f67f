"""Measurable results under a goal, their progress, and the commitments partners make."""

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from samen.core.models import Model, QuerySet
from samen.goals.choices import CommitmentStatus, ResultStatus
from samen.goals.models.goals import Goal

# --- Thresholds for a result's status (the one place; health and reports read them from here) ---
# Progress is the share of the way from baseline to target that has been made; time is the share
# of the period from the baseline date to the due date that has passed. Their ratio decides:
ON_TRACK_RATIO = Decimal("0.90")  # progress at least 90% of what the time passed asks: op koers
AT_RISK_RATIO = Decimal("0.60")  # at least 60%: risico; below that: uit koers
TOO_EARLY_SHARE = Decimal("0.10")  # in the first 10% of the period nobody is judged yet: op koers
# A result past its due date that has not reached its target is uit koers; a reached one is op koers.


STATUS_CSS = {
    ResultStatus.ON_TRACK: "samen-status--goed",
    ResultStatus.AT_RISK: "samen-status--aandacht",
    ResultStatus.OFF_TRACK: "samen-status--zorg",
}


def progress_share(baseline: Decimal, target: Decimal, value: Decimal | None) -> Decimal:
    """How far from ``baseline`` to ``target`` ``value`` is (0 at the baseline, 1 at the target); works downward too."""
    if value is None or target == baseline:
        return Decimal(0)
    return (Decimal(value) - baseline) / (target - baseline)


def time_share(start: datetime.date, due: datetime.date, today: datetime.date) -> Decimal:
    if due <= start:
        return Decimal(1)
    share = Decimal((today - start).days) / Decimal((due - start).days)
    return min(max(share, Decimal(0)), Decimal(1))


def result_status(
    *,
    baseline: Decimal | float,
    target: Decimal | float,
    value: Decimal | float | None,
    start: datetime.date,
    due: datetime.date,
    today: datetime.date,
) -> str:
    """Op koers / risico / uit koers from progress against time (thresholds above).

    Computed in floats: a status is a classification, and the overview runs it for many rows.
    """
    base, goal = float(baseline), float(target)
    progress = 0.0 if value is None or goal == base else (float(value) - base) / (goal - base)
    if progress >= 1:
        return ResultStatus.ON_TRACK
    if today >= due:
        return ResultStatus.OFF_TRACK
    elapsed = float(time_share(start, due, today))
    if elapsed <= float(TOO_EARLY_SHARE):
        return ResultStatus.ON_TRACK
    ratio = progress / elapsed
    if ratio >= float(ON_TRACK_RATIO):
        return ResultStatus.ON_TRACK
    if ratio >= float(AT_RISK_RATIO):
        return ResultStatus.AT_RISK
    return ResultStatus.OFF_TRACK


REACHED = Q(target__gte=F("baseline"), current_value__gte=F("target")) | Q(
    target__lt=F("baseline"), current_value__lte=F("target")
)


class ResultQuerySet(QuerySet["Result"]):
    def for_collaboration(self, collaboration: Any) -> "ResultQuerySet":
        return self.filter(goal__collaboration=collaboration)

    def for_goal(self, goal: Goal) -> "ResultQuerySet":
        return (
            self.filter(goal=goal)
            .select_related("owner_partner__organisation", "owner_person")
            .order_by("due_on", "indicator", "id")
        )

    def reached(self) -> "ResultQuerySet":
        """Results whose latest measured value meets the target (the successes area asks this)."""
        return self.filter(current_value__isnull=False).filter(REACHED)


class Result(Model):
    """A measurable result: from a baseline to a target by a due date, owned by one partner and person."""

    goal = models.ForeignKey(Goal, verbose_name=_("doel"), on_delete=models.CASCADE, related_name="results")
    indicator = models.CharField(
        _("indicator"), max_length=300, help_text=_("Wat meten we? Bijvoorbeeld: aantal afgehandelde vergunningen.")
    )
    unit = models.CharField(_("eenheid"), max_length=50, help_text=_("Bijvoorbeeld: procent, aantal, euro, dagen."))
    baseline = models.DecimalField(_("nulmeting"), max_digits=18, decimal_places=4)
    baseline_on = models.DateField(_("datum nulmeting"), default=timezone.localdate)
    target = models.DecimalField(_("streefwaarde"), max_digits=18, decimal_places=4)
    due_on = models.DateField(_("te bereiken op"))
    owner_partner = models.ForeignKey(
        "collaborations.Partner", verbose_name=_("eigenaar (partner)"), on_delete=models.PROTECT, related_name="+"
    )
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("eigenaar (persoon)"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("aangemaakt door"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    # The latest measurement by date, kept by record_progress so pages need no subquery per result.
    current_value = models.DecimalField(_("laatste waarde"), max_digits=18, decimal_places=4, null=True, blank=True)
    current_on = models.DateField(_("laatst gemeten op"), null=True, blank=True)

    objects = ResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("resultaat")
        verbose_name_plural = _("resultaten")
        ordering = ["due_on", "indicator"]
        indexes = [models.Index(fields=["goal", "due_on"])]

    def __str__(self) -> str:
        return self.indicator

    @property
    def collaboration(self) -> Any:
        return self.goal.collaboration

    def status_on(self, today: datetime.date) -> str:
        return result_status(
            baseline=self.baseline,
            target=self.target,
            value=self.current_value,
            start=self.baseline_on,
            due=self.due_on,
            today=today,
        )

    @cached_property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return str(ResultStatus(self.status).label)

    @property
    def status_css(self) -> str:
        return STATUS_CSS[ResultStatus(self.status)]

    @property
    def progress_percent(self) -> int:
        share = progress_share(self.baseline, self.target, self.current_value)
        return int(min(max(share, Decimal(0)), Decimal(1)) * 100)

    @property
    def is_reached(self) -> bool:
        return result_reached(self)


def result_reached(result: Result) -> bool:
    """Whether ``result``'s latest value meets its target (upward or downward)."""
    if result.current_value is None:
        return False
    if result.target >= result.baseline:
        return result.current_value >= result.target
    return result.current_value <= result.target


class ProgressUpdate(Model):
    """One measurement of a result; the history is kept, the latest by date counts."""

    result = models.ForeignKey(Result, verbose_name=_("resultaat"), on_delete=models.CASCADE, related_name="updates")
    value = models.DecimalField(_("waarde"), max_digits=18, decimal_places=4)
    measured_on = models.DateField(_("peildatum"))
    note = models.TextField(_("toelichting"), blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("ingevoerd op"), default=timezone.now)

    class Meta:
        verbose_name = _("voortgangsmeting")
        verbose_name_plural = _("voortgangsmetingen")
        ordering = ["-measured_on", "-created_at"]
        indexes = [models.Index(fields=["result", "-measured_on", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.result}: {self.value} ({self.measured_on})"

    @property
    def collaboration(self) -> Any:
        return self.result.goal.collaboration


ACTIVE_COMMITMENT = (CommitmentStatus.OPEN, CommitmentStatus.IN_PROGRESS)


class CommitmentQuerySet(QuerySet["Commitment"]):
    def for_goal(self, goal: Goal) -> "CommitmentQuerySet":
        return self.filter(goal=goal).select_related("partner__organisation", "who").order_by("due_on", "id")

    def overdue(self, on: datetime.date | None = None) -> "CommitmentQuerySet":
        """Commitments not done (nor dropped) whose date has passed."""
        on = on or timezone.localdate()
        return self.filter(status__in=ACTIVE_COMMITMENT, due_on__lt=on)


class Commitment(Model):
    """A partner commits to an action: what, who, by when."""

    goal = models.ForeignKey(Goal, verbose_name=_("doel"), on_delete=models.CASCADE, related_name="commitments")
    partner = models.ForeignKey(
        "collaborations.Partner", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="+"
    )
    what = models.CharField(_("wat"), max_length=500)
    who = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("wie"), on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("uiterlijk op"))
    status = models.CharField(
        _("status"), max_length=20, choices=CommitmentStatus.choices, default=CommitmentStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vastgelegd door"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    done_on = models.DateField(_("afgerond op"), null=True, blank=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["due_on"]
        indexes = [models.Index(fields=["goal", "status", "due_on"])]

    def __str__(self) -> str:
        return self.what

    @property
    def collaboration(self) -> Any:
        return self.goal.collaboration

    def is_overdue_on(self, today: datetime.date) -> bool:
        return self.status in ACTIVE_COMMITMENT and self.due_on < today

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())
