"""The task search ignores accents on PostgreSQL: a text search configuration ``simple_unaccent`` (``simple`` with
the ``unaccent`` dictionary first), and the ``task_text_search`` index rebuilt over it (protection_tasks.search).
Nothing on SQLite, whose search folds accents by a registered function (cmcoord.core.search)."""

from django.db import migrations

CONFIGURATION = """
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'simple_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION simple_unaccent (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION simple_unaccent
      ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, hword, hword_part, word WITH unaccent, simple;
  END IF;
END $$;
"""


def search_index(config):
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    document = SearchVector("title", "description", "reference", "outcome", config=config)
    return GinIndex(document, name="task_text_search")


def fold_accents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    task = apps.get_model("protection_tasks", "Task")
    schema_editor.execute(CONFIGURATION)
    schema_editor.remove_index(task, search_index("simple"))
    schema_editor.add_index(task, search_index("simple_unaccent"))


def keep_accents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    task = apps.get_model("protection_tasks", "Task")
    schema_editor.remove_index(task, search_index("simple_unaccent"))
    schema_editor.add_index(task, search_index("simple"))
    schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS simple_unaccent")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_unaccent"),
        ("protection_tasks", "0012_timeline_field_changes"),
    ]

    operations = [migrations.RunPython(fold_accents, keep_accents)]
