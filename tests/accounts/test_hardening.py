"""Sign-in lockout per address: many usernames tried from one address are stopped too."""

from django.urls import reverse

from tests.factories import UserFactory


def sign_in(client, username, password, address="10.1.2.3"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_many_usernames_from_one_address_lock_that_address(client, world, password, settings):
    settings.SIGN_IN_FAILURE_LIMIT_PER_ADDRESS = 8
    for n in range(settings.SIGN_IN_FAILURE_LIMIT_PER_ADDRESS - 1):
        assert sign_in(client, f"guess{n}", "wrong").status_code == 200
    locked = sign_in(client, "guess-last", "wrong")
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.text
    # Even a real person with the right password is refused from that address for the cool-off time …
    refused = sign_in(client, "officer", password)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    # … and signs in from another address.
    assert sign_in(client, "officer", password, address="10.9.9.9").status_code == 302


def test_the_address_limit_is_higher_than_the_per_username_one(client, world, password, settings):
    """An office behind one address: a few people mistyping does not lock the others out."""
    assert settings.SIGN_IN_FAILURE_LIMIT_PER_ADDRESS > settings.AXES_FAILURE_LIMIT
    people = [UserFactory(username=f"colleague{n}") for n in range(3)]
    for person in people:
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert sign_in(client, person.username, "wrong").status_code == 200
    assert sign_in(client, "officer", password).status_code == 302


def test_the_per_username_limit_still_locks_one_username(client, world, password, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "head", "wrong")
    assert sign_in(client, "head", password).status_code == 429
    client.logout()
    assert sign_in(client, "officer", password).status_code == 302
