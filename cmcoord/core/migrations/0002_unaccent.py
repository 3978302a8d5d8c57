"""PostgreSQL's ``unaccent`` extension, for searches that ignore accents (cmcoord.core.search); nothing on SQLite.

A trusted extension since PostgreSQL 13: the database's owner may create it without being a superuser.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [UnaccentExtension()]
