"""Passkeys and security keys as the second factor: registering one (named, after a fresh sign-in), signing in with
it as with a code (same session state, remembered browser, throttling), removing one, who may touch whose, the roles
that must use a second factor, and the site administration (no key shown). A software authenticator
(:mod:`tests.accounts.webauthn`) answers the server's options as a browser's would."""

import json
import logging
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from cmcoord.accounts import twofactor
from cmcoord.accounts.models import Passkey

from .webauthn import SoftAuthenticator, b64url

pytestmark = pytest.mark.django_db

HOME = reverse("home")
VERIFY = reverse("two-factor-verify")
SET_UP = reverse("two-factor-setup")
PAGE = reverse("two-factor")
REGISTER_BEGIN = reverse("otp_webauthn:credential-registration-begin")
REGISTER_COMPLETE = reverse("otp_webauthn:credential-registration-complete")
AUTH_BEGIN = reverse("otp_webauthn:credential-authentication-begin")
AUTH_COMPLETE = reverse("otp_webauthn:credential-authentication-complete")
SIGNED_IN = reverse("two-factor-passkey-signed-in")


def sign_in(client, user, password):
    """Sign out whoever was signed in (the browser keeps its "remember" cookie, as a browser does), then in."""
    kept = client.cookies.get(twofactor.REMEMBER_COOKIE)
    client.logout()
    if kept is not None:
        client.cookies[twofactor.REMEMBER_COOKIE] = kept.value
    response = client.post(reverse("login"), {"username": user.username, "password": password})
    assert response.status_code == 302
    return response


def post_json(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def register(client, authenticator=None, **kwargs):
    """Register a passkey of the signed-in user from ``client``: the completion's answer and the authenticator."""
    authenticator = authenticator or SoftAuthenticator()
    options = post_json(client, REGISTER_BEGIN)
    assert options.status_code == 200, options.content
    return post_json(client, REGISTER_COMPLETE, authenticator.register(options.json(), **kwargs)), authenticator


def use(client, authenticator, **kwargs):
    """The second step with ``authenticator``: the completion's answer."""
    options = post_json(client, AUTH_BEGIN)
    assert options.status_code == 200, options.content
    return post_json(client, AUTH_COMPLETE, authenticator.sign_in(options.json(), **kwargs))


def with_passkey(user, client, password) -> SoftAuthenticator:
    """``user`` with one registered passkey (and the recovery codes that came with it); ``client`` signed out."""
    sign_in(client, user, password)
    response, authenticator = register(client)
    assert response.status_code == 200, response.content
    client.logout()
    return authenticator


def test_a_user_registers_a_named_passkey_from_the_set_up_page(client, world, password):
    sign_in(client, world.officer, password)
    page = client.get(SET_UP)
    assert 'id="passkey-registration-available-template"' in page.text
    assert 'id="otp_webauthn_config"' in page.text and "django_otp_webauthn/otp_webauthn_register.js" in page.text
    assert "js/passkeys.js" in page.text
    options = post_json(client, REGISTER_BEGIN).json()
    assert options["rp"] == {"name": "CMCoord Tracker", "id": "localhost"}
    response = post_json(client, REGISTER_COMPLETE, SoftAuthenticator().register(options))
    assert response.status_code == 200
    passkey = Passkey.objects.get(user=world.officer)
    assert response.json() == {"id": passkey.pk} and passkey.name == "Passkey 1"
    # Named by the page's form once registered; the two-factor page shows the recovery codes once, and the passkey.
    name = reverse("two-factor-passkey-name", args=[passkey.pk])
    assert client.post(name, {"name": "x" * 65})["Location"] == PAGE  # too long: said, and not kept
    response = client.post(name, {"name": "Work laptop"})
    assert response["Location"] == PAGE
    page = client.get(PAGE).text
    assert page.count('data-testid="recovery-code"') == twofactor.RECOVERY_CODES
    assert "Work laptop" in page and "On: signing in asks for one of your passkeys." in page
    assert "The name was not kept: Ensure this value has at most 64 characters" in page
    assert client.session[twofactor.STATE] == twofactor.OWED
    assert twofactor.has_second_factor(world.officer)
    # A second passkey keeps the codes the user has.
    codes = set(StaticDevice.objects.get(user=world.officer).token_set.values_list("token", flat=True))
    assert register(client)[0].status_code == 200
    assert set(StaticDevice.objects.get(user=world.officer).token_set.values_list("token", flat=True)) == codes
    assert list(twofactor.passkeys(world.officer).values_list("name", flat=True)) == ["Work laptop", "Passkey 2"]


def test_the_librarys_scripts_are_our_own_static_files():
    """Served with ours (collectstatic, WhiteNoise in production), from the site's own address: no CDN."""
    from django.contrib.staticfiles import finders
    from django.templatetags.static import static

    for name in ("django_otp_webauthn/otp_webauthn_register.js", "django_otp_webauthn/otp_webauthn_auth.js"):
        assert finders.find(name) is not None
        assert static(name).startswith("/static/")
    assert finders.find("js/passkeys.js") is not None


def test_registering_needs_a_fresh_sign_in(client, world, password):
    sign_in(client, world.officer, password)
    session = client.session
    session["signed_in_at"] = 0
    session.save()
    response = post_json(client, REGISTER_BEGIN)
    assert response.status_code == 403 and response.json()["code"] == "fresh_sign_in_needed"
    assert client.get(SET_UP)["Location"].startswith(reverse("confirm-password"))
    client.post(reverse("confirm-password") + f"?next={SET_UP}", {"password": password})
    assert register(client)[0].status_code == 200


def test_signing_in_with_a_passkey_is_the_second_factor_as_a_code_is(client, world, password, caplog):
    authenticator = with_passkey(world.officer, client, password)
    sign_in(client, world.officer, password)
    assert client.get(HOME)["Location"].startswith(VERIFY)  # a passkey alone makes the account "set up"
    page = client.get(VERIFY).text
    assert 'id="passkey-verification-available-template"' in page and "otp_webauthn_auth.js" in page
    assert "One of your recovery codes, if your passkey is not at hand." in page  # no authenticator app to name
    assert post_json(client, REGISTER_BEGIN).status_code == 302  # no new passkey before the second step
    options = post_json(client, AUTH_BEGIN).json()
    assert [item["id"] for item in options["allowCredentials"]] == [b64url(authenticator.credential_id)]
    with caplog.at_level(logging.INFO, logger="cmcoord.accounts.twofactor"):
        response = post_json(client, AUTH_COMPLETE, authenticator.sign_in(options))
    assert response.status_code == 200
    passkey = Passkey.objects.get(user=world.officer)
    assert response.json() == {"id": passkey.pk}  # no address: the page's form goes on
    assert f"two-factor given: user={world.officer.pk} device=passkey#{passkey.pk}" in caplog.text
    assert passkey.last_used_at is not None and passkey.sign_count == 1
    assert client.session[twofactor.STATE] == twofactor.OWED
    assert client.session["otp_device_id"] == passkey.persistent_id
    response = client.post(SIGNED_IN, {"next": "/operations/CAF/", "remember": ""})
    assert response["Location"] == "/operations/CAF/" and twofactor.REMEMBER_COOKIE not in response.cookies
    assert client.get(HOME).status_code == 200


def test_a_passkey_may_remember_the_browser_and_removing_it_forgets_it(client, world, password):
    authenticator = with_passkey(world.officer, client, password)
    sign_in(client, world.officer, password)
    assert use(client, authenticator).status_code == 200
    response = client.post(SIGNED_IN, {"next": "https://elsewhere.example/", "remember": "on"})
    assert response["Location"] == HOME  # only addresses of this site
    assert response.cookies[twofactor.REMEMBER_COOKIE]["max-age"] == 30 * 24 * 3600
    sign_in(client, world.officer, password)
    assert client.get(HOME).status_code == 200  # remembered
    twofactor.remove_passkey(None, Passkey.objects.get(user=world.officer))
    with_passkey(world.officer, client, password)
    sign_in(client, world.officer, password)
    assert client.get(HOME)["Location"].startswith(VERIFY)  # the passkey it named is gone


def test_remembering_needs_a_passkey_just_used(client, world, password):
    authenticator = with_passkey(world.officer, client, password)
    sign_in(client, world.officer, password)
    assert use(client, authenticator).status_code == 200
    Passkey.objects.filter(user=world.officer).update(last_used_at=timezone.now() - timedelta(hours=1))
    response = client.post(SIGNED_IN, {"remember": "on"})
    assert response.status_code == 302 and twofactor.REMEMBER_COOKIE not in response.cookies


def test_recovery_codes_still_work_for_a_user_with_a_passkey_only(client, world, password):
    with_passkey(world.officer, client, password)
    code = twofactor.recovery_codes(world.officer)[0]
    sign_in(client, world.officer, password)
    assert client.post(VERIFY, {"code": code})["Location"] == HOME
    assert client.get(HOME).status_code == 200


def test_another_users_passkey_neither_signs_in_nor_is_renamed_nor_removed(client, world, password):
    heads = with_passkey(world.head, client, password)
    heads_passkey = Passkey.objects.get(user=world.head)
    with_passkey(world.officer, client, password)
    sign_in(client, world.officer, password)
    response = use(client, heads)
    assert response.status_code == 403 and response.json()["code"] == "credential_user_mismatch"
    assert client.get(HOME)["Location"].startswith(VERIFY)
    # Once signed in with their own, still nothing of hers.
    client.post(VERIFY, {"code": twofactor.recovery_codes(world.officer)[0]})
    name = reverse("two-factor-passkey-name", args=[heads_passkey.pk])
    remove = reverse("two-factor-passkey-remove", args=[heads_passkey.pk])
    assert client.post(name, {"name": "mine now"}).status_code == 404
    assert client.post(remove).status_code == 404
    heads_passkey.refresh_from_db()
    assert heads_passkey.name == "Passkey 1"
    assert heads_passkey.throttling_failure_count == 0  # her passkey's throttle is not anyone else's to raise


def test_anonymous_visitors_reach_none_of_it(client, world, password):
    with_passkey(world.officer, client, password)
    passkey = Passkey.objects.get(user=world.officer)
    for url in (
        REGISTER_BEGIN,
        REGISTER_COMPLETE,
        AUTH_BEGIN,
        AUTH_COMPLETE,
        SIGNED_IN,
        reverse("two-factor-passkey-name", args=[passkey.pk]),
        reverse("two-factor-passkey-remove", args=[passkey.pk]),
    ):
        response = post_json(client, url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url
    assert Passkey.objects.filter(pk=passkey.pk).exists()


def test_a_failed_passkey_waits_before_its_next_try(client, world, password, settings):
    authenticator = with_passkey(world.officer, client, password)
    sign_in(client, world.officer, password)
    response = use(client, authenticator, tamper=True)
    assert response.status_code == 422
    passkey = Passkey.objects.get(user=world.officer)
    assert passkey.throttling_failure_count == 1
    response = use(client, authenticator)
    assert response.status_code == 429 and response.json()["code"] == "throttled"
    assert client.get(HOME)["Location"].startswith(VERIFY)
    Passkey.objects.filter(pk=passkey.pk).update(throttling_failure_timestamp=timezone.now() - timedelta(seconds=5))
    assert use(client, authenticator).status_code == 200
    passkey.refresh_from_db()
    assert passkey.throttling_failure_count == 0
    assert client.get(HOME).status_code == 200


def test_a_passkey_answers_only_from_the_sites_own_address(client, world, password):
    sign_in(client, world.head, password)
    response, _authenticator = register(client, origin="https://phishing.example")
    assert response.status_code == 422 and not Passkey.objects.filter(user=world.head).exists()
    authenticator = with_passkey(world.officer, client, password)
    sign_in(client, world.officer, password)
    assert post_json(client, REGISTER_BEGIN).status_code == 302  # a session owing its second factor adds none
    assert use(client, authenticator, origin="https://phishing.example").status_code == 422
    assert client.get(HOME)["Location"].startswith(VERIFY)


def test_removing_a_passkey_asks_for_the_password_and_the_last_one_takes_the_codes(client, world, password):
    authenticator = with_passkey(world.officer, client, password)
    sign_in(client, world.officer, password)
    assert use(client, authenticator).status_code == 200
    passkey = Passkey.objects.get(user=world.officer)
    remove = reverse("two-factor-passkey-remove", args=[passkey.pk])
    session = client.session
    session["signed_in_at"] = 0
    session.save()
    response = client.post(remove)
    assert response["Location"] == f"{reverse('confirm-password')}?next=%2Faccounts%2Ftwo-factor%2F"
    assert Passkey.objects.filter(pk=passkey.pk).exists()
    client.post(reverse("confirm-password") + f"?next={PAGE}", {"password": password})
    assert client.post(remove)["Location"] == PAGE
    assert not Passkey.objects.filter(user=world.officer).exists()
    assert not StaticDevice.objects.filter(user=world.officer).exists()  # codes alone are no second factor
    assert client.session[twofactor.STATE] == twofactor.FREE
    assert "Off." in client.get(PAGE).text


def test_with_an_authenticator_too_removing_the_passkey_keeps_the_rest(client, world, password):
    TOTPDevice.objects.create(user=world.officer, name="authenticator", confirmed=True)
    twofactor.recovery_codes(world.officer)
    sign_in(client, world.officer, password)
    client.post(VERIFY, {"code": twofactor.recovery_codes(world.officer)[0]})
    register(client)
    page = client.get(PAGE).text
    assert "one of your passkeys or a code from your authenticator app" in page
    assert 'data-testid="recovery-code"' not in page  # they had codes: no new ones
    client.post(reverse("two-factor-passkey-remove", args=[Passkey.objects.get(user=world.officer).pk]))
    assert twofactor.has_second_factor(world.officer) and StaticDevice.objects.filter(user=world.officer).exists()


@pytest.mark.parametrize("who", ["head", "hq", "admin"])
def test_required_roles_may_set_up_a_passkey_and_then_must_give_it(client, world, password, settings, who):
    settings.CMCOORD_TWO_FACTOR_REQUIRED = True
    user = getattr(world, who)
    sign_in(client, user, password)
    assert client.get(HOME)["Location"].startswith(SET_UP)
    response, authenticator = register(client)  # the set-up's own calls are open to a session owing a set-up
    assert response.status_code == 200
    assert client.get(HOME).status_code == 200
    sign_in(client, user, password)
    assert client.get(HOME)["Location"].startswith(VERIFY)  # set up: a passkey alone is enough
    assert use(client, authenticator).status_code == 200
    assert client.get(HOME).status_code == 200
    # Removing the last one: required roles are sent to set one up again.
    client.post(reverse("two-factor-passkey-remove", args=[Passkey.objects.get(user=user).pk]))
    assert client.get(HOME)["Location"].startswith(SET_UP)


def test_the_site_administration_lists_and_removes_passkeys_without_their_keys(client, world, password):
    authenticator = with_passkey(world.officer, client, password)
    passkey = Passkey.objects.get(user=world.officer)
    client.force_login(world.admin)
    changelist = client.get(reverse("admin:accounts_passkey_changelist"))
    assert changelist.status_code == 200 and "Passkey 1" in changelist.text
    change = client.get(reverse("admin:accounts_passkey_change", args=[passkey.pk]))
    assert change.status_code == 200
    for secret in (passkey.public_key.hex(), bytes(passkey.public_key).hex()[:40], passkey.credential_id_sha256):
        assert secret not in changelist.text and secret not in change.text
    assert not TOTPDevice.objects.exists()
    response = client.post(
        reverse("admin:accounts_passkey_changelist"),
        {"action": "remove", "_selected_action": [passkey.pk]},
    )
    assert response.status_code == 302
    assert not Passkey.objects.exists() and not StaticDevice.objects.filter(user=world.officer).exists()
    # And that passkey signs no one in any more.
    sign_in(client, world.officer, password)
    assert client.get(HOME).status_code == 200  # no second factor left (not a required role here)
    assert use(client, authenticator).status_code == 404
    # One at a time, from its own page: the confirmation names it, not its key.
    with_passkey(world.head, client, password)
    heads = Passkey.objects.get(user=world.head)
    client.force_login(world.admin)
    delete = reverse("admin:accounts_passkey_delete", args=[heads.pk])
    confirmation = client.get(delete)
    assert confirmation.status_code == 200 and "Passkey 1" in confirmation.text
    assert heads.public_key.hex() not in confirmation.text and heads.credential_id_sha256 not in confirmation.text
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Passkey.objects.filter(user=world.head).exists()
    assert not StaticDevice.objects.filter(user=world.head).exists()


def test_staff_without_superuser_status_cannot_reach_passkeys_in_the_administration(client, world):
    staff = get_user_model().objects.create_user("staff", password="x" * 12, is_staff=True)
    client.force_login(staff)
    assert client.get(reverse("admin:accounts_passkey_changelist")).status_code == 302


def test_the_log_records_passkeys_and_codes_alike(client, world, password, caplog, settings):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    authenticator = with_passkey(world.officer, client, password)
    passkey = Passkey.objects.get(user=world.officer)
    code = twofactor.recovery_codes(world.officer)[0]
    with caplog.at_level(logging.INFO, logger="cmcoord.accounts.twofactor"):
        sign_in(client, world.officer, password)
        client.post(VERIFY, {"code": "not-a-code"})
        use(client, authenticator, tamper=True)
        client.post(VERIFY, {"code": code})
    user = world.officer.pk
    assert f"two-factor refused (code): user={user} device=- address=127.0.0.1" in caplog.text
    assert f"two-factor refused (invalid_authentication_response): user={user} device=-" in caplog.text
    assert f"two-factor given: user={user} device=recovery-code#" in caplog.text
    assert code not in caplog.text and passkey.public_key.hex() not in caplog.text
    caplog.clear()
    client.force_login(world.admin)
    with caplog.at_level(logging.INFO, logger="cmcoord.accounts.twofactor"):
        removal = {"action": "remove", "_selected_action": [passkey.pk]}
        client.post(reverse("admin:accounts_passkey_changelist"), removal)
    assert f"two-factor passkey removed: user={user} device=passkey#{passkey.pk}" in caplog.text
    assert f"by={world.admin.pk}" in caplog.text


@pytest.mark.parametrize(
    "origins,rp_id,errors",
    [
        (["https://cmcoord.example.org"], "cmcoord.example.org", []),
        (["https://cmcoord.example.org", "https://cf.cmcoord.example.org"], "cmcoord.example.org", []),
        (["http://localhost:8000"], "localhost", []),
        (["http://127.0.0.1:8000"], "127.0.0.1", ["accounts.E001"]),
        (["https://cmcoord.example.org"], "example.net", ["accounts.E002"]),
        (["https://evilcmcoord.example.org"], "cmcoord.example.org", ["accounts.E002"]),
    ],
)
def test_the_relying_party_is_checked_at_start(settings, origins, rp_id, errors):
    from cmcoord.accounts.checks import relying_party

    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS, settings.OTP_WEBAUTHN_RP_ID = origins, rp_id
    assert [error.id for error in relying_party(None)] == errors
