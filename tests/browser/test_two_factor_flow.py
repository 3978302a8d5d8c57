"""In Chromium: a head of office, who must use two-factor sign-in, sets up an authenticator from the key the page
shows, keeps her recovery codes, and next time signs in with her password and a code."""

from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.support import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_from(key: str, drift: int = 0) -> str:
    """What her authenticator app shows for the key it was given (``drift`` steps of 30 s later)."""
    secret = b32decode(key.replace(" ", "") + "=" * (-len(key.replace(" ", "")) % 8))
    return f"{totp(secret, drift=drift):06d}"


def test_a_head_of_office_sets_up_and_uses_two_factor_sign_in(page, sign_in, world, settings):
    settings.CMCOORD_TWO_FACTOR_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    sign_in("head")
    expect(page.get_by_role("heading", name="Set up an authenticator app")).to_be_visible()
    expect(page.get_by_test_id("totp-qr")).to_be_visible()
    key = page.get_by_test_id("totp-key").inner_text()
    page.get_by_label("Code").fill(code_from(key))
    submit(page, page.get_by_role("button", name="Turn on two-factor sign-in"))
    expect(page.get_by_test_id("recovery-codes").get_by_test_id("recovery-code")).to_have_count(10)
    expect(page.get_by_test_id("two-factor-state")).to_contain_text("On:")

    page.forget_session()
    sign_in("head")
    expect(page.get_by_role("heading", name="Your second factor")).to_be_visible()
    # A code is good once: the next one (the app's clock may run a step ahead; one step is tolerated).
    page.get_by_label("Code").fill(code_from(key, drift=1))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("link", name="Central African Republic")).to_be_visible()
    assert not page.problems
