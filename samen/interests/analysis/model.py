"""What the analysis reads (shared declarations) and what it finds."""

from dataclasses import dataclass, field
from typing import Any

from samen.interests.analysis.words import join_names, quote, words
from samen.interests.catalogue import Motive


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
