"""PostgreSQL as the tests use it: Django's own backend, but a transactional test's flush empties the tables with
DELETE instead of TRUNCATE.

TRUNCATE gives each of the 140-odd tables new files, whatever it holds: about a second per transactional test here.
DELETE of the few rows such a test writes takes a few milliseconds. Django creates every foreign key DEFERRABLE
INITIALLY DEFERRED and the flush runs in one transaction, so the order of the deletes does not matter. A flush that
must reset sequences (``reset_sequences=True``) or cascade keeps Django's TRUNCATE.
"""

from django.db.backends.postgresql import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return super().sql_flush(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};" for table in tables]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
