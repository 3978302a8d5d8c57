"""What many tasks created in one transaction (an import) share, written a chunk at a time instead of once a task:
their references, the scope re-check, their first timeline entries and the history rows of both."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

from django.db import transaction
from django.db.models import F

from cmcoord.core.access import Action
from cmcoord.core.history import DeferredHistory
from cmcoord.core.scoping import ScopeCheck

from .models import Task, TaskReferenceCounter, TimelineEntry


class ReferenceBlock:
    """References of one operation reserved a block at a time, for one transaction that creates many tasks (an
    import): one update of the counter a block instead of one a task. Numbers follow on as one at a time would:
    a task whose write fails gives its number back, and :meth:`release` returns the block's unused numbers to the
    counter before the transaction ends (the counter's row is locked from the first reservation to the commit,
    as it is when references are handed out one at a time, so nobody else took a number in between)."""

    def __init__(self, operation, size: int = 500):
        self.operation, self.size = operation, size
        self._free: dict[int, list[int]] = {}  # year -> numbers reserved and not yet used, in order
        self._last: dict[int, int] = {}  # year -> the counter's value after the last reservation

    def take(self, on: date) -> str:
        free = self._free.setdefault(on.year, [])
        if not free:
            free.extend(self._reserve(on.year))
        return f"{self.operation.code}-{on.year}-{free.pop(0):04d}"

    def give_back(self, reference: str) -> None:
        """Put back a reference :meth:`take` handed out whose task was not written: the next task takes it."""
        year, number = reference.rsplit("-", 2)[1:]
        self._free[int(year)].insert(0, int(number))

    def _reserve(self, year: int) -> range:
        with transaction.atomic():
            TaskReferenceCounter.objects.get_or_create(operation=self.operation, year=year)
            counter = TaskReferenceCounter.objects.select_for_update().get(operation=self.operation, year=year)
            counter.last_number = F("last_number") + self.size
            counter.save(update_fields=["last_number"])
            counter.refresh_from_db(fields=["last_number"])
        self._last[year] = counter.last_number
        return range(counter.last_number - self.size + 1, counter.last_number + 1)

    def release(self) -> None:
        """Give the counter back the numbers reserved and not used (within the transaction that reserved them)."""
        for year, free in self._free.items():
            if free:
                TaskReferenceCounter.objects.filter(
                    operation=self.operation, year=year, last_number=self._last[year]
                ).update(last_number=F("last_number") - len(free))
                free.clear()


class TaskBatch:
    """What many tasks created by one user in one transaction (an import) share, each written a chunk at a time
    instead of once a task, with the same result: their references (:class:`ReferenceBlock`), the scope re-check
    (:class:`cmcoord.core.scoping.ScopeCheck`), their first timeline entries, and the history rows of both
    (:class:`cmcoord.core.history.DeferredHistory`). Pass it to :func:`task_create` inside :meth:`writing`; call
    :meth:`finish` before the transaction ends. An exception from either must end the transaction: a task outside
    the user's scope is refused only there, and nothing of the batch may be kept."""

    def __init__(self, user, operation, size: int = 500):
        self.user, self.size = user, size
        self.references = ReferenceBlock(operation, size)
        self.checks = ScopeCheck(user, Action.CHANGE, size)
        self.history = DeferredHistory(Task, TimelineEntry)
        self.entries: list[TimelineEntry] = []  # the first timeline entries of tasks written, not yet inserted

    @contextmanager
    def writing(self):
        """Around one task's write: the history rows it would write are kept for the next chunk."""
        with self.history.collecting():
            yield
        if len(self.entries) >= self.size or len(self.history) >= self.size:
            self.flush()

    def flush(self) -> None:
        self.checks.flush()
        TimelineEntry.objects.bulk_create(self.entries)
        self.history.created(self.entries)
        self.entries = []
        self.history.flush()

    def finish(self) -> None:
        self.flush()
        self.references.release()
