"""Split the text of an agreement into its parts: title, aanhef, series of articles, chapters,
articles with their members (leden) and items (onderdelen), toelichting, annexes, signatures.

``layouts`` reads and cleans the input (text, Markdown, HTML, the overheid.nl page, PDF, DOCX);
``structure`` recognises the parts; ``numbering`` reads article numbers, members and items;
``preview`` holds the result, its counts and warnings, and the facilitator's corrections.
Nothing here touches the database, so the preview and the final save split exactly the same
text in exactly the same way. A text without recognisable articles raises ``SplitError`` (a
``ValidationError`` with a Dutch message); the caller then saves nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samen.core import formatting
from samen.experiences.splitter.layouts import (
    ACTIVE_RE,
    FORMAT_AUTO,
    FORMAT_DOCX,
    FORMAT_HTML,
    FORMAT_MARKDOWN,
    FORMAT_PDF,
    FORMAT_ROO,
    FORMAT_TEXT,
    FORMATS,
    INVISIBLE,
    MAX_CHARS,
    MAX_UPLOAD_BYTES,
    Line,
    SplitError,
    check_size,
    decode_upload,
    detect_format,
    html_to_markdown,
    markdown_lines,
    needs_extraction,
    normalise,
    read_lines,
    strip_tags,
)
from samen.experiences.splitter.numbering import (
    NUMBER,
    Item,
    Member,
    members_from_dicts,
    render_members,
    split_items,
    split_members,
)
from samen.experiences.splitter.preview import (
    EXPLAIN,
    MAX_TITLE,
    MERGE,
    SPLIT,
    Document,
    ParsedArticle,
    Part,
    Section,
    apply_corrections,
)
from samen.experiences.splitter.structure import ARTICLE_RE, Builder, match_heading

__all__ = [
    "EXPLAIN",
    "FORMATS",
    "FORMAT_AUTO",
    "FORMAT_DOCX",
    "FORMAT_HTML",
    "FORMAT_MARKDOWN",
    "FORMAT_PDF",
    "FORMAT_ROO",
    "FORMAT_TEXT",
    "MAX_CHARS",
    "MAX_UPLOAD_BYTES",
    "MERGE",
    "SPLIT",
    "Document",
    "Item",
    "Line",
    "Member",
    "ParsedArticle",
    "Part",
    "Section",
    "SplitError",
    "apply_corrections",
    "decode_upload",
    "detect_format",
    "html_to_markdown",
    "markdown_lines",
    "match_heading",
    "members_from_dicts",
    "needs_extraction",
    "normalise",
    "render_members",
    "split",
    "split_excerpts",
    "split_items",
    "split_members",
    "strip_tags",
]

MAX_ARTICLES = 3000


def _invisible_note(count: int) -> str:
    return ngettext(
        "%(count)d onzichtbaar teken (zoals een zero-width space) is verwijderd.",
        "%(count)d onzichtbare tekens (zoals zero-width spaces) zijn verwijderd.",
        count,
    ) % {"count": count}


def split(text: str, fmt: str = FORMAT_AUTO, corrections: Sequence[Sequence[object]] = ()) -> Document:
    """Split an agreement text; ``SplitError`` when it is empty, too large or has no articles."""
    if not text or not text.strip():
        raise SplitError(_("De tekst is leeg. Plak de tekst van de afspraak of kies een bestand."), code="empty")
    check_size(text)
    text, invisible = normalise(text)
    notes = [_invisible_note(invisible)] if invisible else []
    if ACTIVE_RE.search(text):
        notes.append(_("Scripts en andere actieve inhoud zijn verwijderd; ze worden nooit uitgevoerd."))
    lines, cleaning, read_as = read_lines(text, fmt)
    builder = Builder()
    builder.reflow = read_as in {FORMAT_TEXT, FORMAT_PDF}
    for line in cleaning.dropped:
        builder.drop(line)
    document = builder.build(lines)
    document.parts.sort(key=lambda part: part.lines[0].no if part.lines else -1)
    document.format = fmt if fmt in {FORMAT_DOCX, FORMAT_PDF} else read_as
    document.notes = notes + document.notes
    furniture = len(cleaning.dropped)
    if furniture:
        document.notes.append(
            ngettext(
                "%(count)d regel paginaopmaak (paginanummers, koppen en voeten, links) is weggelaten.",
                "%(count)d regels paginaopmaak (paginanummers, koppen en voeten, links) zijn weggelaten.",
                furniture,
            )
            % {"count": furniture}
        )
    if hyphens := cleaning.hyphenations:
        document.notes.append(
            ngettext(
                "%(count)d afgebroken woord aan het eind van een regel is weer heel gemaakt.",
                "%(count)d afgebroken woorden aan het eind van een regel zijn weer heel gemaakt.",
                hyphens,
            )
            % {"count": hyphens}
        )
    if corrections:
        apply_corrections(document, corrections)
    return _checked(document)


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
            % {"max": formatting.number(MAX_ARTICLES)},
            code="too_many",
        )
    if not any(a.members for a in document.articles):
        raise SplitError(
            _("We vonden artikelkoppen, maar geen tekst onder de artikelen. Controleer of de hele tekst is geplakt."),
            code="no_text",
        )
    return document


# --- ROO excerpts ----------------------------------------------------------------------------

_SEP = r"[.:\-–—‐‑]"
_ROO_TITLE_FIRST_RE = re.compile(rf"^(?P<title>.*?\S)[ ]+(?i:artikel)[ ]*(?P<number>{NUMBER})\.?$")
_ROO_NUMBER_FIRST_RE = re.compile(rf"^(?P<number>{NUMBER})[.)]?(?:[ ]+(?P<title>\S.*))?$")
_ANY_ARTICLE_RE = re.compile(rf"(?i:artikel)[ ]*(?P<number>{NUMBER})(?=$|[ .:,\-–—‐‑])")


def _plain(text: str) -> str:
    return re.sub(r"^[*_\s]+|[*_\s]+$", "", text)


def parse_excerpt_heading(heading: str) -> tuple[str, str]:
    """(number, title) of a ROO ``kop_artikel``: ``Artikel 5 Bevoegdheden``, ``Taken Artikel 4``, ``6``."""
    heading = _plain(normalise(heading)[0].replace("\n", " "))
    heading = re.sub(r" {2,}", " ", heading)
    if not heading:
        return "", ""
    for pattern in (ARTICLE_RE, _ROO_TITLE_FIRST_RE, _ROO_NUMBER_FIRST_RE):
        match = pattern.match(heading)
        if match:
            rest = match.group("rest") if pattern is ARTICLE_RE else match.group("title")
            return match.group("number"), _plain(rest or "")[:MAX_TITLE]
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
        part = Part("artikel", [Line(len(articles), body)])
        articles.append(ParsedArticle(number, title, None, [body], split_members(body), part=part, head=0))
    if not articles:
        raise SplitError(_("Voor deze regeling staan geen artikelteksten in het register."), code="empty")
    notes = [_("Uit het landelijk register (ROO): alleen de artikelen over taken en bevoegdheden.")]
    if invisible:
        notes.append(_invisible_note(invisible))
    document = Document("", "", [], articles, FORMAT_ROO, notes, parts=[a.part for a in articles], series=[""])
    return _checked(document)
