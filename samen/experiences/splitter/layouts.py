"""Reading the layouts agreements come in, and cleaning them into numbered lines.

Plain text (also pasted from a PDF), Markdown (BWB/CVDR exports), HTML (sanitised with ``nh3``:
scripts, styles and event handlers are dropped, nothing is ever executed), the overheid.nl page
with its furniture, DOCX (python-docx) and PDF with a text layer (pypdf). Every line keeps the
number of the input line it came from, so the structure module can account for each of them.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samen.core import formatting
from samen.experiences.splitter.numbering import ITEM_LABELS

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_CHARS = 1_000_000

FORMAT_AUTO = "auto"
FORMAT_TEXT = "tekst"
FORMAT_MARKDOWN = "markdown"
FORMAT_HTML = "html"
FORMAT_ROO = "roo"
FORMAT_DOCX = "docx"
FORMAT_PDF = "pdf"
FORMATS = (FORMAT_AUTO, FORMAT_TEXT, FORMAT_MARKDOWN, FORMAT_HTML, FORMAT_ROO, FORMAT_DOCX, FORMAT_PDF)


class SplitError(ValidationError):
    """The text cannot be split into articles; the message says why, in Dutch."""


@dataclass
class Line:
    """One line of the input after cleaning: ``no`` is its (first) input line, counting from 0."""

    no: int
    text: str
    heading: bool = False
    joined: tuple[int, ...] = ()  # further input lines joined into this one
    page_ref: bool = False  # followed by a lone page number (a table of contents entry)

    @property
    def nos(self) -> tuple[int, ...]:
        return (self.no, *self.joined)


# --- characters ------------------------------------------------------------------------------

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f"
_INVISIBLE_TABLE = dict.fromkeys(map(ord, INVISIBLE))
_SPACE_TABLE = {ord(c): " " for c in "\t\u00a0\u202f\u2007\u2009\u2002\u2003\u3000\u000b\u000c"}
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")
_TAG_RE = re.compile(r"<\s*[a-zA-Z!/?]")
ACTIVE_RE = re.compile(r"<\s*(script|style|iframe|object|embed)\b|\bon[a-z]+\s*=|javascript:", re.I)


def check_size(text: str) -> None:
    if len(text) > MAX_CHARS:
        raise SplitError(
            _("De tekst is te groot (%(size)s tekens). Het maximum is %(max)s tekens; splits de tekst in delen.")
            % {"size": formatting.number(len(text)), "max": formatting.number(MAX_CHARS)},
            code="too_large",
        )


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


# --- uploads ---------------------------------------------------------------------------------


def _is_pdf(data: bytes, name: str) -> bool:
    return data.startswith(b"%PDF") or name.endswith(".pdf")


def _is_docx(data: bytes, name: str) -> bool:
    return data.startswith(b"PK\x03\x04") and (name.endswith(".docx") or not name)


def needs_extraction(data: bytes, filename: str = "") -> bool:
    """A PDF or Word file: its text is extracted by the task worker, not in a web request."""
    name = filename.lower()
    return _is_pdf(data, name) or _is_docx(data, name)


def decode_upload(data: bytes, filename: str = "") -> tuple[str, str]:
    """The text of an uploaded file and its format; ``SplitError`` for what cannot be read."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise SplitError(
            _("Het bestand is te groot (%(size)s MB). Het maximum is %(max)s MB; splits de tekst in delen.")
            % {"size": formatting.number(len(data) / 1024 / 1024, 1), "max": MAX_UPLOAD_BYTES // 1024 // 1024},
            code="too_large",
        )
    name = filename.lower()
    if _is_pdf(data, name):
        return read_pdf(data), FORMAT_PDF
    if _is_docx(data, name):
        return read_docx(data), FORMAT_DOCX
    if b"\x00" in data[:8192] or data.startswith(b"PK\x03\x04"):
        raise SplitError(
            _(
                "Dit bestand kan Samen niet lezen. Upload platte tekst (.txt), Markdown (.md), HTML (.html), "
                "Word (.docx) of een PDF met tekst."
            ),
            code="binary",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if name.endswith((".html", ".htm", ".xhtml")):
        return text, FORMAT_HTML
    if name.endswith((".md", ".markdown")):
        return text, FORMAT_MARKDOWN
    if name.endswith(".txt"):
        return text, FORMAT_TEXT
    return text, FORMAT_AUTO


PAGE_BREAK = "\ue000"  # between the pages of a PDF (a form feed would become a space)


def read_pdf(data: bytes) -> str:
    """The text layer of a PDF, pages separated by a form feed (for the page furniture)."""
    from pypdf import PdfReader

    unreadable = SplitError(
        _("Deze PDF kon niet worden gelezen. Sla hem opnieuw op als PDF, of plak de tekst."), code="bad_pdf"
    )
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise SplitError(_("Deze PDF is beveiligd met een wachtwoord. Upload een onbeveiligde versie."))
        pages = [page.extract_text() or "" for page in reader.pages[:500]]
    except SplitError:
        raise
    except Exception as exc:  # any failure of a reader of an untrusted file
        raise unreadable from exc
    text = f"\n{PAGE_BREAK}\n".join(pages)
    if len(re.sub(r"\s", "", text)) < 20:
        raise SplitError(
            _(
                "Deze PDF heeft geen tekstlaag (het is waarschijnlijk een scan). Upload de tekst zelf, of een PDF "
                "waarin u tekst kunt selecteren."
            ),
            code="no_text_layer",
        )
    return text


def read_docx(data: bytes) -> str:
    """A Word document as Markdown: its headings as ``#`` lines, its tables as rows."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.element.body.iterchildren():
            tag = block.tag.rsplit("}", 1)[-1]
            if tag == "p":
                paragraph = Paragraph(block, document)
                style = (paragraph.style.name if paragraph.style is not None else "") or ""
                level = re.search(r"(?:Heading|Kop)\s*(\d)", style)
                text = paragraph.text.replace("\n", " ")
                lines.append(f"{'#' * min(int(level.group(1)) + 1, 6)} {text}" if level and text else text)
                if style == "Title" and text:
                    lines[-1] = f"# {text}"
            elif tag == "tbl":
                table = Table(block, document)
                for row in table.rows:
                    lines.append(" | ".join(cell.text.strip() for cell in row.cells if cell.text.strip()))
    except Exception as exc:  # any failure of a reader of an untrusted file
        raise SplitError(
            _("Dit Word-bestand kon niet worden gelezen. Sla het opnieuw op als .docx, of plak de tekst."),
            code="bad_docx",
        ) from exc
    return "\n".join(lines)


# --- HTML and Markdown -----------------------------------------------------------------------

HTML_BLOCKS = set(
    [
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
    ]
)
HTML_ALLOWED = HTML_BLOCKS | set(
    [
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
    ]
)
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
            line = ""
        elif line.startswith("|") and line.endswith("|") and len(line) > 1:
            line = " | ".join(cell.strip() for cell in line.strip("|").split("|") if cell.strip())
        line = re.sub(r"^(>\s*)+", "", line)
        line = re.sub(r"^[*+]\s+", "– ", line)
        lines.append((_markdown_inline(line), heading))
    return lines


# --- cleaning: furniture, page headers and footers, hyphenation, lone markers ----------------

FURNITURE_RE = re.compile(
    r"^(?:permanente link|naar de actuele versie van de regeling|naar de door u bekeken versie|intitul[ée]"
    r"|https?://\S+|(?:lokale|decentrale\.)?regelgeving\.overheid\.nl\S*|wetten\.overheid\.nl\S*"
    r"|geldend van \d\d-\d\d-\d{4}.*|geldend op \d\d-\d\d-\d{4}.*|dit is een toekomstige tekst!.*"
    r"|regeling vervallen per \d\d-\d\d-\d{4}|geraadpleegd op \d\d-\d\d-\d{4}\.?|toon relaties in lido"
    r"|maak een permanente link|druk de regeling af|sla de regeling op.*|vergelijk met een andere versie"
    r"|wijziging\(en\) zonder datum inwerkingtreding aanwezig\..*|\[wijziging\(en\) zonder datum.*\]"
    r"|zie het wijzigingenoverzicht\.?|open regeling|terug naar boven|naar boven"
    r"|staatscourant van het koninkrijk der nederlanden|datum publicatieorganisatiejaargang en nummerrubriek"
    r"|logo \S+|.{0,80}(?:staatscourant|gemeenteblad|provinciaal blad|waterschapsblad) \d{4}, ?\d+.*"
    r"|maat: px|weergave met pagina beginnen:|download \".*\"|transcriptie|vergelijkbare documenten"
    r"|pagina \d{1,4}(?: van \d{1,4})?|p(?:ag)?\. \d{1,4}|- ?\d{1,4} ?-|\d{1,4} ?/ ?\d{1,4}|\d{1,4})$",
    re.I,
)
PAGE_TAIL_RE = re.compile(r"\s+pagina \d{1,4} van \d{1,4}$", re.I)
MARKER_ONLY_RE = re.compile(r"^(?:[-–•·*]\s*)?((?:\d{1,3}[a-z]?|[a-z]{1,2}|[ivx]{1,5})[.)]|\d{1,2}°)$")
BULLET_RE = re.compile(r"^[-–•·]\s+(?=(?:\d{1,3}[a-z]?|[a-z]{1,2})[.)]\s|\d{1,2}°)")
HYPHEN_END_RE = re.compile(r"[a-zà-ÿ]{2,}[-‐]$")


@dataclass
class Cleaning:
    """What the cleaning dropped (by input line) and joined, for the preview and the accounting."""

    dropped: list[Line]
    hyphenations: int = 0


def _page_edges(lines: list[Line]) -> set[int]:
    """Indexes of the lines next to a page break of a PDF (where headers and footers stand)."""
    breaks = [i for i, line in enumerate(lines) if line.text == PAGE_BREAK]
    if len(breaks) < 2:
        return set()
    edges: set[int] = set()
    for i in [-1, *breaks, len(lines)]:
        edges.update(j for j in (i - 2, i - 1, i + 1, i + 2) if 0 <= j < len(lines))
    return edges


def _repeated_lines(lines: list[Line], edges: set[int]) -> set[str]:
    """Page headers and footers of a PDF: the same short line at the edge of at least three pages."""
    counts = Counter(lines[i].text for i in edges if 0 < len(lines[i].text) <= 120 and lines[i].text != PAGE_BREAK)
    return {text for text, count in counts.items() if count >= 3 and not re.match(r"(?i)artikel|hoofdstuk", text)}


def clean(raw: list[tuple[str, bool]], *, pasted: bool) -> tuple[list[Line], Cleaning]:
    """Numbered lines without furniture; lone list markers and hyphenated words joined."""
    lines = [Line(no, re.sub(r" {2,}", " ", text).strip(), heading) for no, (text, heading) in enumerate(raw)]
    lines = [line for line in lines if line.text]
    result = Cleaning(dropped=[])
    edges = _page_edges(lines)
    repeated = _repeated_lines(lines, edges)
    kept: list[Line] = []
    for index, line in enumerate(lines):
        furniture = not line.heading and (
            bool(FURNITURE_RE.match(line.text)) or (index in edges and line.text in repeated)
        )
        if line.text == PAGE_BREAK or furniture:
            result.dropped.append(line)
            if kept and re.fullmatch(r"\d{1,3}", line.text):
                kept[-1].page_ref = True
            continue
        tail = PAGE_TAIL_RE.search(line.text)
        if tail:
            result.dropped.append(Line(line.no, tail.group().strip()))
            line = Line(line.no, line.text[: tail.start()].rstrip(), line.heading)
        line.text = BULLET_RE.sub("", line.text)
        kept.append(line)
    joined: list[Line] = []
    for line in kept:
        previous = joined[-1] if joined else None
        if previous is not None and MARKER_ONLY_RE.match(previous.text) and not line.heading:
            previous.text = f"{re.sub(r'^[-–•·*]\s*', '', previous.text)} {line.text}"
            previous.joined += line.nos
            continue
        if (
            pasted
            and previous is not None
            and HYPHEN_END_RE.search(previous.text)
            and line.text[:1].islower()
            and not re.match(r"(?:en|of|tot|t/m)\b", line.text)
            and not previous.heading
        ):
            previous.text = previous.text[:-1] + line.text
            previous.joined += line.nos
            result.hyphenations += 1
            continue
        joined.append(line)
    return joined, result


def read_lines(text: str, fmt: str) -> tuple[list[Line], Cleaning, str]:
    """The cleaned lines of a normalised text and the format it was read as."""
    if fmt in {FORMAT_AUTO, FORMAT_ROO} or fmt not in FORMATS:
        fmt = detect_format(text)
    if fmt == FORMAT_HTML:
        raw = markdown_lines(html_to_markdown(text))
    elif fmt in {FORMAT_MARKDOWN, FORMAT_DOCX}:
        raw = markdown_lines(strip_tags(text))
    else:
        raw = [(line, False) for line in strip_tags(text).split("\n")]
    lines, cleaning = clean(raw, pasted=fmt in {FORMAT_TEXT, FORMAT_PDF})
    return lines, cleaning, fmt
