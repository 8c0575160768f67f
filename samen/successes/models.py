"""Successes, spotlights ("in het zonnetje") and the prompts that ask to celebrate what was reached."""

import datetime
import os
import uuid
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.db import models
from django.db.models import Count
from django.db.models.functions import TruncQuarter
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.core.models import Model, QuerySet, VersionedModel
from samen.successes.choices import PromptReason

if TYPE_CHECKING:
    from samen.collaborations.models import Collaboration


def attachment_path(instance: "Success", filename: str) -> str:
    """A random name under MEDIA_ROOT: the uploader's file name never reaches the disk.

    The extension comes from the type detected in the content (see attachments.py).
    """
    extension = os.path.splitext(filename)[1].lower()
    return f"successen/{uuid.uuid4().hex}{extension}"


class SuccessQuerySet(QuerySet["Success"]):
    def visible_to(self, *, internal: bool) -> "SuccessQuerySet":
        """Everything for people who work in the collaboration; only public successes for readers."""
        return self if internal else self.filter(is_public=True)

    def public(self) -> "SuccessQuerySet":
        return self.filter(is_public=True)

    def in_period(self, start: datetime.date, end: datetime.date) -> "SuccessQuerySet":
        return self.filter(date__gte=start, date__lte=end)

    def for_list(self) -> "SuccessQuerySet":
        """What a list of successes shows; related rows in a fixed number of queries."""
        return self.select_related("goal", "result", "recorded_by").prefetch_related("partners__organisation", "people")

    def feed(self, collaboration: "Collaboration", *, internal: bool) -> "SuccessQuerySet":
        return (
            self.filter(collaboration=collaboration)
            .visible_to(internal=internal)
            .for_list()
            .order_by("-date", "-recorded_at")
        )

    def quarter_counts(self) -> dict[datetime.date, int]:
        """Number of successes per quarter, keyed by the first day of the quarter."""
        rows = (
            self.order_by()
            .annotate(quarter=TruncQuarter("date"))
            .values("quarter")
            .annotate(count=Count("id", distinct=True))
            .values_list("quarter", "count")
        )
        return {_as_date(quarter): count for quarter, count in rows}

    def partner_counts(self) -> dict[uuid.UUID, int]:
        """Number of successes per partner involved (one grouped query on the link table)."""
        links = Success.partners.through.objects.filter(success__in=self.order_by().values("pk"))
        rows = links.values("partner_id").annotate(count=Count("success_id")).values_list("partner_id", "count")
        return dict(rows)


def _as_date(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, str):  # some SQLite versions hand the truncated date back as text
        return datetime.date.fromisoformat(value[:10])
    return cast(datetime.date, value)


class Success(VersionedModel):
    """Something the collaboration achieved, told as a story and credited to people and teams."""

    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        verbose_name=_("samenwerking"),
        on_delete=models.CASCADE,
        related_name="successes",
    )
    title = models.CharField(_("titel"), max_length=200)
    story = models.TextField(
        _("verhaal"),
        max_length=5000,
        help_text=_("Wat is er bereikt, voor wie, en hoe? Schrijf het zo dat een inwoner het begrijpt."),
    )
    date = models.DateField(_("datum"), help_text=_("Wanneer is het succes behaald? Niet in de toekomst."))
    partners = models.ManyToManyField(
        "collaborations.Partner", verbose_name=_("betrokken partners"), related_name="successes"
    )
    goal = models.ForeignKey(
        "goals.Goal",
        verbose_name=_("doel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successes",
    )
    result = models.ForeignKey(
        "goals.Result",
        verbose_name=_("resultaat"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successes",
    )
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("genoemde mensen"),
        blank=True,
        related_name="credited_successes",
        help_text=_("De mensen die dit mogelijk maakten, bij naam."),
    )
    teams = models.TextField(
        _("genoemde teams"),
        blank=True,
        max_length=1000,
        help_text=_("Eén team per regel, bijvoorbeeld ‘Team Vergunningen Zeist’."),
    )
    attachment = models.FileField(_("bijlage"), upload_to=attachment_path, blank=True, max_length=200)
    attachment_name = models.CharField(_("oorspronkelijke bestandsnaam"), max_length=200, blank=True)
    attachment_type = models.CharField(_("soort bijlage"), max_length=50, blank=True)
    attachment_size = models.PositiveIntegerField(_("grootte van de bijlage (bytes)"), default=0)
    is_public = models.BooleanField(
        _("openbaar"),
        default=False,
        help_text=_("Alleen openbare successen komen in stukken voor buiten: de successenbrief, de pers, de raad."),
    )
    made_public_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("openbaar gemaakt door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    made_public_at = models.DateTimeField(_("openbaar gemaakt op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vastgelegd door"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    objects = SuccessQuerySet.as_manager()

    class Meta:
        verbose_name = _("succes")
        verbose_name_plural = _("successen")
        ordering = ["-date", "-recorded_at"]
        indexes = [
            models.Index(fields=["collaboration", "-date"]),
            models.Index(fields=["collaboration", "is_public", "date"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def team_list(self) -> list[str]:
        return teams_from_text(self.teams)

    @property
    def credits(self) -> list[str]:
        """Everyone credited, people first, by name."""
        return [person.full_name or str(person) for person in self.people.all()] + self.team_list

    @property
    def partner_names(self) -> list[str]:
        return [partner.organisation.name for partner in self.partners.all()]

    @property
    def has_attachment(self) -> bool:
        return bool(self.attachment)

    @property
    def attachment_is_image(self) -> bool:
        return self.attachment_type.startswith("image/")


def teams_from_text(text: str) -> list[str]:
    """One team per line (commas also separate); blanks and repeats dropped, order kept."""
    names = [part.strip() for line in text.splitlines() for part in line.split(",")]
    return list(dict.fromkeys(name for name in names if name))


class SpotlightQuerySet(QuerySet["Spotlight"]):
    def feed(self, collaboration: "Collaboration") -> "SpotlightQuerySet":
        return (
            self.filter(collaboration=collaboration)
            .select_related("given_by__organisation")
            .prefetch_related("people")
            .order_by("-created_at")
        )


class Spotlight(Model):
    """A short public thank-you inside the collaboration: one person puts people or a team in the sun."""

    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        verbose_name=_("samenwerking"),
        on_delete=models.CASCADE,
        related_name="spotlights",
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("van"), on_delete=models.PROTECT, related_name="spotlights_given"
    )
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("mensen"), blank=True, related_name="spotlights_received"
    )
    team = models.CharField(_("team"), max_length=200, blank=True)
    message = models.TextField(
        _("waarom"), max_length=1000, help_text=_("Kort en concreet: wat deed deze persoon of dit team?")
    )
    created_at = models.DateTimeField(_("gegeven op"), default=timezone.now)

    objects = SpotlightQuerySet.as_manager()

    class Meta:
        verbose_name = _("in het zonnetje")
        verbose_name_plural = _("in het zonnetje")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["collaboration", "-created_at"])]

    def __str__(self) -> str:
        names = [person.full_name for person in self.people.all()]
        if self.team:
            names.append(self.team)
        return ", ".join(names)

    @property
    def recipients(self) -> list[str]:
        return [person.full_name or str(person) for person in self.people.all()] + ([self.team] if self.team else [])


class CelebrationPromptQuerySet(QuerySet["CelebrationPrompt"]):
    def open(self) -> "CelebrationPromptQuerySet":
        return self.filter(success__isnull=True)

    def open_for(self, collaboration: "Collaboration") -> "CelebrationPromptQuerySet":
        return self.open().filter(collaboration=collaboration).select_related("goal", "result").order_by("-reached_on")


class CelebrationPrompt(Model):
    """Something was reached and nobody celebrated it yet. A success recorded for it closes it.

    ``key`` names what was reached (for example ``result:<id>``), so the same achievement
    never prompts twice, however often the prompts are refreshed.
    """

    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        verbose_name=_("samenwerking"),
        on_delete=models.CASCADE,
        related_name="celebration_prompts",
    )
    reason = models.CharField(_("aanleiding"), max_length=30, choices=PromptReason.choices)
    key = models.CharField(_("sleutel"), max_length=120)
    title = models.CharField(_("wat is bereikt"), max_length=300)
    goal = models.ForeignKey(
        "goals.Goal", verbose_name=_("doel"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    result = models.ForeignKey(
        "goals.Result",
        verbose_name=_("resultaat"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    reached_on = models.DateField(_("bereikt op"))
    created_at = models.DateTimeField(_("gesignaleerd op"), default=timezone.now)
    success = models.ForeignKey(
        Success,
        verbose_name=_("gevierd met"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="prompts",
    )
    closed_at = models.DateTimeField(_("gevierd op"), null=True, blank=True)

    objects = CelebrationPromptQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanleiding om te vieren")
        verbose_name_plural = _("aanleidingen om te vieren")
        ordering = ["-reached_on"]
        constraints = [models.UniqueConstraint(fields=["collaboration", "key"], name="prompt_once_per_achievement")]
        indexes = [models.Index(fields=["collaboration", "success"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.success_id is None
