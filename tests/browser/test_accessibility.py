"""In Chromium: axe-core finds no serious or critical accessibility problem on the pages an officer uses most.

axe-core (vendored under ``tests/browser/vendor/``, for tests only) is injected as an init script, which the
page's Content-Security-Policy does not govern, so every page is checked with its real CSP in force.
"""

from pathlib import Path

import pytest

from actors.models import Actor
from protection_tasks.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def serious_violations(page):
    """axe's serious and critical violations on the current page, one readable line each."""
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{page.url}: {v['id']} ({v['impact']}) {v['help']}: {[n['target'] for n in v['nodes'][:3]]}"
        for v in results["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_main_pages_have_no_serious_accessibility_violation(page, sign_in, demo, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.add_init_script(path=str(AXE))
    task = Task.objects.filter(reference__startswith="CAF-").order_by("reference").first()
    actor = Actor.objects.filter(operation=task.operation).order_by("name").first()
    found = []

    page.goto("/accounts/login/")
    found += serious_violations(page)
    sign_in(demo.username)
    for url in [
        "/",
        "/operations/CAF/",
        "/operations/CAF/tasks/",
        task.get_absolute_url(),
        task.get_absolute_url() + "edit/",
        "/operations/CAF/tasks/new/",
        "/operations/CAF/priorities/",
        "/operations/CAF/catalogue/",
        "/operations/CAF/actors/",
        actor.get_absolute_url(),
        "/missions/",
        "/tasks/mine/",
    ]:
        response = page.goto(url)
        assert response.status == 200, url
        found += serious_violations(page)

    # A form after a failed submit: the error summary and the fields marked invalid.
    page.goto("/operations/CAF/tasks/new/")
    page.get_by_role("button", name="Create task").click()
    assert page.get_by_test_id("error-summary").is_visible()
    found += serious_violations(page)

    assert found == [], "\n".join(found)
    assert page.problems == [], page.problems


def test_stakeholder_map_has_no_serious_accessibility_violation(page, sign_in, demo):
    page.add_init_script(path=str(AXE))
    sign_in(demo.username)
    for url in ["/operations/CAF/actors/map/", "/operations/CAF/actors/network/"]:
        response = page.goto(url)
        assert response.status == 200, url
        found = serious_violations(page)
        assert found == [], "\n".join(found)
    assert page.problems == [], page.problems
