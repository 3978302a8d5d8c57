"""Operation pages: who reaches which page, what they see there, and membership management."""

import datetime

import pytest
from django.urls import reverse

from cmcoord.core.choices import Role, Sensitivity
from cmcoord.operations.models import Membership
from tests.factories import COUNTRIES, CountryOperationFactory, MembershipFactory, TaskFactory, UserFactory
from tests.support import EDITORS, IN_OPERATION, MANAGERS, STANDINGS, expected_status, section

# Each page of the operation and who may open it; readers of CAF get 403 on the others, strangers 404.
PAGES = {
    "operations:detail": IN_OPERATION,
    "operations:about": IN_OPERATION,
    "operations:history": EDITORS,
    "operations:settings": MANAGERS,
    "operations:member-add": MANAGERS,
}


@pytest.mark.parametrize("standing", STANDINGS)
@pytest.mark.parametrize("name", PAGES)
def test_page_matrix(world, login, standing, name):
    response = login(world.by_role(standing)).get(reverse(name, kwargs={"code": "CAF"}))
    assert response.status_code == expected_status(standing, PAGES[name])
    if response.status_code == 404:
        assert "Central African Republic" not in response.text


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_sign_in(client, world, name):
    url = reverse(name, kwargs={"code": "CAF"})
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_member_pages_of_another_operation_are_404(world, login):
    stranger = Membership.objects.get(user=world.other_officer)
    client = login(world.head)
    for name in ("operations:member-role", "operations:member-remove"):
        # The membership exists but belongs to Mali: reachable neither through CAF's URL nor Mali's.
        assert client.get(reverse(name, kwargs={"code": "CAF", "pk": stranger.pk})).status_code == 404
        assert client.get(reverse(name, kwargs={"code": "MLI", "pk": stranger.pk})).status_code == 404


def test_unknown_operation_code_is_404(world, login):
    response = login(world.officer).get("/operations/XYZ/")
    assert response.status_code == 404
    assert "does not exist" in response.text


@pytest.mark.parametrize(
    ("standing", "shown", "hidden"),
    [
        ("officer", ["Central African Republic"], ["Mali"]),
        ("hct", ["Central African Republic"], ["Mali"]),
        ("hq", ["Central African Republic", "Mali"], []),
        ("hq_limited", ["Mali"], ["Central African Republic"]),
        ("other_officer", ["Mali"], ["Central African Republic"]),
        ("outsider", ["do not belong to any country operation"], ["Central African Republic", "Mali"]),
    ],
)
def test_home_lists_only_own_operations(world, login, standing, shown, hidden):
    response = login(world.by_role(standing)).get(reverse("home"))
    assert response.status_code == 200
    for text in shown:
        assert text in response.text
    for text in hidden:
        assert text not in response.text


def test_home_shows_role_per_operation(world, login):
    MembershipFactory(operation=world.other_operation, user=world.officer, role=Role.HCT)
    response = login(world.officer).get(reverse("home"))
    cards = response.context["operations"]
    assert {(op.name, op.my_role) for op in cards} == {("Central African Republic", "officer"), ("Mali", "hct")}
    assert "HCT member" in response.text and "CMCoord officer / focal point" in response.text


def test_home_query_budget(world, login, django_assert_max_num_queries):
    for code in COUNTRIES[2:]:
        operation = CountryOperationFactory(country=code)
        MembershipFactory(operation=operation, user=world.hq, role=Role.HCT)
        for _ in range(3):
            MembershipFactory(operation=operation)
    client = login(world.hq)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("home"))
    assert len(response.context["operations"]) == len(COUNTRIES)


def test_detail_members_query_budget(world, login, django_assert_max_num_queries):
    for _ in range(40):
        MembershipFactory(operation=world.operation, role=Role.HCT)
    client = login(world.head)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("operations:about", kwargs={"code": "CAF"}))
    assert response.text.count('data-testid="member-row"') == 43


def test_switcher_lists_only_own_operations(world, login):
    response = login(world.officer).get(reverse("operations:detail", kwargs={"code": "CAF"}))
    switcher = response.text.split('data-testid="operation-switcher"')[1].split("</li>\n      </ul>")[0]
    assert "Central African Republic" in switcher
    assert "Mali" not in switcher


class TestMembershipManagement:
    def test_head_adds_a_member_by_email(self, world, login):
        newcomer = UserFactory(username="newcomer", email="newcomer@example.org")
        response = login(world.head).post(
            reverse("operations:member-add", kwargs={"code": "CAF"}),
            {"person": "NEWCOMER@example.org", "role": Role.HCT},
            follow=True,
        )
        assert Membership.objects.get(user=newcomer, operation=world.operation).role == Role.HCT
        assert "added as HCT member" in response.text

    def test_unknown_person_is_a_form_error(self, world, login):
        response = login(world.head).post(
            reverse("operations:member-add", kwargs={"code": "CAF"}), {"person": "nobody", "role": Role.HCT}
        )
        assert response.status_code == 200
        assert "No single active account matches “nobody”." in response.text
        assert 'value="nobody"' in response.text  # the input is kept

    def test_existing_member_cannot_be_added_twice(self, world, login):
        response = login(world.head).post(
            reverse("operations:member-add", kwargs={"code": "CAF"}), {"person": "officer", "role": Role.HEAD}
        )
        assert "already belongs to this operation" in response.text
        assert Membership.objects.get(user=world.officer, operation=world.operation).role == Role.OFFICER

    def test_officer_cannot_add_members(self, world, login):
        UserFactory(username="newcomer")
        response = login(world.officer).post(
            reverse("operations:member-add", kwargs={"code": "CAF"}), {"person": "newcomer", "role": Role.HEAD}
        )
        assert response.status_code == 403
        assert not Membership.objects.filter(user__username="newcomer").exists()

    def test_head_changes_a_role_and_the_change_is_audited(self, world, login):
        membership = Membership.objects.get(user=world.hct, operation=world.operation)
        client = login(world.head)
        client.post(reverse("operations:member-role", kwargs={"code": "CAF", "pk": membership.pk}), {"role": "officer"})
        membership.refresh_from_db()
        assert membership.role == Role.OFFICER
        latest = membership.history.first()
        assert latest.history_user == world.head
        assert latest.history_type == "~"
        history = client.get(reverse("operations:history", kwargs={"code": "CAF"}))
        assert "Role: hct → officer" in history.text
        assert str(world.head) in history.text

    def test_last_head_cannot_step_down_or_be_removed(self, world, login):
        membership = Membership.objects.get(user=world.head, operation=world.operation)
        client = login(world.head)
        response = client.post(
            reverse("operations:member-role", kwargs={"code": "CAF", "pk": membership.pk}), {"role": "officer"}
        )
        assert "needs at least one head of office" in response.text
        response = client.post(
            reverse("operations:member-remove", kwargs={"code": "CAF", "pk": membership.pk}), follow=True
        )
        assert "needs at least one head of office" in response.text
        membership.refresh_from_db()
        assert membership.role == Role.HEAD

    def test_head_removes_a_member_who_then_loses_access(self, world, login, client):
        membership = Membership.objects.get(user=world.officer, operation=world.operation)
        login(world.head).post(reverse("operations:member-remove", kwargs={"code": "CAF", "pk": membership.pk}))
        assert not Membership.objects.filter(pk=membership.pk).exists()
        assert Membership.history.filter(id=membership.pk, history_type="-", history_user=world.head).exists()
        client.force_login(world.officer)
        assert client.get(reverse("operations:detail", kwargs={"code": "CAF"})).status_code == 404

    def test_a_head_removing_herself_is_told_what_she_loses_and_lands_home(self, world, login):
        second = MembershipFactory(operation=world.operation, role=Role.HEAD, user__username="second_head")
        mine = Membership.objects.get(user=world.head, operation=world.operation)
        address = reverse("operations:member-remove", kwargs={"code": "CAF", "pk": mine.pk})
        client = login(world.head)
        page = client.get(address).text
        warning = section(page, "removing-self")
        assert "You lose access at once" in warning and "Only another head of office can add you back" in warning
        assert "Remove myself" in page and 'data-testid="last-head"' not in page
        response = client.post(address, follow=True)
        assert response.redirect_chain[-1][0] == reverse("home")
        assert "You left Central African Republic." in response.text
        assert not Membership.objects.filter(pk=mine.pk).exists() and Membership.objects.filter(pk=second.pk).exists()

    def test_the_last_head_is_told_before_she_tries_to_leave(self, world, login):
        mine = Membership.objects.get(user=world.head, operation=world.operation)
        page = login(world.head).get(reverse("operations:member-remove", kwargs={"code": "CAF", "pk": mine.pk})).text
        assert "You are the only head of office" in section(page, "last-head")
        assert "Remove myself" not in page and 'data-testid="removing-self"' not in page

    def test_removing_someone_else_reads_as_before(self, world, login):
        membership = Membership.objects.get(user=world.officer, operation=world.operation)
        page = login(world.head).get(reverse("operations:member-remove", kwargs={"code": "CAF", "pk": membership.pk}))
        assert "They will immediately lose access" in page.text and 'data-testid="removing-self"' not in page.text

    def test_head_edits_settings(self, world, login):
        response = login(world.head).post(
            reverse("operations:settings", kwargs={"code": "CAF"}),
            {"name": "CAR operation", "strategy": "cooperation", "time_zone": "Africa/Bangui", "language": "en"},
            follow=True,
        )
        world.operation.refresh_from_db()
        assert world.operation.strategy == "cooperation"
        assert "Operation settings saved." in response.text

    def test_settings_reject_unknown_time_zone(self, world, login):
        response = login(world.head).post(
            reverse("operations:settings", kwargs={"code": "CAF"}),
            {"name": "CAR operation", "strategy": "cooperation", "time_zone": "Mars/Olympus"},
        )
        assert response.status_code == 200
        assert "is-invalid" in response.text
        world.operation.refresh_from_db()
        assert world.operation.name == "Central African Republic"

    def test_closed_operation_cannot_be_managed(self, world, login):
        world.operation.is_active = False
        world.operation.save()
        client = login(world.head)
        assert client.get(reverse("operations:settings", kwargs={"code": "CAF"})).status_code == 403
        assert client.get(reverse("operations:detail", kwargs={"code": "CAF"})).status_code == 200


class TestApi:
    def test_lists_only_visible_operations(self, world, login):
        data = login(world.hct).get("/api/v1/operations/").json()
        assert [row["code"] for row in data["results"]] == ["CAF"]

    def test_other_operation_detail_is_404(self, world, login):
        client = login(world.officer)
        assert client.get("/api/v1/operations/CAF/").json()["name"] == "Central African Republic"
        assert client.get("/api/v1/operations/MLI/").status_code == 404

    def test_anonymous_is_refused(self, client, world):
        assert client.get("/api/v1/operations/").status_code in (401, 403)

    def test_query_budget(self, world, login, django_assert_max_num_queries):
        for code in COUNTRIES[2:]:
            CountryOperationFactory(country=code)
        client = login(world.hq)
        with django_assert_max_num_queries(6):
            response = client.get("/api/v1/operations/")
        assert response.json()["count"] == len(COUNTRIES)


def test_admin_is_for_superusers_only(world, login, client):
    world.head.is_staff = True
    world.head.save()
    assert login(world.head).get("/admin/").status_code == 302
    client.force_login(world.admin)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/operations/countryoperation/").status_code == 200


def test_home_lists_operations_by_name(world, login):
    response = login(world.hq).get(reverse("home"))
    assert [op.name for op in response.context["operations"]] == ["Central African Republic", "Mali"]


def test_members_listed_heads_first_then_officers_then_hct(world, login):
    response = login(world.hct).get(reverse("operations:about", kwargs={"code": "CAF"}))
    assert [m.role for m in response.context["members"]] == [Role.HEAD, Role.OFFICER, Role.HCT]


def test_home_counts_open_and_overdue_tasks_including_restricted_ones(world, login):
    """Counts are allowed to every standing; the HCT member's number includes tasks they cannot read."""
    past = datetime.date(2020, 1, 1)
    for number, (level, status, due) in enumerate(
        [
            (Sensitivity.STRICTLY_CONFIDENTIAL, "planned", past),
            (Sensitivity.UNCLASSIFIED, "in_progress", None),
            (Sensitivity.UNCLASSIFIED, "completed", past),
        ],
        start=1,
    ):
        TaskFactory(
            operation=world.operation, owner=world.officer, title=f"Task {number}", sensitivity=level, status=status,
            completed_on=past if status == "completed" else None, due_date=due,
        )  # fmt: skip
    response = login(world.hct).get(reverse("home"))
    card = response.text.split('data-testid="workload"')[1].split("</p>")[0]
    assert "2 open tasks" in card and "1 overdue" in card
    assert "Task 1" not in response.text
