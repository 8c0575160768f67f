"""API fixtures: personal tokens for the demo personas and clients that send them."""

from typing import Any

import pytest
from django.test import Client

from samen.api import services
from samen.api.models import TokenScope

API = "/api/v1"


class ApiClient:
    """A test client that sends ``Authorization: Bearer <token>`` and JSON bodies."""

    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(API + path, params, headers=self.headers)

    def post(
        self, path: str, data: Any = None, *, raw: str | bytes | None = None, content_type: str = "application/json"
    ) -> Any:
        import json

        body = raw if raw is not None else json.dumps(data if data is not None else {})
        return self.client.post(API + path, body, content_type=content_type, headers=self.headers)

    def put(self, path: str, data: Any = None) -> Any:
        import json

        body = json.dumps(data if data is not None else {})
        return self.client.put(API + path, body, content_type="application/json", headers=self.headers)

    def delete(self, path: str) -> Any:
        return self.client.delete(API + path, headers=self.headers)

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        return getattr(self.client, method.lower())(API + path, headers=self.headers, **kwargs)


@pytest.fixture
def token_for() -> Any:
    """``token_for(person, scope)``: a fresh personal token (the raw string) made through the service."""

    def make(person: Any, scope: str = TokenScope.READ_WRITE) -> str:
        _token, raw = services.create_token(by=person, name="test", scope=scope)
        return raw

    return make


@pytest.fixture
def api_for(token_for: Any) -> Any:
    """``api_for(person, scope=...)``: an ApiClient with a fresh token of that person."""

    def make(person: Any, scope: str = TokenScope.READ_WRITE) -> ApiClient:
        return ApiClient(token_for(person, scope))

    return make


@pytest.fixture
def anonymous_api() -> ApiClient:
    return ApiClient(None)


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    """An application/problem+json answer with the NL API fields and the API-Version header."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/problem+json"), response["Content-Type"]
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    return body
