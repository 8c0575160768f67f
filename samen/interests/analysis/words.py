"""The sentences of the analysis, translated once per language, and how names are joined and quoted."""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samen.interests import rules


@dataclass(frozen=True)
class Words:
    """Every sentence template of the analysis, translated once per language."""

    and_: str
    holder: str
    evidence: str
    red_line_evidence: str
    more_evidence: str
    core: str
    partial: str
    partial_question: str
    gap: str
    gap_question: str
    tension: str
    collision_title: str
    collision: str
    collision_question: str
    pair_labels: dict[str, str]
    pair_shared: str
    pair_nothing_shared: str
    pair_tensions: str
    pair_tension_part: str
    pair_collisions: str
    pair_collision_part: str


@cache
def _words(language: str | None) -> Words:
    return Words(
        and_=_("%(first)s en %(last)s"),
        holder=_("%(partner)s (gewicht %(weight)s)"),
        evidence=_("Verklaring van %(partner)s: %(motive)s, gewicht %(weight)s"),
        red_line_evidence=_("Verklaring van %(partner)s: rode lijn %(text)s"),
        more_evidence=_("… en nog %(count)s verklaringen."),
        core=_("Alle %(count)s partners noemen %(motive)s als belang: %(holders)s."),
        partial=_("%(motive)s is een belang van %(holders)s, maar niet van %(others)s."),
        partial_question=_(
            "Wat betekent het voor de samenwerking dat niet iedere partner %(motive)s nastreeft, "
            "en hoe houden we daar rekening mee?"
        ),
        gap=_("Alle partners noemen %(motive)s, maar het gewicht loopt uiteen: %(high)s tegenover %(low)s."),
        gap_question=_("Hoe zwaar laten we %(motive)s meewegen in de keuzes van de samenwerking?"),
        tension=_(
            "%(a)s is een belang van %(holders_a)s; %(b)s is een belang van %(holders_b)s. "
            "Deze twee trekken vaak tegen elkaar in."
        ),
        collision_title=_("Rode lijn van %(partner)s"),
        collision=_("De rode lijn van %(owner)s, %(line)s, begrenst %(motive)s, en dat is een belang van %(holders)s."),
        collision_question=_(
            "Wat betekent deze rode lijn van %(owner)s voor %(motive)s van %(holders)s? "
            "Is er een uitweg die beide recht doet?"
        ),
        pair_labels={"goed": _("goed verenigbaar"), "aandacht": _("aandacht nodig"), "zorg": _("moeilijk verenigbaar")},
        pair_shared=_("Gedeelde belangen: %(motives)s."),
        pair_nothing_shared=_("Geen gedeelde belangen."),
        pair_tensions=_("Spanning: %(tensions)s."),
        pair_tension_part=_("%(a)s van %(one)s tegenover %(b)s van %(other)s"),
        pair_collisions=_("Rode lijn: %(lines)s."),
        pair_collision_part=_("de rode lijn %(line)s van %(owner)s raakt %(motive)s van %(other)s"),
    )


def words() -> Words:
    return _words(get_language())


def join_names(names: Sequence[str]) -> str:
    """ "Utrecht", "Utrecht en Zeist", "Utrecht, Zeist en De Bilt"."""
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return words().and_ % {"first": ", ".join(names[:-1]), "last": names[-1]}


def quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > rules.QUOTE_LENGTH:
        text = text[: rules.QUOTE_LENGTH - 1].rstrip() + "…"
    return f"“{text}”"
