"""What the device keeps to be read offline (cmcoord/api/offline_data.py): the person's own open tasks and what
the forms need, of the operations they work in; never Strictly confidential, never another operation's; at a cost
that does not grow with the data."""

import pytest

from cmcoord.core.choices import Sensitivity
from protection_tasks.choices import TaskStatus
from tests.factories import ActorFactory, TaskFactory
from tests.support import CONFIDENTIAL, STRICTLY_CONFIDENTIAL, UNCLASSIFIED

pytestmark = pytest.mark.django_db
URL = "/offline/data/"


@pytest.fixture
def records(world):
    def task(title, **fields):
        return TaskFactory(operation=world.operation, owner=world.officer, title=title, **fields)

    task("Open unclassified", sensitivity=UNCLASSIFIED)
    task("Open confidential", sensitivity=CONFIDENTIAL)
    task("Open strictly confidential", sensitivity=STRICTLY_CONFIDENTIAL)
    task("Cancelled already", status=TaskStatus.CANCELLED, sensitivity=UNCLASSIFIED)
    TaskFactory(operation=world.operation, owner=world.head, title="The head's own")
    TaskFactory(operation=world.other_operation, owner=world.other_officer, title="Mali's")
    for name, level in [("Unclassified actor", UNCLASSIFIED), ("Confidential actor", CONFIDENTIAL)]:
        ActorFactory(operation=world.operation, name=name, sensitivity=level)
    ActorFactory(operation=world.operation, name="Strictly confidential actor", sensitivity=STRICTLY_CONFIDENTIAL)
    ActorFactory(operation=world.other_operation, name="Mali actor", sensitivity=UNCLASSIFIED)


def read(client, user):
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    return response.json()


def test_an_officer_gets_own_open_tasks_and_the_forms_needs_never_strictly_confidential(client, world, records):
    data = read(client, world.officer)
    assert sorted(t["title"] for t in data["tasks"]) == ["Open confidential", "Open unclassified"]
    assert sorted(a["name"] for a in data["actors"]) == ["Confidential actor", "Unclassified actor"]
    assert [o["code"] for o in data["operations"]] == ["CAF"] and list(data["activities"]) == ["CAF"]
    assert {"AN-1", "DI-3"} <= {a["code"] for a in data["activities"]["CAF"]}
    assert all(p["pcode"].startswith("CF") for p in data["places"])
    assert data["refreshedAt"] and data["myTasksUrl"] == "/tasks/mine/"
    # Where the offline page's note form sends a note on each (the task's own route of the write API).
    assert all(t["notes"] == f"/api/v1/tasks/{t['reference']}/notes/" for t in data["tasks"])
    text = str(data)
    assert "Strictly confidential" not in text and "Mali" not in text and "The head's own" not in text


@pytest.mark.parametrize(
    ("standing", "actors"),
    [
        ("head", ["Confidential actor", "Unclassified actor"]),
        ("hct", ["Unclassified actor"]),  # reads Unclassified only
        ("hq", []),  # works in no operation: nothing kept on an HQ reader's device
        ("other_officer", ["Mali actor"]),
        ("outsider", []),
    ],
)
def test_each_standing_gets_only_what_it_reads_in_the_operations_it_works_in(client, world, records, standing, actors):
    data = read(client, getattr(world, standing))
    assert sorted(a["name"] for a in data["actors"]) == actors
    titles = {t["title"] for t in data["tasks"]}
    assert titles <= {"The head's own", "Mali's"} and "Strictly confidential" not in str(data)


def test_not_signed_in_gets_nothing(client, records):
    # The device's script asks for JSON: it is told 401, not sent to the sign-in page. Followed, that redirect
    # would draw the sign-in page and set a new CSRF cookie, under the sign-in page the person has just opened.
    response = client.get(URL, headers={"accept": "application/json"})
    assert response.status_code == 401 and response.json() == {"detail": "Sign in first."}
    assert "csrftoken" not in response.cookies
    # A person who opens the address in the browser is sent to sign in, as on every page.
    page = client.get(URL, headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status_code == 302 and page["Location"].startswith("/accounts/login/")


def test_the_cost_does_not_grow_with_the_data(client, world, django_assert_max_num_queries):
    client.force_login(world.officer)
    client.get(URL)  # the session and content types read once
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    for n in range(20):
        TaskFactory(operation=world.operation, owner=world.officer, sensitivity=Sensitivity.CONFIDENTIAL)
        ActorFactory(operation=world.operation, name=f"Actor {n}", sensitivity=CONFIDENTIAL)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(URL).json()["tasks"]) == 20
