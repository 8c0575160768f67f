"""Helpers for the register tests: a snapshot of everything the import writes, and broken copies of the files."""

import csv
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from samen.audit.models import AuditEvent
from samen.collaborations.models import Collaboration, Organisation, Partner, PolicyField
from samen.collaborations.register import COLUMNS
from samen.settings import DATA_DIR


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def snapshot() -> dict[str, Any]:
    """Every row the import may touch, in a stable order."""
    return {
        "organisations": list(Organisation.objects.order_by("pk").values()),
        "collaborations": list(Collaboration.objects.order_by("pk").values()),
        "partners": list(Partner.objects.order_by("pk").values()),
        "policy_fields": list(PolicyField.objects.order_by("pk").values()),
        "links": list(Collaboration.policy_fields.through.objects.order_by("pk").values()),
        "audit_events": list(AuditEvent.objects.order_by("pk").values_list("pk", flat=True)),
    }


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """The register files copied to a temporary folder, to break on purpose."""
    for name in COLUMNS:
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DATA_DIR / name, target)
    return tmp_path


def rewrite(path: Path, change: Callable[[list[str], list[list[str]]], None]) -> None:
    """Rewrite a CSV file after ``change(header, rows)`` edited it in place."""
    with open(path, encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    change(header, rows)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *rows])
