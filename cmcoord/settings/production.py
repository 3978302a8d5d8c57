"""Production: refuses to start without a secret key, allowed hosts, PostgreSQL and Redis; passes ``check --deploy``."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, REDIS_URL, env

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY to a random value of at least 50 characters.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS (comma-separated host names).")
# Without these, base settings fall back to SQLite, Celery tasks run inside the web process and each process
# keeps its own cache: fine on a laptop, silently wrong in production.
if not env("DATABASE_URL", default="") or "sqlite" in DATABASES["default"]["ENGINE"]:
    raise ImproperlyConfigured("Set DATABASE_URL to the PostgreSQL database (postgres://user:password@host:5432/name).")
if not REDIS_URL.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured("Set REDIS_URL to the Redis server of Celery and the cache (redis://host:6379/0).")

DEBUG = False
CMCOORD_LOCAL_MODE = False
CMCOORD_TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=True)
# Passkeys: the site's own HTTPS address by default (the first of ALLOWED_HOSTS), or WEBAUTHN_ORIGINS and
# WEBAUTHN_RP_ID where users open another address (or several, under one registrable domain).
OTP_WEBAUTHN_ALLOWED_ORIGINS = env.list("WEBAUTHN_ORIGINS", default=[f"https://{ALLOWED_HOSTS[0].lstrip('.')}"])
OTP_WEBAUTHN_RP_ID = env("WEBAUTHN_RP_ID", default="") or urlsplit(OTP_WEBAUTHN_ALLOWED_ORIGINS[0]).hostname

SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
if env.bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
LANGUAGE_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)

# Static files for slow links: collectstatic writes hashed names and gzip copies (Brotli ones too where the Brotli
# package is installed); WhiteNoise (in MIDDLEWARE) serves the hashed files with a ten-year "immutable"
# Cache-Control, so a later page fetches its HTML alone. Pinned here so that no change to base loosens it.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}  # noqa: F405
WHITENOISE_MAX_AGE = 60 * 60  # files asked for by their unhashed name: re-checked hourly
