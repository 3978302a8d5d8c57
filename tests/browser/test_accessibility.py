"""In Chromium: axe-core finds no serious or critical WCAG 2.2 A or AA problem on the pages an officer uses, every
record type's list and form among them.

axe-core (vendored under ``tests/browser/vendor/``, for tests only) is injected as an init script, which the
page's Content-Security-Policy does not govern, so every page is checked with its real CSP in force.
"""

import pytest

from actors.models import Actor
from protection_tasks.models import Task
from tests.support import submit

from .axe import AXE, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def record_pages() -> list[str]:
    """The operation's other pages, and every record type's list and new-record form in CAF (from the kit's
    declarations)."""
    from django.urls import reverse

    from cmcoord.records import record_types

    pages = [
        reverse("operations:about", kwargs={"code": "CAF"}),
        reverse("planning:checklist", kwargs={"code": "CAF"}),
        reverse("exports:mine"),
    ]
    for record_type in record_types():
        pages.append(reverse(record_type.url_name("list"), kwargs={"code": "CAF"}))
        if record_type.form:
            pages.append(reverse(record_type.url_name("create"), kwargs={"code": "CAF"}))
    return pages


def test_the_demo_s_pages_have_no_serious_accessibility_violation(page, sign_in, demo):
    """One load of the demo (every record type) for every check: the officer's pages at a desktop's and a phone's
    width, the stakeholder map and network, the pages only a head of office opens, and the HQ dashboard."""
    page.add_init_script(path=str(AXE))
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        main_pages(page, sign_in, demo)
        page.forget_session()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(demo.username)
    stakeholder_pages(page)
    page.forget_session()
    head_pages(page, sign_in)
    page.forget_session()
    from .test_hq_dashboard_flow import hq_dashboard_on_the_demo  # its page has axe loaded (tests/browser/axe.py)

    hq_dashboard_on_the_demo(page, sign_in)
    assert page.problems == [], page.problems


def main_pages(page, sign_in, demo):
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
        *(record_pages()),
    ]:
        response = page.goto(url)
        assert response.status == 200, url
        found += serious_violations(page)

    # A form after a failed submit: the error summary and the fields marked invalid.
    page.goto("/operations/CAF/tasks/new/")
    submit(page, page.get_by_role("button", name="Create task"))  # the outbox checks the link before it sends
    assert page.get_by_test_id("error-summary").is_visible()
    found += serious_violations(page)

    assert found == [], "\n".join(found)


def stakeholder_pages(page):
    for url in ["/operations/CAF/actors/map/", "/operations/CAF/actors/network/"]:
        response = page.goto(url)
        assert response.status == 200, url
        found = serious_violations(page)
        assert found == [], "\n".join(found)


def head_pages(page, sign_in):
    """The pages only a head of office opens: settings, members, digests (schedules, preview, archive), the
    summaries waiting for clearance, the change history; and a record's page with its summary and clear button."""
    from django.contrib.auth import get_user_model

    from digests.models import Digest, DigestSchedule
    from summaries.models import Summary
    from tests.factories import TEST_PASSWORD

    head = get_user_model().objects.get(username="head.caf")
    head.set_password(TEST_PASSWORD)
    head.save(update_fields=["password"])
    schedule = DigestSchedule.objects.filter(operation__country="CF").order_by("pk").first()
    digest = Digest.objects.filter(schedule=schedule).order_by("pk").first()
    waiting = Summary.objects.filter(operation__country="CF", cleared_by__isnull=True).get()
    sign_in(head.username)
    found = []
    for url in [
        "/operations/CAF/settings/",
        "/operations/CAF/members/add/",
        "/operations/CAF/history/",
        "/operations/CAF/digests/",
        "/operations/CAF/digests/schedules/new/",
        f"/operations/CAF/digests/schedules/{schedule.pk}/",
        f"/operations/CAF/digests/schedules/{schedule.pk}/preview/",
        "/operations/CAF/digests/archive/",
        f"/operations/CAF/digests/archive/{digest.pk}/",
        "/operations/CAF/summaries/?show=waiting",
        waiting.record.get_absolute_url(),
    ]:
        response = page.goto(url)
        assert response.status == 200, url
        found += serious_violations(page)
    assert found == [], "\n".join(found)
