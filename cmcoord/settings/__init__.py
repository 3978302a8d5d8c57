"""Settings live in base (shared), local (development), test and production modules.

``manage.py`` defaults to ``local``; gunicorn, Celery in containers and CI choose explicitly through
``DJANGO_SETTINGS_MODULE``. Nothing defaults to production.
"""
