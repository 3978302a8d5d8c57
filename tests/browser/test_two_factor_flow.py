"""In Chromium: a head of office, who must use two-factor sign-in, sets up an authenticator from the key the page
shows, keeps her recovery codes, and next time signs in with her password and a code."""

from base64 import b32decode

import pytest
from django_otp.oath import hotp, totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.support import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _secret(key: str) -> bytes:
    bare = key.replace(" ", "")
    return b32decode(bare + "=" * (-len(bare) % 8))


def code_from(key: str) -> str:
    """What her authenticator app shows now for the key it was given."""
    return f"{totp(_secret(key)):06d}"


def next_code(key: str, after: int) -> str:
    """What her authenticator app shows at the 30-second step after step ``after`` (a TOTP code is the HOTP of its
    step)."""
    return f"{hotp(_secret(key), after + 1):06d}"


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
    # A code is good once, so she types the one after it. Which step that is cannot come from the test's clock: if
    # set-up went in on a 30-second boundary, the server matched it a step behind its own clock and now allows for
    # that drift. The step after the one it matched is always inside its window (one step either side) for 60 s.
    used = TOTPDevice.objects.get(user=world.head, confirmed=True).last_t
    page.get_by_label("Code").fill(next_code(key, after=used))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("link", name="Central African Republic")).to_be_visible()
    assert not page.problems
