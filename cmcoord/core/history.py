"""The history kept of every record (django-simple-history), made cheap to reach.

Each ``Model.history`` is built by the library from a manager class it makes anew at every access
(``HistoryManager.from_queryset(...)``, which walks the queryset class's members): a tenth of a millisecond or more,
paid on every save of a tracked record, as the history row is written. A large import saves tens of thousands of
them. The class made is always the same for the same two classes, so it is made once and reused.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from django.db.models.signals import post_save, pre_save
from django.utils import timezone
from simple_history.manager import HistoryDescriptor
from simple_history.signals import post_create_historical_record, pre_create_historical_record
from simple_history.utils import get_change_reason_from_object


@cache
def _manager_class(manager_class, queryset_class):
    return manager_class.from_queryset(queryset_class)


def _get(self, instance, owner):
    return _manager_class(self.manager_class, self.queryset_class)(self.model, instance)


def reuse_manager_classes() -> None:
    """Make ``Model.history`` reuse its manager class (called once, when the apps are ready)."""
    HistoryDescriptor.__get__ = _get


# --- History rows of many created records, written a chunk at a time -------------------------------------------

_COLLECTING: ContextVar[tuple[DeferredHistory, list] | None] = ContextVar("deferred_history", default=None)


class DeferredHistory:
    """The history rows of the records of ``models`` created within :meth:`collecting`, written by one INSERT a
    chunk (:meth:`flush`) instead of one at each save: for a writer of many records in one transaction (an import).

    The rows are those the save would have written: the record's values, date and user as they were at its save,
    its change reason, the library's signals sent for each. Only creations are deferred (an update's history row,
    which the next edit compares against, is written at once), of models whose history has no many-to-many links.
    Flush before the transaction ends; rows of a block that raised are dropped with what it wrote."""

    def __init__(self, *models):
        for model in models:
            history_model = getattr(model, model._meta.simple_history_manager_attribute).model
            if hasattr(history_model, "history_relation") or getattr(model, "_history_m2m_fields", None):
                raise ValueError(f"The history of {model._meta.label} is not written a row at a time only.")
        self.models = frozenset(models)
        self.pending: list = []  # (model, values, date, user, reason, instance)

    @contextmanager
    def collecting(self):
        block: list = []
        handle = _COLLECTING.set((self, block))
        try:
            yield
        finally:
            _COLLECTING.reset(handle)
        self.pending.extend(block)  # only when the block did not raise

    def __len__(self) -> int:
        return len(self.pending)

    def created(self, instances) -> None:
        """The history rows of ``instances``, of one of the models, inserted without a save (``bulk_create``)."""
        for instance in instances:
            if type(instance) not in self.models:
                raise ValueError(f"The history of {type(instance)._meta.label} is not deferred here.")
            self.pending.append(_item(type(instance), instance))

    def flush(self) -> None:
        by_model: dict = {}
        for item in self.pending:
            by_model.setdefault(item[0], []).append(item)
        self.pending = []
        for model, items in by_model.items():
            history_model = getattr(model, model._meta.simple_history_manager_attribute).model
            rows = []
            for _model, values, date, user, reason, instance in items:
                row = history_model(
                    history_date=date, history_type="+", history_user=user, history_change_reason=reason, **values
                )
                pre_create_historical_record.send(
                    sender=history_model, instance=instance, history_date=date, history_user=user,
                    history_change_reason=reason, history_instance=row, using=None,
                )  # fmt: skip
                rows.append(row)
            history_model.objects.bulk_create(rows)
            for row, (_model, _values, date, user, reason, instance) in zip(rows, items, strict=True):
                post_create_historical_record.send(
                    sender=history_model, instance=instance, history_instance=row, history_date=date,
                    history_user=user, history_change_reason=reason, using=None,
                )  # fmt: skip


def _defer(sender, instance, raw=False, **kwargs):
    collecting = _COLLECTING.get()
    if collecting is None or raw or not instance._state.adding or sender not in collecting[0].models:
        return
    instance.skip_history_when_saving = True  # the library's own switch: its handler leaves the row to us
    instance._history_deferred = True


def _item(model, instance) -> tuple:
    """What the history row of ``instance``, just created, is written from (as the library's own handler reads it)."""
    history_model = getattr(model, model._meta.simple_history_manager_attribute).model
    values = {field.attname: getattr(instance, field.attname) for field in history_model.tracked_fields}
    user = history_model.get_default_history_user(instance)
    date = getattr(instance, "_history_date", None) or timezone.now()
    return (model, values, date, user, get_change_reason_from_object(instance), instance)


def _collect(sender, instance, created, raw=False, **kwargs):
    if not getattr(instance, "_history_deferred", False):
        return
    del instance.skip_history_when_saving, instance._history_deferred
    _COLLECTING.get()[1].append(_item(sender, instance))


def connect_deferral() -> None:
    pre_save.connect(_defer, dispatch_uid="cmcoord.core.history.defer")
    post_save.connect(_collect, dispatch_uid="cmcoord.core.history.collect")
