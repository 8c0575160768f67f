"""The rules: per motive, shared core, differences, tensions, red lines, pairwise compatibility."""

from collections.abc import Iterable, Sequence
from itertools import combinations

from samen.interests import rules
from samen.interests.analysis.model import Analysis, Finding, MotiveRow, PairScore, PartnerDeclaration
from samen.interests.analysis.words import join_names, quote, words
from samen.interests.catalogue import Catalogue, Motive, TensionRule


class Context:
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
    context = Context(partners, catalogue)
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
    return _shared_core(Context(partners, catalogue))


def _shared_core(context: Context) -> list[Finding]:
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
    return _differences(Context(partners, catalogue))


def _differences(context: Context) -> list[Finding]:
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


def strongest_pair(holders_a: list[PartnerDeclaration], holders_b: list[PartnerDeclaration], rule: TensionRule) -> int:
    """The heaviest weight × weight of one partner's motive a against another partner's motive b (0: none)."""
    best = 0
    for p in sorted(holders_a, key=lambda h: -h.weight(rule.motive_a))[:2]:
        for q in sorted(holders_b, key=lambda h: -h.weight(rule.motive_b))[:2]:
            if p is not q:
                best = max(best, p.weight(rule.motive_a) * q.weight(rule.motive_b))
    return best


def tensions(partners: Sequence[PartnerDeclaration], catalogue: Catalogue) -> list[Finding]:
    """A tension from the catalogue where one partner holds one motive and another partner the other."""
    return _tensions(Context(partners, catalogue))


def _tensions(context: Context) -> list[Finding]:
    findings = []
    for rule in context.catalogue.tensions:
        holders_a = context.holders.get(rule.motive_a) or []
        holders_b = context.holders.get(rule.motive_b) or []
        severity = strongest_pair(holders_a, holders_b, rule) if holders_a and holders_b else 0
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
    return _collisions(Context(partners, catalogue))


def _collisions(context: Context) -> list[Finding]:
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
    return _pair_score(p, q, Context([p, q], catalogue))


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
    context: Context,
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
    context = Context(ordered, catalogue)
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
