"""In Chromium (issue 16): the head of office raises an engagement to Strictly confidential and is told that the task
made from its follow-up was raised with it; the task's page shows its new level and where it was agreed; the HCT,
who read the task before, can no longer open it or find it in the task list."""

import pytest
from playwright.sync_api import expect

from engagements import services
from protection_tasks.models import Task
from tests.factories import ActorFactory, EngagementFactory, FollowUpFactory
from tests.support import task_log_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOLLOW_UP = "Escort the Kaga-Bandoro hostage families to the Ndele checkpoint"


def test_head_raises_an_engagement_and_sees_its_task_raised(page, sign_in, world):
    traders = ActorFactory(operation=world.operation, name="Bossangoa Traders Union", sensitivity=1)
    engagement = EngagementFactory(operation=world.operation, sensitivity=1, actors=[traders])
    follow_up = FollowUpFactory(engagement=engagement, text=FOLLOW_UP, owner=world.officer)
    task, _created = services.follow_up_convert(user=world.officer, follow_up=follow_up)
    assert task.sensitivity == 1

    sign_in("hct")
    page.goto(task.get_absolute_url())
    expect(page.get_by_test_id("task-title")).to_have_text(FOLLOW_UP)
    page.forget_session()

    sign_in("head")
    page.goto(engagement.get_absolute_url())
    page.get_by_role("link", name="Edit engagement").click()
    page.get_by_label("Sensitivity").select_option(label="Strictly confidential")
    page.get_by_role("button", name="Save engagement").click()
    page.wait_for_url(f"**{engagement.get_absolute_url()}")
    warning = page.locator(".messages .alert-warning")
    expect(warning).to_contain_text(task.reference)
    expect(warning).to_contain_text("raised to Strictly confidential")

    page.get_by_test_id("follow-up-task").click()
    page.wait_for_url(f"**{task.get_absolute_url()}")
    expect(page.locator("main .sensitivity-badge-3").first).to_have_text("Strictly confidential")
    expect(page.get_by_test_id("task-agreed-at")).to_be_visible()
    assert Task.objects.get(pk=task.pk).sensitivity == 3
    assert page.problems == [], page.problems
    page.forget_session()

    sign_in("hct")
    response = page.goto(task.get_absolute_url())
    assert response.status in {403, 404}
    page.goto(task_log_url("task-list"))
    expect(page.locator("main")).not_to_contain_text(FOLLOW_UP)
