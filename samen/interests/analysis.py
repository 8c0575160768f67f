"""The analysis of an honesty round: shared ground, differences, tensions, red lines, compatibility.

Pure functions on plain data, so every rule can be tried on a constructed set of partners.
Only *shared* declarations go in (see ``overview.analyse_round``): the analysis is the same for
everyone who may see it, and a draft can never leak through it. Every finding says in words
which partners and which declarations cause it.

Built for 30 partners × 40 motives within a page's budget: the holders of each motive are
indexed once, sentence templates are translated once per language, and the evidence quoted
under a finding is limited to its strongest declarations.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samen.interests import rules
from samen.interests.catalogue import Catalogue, Motive, TensionRule


@dataclass(frozen=True)
class DeclaredInterest:
    motive: str
    weight: int
    explanation: str = ""


@dataclass(frozen=True)
class DeclaredRedLine:
    text: str
    motive: str = ""


@dataclass
class PartnerDeclaration:
    """One partner's shared declaration, as the analysis sees it."""

    partner_id: Any
    name: str
    interests: dict[str, DeclaredInterest] = field(default_factory=dict)
    red_lines: list[DeclaredRedLine] = field(default_factory=list)
    intentions: str = ""

    def weight(self, motive: str) -> int:
        interest = self.interests.get(motive)
        return interest.weight if interest else 0


@dataclass
class Finding:
    kind: str  # "kern", "verschil", "spanning", "rode_lijn"
    key: str  # stable across rounds, to see what changed
    title: str
    text: str
    partners: list[str]
    severity: int
    evidence: list[str] = field(default_factory=list)
    question: str = ""
    label: str = ""  # how the history names it; the title when empty


@dataclass
class MotiveRow:
    motive: Motive
    cells: list[int | None]  # one per partner, in partner order
    holders: list[tuple[str, int]]
    average: float

    @property
    def count(self) -> int:
        return len(self.holders)


@dataclass
class PairScore:
    """How well two partners' interests go together; the explanation is written when it is read."""

    first: str
    second: str
    score: int  # 0–100
    status: str  # "goed", "aandacht", "zorg"
    shared: list[str] = field(default_factory=list)
    tension_parts: list[tuple[str, str, str, str]] = field(default_factory=list)
    collision_parts: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return words().pair_labels[self.status]

    @property
    def explanation(self) -> str:
        w = words()
        parts = [w.pair_shared % {"motives": join_names(self.shared)} if self.shared else w.pair_nothing_shared]
        if self.tension_parts:
            tensions = "; ".join(
                w.pair_tension_part % {"a": a, "one": one, "b": b, "other": other}
                for a, one, b, other in self.tension_parts
            )
            parts.append(w.pair_tensions % {"tensions": tensions})
        if self.collision_parts:
            lines = "; ".join(
                w.pair_collision_part % {"line": quote(line), "owner": owner, "motive": motive, "other": other}
                for line, owner, motive, other in self.collision_parts
            )
            parts.append(w.pair_collisions % {"lines": lines})
        return " ".join(parts)


@dataclass
class Analysis:
    partners: list[PartnerDeclaration]
    rows: list[MotiveRow]
    unheld: list[Motive]
    core: list[Finding]
    differences: list[Finding]
    tensions: list[Finding]
    collisions: list[Finding]
    pairs: list[PairScore]

    @property
    def findings(self) -> list[Finding]:
        return [*self.core, *self.differences, *self.tensions, *self.collisions]

    @property
    def has_enough(self) -> bool:
        """Comparing needs at least two shared declarations."""
        return len(self.partners) >= 2

    def pair_counts(self) -> dict[str, int]:
        counts = {"goed": 0, "aandacht": 0, "zorg": 0}
        for pair in self.pairs:
            counts[pair.status] += 1
        return counts


# --- words ---------------------------------------------------------------------------------


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


class _Context:
    """What every rule needs, computed once per analysis: names and who holds which motive."""

    def __init__(self, partners: Sequence[PartnerDeclaration], catalogue: Catalogue) -> None:
        self.partners = partners
        self.catalogue = catalogue
        self.words = words()
        self.names = {code: motive.name for code, motive in catalogue.motives.items()}
        self.lower = {code: catalogue.lower_name(code) for code in catalogue.motives}
        self.order = list(catalogue.motives)
        self.holders: dict[str, list[PartnerDeclaration]] = {code: [] for code in catalogue.motives}
        for partner in partners:
            for code in partner.interests:
                if code in self.holders:
                    self.holders[code].append(partner)

    def holder(self, partner: PartnerDeclaration, code: str) -> str:
        return self.words.holder % {"partner": partner.name, "weight": partner.weight(code)}

    def holders_text(self, partners: Sequence[PartnerDeclaration], code: str) -> str:
        return join_names([self.holder(p, code) for p in partners])

    def evidence(self, partners: Sequence[PartnerDeclaration], code: str) -> list[str]:
        """The declarations behind a finding, heaviest first, at most ``EVIDENCE_MAX`` quoted."""
        strongest = sorted(partners, key=lambda p: (-p.weight(code), p.name))
        lines = []
        for partner in strongest[: rules.EVIDENCE_MAX]:
            interest = partner.interests[code]
            line = self.words.evidence % {
                "partner": partner.name,
                "motive": self.lower[code],
                "weight": interest.weight,
            }
            lines.append(f"{line} – {quote(interest.explanation)}" if interest.explanation.strip() else line)
        if len(strongest) > rules.EVIDENCE_MAX:
            lines.append(self.words.more_evidence % {"count": len(strongest) - rules.EVIDENCE_MAX})
        return lines


# --- the rules -----------------------------------------------------------------------------


def motive_rows(partners: Sequence[PartnerDeclaration], catalogue: Catalogue) -> tuple[list[MotiveRow], list[Motive]]:
    """Per motive: who holds it and how strongly. Most widely held first; unheld motives apart."""
    context = _Context(partners, catalogue)
    rows: list[MotiveRow] = []
    unheld: list[Motive] = []
    for code, motive in catalogue.motives.items():
        holders = context.holders[code]
        if not holders:
            unheld.append(motive)
            continue
        weights = [(p.name, p.weight(code)) for p in holders]
        rows.append(
            MotiveRow(
                motive=motive,
                cells=[p.weight(code) or None for p in partners],
                holders=weights,
                average=sum(w for _name, w in weights) / len(weights),
            )
        )
    rows.sort(key=lambda row: (-row.count, -row.average, row.motive.name))
    return rows, unheld


def shared_core(partners: Sequence[PartnerDeclaration], catalogue: Catalogue) -> list[Finding]:
    """Motives every partner that shared holds. Meaningless with fewer than two partners."""
    return _shared_core(_Context(partners, catalogue))


def _shared_core(context: _Context) -> list[Finding]:
    partners = context.partners
    if len(partners) < 2:
        return []
    findings = []
    for code, holders in context.holders.items():
        if len(holders) == len(partners):
            findings.append(
                Finding(
                    kind="kern",
                    key=f"kern:{code}",
                    title=context.names[code],
                    text=context.words.core
                    % {
                        "count": len(partners),
                        "motive": context.lower[code],
                        "holders": context.holders_text(partners, code),
                    },
                    partners=[p.name for p in partners],
                    severity=min(p.weight(code) for p in partners),
                    evidence=context.evidence(partners, code),
                )
            )
    findings.sort(key=lambda f: (-f.severity, f.title))
    return findings


def differences(partners: Sequence[PartnerDeclaration], catalogue: Catalogue) -> list[Finding]:
    """Motives only some partners hold, and shared motives whose weights lie far apart."""
    return _differences(_Context(partners, catalogue))


def _differences(context: _Context) -> list[Finding]:
    partners = context.partners
    if len(partners) < 2:
        return []
    w = context.words
    findings = []
    for code, holders in context.holders.items():
        if not holders:
            continue
        if len(holders) < len(partners):
            held = {id(p) for p in holders}
            others = [p for p in partners if id(p) not in held]
            findings.append(
                Finding(
                    kind="verschil",
                    key=f"verschil:{code}",
                    title=context.names[code],
                    text=w.partial
                    % {
                        "motive": context.names[code],
                        "holders": context.holders_text(holders, code),
                        "others": join_names([p.name for p in others]),
                    },
                    partners=[p.name for p in holders] + [p.name for p in others],
                    severity=max(p.weight(code) for p in holders),
                    evidence=context.evidence(holders, code),
                    question=w.partial_question % {"motive": context.lower[code]},
                )
            )
            continue
        high = max(p.weight(code) for p in holders)
        low = min(p.weight(code) for p in holders)
        if high - low >= rules.WEIGHT_GAP:
            heavy = [p for p in holders if p.weight(code) == high]
            light = [p for p in holders if p.weight(code) == low]
            findings.append(
                Finding(
                    kind="verschil",
                    key=f"gewicht:{code}",
                    title=context.names[code],
                    text=w.gap
                    % {
                        "motive": context.lower[code],
                        "high": context.holders_text(heavy, code),
                        "low": context.holders_text(light, code),
                    },
                    partners=[p.name for p in heavy + light],
                    severity=high,
                    evidence=context.evidence(heavy + light, code),
                    question=w.gap_question % {"motive": context.lower[code]},
                )
            )
    findings.sort(key=lambda f: (-f.severity, f.title))
    return findings


def _strongest_pair(holders_a: list[PartnerDeclaration], holders_b: list[PartnerDeclaration], rule: TensionRule) -> int:
    """The heaviest weight × weight of one partner's motive a against another partner's motive b (0: none)."""
    best = 0
    for p in sorted(holders_a, key=lambda h: -h.weight(rule.motive_a))[:2]:
        for q in sorted(holders_b, key=lambda h: -h.weight(rule.motive_b))[:2]:
            if p is not q:
                best = max(best, p.weight(rule.motive_a) * q.weight(rule.motive_b))
    return best


def tensions(partners: Sequence[PartnerDeclaration], catalogue: Catalogue) -> list[Finding]:
    """A tension from the catalogue where one partner holds one motive and another partner the other."""
    return _tensions(_Context(partners, catalogue))


def _tensions(context: _Context) -> list[Finding]:
    findings = []
    for rule in context.catalogue.tensions:
        holders_a = context.holders.get(rule.motive_a) or []
        holders_b = context.holders.get(rule.motive_b) or []
        severity = _strongest_pair(holders_a, holders_b, rule) if holders_a and holders_b else 0
        if not severity:
            continue  # nobody holds one side, or a single partner holds both
        findings.append(
            Finding(
                kind="spanning",
                key="spanning:" + "|".join(sorted(rule.key)),
                title=f"{context.names[rule.motive_a]} ↔ {context.lower[rule.motive_b]}",
                text=context.words.tension
                % {
                    "a": context.names[rule.motive_a],
                    "holders_a": context.holders_text(holders_a, rule.motive_a),
                    "b": context.lower[rule.motive_b],
                    "holders_b": context.holders_text(holders_b, rule.motive_b),
                },
                partners=list(dict.fromkeys(p.name for p in holders_a + holders_b)),
                severity=severity,
                evidence=context.evidence(holders_a, rule.motive_a) + context.evidence(holders_b, rule.motive_b),
                question=rule.question,
            )
        )
    findings.sort(key=lambda f: (-f.severity, f.title))
    return findings


def collisions(partners: Sequence[PartnerDeclaration], catalogue: Catalogue) -> list[Finding]:
    """A red line that limits a motive another partner holds as an interest."""
    return _collisions(_Context(partners, catalogue))


def _collisions(context: _Context) -> list[Finding]:
    w = context.words
    findings = []
    for owner in context.partners:
        for red_line in owner.red_lines:
            holders = [p for p in context.holders.get(red_line.motive) or [] if p is not owner]
            if not holders:
                continue
            motive = context.lower[red_line.motive]
            red_line_evidence = w.red_line_evidence % {"partner": owner.name, "text": quote(red_line.text)}
            title = w.collision_title % {"partner": owner.name}
            findings.append(
                Finding(
                    kind="rode_lijn",
                    key=f"rode_lijn:{owner.partner_id}:{red_line.text.strip().lower()}",
                    title=title,
                    label=f"{title} ({quote(red_line.text)})",
                    text=w.collision
                    % {
                        "owner": owner.name,
                        "line": quote(red_line.text),
                        "motive": motive,
                        "holders": context.holders_text(holders, red_line.motive),
                    },
                    partners=[owner.name] + [p.name for p in holders],
                    severity=max(p.weight(red_line.motive) for p in holders),
                    evidence=[red_line_evidence, *context.evidence(holders, red_line.motive)],
                    question=w.collision_question
                    % {
                        "owner": owner.name,
                        "motive": motive,
                        "holders": join_names([p.name for p in holders]),
                    },
                )
            )
    findings.sort(key=lambda f: (-f.severity, f.title))
    return findings


def pair_score(p: PartnerDeclaration, q: PartnerDeclaration, catalogue: Catalogue) -> PairScore:
    return _pair_score(p, q, _Context([p, q], catalogue))


def _tension_sides(
    partners: Sequence[PartnerDeclaration], catalogue: Catalogue
) -> dict[int, list[tuple[TensionRule, int]]]:
    """Per partner (by id()): the catalogue tensions whose first motive it holds, with its weight."""
    sides: dict[int, list[tuple[TensionRule, int]]] = {}
    for partner in partners:
        sides[id(partner)] = [
            (rule, partner.interests[rule.motive_a].weight)
            for rule in catalogue.tensions
            if rule.motive_a in partner.interests and rule.motive_b in catalogue.motives
        ]
    return sides


def _pair_score(
    p: PartnerDeclaration,
    q: PartnerDeclaration,
    context: _Context,
    sides: dict[int, list[tuple[TensionRule, int]]] | None = None,
) -> PairScore:
    """Overlap of the weighted interests (per motive the smaller weight over the larger), minus a
    penalty for each catalogue tension between the two (heavier when both weigh their side heavily)
    and for each red line of one that limits an interest of the other."""
    if sides is None:
        sides = _tension_sides([p, q], context.catalogue)
    a_interests, b_interests = p.interests, q.interests
    smaller = larger = 0
    for code, interest in a_interests.items():
        theirs = b_interests.get(code)
        if theirs is None:
            larger += interest.weight
        else:
            smaller += min(interest.weight, theirs.weight)
            larger += max(interest.weight, theirs.weight)
    for code, interest in b_interests.items():
        if code not in a_interests:
            larger += interest.weight
    overlap = smaller / larger if larger else 0.0
    penalty = 0.0
    tension_parts = []
    for one, other in ((p, q), (q, p)):
        for rule, weight_a in sides[id(one)]:
            held = other.interests.get(rule.motive_b)
            if held is not None:
                penalty += rules.TENSION_PENALTY * weight_a * held.weight / 25
                tension_parts.append((context.lower[rule.motive_a], one.name, context.lower[rule.motive_b], other.name))
    collision_parts = []
    for owner, other in ((p, q), (q, p)):
        for red_line in owner.red_lines:
            held = other.interests.get(red_line.motive) if red_line.motive else None
            if held is not None and red_line.motive in context.lower:
                penalty += rules.COLLISION_PENALTY * held.weight / 5
                collision_parts.append((red_line.text, owner.name, context.lower[red_line.motive], other.name))
    score = round(max(0.0, min(1.0, overlap - penalty)) * 100)
    status = "goed" if score >= rules.COMPATIBLE_GOOD else "aandacht" if score >= rules.COMPATIBLE_WORRY else "zorg"
    both = a_interests.keys() & b_interests.keys()
    shared = [context.lower[c] for c in context.order if c in both]
    return PairScore(
        first=p.name,
        second=q.name,
        score=score,
        status=status,
        shared=shared,
        tension_parts=tension_parts,
        collision_parts=collision_parts,
    )


def analyse(partners: Iterable[PartnerDeclaration], catalogue: Catalogue) -> Analysis:
    """Every rule at once, partners in alphabetical order, pairs least compatible first."""
    ordered = sorted(partners, key=lambda p: p.name)
    context = _Context(ordered, catalogue)
    rows, unheld = motive_rows(ordered, catalogue)
    sides = _tension_sides(ordered, catalogue)
    pairs = [_pair_score(p, q, context, sides) for p, q in combinations(ordered, 2)]
    pairs.sort(key=lambda pair: (pair.score, pair.first, pair.second))
    return Analysis(
        partners=ordered,
        rows=rows,
        unheld=unheld,
        core=_shared_core(context),
        differences=_differences(context),
        tensions=_tensions(context),
        collisions=_collisions(context),
        pairs=pairs,
    )


# --- what changed since the previous round ---------------------------------------------------


def _finding_labels(partners: Sequence[PartnerDeclaration], catalogue: Catalogue) -> dict[str, tuple[str, str]]:
    """Key → (kind, label) of the core, tension and red-line findings, without writing their texts.

    What an earlier round needs to compare with: the same keys as ``analyse`` gives its findings.
    """
    context = _Context(sorted(partners, key=lambda p: p.name), catalogue)
    labels: dict[str, tuple[str, str]] = {}
    if len(context.partners) >= 2:
        for code, holders in context.holders.items():
            if len(holders) == len(context.partners):
                labels[f"kern:{code}"] = ("kern", context.names[code])
    for rule in catalogue.tensions:
        holders_a = context.holders.get(rule.motive_a) or []
        holders_b = context.holders.get(rule.motive_b) or []
        if holders_a and holders_b and _strongest_pair(holders_a, holders_b, rule):
            title = f"{context.names[rule.motive_a]} ↔ {context.lower[rule.motive_b]}"
            labels["spanning:" + "|".join(sorted(rule.key))] = ("spanning", title)
    for owner in context.partners:
        for red_line in owner.red_lines:
            if any(p is not owner for p in context.holders.get(red_line.motive) or []):
                title = context.words.collision_title % {"partner": owner.name}
                key = f"rode_lijn:{owner.partner_id}:{red_line.text.strip().lower()}"
                labels[key] = ("rode_lijn", f"{title} ({quote(red_line.text)})")
    return labels


def changes(current: Analysis, previous: Sequence[PartnerDeclaration], catalogue: Catalogue) -> list[str]:
    """In words: per partner what it changed in its declaration, then which findings came or went."""
    lines: list[str] = []
    before = {p.partner_id: p for p in previous}
    now = {p.partner_id: p for p in current.partners}
    for partner in current.partners:
        old = before.get(partner.partner_id)
        if old is None:
            lines.append(_("%(partner)s deelde in de vorige ronde geen verklaring.") % {"partner": partner.name})
        elif line := _partner_changes(old, partner, catalogue):
            lines.append(line)
    for partner in sorted(previous, key=lambda p: p.name):
        if partner.partner_id not in now:
            lines.append(
                _("%(partner)s deelde in de vorige ronde wel een verklaring, in deze ronde (nog) niet.")
                % {"partner": partner.name}
            )
    old_findings = _finding_labels(previous, catalogue)
    new_findings = {f.key: (f.kind, f.label or f.title) for f in current.findings}
    sentences = {
        "kern": (_("Nieuw in de gedeelde kern: %(title)s."), _("Niet meer in de gedeelde kern: %(title)s.")),
        "spanning": (_("Nieuwe spanning: %(title)s."), _("Spanning verdwenen: %(title)s.")),
        "rode_lijn": (_("Nieuwe botsing: %(title)s."), _("Botsing verdwenen: %(title)s.")),
    }
    for key, (kind, label) in new_findings.items():
        if kind in sentences and key not in old_findings:
            lines.append(sentences[kind][0] % {"title": label})
    for key, (kind, label) in old_findings.items():
        if key not in new_findings:
            lines.append(sentences[kind][1] % {"title": label})
    return lines


def _partner_changes(old: PartnerDeclaration, new: PartnerDeclaration, catalogue: Catalogue) -> str:
    """One sentence for one partner: "Utrecht: nu ook innovatie (4); niet meer kostenbesparing; …"."""
    name = catalogue.lower_name
    added = [f"{name(code)} ({i.weight})" for code, i in new.interests.items() if code not in old.interests]
    removed = [name(code) for code in old.interests if code not in new.interests]
    weighed = [
        _("%(motive)s van %(old)s naar %(new)s")
        % {"motive": name(code), "old": old.interests[code].weight, "new": i.weight}
        for code, i in new.interests.items()
        if code in old.interests and old.interests[code].weight != i.weight
    ]
    old_lines = {r.text.strip() for r in old.red_lines}
    new_lines = {r.text.strip() for r in new.red_lines}
    parts = []
    if added:
        parts.append(_("nu ook %(motives)s") % {"motives": join_names(added)})
    if removed:
        parts.append(_("niet meer %(motives)s") % {"motives": join_names(removed)})
    if weighed:
        parts.append(_("ander gewicht: %(changes)s") % {"changes": join_names(weighed)})
    if new_lines - old_lines:
        lines = join_names([quote(text) for text in sorted(new_lines - old_lines)])
        parts.append(_("nieuwe rode lijn %(lines)s") % {"lines": lines})
    if old_lines - new_lines:
        lines = join_names([quote(text) for text in sorted(old_lines - new_lines)])
        parts.append(_("rode lijn %(lines)s vervallen") % {"lines": lines})
    if old.intentions.strip() != new.intentions.strip():
        parts.append(_("intenties aangepast"))
    if not parts:
        return ""
    return _("%(partner)s: %(changes)s.") % {"partner": new.name, "changes": "; ".join(parts)}
