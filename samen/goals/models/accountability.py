"""Holding each other to account (aanspreken): a respectful question to the owner of a commitment or result."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Func, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.core.models import Model, QuerySet
from samen.goals.choices import Outcome, RequestStatus
from samen.goals.models.goals import Goal
from samen.goals.models.results import Commitment, Result


class AccountabilityRequestQuerySet(QuerySet["AccountabilityRequest"]):
    # A correlated count instead of GROUP BY over every selected column.
    def for_goal(self, goal: Goal) -> "AccountabilityRequestQuerySet":
        return (
            self.filter(goal=goal)
            .select_related(
                "raised_by", "raised_by_partner__organisation", "addressed_to__organisation", "commitment", "result"
            )
            .annotate(reply_count=_reply_count())
            .order_by("-created_at")
        )

    def open(self) -> "AccountabilityRequestQuerySet":
        return self.exclude(status=RequestStatus.CLOSED)


class AccountabilityRequest(Model):
    """A question from one partner to the partner that owns a commitment or result, with replies and an outcome."""

    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        verbose_name=_("samenwerking"),
        on_delete=models.CASCADE,
        related_name="accountability_requests",
    )
    goal = models.ForeignKey(
        Goal, verbose_name=_("doel"), on_delete=models.CASCADE, related_name="accountability_requests"
    )
    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("afspraak"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="accountability_requests",
    )
    result = models.ForeignKey(
        Result,
        verbose_name=_("resultaat"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="accountability_requests",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gesteld door"), on_delete=models.PROTECT, related_name="+"
    )
    raised_by_partner = models.ForeignKey(
        "collaborations.Partner", verbose_name=_("namens partner"), on_delete=models.PROTECT, related_name="+"
    )
    addressed_to = models.ForeignKey(
        "collaborations.Partner", verbose_name=_("gericht aan"), on_delete=models.PROTECT, related_name="+"
    )
    question = models.TextField(
        _("vraag"), help_text=_("Stel een open, respectvolle vraag: wat ziet u, en wat vraagt u van de ander?")
    )
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_text = models.TextField(_("toelichting op de uitkomst"), blank=True)
    created_at = models.DateTimeField(_("gesteld op"), default=timezone.now)
    closed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgerond door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = AccountabilityRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanspreekverzoek")
        verbose_name_plural = _("aanspreekverzoeken")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(commitment__isnull=False) & Q(result__isnull=True))
                | (Q(commitment__isnull=True) & Q(result__isnull=False)),
                name="accountability_on_commitment_or_result",
            )
        ]

    def __str__(self) -> str:
        return str(_("Aanspreekverzoek over %(subject)s")) % {"subject": self.subject}

    @property
    def subject(self) -> Commitment | Result | None:
        return self.commitment or self.result

    @property
    def is_closed(self) -> bool:
        return self.status == RequestStatus.CLOSED


class AccountabilityReply(Model):
    request = models.ForeignKey(
        AccountabilityRequest, verbose_name=_("aanspreekverzoek"), on_delete=models.CASCADE, related_name="replies"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    partner = models.ForeignKey(
        "collaborations.Partner",
        verbose_name=_("namens partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("reactie"))
    created_at = models.DateTimeField(_("geplaatst op"), default=timezone.now)

    class Meta:
        verbose_name = _("reactie op een aanspreekverzoek")
        verbose_name_plural = _("reacties op aanspreekverzoeken")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.person}: {self.text[:60]}"

    @property
    def collaboration(self) -> Any:
        return self.request.collaboration


def _reply_count() -> Subquery:
    replies = (
        AccountabilityReply.objects.filter(request=OuterRef("pk"))
        .order_by()
        .annotate(n=Func(F("id"), function="COUNT"))
        .values("n")
    )
    return Subquery(replies, output_field=models.IntegerField())
