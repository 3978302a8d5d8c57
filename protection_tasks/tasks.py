"""Celery tasks of the task log: thin wrappers around services, safe to run twice."""

from celery import shared_task

from . import services


@shared_task(name="protection_tasks.create_recurring_occurrences")
def create_recurring_occurrences() -> int:
    """Create the next occurrences of recurring tasks (scheduled hourly by beat: operations' days start at
    different UTC hours). Idempotent."""
    return services.recurring_tasks_create_occurrences()
