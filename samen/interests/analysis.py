"""The analysis of an honesty round: shared ground, differences, tensions, red lines, compatibility.

Pure functions on plain data, so every rule can be tried on a constructed set of partners.
Only *shared* declarations go in (see ``overview.load_round``): the analysis is the same for
everyone who may see it, and a draft can never leak through it. Every finding says in words
which partners and which declarations cause it.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

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
    first: str
    second: str
    score: int  # 0–100
    status: str  # "goed", "aandacht", "zorg"
    explanation: str

    @property
    def label(self) -> str:
        return {
            "goed": _("goed verenigbaar"),
            "aandacht": _("aandacht nodig"),
            "zorg": _("moeilijk verenigbaar"),
        }[self.status]


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


# --- words ---------------------------------------------------------------------------------


def join_names(names: Sequence[str]) -> str:
    """ "Utrecht", "Utrecht en Zeist", "Utrecht, Zeist en De Bilt"."""
    names = list(names)
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > rules.QUOTE_LENGTH:
        text = text[: rules.QUOTE_LENGTH - 1].rstrip() + "…"
    return f"“{text}”"


def _holder(partner: PartnerDeclaration, motive: str) -> str:
    return _("%(partner)s (gewicht %(weight)s)") % {"partner": partner.name, "weight": partner.weight(motive)}


def _interest_evidence(partner: PartnerDeclaration, motive: str, catalogue: Catalogue) -> str:
    interest = partner.interests[motive]
    line = _("Verklaring van %(partner)s: %(motive)s, gewicht %(weight)s") % {
        "partner": partner.name,
        "motive": catalogue.lower_name(motive),
        "weight": interest.weight,
    }
    return f"{line} – {quote(interest.explanation)}" if interest.explanation.strip() else line


def _red_line_evidence(partner: PartnerDeclaration, red_line: DeclaredRedLine) -> str:
    return _("Verklaring van %(partner)s: rode lijn %(text)s") % {"partner": partner.name, "text": quote(red_line.text)}


# --- the rules -----------------------------------------------------------------------------


def motive_rows(partners: Sequence[PartnerDeclaration], catalogue: Catalogue) -> tuple[list[MotiveRow], list[Motive]]:
    """Per motive: who holds it and how strongly. Most widely held first; unheld motives apart."""
    rows: list[MotiveRow] = []
    unheld: list[Motive] = []
    for motive in catalogue.motives.values():
        cells: list[int | None] = [p.weight(motive.code) or None for p in partners]
        holders = [(p.name, p.weight(motive.code)) for p in partners if motive.code in p.interests]
        if not holders:
            unheld.append(motive)
            continue
        average = sum(weight for _name, weight in holders) / len(holders)
        rows.append(MotiveRow(motive=motive, cells=cells, holders=holders, average=average))
    rows.sort(key=lambda row: (-row.count, -row.average, row.motive.name))
    return rows, unheld


def shared_core(partners: Sequence[PartnerDeclaration], catalogue: Catalogue) -> list[Finding]:
    """Motives every partner that shared holds. Meaningless with fewer than two partners."""
    if len(partners) < 2:
        return []
    findings = []
    for code in catalogue.motives:
        if all(code in p.interests for p in partners):
            findings.append(
                Finding(
                    kind="kern",
                    key=f"kern:{code}",
                    title=catalogue.name(code),
                    text=_("Alle %(count)s partners noemen %(motive)s als belang: %(holders)s.")
                    % {
                        "count": len(partners),
                        "motive": catalogue.lower_name(code),
                        "holders": join_names([_holder(p, code) for p in partners]),
                    },
                    partners=[p.name for p in partners],
                    severity=min(p.weight(code) for p in partners),
                    evidence=[_interest_evidence(p, code, catalogue) for p in partners],
                )
            )
    findings.sort(key=lambda f: (-f.severity, f.title))
    return findings


def differences(partners: Sequence[PartnerDeclaration], catalogue: Catalogue) -> list[Finding]:
    """Motives only some partners hold, and shared motives whose weights lie far apart."""
    if len(partners) < 2:
        return []
    findings = []
    for code in catalogue.motives:
        holders = [p for p in partners if code in p.interests]
        if not holders:
            continue
        name = catalogue.lower_name(code)
        if len(holders) < len(partners):
            others = [p for p in partners if code not in p.interests]
            findings.append(
                Finding(
                    kind="verschil",
                    key=f"verschil:{code}",
                    title=catalogue.name(code),
                    text=_("%(motive)s is een belang van %(holders)s, maar niet van %(others)s.")
                    % {
                        "motive": catalogue.name(code),
                        "holders": join_names([_holder(p, code) for p in holders]),
                        "others": join_names([p.name for p in others]),
                    },
                    partners=[p.name for p in holders] + [p.name for p in others],
                    severity=max(p.weight(code) for p in holders),
                    evidence=[_interest_evidence(p, code, catalogue) for p in holders],
                    question=_(
                        "Wat betekent het voor de samenwerking dat niet iedere partner %(motive)s nastreeft, "
                        "en hoe houden we daar rekening mee?"
                    )
                    % {"motive": name},
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
                    title=catalogue.name(code),
                    text=_(
                        "Alle partners noemen %(motive)s, maar het gewicht loopt uiteen: %(high)s tegenover %(low)s."
                    )
                    % {
                        "motive": name,
                        "high": join_names([_holder(p, code) for p in heavy]),
                        "low": join_names([_holder(p, code) for p in light]),
                    },
                    partners=[p.name for p in heavy + light],
                    severity=high,
                    evidence=[_interest_evidence(p, code, catalogue) for p in heavy + light],
                    question=_("Hoe zwaar laten we %(motive)s meewegen in de keuzes van de samenwerking?")
                    % {"motive": name},
                )
            )
    findings.sort(key=lambda f: (-f.severity, f.title))
    return findings


def _tension_pairs(
    partners: Sequence[PartnerDeclaration], rule: TensionRule
) -> list[tuple[PartnerDeclaration, PartnerDeclaration]]:
    """(p, q) with p holding one motive of the rule and q, another partner, the other."""
    pairs = []
    for p in partners:
        for q in partners:
            if p is not q and rule.motive_a in p.interests and rule.motive_b in q.interests:
                pairs.append((p, q))
    return pairs


def tensions(partners: Sequence[PartnerDeclaration], catalogue: Catalogue) -> list[Finding]:
    """A tension from the catalogue where one partner holds one motive and another partner the other."""
    findings = []
    for rule in catalogue.tensions:
        if rule.motive_a not in catalogue.motives or rule.motive_b not in catalogue.motives:
            continue
        pairs = _tension_pairs(partners, rule)
        if not pairs:
            continue
        holders_a = [p for p in partners if rule.motive_a in p.interests]
        holders_b = [p for p in partners if rule.motive_b in p.interests]
        findings.append(
            Finding(
                kind="spanning",
                key="spanning:" + "|".join(sorted(rule.key)),
                title=f"{catalogue.name(rule.motive_a)} ↔ {catalogue.lower_name(rule.motive_b)}",
                text=_(
                    "%(a)s is een belang van %(holders_a)s; %(b)s is een belang van %(holders_b)s. "
                    "Deze twee trekken vaak tegen elkaar in."
                )
                % {
                    "a": catalogue.name(rule.motive_a),
                    "holders_a": join_names([_holder(p, rule.motive_a) for p in holders_a]),
                    "b": catalogue.lower_name(rule.motive_b),
                    "holders_b": join_names([_holder(p, rule.motive_b) for p in holders_b]),
                },
                partners=list(dict.fromkeys(p.name for p in holders_a + holders_b)),
                severity=max(p.weight(rule.motive_a) * q.weight(rule.motive_b) for p, q in pairs),
                evidence=[_interest_evidence(p, rule.motive_a, catalogue) for p in holders_a]
                + [_interest_evidence(p, rule.motive_b, catalogue) for p in holders_b],
                question=rule.question,
            )
        )
    findings.sort(key=lambda f: (-f.severity, f.title))
    return findings


def collisions(partners: Sequence[PartnerDeclaration], catalogue: Catalogue) -> list[Finding]:
    """A red line that limits a motive another partner holds as an interest."""
    findings = []
    for owner in partners:
        for red_line in owner.red_lines:
            if not red_line.motive:
                continue
            holders = [p for p in partners if p is not owner and red_line.motive in p.interests]
            if not holders:
                continue
            motive = catalogue.lower_name(red_line.motive)
            findings.append(
                Finding(
                    kind="rode_lijn",
                    key=f"rode_lijn:{owner.partner_id}:{red_line.text.strip().lower()}",
                    title=_("Rode lijn van %(partner)s") % {"partner": owner.name},
                    text=_(
                        "De rode lijn van %(owner)s, %(line)s, begrenst %(motive)s, en dat is een belang van "
                        "%(holders)s."
                    )
                    % {
                        "owner": owner.name,
                        "line": quote(red_line.text),
                        "motive": motive,
                        "holders": join_names([_holder(p, red_line.motive) for p in holders]),
                    },
                    partners=[owner.name] + [p.name for p in holders],
                    severity=max(p.weight(red_line.motive) for p in holders),
                    evidence=[_red_line_evidence(owner, red_line)]
                    + [_interest_evidence(p, red_line.motive, catalogue) for p in holders],
                    question=_(
                        "Wat betekent deze rode lijn van %(owner)s voor %(motive)s van %(holders)s? "
                        "Is er een uitweg die beide recht doet?"
                    )
                    % {"owner": owner.name, "motive": motive, "holders": join_names([p.name for p in holders])},
                )
            )
    findings.sort(key=lambda f: (-f.severity, f.title))
    return findings


def pair_score(p: PartnerDeclaration, q: PartnerDeclaration, catalogue: Catalogue) -> PairScore:
    """How well two partners' interests go together, and why, in one sentence.

    Overlap of the weighted interests (sum of the smaller weight over the sum of the larger, per
    motive), minus a penalty for each catalogue tension between them (heavier when both weigh
    their side heavily) and for each red line of one that limits an interest of the other.
    """
    codes = p.interests.keys() | q.interests.keys()
    smaller = sum(min(p.weight(c), q.weight(c)) for c in codes)
    larger = sum(max(p.weight(c), q.weight(c)) for c in codes)
    overlap = smaller / larger if larger else 0.0
    penalty = 0.0
    tension_words = []
    for rule in catalogue.tensions:
        for one, other in ((p, q), (q, p)):
            weight_a, weight_b = one.weight(rule.motive_a), other.weight(rule.motive_b)
            if weight_a and weight_b:
                penalty += rules.TENSION_PENALTY * weight_a * weight_b / 25
                tension_words.append(
                    _("%(a)s van %(one)s tegenover %(b)s van %(other)s")
                    % {
                        "a": catalogue.lower_name(rule.motive_a),
                        "one": one.name,
                        "b": catalogue.lower_name(rule.motive_b),
                        "other": other.name,
                    }
                )
    collision_words = []
    for owner, other in ((p, q), (q, p)):
        for red_line in owner.red_lines:
            weight = other.weight(red_line.motive) if red_line.motive else 0
            if weight:
                penalty += rules.COLLISION_PENALTY * weight / 5
                collision_words.append(
                    _("de rode lijn %(line)s van %(owner)s raakt %(motive)s van %(other)s")
                    % {
                        "line": quote(red_line.text),
                        "owner": owner.name,
                        "motive": catalogue.lower_name(red_line.motive),
                        "other": other.name,
                    }
                )
    score = round(max(0.0, min(1.0, overlap - penalty)) * 100)
    status = "goed" if score >= rules.COMPATIBLE_GOOD else "aandacht" if score >= rules.COMPATIBLE_WORRY else "zorg"
    shared = [catalogue.lower_name(c) for c in catalogue.motives if c in p.interests and c in q.interests]
    parts = [
        _("Gedeelde belangen: %(motives)s.") % {"motives": join_names(shared)}
        if shared
        else _("Geen gedeelde belangen.")
    ]
    if tension_words:
        parts.append(_("Spanning: %(tensions)s.") % {"tensions": "; ".join(tension_words)})
    if collision_words:
        parts.append(_("Rode lijn: %(lines)s.") % {"lines": "; ".join(collision_words)})
    return PairScore(first=p.name, second=q.name, score=score, status=status, explanation=" ".join(parts))


def analyse(partners: Iterable[PartnerDeclaration], catalogue: Catalogue) -> Analysis:
    ordered = sorted(partners, key=lambda p: p.name)
    rows, unheld = motive_rows(ordered, catalogue)
    pairs = [pair_score(p, q, catalogue) for p, q in combinations(ordered, 2)]
    pairs.sort(key=lambda pair: (pair.score, pair.first, pair.second))
    return Analysis(
        partners=ordered,
        rows=rows,
        unheld=unheld,
        core=shared_core(ordered, catalogue),
        differences=differences(ordered, catalogue),
        tensions=tensions(ordered, catalogue),
        collisions=collisions(ordered, catalogue),
        pairs=pairs,
    )


# --- what changed since the previous round ---------------------------------------------------


def changes(current: Analysis, previous: Analysis, catalogue: Catalogue) -> list[str]:
    """In words: what each partner changed in its declaration, and which findings came or went."""
    lines: list[str] = []
    before = {p.partner_id: p for p in previous.partners}
    now = {p.partner_id: p for p in current.partners}
    for partner in current.partners:
        old = before.get(partner.partner_id)
        if old is None:
            lines.append(_("%(partner)s deelde in de vorige ronde geen verklaring.") % {"partner": partner.name})
            continue
        lines.extend(_partner_changes(old, partner, catalogue))
    for partner in previous.partners:
        if partner.partner_id not in now:
            lines.append(
                _("%(partner)s deelde in de vorige ronde wel een verklaring, in deze ronde (nog) niet.")
                % {"partner": partner.name}
            )
    old_findings = {f.key: f for f in previous.findings}
    new_findings = {f.key: f for f in current.findings}
    labels = {
        "kern": (_("Nieuw in de gedeelde kern: %(title)s."), _("Niet meer in de gedeelde kern: %(title)s.")),
        "spanning": (_("Nieuwe spanning: %(title)s."), _("Spanning verdwenen: %(title)s.")),
        "rode_lijn": (_("Nieuwe botsing: %(title)s."), _("Botsing verdwenen: %(title)s.")),
    }
    for key, finding in new_findings.items():
        if finding.kind in labels and key not in old_findings:
            lines.append(labels[finding.kind][0] % {"title": _finding_label(finding)})
    for key, finding in old_findings.items():
        if finding.kind in labels and key not in new_findings:
            lines.append(labels[finding.kind][1] % {"title": _finding_label(finding)})
    return lines


def _finding_label(finding: Finding) -> str:
    if finding.kind == "rode_lijn":
        return f"{finding.title} ({finding.evidence[0].split(': ', 1)[-1]})"
    return finding.title


def _partner_changes(old: PartnerDeclaration, new: PartnerDeclaration, catalogue: Catalogue) -> list[str]:
    lines = []
    values = {"partner": new.name}
    for code, interest in new.interests.items():
        previous = old.interests.get(code)
        motive = catalogue.lower_name(code)
        if previous is None:
            lines.append(
                _("%(partner)s noemt nu ook %(motive)s (gewicht %(weight)s).")
                % {**values, "motive": motive, "weight": interest.weight}
            )
        elif previous.weight != interest.weight:
            lines.append(
                _("%(partner)s weegt %(motive)s nu %(new)s in plaats van %(old)s.")
                % {**values, "motive": motive, "new": interest.weight, "old": previous.weight}
            )
    for code in old.interests:
        if code not in new.interests:
            lines.append(
                _("%(partner)s noemt %(motive)s niet meer.") % {**values, "motive": catalogue.lower_name(code)}
            )
    old_lines = {r.text.strip() for r in old.red_lines}
    new_lines = {r.text.strip() for r in new.red_lines}
    for text in sorted(new_lines - old_lines):
        lines.append(_("%(partner)s heeft een nieuwe rode lijn: %(line)s.") % {**values, "line": quote(text)})
    for text in sorted(old_lines - new_lines):
        lines.append(_("%(partner)s heeft de rode lijn %(line)s laten vallen.") % {**values, "line": quote(text)})
    if old.intentions.strip() != new.intentions.strip():
        lines.append(_("%(partner)s heeft de intenties aangepast.") % values)
    return lines
