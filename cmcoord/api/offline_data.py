"""What the device keeps to be read offline (``static/js/device.js`` stores it in IndexedDB; the offline page shows
it): the signed-in person's own open tasks, and what the forms need — the catalogue's activities, the actors and the
places of the operations they are a member of. Fetched when online, at most every ``REFRESH_MINUTES``.

Do no harm: through ``restrict(user, "api")``, so never a Strictly confidential record (the API's ceiling), and only
of the operations the person works in (a membership: HQ readers, who belong to none, get nothing); names and
references only — no description, summary, contact or assessment.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from cmcoord.core.access import Action
from cmcoord.core.views import ScopedView
from cmcoord.gazetteer.models import AdminUnit
from cmcoord.operations.models import CountryOperation
from protection_tasks.choices import OPEN_STATUSES
from protection_tasks.models import Activity, Task
from protection_tasks.selectors import parts_of_worklist

REFRESH_MINUTES = 30
MAX_TASKS = 200  # a worklist, not an archive: the first open ones, in the worklist's order


def _operations(user) -> list:
    """The open operations ``user`` is a member of (and may read)."""
    return list(
        CountryOperation.objects.restrict(user, Action.VIEW).filter(memberships__user=user, is_active=True).distinct()
    )


def _tasks(user, operations) -> list[dict]:
    readable = (
        Task.objects.restrict(user, Action.API)
        .filter(operation__in=operations, status__in=OPEN_STATUSES)
        .select_related("operation", "activity")
        .order_by("due_date", "pk")
    )
    seen, rows = set(), []
    for part in parts_of_worklist(user, readable):
        for task in part[:MAX_TASKS]:
            if task.pk not in seen:
                seen.add(task.pk)
                rows.append(task)
    rows.sort(key=lambda task: (task.due_date is None, task.due_date or timezone.now().date(), task.pk))
    return [
        {
            "reference": task.reference, "title": task.title, "operation": task.operation.code,
            "activity": task.activity.code, "status": task.get_status_display(), "urgency": task.get_urgency_display(),
            "due": task.due_date.isoformat() if task.due_date else "", "url": task.get_absolute_url(),
            "notes": reverse("task-notes", kwargs={"reference": task.reference}),
        }
        for task in rows[:MAX_TASKS]
    ]  # fmt: skip


def _activities(operations) -> dict:
    """Each operation's catalogue as its forms offer it (``protection_tasks.selectors.activities_for_operation``),
    read in one query."""
    if not operations:
        return {}
    everyone = Activity.objects.filter(Q(operation__isnull=True) | Q(operation__in=operations), is_active=True)
    rows = list(everyone.select_related("area").order_by("area__number", "order", "code"))
    return {
        operation.code: [
            {"id": a.pk, "code": a.code, "name": a.display_name}
            for a in rows
            if (a.operation_id is None and (operation.has_peace_operation or not a.peacekeeping_only))
            or a.operation_id == operation.pk
        ]
        for operation in operations
    }


def _actors(user, operations) -> list[dict]:
    from actors.models import Actor

    actors = Actor.objects.restrict(user, Action.API).filter(operation__in=operations).select_related("operation")
    return [
        {"id": a.pk, "name": a.name, "category": a.get_category_display(), "operation": a.operation.code}
        for a in actors.order_by("operation_id", "name", "pk")
    ]


def _places(user, operations) -> list[dict]:
    countries = [operation.country for operation in operations]
    units = AdminUnit.objects.restrict(user, Action.VIEW).filter(country__in=countries, is_active=True)
    return [
        {"pcode": pcode, "name": name, "level": level, "parent": parent or ""}
        for pcode, name, level, parent in units.order_by("pcode").values_list("pcode", "name", "level", "parent__pcode")
    ]


class OfflineDataView(ScopedView):
    """``/offline/data/``: the JSON the device keeps to be read offline; never stored by any cache on the way."""

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        user = request.user
        operations = _operations(user)
        data = {
            "refreshedAt": timezone.now().isoformat(),
            "refreshMinutes": REFRESH_MINUTES,
            "myTasksUrl": reverse("my-tasks"),
            "operations": [{"code": o.code, "name": o.name} for o in operations],
            "tasks": _tasks(user, operations),
            "activities": _activities(operations),
            "actors": _actors(user, operations),
            "places": _places(user, operations),
        }
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
        patch_cache_control(response, private=True, no_store=True)
        return response
