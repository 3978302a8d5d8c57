"""In Chromium, in each language of the product: the main pages of each role (the officer's dashboard, task list and
form, actor page, engagement form and notification; the head of office's digest preview; the HQ dashboard) on a
desktop's width (1366 px) and a phone's (390 px) carry the language and its direction, never scroll sideways, put the
navigation where the language starts (on the right in Arabic), and axe-core finds no serious violation on them.

Each user's language is the one saved with their account, as a user sets it with the switcher. One load of the demo
for the four languages (a load takes about 20 s); each problem found names its language. ``CMCOORD_SCREENSHOTS=1``
saves each page's screenshot under ``test-results/languages/`` for review.
"""

import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from cmcoord.accounts.models import AccountPreferences
from tests.factories import TEST_PASSWORD

from .axe import inject_axe, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ("en", "fr", "ar", "es")
WIDTHS = (1366, 390)
SCREENSHOTS = Path("test-results") / "languages"


def main_pages():
    """``{username: [(name, address)]}``: the main pages of each role in the demo's CAF."""
    from actors.models import Actor
    from deconfliction.models import Notification
    from digests.models import DigestSchedule

    actor = Actor.objects.filter(operation__country="CF").order_by("name").first()
    notification = Notification.objects.filter(operation__country="CF").order_by("reference").first()
    schedule = DigestSchedule.objects.filter(operation__country="CF").order_by("pk").first()
    return {
        "officer.caf": [
            ("dashboard", "/operations/CAF/"),
            ("task-list", "/operations/CAF/tasks/"),
            ("task-form", "/operations/CAF/tasks/new/"),
            ("actor", actor.get_absolute_url()),
            ("engagement-form", "/operations/CAF/engagements/new/"),
            ("notification", notification.get_absolute_url()),
        ],
        "head.caf": [("digest-preview", f"/operations/CAF/digests/schedules/{schedule.pk}/preview/")],
        "hq.geneva": [("hq-dashboard", "/hq/")],
    }


def layout_problems(page, code, width) -> list[str]:
    """What is wrong with the page's direction and layout at this width, one line each."""
    found = []
    rtl = code == "ar"
    html = page.locator("html")
    if (html.get_attribute("lang"), html.get_attribute("dir")) != (code, "rtl" if rtl else "ltr"):
        found.append(f"lang={html.get_attribute('lang')} dir={html.get_attribute('dir')}")
    if page.evaluate("getComputedStyle(document.documentElement).direction") != ("rtl" if rtl else "ltr"):
        found.append("the computed direction differs from dir")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > width:
        found.append(f"the page is {scroll} px wide")
    brand = page.locator(".navbar-brand").bounding_box()
    if width > 768:
        # The brand and the operation's first tab start where the language starts: on the right in Arabic.
        start = brand["x"] + brand["width"] if rtl else brand["x"]
        if (start < width * 0.75) if rtl else (start > width * 0.25):
            found.append(f"the brand starts at {start} px")
        tabs = page.get_by_test_id("operation-nav").locator(".nav-tabs .nav-link")
        if tabs.count():
            first = tabs.first.bounding_box()
            if (first["x"] < width / 2) if rtl else (first["x"] > width / 2):
                found.append(f"the operation's first tab is at {first['x']} px")
    else:
        # A phone: the brand where the language starts, the menu button at the other end.
        toggler = page.locator(".navbar-toggler").bounding_box()
        if (toggler["x"] > brand["x"]) if rtl else (toggler["x"] < brand["x"]):
            found.append(f"the menu button at {toggler['x']} px, the brand at {brand['x']} px")
    return found


def test_the_main_pages_of_each_role_in_each_language(page, sign_in, demo):
    users = get_user_model().objects.filter(username__in=["head.caf", "hq.geneva"])
    for user in users:
        user.set_password(TEST_PASSWORD)
        user.save(update_fields=["password"])
    screenshots = os.environ.get("CMCOORD_SCREENSHOTS", "").lower() in {"1", "true", "yes"}
    inject_axe(page)
    pages_of = main_pages()
    found = []
    for code in LANGUAGES:  # one demo load for the four: each language is the accounts' saved choice in turn
        for user in [demo, *users]:
            AccountPreferences.objects.update_or_create(user=user, defaults={"language": code})
        for username, pages in pages_of.items():
            sign_in(username)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                for name, address in pages:
                    # Checked once loaded (stylesheets, images, scripts run); not after the network is quiet, which
                    # cost half a second a page for nothing the checks read: no page draws anything from a fetch.
                    response = page.goto(address)
                    assert response.status == 200, f"{code} {address}"
                    problems = layout_problems(page, code, width)
                    found += [f"{code} {width} px {address}: {problem}" for problem in problems]
                    found += [f"{code} {width} px {line}" for line in serious_violations(page)]
                    if screenshots:
                        page.screenshot(path=str(SCREENSHOTS / f"{code}-{width}-{name}.png"))
            page.forget_session()
    assert found == [], "\n".join(found)
    assert page.problems == [], page.problems
