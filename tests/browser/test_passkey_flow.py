"""In Chromium, with a virtual authenticator (the DevTools protocol's WebAuthn domain: a platform passkey that
verifies its user): a head of office, who must use two-factor sign-in, adds a named passkey from the set-up page,
signs out, and signs in again with her password and then the passkey, landing on the dashboard."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import AXE, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AUTHENTICATOR = {
    "protocol": "ctap2",
    "transport": "internal",
    "hasResidentKey": True,
    "hasUserVerification": True,
    "isUserVerified": True,
}


@pytest.fixture
def authenticator(page, live_server, settings):
    """A virtual authenticator in the page's browser, and the live server as the relying party's only origin
    (``localhost``: a secure context over plain HTTP; an IP address would not be a valid relying party)."""
    assert live_server.url.startswith("http://localhost:")
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": AUTHENTICATOR})
    yield cdp, added["authenticatorId"]
    cdp.send("WebAuthn.removeVirtualAuthenticator", {"authenticatorId": added["authenticatorId"]})
    cdp.send("WebAuthn.disable")


def test_a_head_of_office_adds_a_passkey_and_signs_in_with_it(page, sign_in, world, settings, authenticator):
    cdp, authenticator_id = authenticator
    settings.CMCOORD_TWO_FACTOR_REQUIRED = True
    page.add_init_script(path=str(AXE))
    found = []
    sign_in("head")
    expect(page.get_by_role("heading", name="Add a passkey or security key")).to_be_visible()
    expect(page.get_by_role("button", name="Add a passkey")).to_be_visible()
    found += serious_violations(page)
    page.get_by_label("Name").fill("Office laptop")
    page.get_by_role("button", name="Add a passkey").click()

    # Registered and named; her recovery codes are shown once.
    expect(page.get_by_test_id("recovery-codes").get_by_test_id("recovery-code")).to_have_count(10)
    expect(page.get_by_test_id("two-factor-state")).to_contain_text("On: signing in asks for one of your passkeys.")
    expect(page.get_by_test_id("passkey")).to_have_count(1)
    expect(page.get_by_test_id("passkey")).to_contain_text("Office laptop")
    stored = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})["credentials"]
    assert len(stored) == 1 and stored[0]["rpId"] == "localhost"
    registered_count = stored[0]["signCount"]
    found += serious_violations(page)

    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_label("Username")).to_be_visible()

    sign_in("head")
    expect(page.get_by_role("heading", name="Your second factor")).to_be_visible()
    expect(page.get_by_role("button", name="Use a passkey")).to_be_visible()
    found += serious_violations(page)
    page.get_by_role("button", name="Use a passkey").click()
    expect(page.get_by_role("link", name="Central African Republic")).to_be_visible()
    assert page.url == f"{settings.OTP_WEBAUTHN_ALLOWED_ORIGINS[0]}/"
    stored = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})["credentials"]
    assert stored[0]["signCount"] > registered_count  # the passkey itself signed the second step
    assert found == [], "\n".join(found)
    assert not page.problems
