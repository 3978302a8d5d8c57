"""Settings of the Celery worker and beat that the live digest test starts: the test settings, the test database
(``DATABASE_URL`` from the test), mail written to files in a folder the test reads, and a queue of the test's
own so that no other worker on the same Redis takes its tasks."""

import os

from cmcoord.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["CMCOORD_TEST_MAIL_DIR"]
CELERY_TASK_DEFAULT_QUEUE = os.environ["CMCOORD_TEST_QUEUE"]
