"""The demo is built once per test module: two runs of ``manage.py demo`` inside one transaction that is
rolled back when the module is done, so every test reads the same living installation and leaves
nothing behind for other modules."""

from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction


@dataclass
class DemoRun:
    first: str  # what the first run printed
    second: str  # what the second run printed
    counts_after_first: dict[str, int]
    counts_after_second: dict[str, int]


def run_demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """The number of rows of every model of Samen."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model.__module__.startswith("samen.") and not model._meta.proxy
    }


@pytest.fixture(scope="module")
def demo_run(django_db_setup: Any, django_db_blocker: Any) -> Iterator[DemoRun]:
    with django_db_blocker.unblock(), transaction.atomic():
        first = run_demo()
        after_first = row_counts()
        second = run_demo()
        yield DemoRun(first, second, after_first, row_counts())
        transaction.set_rollback(True)
