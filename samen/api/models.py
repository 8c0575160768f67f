"""Personal API tokens: a person's key to /api/v1, stored only as its SHA-256."""

import datetime
import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.core.models import Model, QuerySet


class TokenLifetime(models.IntegerChoices):
    """How long a new token works; a token for a real system should be renewed now and then."""

    MONTH = 30, _("30 dagen")
    QUARTER = 90, _("90 dagen")
    YEAR = 365, _("1 jaar")


class TokenScope(models.TextChoices):
    READ = "lezen", _("alleen lezen")
    READ_WRITE = "lezen_schrijven", _("lezen en schrijven")


def default_expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=TokenLifetime.YEAR)


def hash_api_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(QuerySet["ApiToken"]):
    def active(self) -> "ApiTokenQuerySet":
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())

    def of_person(self, person: object) -> "ApiTokenQuerySet":
        return self.filter(person=person).order_by("revoked_at", "-created_at")


class ApiToken(Model):
    """One personal token. The token itself is shown once; only its hash and a short prefix are kept."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        _("omschrijving"),
        max_length=100,
        help_text=_("Waarvoor gebruikt u dit token? Bijvoorbeeld: dashboard griffie."),
    )
    scope = models.CharField(_("rechten"), max_length=20, choices=TokenScope.choices, default=TokenScope.READ)
    token_hash = models.CharField(_("SHA-256 van het token"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        _("begin van het token"),
        max_length=16,
        editable=False,
        help_text=_("Zo herkent u het token zonder het hele token te bewaren."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    last_used_at = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    expires_at = models.DateTimeField(
        _("verloopt op"), default=default_expiry, help_text=_("Na dit moment werkt het token niet meer.")
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def may_write(self) -> bool:
        return self.scope == TokenScope.READ_WRITE
