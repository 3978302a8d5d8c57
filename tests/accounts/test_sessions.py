"""A user sees where they are signed in and ends any or all of those sessions; nobody sees another's."""

import pytest
from django.test import Client
from django.urls import reverse

from cmcoord.accounts.models import SignedInSession

pytestmark = pytest.mark.django_db

SESSIONS = reverse("sessions")


def signed_in(user, password, agent):
    client = Client(HTTP_USER_AGENT=agent)
    assert client.post(reverse("login"), {"username": user.username, "password": password}).status_code == 302
    return client


def test_ending_one_session_signs_that_browser_out(world, password):
    laptop = signed_in(world.officer, password, "Firefox on a laptop")
    phone = signed_in(world.officer, password, "Chrome on a phone")
    signed_in(world.head, password, "The head's browser")
    page = laptop.get(SESSIONS).text
    assert page.count('data-testid="session-row"') == 2  # the head's is not listed
    assert "Chrome on a phone" in page and "The head's browser" not in page
    phone_key = SignedInSession.objects.get(browser="Chrome on a phone").session_key
    laptop.post(SESSIONS, {"end": phone_key})
    assert phone.get("/")["Location"].startswith(reverse("login"))
    assert laptop.get("/").status_code == 200
    # Another user's session cannot be ended by naming it.
    head_key = SignedInSession.objects.get(user=world.head).session_key
    laptop.post(SESSIONS, {"end": head_key})
    assert SignedInSession.objects.filter(session_key=head_key).exists()


def test_signing_out_everywhere_else_keeps_this_browser(world, password):
    here = signed_in(world.officer, password, "Here")
    others = [signed_in(world.officer, password, f"Other {n}") for n in range(3)]
    here.post(SESSIONS, {"end": "others"})
    assert here.get("/").status_code == 200
    assert all(other.get("/").status_code == 302 for other in others)
    assert list(SignedInSession.objects.values_list("browser", flat=True)) == ["Here"]


def test_signing_out_removes_the_session_from_the_list(world, password):
    client = signed_in(world.officer, password, "Browser")
    client.post(reverse("logout"))
    assert not SignedInSession.objects.exists()
