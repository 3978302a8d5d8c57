"""The chooser of records (``cmcoord.core.widgets.Chooser``) and of tasks (``TaskChooserField``), without script.

What the browser tests do by keyboard and touch, a plain form post does too; a record the user may not read is
never an option and, posted by hand, is refused with a field error.
"""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from cmcoord.core.widgets import Chooser
from deconfliction.forms import NotificationForm
from engagements.forms import EngagementForm
from engagements.models import Engagement
from incidents.forms import IncidentForm
from planning.forms import MCDARequestForm, PlanningDocumentForm
from protection_tasks.choosers import SingleTaskChooser, TaskChooser
from protection_tasks.forms import TaskForm
from tests.factories import ActorFactory, EngagementFactory, TaskFactory
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, UNCLASSIFIED
from trainings.forms import TrainingForm

NEW_ENGAGEMENT = "/operations/CAF/engagements/new/"


@pytest.fixture
def tasks(world):
    """CAF tasks at each level (open), one completed, and an open task of Mali."""
    made = {
        level: TaskFactory(operation=world.operation, owner=world.officer, sensitivity=level, title=f"{name} task")
        for level, name in [(UNCLASSIFIED, "Unclassified"), (CONFIDENTIAL, "Confidential"),
                            (STRICTLY_CONFIDENTIAL, "Strictly")]
    }  # fmt: skip
    made["completed"] = TaskFactory(operation=world.operation, owner=world.officer, title="Completed task",
                                    status="completed", completed_on=timezone.localdate())  # fmt: skip
    made["mali"] = TaskFactory(operation=world.other_operation, owner=world.other_officer, title="Mali task")
    return made


def engagement_data(**values):
    occurred = timezone.localtime(timezone.now() - timedelta(hours=3), ZoneInfo("Africa/Bangui"))
    occurred = occurred.strftime("%Y-%m-%dT%H:%M")
    return {"occurred_at": occurred, "mode": "meeting", "sensitivity": CONFIDENTIAL,
            "summary": "Met the zone commander at the checkpoint.", **values}  # fmt: skip


def offered(form, name) -> list[str]:
    """The labels of the options a form's field renders."""
    return re.findall(r"<option [^>]*>([^<]*)</option>", str(form[name]))


def test_every_multiple_choice_of_records_is_a_chooser_and_tasks_are_chosen_alike(world):
    kwargs = {"user": world.officer, "operation": world.operation}
    for form_class, names in [
        (EngagementForm, ["actors", "ocha_participants", "key_messages", "tasks"]),
        (NotificationForm, ["parties", "tasks"]),
        (IncidentForm, ["tasks"]),
        (TrainingForm, ["audience", "tasks"]),
        (TaskForm, ["collaborators"]),
    ]:
        form = form_class(**kwargs)
        for name in names:
            assert isinstance(form.fields[name].widget, Chooser), (form_class, name)
        if "tasks" in form.fields:
            assert isinstance(form.fields["tasks"].widget, TaskChooser), form_class
    assert isinstance(PlanningDocumentForm(**kwargs).fields["tasks"].widget, TaskChooser)
    assert isinstance(MCDARequestForm(**kwargs).fields["task"].widget, SingleTaskChooser)  # one task, the same way
    html = str(EngagementForm(**kwargs)["actors"])
    for attribute in ['data-chooser=""', 'data-chooser-filter="Type to filter"', 'data-chooser-none="No match"']:
        assert attribute in html  # the script's words come from the (translated) page


def test_without_script_the_form_takes_a_plain_post(world, login, tasks):
    group = ActorFactory(operation=world.operation, name="Ouham Patriotic Front")
    data = engagement_data(actors=[group.pk], tasks=[tasks[CONFIDENTIAL].reference, tasks["completed"].reference])
    response = login(world.officer).post(NEW_ENGAGEMENT, data)
    assert response.status_code == 302, response.context["form"].errors
    engagement = Engagement.objects.get()
    assert list(engagement.actors.all()) == [group]
    assert set(engagement.tasks.all()) == {tasks[CONFIDENTIAL], tasks["completed"]}


def test_the_references_of_an_older_client_in_one_value_still_work(world, login, tasks):
    references = f"{tasks[UNCLASSIFIED].reference.lower()}, {tasks[CONFIDENTIAL].reference}"
    response = login(world.officer).post(NEW_ENGAGEMENT, engagement_data(tasks=references))
    assert response.status_code == 302, response.context["form"].errors
    assert set(Engagement.objects.get().tasks.all()) == {tasks[UNCLASSIFIED], tasks[CONFIDENTIAL]}


def test_an_actor_or_task_out_of_scope_is_refused_with_a_field_error(world, login, tasks):
    mali_actor = ActorFactory(operation=world.other_operation, sensitivity=UNCLASSIFIED)
    response = login(world.officer).post(
        NEW_ENGAGEMENT, engagement_data(actors=[mali_actor.pk], tasks=[tasks["mali"].reference])
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Select a valid choice" in errors["actors"][0]
    assert errors["tasks"] == [f"No task of this operation you can open has the reference {tasks['mali'].reference}."]
    assert "Mali task" not in response.text  # refused, and not offered back either
    assert not Engagement.objects.exists()


def test_the_options_never_name_a_task_or_actor_the_user_cannot_read(world, tasks):
    ActorFactory(operation=world.operation, name="Hidden brigade", sensitivity=STRICTLY_CONFIDENTIAL)
    ActorFactory(operation=world.operation, name="Traders union", sensitivity=UNCLASSIFIED)
    ActorFactory(operation=world.other_operation, name="Mali union", sensitivity=UNCLASSIFIED)
    # HCT members read Unclassified only; HQ reads Confidential but not Strictly confidential; officers read all.
    for user, readable in [
        (world.hct, {"Unclassified task"}),
        (world.hq, {"Unclassified task", "Confidential task"}),
        (world.officer, {"Unclassified task", "Confidential task", "Strictly task"}),
    ]:
        for form_class in (EngagementForm, NotificationForm, IncidentForm, TrainingForm):
            form = form_class(user=user, operation=world.operation)
            titles = {label.split(" · ", 1)[1] for label in offered(form, "tasks")}
            assert titles == readable, (user, form_class)  # neither Mali's nor the completed one
        actors = " ".join(offered(EngagementForm(user=user, operation=world.operation), "actors"))
        assert "Mali union" not in actors and ("Hidden brigade" in actors) == (user == world.officer), user
    # And a reference the user may not read, posted by hand, is refused like one that does not exist.
    form = EngagementForm(
        user=world.hct, operation=world.operation, data=engagement_data(tasks=[tasks[CONFIDENTIAL].reference])
    )
    assert not form.is_valid()
    assert form.errors["tasks"] == [
        f"No task of this operation you can open has the reference {tasks[CONFIDENTIAL].reference}."
    ]
    assert "Confidential task" not in str(form["tasks"])


def test_a_linked_completed_task_stays_offered_and_chosen_on_edit(world, login, tasks):
    engagement = EngagementFactory(operation=world.operation, sensitivity=CONFIDENTIAL)
    engagement.tasks.set([tasks["completed"]])
    response = login(world.officer).get(f"/operations/CAF/engagements/{engagement.pk}/edit/")
    option = re.search(rf'<option value="{tasks["completed"].reference}"[^>]*>', response.text)
    assert option and "selected" in option.group(0)
