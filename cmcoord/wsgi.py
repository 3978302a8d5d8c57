"""WSGI entry point for gunicorn. The deployment sets DJANGO_SETTINGS_MODULE (production in docker-compose)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cmcoord.settings.local")

application = get_wsgi_application()
