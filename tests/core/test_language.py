"""Which language a page speaks: the user's preference, then the switcher's choice, then the browser's
Accept-Language, then the operation's working language, then English; never in the URL (cmcoord.core.language)."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse

from cmcoord.accounts.models import AccountPreferences
from tests.factories import TaskFactory
from tests.support import UNCLASSIFIED, task_log_url

pytestmark = pytest.mark.django_db


def html_lang(response) -> tuple[str, str]:
    """The ``lang`` and ``dir`` of the page's ``<html>`` element."""
    found = re.search(r'<html lang="([^"]+)" dir="([^"]+)"', response.text)
    assert found, response.text[:300]
    return found.group(1), found.group(2)


def switch(client, code, back="/"):
    return client.post(reverse("set-language"), {"language": code, "next": back})


def test_english_without_any_choice(world, login):
    response = login(world.officer).get(reverse("home"))
    assert html_lang(response) == ("en", "ltr")
    assert response.headers["Content-Language"] == "en"
    assert "bootstrap.min.css" in response.text and "bootstrap.rtl.min.css" not in response.text


def test_accept_language_arabic_gives_a_right_to_left_page(world, login):
    response = login(world.officer).get(reverse("home"), headers={"accept-language": "ar-SD,ar;q=0.9,en;q=0.5"})
    assert html_lang(response) == ("ar", "rtl")
    assert "bootstrap.rtl.min.css" in response.text and "bootstrap.min.css" not in response.text
    assert "Accept-Language" in response.headers["Vary"]
    assert "مهامي" in response.text and "تسجيل الخروج" in response.text  # My tasks, Sign out


def test_the_first_language_of_the_browser_that_the_product_speaks(world, login):
    browser = {"accept-language": "de-CH,de;q=0.9,es;q=0.8,fr;q=0.5"}
    response = login(world.officer).get(reverse("home"), headers=browser)
    assert html_lang(response) == ("es", "ltr")


def test_an_operation_page_falls_back_to_the_operation_language(world, login):
    world.operation.language = "fr"
    world.operation.save()
    client = login(world.officer)
    assert html_lang(client.get(task_log_url("task-list"))) == ("fr", "ltr")
    # Outside the operation, and where the browser names a language the product speaks, the operation gives way.
    assert html_lang(client.get(reverse("home"))) == ("en", "ltr")
    assert html_lang(client.get(task_log_url("task-list"), headers={"accept-language": "en-GB"})) == ("en", "ltr")


def test_an_arabic_operation_page_is_right_to_left_with_iso_dates(world, login):
    world.operation.language = "ar"
    world.operation.save()
    TaskFactory(operation=world.operation, owner=world.officer, sensitivity=UNCLASSIFIED, due_date=date(2030, 11, 21))
    response = login(world.officer).get(task_log_url("task-list"))
    assert html_lang(response) == ("ar", "rtl") and "bootstrap.rtl.min.css" in response.text
    assert "2030-11-21" in response.text  # dates stay ISO 8601, in Western digits


def test_the_switcher_is_on_every_page_and_on_the_sign_in_page(world, client, login):
    sign_in = client.get(reverse("login"))
    assert 'data-testid="language-switcher"' in sign_in.text
    for code, name in (("en", "English"), ("fr", "Français"), ("ar", "العربيّة"), ("es", "Español")):
        assert f'value="{code}" lang="{code}"' in sign_in.text and name in sign_in.text
    assert 'data-testid="language-switcher"' in login(world.officer).get(task_log_url("task-list")).text


def test_switching_saves_the_preference_and_keeps_the_address(world, login):
    client = login(world.officer)
    back = task_log_url("task-list") + "?status=planned"
    response = switch(client, "fr", back)
    assert response.status_code == 302 and response.url == back  # the same page, no language in its address
    assert AccountPreferences.objects.get(user=world.officer).language == "fr"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    page = client.get(back)
    assert html_lang(page) == ("fr", "ltr")
    assert page.request["PATH_INFO"] == task_log_url("task-list")


def test_a_french_user_sees_french_on_every_browser(world, client):
    AccountPreferences.objects.create(user=world.officer, language="fr")
    client.force_login(world.officer)
    # The preference outweighs the browser and the cookie of another choice.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    response = client.get(reverse("home"), headers={"accept-language": "ar"})
    assert html_lang(response) == ("fr", "ltr")
    assert "Mes tâches" in response.text and "Se déconnecter" in response.text and "My tasks" not in response.text
    tasks = client.get(task_log_url("task-list")).text
    assert "Tâches · Central African Republic" in tasks and "Aucune tâche ne correspond." in tasks


def test_the_cookie_outweighs_the_browser_and_holds_on_the_sign_in_page(client):
    response = switch(client, "ar", reverse("login") + "?next=/tasks/mine/")
    assert response.url == reverse("login") + "?next=/tasks/mine/"
    assert not AccountPreferences.objects.exists()  # nobody signed in: this browser only
    page = client.get(response.url, headers={"accept-language": "en"})
    assert html_lang(page) == ("ar", "rtl")


def test_an_unknown_language_or_a_foreign_address_changes_nothing(world, login):
    client = login(world.officer)
    response = switch(client, "de", "https://evil.example/")
    assert response.url == reverse("home")
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert not AccountPreferences.objects.exists()


def test_the_switcher_takes_only_posts(world, login):
    assert login(world.officer).get(reverse("set-language")).status_code == 405


def test_the_head_sets_the_operation_language(world, login):
    client = login(world.head)
    response = client.post(
        reverse("operations:settings", kwargs={"code": "CAF"}),
        {
            "name": "Central African Republic",
            "strategy": "coordination",
            "time_zone": "Africa/Bangui",
            "language": "ar",
        },
    )
    assert response.status_code == 302
    world.operation.refresh_from_db()
    assert world.operation.language == "ar"


def test_the_error_pages_drawn_without_the_database_speak_the_request_language():
    from django.template.loader import render_to_string
    from django.utils import translation

    for name in ("500.html", "503.html"):
        with translation.override("ar"):
            page = render_to_string(name)
        assert '<html lang="ar" dir="rtl">' in page and "bootstrap.rtl.min.css" in page, name
        with translation.override("fr"):
            assert '<html lang="fr" dir="ltr">' in render_to_string(name), name
