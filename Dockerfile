# syntax=docker/dockerfile:1
# CMCoord Tracker: one image for the web server (gunicorn), the Celery worker and Celery beat.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=cmcoord.settings.production

WORKDIR /app

# Unprivileged runtime user. The code stays owned by root, so the app cannot rewrite itself.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --create-home --home-dir /home/app --shell /usr/sbin/nologin app

# PostgreSQL's client programs, for manage.py backup and restore (pg_dump, pg_restore: of the server's major version
# or later), then the folders of stored files and backups, owned by the runtime user (volumes start from them).
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /app/media /backups && chown app:app /app/media /backups

# Dependencies first, so code changes do not invalidate this layer. All runtime pins ship as wheels.
COPY requirements/base.txt requirements/base.txt
RUN pip install --no-cache-dir -r requirements/base.txt

COPY . .

# The translation catalogues, compiled from the .po files (the .mo files are not in the repository).
RUN python -m cmcoord.core.catalogues --force

# Collect static files at build time. The secret key, hosts and service URLs below exist only so that the
# production settings import (collectstatic connects to neither the database nor Redis); they are set for this
# one command and are not kept in the image's environment.
RUN DJANGO_SECRET_KEY="build-only-not-a-secret-collectstatic-needs-fifty-plus-characters-0000" \
    ALLOWED_HOSTS="localhost" \
    DATABASE_URL="postgres://build@localhost/build" \
    REDIS_URL="redis://localhost:6379/0" \
    python manage.py collectstatic --noinput

USER app

EXPOSE 8000

CMD ["gunicorn", "cmcoord.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
