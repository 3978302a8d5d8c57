from .catalogue import Activity, TaskArea
from .priorities import ProtectionPriority
from .tasks import Task, TaskReferenceCounter, TimelineEntry

__all__ = ["Activity", "ProtectionPriority", "Task", "TaskArea", "TaskReferenceCounter", "TimelineEntry"]
