"""The cache: sized for the national working set, and shareable between workers (database or Redis)."""

from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samen.env import EnvError, env_cache


def test_the_cache_url_picks_local_memory_the_database_or_redis(monkeypatch):
    monkeypatch.delenv("SAMEN_CACHE", raising=False)
    assert env_cache("SAMEN_CACHE", max_entries=5000)["BACKEND"].endswith("LocMemCache")
    assert env_cache("SAMEN_CACHE", max_entries=5000)["OPTIONS"] == {"MAX_ENTRIES": 5000}
    monkeypatch.setenv("SAMEN_CACHE", "db://gedeeld")
    database = env_cache("SAMEN_CACHE", max_entries=5000)
    assert database["BACKEND"].endswith("DatabaseCache")
    assert database["LOCATION"] == "gedeeld"
    monkeypatch.setenv("SAMEN_CACHE", "redis://cache.intern:6379/1")
    redis = env_cache("SAMEN_CACHE", max_entries=5000)
    assert redis == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.intern:6379/1",
    }


@pytest.mark.parametrize("value", ["memcached://x", "samen_cache"])
def test_an_unknown_cache_url_stops_the_start_with_a_clear_message(monkeypatch, value):
    monkeypatch.setenv("SAMEN_CACHE", value)
    with pytest.raises(EnvError, match="SAMEN_CACHE"):
        env_cache("SAMEN_CACHE", max_entries=10)


def test_the_default_cache_holds_more_than_every_regeling_of_the_country():
    from django.conf import settings

    assert settings.CACHES["default"]["OPTIONS"]["MAX_ENTRIES"] >= 10 * 451


@pytest.fixture
def database_cache(settings: Any, db: Any) -> Any:
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "samen_test_cache"}
    }
    call_command("createcachetable", verbosity=0)
    yield cache
    cache.clear()


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_health_view_and_portfolio_work_with_the_database_cache(database_cache, demo, client_for):
    client = client_for(demo.facilitator)
    health = reverse("health:health", args=[demo.collaboration.pk])
    first = _queries(client, health)
    database_cache.set("samen-probe", "gedeeld", 60)  # what one worker stores, every worker reads
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM samen_test_cache")
        (stored,) = cursor.fetchone()
    assert stored >= 1
    assert database_cache.get("samen-probe") == "gedeeld"
    assert _queries(client, health) < first  # the second visit reads the stored health
    portfolio = reverse("health:portfolio")
    first = _queries(client, portfolio)
    assert _queries(client, portfolio) < first
