"""Base classes every Samen model builds on."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuerySet(models.QuerySet):
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
