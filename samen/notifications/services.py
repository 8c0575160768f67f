"""The one entry point other apps use to tell people something: ``notify``; and every change
a person makes to how they are told (preferences, one-click unsubscribe, the calendar link).

Apps call ``notify`` from their service functions (inside the transaction); delivery
(immediately, daily or weekly digest, or off, per person and kind) is decided here. Mails go
out through the task worker once the transaction commits (see ``delivery``).
"""

import datetime
import secrets
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

import structlog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samen import permissions
from samen.audit.services import record
from samen.core.services import require
from samen.notifications.models import (
    DIGEST_CADENCES,
    Cadence,
    CalendarFeed,
    Event,
    Kind,
    Mail,
    Preference,
    default_cadence,
    hash_feed_token,
)

if TYPE_CHECKING:
    from samen.accounts.models import Person

__all__ = [
    "Cadence",
    "Kind",
    "create_calendar_feed",
    "notify",
    "read_unsubscribe_token",
    "revoke_calendar_feed",
    "set_preferences",
    "unsubscribe",
]

log = structlog.get_logger("samen.notifications")

DEFAULT = "default"
"""The preference value that means "no choice of my own": addressed to me at once, the rest weekly."""

UNSUBSCRIBE_SALT = "samen.notifications.unsubscribe"
UNSUBSCRIBE_MAX_AGE = datetime.timedelta(days=90)
CALENDAR_DEFAULT_DURATION = datetime.timedelta(hours=1)


def absolute_url(path: str) -> str:
    """A link for an e-mail or calendar: paths become full URLs on SITE_URL, full URLs stay."""
    if not path:
        return ""
    if path.startswith("/") and not path.startswith("//"):
        return settings.SITE_URL.rstrip("/") + path
    return urljoin(settings.SITE_URL.rstrip("/") + "/", path)


# --- notify ---------------------------------------------------------------------------


def _known_kind(kind: str) -> str:
    if kind in Kind.values:
        return str(kind)
    # Another area may emit a kind before it is added here; deliver it rather than lose it.
    log.warning("notifications.unknown_kind", kind=str(kind))
    return Kind.OTHER


def _people(recipients: Iterable[Any]) -> list[Any]:
    """Active people among ``recipients`` (people or their ids), each once, in the given order."""
    person_model = get_user_model()
    given = list(recipients)
    if all(isinstance(item, person_model) for item in given):
        found = {item.pk: item for item in given if item.is_active}
    else:
        ids = [getattr(item, "pk", item) for item in given]
        found = {p.pk: p for p in person_model.objects.filter(pk__in=ids, is_active=True).only("id", "language")}
    ordered: dict[Any, Any] = {}
    for item in given:
        pk = getattr(item, "pk", item)
        if pk in found:
            ordered.setdefault(pk, found[pk])
    return list(ordered.values())


def _as_aware(value: datetime.datetime) -> datetime.datetime:
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def _calendar_times(calendar: Mapping[str, Any]) -> tuple[dict[str, Any], datetime.datetime, datetime.datetime]:
    """Normalise ``{"start", "end", "summary", ...}`` into JSON plus the start and end as datetimes.

    A ``datetime.date`` start is an all-day item (a deadline); its end is exclusive.
    """
    start = calendar.get("start")
    end = calendar.get("end")
    if isinstance(start, datetime.datetime):
        start = _as_aware(start)
        end = _as_aware(end) if isinstance(end, datetime.datetime) else start + CALENDAR_DEFAULT_DURATION
        starts_at, ends_at, all_day = start, end, False
    elif isinstance(start, datetime.date):
        end = end if isinstance(end, datetime.date) and not isinstance(end, datetime.datetime) else None
        end = end or start + datetime.timedelta(days=1)
        starts_at = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
        ends_at = timezone.make_aware(datetime.datetime.combine(end, datetime.time.min))
        all_day = True
    else:
        raise ValueError("calendar needs a 'start' (a datetime, or a date for an all-day deadline)")
    if ends_at < starts_at:
        raise ValueError("calendar 'end' lies before its 'start'")
    data = {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "all_day": all_day,
        "uid": str(calendar.get("uid") or ""),
        "location": str(calendar.get("location") or ""),
    }
    return data, starts_at, ends_at


def notify(
    *,
    kind: str,
    recipients: Iterable[Any],
    subject: Any,
    body: Any,
    url: str = "",
    collaboration: Any = None,
    addressed: bool = True,
    event_at: Any = None,
    calendar: dict[str, Any] | None = None,
) -> list[Event]:
    """Record one event for each recipient; delivery follows their preference for ``kind``.

    ``recipients``: people (or their ids); inactive people are skipped, duplicates count once.
    ``subject``, ``body`` (and ``calendar["summary"]``): pass ``gettext_lazy``/``format_lazy``
    strings to have them in each recipient's language; plain strings are used as they are.
    ``addressed``: True when the event is addressed to the person (or their partner)
    directly; by default those go out immediately and the rest in the weekly digest.
    ``calendar``: optional {"start": datetime (or date for an all-day deadline), "end": ...,
    "summary": str, "location": str, "uid": str} for an ICS attachment and the calendar feed;
    give the same ``uid`` when you notify about the same check-in or deadline again.
    """
    kind = _known_kind(kind)
    people = _people(recipients)
    if not people:
        return []
    calendar_data: dict[str, Any] = {}
    starts_at = ends_at = None
    if calendar:
        calendar_data, starts_at, ends_at = _calendar_times(calendar)
    if isinstance(event_at, datetime.datetime):
        event_at = _as_aware(event_at)
    elif isinstance(event_at, datetime.date):
        event_at = timezone.make_aware(datetime.datetime.combine(event_at, datetime.time.min))
    chosen = dict(
        Preference.objects.filter(person__in=[p.pk for p in people], kind=kind).values_list("person_id", "cadence")
    )
    texts: dict[str, tuple[str, str, str]] = {}
    events: list[Event] = []
    mails: list[Mail] = []
    now = timezone.now()
    for person in people:
        language = person.language or settings.LANGUAGE_CODE
        if language not in texts:
            with translation.override(language):
                summary = str(calendar.get("summary") or subject) if calendar else ""
                texts[language] = (str(subject)[:300], str(body), summary[:300])
        subject_text, body_text, summary_text = texts[language]
        cadence = chosen.get(person.pk) or default_cadence(addressed)
        mail = None
        if cadence == Cadence.IMMEDIATELY:
            mail = Mail(
                recipient_id=person.pk, cadence=Cadence.IMMEDIATELY, created_at=now, next_attempt_at=now
            ).name_message()
            mails.append(mail)
        events.append(
            Event(
                recipient_id=person.pk,
                kind=kind,
                subject=subject_text,
                body=body_text,
                url=url or "",
                collaboration=collaboration,
                addressed=addressed,
                event_at=event_at,
                calendar={**calendar_data, "summary": summary_text} if calendar_data else {},
                starts_at=starts_at,
                ends_at=ends_at,
                cadence=cadence,
                created_at=now,
                mail=mail,
            )
        )
    with transaction.atomic():
        Mail.objects.bulk_create(mails)
        Event.objects.bulk_create(events)
        if mails:
            from samen.notifications.delivery import enqueue_delivery

            mail_ids = [mail.pk for mail in mails]
            transaction.on_commit(lambda: enqueue_delivery(mail_ids, urgent=True))
    return events


# --- preferences ----------------------------------------------------------------------


def preference_values() -> list[str]:
    return [DEFAULT, *Cadence.values]


def _reroute_waiting(person: "Person", kind: str, value: str) -> int:
    """Move events still waiting for a digest to the new choice, so no backlog floods in.

    Waiting events of a kind switched to "immediately" go into the next daily digest.
    Events that were switched off earlier stay off.
    """
    waiting = Event.objects.filter(recipient=person, kind=kind, mail__isnull=True, cadence__in=DIGEST_CADENCES)
    if value == DEFAULT:
        return waiting.filter(addressed=True).update(cadence=Cadence.DAILY) + waiting.filter(addressed=False).update(
            cadence=Cadence.WEEKLY
        )
    target = Cadence.DAILY if value == Cadence.IMMEDIATELY else value
    return waiting.update(cadence=target)


def _apply_preference(*, person: "Person", kind: str, value: str, by: "Person", via: str, before: str) -> None:
    if value == DEFAULT:
        Preference.objects.filter(person=person, kind=kind).delete()
    else:
        Preference.objects.update_or_create(person=person, kind=kind, defaults={"cadence": value})
    _reroute_waiting(person, kind, value)
    record(
        by,
        "notifications.preference_changed",
        person,
        before={"kind": kind, "cadence": before},
        after={"kind": kind, "cadence": value, "via": via},
    )


def set_preferences(*, person: "Person", by: "Person", choices: Mapping[str, str]) -> list[str]:
    """Set how often ``person`` gets e-mail per kind. Returns the kinds that changed.

    ``choices``: ``{kind: "immediately" | "daily" | "weekly" | "off" | "default"}``. All
    choices are checked first; one unknown kind or value changes nothing.
    """
    require(
        permissions.can_change_notification_preferences(by, person),
        _("U kunt alleen uw eigen meldingsvoorkeuren wijzigen."),
    )
    errors: dict[str, list[str]] = {}
    for kind, value in choices.items():
        if kind not in Kind.values:
            errors.setdefault("__all__", []).append(
                _("Onbekende soort melding: %(kind)s. Er is niets gewijzigd.") % {"kind": kind}
            )
        elif value not in preference_values():
            errors.setdefault(kind, []).append(
                _(
                    "Onbekende keuze “%(value)s”. Kies direct, dagelijks overzicht, wekelijks overzicht, "
                    "nooit of standaard. Er is niets gewijzigd."
                )
                % {"value": value}
            )
    if errors:
        raise ValidationError(errors)
    changed: list[str] = []
    with transaction.atomic():
        current = Preference.objects.select_for_update().cadences_of(person)
        for kind, value in choices.items():
            before = current.get(kind, DEFAULT)
            if before == value:
                continue
            _apply_preference(person=person, kind=kind, value=value, by=by, via="voorkeuren", before=before)
            changed.append(kind)
    return changed


# --- one-click unsubscribe (RFC 8058) ---------------------------------------------------


def unsubscribe_token(person: "Person", kinds: Iterable[str]) -> str:
    """A signed, time-limited token that switches ``kinds`` off for ``person``."""
    return signing.dumps({"p": str(person.pk), "k": sorted(set(kinds))}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(person: "Person", kinds: Iterable[str]) -> str:
    return absolute_url(reverse("notifications:unsubscribe", args=[unsubscribe_token(person, kinds)]))


def read_unsubscribe_token(token: str) -> tuple[Any, list[str]]:
    """The person and kinds behind an unsubscribe link; a clear Dutch message when it is not valid."""
    invalid = ValidationError(
        _(
            "Deze afmeldlink is ongeldig. Gebruik de hele link uit de e-mail, of log in en kies bij "
            "Meldingen › Voorkeuren welke e-mail u wilt krijgen. Er is niets gewijzigd."
        ),
        code="invalid",
    )
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ValidationError(
            _(
                "Deze afmeldlink is verlopen. Log in en kies bij Meldingen › Voorkeuren welke e-mail u "
                "wilt krijgen. Er is niets gewijzigd."
            ),
            code="expired",
        ) from exc
    except signing.BadSignature as exc:
        raise invalid from exc
    if not isinstance(data, dict) or not isinstance(data.get("k"), list) or not data["k"]:
        raise invalid
    kinds = [kind for kind in data["k"] if kind in Kind.values]
    if len(kinds) != len(data["k"]):
        raise invalid
    person = get_user_model().objects.filter(pk=data.get("p"), is_active=True).first()
    if person is None:
        raise invalid
    return person, kinds


def unsubscribe(*, token: str) -> tuple[Any, list[str]]:
    """Switch off the kinds in a valid unsubscribe link. Idempotent: a second click changes nothing."""
    person, kinds = read_unsubscribe_token(token)
    with transaction.atomic():
        current = Preference.objects.select_for_update().cadences_of(person)
        for kind in kinds:
            before = current.get(kind, DEFAULT)
            if before != Cadence.OFF:
                _apply_preference(
                    person=person, kind=kind, value=Cadence.OFF, by=person, via="afmeldlink", before=before
                )
    log.info("notifications.unsubscribed", person_id=str(person.pk), kinds=kinds)
    return person, kinds


# --- the personal calendar link ---------------------------------------------------------


def calendar_feed_url(token: str) -> str:
    return absolute_url(reverse("notifications:calendar_feed", args=[token]))


CALENDAR_FEED_REFUSED = gettext_lazy("U kunt alleen uw eigen agendalink beheren.")


def create_calendar_feed(*, person: "Person", by: "Person") -> str:
    """A new secret calendar link for ``person``; an older one stops working. Returns the token.

    The token is shown once; only its hash is stored.
    """
    require(permissions.can_change_notification_preferences(by, person), str(CALENDAR_FEED_REFUSED))
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        for feed in CalendarFeed.objects.select_for_update().active().filter(person=person):
            _revoke(feed, by=by)
        feed = CalendarFeed.objects.create(person=person, token_hash=hash_feed_token(token))
        record(by, "notifications.calendar_feed_created", feed)
    return token


def _revoke(feed: CalendarFeed, *, by: "Person") -> None:
    feed.revoked_at = timezone.now()
    feed.save(update_fields=["revoked_at"])
    record(by, "notifications.calendar_feed_revoked", feed)


def revoke_calendar_feed(*, person: "Person", by: "Person") -> None:
    """Stop the person's calendar link; calendar apps then get 404 and no data."""
    require(permissions.can_change_notification_preferences(by, person), str(CALENDAR_FEED_REFUSED))
    with transaction.atomic():
        feeds = list(CalendarFeed.objects.select_for_update().active().filter(person=person))
        if not feeds:
            raise ValidationError(_("U hebt geen agendalink die u kunt intrekken."))
        for feed in feeds:
            _revoke(feed, by=by)


def find_calendar_feed(token: str) -> CalendarFeed | None:
    """The active feed behind ``token``, or None (unknown, revoked, or its person is inactive)."""
    if not token or len(token) > 100:
        return None
    return (
        CalendarFeed.objects.active()
        .select_related("person")
        .filter(token_hash=hash_feed_token(token), person__is_active=True)
        .first()
    )
