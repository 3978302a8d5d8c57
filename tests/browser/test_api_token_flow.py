"""In Chromium: an officer confirms her password, makes a read-only token, copies it, and a program (without the
browser's cookies) reads the API and an export with it; once revoked it opens nothing."""

import pytest
from playwright.sync_api import expect

from tests.factories import TaskFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_makes_a_token_a_program_uses_it_then_she_revokes_it(page, sign_in, world, browser, live_server):
    TaskFactory(operation=world.operation, owner=world.officer, title="Water points in Kaga-Bandoro")
    sign_in("officer")
    page.get_by_test_id("user-menu").click()
    page.get_by_role("link", name="API tokens").click()
    # Signed in a moment ago: no password asked. (An old sign-in is asked again: tests/accounts.)
    page.get_by_label("Name").fill("Power BI weekly report")
    page.get_by_label("Read only: lists, records and exports").check()
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_test_id("token-created")).to_contain_text("shown only once")
    token = page.get_by_test_id("token-secret").input_value()
    assert token.startswith("cmc_")

    elsewhere = browser.new_context(base_url=live_server.url)  # a program: none of the signed-in page's cookies
    program = elsewhere.request
    headers = {"Authorization": f"Token {token}"}
    answer = program.get("/api/v1/tasks/", headers=headers)
    assert answer.status == 200
    assert [row["title"] for row in answer.json()["results"]] == ["Water points in Kaga-Bandoro"]
    export = program.get("/operations/CAF/exports/tasks/csv/", headers=headers)
    assert export.status == 200 and "Water points in Kaga-Bandoro" in export.text()

    page.reload()
    expect(page.get_by_test_id("token-secret")).to_have_count(0)  # shown once
    page.get_by_test_id("token-revoke").click()
    expect(page.locator(".messages .alert")).to_contain_text("revoked")
    assert program.get("/api/v1/tasks/", headers=headers).status == 401
    elsewhere.close()
    assert not page.problems
