"""The motive catalogue and the tension catalogue.

Both start from Dutch data files (``data/motieven.yaml`` and ``data/spanningen.yaml``) that
ship with Samen; a facilitator extends them per collaboration (``CustomMotive`` and
``CustomTension``). Declarations refer to a motive by its ``code``.
"""

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ImproperlyConfigured

DATA_DIR = Path(__file__).resolve().parent / "data"
MOTIVES_FILE = DATA_DIR / "motieven.yaml"
TENSIONS_FILE = DATA_DIR / "spanningen.yaml"
CODE = re.compile(r"^[a-z][a-z0-9_]{1,59}$")


@dataclass(frozen=True)
class Motive:
    code: str
    name: str
    description: str = ""
    custom: bool = False

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class TensionRule:
    """Two motives that often pull against each other, and the question partners should discuss."""

    motive_a: str
    motive_b: str
    question: str
    custom: bool = False

    @property
    def key(self) -> frozenset[str]:
        return frozenset((self.motive_a, self.motive_b))


@dataclass
class Catalogue:
    motives: dict[str, Motive] = field(default_factory=dict)
    tensions: list[TensionRule] = field(default_factory=list)

    def name(self, code: str) -> str:
        motive = self.motives.get(code)
        return motive.name if motive else code

    def lower_name(self, code: str) -> str:
        """The name inside a sentence: "kostenbesparing" (first letter lowered, unless an abbreviation)."""
        name = self.name(code)
        if len(name) > 1 and name[1].isupper():
            return name
        return name[:1].lower() + name[1:]

    def choices(self) -> list[tuple[str, str]]:
        return [(m.code, m.name) for m in self.motives.values()]

    def has_tension(self, motive_a: str, motive_b: str) -> bool:
        key = frozenset((motive_a, motive_b))
        return any(rule.key == key for rule in self.tensions)


def _fail(path: Path, message: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"{path.name}: {message}")


def load_motives(path: Path = MOTIVES_FILE) -> dict[str, Motive]:
    """Read and check a motive file: unique, well-formed codes and a name for each."""
    rows: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(rows, list):
        raise _fail(path, "verwacht een lijst van motieven")
    motives: dict[str, Motive] = {}
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise _fail(path, f"motief {number} is geen tabel met code, naam en omschrijving")
        code = str(row.get("code", "")).strip()
        name = str(row.get("naam", "")).strip()
        if not CODE.match(code):
            raise _fail(path, f"motief {number} heeft geen geldige code ({code!r}); gebruik kleine letters en _")
        if not name:
            raise _fail(path, f"motief {code} heeft geen naam")
        if code in motives:
            raise _fail(path, f"motief {code} staat er twee keer in")
        motives[code] = Motive(code=code, name=name, description=str(row.get("omschrijving", "") or "").strip())
    return motives


def load_tensions(path: Path = TENSIONS_FILE, motives: dict[str, Motive] | None = None) -> list[TensionRule]:
    """Read and check a tension file: two different, known motives and a question for each pair."""
    motives = load_motives() if motives is None else motives
    rows: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(rows, list):
        raise _fail(path, "verwacht een lijst van spanningen")
    rules: list[TensionRule] = []
    seen: set[frozenset[str]] = set()
    for number, row in enumerate(rows, start=1):
        pair = row.get("tussen") if isinstance(row, dict) else None
        if not isinstance(pair, list) or len(pair) != 2:
            raise _fail(path, f"spanning {number} noemt niet precies twee motieven bij 'tussen'")
        motive_a, motive_b = (str(code).strip() for code in pair)
        if motive_a == motive_b:
            raise _fail(
                path, f"spanning {number} staat tussen {motive_a} en zichzelf; kies twee verschillende motieven"
            )
        for code in (motive_a, motive_b):
            if code not in motives:
                raise _fail(path, f"spanning {number} noemt motief {code}, dat niet in de catalogus staat")
        question = str(row.get("vraag", "") or "").strip()
        if not question:
            raise _fail(path, f"spanning {number} heeft geen vraag voor het gesprek")
        key = frozenset((motive_a, motive_b))
        if key in seen:
            raise _fail(path, f"spanning {number} ({motive_a} en {motive_b}) staat er twee keer in")
        seen.add(key)
        rules.append(TensionRule(motive_a=motive_a, motive_b=motive_b, question=question))
    return rules


@cache
def base_catalogue() -> Catalogue:
    """The shipped catalogue, read once per process."""
    motives = load_motives()
    return Catalogue(motives=motives, tensions=load_tensions(motives=motives))


def catalogue_for(collaboration: Any) -> Catalogue:
    """The base catalogue plus the motives and tensions this collaboration added (two queries)."""
    from samen.interests.models import CustomMotive, CustomTension

    base = base_catalogue()
    motives = dict(base.motives)
    for custom in CustomMotive.objects.filter(collaboration=collaboration).order_by("name"):
        motives[custom.code] = Motive(code=custom.code, name=custom.name, description=custom.description, custom=True)
    tensions = list(base.tensions)
    for rule in CustomTension.objects.filter(collaboration=collaboration).order_by("added_at"):
        tensions.append(
            TensionRule(motive_a=rule.motive_a, motive_b=rule.motive_b, question=rule.question, custom=True)
        )
    return Catalogue(motives=motives, tensions=tensions)
