"""Sign-in, brute-force lockout, sign-out and password reset, as a person meets them."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse


def sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="10.1.2.3")


def test_correct_password_signs_in_and_lands_on_home(client, world, password):
    response = sign_in(client, "officer", password)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert "Central African Republic" in client.get(reverse("home")).text


def test_wrong_password_shows_a_clear_error_and_keeps_the_username(client, world):
    response = sign_in(client, "officer", "not-the-password")
    assert response.status_code == 200
    assert "The username or password is not correct. Both are case-sensitive." in response.text
    assert 'value="officer"' in response.text


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, world, password, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "officer", "wrong").status_code == 200
    locked = sign_in(client, "officer", "wrong")
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.text
    assert "Try again in 15 minutes" in locked.text
    again = sign_in(client, "officer", password)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_at_an_address(client, world, password, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "officer", "wrong")
    assert sign_in(client, "head", password).status_code == 302


def test_next_parameter_returns_to_the_page_asked_for(client, world, password):
    target = reverse("operations:detail", kwargs={"code": "CAF"})
    response = client.get(target)
    assert response["Location"] == f"{reverse('login')}?next={target}"
    response = client.post(response["Location"], {"username": "officer", "password": password, "next": target})
    assert response["Location"] == target


def test_sign_out_needs_post_and_ends_the_session(client, world, login):
    login(world.officer)
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_password_reset_by_email(client, world):
    response = client.post(reverse("password_reset"), {"email": "officer@example.org"}, follow=True)
    assert "Check your e-mail" in response.text
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Set a new password" in form_page.text
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "a-fresh-long-pass", "new_password2": "a-fresh-long-pass"}
    )
    assert done.status_code == 302
    world.officer.refresh_from_db()
    assert world.officer.check_password("a-fresh-long-pass")


def test_password_reset_for_unknown_address_sends_nothing_and_says_the_same(client, world):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"}, follow=True)
    assert "Check your e-mail" in response.text
    assert mail.outbox == []


def test_password_change_rejects_a_weak_password(client, world, login, password):
    login(world.officer)
    response = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "12345", "new_password2": "12345"},
    )
    assert response.status_code == 200
    assert "This password is too short" in response.text


@pytest.mark.parametrize("url", ["/", "/operations/CAF/", "/api/v1/operations/"])
def test_pages_need_sign_in(client, world, url):
    assert client.get(url).status_code in (302, 401, 403)


@override_settings(AXES_FAILURE_LIMIT=2)
def test_lockout_page_passes_csp(client, world):
    sign_in(client, "officer", "wrong")
    response = sign_in(client, "officer", "wrong")
    assert response.status_code == 429
    assert "unsafe-inline" not in response["Content-Security-Policy"]
