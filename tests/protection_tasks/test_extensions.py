"""Other apps add panels to the task page through protection_tasks.extensions."""

from protection_tasks.extensions import TASK_DETAIL_PANELS, TaskPanel, register_task_panel
from protection_tasks.models import Activity, Task


def test_registered_panel_renders_on_the_task_page(world, login):
    task = Task.objects.create(
        operation=world.operation, activity=Activity.objects.get(code="AN-1"), owner=world.officer,
        reference="CAF-2026-0001", title="Map armed groups",
    )  # fmt: skip

    @register_task_panel
    def panel(request, shown):
        return TaskPanel("scopedapp/task_panel.html", {"note": f"seen by {request.user.username}"})

    try:
        response = login(world.officer).get(task.get_absolute_url())
    finally:
        TASK_DETAIL_PANELS.remove(panel)
    assert "Panel for CAF-2026-0001: seen by officer" in response.text
