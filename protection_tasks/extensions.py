"""Extension points other apps use to add to the task log without the task log importing them.

The actor registry and mission contexts (apps built after this one) register here, for example a panel
listing the actors a task targets. Each panel is a callable ``(request, task) -> TaskPanel | None``; it must
read through ``restrict(request.user, ...)`` like every other view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class TaskPanel:
    """A section of the task detail page: a template rendered with ``context`` (plus ``task``)."""

    template_name: str
    context: dict = field(default_factory=dict)


TASK_DETAIL_PANELS: list[Callable] = []


def register_task_panel(panel: Callable) -> Callable:
    """Decorator: add a panel to every task detail page (order of registration)."""
    TASK_DETAIL_PANELS.append(panel)
    return panel


def task_panels(request, task) -> list[TaskPanel]:
    return [panel for build in TASK_DETAIL_PANELS if (panel := build(request, task)) is not None]
