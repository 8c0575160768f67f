"""Turning a ``Mail`` and its events into an e-mail: text in the person's language, per-kind
unsubscribe links, RFC 8058 one-click headers, and an ICS attachment for calendar items."""

import datetime
import email.policy
from collections.abc import Sequence
from email.headerregistry import HeaderRegistry, UnstructuredHeader
from functools import lru_cache
from itertools import groupby
from typing import TYPE_CHECKING, Any, Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samen.core import formatting
from samen.notifications import ics
from samen.notifications.models import Cadence, Kind, Mail, message_id_for
from samen.notifications.services import absolute_url, unsubscribe_token

if TYPE_CHECKING:
    from samen.accounts.models import Person

DIGEST_MAX_ITEMS = 100
"""A digest lists at most this many events; the rest are on the Meldingen page."""

KIND_ORDER = {kind: position for position, kind in enumerate(Kind.values)}


class Line(Protocol):
    """What a mail reads of an event: an ``Event``, or the lighter row ``delivery`` loads by the thousand."""

    @property
    def pk(self) -> Any: ...
    @property
    def kind(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def collaboration(self) -> Any: ...
    @property
    def calendar(self) -> dict[str, Any]: ...
    @property
    def starts_at(self) -> datetime.datetime | None: ...
    @property
    def created_at(self) -> datetime.datetime: ...
    @property
    def calendar_uid(self) -> str: ...
    @property
    def has_calendar(self) -> bool: ...


class _UnfoldedHeader(UnstructuredHeader):
    """A header written on one line. Python folds a long URL into RFC 2047 encoded-words, which
    mail providers do not read in List-Unsubscribe; one line of up to 998 octets is allowed."""

    def fold(self, *, policy: Any) -> str:
        return f"{self.name}: {self}{policy.linesep}"  # type: ignore[attr-defined]


# Headers whose value is the same in thousands of mails (sender, MIME parts, fixed flags).
_SHARED_HEADERS = frozenset(
    {
        "from",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
        "content-disposition",
        "auto-submitted",
        "list-unsubscribe-post",
        "content-language",
    }
)


class _Headers(HeaderRegistry):
    """The standard header classes, composed once per name (the stdlib builds a new class per header).

    Parsing a header is the costliest step of writing a mail; a header that every digest carries with
    the same value is parsed once and shared (header objects are immutable strings).
    """

    def __init__(self) -> None:
        super().__init__()
        self._composed: dict[str, Any] = {}
        self._parsed: dict[tuple[str, str], Any] = {}

    def __getitem__(self, name: str) -> Any:
        key = name.lower()
        if key not in self._composed:
            self._composed[key] = super().__getitem__(name)
        return self._composed[key]

    def __call__(self, name: str, value: Any) -> Any:
        key = name.lower()
        if key not in _SHARED_HEADERS or not isinstance(value, str) or len(self._parsed) > 1000:
            return self[name](name, value)
        found = self._parsed.get((name, value))
        if found is None:
            found = self._parsed[(name, value)] = self[name](name, value)
        return found


_HEADERS = _Headers()
_HEADERS.map_to_type("list-unsubscribe", _UnfoldedHeader)  # type: ignore[arg-type]


class NotificationEmail(EmailMessage):
    """A notification mail: long List-Unsubscribe on one line, 8bit text, an optional agenda.ics."""

    calendar = ""

    def message(self, *, policy: Any = email.policy.default) -> Any:
        return super().message(policy=policy.clone(header_factory=_HEADERS))

    def _add_bodies(self, msg: Any) -> None:
        # Links make lines longer than 78 characters, for which Python would pick quoted-printable
        # (slow, and ugly in the source). 8bit allows lines up to 998 octets (RFC 5322, 2045).
        lines_fit = all(len(line.encode()) <= 990 for line in self.body.splitlines())
        msg.set_content(self.body, subtype="plain", charset="utf-8", cte="8bit" if lines_fit else "base64")

    def _add_attachments(self, msg: Any) -> None:
        super()._add_attachments(msg)  # type: ignore[misc]
        if self.calendar:
            # base64 keeps the CRLF line ends of iCalendar intact; built here, not kept as a MIME part,
            # so that copying the message (the test and locmem backends do) stays cheap.
            msg.add_attachment(
                self.calendar.encode(),
                maintype="text",
                subtype="calendar",
                cte="base64",
                disposition="attachment",
                filename="agenda.ics",
                params={"method": "PUBLISH", "charset": "utf-8"},
            )


def calendar_item(event: Line) -> ics.CalendarItem:
    """The calendar entry of an event that has calendar data."""
    data = event.calendar
    start: datetime.datetime | datetime.date
    end: datetime.datetime | datetime.date
    if data.get("all_day"):
        start = datetime.date.fromisoformat(data["start"])
        end = datetime.date.fromisoformat(data["end"])
    else:
        start = datetime.datetime.fromisoformat(data["start"])
        end = datetime.datetime.fromisoformat(data["end"])
    return ics.CalendarItem(
        uid=event.calendar_uid,
        start=start,
        end=end,
        summary=data.get("summary") or event.subject,
        description="\n\n".join(part for part in (event.body, absolute_url(event.url)) if part),
        url=absolute_url(event.url),
        location=data.get("location", ""),
        stamp=event.created_at,
    )


def calendar_text(events: Sequence[Line]) -> str:
    """One calendar with every calendar item in the mail ("" when there are none)."""
    items: dict[str, ics.CalendarItem] = {}
    for event in events:
        if event.has_calendar:
            items[event.calendar_uid] = calendar_item(event)
    return ics.calendar(items.values()) if items else ""


@lru_cache(maxsize=8)
def _link_prefixes(site_url: str) -> tuple[str, str, str]:
    """Full URLs of the pages every mail links to; reverse() once per site, not per mail."""
    return (
        absolute_url(reverse("notifications:unsubscribe", args=["TOKEN"])).removesuffix("TOKEN"),
        absolute_url(reverse("notifications:preferences")),
        absolute_url(reverse("notifications:overview")),
    )


_DATES: dict[tuple[Any, ...], str] = {}
"""Dates as mails write them, per language: thousands of digests share a handful of days."""


class _Writer:
    """Builds the plain text of one mail in the active language (a few thousand a minute)."""

    def __init__(self, person: "Person") -> None:
        self.person = person
        self.unsubscribe_prefix, self.preferences_url, self.overview_url = _link_prefixes(settings.SITE_URL)
        self.language = translation.get_language()
        self._tokens: dict[tuple[str, ...], str] = {}

    def unsubscribe(self, kinds: Sequence[str]) -> str:
        key = tuple(sorted(set(kinds)))
        if key not in self._tokens:
            self._tokens[key] = self.unsubscribe_prefix + unsubscribe_token(self.person, key)
        return self._tokens[key]

    def date(self, value: datetime.datetime, *, with_time: bool = False) -> str:
        local = timezone.localtime(value)
        key = (self.language, local.replace(second=0, microsecond=0) if with_time else local.date(), with_time)
        found = _DATES.get(key)
        if found is None:
            if len(_DATES) > 5000:
                _DATES.clear()
            found = _DATES[key] = formatting.date_time(local, weekday=True) if with_time else formatting.date(local)
        return found

    def when(self, event: Line) -> str:
        assert event.starts_at is not None
        if event.calendar.get("all_day"):
            return formatting.date(datetime.date.fromisoformat(event.calendar["start"]), weekday=True)
        return self.date(event.starts_at, with_time=True)

    def greeting(self) -> str:
        return _("Beste %(name)s,") % {"name": self.person.full_name or self.person.email}

    def footer(self, lines: list[str]) -> list[str]:
        return ["", "-- ", *lines, _("Kies welke e-mail u krijgt en hoe vaak: %(url)s") % {"url": self.preferences_url}]

    def immediate(self, event: Line) -> str:
        lines = [self.greeting(), "", event.subject]
        if event.collaboration is not None:
            lines.append(event.collaboration.name)
        if event.body.strip():
            lines += ["", event.body.strip()]
        if event.starts_at is not None:
            lines += ["", _("Wanneer: %(when)s (de bijlage zet het in uw agenda)") % {"when": self.when(event)}]
        if event.url:
            lines += ["", _("Bekijk het in Samen: %(url)s") % {"url": absolute_url(event.url)}]
        lines += self.footer(
            [
                _("U krijgt deze e-mail direct omdat het gaat over: %(kind)s.") % {"kind": Kind(event.kind).label},
                _("Hierover geen e-mail meer: %(url)s") % {"url": self.unsubscribe([event.kind])},
            ]
        )
        return "\n".join(lines) + "\n"

    def digest(self, events: Sequence[Line], *, daily: bool) -> str:
        count = len(events)
        if daily:
            intro = ngettext(
                "Dit is uw dagelijkse overzicht uit Samen: %(count)s melding.",
                "Dit is uw dagelijkse overzicht uit Samen: %(count)s meldingen.",
                count,
            )
        else:
            intro = ngettext(
                "Dit is uw wekelijkse overzicht uit Samen: %(count)s melding.",
                "Dit is uw wekelijkse overzicht uit Samen: %(count)s meldingen.",
                count,
            )
        lines = [self.greeting(), "", intro % {"count": count}]
        in_calendar = _("in uw agenda: %(when)s")
        stop = _("Hierover geen e-mail meer: %(url)s")
        shown = 0
        ordered = sorted(events, key=lambda e: (KIND_ORDER.get(e.kind, 99), e.created_at))
        for kind, group in groupby(ordered, key=lambda e: e.kind):
            items = list(group)
            lines += ["", f"## {capfirst(Kind(kind).label)} ({len(items)})"]
            for event in items[: max(DIGEST_MAX_ITEMS - shown, 0)]:
                facts = [event.collaboration.name] if event.collaboration is not None else []
                facts.append(self.date(event.created_at))
                if event.starts_at is not None:
                    facts.append(in_calendar % {"when": self.when(event)})
                lines += ["", f"- {event.subject}", "  " + " · ".join(facts)]
                body = event.body.strip()
                if body:
                    lines.append("  " + (body if len(body) <= 400 else body[:400].rsplit(" ", 1)[0] + " …"))
                if event.url:
                    lines.append("  " + absolute_url(event.url))
                shown += 1
            lines += ["", stop % {"url": self.unsubscribe([kind])}]
        hidden = count - shown
        if hidden > 0:
            more = ngettext(
                "En nog %(count)s melding. Bekijk alles op %(url)s",
                "En nog %(count)s meldingen. Bekijk alles op %(url)s",
                hidden,
            )
            lines += ["", more % {"count": hidden, "url": self.overview_url}]
        lines += self.footer([_("Al uw meldingen: %(url)s") % {"url": self.overview_url}])
        return "\n".join(lines) + "\n"


def compose(mail: Mail, events: Sequence[Line], *, message_id: str) -> EmailMessage:
    """The e-mail for ``mail``: one event (immediately) or a digest, in the recipient's language."""
    person = mail.recipient
    kinds = sorted({event.kind for event in events}, key=lambda k: KIND_ORDER.get(k, 99))
    language = person.language or settings.LANGUAGE_CODE
    with translation.override(language):
        writer = _Writer(person)
        if mail.cadence == Cadence.IMMEDIATELY:
            subject = events[0].subject
            body = writer.immediate(events[0])
        else:
            daily = mail.cadence == Cadence.DAILY
            if daily:
                subject = ngettext(
                    "Uw dagelijkse overzicht: %(count)s melding",
                    "Uw dagelijkse overzicht: %(count)s meldingen",
                    len(events),
                )
            else:
                subject = ngettext(
                    "Uw wekelijkse overzicht: %(count)s melding",
                    "Uw wekelijkse overzicht: %(count)s meldingen",
                    len(events),
                )
            subject = subject % {"count": len(events)}
            body = writer.digest(events, daily=daily)
        one_click = writer.unsubscribe(kinds)
    message = NotificationEmail(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=body,
        to=[person.email],
        headers={
            "Message-ID": message_id,
            "List-Unsubscribe": f"<{one_click}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            "Content-Language": language,
        },
    )
    message.calendar = calendar_text(events)
    return message


def message_id_of(mail: Mail) -> str:
    """The Message-ID the mail was given when it was made (older mails: the same, from its id)."""
    return mail.message_id or message_id_for(mail.pk)
