"""Calendar files (iCalendar, RFC 5545), written by hand: small, and no extra dependency.

The rules that matter: lines end in CRLF; a content line is at most 75 octets and longer
lines are folded with CRLF followed by one space (never inside a UTF-8 character); TEXT
values escape backslash, semicolon, comma and newlines; times are written in UTC.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

CRLF = "\r\n"
MAX_OCTETS = 75
PRODID = "-//Samen//Meldingen//NL"


@dataclass(frozen=True)
class CalendarItem:
    uid: str
    start: datetime.datetime | datetime.date
    end: datetime.datetime | datetime.date | None
    summary: str
    description: str = ""
    url: str = ""
    location: str = ""
    stamp: datetime.datetime | None = None


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets (RFC 5545 3.1)."""
    if len(line.encode()) <= MAX_OCTETS:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    limit = MAX_OCTETS
    for char in line:
        octets = len(char.encode())
        if size + octets > limit:
            pieces.append("".join(current))
            current, size = [], 0
            limit = MAX_OCTETS - 1  # the leading space of a continuation line counts
        current.append(char)
        size += octets
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces)


def utc_stamp(value: datetime.datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("Calendar times must be timezone-aware.")
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _date_property(name: str, value: datetime.datetime | datetime.date) -> str:
    if isinstance(value, datetime.datetime):
        return f"{name}:{utc_stamp(value)}"
    return f"{name};VALUE=DATE:{value:%Y%m%d}"


def _uri(value: str) -> str:
    """A URI value is not TEXT-escaped, but it must stay on one logical line."""
    return "".join(char for char in value if char not in "\r\n")


def _event_lines(item: CalendarItem, stamp: datetime.datetime) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(item.uid)}",
        f"DTSTAMP:{utc_stamp(item.stamp or stamp)}",
        _date_property("DTSTART", item.start),
    ]
    if item.end is not None:
        lines.append(_date_property("DTEND", item.end))
    lines.append(f"SUMMARY:{escape_text(item.summary)}")
    if item.description:
        lines.append(f"DESCRIPTION:{escape_text(item.description)}")
    if item.location:
        lines.append(f"LOCATION:{escape_text(item.location)}")
    if item.url:
        lines.append(f"URL:{_uri(item.url)}")
    lines.append("TRANSP:TRANSPARENT")
    lines.append("END:VEVENT")
    return lines


def calendar(
    items: Iterable[CalendarItem],
    *,
    name: str = "",
    refresh: bool = False,
    now: datetime.datetime | None = None,
) -> str:
    """A complete VCALENDAR (METHOD:PUBLISH) with CRLF line endings.

    ``refresh``: for a subscribed feed, ask clients to fetch it again every hour (RFC 7986).
    """
    stamp = now or timezone.now()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if name:
        lines.append(f"NAME:{escape_text(name)}")
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    if refresh:
        lines.append("REFRESH-INTERVAL;VALUE=DURATION:PT1H")
        lines.append("X-PUBLISHED-TTL:PT1H")
    for item in items:
        lines.extend(_event_lines(item, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
