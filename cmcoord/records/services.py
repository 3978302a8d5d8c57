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


def form_links(record_type, form) -> dict:
    """The form's many-to-many links the default services save: the declaration's ``links``, else every
    many-to-many field of the model the form has."""
    names = record_type.links
    if names is None:
        names = [f.name for f in record_type.model._meta.many_to_many if f.name in form.fields]
    return {name: form.cleaned_data[name] for name in names}


def record_create_from_form(*, record_type, user, form):
    """Save the new record of a valid create form: the declared ``create``, else :func:`create_record` with the
    form's links. The create page and the API both save through here."""
    record = form.save(commit=False)
    if record_type.create is not None:
        return record_type.create(user, record, form)
    return create_record(user=user, record=record, links=form_links(record_type, form))


def record_edit_from_form(*, record_type, user, form, fields: Sequence[str] | None = None):
    """Save a valid edit form's record: the declared ``edit``, else :func:`edit_record` from the form's version
    (``ConcurrentEdit`` listing what changed among ``fields``, by default the type's tracked fields). The edit page
    and the API both save through here."""
    record = form.save(commit=False)
    if record_type.edit is not None:
        return record_type.edit(user, record, form)
    return edit_record(
        user=user,
        record=record,
        expected_version=form.cleaned_data["version"],
        fields=record_type.tracked() if fields is None else fields,
        links=form_links(record_type, form),
    )
