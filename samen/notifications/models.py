"""Notifications: one event per recipient, each person's preference per kind, the mails that carry them.

An ``Event`` is what happened, for one person. Its ``cadence`` (immediately, daily, weekly or
off) is decided when it is created, from the person's ``Preference`` for the kind or the
default (addressed to me: immediately; the rest: weekly). A ``Mail`` is one e-mail: either one
event sent immediately or a digest of many; events point to the mail that carried them.
A ``CalendarFeed`` is a person's secret calendar link; only the hash of its token is stored.
"""

import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from samen.core.models import Model, QuerySet

if TYPE_CHECKING:
    from samen.accounts.models import Person


class Kind(models.TextChoices):
    """What a notification is about. Preferences are kept per kind."""

    CONSENT_WAITING = "consent_waiting", _("een instemmingsronde wacht op het besluit van mijn partner")
    SIGNAL_ADDRESSED = "signal_addressed", _("een signaal aan mijn partner")
    ACCOUNTABILITY_ADDRESSED = "accountability_addressed", _("een aanspreekverzoek aan mijn partner")
    CHECKIN_OPEN = "checkin_open", _("een open check-in")
    SPOTLIGHT = "spotlight", _("iemand zet mij in het zonnetje")
    DIGEST_APPROVAL = "digest_approval", _("een raadsbrief wacht op goedkeuring")
    PC_REMINDER = "pc_reminder", _("een herinnering uit de P&C-planning")
    CELEBRATION_PROMPT = "celebration_prompt", _("een succes om te vieren")
    HONESTY_ROUND = "honesty_round", _("een eerlijkheidsronde vraagt om onze verklaring")
    OTHER = "other", _("overige berichten")


class Cadence(models.TextChoices):
    """How often a person wants e-mail about a kind."""

    IMMEDIATELY = "immediately", _("direct")
    DAILY = "daily", _("in een dagelijks overzicht")
    WEEKLY = "weekly", _("in een wekelijks overzicht")
    OFF = "off", _("nooit (uit)")


DIGEST_CADENCES = (Cadence.DAILY, Cadence.WEEKLY)


def default_cadence(addressed: bool) -> str:
    """Without a preference: what is addressed to me (or my partner) at once, the rest weekly."""
    return Cadence.IMMEDIATELY if addressed else Cadence.WEEKLY


class PreferenceQuerySet(QuerySet["Preference"]):
    def cadences_of(self, person: "Person") -> dict[str, str]:
        """``{kind: cadence}`` for the kinds the person has chosen; missing kinds use the default."""
        return dict(self.filter(person=person).values_list("kind", "cadence"))


class Preference(Model):
    """A person's choice for one kind. No row means the default."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("soort melding"), max_length=40, choices=Kind.choices)
    cadence = models.CharField(_("hoe vaak"), max_length=20, choices=Cadence.choices)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = PreferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")
        constraints = [models.UniqueConstraint(fields=["person", "kind"], name="notifications_one_preference_per_kind")]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()} – {self.get_cadence_display()}"


class MailStatus(models.TextChoices):
    PENDING = "pending", _("wacht op verzending")
    SENT = "sent", _("verzonden")
    FAILED = "failed", _("mislukt")
    CANCELLED = "cancelled", _("niet verstuurd")


class MailQuerySet(QuerySet["Mail"]):
    def with_problems(self) -> "MailQuerySet":
        """Mails staff should look at: given up, or still trying after a failed attempt."""
        return (
            self.filter(Q(status=MailStatus.FAILED) | Q(status=MailStatus.PENDING, attempts__gt=0))
            .select_related("recipient")
            .order_by("-created_at")
        )


class Mail(Model):
    """One e-mail to one person: a single event sent immediately, or a daily or weekly digest.

    ``status`` moves from pending to sent in the same transaction as the SMTP hand-over (see
    ``delivery.deliver_batch``), so a mail is claimed and marked sent exactly once.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="notification_mails",
    )
    cadence = models.CharField(_("soort e-mail"), max_length=20, choices=Cadence.choices)
    status = models.CharField(_("status"), max_length=20, choices=MailStatus.choices, default=MailStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=timezone.now)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    task_id = models.CharField(
        _("taak"), max_length=64, blank=True, help_text=_("De achtergrondtaak die deze e-mail verstuurt.")
    )
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)

    objects = MailQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail met meldingen")
        verbose_name_plural = _("e-mails met meldingen")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="notifications_mail_status_idx")]

    def __str__(self) -> str:
        return f"{self.get_cadence_display()} → {self.recipient}"

    def name_message(self) -> "Mail":
        """Give a new mail its Message-ID (before it is saved); returns the mail."""
        self.message_id = message_id_for(self.pk)
        return self


def message_id_for(pk: Any) -> str:
    """A mail's Message-ID, fixed when the mail is made and the same on every attempt: should a worker that
    was killed outright send its last group again, mail programs see the copy as the message they have."""
    return f"<{pk}@{urlsplit(settings.SITE_URL).hostname or 'samen.invalid'}>"


class EventQuerySet(QuerySet["Event"]):
    def of(self, person: "Person") -> "EventQuerySet":
        """A person's own notifications, newest first, with what the overview page shows."""
        return self.filter(recipient=person).select_related("collaboration", "mail").order_by("-created_at", "-id")

    def upcoming_on_calendar(self, person: "Person", now: datetime.datetime, limit: int = 500) -> list["Event"]:
        """The person's events with calendar data that have not ended yet, by start.

        One per calendar uid: when an area notifies again about the same check-in or deadline
        (same uid), the newest notification wins, so a moved date moves in the calendar.
        """
        rows = (
            self.filter(recipient=person, ends_at__gte=now)
            .order_by("-created_at")
            .only("id", "kind", "subject", "body", "url", "calendar", "starts_at", "ends_at", "created_at")[:limit]
        )
        seen: set[str] = set()
        unique: list[Event] = []
        for event in rows:
            if event.calendar_uid not in seen:
                seen.add(event.calendar_uid)
                unique.append(event)
        return sorted(unique, key=lambda event: (event.starts_at, event.created_at))


class Event(Model):
    """Something a person should know about, for that one person."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="notification_events",
    )
    kind = models.CharField(_("soort melding"), max_length=40, choices=Kind.choices)
    subject = models.CharField(_("onderwerp"), max_length=300)
    body = models.TextField(_("tekst"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        verbose_name=_("samenwerking"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    addressed = models.BooleanField(
        _("aan mij gericht"),
        default=True,
        help_text=_("Aan deze persoon of haar partner gericht; zonder voorkeur gaat dat direct, de rest wekelijks."),
    )
    event_at = models.DateTimeField(_("wanneer"), null=True, blank=True)
    calendar = models.JSONField(
        _("agendagegevens"),
        default=dict,
        blank=True,
        help_text=_("Begin, einde en titel voor de agenda (check-ins, termijnen voor instemming)."),
    )
    starts_at = models.DateTimeField(_("begint op"), null=True, blank=True)
    ends_at = models.DateTimeField(_("eindigt op"), null=True, blank=True)
    cadence = models.CharField(
        _("bezorging"),
        max_length=20,
        choices=Cadence.choices,
        help_text=_("Direct, in een dagelijks of wekelijks overzicht, of niet: volgens de voorkeur van de ontvanger."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    mail = models.ForeignKey(
        Mail,
        verbose_name=_("e-mail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("De e-mail (direct of overzicht) die deze melding bevat."),
    )
    delivered_at = models.DateTimeField(_("bezorgd op"), null=True, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notifications_event_person_idx"),
            models.Index(fields=["recipient", "ends_at"], name="notifications_event_cal_idx"),
            # The digest run looks for these: waiting for a digest, not yet in a mail.
            models.Index(
                fields=["cadence", "recipient"], name="notifications_event_wait_idx", condition=Q(mail__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def calendar_uid(self) -> str:
        return calendar_uid_of(self.pk, self.calendar)

    @property
    def link(self) -> str:
        """The url, for a page: only our own paths and site, never another scheme or host."""
        host = urlsplit(settings.SITE_URL).netloc
        return self.url if url_has_allowed_host_and_scheme(self.url, allowed_hosts={host}) else ""

    @property
    def has_calendar(self) -> bool:
        return self.starts_at is not None

    def delivery_label(self) -> Any:
        if self.delivered_at is not None:
            return _("verstuurd")
        if self.cadence == Cadence.OFF:
            return _("geen e-mail (uitgezet)")
        if self.cadence == Cadence.DAILY:
            return _("komt in het dagelijkse overzicht")
        if self.cadence == Cadence.WEEKLY:
            return _("komt in het wekelijkse overzicht")
        return _("wordt verstuurd")


def calendar_uid_of(pk: Any, calendar: dict[str, Any]) -> str:
    """The calendar uid of an event: its area's own (the same check-in again), or one from its id."""
    return str(calendar.get("uid") or f"{pk}@samen")


def hash_feed_token(token: str) -> str:
    from samen.accounts.models import hash_token

    return hash_token(token)


class CalendarFeedQuerySet(QuerySet["CalendarFeed"]):
    def active(self) -> "CalendarFeedQuerySet":
        return self.filter(revoked_at__isnull=True)


class CalendarFeed(Model):
    """A personal calendar link (ICS) with a secret token. Only its SHA-256 is stored."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(_("token (gehasht)"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("agendalink")
        verbose_name_plural = _("agendalinks")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(revoked_at__isnull=True), name="notifications_one_active_feed"
            )
        ]

    def __str__(self) -> str:
        return str(_("Agendalink van %(person)s") % {"person": self.person})
