"""What ``scripts/run`` serves: the demo as users meet the product, on this machine.

The local settings (SQLite or ``DATABASE_URL``, in-process Celery or ``REDIS_URL``, e-mail to the console, the demo
passwords printed) with DEBUG off: a missing or forbidden page is the product's own 404 or 403, never Django's debug
page (which lists every URL pattern); static files are collected, named by their content and served by WhiteNoise
with far-future caching; gunicorn answers. ``scripts/run --dev`` keeps ``local`` (DEBUG on, the reloader).
"""

from .local import *  # noqa: F403
from .local import env

DEBUG = env.bool("DJANGO_DEBUG", default=False)
