"""One settings file, driven by the environment (DATABASE_URL, SECRET_KEY, DEBUG, ...)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("THUISWERK_VAR", BASE_DIR / "var"))

DEBUG = os.environ.get("DEBUG", "0") == "1"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set: set SECRET_KEY to a long random value, or DEBUG=1 for development."
        )
    SECRET_KEY = "thuiswerk-insecure-development-key"  # development only (DEBUG=1)
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h]

# The project's apps first: their templates and their Dutch texts win over Django's own (the
# admin's catalogue would turn the menu's "Home" into "Voorpagina" and "Status" into "Toestand").
INSTALLED_APPS = [
    # The shell first: its base, 404 and 403 templates are the ones every page uses.
    "thuiswerk.web",
    "thuiswerk.core",
    "thuiswerk.accounts",
    "thuiswerk.audit",
    "thuiswerk.people",
    "thuiswerk.telework",
    "thuiswerk.allowances",
    "thuiswerk.equipment",
    "thuiswerk.budgets",
    "thuiswerk.imports",
    "thuiswerk.reports",
    "thuiswerk.selfservice",
    "thuiswerk.demo",
    "thuiswerk.jobs",
    "thuiswerk.backoffice",
    "thuiswerk.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # its templates and static files: the API's documentation page, served locally
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "thuiswerk.web.middleware.LanguageMiddleware",
    # /api/: the language from Accept-Language, and the limit per client address.
    "thuiswerk.api.middleware.ApiMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login unless it says otherwise (@login_not_required).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "thuiswerk.web.middleware.ScopeMiddleware",
    "thuiswerk.web.middleware.DatabaseBusyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "thuiswerk.urls"
WSGI_APPLICATION = "thuiswerk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "thuiswerk.web.context_processors.shell",
            ],
        },
    },
]

# The default SQLite file lives in var/, which `thuiswerk init` creates: settings create no folder.
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'thuiswerk.sqlite3'}"
SUPPORTED_DATABASES = {
    "django.db.backends.sqlite3": "SQLite",
    "django.db.backends.postgresql": "PostgreSQL",
}
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
except Exception as error:  # dj-database-url raises its own errors for an unknown scheme
    DATABASES = {"default": {"ENGINE": f"unknown ({error})"}}
if DATABASES["default"]["ENGINE"] not in SUPPORTED_DATABASES:
    raise ImproperlyConfigured(
        f"DATABASE_URL names a database that is not supported ({DATABASE_URL.split(':', 1)[0]}):"
        " use SQLite (sqlite:///path/to/file.sqlite3) or PostgreSQL"
        " (postgresql://user:password@host:5432/name)."
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets readers (the web app) work while a run writes; the busy timeout waits for locks.
    # Runs do not queue on the busy timeout: they take the run lock first (core.locks).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "nl")
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [Path(__file__).resolve().parent / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Also straight from the apps (tests, development); `thuiswerk serve` collects into STATIC_ROOT.
WHITENOISE_USE_FINDERS = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Served by whitenoise from STATIC_ROOT (`thuiswerk serve` collects them); no CDN anywhere.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Background jobs run right after the request that queued them commits, in the same process,
# instead of by `thuiswerk worker` (tests, browser tests; off in production).
THUISWERK_JOBS_EAGER = os.environ.get("THUISWERK_JOBS_EAGER", "0") == "1"

# Users log in with their e-mail address (accounts.backends); roles live in accounts.Role.
AUTHENTICATION_BACKENDS = ["thuiswerk.accounts.backends.EmailBackend"]
# Optional single sign-on (OpenID Connect), off unless THUISWERK_OIDC=1: thuiswerk.web.oidc.
from thuiswerk.web import oidc_config  # noqa: E402

OIDC_ENABLED = oidc_config.enabled()
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("thuiswerk.web.oidc.GovernmentOIDCBackend")
    globals().update(oidc_config.oidc_settings())
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Behind HTTPS in production (THUISWERK_HTTPS=1, the default unless DEBUG=1).
HTTPS = os.environ.get("THUISWERK_HTTPS", "0" if DEBUG else "1") == "1"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
if HTTPS:
    # Plain http is sent to https, and browsers are told to use only https for a year.
    SECURE_SSL_REDIRECT = os.environ.get("THUISWERK_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("THUISWERK_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# Behind a reverse proxy that ends TLS and says so in X-Forwarded-Proto (THUISWERK_BEHIND_PROXY=1).
THUISWERK_BEHIND_PROXY = os.environ.get("THUISWERK_BEHIND_PROXY", "0") == "1"
if THUISWERK_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# -- The REST API (thuiswerk.api, docs/api.md) --------------------------------------------------
# Requests per minute (or "/s", "/h", "/d") per token or logged-in user, and per client address
# (REMOTE_ADDR; the rightmost X-Forwarded-For address when THUISWERK_BEHIND_PROXY=1).
THUISWERK_API_RATE_PER_TOKEN = os.environ.get("THUISWERK_API_RATE_PER_TOKEN", "600/min")
THUISWERK_API_RATE_PER_ADDRESS = os.environ.get("THUISWERK_API_RATE_PER_ADDRESS", "1200/min")
# The counters live in this cache. Memory is right for one server process; with several
# (gunicorn workers, servers) set THUISWERK_RATE_LIMIT_CACHE=database (a table that
# `thuiswerk init` makes), so that they share one count.
THUISWERK_RATE_LIMIT_CACHE = os.environ.get("THUISWERK_RATE_LIMIT_CACHE", "memory")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rate"},
    "database": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "thuiswerk_rate_limit",
    },
}
