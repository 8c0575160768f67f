"""Base classes every Samen model builds on."""

import uuid
from typing import TypeVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_M = TypeVar("_M", bound=models.Model, covariant=True)


class QuerySet(models.QuerySet[_M]):
    """A queryset that loads related objects for all peers at once (Django 6.1 FETCH_PEERS).

    Touching ``partner.organisation`` on one row of a list then fetches the
    organisations of every row in one query, so pages cannot fall into N+1.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._fetch_mode = models.FETCH_PEERS


class Model(models.Model):
    """UUID as primary key: ids in URLs and the API reveal nothing and are never guessed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    objects = QuerySet.as_manager()

    class Meta:
        abstract = True


class VersionedModel(Model):
    """A model edited by people in forms: ``version`` detects concurrent edits."""

    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        abstract = True


class SubmissionKey(models.Model):
    """A one-time key of a create action: the same key again returns the first result, it creates nothing.

    Web forms carry one in a hidden field (``samen.core.idempotency``); API clients send ``Idempotency-Key``.
    ``status`` is empty while the first request is being handled.
    """

    person = models.ForeignKey("accounts.Person", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("kanaal"), max_length=3)
    key = models.CharField(_("sleutel"), max_length=255)
    fingerprint = models.CharField(_("vingerafdruk van het verzoek"), max_length=64, blank=True)
    status = models.PositiveSmallIntegerField(_("statuscode"), null=True, blank=True)
    location = models.CharField(_("adres van het resultaat"), max_length=2000, blank=True)
    body = models.TextField(_("antwoord"), blank=True)
    expires_at = models.DateTimeField(_("verloopt op"), db_index=True)

    class Meta:
        verbose_name = _("eenmalige verzendsleutel")
        verbose_name_plural = _("eenmalige verzendsleutels")
        constraints = [models.UniqueConstraint(fields=["person", "channel", "key"], name="one_submission_per_key")]

    def __str__(self) -> str:
        return self.key


class DocumentStatus(models.TextChoices):
    WAITING = "wachtend", _("wacht op de verwerker")
    RENDERING = "bezig", _("wordt gemaakt")
    READY = "klaar", _("klaar")
    FAILED = "mislukt", _("mislukt")


class RenderedDocument(Model):
    """A PDF or large export made by the task worker, kept and handed out again until its content changes.

    ``content_key`` identifies the content: the same key is the same document, so a second request
    reuses the file (see ``samen.core.documents``).
    """

    builder = models.CharField(_("maker"), max_length=120, help_text=_("De functie die het document maakt."))
    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        verbose_name=_("samenwerking"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    content_key = models.CharField(_("inhoudssleutel"), max_length=64, db_index=True)
    filename = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("soort bestand"), max_length=120)
    source = models.TextField(_("bron"), blank=True, help_text=_("De HTML waaruit een PDF wordt gemaakt."))
    params = models.JSONField(_("gegevens"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.WAITING
    )
    progress = models.PositiveSmallIntegerField(_("voortgang (procent)"), default=0)
    file = models.FileField(_("bestand"), upload_to="documenten/%Y/%m/", blank=True)
    error = models.TextField(_("fout"), blank=True)
    created_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("gemaakt document")
        verbose_name_plural = _("gemaakte documenten")
        indexes = [models.Index(fields=["builder", "content_key"], name="document_by_content")]

    def __str__(self) -> str:
        return self.filename

    @property
    def is_ready(self) -> bool:
        return self.status == DocumentStatus.READY


class ChangeStamp(models.Model):
    """One row: a counter that moves with every change, the stamp of the cached page fragments (``core.fragments``)."""

    ONE = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=ONE, editable=False)
    n = models.BigIntegerField(_("wijzigingen"), default=0)

    class Meta:
        verbose_name = _("wijzigingsstempel")
        verbose_name_plural = _("wijzigingsstempels")

    def __str__(self) -> str:
        return str(self.n)
