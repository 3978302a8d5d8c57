"""Two-factor sign-in: the second step after the password, its set-up, recovery codes, remembered browsers, and who
must use it."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from cmcoord.accounts import twofactor

pytestmark = pytest.mark.django_db

HOME = reverse("home")
VERIFY = reverse("two-factor-verify")
SET_UP = reverse("two-factor-setup")


@pytest.fixture(autouse=True)
def no_throttle(settings):
    """django-otp refuses a code for a moment after a wrong one (against guessing): tests type the right one next."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def code_of(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(client, user, password):
    response = client.post(reverse("login"), {"username": user.username, "password": password})
    assert response.status_code == 302
    return response


def with_authenticator(user) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    twofactor.recovery_codes(user)
    return device


def test_without_a_second_factor_the_password_is_enough(client, world, password):
    sign_in(client, world.officer, password)
    assert client.get(HOME).status_code == 200


def test_with_one_every_page_waits_for_the_code(client, world, password):
    device = with_authenticator(world.officer)
    sign_in(client, world.officer, password)
    for url in (HOME, "/operations/CAF/", reverse("two-factor"), reverse("api-tokens")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(VERIFY), url
    assert client.get("/api/v1/tasks/").status_code == 403  # a session owing its code reads no API either
    # Nothing that could remove the second factor is open to a session that has only the password.
    assert client.post(reverse("two-factor-remove")).status_code == 302
    assert twofactor.has_second_factor(world.officer)
    response = client.post(VERIFY, {"code": "000000" if code_of(device) != "000000" else "111111", "next": "/"})
    assert "not right" in response.text
    assert client.post(VERIFY, {"code": code_of(device), "next": "/operations/CAF/"})["Location"] == "/operations/CAF/"
    assert client.get(HOME).status_code == 200


def test_a_recovery_code_works_once(client, world, password):
    with_authenticator(world.officer)
    code = twofactor.recovery_codes(world.officer)[0]
    sign_in(client, world.officer, password)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    assert client.get(HOME).status_code == 200
    client.logout()
    sign_in(client, world.officer, password)
    assert "not right" in client.post(VERIFY, {"code": code}).text


def test_a_remembered_browser_skips_the_code_for_that_user_only(client, world, password):
    device = with_authenticator(world.officer)
    sign_in(client, world.officer, password)
    client.post(VERIFY, {"code": code_of(device), "remember": "on"})
    remembered = client.cookies[twofactor.REMEMBER_COOKIE].value
    client.logout()  # the test client forgets its cookies: the browser keeps this one
    client.cookies[twofactor.REMEMBER_COOKIE] = remembered
    sign_in(client, world.officer, password)
    assert client.get(HOME).status_code == 200  # remembered
    with_authenticator(world.head)
    client.logout()
    client.cookies[twofactor.REMEMBER_COOKIE] = remembered
    sign_in(client, world.head, password)
    assert client.get(HOME)["Location"].startswith(VERIFY)  # another user is not
    # Removing the device forgets the browser.
    client.logout()
    client.cookies[twofactor.REMEMBER_COOKIE] = remembered
    twofactor.remove_devices(world.officer)
    with_authenticator(world.officer)
    sign_in(client, world.officer, password)
    assert client.get(HOME)["Location"].startswith(VERIFY)


@pytest.mark.parametrize(
    "who,must", [("head", True), ("hq", True), ("admin", True), ("officer", False), ("hct", False)]
)
def test_heads_hq_and_administrators_must_set_it_up_where_the_deployment_asks(
    client, world, password, settings, who, must
):
    settings.CMCOORD_TWO_FACTOR_REQUIRED = True
    user = getattr(world, who)
    sign_in(client, user, password)
    response = client.get(HOME)
    if not must:
        assert response.status_code == 200
        return
    assert response.status_code == 302 and response["Location"].startswith(SET_UP)
    page = client.get(SET_UP)
    assert page.status_code == 200 and 'data-testid="totp-qr"' in page.text
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert "not match" in client.post(SET_UP, {"code": "12345x"}).text
    response = client.post(SET_UP, {"code": code_of(device)})
    assert response["Location"] == reverse("two-factor")
    codes = client.get(reverse("two-factor")).text
    assert codes.count('data-testid="recovery-code"') == twofactor.RECOVERY_CODES
    assert 'data-testid="recovery-code"' not in client.get(reverse("two-factor")).text  # shown once
    assert client.get(HOME).status_code == 200


def test_turning_it_off_needs_the_password_again(client, world, password):
    device = with_authenticator(world.officer)
    sign_in(client, world.officer, password)
    client.post(VERIFY, {"code": code_of(device)})
    session = client.session
    session["signed_in_at"] = 0
    session.save()
    response = client.post(reverse("two-factor-remove"))
    assert response["Location"].startswith(reverse("confirm-password"))
    client.post(reverse("confirm-password"), {"password": password})
    assert client.post(reverse("two-factor-remove")).status_code == 302
    assert not twofactor.has_second_factor(world.officer)


def test_a_token_is_not_a_session_and_needs_no_code(client, world):
    from tests.accounts.test_api_tokens import make_token

    with_authenticator(world.officer)
    token = make_token(world.officer)
    assert client.get("/api/v1/tasks/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200


def test_a_script_s_request_while_the_set_up_is_owed_is_refused_and_changes_no_key(client, world, password, settings):
    """The device's script asks for its offline data as JSON: a redirect would draw the set-up page for it and make a
    new key, so the key the person is reading would no longer match. It is told 403 instead; the page offers no
    such request."""
    settings.CMCOORD_TWO_FACTOR_REQUIRED = True
    sign_in(client, world.head, password)
    page = client.get(SET_UP)
    assert "data-readable=" not in page.text
    key = TOTPDevice.objects.get(user=world.head, confirmed=False).key
    answer = client.get(reverse("offline-data"), headers={"accept": "application/json"})
    assert answer.status_code == 403 and answer.json()["detail"]
    assert TOTPDevice.objects.get(user=world.head, confirmed=False).key == key
    assert client.get(HOME).status_code == 302  # a page is still sent to the set-up
