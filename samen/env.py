"""Small typed readers for environment variables that fail loudly.

Every setting that comes from the environment goes through one of these, so a
typo in a deployment stops the process at start-up with a clear message
instead of silently falling back to a default.
"""

import os


class EnvError(RuntimeError):
    pass


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise EnvError(f"Environment variable {name} is required but not set.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise EnvError(f"Environment variable {name} must be a boolean (true/false), got {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise EnvError(f"Environment variable {name} must be an integer, got {value!r}.") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_cache(name: str, *, max_entries: int) -> dict[str, object]:
    """The default cache from a URL: ``locmem://`` (the default), ``db://<table>`` or ``redis://…``/``rediss://…``.

    Local memory is per process; with several web workers (or servers) the database cache or Redis
    lets them share what one computed. ``db://`` needs ``manage.py createcachetable`` once (``make
    serve`` runs it); Redis needs the ``redis`` package installed.
    """
    url = env_str(name, "locmem://")
    scheme, _sep, rest = url.partition("://")
    if not _sep:
        raise EnvError(f"Environment variable {name} must be a URL such as locmem://, db://samen_cache or redis://…")
    options = {"MAX_ENTRIES": max_entries}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": rest, "OPTIONS": options}
    if scheme == "db":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": rest or "samen_cache",
            "OPTIONS": options,
        }
    if scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    raise EnvError(f"Environment variable {name} must start with locmem://, db:// or redis://, got {scheme!r}.")
