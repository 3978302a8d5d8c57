"""Names that say what they are: a task's timeline entry is not a write (``services.task_edit`` is), and a
task's urgency is not one of the HCT's protection priorities."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("protection_tasks", "0002_guidance_note_catalogue"),
        ("operations", "0003_alter_countryoperation_has_peace_operation_and_more"),
    ]

    operations = [
        migrations.RenameModel("TaskUpdate", "TimelineEntry"),
        migrations.RenameModel("HistoricalTaskUpdate", "HistoricalTimelineEntry"),
        migrations.RenameField("task", "priority", "urgency"),
        migrations.RenameField("historicaltask", "priority", "urgency"),
        migrations.AlterModelOptions(
            name='historicaltimelineentry',
            options={'get_latest_by': ('history_date', 'history_id'), 'ordering': ('-history_date', '-history_id'), 'verbose_name': 'historical timeline entry', 'verbose_name_plural': 'historical timeline entries'},
        ),
        migrations.AlterModelOptions(
            name='task',
            options={'ordering': ['due_date', '-urgency', 'pk'], 'verbose_name': 'task', 'verbose_name_plural': 'tasks'},
        ),
        migrations.AlterModelOptions(
            name='timelineentry',
            options={'ordering': ['-created_at', '-pk'], 'verbose_name': 'timeline entry', 'verbose_name_plural': 'timeline entries'},
        ),
        migrations.AlterField(
            model_name='historicaltask',
            name='urgency',
            field=models.PositiveSmallIntegerField(choices=[(1, 'Low'), (2, 'Medium'), (3, 'High'), (4, 'Critical')], default=2, verbose_name='urgency'),
        ),
        migrations.AlterField(
            model_name='task',
            name='urgency',
            field=models.PositiveSmallIntegerField(choices=[(1, 'Low'), (2, 'Medium'), (3, 'High'), (4, 'Critical')], default=2, verbose_name='urgency'),
        ),
        migrations.AlterField(
            model_name='timelineentry',
            name='task',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='timeline', to='protection_tasks.task', verbose_name='task'),
        ),
    ]
