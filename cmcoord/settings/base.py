"""Settings shared by every environment, read from the environment with django-environ.

With no variables set the app runs on SQLite and runs Celery tasks in-process (the embedded default).
``DATABASE_URL`` switches to PostgreSQL (psycopg 3); ``REDIS_URL`` gives Celery a broker and Django a cache.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "cmcoord.core.adminsite.ProductAdminConfig",  # Django's admin, through the access policy
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # full-text search and its GIN index on PostgreSQL; inert on SQLite
    # Third party
    "axes",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_countries",
    "django_celery_beat",
    "rest_framework",
    "drf_spectacular",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",  # two-factor sign-in: authenticator apps (TOTP)
    "django_otp.plugins.otp_static",  # and single-use recovery codes
    "django_otp_webauthn",  # and passkeys or security keys (WebAuthn); their devices are accounts.Passkey
    # Ours
    "cmcoord.core",
    "cmcoord.accounts",
    "cmcoord.operations",
    "cmcoord.gazetteer",  # reference data: admin-1 and admin-2 units with their P-codes, and the place picker
    "cmcoord.exports",  # the export framework: feature apps below register their exports with it
    "cmcoord.imports",  # spreadsheet imports: feature apps below register their importers with it
    "cmcoord.attachments",  # files attached to records, read through the record's access
    "cmcoord.records",  # the record kit: a record type's pages, export, API and navigation from one declaration
    "digests",  # reporting digests: the feature apps below register their sections with it
    "summaries",  # records' summaries for the HCT: what readers who may not open a record may know of it
    "protection_tasks",
    "actors",
    "missions",
    "engagements",  # engagements, follow-ups and key messages: built on tasks, actors and missions
    "deconfliction",  # the humanitarian notification system (DI-5): built on tasks, actors and missions
    "incidents",  # access incidents (AN-4, OCHA's access monitoring and reporting framework)
    "trainings",  # training events (CB-1 to CB-5)
    "planning",  # planning documents, MCDA requests, the set-up checklist (PP-1 to PP-6)
    # Leaves: they may import every app above, and nothing imports them.
    "demo",
    "benchmarks",
]

MIDDLEWARE = [
    # Outermost: a lost database connection answers 503 "temporarily unavailable" (a read is tried once more).
    "cmcoord.core.middleware.DatabaseOutageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Pages travel compressed (a list of 50 tasks: about 37 KB as HTML, 3 KB gzipped) for offices on slow links.
    # Django's GZipMiddleware pads each response at random against BREACH, and CSRF tokens are masked per request.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The request's language (user's preference, switcher's cookie, Accept-Language, then English; an operation's
    # pages fall back to the operation's language before English). Never in the URL.
    "cmcoord.core.language.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Pages to a signed-in person and API answers: "private, no-store", kept by no cache (cmcoord/core/offline.py).
    "cmcoord.core.offline.PrivatePagesMiddleware",
    # A personal token signs in its owner on the API and the exports only (cmcoord.accounts.tokens).
    "cmcoord.accounts.middleware.ApiTokenMiddleware",
    # Two-factor sign-in: whether this session gave its second factor (django-otp), then the second step itself.
    "django_otp.middleware.OTPMiddleware",
    "cmcoord.accounts.middleware.TwoFactorMiddleware",
    "cmcoord.accounts.middleware.SessionSeenMiddleware",  # the account's list of signed-in sessions
    # Default-deny: every view needs a signed-in user unless marked @login_not_required.
    "cmcoord.accounts.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Query parameters no page can use (NUL bytes, numbers past any identifier) answer 400 here, once.
    "cmcoord.core.middleware.QueryGuardMiddleware",
    # PUT, PATCH and DELETE answer 405 on every page (Django's form views took PUT as POST).
    "cmcoord.core.middleware.PageMethodsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the outcome of authentication (django-axes' requirement).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cmcoord.urls"
WSGI_APPLICATION = "cmcoord.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cmcoord.operations.context_processors.operations_nav",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# A kept connection is tested before a request uses it: after a database restart or failover the next request
# reconnects instead of failing (and a read that still meets a lost connection is retried once: core.middleware).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # A cache that degrades to misses while Redis is unavailable, so that pages keep working (cmcoord/core/cache.py).
    CACHES = {"default": {"BACKEND": "cmcoord.core.cache.ResilientRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses to authenticate a locked-out username/address before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Two-factor sign-in (cmcoord.accounts.twofactor): required of heads of office, HQ readers and site administrators
# where this is on (production: on unless turned off; elsewhere off unless turned on); optional for everyone else.
CMCOORD_TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=False)
CMCOORD_TWO_FACTOR_REMEMBER_DAYS = 30  # a browser may be remembered for this long
OTP_TOTP_ISSUER = "CMCoord Tracker"
# Passkeys and security keys (WebAuthn, django-otp-webauthn): a second factor beside the authenticator app, never a
# sign-in without the password. A passkey belongs to the relying party (the site's host name, WEBAUTHN_RP_ID) and is
# accepted only from the addresses users open (WEBAUTHN_ORIGINS). Browsers offer WebAuthn over HTTPS, or plain HTTP on
# localhost only (never at an IP address): in development open http://localhost:8000/.
OTP_WEBAUTHN_ALLOWED_ORIGINS = env.list("WEBAUTHN_ORIGINS", default=["http://localhost:8000"])
OTP_WEBAUTHN_RP_ID = env("WEBAUTHN_RP_ID", default="") or urlsplit(OTP_WEBAUTHN_ALLOWED_ORIGINS[0]).hostname
OTP_WEBAUTHN_RP_NAME = "CMCoord Tracker"
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False  # the password first, always (its django-axes lockout with it)
OTP_WEBAUTHN_CREDENTIAL_MODEL = "accounts.Passkey"  # django-otp's throttling after a failure, as for TOTP
OTP_WEBAUTHN_ATTESTATION_MODEL = "accounts.PasskeyAttestation"
OTP_WEBAUTHN_HELPER_CLASS = "cmcoord.accounts.passkeys.PasskeyHelper"
OTP_WEBAUTHN_THROTTLE_FACTOR = 1  # seconds before the next try after a failure, doubled at each failure
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Brute-force protection (django-axes): lock a username at one address after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "cmcoord.accounts.views.locked_out"
# And lock a whole address after this many failures over any usernames (trying many usernames from one place).
AXES_HANDLER = "cmcoord.accounts.lockout.AddressLimitHandler"
SIGN_IN_FAILURE_LIMIT_PER_ADDRESS = env.int("SIGN_IN_FAILURE_LIMIT_PER_ADDRESS", default=20)

LANGUAGE_CODE = "en"
# The product's languages (README, "Languages"); Arabic is written right to left (Bootstrap's RTL build). Which one a
# request gets: the user's preference, then the switcher's choice (cookie), then the browser's Accept-Language, then
# the language of the operation the page belongs to, then English (cmcoord.core.language). URLs never change.
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("ar", _("Arabic")), ("es", _("Spanish"))]
# The catalogues (locale/<lang>/LC_MESSAGES/django.po), compiled to .mo by scripts/_env.sh on install.
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "cmcoord_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
# Dates shown and entered as ISO 8601 (2026-11-21) in every language: cmcoord/formats/.
FORMAT_MODULE_PATH = ["cmcoord.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded and generated files (large XLSX exports), served only through the views that check who asks.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Attachments: private (no address serves them; the download view checks the record). S3: see the README.
    "attachments": {"BACKEND": "cmcoord.attachments.storage.PrivateFileSystemStorage"},
}
# Largest attachment, in megabytes: a larger upload is dropped on arrival and the form says so.
ATTACHMENT_MAX_MB = env.float("ATTACHMENT_MAX_MB", default=20)

# Content Security Policy (Django 6 built-in): only our own assets, inline scripts only with the request's nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="CMCoord Tracker <no-reply@cmcoord.invalid>")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "cmcoord.accounts.authentication.TokenAuthentication",  # checked by ApiTokenMiddleware
        "rest_framework.authentication.SessionAuthentication",  # the browser, with CSRF
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "cmcoord.accounts.throttles.TokenRateThrottle",
        "cmcoord.accounts.throttles.PersonRateThrottle",
    ],
    # Per token and per person, counted in the cache (Redis where REDIS_URL is set); 429 with Retry-After.
    "DEFAULT_THROTTLE_RATES": {
        "token": env("API_RATE_PER_TOKEN", default="300/min"),
        "person": env("API_RATE_PER_PERSON", default="600/min"),
    },
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "cmcoord.core.api.ApiSchema",  # every route: its error answers too
    "DEFAULT_PAGINATION_CLASS": "cmcoord.core.pagination.NumberedPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CMCoord Tracker API",
    "DESCRIPTION": "Every route answers only what the signed-in user may see (operation and sensitivity scoping).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Default-deny, like every page: the schema describes routes and filters, so only signed-in users read it.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Choice sets whose field name several record types share (a list of topics, a status, a kind), named after
    # their record type rather than by a hash; the writes' bodies (made from the forms) use the same sets.
    # The links between operations: a listed or created record leads to its read and its edit.
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "cmcoord.core.api.link_records"],
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": LANGUAGES,  # key messages, engagements, digests, preferences
        "EngagementTopicEnum": "engagements.choices.EngagementTopic",
        "TrainingTopicEnum": "trainings.choices.TrainingTopic",
        "KeyMessageStatusEnum": "engagements.choices.KeyMessageStatus",
        "PlanningDocumentStatusEnum": "planning.choices.DocumentStatus",
        "NotificationStatusEnum": "deconfliction.choices.NotificationStatus",
        "NotificationKindEnum": "deconfliction.choices.NotificationKind",
        "PlanningDocumentKindEnum": "planning.choices.DocumentKind",
        "ActorCategoryEnum": "actors.choices.ActorCategory",
        "StanceEnum": "actors.choices.Stance",
        "AttitudeEnum": "actors.choices.Attitude",
        "RatingEnum": "actors.forms.RATING_CHOICES",
        "MissionKindEnum": "missions.choices.MissionKind",
        "AccessCategoryEnum": "incidents.choices.AccessCategory",
        "TaskStatusEnum": "protection_tasks.choices.TaskStatus",
        "NewTaskStatusEnum": "protection_tasks.choices.NEW_TASK_STATUS_CHOICES",
        "WeekdayEnum": "protection_tasks.recurrence.WEEKDAY_CHOICES",
        "PartyAnswerStatusEnum": "deconfliction.choices.AnswerStatus",
        "RecordedAnswerEnum": "deconfliction.choices.ANSWER_CHOICES",
    },
}

# Celery: JSON only, bounded run time. Without REDIS_URL tasks run in-process (the embedded default).
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_TASK_TIME_LIMIT = 10 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A page that queues work while Redis is down learns it within about two seconds (then says the work will be done
# later) instead of waiting on the broker; workers and beat reconnect by themselves, without limit.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Installed into django-celery-beat's tables when beat starts; editable in the admin afterwards.
CELERY_BEAT_SCHEDULE = {
    "recurring-task-occurrences": {
        "task": "protection_tasks.create_recurring_occurrences",
        "schedule": timedelta(hours=1),
    },
    # A plain UTC interval, never a crontab with a time zone: the dispatcher works out each operation's local
    # send times itself (README, "Digests").
    "digests-dispatch": {
        "task": "digests.dispatch",
        "schedule": timedelta(minutes=5),
    },
    # A worker notes that it is alive; /readyz reads it (and beat's own last tick).
    "worker-heartbeat": {
        "task": "cmcoord.core.heartbeat",
        "schedule": timedelta(minutes=1),
    },
    # Large-export jobs whose message was lost are queued again; those unfinished for too long are reported failed.
    "export-file-recovery": {
        "task": "exports.recover_export_files",
        "schedule": timedelta(minutes=5),
    },
    # Large imports whose message was lost are queued again; those unfinished for too long are reported failed.
    "import-batch-recovery": {
        "task": "imports.recover_batches",
        "schedule": timedelta(minutes=5),
    },
    "expired-export-files": {
        "task": "exports.remove_expired_files",
        "schedule": timedelta(hours=1),
    },
    # API writes' Idempotency-Keys, kept IDEMPOTENCY_KEY_HOURS so that a retry gets the first answer.
    "expired-idempotency-keys": {
        "task": "cmcoord.core.remove_expired_idempotency_keys",
        "schedule": timedelta(hours=1),
    },
}
# How long an API write's Idempotency-Key and its answer are kept: a retry within this time gets the first answer.
IDEMPOTENCY_KEY_HOURS = env.int("IDEMPOTENCY_KEY_HOURS", default=24)
# A phone that has not reached the server for this many days wipes the drafts and caches it keeps of the product,
# the next time the app is opened (cmcoord/core/offline.py).
OFFLINE_MAX_DAYS = env.int("OFFLINE_MAX_DAYS", default=7)
# Spreadsheet imports: a file of more rows than IMPORT_BACKGROUND_ROWS is checked and written by a worker, the page
# showing its progress; a file of more than IMPORT_MAX_ROWS rows, or over IMPORT_MAX_MB, is refused.
IMPORT_BACKGROUND_ROWS = env.int("IMPORT_BACKGROUND_ROWS", default=10_000)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=100_000)
IMPORT_MAX_MB = env.float("IMPORT_MAX_MB", default=10)
# A large file's check still waiting for a worker this long is queued again (its message was lost); a check or an
# import unfinished this long after it was queued (far past the task time limit) is reported failed, nothing written.
IMPORT_REQUEUE_MINUTES = env.int("IMPORT_REQUEUE_MINUTES", default=5)
IMPORT_GIVE_UP_MINUTES = env.int("IMPORT_GIVE_UP_MINUTES", default=60)
# An XLSX export of more rows than this is built by a worker (progress shown, a link when ready) instead of at once.
EXPORT_XLSX_DIRECT_ROWS = env.int("EXPORT_XLSX_DIRECT_ROWS", default=20_000)
# How long a large export's file stays downloadable (by who asked only) before the hourly clean-up removes it.
EXPORT_FILE_LIFETIME_HOURS = env.int("EXPORT_FILE_LIFETIME_HOURS", default=24)
# A large-export job still waiting this long is queued again (its message was lost); one unfinished this long after
# it was asked for (far past the task time limit) is reported failed.
EXPORT_REQUEUE_MINUTES = env.int("EXPORT_REQUEUE_MINUTES", default=5)
EXPORT_GIVE_UP_MINUTES = env.int("EXPORT_GIVE_UP_MINUTES", default=60)
# The site's address, for links in e-mails (digests), which are sent by workers with no request to read it from.
CMCOORD_SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
# At most this many missed periods of one digest schedule are produced after an outage (the latest ones).
DIGEST_BACKFILL_PERIODS = env.int("DIGEST_BACKFILL_PERIODS", default=14)
# /readyz calls beat stale when no periodic task was sent for this long (beat writes its ticks every few minutes),
# and the worker stale when none ran the heartbeat task (queued every minute) for this long.
READINESS_BEAT_MINUTES = env.int("READINESS_BEAT_MINUTES", default=10)
READINESS_WORKER_MINUTES = env.int("READINESS_WORKER_MINUTES", default=5)
# How many days ahead of its due date the next occurrence of a recurring task appears in the task log.
TASK_RECURRENCE_LEAD_DAYS = env.int("TASK_RECURRENCE_LEAD_DAYS", default=7)
# How far back a recurring task's missed occurrences are still created (a series that starts in the past, or the
# beat job after a long stop); older ones are skipped rather than flooding the task log with back-dated tasks.
TASK_RECURRENCE_BACKFILL_DAYS = env.int("TASK_RECURRENCE_BACKFILL_DAYS", default=31)
# Hours after which a humanitarian notification still awaiting a party's answer is overdue (an operation may set its
# own in its notification settings).
HNS_RESPONSE_HOURS = env.int("HNS_RESPONSE_HOURS", default=72)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# The task list's indexes carry extra columns (INCLUDE) for PostgreSQL's index-only scans; SQLite, the embedded
# default, builds the same indexes without them, which is all it needs.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
