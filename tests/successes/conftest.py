"""Fixtures for the successes area: uploads in a temporary MEDIA_ROOT, notifications captured."""

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def told(monkeypatch: Any) -> list[dict[str, Any]]:
    """Every notify() call of the successes area, as the keyword arguments it was given."""
    calls: list[dict[str, Any]] = []

    def capture(**kwargs: Any) -> None:
        calls.append(kwargs)

    monkeypatch.setattr("samen.successes.services.notify", capture)
    monkeypatch.setattr("samen.successes.prompts.notify", capture)
    return calls
