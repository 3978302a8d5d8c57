"""In Chromium: an officer signs in, sees their operation, cannot open another one; CSP holds, no console errors."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_signs_in_and_stays_within_their_operation(page, sign_in, world, live_server):
    response = page.goto("/operations/CAF/")
    assert "/accounts/login/" in page.url  # anonymous: sent to sign in first

    sign_in("officer", "not-the-password")
    assert page.get_by_test_id("login-error").inner_text() == (
        "The username or password is not correct. Both are case-sensitive."
    )

    response = page.goto("/accounts/login/")
    csp = response.headers["content-security-policy"]
    assert "'nonce-" in csp and "unsafe-inline" not in csp
    sign_in("officer")
    cards = page.get_by_test_id("operation-card")
    assert cards.count() == 1
    assert "Central African Republic" in cards.first.inner_text()
    assert "Mali" not in page.content()

    # The switcher offers only the officer's operation.
    page.get_by_test_id("operation-switcher").get_by_role("button").click()
    switcher = page.get_by_test_id("operation-switcher").get_by_role("link")
    assert switcher.all_inner_texts() == ["Central African Republic CAF"]

    cards.first.get_by_role("link").click()
    page.wait_for_url("**/operations/CAF/")
    assert page.get_by_test_id("my-role").inner_text() == "CMCoord officer / focal point"

    response = page.goto("/operations/MLI/")
    assert response.status == 404
    assert "belongs to an operation you do not have access to" in page.get_by_test_id("error-page").inner_text()
    assert "Mali" not in page.content()

    assert page.problems == [], page.problems


def test_phone_sized_screen_has_a_working_menu(page, sign_in, world):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in("head")
    toggler = page.get_by_role("button", name="Toggle navigation")
    assert toggler.is_visible()
    toggler.click()
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")
    assert page.problems == [], page.problems
