"""The analysis of an honesty round: shared ground, differences, tensions, red lines, compatibility.

Pure functions on plain data, so every rule can be tried on a constructed set of partners.
Only *shared* declarations go in (see ``overview.analyse_round``): the analysis is the same for
everyone who may see it, and a draft can never leak through it. Every finding says in words
which partners and which declarations cause it.

Built for 30 partners × 40 motives within a page's budget: the holders of each motive are
indexed once, sentence templates are translated once per language, and the evidence quoted
under a finding is limited to its strongest declarations.
"""

from samen.interests.analysis.findings import (
    analyse,
    collisions,
    differences,
    motive_rows,
    pair_score,
    shared_core,
    tensions,
)
from samen.interests.analysis.history import changes
from samen.interests.analysis.model import (
    Analysis,
    DeclaredInterest,
    DeclaredRedLine,
    Finding,
    MotiveRow,
    PairScore,
    PartnerDeclaration,
)
from samen.interests.analysis.words import Words, join_names, quote, words

__all__ = [
    "Analysis",
    "DeclaredInterest",
    "DeclaredRedLine",
    "Finding",
    "MotiveRow",
    "PairScore",
    "PartnerDeclaration",
    "Words",
    "analyse",
    "changes",
    "collisions",
    "differences",
    "join_names",
    "motive_rows",
    "pair_score",
    "quote",
    "shared_core",
    "tensions",
    "words",
]
