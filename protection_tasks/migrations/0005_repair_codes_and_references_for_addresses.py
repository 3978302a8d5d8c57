"""Local activity codes and task references that cannot be part of an address are rewritten before the constraints
that forbid them.

An activity code keeps its letters and digits, in capitals, with hyphens for the rest (a clash takes the
activity's number as a suffix). A reference that is not ``XXX-YYYY-NNNN`` gets the next number of its operation's
counter for the year the task was created, as the app hands them out. The history keeps the old values.
"""

import re
import unicodedata

from django.db import migrations
from django.db.models import F

ACTIVITY_CODE = re.compile(r"[A-Z0-9](?:[A-Z0-9.-]*[A-Z0-9])?\Z")
TASK_REFERENCE = re.compile(r"[A-Z]{3}-[0-9]{4}-[0-9]{4,11}\Z")
CODE_LENGTH = 12


def address_safe_code(value: str, pk: int, taken: set) -> str:
    ascii_value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().upper()
    base = re.sub(r"[^A-Z0-9.]+", "-", ascii_value).strip("-.")[:CODE_LENGTH].strip("-.") or "LOCAL"
    candidate = base
    if candidate in taken:
        suffix = f"-{pk}"
        candidate = base[: CODE_LENGTH - len(suffix)].strip("-.") + suffix
    return candidate


def repair_activity_codes(apps):
    activity_model = apps.get_model("protection_tasks", "Activity")
    for activity in activity_model.objects.order_by("pk"):
        if ACTIVITY_CODE.match(activity.code):
            continue
        siblings = activity_model.objects.filter(operation_id=activity.operation_id).exclude(pk=activity.pk)
        taken = set(siblings.values_list("code", flat=True))
        taken |= set(activity_model.objects.filter(operation__isnull=True).values_list("code", flat=True))
        activity.code = address_safe_code(activity.code, activity.pk, taken)
        activity.save(update_fields=["code"])


def repair_references(apps):
    from django_countries import countries

    task_model = apps.get_model("protection_tasks", "Task")
    counter_model = apps.get_model("protection_tasks", "TaskReferenceCounter")
    for task in task_model.objects.select_related("operation").order_by("pk"):
        if TASK_REFERENCE.match(task.reference):
            continue
        year = task.created_at.year
        counter, _ = counter_model.objects.get_or_create(operation_id=task.operation_id, year=year)
        counter_model.objects.filter(pk=counter.pk).update(last_number=F("last_number") + 1)
        counter.refresh_from_db()
        code = countries.alpha3(getattr(task.operation.country, "code", task.operation.country))
        task.reference = f"{code}-{year}-{counter.last_number:04d}"
        task.save(update_fields=["reference"])


def repair(apps, schema_editor):
    repair_activity_codes(apps)
    repair_references(apps)


class Migration(migrations.Migration):
    dependencies = [("protection_tasks", "0004_task_list_indexes")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
