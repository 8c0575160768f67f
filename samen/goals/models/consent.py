"""What each partner gains, and the consent round: ambtelijk advice, bestuurlijk decision per partner."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.core.models import Model, QuerySet, VersionedModel
from samen.goals.choices import AdviceKind, DecisionKind, RoundStatus
from samen.goals.models.goals import Goal, GoalVersion

if TYPE_CHECKING:
    from samen.collaborations.models import Partner


class BenefitQuerySet(QuerySet["Benefit"]):
    def for_goal(self, goal: Goal) -> "BenefitQuerySet":
        return self.filter(goal=goal).select_related("partner__organisation", "author")


class Benefit(VersionedModel):
    """ "Wat levert het ons op": one statement per partner per goal, written by that partner."""

    goal = models.ForeignKey(Goal, verbose_name=_("doel"), on_delete=models.CASCADE, related_name="benefits")
    partner = models.ForeignKey(
        "collaborations.Partner", verbose_name=_("partner"), on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(
        _("wat levert het ons op"),
        help_text=_("Wat levert dit doel uw organisatie op? Concreet: voor inwoners, organisatie of begroting."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("geschreven door"), on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), default=timezone.now)

    objects = BenefitQuerySet.as_manager()

    class Meta:
        verbose_name = _("opbrengst voor een partner")
        verbose_name_plural = _("opbrengsten voor partners")
        constraints = [models.UniqueConstraint(fields=["goal", "partner"], name="benefit_once_per_partner")]

    def __str__(self) -> str:
        return f"{self.partner}: {self.text[:60]}"

    @property
    def collaboration(self) -> Any:
        return self.goal.collaboration


class ConsentRound(Model):
    """A round of consent on one goal version. Closed by adoption or by a new version."""

    goal = models.ForeignKey(Goal, verbose_name=_("doel"), on_delete=models.CASCADE, related_name="rounds")
    version = models.OneToOneField(
        GoalVersion, verbose_name=_("versie"), on_delete=models.CASCADE, related_name="consent_round"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("geopend door"), on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("geopend op"), default=timezone.now)
    deadline = models.DateField(_("besluit gevraagd vóór"))
    status = models.CharField(_("status"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("instemmingsronde")
        verbose_name_plural = _("instemmingsrondes")
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(fields=["goal"], condition=Q(status="open"), name="consent_round_one_open_per_goal")
        ]

    def __str__(self) -> str:
        return str(_("Instemmingsronde over versie %(number)s van %(goal)s")) % {
            "number": self.version.number,
            "goal": self.version.title,
        }

    @property
    def collaboration(self) -> Any:
        return self.goal.collaboration

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.deadline < timezone.localdate()


class Advice(Model):
    """Ambtelijk advice to the partner's bestuur: support, or concerns with a text. One per person per round."""

    round = models.ForeignKey(
        ConsentRound, verbose_name=_("instemmingsronde"), on_delete=models.CASCADE, related_name="advice"
    )
    partner = models.ForeignKey(
        "collaborations.Partner", verbose_name=_("partner"), on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("adviseur"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("advies"), max_length=10, choices=AdviceKind.choices)
    text = models.TextField(_("toelichting"), blank=True)
    given_at = models.DateTimeField(_("gegeven op"), default=timezone.now)

    class Meta:
        verbose_name = _("ambtelijk advies")
        verbose_name_plural = _("ambtelijke adviezen")
        ordering = ["given_at"]
        constraints = [models.UniqueConstraint(fields=["round", "person"], name="advice_once_per_person")]

    def __str__(self) -> str:
        return f"{self.partner}: {self.get_kind_display()}"

    @property
    def collaboration(self) -> Any:
        return self.round.goal.collaboration


NEEDS_TEXT = (DecisionKind.CONDITIONAL, DecisionKind.OBJECTION)
CONSENTING = (DecisionKind.CONSENT, DecisionKind.CONDITIONAL)


class Decision(Model):
    """The bestuurlijk decision of one partner in one round; changed in place while the round is open."""

    round = models.ForeignKey(
        ConsentRound, verbose_name=_("instemmingsronde"), on_delete=models.CASCADE, related_name="decisions"
    )
    partner = models.ForeignKey(
        "collaborations.Partner", verbose_name=_("partner"), on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("besloten door"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("besluit"), max_length=20, choices=DecisionKind.choices)
    text = models.TextField(
        _("toelichting"),
        blank=True,
        help_text=_("Verplicht bij voorwaarden (de voorwaarden) en bij bezwaar (de reden)."),
    )
    decided_at = models.DateTimeField(_("besloten op"), default=timezone.now)
    changes = models.PositiveIntegerField(_("keren gewijzigd"), default=0)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["decided_at"]
        constraints = [models.UniqueConstraint(fields=["round", "partner"], name="decision_once_per_partner")]

    def __str__(self) -> str:
        return f"{self.partner}: {self.get_kind_display()}"

    @property
    def collaboration(self) -> Any:
        return self.round.goal.collaboration

    @property
    def is_consent(self) -> bool:
        return self.kind in CONSENTING


@dataclass
class PartnerTally:
    partner: "Partner"
    decision: Decision | None = None
    advice: list[Advice] = field(default_factory=list)


@dataclass
class Tally:
    """Where a round stands, counting only the partners that are current now."""

    rows: list[PartnerTally]
    departed: list[Decision] = field(default_factory=list)

    def _count(self, *kinds: str) -> int:
        return sum(1 for row in self.rows if row.decision is not None and row.decision.kind in kinds)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def consented(self) -> int:
        return self._count(*CONSENTING)

    @property
    def objected(self) -> int:
        return self._count(DecisionKind.OBJECTION)

    @property
    def abstained(self) -> int:
        return self._count(DecisionKind.ABSTAIN)

    @property
    def waiting(self) -> list["Partner"]:
        return [row.partner for row in self.rows if row.decision is None]

    @property
    def adoptable(self) -> bool:
        """The adoption rule.

        Every current partner has decided, nobody objects, and at least one consents.
        Abstaining means standing aside: it does not block and is shown as such, but a
        goal that no partner consents to is not adopted.
        """
        return bool(self.rows) and not self.waiting and self.objected == 0 and self.consented > 0

    @property
    def conditions(self) -> list[Decision]:
        return [row.decision for row in self.rows if row.decision and row.decision.kind == DecisionKind.CONDITIONAL]


def tally(partners: Iterable["Partner"], decisions: Iterable[Decision], advice: Iterable[Advice] = ()) -> Tally:
    """Count the decisions of ``partners`` (the current ones); decisions of partners that left are set apart."""
    rows = {partner.pk: PartnerTally(partner=partner) for partner in partners}
    departed = []
    for decision in decisions:
        if decision.partner_id in rows:
            rows[decision.partner_id].decision = decision
        else:
            departed.append(decision)
    for item in advice:
        if item.partner_id in rows:
            rows[item.partner_id].advice.append(item)
    return Tally(rows=list(rows.values()), departed=departed)
