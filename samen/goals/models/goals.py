"""Goals and their versions: written together, every version and every edit kept."""

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.core.models import Model, QuerySet, VersionedModel
from samen.goals.choices import GoalState, RoundStatus, VersionStatus

if TYPE_CHECKING:
    from samen.collaborations.models import Collaboration
    from samen.goals.models.consent import ConsentRound


IN_PROGRESS = (VersionStatus.DRAFT, VersionStatus.IN_CONSENT)


class GoalQuerySet(QuerySet["Goal"]):
    def for_collaboration(self, collaboration: "Collaboration", *, drafts_visible: bool = True) -> "GoalQuerySet":
        """Goals of one collaboration; readers (``drafts_visible=False``) see adopted goals only."""
        qs = self.filter(collaboration=collaboration)
        if not drafts_visible:
            qs = qs.filter(adopted_version__isnull=False)
        return qs

    def overview_for(self, collaboration: "Collaboration", *, drafts_visible: bool = True) -> "GoalQuerySet":
        """The goals overview: versions joined, the open round's deadline as a subquery."""
        from samen.goals.models.consent import ConsentRound

        open_rounds = ConsentRound.objects.filter(goal=OuterRef("pk"), status=RoundStatus.OPEN)
        return (
            self.for_collaboration(collaboration, drafts_visible=drafts_visible)
            .select_related("latest_version", "adopted_version")
            .annotate(
                open_round_id=Subquery(open_rounds.values("pk")[:1]),
                open_round_deadline=Subquery(open_rounds.values("deadline")[:1]),
            )
            .order_by("-created_at", "id")
        )


class Goal(Model):
    """A goal of the collaboration. Its text lives in versions; one may be in force (adopted)."""

    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        verbose_name=_("samenwerking"),
        on_delete=models.CASCADE,
        related_name="goals",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("aangemaakt door"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    latest_version = models.ForeignKey(
        "goals.GoalVersion",
        verbose_name=_("laatste versie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    adopted_version = models.ForeignKey(
        "goals.GoalVersion",
        verbose_name=_("geldende versie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("De vastgestelde versie die nu geldt."),
    )
    adopted_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)

    objects = GoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["collaboration", "-created_at"])]

    def __str__(self) -> str:
        version = self.adopted_version or self.latest_version
        return version.title if version else str(_("doel"))

    @property
    def title(self) -> str:
        """The title people know the goal by: the one in force, else the latest draft."""
        return str(self)

    @property
    def state(self) -> str:
        latest = self.latest_version
        if self.adopted_version_id is not None:
            if latest is not None and latest.pk != self.adopted_version_id and latest.status in IN_PROGRESS:
                return GoalState.CHANGE_PENDING
            return GoalState.ADOPTED
        if latest is not None and latest.status == VersionStatus.IN_CONSENT:
            return GoalState.IN_CONSENT
        return GoalState.DRAFT

    def get_state_display(self) -> str:
        return str(GoalState(self.state).label)

    @property
    def is_adopted(self) -> bool:
        return self.adopted_version_id is not None

    @property
    def draft(self) -> "GoalVersion | None":
        """The version that may still be edited, if any."""
        latest = self.latest_version
        return latest if latest is not None and latest.status == VersionStatus.DRAFT else None

    def open_round(self) -> "ConsentRound | None":
        return self.rounds.filter(status=RoundStatus.OPEN).select_related("version").first()


class GoalVersionQuerySet(QuerySet["GoalVersion"]):
    def history(self, goal: Goal) -> "GoalVersionQuerySet":
        return self.filter(goal=goal).select_related("author", "author_partner__organisation").order_by("number")


class GoalVersion(VersionedModel):
    """One wording of a goal. A draft is edited together; from a consent round on it is frozen."""

    goal = models.ForeignKey(Goal, verbose_name=_("doel"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versienummer"))
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("tekst"), help_text=_("Wat willen we samen bereiken, en waaraan zien we dat?"))
    reason = models.TextField(
        _("reden"), blank=True, help_text=_("Waarom deze (nieuwe) versie? Verplicht bij een wijzigingsvoorstel.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opgesteld door"), on_delete=models.PROTECT, related_name="+"
    )
    author_partner = models.ForeignKey(
        "collaborations.Partner", verbose_name=_("namens partner"), on_delete=models.PROTECT, related_name="+"
    )
    based_on = models.ForeignKey(
        "self", verbose_name=_("gebaseerd op"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    updated_at = models.DateTimeField(_("laatst bewerkt op"), default=timezone.now)
    adopted_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)

    objects = GoalVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("doelversie")
        verbose_name_plural = _("doelversies")
        ordering = ["goal", "number"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "number"], name="goal_version_number_once"),
            # One version at a time is being written or decided on; a double submit cannot open a second.
            models.UniqueConstraint(
                fields=["goal"], condition=Q(status__in=["concept", "instemming"]), name="goal_one_version_in_progress"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def collaboration(self) -> Any:
        return self.goal.collaboration

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT


class GoalEdit(Model):
    """A snapshot of a version's wording each time someone saves it: the basis of co-authorship."""

    version = models.ForeignKey(GoalVersion, verbose_name=_("versie"), on_delete=models.CASCADE, related_name="edits")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    partner = models.ForeignKey(
        "collaborations.Partner", verbose_name=_("namens partner"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("tekst"))
    saved_at = models.DateTimeField(_("opgeslagen op"), default=timezone.now)

    class Meta:
        verbose_name = _("bewerking van een doel")
        verbose_name_plural = _("bewerkingen van doelen")
        ordering = ["saved_at"]
        indexes = [models.Index(fields=["version", "saved_at"])]

    def __str__(self) -> str:
        return f"{self.version} ({self.person})"
