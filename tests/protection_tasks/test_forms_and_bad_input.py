"""Bad input through the pages: errors a person can act on, input kept, and nothing saved."""

import re
from datetime import date

import pytest

from cmcoord.core.choices import Sensitivity
from cmcoord.core.people import person_name
from cmcoord.operations.models import CountryOperation
from protection_tasks.choices import EntryKind, PriorityStatus, TaskStatus
from protection_tasks.models import Activity, ProtectionPriority, Task, TaskArea, TimelineEntry
from tests.factories import ProtectionPriorityFactory, TaskFactory
from tests.support import section, task_log_url, task_url

from .conftest import activity, create_data, edit_data

CREATE = task_log_url("task-create")


def field_errors(response, field):
    return [str(error) for error in response.context["form"].errors.get(field, [])]


# --- Creating a task -------------------------------------------------------------------------------------


def test_missing_title_keeps_the_other_input(world, login):
    data = create_data(world.officer, title="", description="Met the prefect of Bambari", admin1="Ouaka")
    response = login(world.officer).post(CREATE, data)
    assert response.status_code == 200
    assert field_errors(response, "title") == ["This field is required."]
    assert "This field is required." in response.text
    assert "Met the prefect of Bambari" in response.text
    assert 'value="Ouaka"' in response.text
    assert not Task.objects.exists()
    assert not TimelineEntry.objects.exists()


def test_due_date_before_start_date(world, login):
    data = create_data(world.officer, start_date="2026-12-10", due_date="2026-12-01")
    response = login(world.officer).post(CREATE, data)
    assert response.status_code == 200
    assert "The due date cannot be before the start date." in field_errors(response, "due_date")
    assert 'value="2026-12-10"' in response.text
    assert not Task.objects.exists()


# Without a gazetteer for the country, the place typed is checked by the place rules alone (cmcoord.core.places);
# with one, by the gazetteer (tests/gazetteer/test_picker.py).
@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"admin1": "ML11"}, "admin1", "P-codes of this operation start with CF."),
        (
            {"admin1": "Ouaka (CF11)", "admin2": "Bambari (CF2101)"},
            "admin2",
            "The admin 2 P-code must start with its admin 1 P-code (CF11).",
        ),
        ({"admin2": "CF1101"}, "admin1", "Give the admin 1 P-code of the district as well."),
    ],
)
def test_bad_p_codes(world, login, fields, field, message):
    response = login(world.officer).post(CREATE, create_data(world.officer, **fields))
    assert response.status_code == 200
    assert message in field_errors(response, field)
    assert not Task.objects.exists()


def test_good_p_codes_are_saved(world, login):
    data = create_data(world.officer, admin1="Ouaka (CF63)", admin2="cf631")
    assert login(world.officer).post(CREATE, data).status_code == 302
    task = Task.objects.get()
    assert task.location == "Ouaka" and (task.admin1_pcode, task.admin2_pcode) == ("CF63", "CF631")


@pytest.mark.parametrize("stranger", ["other_officer", "hct", "hq"])
def test_foreign_or_non_editor_owner_is_refused(world, login, stranger):
    response = login(world.officer).post(CREATE, create_data(world.by_role(stranger)))
    assert response.status_code == 200
    assert field_errors(response, "owner")[0].startswith("Select a valid choice")
    assert not Task.objects.exists()


def test_owner_choices_are_the_operation_s_editors(world, login):
    form = login(world.officer).get(CREATE).context["form"]
    assert set(form.fields["owner"].queryset) == {world.officer, world.head}
    assert set(form.fields["collaborators"].queryset) == {world.officer, world.head, world.hct}


def test_foreign_protection_priority_is_refused(world, login):
    mali = ProtectionPriorityFactory(operation=world.other_operation, title="Mali priority")
    own = ProtectionPriorityFactory(operation=world.operation, title="CAF priority")
    response = login(world.officer).post(CREATE, create_data(world.officer, protection_priorities=[own.pk, mali.pk]))
    assert response.status_code == 200
    assert field_errors(response, "protection_priorities")[0].startswith("Select a valid choice")
    assert "Mali priority" not in response.text
    assert not Task.objects.exists()


def test_foreign_collaborator_is_refused(world, login):
    response = login(world.officer).post(CREATE, create_data(world.officer, collaborators=[world.other_officer.pk]))
    assert response.status_code == 200
    assert field_errors(response, "collaborators")[0].startswith("Select a valid choice")
    assert not Task.objects.exists()


def _activity_codes(html):
    form = html.split('data-testid="task-form"')[1].split('name="title"')[0]
    return set(re.findall(r'<option value="\d+"[^>]*>([A-Z0-9-]+) ', form))


def _set_peace_operation(operation, value):
    CountryOperation.objects.filter(pk=operation.pk).update(has_peace_operation=value)


def test_peacekeeping_activities_only_where_a_peace_operation_works(world, login):
    an5 = activity("AN-5")
    assert an5.peacekeeping_only
    client = login(world.officer)

    codes = _activity_codes(client.get(CREATE).text)
    assert "AN-1" in codes
    assert "AN-5" not in codes
    assert len(codes) == 25
    response = client.post(CREATE, create_data(world.officer, activity=an5.pk))
    assert response.status_code == 200
    assert field_errors(response, "activity")[0].startswith("Select a valid choice")
    assert not Task.objects.exists()

    _set_peace_operation(world.operation, True)
    codes = _activity_codes(client.get(CREATE).text)
    assert "AN-5" in codes
    assert len(codes) == 34
    assert client.post(CREATE, create_data(world.officer, activity=an5.pk)).status_code == 302
    assert Task.objects.get().activity == an5


def test_a_task_keeps_its_peacekeeping_activity_when_the_mission_leaves(world, login):
    task = TaskFactory(operation=world.operation, owner=world.officer, activity=activity("AN-5"))
    client = login(world.officer)
    assert "AN-5" in _activity_codes(client.get(task_url(task, "task-edit")).text)
    response = client.post(task_url(task, "task-edit"), edit_data(task, title="Still the joint analysis"))
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.title, task.activity.code) == ("Still the joint analysis", "AN-5")


# --- Editing a task ----------------------------------------------------------------------------------


def test_illegal_status_change_on_edit(world, login):
    task = TaskFactory(
        operation=world.operation,
        owner=world.officer,
        status=TaskStatus.COMPLETED,
        completed_on=date(2026, 11, 1),
        title="Original title",
    )
    response = login(world.officer).post(
        task_url(task, "task-edit"), edit_data(task, status=TaskStatus.ON_HOLD, title="Changed too")
    )
    assert response.status_code == 200
    assert "A task cannot go from “Completed” to “On hold”." in response.text
    assert field_errors(response, "status") == ["A task cannot go from “Completed” to “On hold”."]
    task.refresh_from_db()
    assert (task.status, task.completed_on, task.title, task.version) == (
        TaskStatus.COMPLETED,
        date(2026, 11, 1),
        "Original title",
        1,
    )
    assert 'value="Changed too"' in response.text  # the input is kept
    assert not TimelineEntry.objects.exists()


def test_edit_page_explains_the_allowed_moves(world, login):
    task = TaskFactory(operation=world.operation, owner=world.officer, status=TaskStatus.ON_HOLD)
    response = login(world.officer).get(task_url(task, "task-edit"))
    assert "From “On hold” a task can go to: In progress, Cancelled." in response.text


def test_edit_without_version_is_refused(world, login):
    task = TaskFactory(operation=world.operation, owner=world.officer, title="Original")
    data = edit_data(task, title="No version")
    del data["version"]
    response = login(world.officer).post(task_url(task, "task-edit"), data)
    assert response.status_code == 200
    assert field_errors(response, "version")
    task.refresh_from_db()
    assert (task.title, task.version) == ("Original", 1)


def _version_in(html):
    return int(re.search(r'name="version" value="(\d+)"', html).group(1))


def test_optimistic_lock_on_the_edit_form(world, login, client):
    world.head.first_name, world.head.last_name = "Amina", "Ndiaye"
    world.head.save()
    task = TaskFactory(
        operation=world.operation, owner=world.officer, title="Liaison visit", due_date=date(2026, 12, 1)
    )
    # The officer opens the form.
    page = login(world.officer).get(task_url(task, "task-edit"))
    seen_version = _version_in(page.text)
    assert seen_version == 1
    officer_data = edit_data(task, title="Liaison visit to Bria", version=seen_version)

    # Meanwhile the head moves the due date through the same form.
    client.force_login(world.head)
    assert client.post(task_url(task, "task-edit"), edit_data(task, due_date="2026-12-15")).status_code == 302

    # The officer saves on top of the old version: refused, with their input kept and the change explained.
    client.force_login(world.officer)
    response = client.post(task_url(task, "task-edit"), officer_data)
    assert response.status_code == 409
    assert 'value="Liaison visit to Bria"' in response.text
    conflict = response.text.split('data-testid="conflict"')[1].split("</div>")[0]
    assert "Due date: 2026-12-01 → <strong>2026-12-15</strong>" in conflict
    assert "Title" not in conflict
    assert "Amina Ndiaye saved this task while you were editing it." in response.text
    task.refresh_from_db()
    assert (task.title, task.due_date, task.version) == ("Liaison visit", date(2026, 12, 15), 2)

    # Saving again, knowingly, from the form as returned, goes through.
    new_version = _version_in(response.text)
    assert new_version == 2
    response = client.post(task_url(task, "task-edit"), {**officer_data, "version": new_version})
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.title, task.version) == ("Liaison visit to Bria", 3)


def test_stale_quick_status_button_changes_nothing_and_lists_what_changed(world, login, client):
    world.head.first_name, world.head.last_name = "Amina", "Ndiaye"
    world.head.save()
    task = TaskFactory(
        operation=world.operation, owner=world.officer, status=TaskStatus.IN_PROGRESS, due_date=date(2026, 12, 1)
    )
    client.force_login(world.head)
    edited = edit_data(task, urgency=4, due_date="2026-12-15")
    assert client.post(task_url(task, "task-edit"), edited).status_code == 302
    client.force_login(world.officer)
    url = task_url(task, "task-status")
    response = client.post(url, {"status": TaskStatus.COMPLETED, "version": 1})
    assert response.status_code == 302
    assert response["Location"] == f"{task_url(task)}?changed_since=1"
    response = client.get(response["Location"])
    assert "Amina Ndiaye changed this task since you opened it, so it was not moved to “Completed”." in response.text
    conflict = section(response.text, "conflict")
    assert "Changed by others since you opened this task:" in conflict
    assert "Due date: 2026-12-01 → <strong>2026-12-15</strong>" in conflict
    assert "Urgency: " in conflict and "Title" not in conflict and "Status" not in conflict
    # The buttons now carry the current version: the next click goes through knowingly.
    assert 'name="version" value="2"' in response.text
    task.refresh_from_db()
    assert (task.status, task.completed_on, task.version, task.urgency) == (TaskStatus.IN_PROGRESS, None, 2, 4)
    assert not TimelineEntry.objects.filter(kind=EntryKind.STATUS).exists()


@pytest.mark.parametrize("changed_since", ["1", "0", "2", "99", "x", "-1"])
@pytest.mark.parametrize("standing", ["officer", "head", "hq", "hct"])
def test_what_changed_is_listed_only_to_editors_and_only_for_a_past_version(world, login, standing, changed_since):
    task = TaskFactory(
        operation=world.operation, owner=world.officer, title="Before", sensitivity=Sensitivity.UNCLASSIFIED
    )
    login(world.head).post(task_url(task, "task-edit"), edit_data(task, title="After"))
    response = login(world.by_role(standing)).get(f"{task_url(task)}?changed_since={changed_since}")
    assert response.status_code == 200
    editor = standing in {"officer", "head"}
    listed = editor and changed_since == "1"
    assert ('data-testid="conflict"' in response.text) is listed
    # The former title: in the conflict list when asked, in the timeline's "from … to …" for editors only.
    assert ("Before" in response.text) is editor
    if listed:
        assert "Before" in section(response.text, "conflict")
    if not editor:
        assert "Changed title" in response.text  # that it changed, not what it was


def test_status_button_without_version_changes_nothing(world, login):
    task = TaskFactory(operation=world.operation, owner=world.officer, status=TaskStatus.IN_PROGRESS)
    url = task_url(task, "task-status")
    response = login(world.officer).post(url, {"status": TaskStatus.COMPLETED, "version": "x"}, follow=True)
    assert "The page was out of date; please try again." in response.text
    task.refresh_from_db()
    assert (task.status, task.version) == (TaskStatus.IN_PROGRESS, 1)


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_blank_progress_note_is_refused(world, login, text):
    task = TaskFactory(operation=world.operation, owner=world.officer)
    url = task_url(task, "task-note")
    response = login(world.officer).post(url, {"text": text}, follow=True)
    assert response.status_code == 200
    assert "Write what happened before saving the note." in response.text
    assert not TimelineEntry.objects.exists()


def test_progress_note_is_added_to_the_timeline(world, login):
    task = TaskFactory(operation=world.operation, owner=world.officer)
    url = task_url(task, "task-note")
    response = login(world.officer).post(url, {"text": "  Met the liaison officer in Bria.  "}, follow=True)
    assert "Progress note added." in response.text
    assert "Met the liaison officer in Bria." in response.text.split('data-testid="timeline"')[1]
    note = TimelineEntry.objects.get()
    assert (note.text, note.kind, note.author) == ("Met the liaison officer in Bria.", EntryKind.NOTE, world.officer)


# --- Local activities ----------------------------------------------------------------------------------


ACTIVITY_CREATE = task_log_url("activity-create")


def _local_activity_data(code, **changes):
    return {
        "area": TaskArea.objects.get(number=1).pk,
        "code": code,
        "name": "Brief the county authorities",
        "description": "A local CAF practice.",
        **changes,
    }


def test_head_adds_a_local_activity(world, login, client):
    response = login(world.head).post(ACTIVITY_CREATE, _local_activity_data("caf-1"), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == task_log_url("catalogue")
    assert "Activity CAF-1 added to the catalogue of Central African Republic." in response.text
    assert 'data-code="CAF-1"' in response.text
    local = Activity.objects.get(operation=world.operation)
    assert (local.code, local.source) == ("CAF-1", "Local activity")
    assert "CAF-1" in _activity_codes(client.get(CREATE).text)

    client.force_login(world.other_officer)
    assert "CAF-1" not in _activity_codes(client.get(task_log_url("task-create", "MLI")).text)
    mali_catalogue = client.get(task_log_url("catalogue", "MLI"))
    assert 'data-code="CAF-1"' not in mali_catalogue.text
    # Nor can Mali's officer use it by posting its id.
    response = client.post(
        task_log_url("task-create", "MLI"),
        create_data(world.other_officer, activity=local.pk),
    )
    assert response.status_code == 200
    assert not Task.objects.exists()


@pytest.mark.parametrize("code", ["AN-1", "an-1", " PP-6 "])
def test_local_activity_cannot_take_a_guidance_note_code(world, login, code):
    response = login(world.head).post(ACTIVITY_CREATE, _local_activity_data(code))
    assert response.status_code == 200
    expected = code.strip().upper()
    assert field_errors(response, "code") == [f"The Guidance Note catalogue already uses the code {expected}."]
    assert not Activity.objects.filter(operation__isnull=False).exists()


def test_local_activity_code_is_unique_in_the_operation(world, login):
    client = login(world.head)
    assert client.post(ACTIVITY_CREATE, _local_activity_data("CAF-1")).status_code == 302
    response = client.post(ACTIVITY_CREATE, _local_activity_data("CAF-1", name="Another one"))
    assert response.status_code == 200
    assert "This operation already has an activity with this code." in response.text
    assert Activity.objects.filter(operation=world.operation).count() == 1


@pytest.mark.parametrize("standing", ["officer", "hct", "hq"])
def test_only_the_head_adds_local_activities(world, login, standing):
    response = login(world.by_role(standing)).post(ACTIVITY_CREATE, _local_activity_data("CAF-9"))
    assert response.status_code == 403
    assert not Activity.objects.filter(operation__isnull=False).exists()


# --- Protection priorities -----------------------------------------------------------------------------


PRIORITY_CREATE = task_log_url("priority-create")


def _priority_data(**changes):
    return {"title": "Safe access to Bria market", "description": "", "status": PriorityStatus.AGREED, "order": 0,
            "period_start": "", "period_end": "", **changes}  # fmt: skip


def test_priority_period_must_not_end_before_it_starts(world, login):
    response = login(world.head).post(
        PRIORITY_CREATE, _priority_data(period_start="2026-12-01", period_end="2026-06-30")
    )
    assert response.status_code == 200
    assert "The period cannot end before it starts." in response.text
    assert 'value="Safe access to Bria market"' in response.text
    assert not ProtectionPriority.objects.exists()


def test_head_records_a_priority(world, login):
    response = login(world.head).post(
        PRIORITY_CREATE, _priority_data(period_start="2026-01-01", period_end="2026-12-31"), follow=True
    )
    assert response.status_code == 200
    priority = ProtectionPriority.objects.get()
    assert priority.operation == world.operation
    assert "Protection priority saved." in response.text
    assert "Safe access to Bria market" in response.text


@pytest.mark.parametrize("standing", ["hct", "officer", "hq"])
def test_only_the_head_creates_a_priority(world, login, standing):
    response = login(world.by_role(standing)).post(PRIORITY_CREATE, _priority_data())
    assert response.status_code == 403
    assert not ProtectionPriority.objects.exists()


@pytest.mark.parametrize("standing", ["hct", "officer", "hq"])
def test_only_the_head_edits_a_priority(world, login, standing):
    priority = ProtectionPriorityFactory(operation=world.operation, title="Original")
    url = task_log_url("priority-edit", pk=priority.pk)
    response = login(world.by_role(standing)).post(url, _priority_data(title="Rewritten"))
    assert response.status_code in {403, 404}
    priority.refresh_from_db()
    assert priority.title == "Original"


def test_sensitivity_choice_is_saved(world, login):
    data = create_data(world.officer, sensitivity=Sensitivity.STRICTLY_CONFIDENTIAL)
    assert login(world.officer).post(CREATE, data).status_code == 302
    assert Task.objects.get().sensitivity == Sensitivity.STRICTLY_CONFIDENTIAL


@pytest.mark.parametrize("page", ["99", "last"])
def test_a_task_list_page_past_the_end_shows_the_last_page(world, login, page):
    for n in range(53):
        TaskFactory(operation=world.operation, owner=world.officer, title=f"Routine liaison {n:02d}")
    response = login(world.officer).get(task_log_url("task-list"), {"page": page, "sort": "title"})
    assert response.status_code == 200
    assert "Page 2 of 2" in response.text
    assert response.text.count('data-testid="task-row"') == 3
    assert "Routine liaison 52" in response.text


@pytest.mark.parametrize("name", ["task-detail", "task-edit"])
def test_a_reference_in_lower_case_finds_the_task(world, login, name):
    task = TaskFactory(operation=world.operation, owner=world.officer, title="Liaison visit to Bria")
    response = login(world.officer).get(task_url(task, name).replace(task.reference, task.reference.lower()))
    assert response.status_code == 200
    assert "Liaison visit to Bria" in response.text


def test_a_status_change_through_a_lower_case_reference_goes_through(world, login):
    task = TaskFactory(operation=world.operation, owner=world.officer)
    url = task_url(task, "task-status").replace(task.reference, task.reference.lower())
    response = login(world.officer).post(url, {"status": TaskStatus.IN_PROGRESS, "version": task.version})
    assert response.status_code == 302 and response["Location"] == task_url(task)
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS


def test_a_lower_case_reference_reveals_nothing_the_upper_case_one_hides(world, login):
    task = TaskFactory(operation=world.operation, owner=world.officer, sensitivity=Sensitivity.CONFIDENTIAL)
    lower = task_url(task).replace(task.reference, task.reference.lower())
    assert login(world.hct).get(lower).status_code == 404
    assert login(world.other_officer).get(lower).status_code == 404
    assert login(world.other_officer).get(task_url(task, code="MLI").lower()).status_code == 404


def test_a_collaborator_who_cannot_read_the_task_at_its_level_is_refused_by_name(world, login):
    """An HCT member reads Unclassified only: made collaborator on a Confidential task, they would never see it."""
    world.hct.first_name, world.hct.last_name = "Grace", "Ndoumba"
    world.hct.save()
    client = login(world.officer)
    response = client.post(CREATE, create_data(world.officer, collaborators=[world.hct.pk, world.head.pk]))
    assert response.status_code == 200
    assert field_errors(response, "collaborators") == [
        "Grace Ndoumba cannot read a Confidential task: choose a lower level, or someone else."
    ]
    assert not Task.objects.exists()
    # At a level they read, they are welcome.
    data = create_data(world.officer, collaborators=[world.hct.pk], sensitivity=Sensitivity.UNCLASSIFIED)
    assert client.post(CREATE, data).status_code == 302
    task = Task.objects.get()
    assert list(task.collaborators.all()) == [world.hct]
    # Raising the task above what a collaborator reads is refused, naming them, and changes nothing.
    response = client.post(task_url(task, "task-edit"), edit_data(task, sensitivity=Sensitivity.CONFIDENTIAL))
    assert response.status_code == 200
    assert "Grace Ndoumba cannot read a Confidential task" in field_errors(response, "collaborators")[0]
    task.refresh_from_db()
    assert task.sensitivity == Sensitivity.UNCLASSIFIED


def test_collaborator_choices_say_how_far_each_member_reads(world, login):
    world.hct.first_name, world.hct.last_name = "Grace", "Ndoumba"
    world.hct.save()
    html = login(world.officer).get(CREATE).text
    choices = re.search(r'<select name="collaborators".*?</select>', html, flags=re.S).group(0)
    assert "Grace Ndoumba (reads Unclassified only)" in choices
    assert f">{person_name(world.head)}<" in choices  # reads every level: no note
