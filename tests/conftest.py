"""Shared fixtures: the named personas and a real Chromium with axe for browser tests."""

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from tests.personas import Demo, build_demo

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make there are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("SAMEN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing() -> None:
    """Real hashing costs ~0.2 s a person; tests create many people and test no hashing strength."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Rate limits live in the cache; one test's failed logins must not throttle the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def demo(db: Any) -> Demo:
    return build_demo()


@pytest.fixture
def client_for(client: Client) -> Any:
    """``client_for(person)``: a test client signed in as that person."""

    def sign_in(person: Any) -> Client:
        fresh = Client()
        fresh.force_login(person)
        return fresh

    return sign_in


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


class BrowserSession:
    """A browser tab for one persona, that checks every page it opens with axe."""

    def __init__(self, browser: Any, live_server: Any) -> None:
        self.live_server = live_server
        self.context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
        self.page = self.context.new_page()
        self.external_requests: list[str] = []
        self.page.on("request", self._watch_request)

    def _watch_request(self, request: Any) -> None:
        if not request.url.startswith((self.live_server.url, "data:", "about:")):
            self.external_requests.append(request.url)

    def login_as(self, person: Any) -> None:
        client = Client()
        client.force_login(person)
        cookie = client.cookies["sessionid"]
        host = self.live_server.url.split("//", 1)[1].split(":")[0]
        self.context.add_cookies([{"name": "sessionid", "value": cookie.value, "domain": host, "path": "/"}])

    def goto(self, path: str) -> Any:
        response = self.page.goto(self.live_server.url + path)
        return response

    def assert_accessible(self) -> None:
        """Zero axe violations (WCAG 2.1 A and AA) on the page as it is now, and no external requests."""
        from axe_playwright_python.sync_playwright import Axe

        self.page.wait_for_load_state()  # a click may have started a navigation that is still under way
        results = Axe().run(self.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, f"{self.page.url}\n{results.generate_report()}"
        assert not self.external_requests, f"external requests: {self.external_requests}"

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser: Any, live_server: Any) -> Iterator[BrowserSession]:
    session = BrowserSession(browser, live_server)
    yield session
    session.close()
