"""Apps add to other apps' pages by registering panels (``cmcoord.core.panels``), not by being imported."""

from cmcoord.core.panels import Panel, Slot, register, unregister
from tests.factories import TaskFactory


def test_registered_panel_renders_on_the_task_page(world, login):
    task = TaskFactory(operation=world.operation, owner=world.officer, title="Map armed groups")

    @register(Slot.TASK_DETAIL)
    def panel(request, shown):
        return Panel("scopedapp/task_panel.html", {"note": f"seen by {request.user.username}"})

    try:
        response = login(world.officer).get(task.get_absolute_url())
    finally:
        unregister(Slot.TASK_DETAIL, panel)
    assert f"Panel for {task.reference}: seen by officer" in response.text


def test_home_card_panels_are_built_once_for_all_operations(world, login):
    calls = []

    @register(Slot.HOME_OPERATION)
    def card(request, operations):
        calls.append([operation.pk for operation in operations])
        return {operation.pk: Panel("scopedapp/task_panel.html", {"note": operation.code}) for operation in operations}

    try:
        response = login(world.hq).get("/")
    finally:
        unregister(Slot.HOME_OPERATION, card)
    assert len(calls) == 1 and set(calls[0]) == {world.operation.pk, world.other_operation.pk}
    assert ": CAF" in response.text and ": MLI" in response.text


def test_my_tasks_panels_receive_the_operations_the_user_reads(world, login):
    """The worklist shows what apps add to it (``Slot.MY_TASKS``), also to someone who owns no task."""
    calls = []

    @register(Slot.MY_TASKS)
    def worklist(request, operations):
        calls.append(sorted(operation.code for operation in operations))
        return Panel("scopedapp/task_panel.html", {"note": ",".join(calls[-1])})

    try:
        with_tasks = login(world.officer)
        TaskFactory(operation=world.operation, owner=world.officer)
        officer_page = with_tasks.get("/tasks/mine/")
        hq_page = login(world.hq).get("/tasks/mine/")
    finally:
        unregister(Slot.MY_TASKS, worklist)
    assert calls == [["CAF"], ["CAF", "MLI"]]
    assert ": CAF<" in officer_page.text
    assert ": CAF,MLI<" in hq_page.text and 'data-testid="my-tasks-empty"' in hq_page.text
