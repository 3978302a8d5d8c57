"""Test settings: fast hashing, in-memory e-mail, plain static storage (no manifest needed)."""

import os

from .base import *  # noqa: F403
from .base import CACHES, STORAGES

DEBUG = False
SECRET_KEY = "test-only-secret-key-that-is-long-enough-for-django-checks"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
CMCOORD_LOCAL_MODE = False

# Test-only apps: a concrete OperationRecord, to exercise the shared scoping base directly; a record type declared
# only in the tests, to prove the record kit gives it everything from its declaration (tests/records).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.scopedapp", "tests.recordkit"]  # noqa: F405
# The test server serves static files itself; WhiteNoise would only warn about the missing STATIC_ROOT.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise")]  # noqa: F405

# Each test worker (pytest-xdist) has a database of its own, so its users' ids are the other worker's too: its cache
# keys are its own as well, or the API rates counted for one worker's officer #12 would refuse the other's (429).
CACHES = {"default": {**CACHES["default"], "KEY_PREFIX": os.environ.get("PYTEST_XDIST_WORKER", "")}}

# PostgreSQL: a commit does not wait for its WAL to reach the disk. The browser tests' live server commits each
# write; a crash of the test database loses nothing that matters. A transactional test's flush deletes rows instead
# of truncating every table (tests/pgflush: a second less a test).
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
    DATABASES["default"]["ENGINE"] = "tests.pgflush"  # noqa: F405
