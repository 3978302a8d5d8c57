"""Tasks made from agreed follow-ups before issue 16 are brought in line with the rule of derived records.

- A task less restricted than its engagement (the engagement was raised after the task was made) is raised to the
  engagement's level: it carries the follow-up's text.
- The line "Agreed at the <engagement> (<its address>):" that conversion wrote at the head of the task's description
  is taken out (the follow-up's text alone stays where the title cut it): the task's page now shows where it was
  agreed from the link, to who may open the engagement.

Each task changed gets its next version and a history row with the reason; the history keeps the old values.
"""

import re

from django.db import migrations
from django.utils import timezone

AGREED_AT = re.compile(r"Agreed at the [^\n]*? \(/[^\s()]*/engagements/(?P<pk>[0-9]+)/\):\n")
REASON = "Kept at its engagement's level (issue 16)"


def repair(apps, schema_editor):
    follow_up_model = apps.get_model("engagements", "FollowUp")
    task_model = apps.get_model("protection_tasks", "Task")
    history_model = apps.get_model("protection_tasks", "HistoricalTask")
    history_fields = {field.attname for field in history_model._meta.concrete_fields}
    now = timezone.now()
    follow_ups = follow_up_model.objects.filter(task__isnull=False).select_related("task", "engagement").order_by("pk")
    for follow_up in follow_ups.iterator(chunk_size=500):
        task, engagement = follow_up.task, follow_up.engagement
        changed = []
        if task.sensitivity < engagement.sensitivity:
            task.sensitivity = engagement.sensitivity
            changed.append("sensitivity")
        match = AGREED_AT.match(task.description)
        if match and int(match["pk"]) == engagement.pk and task.description[match.end() :] == follow_up.text:
            task.description = follow_up.text if len(follow_up.text) > len(task.title) else ""
            changed.append("description")
        if not changed:
            continue
        task.version += 1
        task.updated_at = now
        task_model.objects.filter(pk=task.pk).update(
            **{name: getattr(task, name) for name in changed}, version=task.version, updated_at=now
        )
        values = {
            field.attname: getattr(task, field.attname)
            for field in task_model._meta.concrete_fields
            if field.attname in history_fields
        }
        history_model.objects.create(
            **values, history_date=now, history_type="~", history_change_reason=REASON, history_user_id=None
        )


class Migration(migrations.Migration):
    dependencies = [
        ("engagements", "0001_initial"),
        ("protection_tasks", "0009_dashboard_counts_cover_dates"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
