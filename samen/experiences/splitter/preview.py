"""The split document, what the preview says about it, and the facilitator's corrections.

Every input line is kept in exactly one part of the document (``Document.parts``): the title,
the aanhef, the table of contents, a heading, an article, a toelichting, an annex, a signature
block, or what was dropped as page furniture. The preview counts the parts with ngettext and
lists the warnings; corrections (merge, split, mark as toelichting) are replayed on the split in
the order they were made, so preview and import always agree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samen.experiences.splitter.layouts import Line, SplitError
from samen.experiences.splitter.numbering import Member, clean_text, render_members, split_members

MAX_TITLE = 300
# Part kinds: titel, aanhef, inhoudsopgave, kop, artikel, toelichting, bijlage, ondertekening, weggelaten.


@dataclass
class Part:
    """A run of input lines with one role in the document."""

    kind: str
    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return clean_text("\n".join(line.text for line in self.lines))


@dataclass
class Section:
    """A chapter (hoofdstuk), afdeling, paragraaf, titel, deel, annex (bijlage) or the heading of
    a series (``regeling``: the regeling a besluit sets, with its own aanhef as text)."""

    kind: str
    number: str
    title: str
    level: int
    parent: int | None
    part: Part = field(default_factory=lambda: Part("kop"))
    head: int = 1  # lines of ``part`` that are its heading (and title)

    @property
    def lines(self) -> list[str]:
        return [line.text for line in self.part.lines[self.head :]]

    @property
    def text(self) -> str:
        return clean_text("\n".join(self.lines))

    @property
    def label(self) -> str:
        if self.kind == "regeling":
            return self.title
        name = {"§": "§"}.get(self.kind, self.kind.capitalize())
        return " ".join(part for part in (name, self.number) if part)


@dataclass
class ParsedArticle:
    number: str
    title: str
    section: int | None
    lines: list[str] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    series: int = 0
    lapsed: bool = False
    part: Part = field(default_factory=lambda: Part("artikel"))
    explanations: list[Part] = field(default_factory=list)
    head: int = 1  # lines of ``part`` that are its heading (and title)
    rest: str = ""  # body text that stood on the heading line

    @property
    def body(self) -> str:
        return render_members(self.members)

    @property
    def explanation(self) -> str:
        return "\n\n".join(part.text for part in self.explanations if part.text)

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
    parts: list[Part] = field(default_factory=list)
    series: list[str] = field(default_factory=list)  # the title of each series ("" for the first)
    general_explanation: list[Part] = field(default_factory=list)
    closing: list[Part] = field(default_factory=list)
    toc: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    corrections: list[list[object]] = field(default_factory=list)
    reflow: bool = False

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
    def chapters(self) -> list[Section]:
        return [s for s in self.sections if s.kind not in {"bijlage", "regeling"}]

    @property
    def annexes(self) -> list[Section]:
        return [s for s in self.sections if s.kind == "bijlage"]

    @property
    def chapter_count(self) -> int:
        return len(self.chapters)

    @property
    def annex_count(self) -> int:
        return len(self.annexes)

    @property
    def lapsed_count(self) -> int:
        return sum(1 for a in self.articles if a.lapsed)

    @property
    def explanation_count(self) -> int:
        """Toelichting parts: the general one (if any) and one per explained article."""
        return (1 if self.explanation else 0) + sum(len(a.explanations) for a in self.articles)

    @property
    def explanation(self) -> str:
        return "\n\n".join(part.text for part in self.general_explanation if part.text)

    @property
    def closing_text(self) -> str:
        return "\n\n".join(part.text for part in self.closing if part.text)

    def articles_per_series(self) -> list[int]:
        counts = [0] * max(len(self.series), 1)
        for article in self.articles:
            counts[article.series] += 1
        return counts

    def section_path(self, index: int | None) -> str:
        """``Hoofdstuk I · Afdeling 2 · § 1``: where an article stands."""
        parts: list[str] = []
        while index is not None:
            section = self.sections[index]
            parts.append(section.label)
            index = section.parent
        return " · ".join(reversed(parts))

    def summary(self) -> list[str]:
        """What Samen understood, one sentence per kind of part, with Dutch plurals."""
        n = self.article_count
        per_series = self.articles_per_series()
        lines = [ngettext("%(count)d artikel", "%(count)d artikelen", n) % {"count": n}]
        if len(per_series) > 1:
            lines[0] += " " + _("in %(count)d reeksen (%(sizes)s)") % {
                "count": len(per_series),
                "sizes": " + ".join(str(c) for c in per_series),
            }
        c = self.lapsed_count, self.chapter_count, self.member_count, self.item_count
        d = self.explanation_count, self.annex_count, len(self.closing)
        parts = (
            (c[0], ngettext("%(count)d vervallen artikel", "%(count)d vervallen artikelen", c[0])),
            (c[1], ngettext("%(count)d hoofdstuk of afdeling", "%(count)d hoofdstukken en afdelingen", c[1])),
            (c[2], ngettext("%(count)d lid", "%(count)d leden", c[2])),
            (c[3], ngettext("%(count)d onderdeel", "%(count)d onderdelen", c[3])),
            (d[0], ngettext("%(count)d deel toelichting", "%(count)d delen toelichting", d[0])),
            (d[1], ngettext("%(count)d bijlage", "%(count)d bijlagen", d[1])),
            (d[2], ngettext("%(count)d ondertekening", "%(count)d ondertekeningen", d[2])),
        )
        lines += [text % {"count": count} for count, text in parts if count]
        return lines

    @property
    def summary_text(self) -> str:
        parts = self.summary()
        return (
            parts[0]
            if len(parts) == 1
            else _("%(list)s en %(last)s")
            % {
                "list": ", ".join(parts[:-1]),
                "last": parts[-1],
            }
        )

    def refresh(self, *, reflow: bool | None = None) -> None:
        if reflow is not None:
            self.reflow = reflow
        for article in self.articles:
            article.lines = ([article.rest] if article.rest else []) + [
                line.text for line in article.part.lines[article.head :]
            ]
            if self.reflow:
                article.lines = reflowed(article.lines)
            article.members = split_members("\n".join(article.lines))


_STARTS_PART_RE = re.compile(r"^(?:\d{1,3}[a-z]?[.)]|[a-z]{1,2}[.)]|\d{1,2}°|[-–•·]|\(?[ivx]{1,5}\))\s*")


def reflowed(lines: list[str]) -> list[str]:
    """Lines wrapped inside a sentence (a PDF, a pasted text) joined again; a new lid or
    onderdeel, or a line after a full stop, colon or semicolon, still starts a line."""
    result: list[str] = []
    for line in lines:
        heading = result and re.match(r"(?i)(?:artikel|hoofdstuk|paragraaf|afdeling|§)\s*\w+", result[-1])
        if result and not heading and not re.search(r"[.;:!?]$", result[-1]) and not _STARTS_PART_RE.match(line):
            result[-1] = f"{result[-1]} {line}"
        else:
            result.append(line)
    return result


# --- corrections -----------------------------------------------------------------------------

MERGE, SPLIT, EXPLAIN = "samenvoegen", "splitsen", "toelichting"


def _bad_correction() -> SplitError:
    return SplitError(_("Deze correctie past niet bij de tekst. Laad de voorvertoning opnieuw."), code="correction")


def apply_corrections(document: Document, corrections: Sequence[Sequence[object]]) -> Document:
    """Replay the facilitator's corrections: merge an article into the one before it, split an
    article at one of its lines, or mark an article as toelichting on the article before it."""
    from samen.experiences.splitter.structure import article_from_lines

    for correction in corrections:
        if not correction or not isinstance(correction[0], str):
            raise _bad_correction()
        action, args = correction[0], list(correction[1:])
        try:
            index = int(str(args[0]))
        except (IndexError, ValueError) as exc:
            raise _bad_correction() from exc
        if not 0 <= index < len(document.articles):
            raise _bad_correction()
        article = document.articles[index]
        if action == MERGE and index > 0:
            previous = document.articles[index - 1]
            previous.part.lines.extend(article.part.lines)
            previous.explanations.extend(article.explanations)
            document.parts.remove(article.part)
            del document.articles[index]
        elif action == SPLIT and len(args) == 2:
            try:
                at = int(str(args[1]))
            except ValueError as exc:
                raise _bad_correction() from exc
            if not 1 <= at < len(article.part.lines):
                raise _bad_correction()
            tail = Part("artikel", article.part.lines[at:])
            del article.part.lines[at:]
            document.parts.insert(document.parts.index(article.part) + 1, tail)
            new = article_from_lines(tail, article.section, article.series)
            document.articles.insert(index + 1, new)
        elif action == EXPLAIN and index > 0:
            article.part.kind = "toelichting"
            target = next(
                (a for a in reversed(document.articles[:index]) if a.number == article.number and article.number),
                document.articles[index - 1],
            )
            target.explanations.append(article.part)
            target.explanations.extend(article.explanations)
            del document.articles[index]
        else:
            raise _bad_correction()
        document.corrections.append([action, *args])
    document.refresh()
    return document


def explanation_warning(after: str, count: int) -> str:
    return ngettext(
        "Na artikel %(number)s volgt een toelichting; die is bij de artikelen gezet (%(count)d artikel heeft nu "
        "een toelichting).",
        "Na artikel %(number)s volgt een toelichting; die is bij de artikelen gezet (%(count)d artikelen hebben nu "
        "een toelichting).",
        count,
    ) % {"number": after, "count": count}


def plain_title(text: str) -> str:
    return text.strip("*_ \t\n")
