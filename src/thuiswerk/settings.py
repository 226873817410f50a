"""One settings file, driven by the environment (DATABASE_URL, SECRET_KEY, DEBUG, ...)."""

import os
from datetime import timedelta
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
    "csp",
    "axes",
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
    # Answers a locked-out login with the lock-out page (login throttling, docs/security.md).
    "axes.middleware.AxesMiddleware",
    # Every page needs a login unless it says otherwise (@login_not_required).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "thuiswerk.web.middleware.ScopeMiddleware",
    "thuiswerk.web.middleware.DatabaseBusyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
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
# Axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "thuiswerk.accounts.backends.EmailBackend",
]
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
    # A load balancer asks each app server over plain http whether it is healthy.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("THUISWERK_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# Behind a reverse proxy that ends TLS and says so in X-Forwarded-Proto (THUISWERK_BEHIND_PROXY=1);
# then the client's address is the one the proxy adds to X-Forwarded-For (web.clients).
THUISWERK_BEHIND_PROXY = os.environ.get("THUISWERK_BEHIND_PROXY", "0") == "1"
if THUISWERK_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp): only this site's own files, no inline script or style
# anywhere (htmx's indicator style is in thuiswerk.css), never in a frame; no page is relaxed (the
# API's Swagger UI sets its styles through the DOM, which the policy allows).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Login throttling (django-axes): after THUISWERK_LOGIN_FAILURES failed logins for one e-mail
# address from one client address, that pair is locked for THUISWERK_LOGIN_COOLOFF_MINUTES
# (failures older than that are forgotten); a successful login resets the count. Unlock:
# `thuiswerk axes_reset_username EMAIL` (docs/security.md).
AXES_ENABLED = True
AXES_FAILURE_LIMIT = int(os.environ.get("THUISWERK_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("THUISWERK_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Attempts during the lock do not start the cool-off again: the page's minutes are the truth.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "thuiswerk.web.views.locked_out"
AXES_USERNAME_CALLABLE = "thuiswerk.web.clients.login_name"
AXES_CLIENT_IP_CALLABLE = "thuiswerk.web.clients.client_address"
# Only the failed attempts are kept (until their cool-off ends or a success resets them), not a
# row per successful login: the audit trail says who did what; fewer personal data are stored.
AXES_DISABLE_ACCESS_LOG = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Uploads (imports): at most THUISWERK_UPLOAD_MAX_MB together, checked by imports.uploads before
# anything is read. Django keeps a form's other fields small and files in memory up to 2.5 MB.
THUISWERK_UPLOAD_MAX_BYTES = int(os.environ.get("THUISWERK_UPLOAD_MAX_MB", "50")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # the request body without its files
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Logs: one line per record on standard error, with e-mail addresses and national register
# numbers redacted (core.logs) from the messages of Django, axes and the project alike.
# (gunicorn's access log is its own: `thuiswerk serve` gives it a format without query strings.)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "thuiswerk.core.logs.RedactPersonalData"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "line",
            "filters": ["redact"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("THUISWERK_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own: handled here (the console, redacted) rather than by Django's defaults.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

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
