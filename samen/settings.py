"""Samen's one settings module.

Everything that differs between a laptop and production comes from the
environment through the typed helpers in ``samen.env``. ``SAMEN_PRODUCTION=true``
switches on the production hardening that ``manage.py check --deploy`` asks for.
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

import structlog
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from samen.env import EnvError, env_bool, env_cache, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("SAMEN_VAR_DIR", str(BASE_DIR / "var")))
DATA_DIR = BASE_DIR / "data"

PRODUCTION = env_bool("SAMEN_PRODUCTION", False)
DEBUG = env_bool("SAMEN_DEBUG", not PRODUCTION)
SECRET_KEY = env_str(
    "SECRET_KEY", None if PRODUCTION else "django-insecure-samen-development-only-key-0123456789-abcdefghij"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://localhost:8000")
if PRODUCTION and not SITE_URL.startswith("https://"):
    raise EnvError("SITE_URL must start with https:// in production (links in e-mail, one-click unsubscribe).")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "samen.core",
    "samen.accounts",
    "samen.audit",
    "samen.collaborations",
    "samen.interests",
    "samen.goals",
    "samen.successes",
    "samen.experiences",
    "samen.health",
    "samen.reports",
    "samen.notifications",
    "samen.council",
    "samen.api",
    "samen.webhooks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samen.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "samen.accounts.oidc.RecheckIdentityProviderMiddleware",
    "samen.accounts.middleware.RequireFacilitatorTwoFactorMiddleware",
    "samen.core.idempotency.OneTimeSubmissionMiddleware",
    "samen.core.middleware.RequestLogMiddleware",
]

ROOT_URLCONF = "samen.urls"
# The benchmark's yardstick page (bench/bench_throughput.py); off unless SAMEN_BENCH=true.
BENCH_PAGES = env_bool("SAMEN_BENCH", False) and not PRODUCTION
WSGI_APPLICATION = "samen.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "samen" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["django.templatetags.i18n", "django.templatetags.static"],
        },
    }
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"


def _database(url: str | None) -> dict[str, object]:
    """SQLite under var/ unless DATABASE_URL names a PostgreSQL server."""
    if not url:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "samen.sqlite3",
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=20000; PRAGMA foreign_keys=ON;"
                ),
            },
            "TEST": {"NAME": None},
            # One connection per worker thread, kept: opening SQLite costs ~2 ms a request.
            "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 600),
            "CONN_HEALTH_CHECKS": True,
        }
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise EnvError(f"DATABASE_URL must start with postgres://, got {parts.scheme!r}.")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
    }


DATABASES = {"default": _database(env_str("DATABASE_URL", "") or None)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The national working set: health and portfolio cells of 451 regelingen in two languages, API throttles
# and rate limits — a few thousand entries; 20,000 leaves room (see README, "Cache"). CACHE_URL picks a
# shared cache for production: db://samen_cache (after createcachetable) or redis://host:6379/0.
CACHES = {"default": env_cache("CACHE_URL", max_entries=env_int("CACHE_MAX_ENTRIES", 20_000))}

AUTH_USER_MODEL = "accounts.Person"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "collaborations:mine"
LOGOUT_REDIRECT_URL = "home"

# django-allauth: e-mail login, no open sign-up (people join through invitations).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "samen.accounts.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {"login_failed": "5/5m/ip,5/5m/key", "reset_password": "5/h/ip"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Samen] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Samen"
SOCIALACCOUNT_ADAPTER = "samen.accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS: dict[str, object] = {}
if env_str("OIDC_SERVER_URL", ""):
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": env_str("OIDC_PROVIDER_ID", "gemeente"),
                "name": env_str("OIDC_PROVIDER_NAME", "Inloggen met uw organisatie"),
                "client_id": env_str("OIDC_CLIENT_ID"),
                "secret": env_str("OIDC_CLIENT_SECRET"),
                "settings": {
                    "server_url": env_str("OIDC_SERVER_URL"),
                    "oauth_pkce_enabled": True,
                    # Microsoft Entra ID gives a refresh token only with "offline_access" (docs/inloggen-met-oidc.md).
                    "scope": env_str("OIDC_SCOPES", "openid profile email").split(),
                },
            }
        ]
    }
# Which organisation a person of the identity provider belongs to (see samen/accounts/adapters.py):
# a fixed OIN for a provider of one municipality, or the claim that carries the OIN per person.
OIDC_ORGANISATION_OIN = env_str("OIDC_ORGANISATION_OIN", "")
OIDC_ORGANISATION_CLAIM = env_str("OIDC_ORGANISATION_CLAIM", "oin")
# "acr" values that the provider uses for a login with a second factor (the "amr" claim is read too).
OIDC_MFA_ACR_VALUES = tuple(v for v in env_str("OIDC_MFA_ACR_VALUES", "").split(",") if v)
# How often a session that came through OIDC asks the provider whether the person still has access.
OIDC_RECHECK_MINUTES = env_int("OIDC_RECHECK_MINUTES", 15)
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_STORE_TOKENS = False

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "samen" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "samen" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing root
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploads are served only through views that check permissions and force download.
MEDIA_URL = "/_media-not-served/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security headers: the same in development so that problems show early.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# E-mail: console in development, real SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST", None if PRODUCTION else "")  # production must send real mail
if EMAIL_HOST:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": EMAIL_HOST,
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER", ""),
                "password": env_str("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": env_int("EMAIL_TIMEOUT", 10),  # SQLite holds its write lock while SMTP answers
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
del EMAIL_HOST
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Samen <noreply@samen.example>")

# Background work: django.tasks with the database-backed worker (manage.py db_worker).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Webhooks to plain http:// or to local and private addresses: only for development and tests.
WEBHOOKS_ALLOW_LOCAL = env_bool("WEBHOOKS_ALLOW_LOCAL", not PRODUCTION)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samen API",
    "DESCRIPTION": "API van Samen, de werkplaats voor gemeentelijke samenwerking.",
    "VERSION": "1.0.0",
    "CONTACT": {"name": "Samen", "email": "api@samen.example", "url": "https://samen.example"},
    "LICENSE": {"name": "EUPL-1.2"},
    "SERVE_INCLUDE_SCHEMA": False,
}

structlog.configure(
    processors=[
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso"),
        structlog.processors.JSONRenderer() if PRODUCTION else structlog.dev.ConsoleRenderer(colors=False),
    ],
    logger_factory=structlog.stdlib.LoggerFactory(),
    cache_logger_on_first_use=True,
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint reports every rendering step at INFO; only its problems matter.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
