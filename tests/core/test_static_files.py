"""Static files for slow links: the icon sprite, production's compressed and forever-cached files, page weight.

The browser measures the same in ``tests/browser/test_page_weight.py``; these run without one.
"""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.templatetags.static import static
from django.test import Client
from django.utils import timezone

from cmcoord.core import icons, pageweight
from cmcoord.settings import base
from tests.factories import TaskFactory

ROOT = Path(__file__).resolve().parents[2]


def test_the_sprite_holds_exactly_the_icons_the_templates_use():
    used = icons.used_icons()
    assert used, "no template uses {% icon %}"
    assert icons.sprite_icons() == used, "rebuild the sprite: python -m cmcoord.core.icons <bootstrap-icons>/icons"


def test_no_template_uses_the_icon_font():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "templates").rglob("*.html") if "bi bi-" in p.read_text()]
    assert offenders == [], "use {% icon %}: the icon font is no longer shipped"


def test_icon_tag_draws_from_the_sprite_hidden_or_labelled():
    decorative = Template('{% load cmcoord %}{% icon "pencil" %}').render(Context())
    href = static("icons/sprite.svg") + "#pencil"
    assert decorative == f'<svg class="bi" aria-hidden="true" focusable="false"><use href="{href}"></use></svg>'
    labelled = Template('{% load cmcoord %}{% icon "caret-up-fill" label="ascending" %}').render(Context())
    assert 'role="img" aria-label="ascending"' in labelled and "aria-hidden" not in labelled


def test_production_serves_static_files_hashed_compressed_through_whitenoise():
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(
        DJANGO_SETTINGS_MODULE="cmcoord.settings.production",
        DJANGO_SECRET_KEY="an-example-secret-key-for-the-static-files-check-0123456789",
        ALLOWED_HOSTS="cmcoord.example.org",
        DATABASE_URL="postgres://cmcoord@localhost/cmcoord",  # read, never connected to
        REDIS_URL="redis://localhost:6379/0",
    )
    code = "from django.conf import settings as s; print(s.STORAGES['staticfiles']['BACKEND'], s.MIDDLEWARE)"
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "whitenoise.storage.CompressedManifestStaticFilesStorage" in result.stdout
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in result.stdout


@pytest.fixture
def collected(settings, tmp_path):
    """Static files collected as production does, served by WhiteNoise in the middleware."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = base.STORAGES
    settings.MIDDLEWARE = base.MIDDLEWARE
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


def test_hashed_static_files_are_compressed_and_immutable(collected, db):
    url = static("css/app.css")
    assert url != "/static/css/app.css", "names are hashed"
    response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert (collected / "icons" / "LICENSE").exists()  # the icons' licence ships with the sprite


def test_task_list_and_later_pages_fit_the_budget(client, world, login):
    today = timezone.localdate()
    tasks = [
        TaskFactory(
            operation=world.operation, owner=world.officer, status="in_progress", urgency=3,
            title=f"Follow up with the zone commander on checkpoint extortion along the Bambari road, item {n}",
            due_date=today + datetime.timedelta(days=n - 5),
        )
        for n in range(50)
    ]  # fmt: skip
    weights = pageweight.measure(
        login(world.officer),
        "/operations/CAF/tasks/",
        {"task page": tasks[0].get_absolute_url(), "my tasks": "/tasks/mine/"},
    )
    first, task_page, my_tasks = weights
    assert first.total < pageweight.FIRST_LOAD_BUDGET, first
    assert {"icons/sprite.svg", "css/app.css", "js/app.js"} <= set(first.assets)
    assert task_page.requests == 1 and task_page.total < pageweight.LATER_PAGE_BUDGET, task_page
    # A list of 50 rows is over 30 KB of HTML as Django sends it; it fits only where the HTML is compressed.
    assert my_tasks.requests == 1 and my_tasks.total_gzip < pageweight.LATER_PAGE_BUDGET, my_tasks
    lines = []
    pageweight.report(weights, lines.append)
    assert len(lines) == 4 and "within 150 KB" in lines[1]
