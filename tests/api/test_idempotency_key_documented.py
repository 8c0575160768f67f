"""The OpenAPI document tells clients about Idempotency-Key on every POST that honours it, and nowhere else."""

import re
from typing import Any

import pytest
from django.urls import URLPattern

from samen.api.base import ApiView
from samen.api.schema import COMMITTED_DOCUMENT, generate_document
from samen.api.urls import v1_patterns


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return generate_document()


def idempotency_parameters(operation: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in operation.get("parameters", []) if p["name"] == "Idempotency-Key"]


def posts_that_honour_the_key() -> list[str]:
    """The document paths of every POST route: each is an ApiView, and ApiView honours the header."""
    found = []
    for pattern in v1_patterns:
        assert isinstance(pattern, URLPattern)
        view = getattr(pattern.callback, "view_class", None)
        if view is not None and hasattr(view, "post"):
            assert issubclass(view, ApiView), f"{view} does not go through ApiView"
            found.append("/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern)))
    return found


def test_every_post_documents_the_optional_idempotency_key_header(document):
    paths = posts_that_honour_the_key()
    assert len(paths) > 40
    for path in paths:
        operation = document["paths"][path]["post"]
        (parameter,) = idempotency_parameters(operation)
        assert (parameter["in"], parameter["required"]) == ("header", False), path
        assert parameter["schema"]["minLength"] == 8
        assert parameter["schema"]["maxLength"] == 255
        assert "het eerste antwoord terug" in parameter["description"]


def test_every_post_documents_a_replay_and_the_refusals_of_a_reused_key(document):
    for path in posts_that_honour_the_key():
        operation = document["paths"][path]["post"]
        assert {"409", "422"} <= set(operation["responses"]), path
        for code, response in operation["responses"].items():
            if code.startswith("2"):
                assert response["headers"]["Idempotent-Replayed"] == {
                    "$ref": "#/components/headers/Idempotent-Replayed"
                }, path
    reused = document["components"]["responses"]["422"]["description"]
    assert reused.startswith("Deze Idempotency-Key is al gebruikt voor een ander verzoek")


def test_operations_other_than_post_do_not_advertise_the_header(document):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method != "post":
                assert not idempotency_parameters(operation), f"{method} {path}"


def test_the_committed_document_carries_the_header():
    assert '"name": "Idempotency-Key"' in COMMITTED_DOCUMENT.read_text(encoding="utf-8")
