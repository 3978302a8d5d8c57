"""In Chromium: the installable app. It installs its service worker, shows the offline page without a connection,
keeps a note's draft through a reload and drops it once sent, keeps none of a Strictly confidential record, and
leaves nothing of any record on the device after sign-out."""

import pytest
from playwright.sync_api import expect

from cmcoord.core.choices import Sensitivity
from tests.browser.test_page_weight import officer_context, production_server  # noqa: F401 - fixtures
from tests.factories import TaskFactory
from tests.support import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = "Met the zone commander in Bambari; he agreed to brief his checkpoints."

# Every cache's every stored answer, as text; every IndexedDB database of the origin, with its drafts.
STORED = """async () => {
  const texts = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      texts.push(request.url + " " + await (await cache.match(request)).text());
    }
  }
  const databases = (await indexedDB.databases()).map(d => d.name);
  return {caches: await caches.keys(), texts, databases};
}"""
DRAFTS = """() => new Promise(resolve => CMCoordStore.drafts().then(resolve, () => resolve([])))"""


def drafts_become(page, count):
    """Wait until the device holds ``count`` drafts (typing is saved a moment after the last key)."""
    for _attempt in range(50):
        if len(page.evaluate(DRAFTS)) == count:
            return
        page.wait_for_timeout(100)
    raise AssertionError(page.evaluate(DRAFTS))


def test_app_installs_works_offline_keeps_drafts_and_nothing_after_sign_out(page, sign_in, world):
    task = TaskFactory(operation=world.operation, owner=world.officer, title="Brief the Bambari checkpoints")
    secret = TaskFactory(
        operation=world.operation, owner=world.officer, title="Map the Ouaka militia's commanders",
        sensitivity=Sensitivity.STRICTLY_CONFIDENTIAL,
    )  # fmt: skip
    sign_in("officer")
    page.goto(task.get_absolute_url())
    # The service worker installs (its precache filled) and controls the next page.
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.active.scriptURL)").endswith("/sw.js")
    page.reload()
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    cdp = page.context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"].endswith("/manifest.webmanifest") and not manifest["errors"], manifest
    # Chromium's own check; a Playwright context is an incognito one, which Chromium never offers to install.
    errors = [e["errorId"] for e in cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]]
    assert [e for e in errors if e != "in-incognito"] == [], errors

    # A note typed, then the page reloaded: the draft is back, with a notice.
    page.get_by_label("Progress note").fill(NOTE)
    drafts_become(page, 1)
    page.reload()
    notice = page.get_by_test_id("draft-notice")
    assert "Draft restored from" in notice.inner_text()
    assert page.get_by_label("Progress note").input_value() == NOTE

    # Offline, a navigation shows the offline page, which lists the draft.
    page.context.set_offline(True)
    page.goto("/tasks/mine/")
    assert page.get_by_test_id("offline-title").inner_text() == "You are offline"
    expect(page.get_by_test_id("offline-drafts")).to_contain_text("Brief the Bambari checkpoints")  # drawn by script
    page.context.set_offline(False)

    # Back online, the note is sent: its draft is gone.
    page.goto(task.get_absolute_url())
    page.get_by_test_id("draft-notice").wait_for()
    assert page.get_by_label("Progress note").input_value() == NOTE
    submit(page, page.get_by_role("button", name="Add note"))  # sent once the outbox finds the server reachable
    assert NOTE in page.get_by_test_id("timeline").inner_text()
    assert page.get_by_test_id("draft-notice").count() == 0
    drafts_become(page, 0)  # deleted once the page after the sending is up

    # A note on a Strictly confidential task is never kept.
    page.goto(secret.get_absolute_url())
    page.get_by_label("Progress note").fill("The commander's name and his phone number")
    page.wait_for_timeout(600)
    assert page.evaluate(DRAFTS) == []

    # A draft left unsent, then sign-out: no cache and no database holds anything of a record.
    page.goto(task.get_absolute_url())
    page.get_by_label("Progress note").fill("Unsent: the checkpoint commander's schedule")
    drafts_become(page, 1)
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/**")
    page.wait_for_load_state("networkidle")
    stored = page.evaluate(STORED)
    assert stored["caches"] == [] and "cmcoord" not in stored["databases"], stored
    assert not any("Bambari" in text or "checkpoint" in text for text in stored["texts"])
    assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => r === undefined)")
    assert page.problems == [], page.problems


# Typed as soon as the page is drawn, before the device has read whose it is (IndexedDB answers later).
TYPED_AT_ONCE = """document.addEventListener("DOMContentLoaded", () => {
  const field = document.querySelector("form[data-draft] textarea[name=text]");
  field.value = "Typed the moment the page opened";
  field.dispatchEvent(new Event("input", {bubbles: true}));
});"""


def test_what_is_typed_the_moment_the_page_opens_is_kept_too(page, sign_in, world):
    task = TaskFactory(operation=world.operation, owner=world.officer)
    sign_in("officer")
    page.goto(task.get_absolute_url())
    page.add_init_script(TYPED_AT_ONCE)
    page.reload()
    drafts_become(page, 1)
    assert page.evaluate(DRAFTS)[0]["data"]["text"] == ["Typed the moment the page opened"]
    assert page.get_by_label("Progress note").input_value() == "Typed the moment the page opened"


def test_with_production_static_files_the_worker_precaches_hashed_names_and_serves_them(officer_context):  # noqa: F811
    """WhiteNoise's hashed names: the shell is precached under them, and a later page takes them from the worker."""
    page = officer_context.new_page()
    page.goto("/operations/CAF/tasks/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    cached = page.evaluate("""async () => {
      const urls = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) { urls.push(request.url); }
      }
      return urls;
    }""")
    static = [url for url in cached if "/static/" in url]
    assert any("/static/css/app." in url for url in static), cached
    assert all(len(url.rsplit("/", 1)[1].split(".")) >= 3 for url in static), static  # hashed names
    assert any("/offline/" in url for url in cached) and not any("/tasks/" in url for url in cached), cached
    page.reload()
    page.wait_for_load_state("networkidle")
    served = page.evaluate("""() => performance.getEntriesByType("resource")
      .filter(e => e.name.includes("/static/")).map(e => [e.name, e.transferSize])""")
    assert served and all(size == 0 for _url, size in served), served  # nothing static crossed the network


def test_the_manifest_is_valid_and_chromium_finds_the_app_installable(browser, live_server, world, tmp_path):
    """Chromium's own check, in a profile of its own: a Playwright context is an incognito one, where Chromium
    never offers to install anything."""
    from tests.conftest import CHROMIUM, CHROMIUM_ARGS
    from tests.factories import TEST_PASSWORD

    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
        base_url=live_server.url,
    )  # fmt: skip
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill("officer")
        page.get_by_label("Password").fill(TEST_PASSWORD)
        submit(page, page.get_by_role("button", name="Sign in"))
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.reload()
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        cdp = context.new_cdp_session(page)
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["url"].endswith("/manifest.webmanifest") and manifest["errors"] == [], manifest
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    finally:
        context.close()


# --- A deploy: the new worker takes over without a page served half by one version, half by the other ------------

# Which deploy a page's stylesheet and script come from: the new deploy's app.css and app.js each carry a mark.
SHELL_MARKS = """() => [getComputedStyle(document.documentElement).getPropertyValue("--cmcoord-deploy").trim(),
  window.cmcoordDeploy || ""]"""
SHELL_URLS = """() => [...document.querySelectorAll("link[rel=stylesheet], script[src]")].map(e => e.href || e.src)"""
CACHE_NAMES = "() => caches.keys()"


@pytest.fixture
def deployable_context(settings):
    """The officer's browser on a production-like server (hashed static files, WhiteNoise) that looks for files on
    disk at each request, so that a second ``collectstatic`` in the test is a deploy."""
    from cmcoord.core import offline

    settings.WHITENOISE_AUTOREFRESH = True
    yield
    offline._version.cache_clear()  # the version of this test's deploy is no other test's


def test_a_new_version_takes_over_without_serving_a_mixed_app_and_its_old_caches_go(
    deployable_context,
    officer_context,  # noqa: F811
    settings,
    tmp_path,
):
    import shutil

    from django.contrib.staticfiles.management.commands.collectstatic import Command
    from django.core.files.storage import storages
    from django.core.management import call_command
    from django.templatetags.static import static

    from cmcoord.core import offline

    page = officer_context.new_page()
    failed = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.goto("/operations/CAF/tasks/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    old_version, old_css = offline.worker_version(), static("css/app.css")
    assert page.evaluate(SHELL_MARKS) == ["", ""]
    page.wait_for_load_state("networkidle")
    old_caches = page.evaluate(CACHE_NAMES)
    assert old_caches and all(old_version in name for name in old_caches), (old_version, old_caches)

    # A deploy changes the stylesheet and a script: new hashed names, a new worker (a new process computes it).
    source = tmp_path / "deploy"
    (source / "css").mkdir(parents=True)
    (source / "js").mkdir()
    shipped = settings.BASE_DIR / "static"
    (source / "css/app.css").write_text((shipped / "css/app.css").read_text() + '\n:root { --cmcoord-deploy: "B"; }\n')
    (source / "js/app.js").write_text((shipped / "js/app.js").read_text() + '\nwindow.cmcoordDeploy = "B";\n')
    settings.STATICFILES_DIRS = [source, *settings.STATICFILES_DIRS]
    collected = tmp_path / "collected"
    collect = Command()
    collect.storage = storages.create_storage({**settings.STORAGES["staticfiles"], "OPTIONS": {"location": collected}})
    call_command(collect, interactive=False, verbosity=0)
    shutil.rmtree(settings.STATIC_ROOT)  # the old version's files are gone from the server
    collected.rename(settings.STATIC_ROOT)
    settings.STATIC_ROOT = settings.STATIC_ROOT  # the new manifest is read
    offline._version.cache_clear()
    new_version, new_css = offline.worker_version(), static("css/app.css")
    assert new_version != old_version and new_css != old_css

    # The next page, still under the old worker: the new deploy's page, with all of the new deploy's files.
    page.reload()
    assert page.evaluate(SHELL_MARKS) == ['"B"', "B"]
    assert new_css in " ".join(page.evaluate(SHELL_URLS)) and old_css not in " ".join(page.evaluate(SHELL_URLS))
    # The new worker takes over, and the old version's caches are deleted.
    for _attempt in range(50):
        names = page.evaluate(CACHE_NAMES)
        if names and all(new_version in name for name in names):
            break
        page.wait_for_timeout(100)
    assert names and all(new_version in name for name in names), (new_version, names)
    worker = page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.active.scriptURL)")
    assert worker.endswith("/sw.js")

    # Offline, the offline page is the new version's, styled by the new version's files, from its own cache.
    page.context.set_offline(True)
    page.goto("/tasks/mine/")
    assert page.get_by_test_id("offline-title").inner_text() == "You are offline"
    assert page.evaluate(SHELL_MARKS) == ['"B"', "B"]
    assert new_css in " ".join(page.evaluate(SHELL_URLS))
    page.context.set_offline(False)
    assert failed == [], failed


# --- The outbox: forms submitted offline wait on the device and are sent once when the connection is back --------

FOLLOW_UP = "Share the screening schedule with the protection cluster"
SUMMARY = "Met the zone commander in Bossangoa about the screening of displaced men."


def _worker_controls(page):
    """The service worker installed and controlling the page: offline, a navigation gets the offline page."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def _activity_pk(code):
    from protection_tasks.models import Activity

    return Activity.objects.get(code=code, operation__isnull=True).pk


def test_offline_note_and_engagement_with_follow_up_wait_through_a_reload_and_arrive_once(page, sign_in, world):
    from playwright.sync_api import expect

    from engagements.models import Engagement, FollowUp
    from protection_tasks.models import TimelineEntry
    from tests.factories import ActorFactory

    task = TaskFactory(operation=world.operation, owner=world.officer, title="Brief the Bambari checkpoints")
    ActorFactory(operation=world.operation, name="Ouham Patriotic Front", category="nsag", actor_type="rebel_group")
    sign_in("officer")
    page.goto(task.get_absolute_url())
    _worker_controls(page)
    engagement_page = page.context.new_page()
    engagement_page.goto("/operations/CAF/engagements/new/")
    engagement_page.get_by_label("Summary").wait_for()

    # The connection drops. The note is sent from the task's page: it waits on the device, the form is free again.
    page.context.set_offline(True)
    page.get_by_label("Progress note").fill(NOTE)
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_test_id("queued-notice")).to_be_visible()
    expect(page.get_by_test_id("outbox-count")).to_have_text("Waiting to send (1)")
    assert page.get_by_label("Progress note").input_value() == ""

    # The engagement, then a follow-up agreed at it, offered once the engagement waits on the device.
    form = engagement_page.get_by_test_id("engagement-form")
    assert engagement_page.get_by_test_id("queued-follow-ups").is_hidden()
    form.get_by_label("Date and time").fill("2026-01-05T10:30")
    form.get_by_label("Mode").select_option(label="Meeting")
    form.get_by_role("checkbox", name="Ouham Patriotic Front · Non-state armed group").check()
    form.get_by_label("Summary").fill(SUMMARY)
    form.get_by_role("button", name="Save engagement").click()
    follow_up = engagement_page.get_by_test_id("queued-follow-ups")
    expect(follow_up).to_be_visible()
    follow_up.get_by_label("Follow-up agreed").fill(FOLLOW_UP)
    follow_up.get_by_label("Proposed activity").select_option(value=str(_activity_pk("DI-3")))
    follow_up.get_by_role("button", name="Add follow-up").click()
    expect(engagement_page.get_by_test_id("outbox-count")).to_have_text("Waiting to send (3)")
    engagement_page.close()

    # Reloaded offline: the offline page lists all three, still on the device.
    page.reload()
    assert page.get_by_test_id("offline-title").inner_text() == "You are offline"
    outbox = page.get_by_test_id("offline-outbox")
    expect(outbox.get_by_test_id("outbox-entry")).to_have_count(3)
    assert NOTE[:40] in outbox.inner_text() and FOLLOW_UP in outbox.inner_text()
    expect(page.get_by_test_id("outbox-count")).to_have_text("Waiting to send (3)")
    assert TimelineEntry.objects.filter(text=NOTE).count() == 0 and not Engagement.objects.exists()
    # And what was kept to read offline: the officer's open tasks, with the time of the last refresh.
    expect(page.get_by_test_id("readable-tasks")).to_contain_text("Brief the Bambari checkpoints")
    expect(page.get_by_test_id("readable-when")).to_contain_text("Last refreshed")

    # The first answer to the note is lost on the way back (the server applied it): sent again, applied once.
    lost = []

    def lose_first_answer(route):
        if not lost:
            route.fetch()
            lost.append(route.request.headers.get("idempotency-key"))
            route.abort()
        else:
            route.continue_()

    page.route(f"**/api/v1/tasks/{task.reference}/notes/", lose_first_answer)
    page.context.set_offline(False)
    page.goto(task.get_absolute_url())
    # The note's first answer lost: it waits again, unless Background Sync or "Send now" already sent it again.
    for _attempt in range(100):
        if lost:
            break
        page.wait_for_timeout(100)
    assert TimelineEntry.objects.filter(text=NOTE).count() == 1
    # "Send now", unless the page has already sent it again by itself (it does at load, several at once on PostgreSQL).
    page.evaluate("document.querySelector('#outbox-status:not([hidden]) [data-outbox-send]')?.click()")
    expect(page.get_by_test_id("outbox-status")).to_be_hidden()

    assert lost and lost[0]
    assert TimelineEntry.objects.filter(task=task, text=NOTE).count() == 1
    engagement = Engagement.objects.get()
    assert engagement.summary == SUMMARY and engagement.operation == world.operation
    assert list(FollowUp.objects.values_list("engagement", "text")) == [(engagement.pk, FOLLOW_UP)]
    page.reload()
    assert NOTE in page.get_by_test_id("timeline").inner_text()
    assert TimelineEntry.objects.filter(text=NOTE).count() == 1 and FollowUp.objects.count() == 1
    assert page.evaluate("CMCoordStore.entries()") == [] and page.evaluate(DRAFTS) == []
    problems = [p for p in page.problems if "/notes/" not in p]  # the answer lost on purpose
    assert problems == [], page.problems


def test_offline_conflict_reaches_the_merge_a_refusal_comes_back_as_a_draft_and_sign_out_leaves_nothing(
    page, browser, live_server, sign_in, world
):
    from playwright.sync_api import expect

    from engagements.models import Engagement
    from protection_tasks.models import Task
    from tests.factories import TEST_PASSWORD

    task = TaskFactory(
        operation=world.operation, owner=world.officer, title="Brief the Bambari checkpoints", outcome=""
    )
    edit = f"/operations/CAF/tasks/{task.reference}/edit/"
    sign_in("officer")
    page.goto(edit)
    _worker_controls(page)
    engagement_page = page.context.new_page()
    engagement_page.goto("/operations/CAF/engagements/new/")
    engagement_page.get_by_label("Summary").wait_for()

    # Offline: the officer writes the task's outcome, and logs an engagement dated years ahead (a slip of the year).
    page.context.set_offline(True)
    page.get_by_label("Outcome").fill("The checkpoint at PK12 was lifted after the meeting.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("queued-notice")).to_be_visible()
    engagement_page.get_by_label("Summary").fill(SUMMARY)
    engagement_page.get_by_label("Date and time").fill("2036-01-05T10:30")
    engagement_page.get_by_label("Mode").select_option(label="Meeting")
    engagement_page.get_by_role("button", name="Save engagement").click()
    expect(engagement_page.get_by_test_id("outbox-count")).to_have_text("Waiting to send (2)")
    engagement_page.close()

    # Meanwhile the head of office writes another outcome.
    context = browser.new_context(base_url=live_server.url)
    head = context.new_page()
    head.goto("/accounts/login/")
    head.get_by_label("Username").fill("head")
    head.get_by_label("Password").fill(TEST_PASSWORD)
    submit(head, head.get_by_role("button", name="Sign in"))
    head.goto(edit)
    head.get_by_label("Outcome").fill("Lifted on 3 January, according to the ICRC.")
    submit(head, head.get_by_role("button", name="Save"))
    context.close()

    # Back online: the edit is not applied over the head's; the engagement is refused.
    page.context.set_offline(False)
    page.goto(task.get_absolute_url())
    conflict = page.get_by_test_id("outbox-conflict")
    expect(conflict).to_contain_text("Changed by someone else meanwhile")
    refused = page.get_by_test_id("outbox-refused")
    expect(refused).to_contain_text("Refused by the server, back in the drafts")
    assert Task.objects.get(pk=task.pk).outcome == "Lifted on 3 January, according to the ICRC."
    assert not Engagement.objects.exists()

    # The refused engagement is a draft again, with the server's message and what was typed.
    with page.expect_navigation():
        refused.get_by_role("link", name="Open the draft").click()
    notice = page.get_by_test_id("draft-notice")
    expect(notice.get_by_test_id("draft-refusal")).to_contain_text("cannot be dated more than a day ahead")
    assert page.get_by_label("Summary").input_value() == SUMMARY
    assert page.get_by_label("Date and time").input_value() == "2036-01-05T10:30"

    # The conflict opens the task's merge: both outcomes side by side, the officer chooses.
    page.goto(task.get_absolute_url())
    with page.expect_navigation():
        page.get_by_test_id("outbox-conflict").get_by_role("button", name="Open the merge").click()
    expect(page.get_by_test_id("conflict-choices")).to_contain_text("Lifted on 3 January, according to the ICRC.")
    expect(page.get_by_test_id("conflict-choices")).to_contain_text("The checkpoint at PK12 was lifted")
    page.get_by_role("radio", name="Yours: The checkpoint at PK12 was lifted after the meeting.").check()
    submit(page, page.get_by_role("button", name="Save"))
    assert Task.objects.get(pk=task.pk).outcome == "The checkpoint at PK12 was lifted after the meeting."
    expect(page.get_by_test_id("outbox-status")).to_be_hidden()

    # A note waits unsent (the server cannot be reached), then sign-out: no cache and no database keeps any of it.
    page.context.set_offline(True)
    page.get_by_label("Progress note").fill("Unsent: the checkpoint commander's schedule")
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_test_id("outbox-count")).to_have_text("Waiting to send (1)")
    page.route("**/api/v1/**", lambda route: route.abort())
    page.context.set_offline(False)
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/**")
    page.wait_for_load_state("networkidle")
    stored = page.evaluate(STORED)
    assert stored["caches"] == [] and "cmcoord" not in stored["databases"], stored
    texts = " ".join(stored["texts"])
    assert "checkpoint" not in texts and "Bossangoa" not in texts and "PK12" not in texts


def test_a_queued_entry_can_be_edited_or_discarded_from_stored_on_this_device(page, sign_in, world):
    from playwright.sync_api import expect

    from protection_tasks.models import TimelineEntry

    task = TaskFactory(operation=world.operation, owner=world.officer, title="Brief the Bambari checkpoints")
    sign_in("officer")
    page.goto(task.get_absolute_url())
    _worker_controls(page)
    # The first note without a connection; the second on a link the browser calls online but that carries nothing.
    page.context.set_offline(True)
    page.get_by_label("Progress note").fill("First: the checkpoint at PK12 was lifted")
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_test_id("queued-notice")).to_be_visible()
    page.route("**/api/v1/**", lambda route: route.abort())
    page.route("**/manifest.webmanifest", lambda route: route.abort())
    page.context.set_offline(False)
    page.get_by_label("Progress note").fill("Second: the zone commander moved to Bria")
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_test_id("outbox-count")).to_have_text("Waiting to send (2)")
    assert page.get_by_label("Progress note").input_value() == ""

    # The server's API cannot be reached yet: the entries stay, listed on "Stored on this device".
    page.goto("/device/")
    entries = page.get_by_test_id("device-outbox").get_by_test_id("outbox-entry")
    expect(entries).to_have_count(2)
    entries.filter(has_text="Second: the zone commander").get_by_role("button", name="Discard").click()
    expect(entries).to_have_count(1)
    with page.expect_navigation():
        entries.filter(has_text="First: the checkpoint").get_by_role("button", name="Edit").click()
    # Back in its form, as a draft: nothing waits to be sent any more.
    page.get_by_test_id("draft-notice").wait_for()
    assert page.get_by_label("Progress note").input_value() == "First: the checkpoint at PK12 was lifted"
    assert page.evaluate("CMCoordStore.entries()") == []
    expect(page.get_by_test_id("outbox-status")).to_be_hidden()
    assert not TimelineEntry.objects.filter(text__startswith="First").exists()
    assert not TimelineEntry.objects.filter(text__startswith="Second").exists()


# --- Too long without contact, or a revoked session: nothing of the product stays on the device -------------------

# Every IndexedDB database of the origin, every store's every record, as text.
DATABASES = """async () => {
  const texts = [];
  for (const info of await indexedDB.databases()) {
    const db = await new Promise((ok, ko) => {
      const r = indexedDB.open(info.name);
      r.onsuccess = () => ok(r.result);
      r.onerror = ko;
    });
    for (const name of db.objectStoreNames) {
      const all = await new Promise(ok => {
        const r = db.transaction(name).objectStore(name).getAll();
        r.onsuccess = () => ok(r.result);
      });
      texts.push(info.name + "/" + name + " " + JSON.stringify(all));
    }
    db.close();
  }
  return texts.join(" ");
}"""


def _device_holds(page):
    """What the device holds of the product: the caches' names, and the text of every cache and database."""
    stored = page.evaluate(STORED)
    return stored["caches"], " ".join(stored["texts"]) + " " + page.evaluate(DATABASES)


def _a_draft_kept(page, sign_in, world):
    """The officer signed in, the worker installed, and a note typed on a task's page: kept as a draft."""
    task = TaskFactory(operation=world.operation, owner=world.officer, title="Brief the Bambari checkpoints")
    sign_in("officer")
    page.goto(task.get_absolute_url())
    _worker_controls(page)
    page.get_by_label("Progress note").fill(NOTE)
    drafts_become(page, 1)
    return task


def test_a_device_without_contact_for_offline_max_days_is_wiped_when_opened(page, sign_in, world, settings):
    from playwright.sync_api import expect

    settings.OFFLINE_MAX_DAYS = 7
    _a_draft_kept(page, sign_in, world)
    caches, texts = _device_holds(page)
    assert caches and "Bambari" in texts  # the draft, and what is kept to be read offline

    # Six days without contact: opened offline, everything is still there.
    page.evaluate("CMCoordStore.putMeta('lastContact', Date.now() - 6 * CMCoordStore.DAY)")
    page.context.set_offline(True)
    page.goto("/tasks/mine/")
    expect(page.get_by_test_id("offline-title")).to_have_text("You are offline")
    expect(page.get_by_test_id("offline-drafts")).to_contain_text("Brief the Bambari checkpoints")

    # Eight days: the next opening wipes every cache and database, and the offline page lists nothing.
    page.evaluate("CMCoordStore.putMeta('lastContact', Date.now() - 8 * CMCoordStore.DAY)")
    page.goto("/tasks/mine/")
    expect(page.get_by_test_id("offline-title")).to_have_text("You are offline")
    page.evaluate("CMCoordDevice.ready")
    expect(page.get_by_test_id("stored-draft")).to_have_count(0)
    caches, texts = _device_holds(page)
    assert caches == [] and "Bambari" not in texts and "checkpoint" not in texts, (caches, texts)
    assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => r === undefined)")


def test_a_session_revoked_on_the_server_wipes_the_device_at_the_next_contact(page, sign_in, world):
    from django.contrib.sessions.models import Session
    from playwright.sync_api import expect

    task = _a_draft_kept(page, sign_in, world)
    assert "Bambari" in _device_holds(page)[1]

    # The phone is reported lost: its session is revoked. The next page it opens is the sign-in page.
    Session.objects.all().delete()
    page.goto(task.get_absolute_url())
    expect(page.get_by_label("Username")).to_be_visible()
    page.evaluate("CMCoordDevice.ready")
    page.wait_for_load_state("networkidle")
    caches, texts = _device_holds(page)
    assert caches == [] and "Bambari" not in texts and "checkpoint" not in texts, (caches, texts)
    assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => r === undefined)")


def test_a_task_completed_offline_with_its_outcome_is_sent_with_the_version_it_was_shown_at(page, sign_in, world):
    from playwright.sync_api import expect

    from protection_tasks.models import Task

    task = TaskFactory(
        operation=world.operation, owner=world.officer, title="Brief the Bambari checkpoints", status="in_progress"
    )
    sign_in("officer")
    page.goto(task.get_absolute_url())
    _worker_controls(page)

    page.context.set_offline(True)
    page.get_by_test_id("confirm-complete").get_by_text("Complete…").click()
    page.get_by_label("Outcome").fill("The checkpoint at PK12 was lifted.")
    page.get_by_role("button", name=f"Complete {task.reference}").click()
    expect(page.get_by_test_id("queued-notice")).to_be_visible()
    expect(page.get_by_test_id("outbox-count")).to_have_text("Waiting to send (1)")
    assert Task.objects.get(pk=task.pk).status == "in_progress"

    page.context.set_offline(False)
    page.goto(task.get_absolute_url())
    expect(page.get_by_test_id("outbox-status")).to_be_hidden()
    saved = Task.objects.get(pk=task.pk)
    assert saved.status == "completed" and saved.outcome == "The checkpoint at PK12 was lifted."
    page.reload()
    expect(page.get_by_test_id("task-status")).to_have_text("Completed")
    assert page.evaluate("CMCoordStore.entries()") == []
    assert page.problems == [], page.problems
