"""A register purpose as the list it was written as.

The national register stores a regeling's purpose as one run of text in which the list items
of the original follow each other without a break ("…van de gemeenten:a. brandweerzorg;b. …",
"1. Het lichaam heeft tot doel …2. Het lichaam tracht …"). Shown as is, the items run together.
Here the text is split at list markers, but only at markers that count on in order (1, 2, 3 or
a, b, c; dashes always), so that an "o.a. " or "c.q. " inside a sentence stays text.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# A marker starts the text or follows a stop, semicolon or colon: "1. ", "a. ", "b) ", "- ".
_MARKER = re.compile(r"(?:^|(?<=[.;:]))\s*(?P<marker>\d{1,2}\.|[a-z][.)]|[-•–])\s+")
# "o.a. ", "c.q. ": a stop after a single letter is an abbreviation, not the end of an item.
_ABBREVIATION = re.compile(r"(?:^|\W)[A-Za-z]\.\s*$")


@dataclass
class Item:
    text: str
    children: list["Item"] = field(default_factory=list)
    child_kind: str = ""


@dataclass
class Purpose:
    intro: str
    kind: str = ""  # "number", "letter" or "dash": how the top-level items are marked
    items: list[Item] = field(default_factory=list)


def _kind(marker: str) -> str:
    return "number" if marker[0].isdigit() else "letter" if marker[0].isalpha() else "dash"


def parse(text: str) -> Purpose:
    accepted: list[tuple[str, int, int]] = []
    numbers = letters = 0
    for match in _MARKER.finditer(text):
        marker = match.group("marker")
        kind = _kind(marker)
        if match.start() and _ABBREVIATION.search(text, 0, match.start()):
            continue
        if kind == "number":
            if int(marker[:-1]) != numbers + 1:
                continue
            numbers, letters = numbers + 1, 0
        elif kind == "letter":
            if ord(marker[0]) - ord("a") != letters:
                continue
            letters += 1
        accepted.append((kind, match.start(), match.end()))
    if not accepted:
        return Purpose(text.strip())
    purpose = Purpose(text[: accepted[0][1]].strip(), kind=accepted[0][0])
    ends = [start for _kind_, start, _end in accepted[1:]] + [len(text)]
    for (kind, _start, end), stop in zip(accepted, ends, strict=True):
        entry = Item(text[end:stop].strip())
        if kind == purpose.kind or not purpose.items:
            purpose.items.append(entry)
        else:
            parent = purpose.items[-1]
            parent.child_kind = parent.child_kind or kind
            parent.children.append(entry)
    return purpose


def _list(items: list[Item], kind: str) -> SafeString:
    rows = format_html_join(
        "", "<li>{}{}</li>", ((entry.text, _list(entry.children, entry.child_kind)) for entry in items)
    )
    if not items:
        return SafeString("")
    if kind == "dash":
        return format_html('<ul class="utrecht-unordered-list">{}</ul>', rows)
    if kind == "letter":
        return format_html('<ol class="utrecht-ordered-list" type="a">{}</ol>', rows)
    return format_html('<ol class="utrecht-ordered-list">{}</ol>', rows)


def as_html(text: str) -> SafeString:
    """The purpose as a paragraph and (nested) lists, every piece of text escaped."""
    purpose = parse(text or "")
    intro = format_html('<p class="utrecht-paragraph">{}</p>', purpose.intro) if purpose.intro else ""
    return format_html("{}{}", intro, _list(purpose.items, purpose.kind))
