"""Occurrences of a recurring task less restricted than their series (the series was raised after they were
created) are raised to its level: they copy its title and description (the rule of derived records,
``cmcoord.core.derivations``). Each gets its next version and a history row with the reason."""

from django.db import migrations
from django.db.models import F
from django.utils import timezone

REASON = "Kept at its recurring series' level (issue 16)"


def repair(apps, schema_editor):
    task_model = apps.get_model("protection_tasks", "Task")
    history_model = apps.get_model("protection_tasks", "HistoricalTask")
    history_fields = {field.attname for field in history_model._meta.concrete_fields}
    now = timezone.now()
    below = task_model.objects.filter(series__isnull=False, sensitivity__lt=F("series__sensitivity"))
    for task in below.select_related("series").order_by("pk").iterator(chunk_size=500):
        task.sensitivity = task.series.sensitivity
        task.version += 1
        task.updated_at = now
        task_model.objects.filter(pk=task.pk).update(sensitivity=task.sensitivity, version=task.version, updated_at=now)
        values = {
            field.attname: getattr(task, field.attname)
            for field in task_model._meta.concrete_fields
            if field.attname in history_fields
        }
        history_model.objects.create(**values, history_date=now, history_type="~", history_change_reason=REASON)


class Migration(migrations.Migration):
    dependencies = [("protection_tasks", "0009_dashboard_counts_cover_dates")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
