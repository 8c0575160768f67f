"""Recognising the structure of Dutch regelgeving and agreements in cleaned lines.

Headings in several styles (``Artikel 1``, ``Artikel 1. Titel``, ``Artikel 1 – Titel``,
``Artikel 12 bis Aanvulling``, ``Art. 1``, ``HOOFDSTUK 1: ALGEMEEN``, ``§ 1``, ``Bijlage``), with a
title on the heading line or on the next; headings that run on inside a line of text (a PDF copied
to text); the aanhef before the first article; a table of contents (skipped, used as a
cross-check); a besluit and the regeling it sets as two series of articles; signature blocks; the
toelichting, general and per article (linked to its article, never counted as one); annexes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from samen.experiences.splitter.layouts import Line
from samen.experiences.splitter.numbering import NUMBER, canonical, is_first, is_lapsed, sort_key
from samen.experiences.splitter.preview import (
    MAX_TITLE,
    Document,
    ParsedArticle,
    Part,
    Section,
    explanation_warning,
    plain_title,
)

ARTEFACT_RE = re.compile(r"^\(?treedt in werking op een nader te bepalen tijdstip\.?\)?$", re.I)
_SEP = r"[.:\-–—‐‑]"
ARTICLE_RE = re.compile(
    rf"^(?i:artikel|art\.?)[ ]*(?P<number>{NUMBER})(?=$|[ .:\-–—‐‑])[ ]*(?:{_SEP}+[ ]*)?(?P<rest>.*)$"
)
EXPLAINED_RE = re.compile(rf"^(?i:artikel(?:en)?|art\.?)[ ]*(?P<number>{NUMBER})(?=$|[ .:,\-–—‐‑])")
_SECTION_NUMBER = r"(?:\d{1,3}(?:\.\d{1,3}){0,2}[a-z]{0,2}|[IVXLC]{1,8}[a-z]{0,2}|[A-Z])"
SECTION_RE = re.compile(
    rf"^(?P<kind>(?i:hoofdstuk|afdeling|paragraaf|titel|deel|bijlage)|§)[ ]*"
    rf"(?P<number>{_SECTION_NUMBER})?(?=$|[ .:\-–—‐‑])[ ]*(?:{_SEP}+[ ]*)?(?P<rest>.*)$"
)
SECTION_LEVELS = {"deel": 0, "hoofdstuk": 1, "titel": 1, "bijlage": 1, "afdeling": 2, "paragraaf": 3, "§": 3}
TOC_RE = re.compile(r"^(?i:inhoud(?:sopgave|sopave)?|inhoudstafel)\b[ :]*(?P<rest>.*)$")
EXPLANATION_RE = re.compile(
    r"^(?i:(?:(?:I+\.?|[AB]\.?)\s+)?(?:algemene\s+|artikelsgewijze\s+|memorie\s+van\s+|nota\s+van\s+)?toelichting"
    r"(?:\s+(?:bij|op|behorende\s+bij)\b.{0,200})?)[ :.]*$"
)
SIGNATURE_RE = re.compile(
    r"^(?i:de|(?:de|het)\s+(?:staatssecretaris|minister|voorzitter|secretaris|griffier|burgemeester|directeur"
    r"|dijkgraaf|commissaris|algemeen bestuur|dagelijks bestuur|raad van de gemeente)\b.{0,120}"
    r"|(?:aldus|zo)\s+(?:vastgesteld|besloten|overeengekomen|gedaan|getekend|opgemaakt)\b.*"
    r"|(?:ondertekening|handtekening(?:en)?|getekend|ondertekend)\b.{0,120}"
    r"|burgemeester en wethouders (?:van|der) .{0,80}|namens .{0,100}|(?:plaats|datum)\s*:.{0,80})$"
)
_VERB_RE = re.compile(
    r"\b(?:is|zijn|wordt|worden|kan|kunnen|stelt|stellen|draagt|dragen|heeft|hebben|geeft|neemt|besluit|zal)\b"
)
_INITIALS_RE = re.compile(r"\b[A-Z]\.(?:[A-Z]\.)*\s?(?:van |de |der |den |ter |ten )*[A-Z][a-z]")
_SIGNATURE_RUN_IN_RE = re.compile(
    r"(?<=[.])\s+(?=(?:De|Het)\s+(?:Staatssecretaris|Minister|[Vv]oorzitter|[Rr]aad van|[Dd]agelijks bestuur)\b)"
)
ANNEX_RE = re.compile(r"^(?i:(?:[a-zà-ÿ]+\s+)?bijlage\b).{0,200}$")
_MEMBER_START_RE = re.compile(r"^\d{1,3}[a-z]?[.)]\s")
_ITEM_START_RE = re.compile(r"^[a-z]{1,2}[.)]\s")
_RUN_IN_RE = re.compile(rf"(?<=\S)\s+(?=(?:Artikel|ARTIKEL)[ ]+{NUMBER}[.:]?\s+\S)")
_NOT_A_TITLE_RE = re.compile(
    rf"\S+[ ]+{NUMBER}[.:]?(?:[ ]+\S+){{0,3}}?[ ]+(?:is|zijn|wordt|worden|van|geldt|blijft|bepaalt|en|of|tot|lid)\b"
)
_STARTERS = (
    "In|De|Het|Een|Deze|Dit|Er|Onder|Partijen|Bij|Voor|Na|Als|Indien|Op|Aan|Elke|Iedere|Ieder|Alle|Met|Om"
    "|Wanneer|Tenzij|Uiterlijk|Binnen|Jaarlijks|Gemeente|Gemeenten|Opdrachtgever|Opdrachtnemer|Zij|Hij"
)
_TITLE_THEN_TEXT_RE = re.compile(rf"^(?P<title>\S+(?:\s+\S+){{0,7}}?)\s+(?P<text>(?:{_STARTERS})\s.*)$")
_TITLE_THEN_LIST_RE = re.compile(r"^(?P<title>\S+(?:\s+\S+){0,7}?)\s+(?P<text>(?:a|1)[.)]\s?\S.*)$")


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


@dataclass
class Heading:
    kind: str  # "artikel" or a section kind
    number: str
    title: str
    rest: str = ""  # body text that stood on the heading line


def _follows(number: str, previous: str | None) -> bool:
    current = sort_key(number)
    if current is None:
        return False
    if previous is None:
        return True
    before = sort_key(previous)
    return before is None or current > before or is_first(number)


def match_heading(line: str, *, is_heading: bool, previous_article: str | None) -> Heading | None:
    """The article or section heading on ``line``, if it is one."""
    plain = plain_title(line)
    if is_heading and re.fullmatch(r"\d{1,3}[a-z]?", plain):
        return Heading("artikel", plain, "")  # BWB: "### 1", an article of the besluit
    match = ARTICLE_RE.match(plain)
    if match:
        number, rest = canonical(match.group("number")), plain_title(match.group("rest"))
        if not rest or is_lapsed(rest):
            return Heading("artikel", number, rest)
        if is_heading and len(rest) <= MAX_TITLE:
            return Heading("artikel", number, rest)
        if _title_like(rest):
            return Heading("artikel", number, rest)
        if _follows(number, previous_article):
            run_on = _TITLE_THEN_TEXT_RE.match(rest)
            if run_on and _title_like(run_on.group("title"), lowercase=True):
                # "Artikel 1 Algemene bepalingen In deze overeenkomst …": title and text on one line.
                return Heading("artikel", number, run_on.group("title"), run_on.group("text"))
            listed = _TITLE_THEN_LIST_RE.match(rest)
            if listed and _title_like(listed.group("title")):
                # "Artikel 1 Definities a. gemeenten: b.de dienstverlening: …": a PDF table run into the heading.
                return Heading("artikel", number, listed.group("title"), listed.group("text"))
            if rest[0].isupper():
                # "Artikel 3 Het bestuur bestaat uit …": heading and first sentence on one line.
                return Heading("artikel", number, "", rest)
        return None
    match = SECTION_RE.match(plain)
    if match:
        kind = match.group("kind").lower()
        number = match.group("number") or ""
        rest = plain_title(match.group("rest"))
        if not number and kind != "bijlage":
            return None
        if kind in {"titel", "deel"} and not re.match(r"[0-9IVXLC]", number):
            return None
        if not rest or (is_heading and len(rest) <= MAX_TITLE) or _title_like(rest, lowercase=kind == "bijlage"):
            return Heading(kind, number, rest)
    return None


def article_from_lines(part: Part, section: int | None, series: int) -> ParsedArticle:
    """An article from a run of lines (a split made by hand): its heading, if the first line is one."""
    first = part.lines[0].text
    heading = match_heading(first, is_heading=True, previous_article=None)
    if heading is None or heading.kind != "artikel":
        return ParsedArticle("", "", section, series=series, part=part, head=0)
    return ParsedArticle(heading.number, heading.title, section, series=series, part=part, rest=heading.rest)


class Builder:
    def __init__(self) -> None:
        self.doc = Document("", "", [], [], "")
        self.series_articles: list[ParsedArticle] = []
        self.stack: list[int] = []
        self.part: Part | None = None
        self.awaiting: Section | ParsedArticle | None = None
        self.mode = "front"  # front, toc, body, toelichting
        self.toc_keys: set[tuple[str, str]] = set()
        self.toc_numbered = 0  # entries with a page number
        self.explained_after = ""
        self.header_candidate: int | None = None  # a section opened after a signature block
        self.artefacts = 0
        self.reflow = False  # join lines a PDF or a pasted text wrapped inside a sentence

    # -- parts --

    def new_part(self, kind: str, line: Line | None = None) -> Part:
        part = Part(kind, [line] if line is not None else [])
        self.doc.parts.append(part)
        self.part = part
        return part

    def put(self, line: Line, kind: str) -> None:
        """``line`` into the current part, or a new part of ``kind``."""
        if self.part is None or self.part.kind != kind:
            self.new_part(kind)
        assert self.part is not None
        self.part.lines.append(line)

    def drop(self, line: Line) -> None:
        self.doc.parts.append(Part("weggelaten", [line]))

    # -- the lines --

    def build(self, lines: list[Line]) -> Document:
        queue = list(reversed(lines))
        while queue:
            line = queue.pop()
            if not line.text:
                continue
            if ARTEFACT_RE.match(line.text):
                self.artefacts += 1
                self.drop(line)
                continue
            head, tail = self._run_in(line)
            if tail is not None:
                queue.append(tail)
                line = head
            self.line(line, queue)
        self.finish()
        return self.doc

    def _run_in(self, line: Line) -> tuple[Line, Line | None]:
        """A heading that runs on inside a line of text: "… komen overeen: Artikel 1 Algemeen In …"."""
        if line.heading or self.mode in {"toc", "toelichting"} or len(line.text) < 40:
            return line, None
        previous = self.series_articles[-1].number if self.series_articles else None
        for match in _RUN_IN_RE.finditer(line.text):
            after = line.text[match.end() :]
            number = ARTICLE_RE.match(after)
            if number is None:
                continue
            if _NOT_A_TITLE_RE.match(after):
                continue
            key, before = sort_key(canonical(number.group("number"))), sort_key(previous) if previous else None
            expected = (before is None and is_first(number.group("number"))) or (
                key is not None and before is not None and key > before and key[0] <= before[0] + 2
            )
            if expected:
                self.doc.warnings.append(
                    _("Regel %(line)d: ‘%(heading)s’ stond midden in de tekst; daar begint nu een artikel.")
                    % {"line": line.no + 1, "heading": after[:40]}
                )
                return Line(line.no, line.text[: match.start()].rstrip()), Line(line.no, after)
            if not re.match(rf"\S+[ ]+{NUMBER}[.:]?[ ]+[A-Z]\S*(?:[ ]+[a-z]\S*)?[ ]+[A-Z]", after):
                continue
            self.doc.warnings.append(
                _("Regel %(line)d: deze regel lijkt een kop midden in de tekst (‘%(heading)s’); controleer hem.")
                % {"line": line.no + 1, "heading": after[:40]}
            )
            break
        return line, None

    def line(self, line: Line, queue: list[Line]) -> None:
        text = line.text
        if self.mode == "toc" and self._toc_line(line, queue):
            return
        if self.mode != "toc" and TOC_RE.match(text) and not self.doc.articles and len(text) <= 200:
            self.mode = "toc"
            self.new_part("inhoudsopgave", line)
            rest = TOC_RE.match(text)
            if rest and rest.group("rest"):
                self._toc_entry(rest.group("rest"))
            self.doc.warnings.append(_("De tekst begint met een inhoudsopgave; die is overgeslagen."))
            return
        if self.mode == "toelichting":
            self._explanation_line(line)
            return
        if self.doc.articles and EXPLANATION_RE.match(plain_title(text)) and (line.heading or len(text) <= 120):
            self.mode = "toelichting"
            self.explained_after = self.doc.articles[-1].number
            self.new_part("toelichting", line)
            self.doc.general_explanation.append(self.part)  # type: ignore[arg-type]
            self.awaiting = None
            return
        previous = self.series_articles[-1].number if self.series_articles else None
        heading = match_heading(text, is_heading=line.heading, previous_article=previous)
        if heading is not None:
            after_signature = self.part is not None and self.part.kind == "ondertekening"
            self.open(heading, line)
            if after_signature and heading.kind == "bijlage":
                self.header_candidate = len(self.doc.sections) - 1
            return
        plain = plain_title(text)
        continues = bool(queue) and not queue[-1].heading and queue[-1].text[:1].islower()
        if self.awaiting is not None and plain and not continues and self._title_for_awaiting(plain, line.heading):
            self.awaiting.title = plain[:MAX_TITLE]
            self.awaiting.head += 1
            self.awaiting.part.lines.append(line)
            self.awaiting = None
            return
        self.awaiting = None
        run_on = _SIGNATURE_RUN_IN_RE.search(text) if self.part is not None and self.part.kind == "artikel" else None
        if run_on and _INITIALS_RE.search(text[run_on.end() :]) and not line.heading:
            # "… in de Staatscourant worden geplaatst. De Staatssecretaris …, M.C. van der Laan De Raad …"
            self.part.lines.append(Line(line.no, text[: run_on.start()].rstrip()))  # type: ignore[union-attr]
            self.new_part("ondertekening", Line(line.no, text[run_on.end() :]))
            self.doc.closing.append(self.part)  # type: ignore[arg-type]
            return
        if self.part is not None and self.part.kind == "artikel" and self._signature(line):
            self.new_part("ondertekening", line)
            self.doc.closing.append(self.part)
            return
        if self.part is not None and self.part.kind == "ondertekening" and (line.heading or self._annex_title(plain)):
            self.open(Heading("bijlage", "", plain), line)
            self.header_candidate = len(self.doc.sections) - 1
            return
        if self.mode == "front":
            titled = line.heading or (len(plain) <= MAX_TITLE and not plain.endswith((";", ":", ",")))
            if not self.doc.title and plain and titled and not any(p.kind == "aanhef" for p in self.doc.parts):
                self.doc.title = plain[:MAX_TITLE]
                self.new_part("titel", line)
                return
            self.put(line, "aanhef")
            return
        self.put(line, self.part.kind if self.part is not None else "aanhef")

    def _signature(self, line: Line) -> bool:
        article = self.series_articles[-1] if self.series_articles else None
        if article is None or (len(article.part.lines) <= article.head and not article.rest):
            return False
        text = line.text
        if len(text) > 140 or len(text.split()) > 16 or not SIGNATURE_RE.match(text) or _VERB_RE.search(text):
            return False
        if not text[0].isupper() or (text.endswith((".", ";", ":")) and not _INITIALS_RE.search(text)):
            return False
        if text in {"De", "Het"} or text.endswith(",") or _INITIALS_RE.search(text):
            return True
        if re.match(r"(?i)aldus|zo |namens|ondertek", text):
            return True
        return not self.reflow and len(text.split()) <= 8

    @staticmethod
    def _annex_title(text: str) -> bool:
        return bool(re.match(r"(?i)(?:gemeenschappelijke\s+)?regeling\b|bijlage\b", text)) and _title_like(text)

    def _title_for_awaiting(self, text: str, is_heading: bool) -> bool:
        if len(text) > MAX_TITLE or is_lapsed(text):
            return False
        if is_heading:
            return True
        if isinstance(self.awaiting, ParsedArticle):
            return _title_like(text, max_chars=80, max_words=10)
        return _title_like(text)

    # -- table of contents --

    def _toc_entry(self, text: str) -> Heading | None:
        entry = re.sub(r"[ .…]*\d{1,3}$", "", text).strip()
        heading = match_heading(entry, is_heading=True, previous_article=None)
        if heading is not None:
            self.toc_keys.add((heading.kind, heading.number.lower()))
            if heading.kind == "artikel":
                self.doc.toc.append(heading.number)
        return heading

    def _toc_line(self, line: Line, queue: list[Line]) -> bool:
        """Whether ``line`` still belongs to the table of contents (it is then kept there)."""
        text = line.text
        numbered = bool(re.search(r"\s\d{1,3}$", text)) or line.page_ref
        entry = re.sub(r"[ .…]*\d{1,3}$", "", text).strip()
        heading = match_heading(entry, is_heading=True, previous_article=None)
        if heading is not None:
            key = (heading.kind, heading.number.lower())
            if not numbered and (key in self.toc_keys or self.toc_numbered):
                self.mode = "front"  # the real text starts: its first heading was listed
                return False
            self._toc_entry(text)
            self.toc_numbered += numbered
            assert self.part is not None
            self.part.lines.append(line)
            return True
        if (numbered and len(text) <= 160) or EXPLANATION_RE.match(entry) or re.fullmatch(r"(?i)bijlagen?\b.*", entry):
            assert self.part is not None
            self.part.lines.append(line)
            return True
        self.mode = "front"
        self.part = None
        return False

    # -- toelichting --

    def _explanation_line(self, line: Line) -> None:
        text = plain_title(line.text)
        if line.heading and ANNEX_RE.match(text):
            self.mode = "body"
            self.open(Heading("bijlage", "", text), line)
            return
        section = SECTION_RE.match(text)
        if section and section.group("kind").lower() == "bijlage":
            heading = match_heading(text, is_heading=True, previous_article=None)
            if heading is not None:
                self.mode = "body"
                self.open(heading, line)
                return
        match = EXPLAINED_RE.match(text) if len(text) <= 200 else None
        if match:
            number = canonical(match.group("number"))
            target = next((a for a in reversed(self.doc.articles) if a.number == number), None)
            if target is not None:
                self.new_part("toelichting", line)
                target.explanations.append(self.part)  # type: ignore[arg-type]
                return
            self.doc.warnings.append(
                _("De toelichting op artikel %(number)s hoort bij geen artikel; die staat bij de algemene toelichting.")
                % {"number": number}
            )
            self.new_part("toelichting", line)
            self.doc.general_explanation.append(self.part)  # type: ignore[arg-type]
            return
        assert self.part is not None
        self.part.lines.append(line)

    # -- headings --

    def open(self, heading: Heading, line: Line) -> None:
        self.mode = "body" if self.mode != "toelichting" else self.mode
        if heading.kind == "artikel":
            self._open_article(heading, line)
            return
        level = SECTION_LEVELS[heading.kind]
        while self.stack and self.doc.sections[self.stack[-1]].level >= level:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        kind = "kop" if heading.kind != "bijlage" else "bijlage"
        section = Section(heading.kind, heading.number, heading.title[:MAX_TITLE], level, parent, Part(kind, [line]))
        self.doc.parts.append(section.part)
        self.part = section.part
        self.doc.sections.append(section)
        self.stack.append(len(self.doc.sections) - 1)
        self.awaiting = None if heading.title else section

    def _open_article(self, heading: Heading, line: Line) -> None:
        number = heading.number
        last = self.series_articles[-1] if self.series_articles else None
        if last is not None and is_first(number) and (sort_key(number) or (0,)) <= (sort_key(last.number) or (0,)):
            self._new_series(last)
        elif any(a.number == number for a in self.series_articles):
            self.doc.warnings.append(_("Artikel %(number)s komt twee keer voor.") % {"number": number})
        lapsed = is_lapsed(heading.title)
        article = ParsedArticle(
            number,
            "" if lapsed else heading.title[:MAX_TITLE],
            self.stack[-1] if self.stack else None,
            series=len(self.doc.series) - 1 if self.doc.series else 0,
            lapsed=lapsed,
            part=Part("artikel", [line]),
            rest=heading.title if lapsed else heading.rest,
        )
        self.doc.parts.append(article.part)
        self.part = article.part
        self.doc.articles.append(article)
        self.series_articles.append(article)
        self.awaiting = None if heading.title or heading.rest else article

    def _new_series(self, last: ParsedArticle) -> None:
        """Numbering starts again at 1: a besluit and its regeling, or a main text and an annex."""
        if not self.doc.series:
            self.doc.series.append("")
        title = ""
        candidate = self.header_candidate
        if candidate is not None:
            section = self.doc.sections[candidate]
            section.kind, section.level = "regeling", 0
            section.part.kind = "aanhef"
            for later in self.doc.sections[candidate + 1 :]:
                if later.parent is None:
                    later.parent = candidate
            self.stack = [candidate, *[i for i in self.stack if i > candidate]]
            title = section.title
        else:
            self.stack = []
            self.doc.warnings.append(
                _(
                    "Na artikel %(number)s begint de nummering opnieuw bij 1; "
                    "Samen las dat als een nieuwe reeks artikelen."
                )
                % {"number": last.number}
            )
        self.doc.series.append(title)
        self.series_articles = []
        self.header_candidate = None

    def finish(self) -> None:
        doc = self.doc
        if not doc.series:
            doc.series.append("")
        doc.preamble = "\n".join(p.text for p in doc.parts if p.kind == "aanhef" and p.text and p not in _headers(doc))
        doc.refresh(reflow=self.reflow)
        for article in doc.articles:
            if not article.lapsed and article.body and is_lapsed(article.body):
                article.lapsed = True
        explained = sum(1 for a in doc.articles if a.explanations)
        if doc.general_explanation or explained:
            doc.warnings.append(explanation_warning(self.explained_after, explained))
        if doc.toc:
            found = {a.number for a in doc.articles}
            missing = [n for n in doc.toc if n not in found]
            if missing:
                doc.warnings.append(
                    _("De inhoudsopgave noemt artikelen die Samen niet vond: %(numbers)s.")
                    % {"numbers": ", ".join(missing[:10])}
                )
        if self.artefacts:
            from django.utils.translation import ngettext

            doc.notes.append(
                ngettext(
                    "%(count)d regel ‘Treedt in werking op een nader te bepalen tijdstip’ is weggelaten "
                    "(een overblijfsel van de publicatie op wetten.overheid.nl).",
                    "%(count)d regels ‘Treedt in werking op een nader te bepalen tijdstip’ zijn weggelaten "
                    "(een overblijfsel van de publicatie op wetten.overheid.nl).",
                    self.artefacts,
                )
                % {"count": self.artefacts}
            )


def _headers(doc: Document) -> list[Part]:
    return [s.part for s in doc.sections if s.kind == "regeling"]
