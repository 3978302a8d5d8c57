"""Settings of the Celery workers the fault tests start and kill: the test settings on the test's PostgreSQL
database and the test's own Redis (``DATABASE_URL``, ``REDIS_URL`` from the test), mail written to files, files in
the test's folder, and the places where a worker stalls to be killed (:mod:`tests.faults.stall`).

A message left unacknowledged by a killed worker is delivered again once it has been invisible for
``visibility_timeout`` seconds: one hour in production (longer than any task runs), two seconds here, checked
every second, so that the new worker picks it up at once."""

import os

from cmcoord.settings.test import *  # noqa: F403
from cmcoord.settings.test import STORAGES

EMAIL_BACKEND = "tests.faults.stall.StallingMailBackend"
EMAIL_FILE_PATH = os.environ["CMCOORD_TEST_MAIL_DIR"]
MEDIA_ROOT = os.environ["CMCOORD_TEST_MEDIA_ROOT"]
STORAGES = {**STORAGES, "default": {"BACKEND": "tests.faults.stall.StallingStorage"}}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 2,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
