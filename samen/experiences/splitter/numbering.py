"""Numbering of Dutch regelgeving: article numbers (4a, 12bis, 12 bis, 3:2, 3.2, Roman chapters),
lapsed articles, and the members (leden) and items (onderdelen: a., 1°, i.) inside an article.

A member or item boundary is only accepted in sequence (1, 2, 3 … and a, b, c …), so amounts such
as ``€ 1.857.000`` and references such as ``artikel 10:4`` are never split.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

SUFFIXES = r"(?:bis|ter|quater|quinquies|sexies|septies)"
# 12, 12a, 12bis, 12 bis, 3:2, 3.2, 10.2a, IV
NUMBER = rf"(?:\d{{1,4}}(?:[.:]\d{{1,4}}){{0,3}}[a-z]{{0,3}}(?:[ ]?{SUFFIXES}\b)?|[IVXLC]{{1,8}}(?![a-z]))"
LAPSED_RE = re.compile(r"^[(\[]?\s*(vervalt|vervallen|vervallen per [0-9-]+|gereserveerd)\s*\.?[)\]]?\.?$", re.I)
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def canonical(number: str) -> str:
    """``12 bis`` and ``12bis`` are one number."""
    return re.sub(rf"\s+(?={SUFFIXES}\b)", "", number.strip())


def roman_value(text: str) -> int | None:
    if not text or not re.fullmatch(r"[IVXLC]+", text):
        return None
    total = 0
    for i, char in enumerate(text):
        value = ROMAN[char]
        total += -value if i + 1 < len(text) and ROMAN[text[i + 1]] > value else value
    return total


def sort_key(number: str) -> tuple[int, ...] | None:
    """(3, 2) for ``3:2`` and ``3.2``; (12, 1) for ``12a``; (12, 1) for ``12bis``; None if not numeric."""
    number = canonical(number)
    roman = roman_value(number)
    if roman is not None:
        return (roman,)
    match = re.match(r"(\d+(?:[.:]\d+)*)([a-z]*)$", number)
    if not match:
        return None
    parts = tuple(int(p) for p in re.split(r"[.:]", match.group(1)))
    suffix = match.group(2)
    if suffix:
        order = {"bis": 1, "ter": 2, "quater": 3, "quinquies": 4, "sexies": 5, "septies": 6}
        extra = order.get(suffix) or sum((ord(c) - 96) * 27**i for i, c in enumerate(reversed(suffix)))
        parts = (*parts, 0, extra) if len(parts) == 1 else (*parts, extra)
    return parts


def is_first(number: str) -> bool:
    """Article 1, 1.1, 1:1 or I: where a series of articles starts."""
    key = sort_key(number)
    return key is not None and key[0] == 1 and all(p <= 1 for p in key[1:]) and len(key) <= 2


def is_lapsed(text: str) -> bool:
    return bool(LAPSED_RE.match(text.strip()))


# --- members and items -----------------------------------------------------------------------


@dataclass
class Item:
    """An item (onderdeel) of a member: ``a. de minister: …``, ``1° …`` or ``i. …``."""

    label: str
    text: str

    def as_dict(self) -> dict[str, str]:
        return {"label": self.label, "text": self.text}


@dataclass
class Member:
    """A member (lid) of an article. ``number`` is empty for text before the first member."""

    number: str
    text: str
    items: list[Item] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"number": self.number, "text": self.text, "items": [i.as_dict() for i in self.items]}


@lru_cache(maxsize=512)
def _member_re(number: str) -> re.Pattern[str]:
    # Member 1 only at the start of a line (or after a colon); later members also where the
    # ROO excerpts run them together after a full stop: "…overgedragen.2. Onverminderd…".
    after = r"(?<=[:])" if number == "1" else r"(?<=[.;:!?])"
    return re.compile(
        rf"(?:(?:^|(?<=\n))[ ]*{number}(?:[.)][ ]*|[ ]+(?=[A-Z]))|{after}[ ]*{number}[.)][ ]*(?=[A-Z(“‘\"'\[]))(?=\S)"
    )


def _letters() -> Iterable[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    yield from letters
    yield from (c + c for c in letters)


ITEM_LABELS = tuple(_letters())
ROMAN_LABELS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
DEGREE_LABELS = tuple(f"{n}°" for n in range(1, 40))


@lru_cache(maxsize=128)
def _item_re(label: str) -> re.Pattern[str]:
    if label.endswith("°"):
        return re.compile(rf"(?:(?:^|(?<=\n))|(?<=[:;]))[ ]*{label}[ ]*(?=\S)")
    after = r"(?<=[:;])" if label in {"a", "i"} else r"(?<=[:;,.])"
    # "a. tekst", or at the start of a line also "a.tekst" (BWB exports without a space).
    return re.compile(
        rf"(?:(?:(?:^|(?<=\n))[ ]*{label}[.)][ ]*(?=[^\s.\d]))|(?:{after}[ ]*{label}[.)][ ]+(?=\S))"
        rf"|(?:(?<=[:;])[ ]*{label}[.)](?=[A-Za-zÀ-ÿ]))"
        # definitions run together: "… de centrumregeling b. Almere: de gemeente …"
        rf"|(?:(?<=\S)[ ]+{label}\.[ ]+(?=[A-Za-zÀ-ÿ][\w-]{{0,30}}(?:[ ][\w-]{{1,20}}){{0,3}}:[ ])))"
    )


# Items without a full stop, as a PDF table leaves them: "…de volgende heffingen:\na onroerende
# zaakbelasting … b rioolrechten". Only after a colon at the end of a line, only a to t (``u`` is a word).
BARE_LABELS = tuple("abcdefghijklmnopqrst")


@lru_cache(maxsize=32)
def _bare_item_re(label: str) -> re.Pattern[str]:
    if label == "a":
        return re.compile(r"(?<=:)[ ]*\n[ ]*a[ ]+(?=[a-zà-ÿ]{2})")
    return re.compile(rf"(?:(?<=\n)|(?<=[^\s:;,.][ ]))[ ]*{label}[ ]+(?=[a-zà-ÿ]{{2}})")


def clean_text(text: str) -> str:
    lines = [re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _boundaries(
    text: str, patterns: Iterable[tuple[str, re.Pattern[str]]], *, marked: bool = True
) -> list[tuple[int, int, str]]:
    """Sequential boundaries: label n is only looked for after label n-1 was found."""
    found: list[tuple[int, int, str]] = []
    position = 0
    for label, pattern in patterns:
        if marked and not (f"{label}." in text or f"{label})" in text or (label.endswith("°") and label in text)):
            break  # a cheap check before the regular expression
        match = pattern.search(text, position)
        if match is None:
            break
        found.append((match.start(), match.end(), label))
        position = match.end()
    return found


def split_items(text: str) -> tuple[str, list[Item]]:
    """The lead text and the items of one member: a., b. …; else 1°, 2° …; else i., ii. …"""
    bounds: list[tuple[int, int, str]] = []
    for labels in (ITEM_LABELS, DEGREE_LABELS, ROMAN_LABELS):
        bounds = _boundaries(text, ((label, _item_re(label)) for label in labels))
        if bounds:
            break
    if not bounds and ":" in text:
        bare = _boundaries(text, ((label, _bare_item_re(label)) for label in BARE_LABELS), marked=False)
        bounds = bare if len(bare) >= 2 else []
    if not bounds:
        return clean_text(text), []
    items = [
        Item(label, clean_text(text[end : bounds[i + 1][0] if i + 1 < len(bounds) else len(text)]))
        for i, (_start, end, label) in enumerate(bounds)
    ]
    return clean_text(text[: bounds[0][0]]), items


def _member_bounds(body: str) -> list[tuple[int, int, str]]:
    """Members in sequence: 1, 2, 3 …, and inserted ones: 3a, 3b after 3 (BWB)."""
    found: list[tuple[int, int, str]] = []
    position, number, suffix = 0, 0, ""
    while number < 1000:
        candidates = [str(number + 1), f"{number + 1}a"]
        if number:
            candidates.append(f"{number}{chr(ord(suffix) + 1) if suffix else 'a'}")
        matches = [(m, c) for c in candidates if c in body and (m := _member_re(c).search(body, position))]
        if not matches:
            break
        match, label = min(matches, key=lambda pair: pair[0].start())
        found.append((match.start(), match.end(), label))
        position = match.end()
        number, suffix = int(re.match(r"\d+", label).group()), label.lstrip("0123456789")  # type: ignore[union-attr]
    return found


def split_members(body: str) -> list[Member]:
    """Members (1., 2., …; 3a. after 3.) and their items of one article body."""
    bounds = _member_bounds(body)
    members: list[Member] = []
    lead = body[: bounds[0][0]] if bounds else body
    if lead.strip() or not bounds:
        text, items = split_items(lead)
        if text or items:
            members.append(Member("", text, items))
    for i, (_start, end, number) in enumerate(bounds):
        text, items = split_items(body[end : bounds[i + 1][0] if i + 1 < len(bounds) else len(body)])
        members.append(Member(number, text, items))
    return members


def render_members(members: Sequence[Member]) -> str:
    """The article text with each member and item on its own line (splits back the same way)."""
    lines: list[str] = []
    for member in members:
        prefix = f"{member.number}. " if member.number else ""
        if member.text or prefix:
            lines.append((prefix + member.text).strip())
        for item in member.items:
            mark = item.label if item.label.endswith("°") else f"{item.label}."
            lines.append(f"{mark} {item.text}".strip())
    return "\n".join(lines)


def members_from_dicts(data: Iterable[Mapping[str, object]]) -> list[Member]:
    members = []
    for entry in data:
        raw_items: Any = entry.get("items") or []
        items = [Item(str(i["label"]), str(i["text"])) for i in raw_items]
        members.append(Member(str(entry.get("number", "")), str(entry.get("text", "")), items))
    return members
