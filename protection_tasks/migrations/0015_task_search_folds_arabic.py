"""The task search folds Arabic on PostgreSQL: the ``task_text_search`` index rebuilt over a document whose columns
have the alef forms, taa marbuta, alef maqsura, hamza on waw and yaa, tatweel and diacritics folded by
``translate`` (protection_tasks.search, cmcoord.core.search), which the ``unaccent`` dictionary leaves alone.
Nothing on SQLite, whose search folds by a registered function. The characters are written out here, as they were
when the index was built: the search's expression must stay the same for PostgreSQL to use the index."""

from django.db import migrations

FIELDS = ("title", "description", "reference", "outcome")
ARABIC_FROM = "أإآٱؤئةى" + "\u0640" + "".join(chr(code) for code in range(0x064B, 0x0656)) + "\u0670"
ARABIC_TO = "ااااويهي"


def search_index(arabic: bool):
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector
    from django.db.models import Func, TextField, Value

    def column(name):
        if not arabic:
            return name
        return Func(name, Value(ARABIC_FROM), Value(ARABIC_TO), function="translate", output_field=TextField())

    document = SearchVector(*(column(name) for name in FIELDS), config="simple_unaccent")
    return GinIndex(document, name="task_text_search")


def fold_arabic(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    task = apps.get_model("protection_tasks", "Task")
    schema_editor.remove_index(task, search_index(arabic=False))
    schema_editor.add_index(task, search_index(arabic=True))


def keep_arabic(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    task = apps.get_model("protection_tasks", "Task")
    schema_editor.remove_index(task, search_index(arabic=True))
    schema_editor.add_index(task, search_index(arabic=False))


class Migration(migrations.Migration):
    dependencies = [("protection_tasks", "0014_catalogue_translations")]

    operations = [migrations.RunPython(fold_arabic, keep_arabic)]
