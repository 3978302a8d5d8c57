"""Writes every record type shares: a new record saved within the author's scope, an edit saved only if nobody
saved the record since the version it started from; with the form's many-to-many links, in one transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cmcoord.core.scoping import save_within_scope
from cmcoord.core.versioning import save_versioned


def _writer(record, links: Mapping):
    def write():
        record.full_clean()
        record.save()
        for name, members in links.items():
            if members is not None:
                getattr(record, name).set(members)
        return record

    return write


def create_record(*, user, record, links: Mapping = {}):
    """Save a new (unsaved) record with its links (``{"tasks": [...]}``).

    Raises ``OutOfScope`` (everything rolled back) if the result is not a record the user may change.
    """
    return save_within_scope(user, record, save=_writer(record, links))


def edit_record(*, user, record, expected_version: int, fields: Sequence[str], links: Mapping = {}):
    """Save an edited record if nobody saved it since ``expected_version`` (else ``ConcurrentEdit``, listing what
    changed among ``fields``). Links given replace the record's (None: unchanged)."""
    return save_versioned(
        user=user, instance=record, expected_version=expected_version, write=_writer(record, links), fields=fields
    )
