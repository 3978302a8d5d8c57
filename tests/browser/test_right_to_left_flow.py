"""In Chromium: an Arabic page is written right to left (Bootstrap's RTL build), its navigation starts on the right,
and at 390 px nothing makes the page scroll sideways. The language is chosen on the sign-in page and kept."""

import pytest

from cmcoord.accounts.models import AccountPreferences
from tests.factories import TaskFactory
from tests.support import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
ARABIC_TITLE = "التفاوض على مرور آمن للعيادة المتنقلة عبر نقاط التفتيش قبل موسم الأمطار"


def direction(page) -> str:
    return page.evaluate("getComputedStyle(document.documentElement).direction")


def assert_no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page is {width} px wide"


def test_arabic_chosen_on_the_sign_in_page_lays_the_pages_out_right_to_left(page, world, password):
    TaskFactory(operation=world.operation, owner=world.officer, title=ARABIC_TITLE)
    TaskFactory.create_batch(4, operation=world.operation, owner=world.head)
    page.goto("/accounts/login/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    submit(page, page.locator("[data-testid=language-switcher] button[lang=ar]"))
    assert page.locator("html").get_attribute("lang") == "ar" and direction(page) == "rtl"
    assert page.url.endswith("/accounts/login/")  # the address does not change with the language

    page.locator("input[name=username]").fill("officer")
    page.locator("input[name=password]").fill(password)
    submit(page, page.locator("form[method=post] button[type=submit]").last)
    assert AccountPreferences.objects.filter(user=world.officer).count() == 0  # a choice before signing in: cookie
    page.goto("/operations/CAF/tasks/")
    assert page.locator("html").get_attribute("dir") == "rtl" and direction(page) == "rtl"
    assert page.locator("link[href*='bootstrap.rtl']").count() == 1

    # Wide screen: the brand and the operation's tabs start on the right, the account menu sits on the left.
    width = page.viewport_size["width"]
    brand = page.locator(".navbar-brand").bounding_box()
    assert brand["x"] + brand["width"] > width * 0.75, brand
    account = page.get_by_test_id("user-menu").bounding_box()
    assert account["x"] < width / 2, account
    first_tab = page.get_by_test_id("operation-nav").locator(".nav-tabs .nav-link").first.bounding_box()
    assert first_tab["x"] > width / 2, first_tab
    assert_no_sideways_scroll(page)

    # The charts keep their left-to-right geometry: every label inside its picture.
    page.goto("/operations/CAF/")
    charts = page.locator("svg.chart-svg")
    assert charts.count() >= 1
    for chart in charts.all():
        assert chart.evaluate("svg => getComputedStyle(svg).direction") == "ltr"
        box = chart.bounding_box()
        for label in chart.locator("text").all():
            inner = label.bounding_box()
            assert inner["x"] >= box["x"] - 1 and inner["x"] + inner["width"] <= box["x"] + box["width"] + 1, inner

    # A phone: the menu button on the left, the brand on the right, and nothing wider than the screen.
    page.set_viewport_size(PHONE)
    for address in ("/operations/CAF/tasks/", "/operations/CAF/", "/", "/tasks/mine/"):
        page.goto(address)
        page.wait_for_load_state("networkidle")
        assert direction(page) == "rtl", address
        assert_no_sideways_scroll(page)
    toggler = page.locator(".navbar-toggler").bounding_box()
    brand = page.locator(".navbar-brand").bounding_box()
    assert toggler["x"] < brand["x"], (toggler, brand)
    page.locator(".navbar-toggler").click()
    page.get_by_test_id("language-switcher").locator("button.dropdown-toggle").click()
    menu = page.get_by_test_id("language-switcher").locator(".dropdown-menu")
    assert menu.is_visible()
    box = menu.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert page.problems == [], page.problems


def test_a_user_title_in_arabic_keeps_its_direction_on_an_english_page(page, sign_in, world):
    TaskFactory(operation=world.operation, owner=world.officer, title=ARABIC_TITLE)
    sign_in("officer")
    page.goto("/operations/CAF/tasks/")
    assert direction(page) == "ltr"
    title = page.get_by_role("link", name=ARABIC_TITLE)
    assert title.evaluate("a => getComputedStyle(a).direction") == "rtl"


def test_the_sign_in_page_offers_every_language_within_a_phone_screen(page, live_server):
    page.set_viewport_size(PHONE)
    for code in ("en", "ar"):
        page.goto("/accounts/login/")
        switcher = page.get_by_test_id("language-switcher")
        submit(page, switcher.locator(f"button[lang={code}]"))
        for button in switcher.locator("button").all():
            box = button.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (code, box)
        assert_no_sideways_scroll(page)
    assert page.problems == [], page.problems
