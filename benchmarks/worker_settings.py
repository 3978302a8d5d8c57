"""Settings of the Celery worker the benchmark starts to produce digests: the local settings, on the benchmark's
database and the Redis broker (``DATABASE_URL`` and ``REDIS_URL`` from the benchmark), mail written to files in
a folder the benchmark counts, and a queue of the benchmark's own so that no other worker takes its tasks."""

import os

from cmcoord.settings.local import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["CMCOORD_BENCH_MAIL_DIR"]
CELERY_TASK_DEFAULT_QUEUE = os.environ["CMCOORD_BENCH_QUEUE"]
DEBUG = False
