"""Split the text of an agreement into chapters, articles, members (leden) and items (onderdelen).

Input is pasted or uploaded plain text, Markdown or HTML, or the article excerpts of a register
GR from the ROO. HTML is sanitised with ``nh3`` (scripts, styles and event handlers are dropped,
nothing is ever executed) and then read as text; nothing here touches the database, so the
preview and the final save split exactly the same text in exactly the same way.

The real texts have quirks that this module handles on purpose:

- zero-width and other invisible characters (U+200B, U+FEFF, soft hyphens) and non-breaking spaces;
- the BWB export artefact "Treedt in werking op een nader te bepalen tijdstip" under headings;
- headings in several styles: ``### Artikel  1``, ``Artikel 1 Begripsbepalingen``,
  ``Artikel 1. Titel``, ``Artikel 1 – Titel``, ``**Artikel 1**``, ``Art. 1``, ``Taken Artikel 4``
  (ROO), with chapter, afdeling, paragraaf (``§ 1``) and bijlage headings whose title may stand on
  the next line (``####Begripsbepalingen``);
- members and items that run together in the ROO excerpts (``…overgedragen.2. Onverminderd…``,
  ``…behartigen;a. Economie;b. Natuur``): a member or item boundary is only accepted in sequence
  (1, 2, 3 … and a, b, c …), so amounts such as ``€ 1.857.000`` and references such as
  ``artikel 10:4`` are never split.

A text without recognisable articles raises ``SplitError`` (a ``ValidationError`` with a Dutch
message); the caller then saves nothing.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any

import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_CHARS = 1_000_000
MAX_ARTICLES = 3000
MAX_TITLE = 300

FORMAT_AUTO = "auto"
FORMAT_TEXT = "tekst"
FORMAT_MARKDOWN = "markdown"
FORMAT_HTML = "html"
FORMAT_ROO = "roo"
FORMATS = (FORMAT_AUTO, FORMAT_TEXT, FORMAT_MARKDOWN, FORMAT_HTML, FORMAT_ROO)


class SplitError(ValidationError):
    """The text cannot be split into articles; the message says why, in Dutch."""


# --- the result ------------------------------------------------------------------------------


@dataclass
class Item:
    """An item (onderdeel) of a member: ``a. de minister: …``."""

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


@dataclass
class Section:
    """A chapter (hoofdstuk), afdeling, paragraaf, titel, deel or bijlage."""

    kind: str
    number: str
    title: str
    level: int
    parent: int | None
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return _join_lines(self.lines)

    @property
    def label(self) -> str:
        name = {"§": "§"}.get(self.kind, self.kind.capitalize())
        return " ".join(part for part in (name, self.number) if part)


@dataclass
class ParsedArticle:
    number: str
    title: str
    section: int | None
    lines: list[str] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)

    @property
    def body(self) -> str:
        return render_members(self.members)

    @property
    def member_count(self) -> int:
        return sum(1 for m in self.members if m.number)

    @property
    def item_count(self) -> int:
        return sum(len(m.items) for m in self.members)


@dataclass
class Document:
    title: str
    preamble: str
    sections: list[Section]
    articles: list[ParsedArticle]
    format: str
    notes: list[str] = field(default_factory=list)

    @property
    def article_count(self) -> int:
        return len(self.articles)

    @property
    def member_count(self) -> int:
        return sum(a.member_count for a in self.articles)

    @property
    def item_count(self) -> int:
        return sum(a.item_count for a in self.articles)

    @property
    def chapter_count(self) -> int:
        return len(self.sections)

    def section_path(self, index: int | None) -> str:
        """``Hoofdstuk I · Afdeling 2 · § 1``: where an article stands."""
        parts: list[str] = []
        while index is not None:
            section = self.sections[index]
            parts.append(section.label)
            index = section.parent
        return " · ".join(reversed(parts))


# --- reading input ---------------------------------------------------------------------------

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f"
_INVISIBLE_TABLE = dict.fromkeys(map(ord, INVISIBLE))
_SPACE_TABLE = {ord(c): " " for c in "\t\u00a0\u202f\u2007\u2009\u2002\u2003\u3000\u000b\u000c"}
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")
_TAG_RE = re.compile(r"<\s*[a-zA-Z!/?]")
_ACTIVE_RE = re.compile(r"<\s*(script|style|iframe|object|embed)\b|\bon[a-z]+\s*=|javascript:", re.I)


def decode_upload(data: bytes, filename: str = "") -> tuple[str, str]:
    """The text of an uploaded file and its format (from the name); ``SplitError`` for binaries."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise SplitError(
            _("Het bestand is te groot (%(size)s MB). Het maximum is %(max)s MB; splits de tekst in delen.")
            % {"size": f"{len(data) / 1024 / 1024:.1f}".replace(".", ","), "max": MAX_UPLOAD_BYTES // 1024 // 1024},
            code="too_large",
        )
    if b"\x00" in data[:8192]:
        raise SplitError(
            _("Dit bestand is geen tekstbestand. Upload platte tekst (.txt), Markdown (.md) of HTML (.html)."),
            code="binary",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    name = filename.lower()
    if name.endswith((".html", ".htm", ".xhtml")):
        fmt = FORMAT_HTML
    elif name.endswith((".md", ".markdown")):
        fmt = FORMAT_MARKDOWN
    elif name.endswith(".txt"):
        fmt = FORMAT_TEXT
    else:
        fmt = FORMAT_AUTO
    return text, fmt


def check_size(text: str) -> None:
    if len(text) > MAX_CHARS:
        raise SplitError(
            _("De tekst is te groot (%(size)s tekens). Het maximum is %(max)s tekens; splits de tekst in delen.")
            % {"size": _thousands(len(text)), "max": _thousands(MAX_CHARS)},
            code="too_large",
        )


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def normalise(text: str) -> tuple[str, int]:
    """NFC, one kind of line break and space, no invisible or control characters.

    Returns the text and how many invisible characters were removed.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    invisible = sum(text.count(c) for c in INVISIBLE)
    text = text.translate(_INVISIBLE_TABLE).translate(_SPACE_TABLE)
    text = _CONTROL_RE.sub("", text)
    return unicodedata.normalize("NFC", text), invisible


def detect_format(text: str) -> str:
    if re.search(r"<\s*(html|body|p|div|h[1-6]|br|li|table|section|article)\b", text, re.I):
        return FORMAT_HTML
    if re.search(r"(?m)^ {0,3}#{1,6}", text) or re.search(r"(?mi)^\s*\*\*\s*(artikel|hoofdstuk)", text):
        return FORMAT_MARKDOWN
    return FORMAT_TEXT


def strip_tags(text: str) -> str:
    """Plain text with any HTML tags removed (script and style with their content)."""
    if not _TAG_RE.search(text):
        return text
    return html.unescape(nh3.clean(text, tags=set(), clean_content_tags={"script", "style"}))


HTML_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "thead",
    "tbody",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "figure",
    "figcaption",
    "caption",
}
HTML_ALLOWED = HTML_BLOCKS | {
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "td",
    "th",
    "strong",
    "b",
    "em",
    "i",
    "span",
    "sup",
    "sub",
    "u",
    "small",
    "a",
}


_LABEL_MARK = "\x01"


class _HTMLText(HTMLParser):
    """Sanitised HTML to Markdown-like lines: headings become ``### …``, blocks become lines, and
    list items get their number or letter (members 1., 2.; items a., b. in a nested list)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.pre = 0
        self.lists: list[list[Any]] = []  # [kind, counter, letters]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"ol", "ul"}:
            kind = dict(attrs).get("type") or ""
            nested = any(entry[0] == "ol" for entry in self.lists)
            self.lists.append([tag, 0, kind.lower() == "a" or (tag == "ol" and nested and kind != "1")])
        if tag == "li" and self.lists:
            entry = self.lists[-1]
            entry[1] += 1
            if entry[0] == "ul":
                label = "–"
            elif entry[2]:
                label = ITEM_LABELS[(entry[1] - 1) % len(ITEM_LABELS)] + "."
            else:
                label = f"{entry[1]}."
            self.parts.append(f"\n{_LABEL_MARK}{label}{_LABEL_MARK}")
        elif tag in HTML_BLOCKS or tag == "br":
            self.parts.append("\n")
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.parts.append("\n" + "#" * int(tag[1]) + " ")
        elif tag in {"td", "th"}:
            self.parts.append(" | ")
        if tag == "pre":
            self.pre += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"ol", "ul"} and self.lists:
            self.lists.pop()
        if tag in HTML_BLOCKS or tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.parts.append("\n")
        if tag == "pre":
            self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        self.parts.append(data if self.pre else re.sub(r"\s+", " ", data))


_LABEL_RE = re.compile(f"{_LABEL_MARK}([^{_LABEL_MARK}]*){_LABEL_MARK}\\s*")


def _resolve_labels(text: str) -> str:
    """A list item's number, unless its text already starts with one ("1. Er is …")."""

    def label(match: re.Match[str]) -> str:
        rest = text[match.end() : match.end() + 8]
        return "" if re.match(r"(\d{1,3}[a-z]?|[a-z]{1,2})[.)]\s|[–•-]\s", rest) else f"{match.group(1)} "

    return _LABEL_RE.sub(label, text)


def html_to_markdown(text: str) -> str:
    cleaned = nh3.clean(
        text,
        tags=HTML_ALLOWED,
        attributes={"ol": {"type"}},
        url_schemes=set(),
        link_rel=None,
        clean_content_tags={"script", "style", "template", "noscript", "iframe", "object", "title", "head"},
    )
    parser = _HTMLText()
    parser.feed(cleaned.replace(_LABEL_MARK, ""))
    parser.close()
    return _resolve_labels("".join(parser.parts))


_MD_HEADING_RE = re.compile(r"^ {0,3}(#{1,6})\s*(.*?)\s*#*\s*$")
_MD_TABLE_RULE_RE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_MD_LINK_RE = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MD_STRONG_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM_RE = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")


def _markdown_inline(text: str) -> str:
    text = _MD_LINK_RE.sub(r"\1", text)
    text = _MD_STRONG_RE.sub(r"\2", text)
    text = _MD_EM_RE.sub(r"\2", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>])", r"\1", text)


def markdown_lines(text: str) -> list[tuple[str, bool]]:
    """(line, is_heading) pairs from Markdown, with its markup removed."""
    lines: list[tuple[str, bool]] = []
    for raw in text.split("\n"):
        line = raw.strip()
        heading = False
        match = _MD_HEADING_RE.match(line)
        if match and line.startswith("#"):
            heading, line = True, match.group(2)
        elif _MD_TABLE_RULE_RE.match(line) and "-" in line:
            continue
        elif line.startswith("|") and line.endswith("|") and len(line) > 1:
            line = " | ".join(cell.strip() for cell in line.strip("|").split("|") if cell.strip())
        line = re.sub(r"^(>\s*)+", "", line)
        line = re.sub(r"^[*+-]\s+", "– ", line)
        lines.append((_markdown_inline(line), heading))
    return lines


def text_lines(text: str) -> list[tuple[str, bool]]:
    return [(line, False) for line in text.split("\n")]


# --- recognising headings --------------------------------------------------------------------

ARTEFACT_RE = re.compile(r"^\(?treedt in werking op een nader te bepalen tijdstip\.?\)?$", re.I)
_NUMBER = r"(?:\d{1,4}(?:[.:]\d{1,4}){0,3}[a-z]{0,3}|[IVXLC]{1,8})"
_SEP = r"[.:\-–—‐‑]"
ARTICLE_RE = re.compile(
    rf"^(?i:artikel|art\.?)[ ]*(?P<number>{_NUMBER})(?=$|[ .:\-–—‐‑])[ ]*(?:{_SEP}+[ ]*)?(?P<rest>.*)$"
)
_SECTION_NUMBER = r"(?:\d{1,3}(?:\.\d{1,3}){0,2}[a-z]{0,2}|[IVXLC]{1,8}[a-z]{0,2}|[A-Z])"
SECTION_RE = re.compile(
    rf"^(?P<kind>(?i:hoofdstuk|afdeling|paragraaf|titel|deel|bijlage)|§)[ ]*"
    rf"(?P<number>{_SECTION_NUMBER})?(?=$|[ .:\-–—‐‑])[ ]*(?:{_SEP}+[ ]*)?(?P<rest>.*)$"
)
SECTION_LEVELS = {"deel": 0, "hoofdstuk": 1, "titel": 1, "bijlage": 1, "afdeling": 2, "paragraaf": 3, "§": 3}
_MEMBER_START_RE = re.compile(r"^\d{1,3}[a-z]?[.)]\s")
_ITEM_START_RE = re.compile(r"^[a-z]{1,2}[.)]\s")


def _plain_heading(text: str) -> str:
    """A heading line without surrounding emphasis markers."""
    return re.sub(r"^[*_\s]+|[*_\s]+$", "", text)


def _title_like(text: str, *, max_chars: int = 120, max_words: int = 15, lowercase: bool = False) -> bool:
    """Short, no closing punctuation, starting with a capital: reads as a heading, not a sentence."""
    if not text or len(text) > max_chars or len(text.split()) > max_words:
        return False
    if text[-1] in ".;:," or " | " in text:
        return False
    if _MEMBER_START_RE.match(text) or _ITEM_START_RE.match(text):
        return False
    opening = text.lstrip("([‘“'\"")
    if not opening:
        return False
    first = opening[0]
    return first.isupper() or first.isdigit() or ((lowercase or opening != text) and first.isalpha())


def _leading_int(number: str) -> int | None:
    match = re.match(r"\d+", number)
    return int(match.group()) if match else None


@dataclass
class _Heading:
    kind: str  # "artikel" or a section kind
    number: str
    title: str
    rest: str = ""  # body text that stood on the heading line


def match_heading(line: str, *, is_heading: bool, previous_article: str | None) -> _Heading | None:
    """The article or section heading on ``line``, if it is one."""
    plain = _plain_heading(line)
    match = ARTICLE_RE.match(plain)
    if match:
        number, rest = match.group("number"), _plain_heading(match.group("rest"))
        if not rest:
            return _Heading("artikel", number, "")
        if is_heading and len(rest) <= MAX_TITLE:
            return _Heading("artikel", number, rest)
        if _title_like(rest):
            return _Heading("artikel", number, rest)
        if rest[0].isupper() and _follows(number, previous_article):
            # "Artikel 3 Het bestuur bestaat uit …": heading and first sentence on one line.
            return _Heading("artikel", number, "", rest)
        return None
    match = SECTION_RE.match(plain)
    if match:
        kind = match.group("kind").lower()
        number = match.group("number") or ""
        rest = _plain_heading(match.group("rest"))
        if not number and kind != "bijlage":
            return None
        if kind in {"titel", "deel"} and not re.match(r"[0-9IVXLC]", number):
            return None
        if not rest or (is_heading and len(rest) <= MAX_TITLE) or _title_like(rest, lowercase=kind == "bijlage"):
            return _Heading(kind, number, rest)
    return None


def _follows(number: str, previous: str | None) -> bool:
    current = _leading_int(number)
    if current is None:
        return False
    if previous is None:
        return True
    before = _leading_int(previous)
    return before is None or current > before


# --- members and items -----------------------------------------------------------------------


@lru_cache(maxsize=512)
def _member_re(number: int) -> re.Pattern[str]:
    # Member 1 only at the start of a line (or after a colon); later members also where the
    # ROO excerpts run them together after a full stop: "…overgedragen.2. Onverminderd…".
    after = r"(?<=[:])" if number == 1 else r"(?<=[.;:!?])"
    return re.compile(
        rf"(?:(?:^|(?<=\n))[ ]*{number}(?:[.)][ ]*|[ ]+(?=[A-Z]))|{after}[ ]*{number}[.)][ ]*(?=[A-Z(“‘\"'\[]))(?=\S)"
    )


def _item_labels() -> Iterable[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    yield from letters
    yield from (c + c for c in letters)


ITEM_LABELS = tuple(_item_labels())


@lru_cache(maxsize=64)
def _item_re(label: str) -> re.Pattern[str]:
    after = r"(?<=[:;])" if label == "a" else r"(?<=[:;,.])"
    return re.compile(rf"(?:(?:^|(?<=\n))|{after})[ ]*{label}[.)][ ]+(?=\S)")


def _clean(text: str) -> str:
    lines = [re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _boundaries(text: str, patterns: Iterable[tuple[str, re.Pattern[str]]]) -> list[tuple[int, int, str]]:
    """Sequential boundaries: label n is only looked for after label n-1 was found."""
    found: list[tuple[int, int, str]] = []
    position = 0
    for label, pattern in patterns:
        match = pattern.search(text, position)
        if match is None:
            break
        found.append((match.start(), match.end(), label))
        position = match.end()
    return found


def split_items(text: str) -> tuple[str, list[Item]]:
    """The lead text and the lettered items of one member."""
    bounds = _boundaries(text, ((label, _item_re(label)) for label in ITEM_LABELS))
    if not bounds:
        return _clean(text), []
    items = [
        Item(label, _clean(text[end : bounds[i + 1][0] if i + 1 < len(bounds) else len(text)]))
        for i, (_start, end, label) in enumerate(bounds)
    ]
    return _clean(text[: bounds[0][0]]), items


def split_members(body: str) -> list[Member]:
    """Members (1., 2., …) and their items (a., b., …) of one article body."""
    bounds = _boundaries(body, ((str(n), _member_re(n)) for n in range(1, 1000)))
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
        lines.extend(f"{item.label}. {item.text}".strip() for item in member.items)
    return "\n".join(lines)


def members_from_dicts(data: Iterable[Mapping[str, object]]) -> list[Member]:
    members = []
    for entry in data:
        raw_items: Any = entry.get("items") or []
        items = [Item(str(i["label"]), str(i["text"])) for i in raw_items]
        members.append(Member(str(entry.get("number", "")), str(entry.get("text", "")), items))
    return members


def _join_lines(lines: Sequence[str]) -> str:
    return _clean("\n".join(lines))


# --- the splitter ----------------------------------------------------------------------------


def _prepare(text: str, fmt: str) -> tuple[list[tuple[str, bool]], str, list[str]]:
    check_size(text)
    notes: list[str] = []
    text, invisible = normalise(text)
    if invisible:
        notes.append(
            ngettext(
                "%(count)d onzichtbaar teken (zoals een zero-width space) is verwijderd.",
                "%(count)d onzichtbare tekens (zoals zero-width spaces) zijn verwijderd.",
                invisible,
            )
            % {"count": invisible}
        )
    if fmt not in FORMATS or fmt in {FORMAT_AUTO, FORMAT_ROO}:
        fmt = detect_format(text)
    if _ACTIVE_RE.search(text):
        notes.append(_("Scripts en andere actieve inhoud zijn verwijderd; ze worden nooit uitgevoerd."))
    if fmt == FORMAT_HTML:
        return markdown_lines(html_to_markdown(text)), fmt, notes
    if fmt == FORMAT_MARKDOWN:
        return markdown_lines(strip_tags(text)), fmt, notes
    return text_lines(strip_tags(text)), fmt, notes


def split(text: str, fmt: str = FORMAT_AUTO) -> Document:
    """Split an agreement text; ``SplitError`` when it is empty, too large or has no articles."""
    if not text or not text.strip():
        raise SplitError(_("De tekst is leeg. Plak de tekst van de afspraak of kies een bestand."), code="empty")
    lines, fmt, notes = _prepare(text, fmt)
    document = _Builder().build(lines)
    document.format = fmt
    document.notes = notes + document.notes
    return _checked(document)


class _Builder:
    def __init__(self) -> None:
        self.title = ""
        self.preamble: list[str] = []
        self.sections: list[Section] = []
        self.articles: list[ParsedArticle] = []
        self.stack: list[int] = []
        self.container: list[str] = self.preamble
        self.awaiting: Section | ParsedArticle | None = None
        self.artefacts = 0

    def build(self, lines: Sequence[tuple[str, bool]]) -> Document:
        for raw, is_heading in lines:
            self.line(re.sub(r" {2,}", " ", raw).strip(), is_heading)
        for article in self.articles:
            article.members = split_members("\n".join(article.lines))
        notes = []
        if self.artefacts:
            notes.append(
                ngettext(
                    "%(count)d regel ‘Treedt in werking op een nader te bepalen tijdstip’ is weggelaten "
                    "(een overblijfsel van de publicatie op wetten.overheid.nl).",
                    "%(count)d regels ‘Treedt in werking op een nader te bepalen tijdstip’ zijn weggelaten "
                    "(een overblijfsel van de publicatie op wetten.overheid.nl).",
                    self.artefacts,
                )
                % {"count": self.artefacts}
            )
        return Document(
            title=self.title[:MAX_TITLE],
            preamble=_join_lines(self.preamble),
            sections=self.sections,
            articles=self.articles,
            format="",
            notes=notes,
        )

    def line(self, text: str, is_heading: bool) -> None:
        if not text:
            return
        if ARTEFACT_RE.match(text):
            self.artefacts += 1
            return
        previous = self.articles[-1].number if self.articles else None
        heading = match_heading(text, is_heading=is_heading, previous_article=previous)
        if heading is not None:
            self.open(heading)
            return
        plain = _plain_heading(text)
        if self.awaiting is not None and plain and self._title_for_awaiting(plain, is_heading):
            self.awaiting.title = plain
            self.awaiting = None
            return
        self.awaiting = None
        at_start = not self.articles and not self.sections and not self.title and not self.preamble
        if at_start and plain and (is_heading or len(plain) <= MAX_TITLE):
            self.title = plain
            return
        self.container.append(plain if is_heading else text)

    def _title_for_awaiting(self, text: str, is_heading: bool) -> bool:
        if len(text) > MAX_TITLE:
            return False
        if is_heading:
            return True
        if isinstance(self.awaiting, ParsedArticle):
            return _title_like(text, max_chars=80, max_words=10)
        return _title_like(text)

    def open(self, heading: _Heading) -> None:
        if heading.kind == "artikel":
            innermost = self.stack[-1] if self.stack else None
            article = ParsedArticle(heading.number, heading.title[:MAX_TITLE], innermost)
            if heading.rest:
                article.lines.append(heading.rest)
            self.articles.append(article)
            self.container = article.lines
            self.awaiting = None if heading.title or heading.rest else article
            return
        level = SECTION_LEVELS[heading.kind]
        while self.stack and self.sections[self.stack[-1]].level >= level:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        section = Section(heading.kind, heading.number, heading.title[:MAX_TITLE], level, parent)
        self.sections.append(section)
        self.stack.append(len(self.sections) - 1)
        self.container = section.lines
        self.awaiting = None if heading.title else section


def _checked(document: Document) -> Document:
    if not document.articles:
        raise SplitError(
            _(
                "In deze tekst vonden we geen artikelen. Zet elk artikel op een eigen regel met een kop "
                "als ‘Artikel 1’ of ‘Artikel 1 Begripsbepalingen’ en probeer het opnieuw."
            ),
            code="no_articles",
        )
    if len(document.articles) > MAX_ARTICLES:
        raise SplitError(
            _("Deze tekst heeft meer dan %(max)s artikelen. Splits hem in kleinere afspraken.")
            % {"max": _thousands(MAX_ARTICLES)},
            code="too_many",
        )
    if not any(a.members for a in document.articles):
        raise SplitError(
            _("We vonden artikelkoppen, maar geen tekst onder de artikelen. Controleer of de hele tekst is geplakt."),
            code="no_text",
        )
    return document


# --- ROO excerpts ----------------------------------------------------------------------------

_ROO_TITLE_FIRST_RE = re.compile(rf"^(?P<title>.*?\S)[ ]+(?i:artikel)[ ]*(?P<number>{_NUMBER})\.?$")
_ROO_NUMBER_FIRST_RE = re.compile(rf"^(?P<number>{_NUMBER})[.)]?(?:[ ]+(?P<title>\S.*))?$")
_ANY_ARTICLE_RE = re.compile(rf"(?i:artikel)[ ]*(?P<number>{_NUMBER})(?=$|[ .:,\-–—‐‑])")


def parse_excerpt_heading(heading: str) -> tuple[str, str]:
    """(number, title) of a ROO ``kop_artikel``: ``Artikel 5 Bevoegdheden``, ``Taken Artikel 4``, ``6``."""
    heading = _plain_heading(normalise(heading)[0].replace("\n", " "))
    heading = re.sub(r" {2,}", " ", heading)
    if not heading:
        return "", ""
    match = ARTICLE_RE.match(heading)
    if match:
        return match.group("number"), _plain_heading(match.group("rest"))[:MAX_TITLE]
    match = _ROO_TITLE_FIRST_RE.match(heading)
    if match:
        return match.group("number"), match.group("title")[:MAX_TITLE]
    match = _ROO_NUMBER_FIRST_RE.match(heading)
    if match:
        return match.group("number"), (match.group("title") or "")[:MAX_TITLE]
    match = _ANY_ARTICLE_RE.search(heading)
    return (match.group("number") if match else ""), heading[:MAX_TITLE]


def _strip_leading_heading(body: str, number: str) -> tuple[str, str]:
    """Body text that repeats its heading ("Artikel 9 Bevoegdheden1. Alle …"): (title, rest)."""
    match = ARTICLE_RE.match(body) if number == "" else None
    if number:
        match = re.match(rf"^(?i:artikel)[ ]*{re.escape(number)}(?=$|[ .:\-–—‐‑])[ ]*(?:{_SEP}+[ ]*)?", body)
    elif match:
        match = re.match(rf"^(?i:artikel)[ ]*{re.escape(match.group('number'))}[ ]*(?:{_SEP}+[ ]*)?", body)
    if not match:
        return "", body
    rest = body[match.end() :]
    # The title runs into member 1 ("Bevoegdheden1. Alle …") or into the first sentence.
    end = re.search(r"(?<=\D)1[.)][ ]*(?=\S)", rest[:160])
    if end:
        return rest[: end.start()].strip(), rest[end.start() :]
    end = re.search(r"(?<=[a-z])(?=[A-Z][a-z])", rest[:160])
    if end:
        return rest[: end.start()].strip(), rest[end.start() :]
    return "", rest


def split_excerpts(excerpts: Sequence[Mapping[str, object]]) -> Document:
    """The ROO article excerpts of one regeling: each excerpt is one article."""
    articles: list[ParsedArticle] = []
    invisible = 0
    for excerpt in excerpts:
        heading = str(excerpt.get("kop_artikel") or "")
        body, removed = normalise(str(excerpt.get("inhoud_artikel") or ""))
        invisible += removed + sum(heading.count(c) for c in INVISIBLE)
        body = strip_tags(body).strip()
        number, title = parse_excerpt_heading(heading)
        if not number:
            body_number = ARTICLE_RE.match(body)
            if body_number:
                number = body_number.group("number")
        lead_title, body = _strip_leading_heading(body, number)
        title = title or lead_title[:MAX_TITLE]
        if not body and not title and not number:
            continue
        articles.append(ParsedArticle(number, title, None, [body], split_members(body)))
    if not articles:
        raise SplitError(_("Voor deze regeling staan geen artikelteksten in het register."), code="empty")
    notes = [_("Uit het landelijk register (ROO): alleen de artikelen over taken en bevoegdheden.")]
    if invisible:
        notes.append(
            ngettext(
                "%(count)d onzichtbaar teken (zoals een zero-width space) is verwijderd.",
                "%(count)d onzichtbare tekens (zoals zero-width spaces) zijn verwijderd.",
                invisible,
            )
            % {"count": invisible}
        )
    return _checked(Document("", "", [], articles, FORMAT_ROO, notes))
