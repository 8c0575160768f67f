"""Co-authorship: which partner wrote which words of a goal, carried through every saved edit.

Each saved edit is compared word by word (difflib) with the one before it: words kept keep
their author, words added or rewritten go to the partner that saved the edit. A partner's
share is its part of the words in the latest wording.
"""

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID


@dataclass
class Share:
    partner: Any
    words: int
    percent: int


@dataclass
class VersionContribution:
    version_id: UUID
    added: int
    removed: int


WORD = re.compile(r"\w+")


def _words(title: str, text: str) -> list[str]:
    """Words only: a comma added after a word does not take the word from its author."""
    return WORD.findall(f"{title}\n{text}")


def attribute(edits: Iterable[Any]) -> tuple[list[Any], dict[UUID, VersionContribution]]:
    """Walk ``edits`` (with ``title``, ``text``, ``partner_id``, ``version_id``) in order.

    Returns the partner id of every word of the last wording, and per version the words it added
    and removed compared with the wording before it.
    """
    words: list[str] = []
    owners: list[Any] = []
    per_version: dict[UUID, VersionContribution] = {}
    for edit in edits:
        new = _words(edit.title, edit.text)
        matcher = difflib.SequenceMatcher(None, words, new, autojunk=False)
        new_owners: list[Any] = []
        contribution = per_version.setdefault(edit.version_id, VersionContribution(edit.version_id, 0, 0))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                new_owners.extend(owners[i1:i2])
            else:
                new_owners.extend([edit.partner_id] * (j2 - j1))
                contribution.added += j2 - j1
                contribution.removed += i2 - i1
        words, owners = new, new_owners
    return owners, per_version


def shares(owners: Sequence[Any], partners: dict[Any, Any]) -> list[Share]:
    """Each partner's share of the words, largest first; percentages add up to 100."""
    counts = Counter(owners)
    total = sum(counts.values())
    if not total:
        return []
    ordered = counts.most_common()
    result = [Share(partners.get(pid), n, n * 100 // total) for pid, n in ordered]
    # Give the rounding remainder to the largest shares so the column adds up to 100.
    remainder = 100 - sum(s.percent for s in result)
    for share in sorted(result, key=lambda s: s.words * 100 % total, reverse=True)[:remainder]:
        share.percent += 1
    return result
