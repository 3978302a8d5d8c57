"""The Celery application. Configuration comes from Django settings under the ``CELERY_`` namespace.

Defaults to local settings, like manage.py; containers set DJANGO_SETTINGS_MODULE explicitly.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cmcoord.settings.local")

# Every task retries on a lost database connection (a restart, a failover) instead of failing.
app = Celery("cmcoord", task_cls="cmcoord.core.outage:DatabaseRetryTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
