"""Django settings, all from the environment (django-environ).

With nothing set, SaferPlan runs in development: DEBUG off unless asked, an
SQLite file under ``var/`` and a throwaway secret key.  ``SAFERPLAN_ENV=production``
refuses to start without a real ``SECRET_KEY`` and turns on secure cookies.
"""

from __future__ import annotations

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent  # the checkout (src layout)

env = environ.Env()
environ.Env.read_env(PROJECT_DIR / ".env") if (PROJECT_DIR / ".env").is_file() else None

VAR_DIR = Path(env.str("SAFERPLAN_VAR_DIR", default=str(PROJECT_DIR / "var")))
ENVIRONMENT = env.str("SAFERPLAN_ENV", default="development")
PRODUCTION = ENVIRONMENT == "production"
if ENVIRONMENT not in {"development", "production", "test"}:
    raise ImproperlyConfigured(
        f"SAFERPLAN_ENV must be development, production or test, not {ENVIRONMENT!r}"
    )

_DEV_SECRET = "development-only-secret-key-not-for-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET)
if PRODUCTION and (SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured(
        "SAFERPLAN_ENV=production needs SECRET_KEY: at least 32 random characters "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))')"
    )

DEBUG = env.bool("DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when SAFERPLAN_ENV=production")

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "saferplan.core",
    "saferplan.partnerships",
    "saferplan.plans",
    "saferplan.importing",
    "saferplan.accounts",
    "saferplan.monitoring",
    "saferplan.indicators",
    "saferplan.assessment",
    "saferplan.reports",
    # REST API (issue 7)
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "saferplan.api",
    "saferplan.backup",
    # Background tasks: the backport of Django 6's django.tasks, stored in the database.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and the database: a refused request costs almost nothing.
    "saferplan.security.RateLimitMiddleware",
    "saferplan.security.RequestSizeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "saferplan.accounts.middleware.RequireManagerTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # django-axes last: it refuses sign-in after repeated failures.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock an account and address out for an hour after 5 failed sign-ins in a row.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
OTP_TOTP_ISSUER = "SaferPlan"

ROOT_URLCONF = "saferplan.urls"
WSGI_APPLICATION = "saferplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "saferplan.core.context_processors.site",
            ],
        },
    },
]

if "DATABASE_URL" not in env:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'saferplan.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the page reads carry on while an import writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Production serves collected files (collectstatic) from STATIC_ROOT; development
# serves them straight from the apps' static folders.
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static") if PRODUCTION else None
WHITENOISE_USE_FINDERS = not PRODUCTION
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"

# Uploaded plan documents: large enough for any real plan, small enough to
# refuse something that is clearly not one.
SAFERPLAN_MAX_UPLOAD_BYTES = env.int("SAFERPLAN_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = SAFERPLAN_MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Security headers: on everywhere; the cookie and HTTPS settings follow production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=PRODUCTION)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=PRODUCTION)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    # Preloading commits every subdomain of the council's domain to HTTPS for good: a
    # decision for the domain's owner, not a default of the product.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
if env.bool("BEHIND_HTTPS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "saferplan.security.RedactSecretsFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# The police.uk crime rows live in a DuckDB file, not in the main database.
SAFERPLAN_CRIME_DB = env.str("SAFERPLAN_CRIME_DB", default=str(VAR_DIR / "crime.duckdb"))

SAFERPLAN_SITE_NAME = env.str("SAFERPLAN_SITE_NAME", default="SaferPlan")
# Where links in e-mails point, e.g. https://saferplan.example.org
SAFERPLAN_BASE_URL = env.str("SAFERPLAN_BASE_URL", default="http://127.0.0.1:8000")

# Quarterly returns are due on this day of the month after the quarter ends (1 to 28, so
# that every month has it); a manager can still move any quarter's deadline.
SAFERPLAN_RETURN_DEADLINE_DAY = env.int("SAFERPLAN_RETURN_DEADLINE_DAY", default=15)
if not 1 <= SAFERPLAN_RETURN_DEADLINE_DAY <= 28:
    raise ImproperlyConfigured(
        f"SAFERPLAN_RETURN_DEADLINE_DAY must be a day from 1 to 28, "
        f"not {SAFERPLAN_RETURN_DEADLINE_DAY}"
    )

# Background tasks (the reminders run): queued in the database and run by
# `saferplan db_worker`; tests run them at once with the immediate backend.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# E-mail: printed to the console unless EMAIL_URL names a server (smtp+tls://user:pass@host:587).
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="SaferPlan <saferplan@localhost>")

# --- REST API, Content-Security-Policy and rate limits (issue 7) ---------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "saferplan.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "saferplan.api.permissions.SignedInToWrite",
        "saferplan.api.permissions.TokenScope",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "saferplan.api.throttles.AnonymousApiThrottle",
        "saferplan.api.throttles.UserApiThrottle",
    ],
    # JSON only: the documentation page is /api/docs/ (DRF's browsable pages need inline styles).
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "saferplan.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "saferplan.api.schema.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SaferPlan API",
    "DESCRIPTION": "Plans, quarterly returns and indicators of Community Safety Partnerships. "
    "Anyone may read published plans; a personal token (Your account → API tokens) "
    "shows and changes exactly what its owner may on the web.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# Rate-limit counts, the assessment's results and page fragments live in the cache:
# with several gunicorn workers, share it (Redis, see docs/deploy.md; or
# dbcache://saferplan_cache after createcachetable).
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
# Upload backstop (saferplan.security.RequestSizeMiddleware): police.uk archives are large.
SAFERPLAN_LARGE_UPLOADS = {"/assessment/": 2 * 1024**3 + 1024**2}
SAFERPLAN_API_ANON_RATE = env.str("SAFERPLAN_API_ANON_RATE", default="120/minute")
SAFERPLAN_API_USER_RATE = env.str("SAFERPLAN_API_USER_RATE", default="1200/minute")
# Proxies in front of gunicorn that append to X-Forwarded-For (for per-address limits).
SAFERPLAN_PROXY_COUNT = env.int("SAFERPLAN_PROXY_COUNT", default=0)

# Strict: nothing inline, nothing from elsewhere.  The templates have no inline
# script or style; charts are served as <img>.
_SELF, _NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_NONE],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "manifest-src": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": [_NONE],
        "base-uri": [_NONE],
        "object-src": [_NONE],
    },
}
