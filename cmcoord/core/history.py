"""The history kept of every record (django-simple-history), made cheap to reach.

Each ``Model.history`` is built by the library from a manager class it makes anew at every access
(``HistoryManager.from_queryset(...)``, which walks the queryset class's members): a tenth of a millisecond or more,
paid on every save of a tracked record, as the history row is written. A large import saves tens of thousands of
them. The class made is always the same for the same two classes, so it is made once and reused.
"""

from __future__ import annotations

from functools import cache

from simple_history.manager import HistoryDescriptor


@cache
def _manager_class(manager_class, queryset_class):
    return manager_class.from_queryset(queryset_class)


def _get(self, instance, owner):
    return _manager_class(self.manager_class, self.queryset_class)(self.model, instance)


def reuse_manager_classes() -> None:
    """Make ``Model.history`` reuse its manager class (called once, when the apps are ready)."""
    HistoryDescriptor.__get__ = _get
