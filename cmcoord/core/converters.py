"""Path converters: the one check of the values in an address, before any view or query sees them.

``<str:…>`` lets through anything but a slash: a NUL byte that PostgreSQL refuses, a 5,000-digit number, a
non-ASCII digit. Each converter here accepts exactly the shape of one kind of value (the patterns of
:mod:`cmcoord.core.validators`, in either case where the view normalises it), so anything else is simply no match:
a 404 like any address that does not exist.
"""

from __future__ import annotations

from django.urls import register_converter

from . import validators


class _Text:
    regex = ""

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


class OperationCodeConverter(_Text):
    """``CAF`` (either case: the view upper-cases it)."""

    regex = validators.OPERATION_CODE


class TaskReferenceConverter(_Text):
    """``CAF-2026-0042`` (either case: the view upper-cases it)."""

    regex = validators.TASK_REFERENCE.replace("A-Z", "A-Za-z")


class AcronymConverter(_Text):
    """``MINUSCA`` (either case: the view upper-cases it)."""

    regex = validators.ACRONYM.replace("A-Z", "A-Za-z")


class IdConverter:
    """A primary key: ASCII digits, at most 18 of them (always within a 64-bit integer)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


def register() -> None:
    """Make ``<operation:code>``, ``<reference:reference>``, ``<acronym:acronym>`` and ``<id:pk>`` available."""
    register_converter(OperationCodeConverter, "operation")
    register_converter(TaskReferenceConverter, "reference")
    register_converter(AcronymConverter, "acronym")
    register_converter(IdConverter, "id")
