"""What a page costs on a slow link: the bytes a browser transfers to show it, first visit and later visits.

Figures as production serves them: static files compressed by ``collectstatic`` (gzip level 9, kept only where it
saves at least 5 %, as WhiteNoise does) and cached forever under hashed names, so a later page costs its HTML
alone plus any file the first page did not load. Pages are read with the test client, static files from the
static finders, so the figures come out the same under any settings. ``manage.py benchmark`` prints them;
``tests/browser/test_page_weight.py`` measures the same in Chromium against a WhiteNoise server.

Budget (hardening issue "Pages that fail people in the field"): the task list's first load under 150 KB,
a later page under 30 KB in one request.
"""

import gzip
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.conf import settings
from django.contrib.staticfiles import finders

FIRST_LOAD_BUDGET = 150 * 1024
LATER_PAGE_BUDGET = 30 * 1024


def compressed_size(data: bytes) -> int:
    """Bytes on the wire for a static file: its gzip copy where WhiteNoise would keep one, else the file."""
    if not data:
        return 0
    packed = len(gzip.compress(data, compresslevel=9, mtime=0))
    return packed if packed / len(data) <= 0.95 else len(data)


class _AssetLinks(HTMLParser):
    """Static files a page makes the browser fetch: style sheets, scripts, images, icons and sprite references."""

    ATTRIBUTES = {"link": "href", "script": "src", "img": "src", "use": "href"}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        wanted = self.ATTRIBUTES.get(tag)
        values = dict(attrs)
        if tag == "link" and not {"stylesheet", "icon"} & set((values.get("rel") or "").split()):
            return
        url = values.get(wanted) if wanted else None
        if url and url.split("#")[0] not in self.urls:
            self.urls.append(url.split("#")[0])

    handle_startendtag = handle_starttag


def static_assets(html: str) -> list[str]:
    """Paths (relative to ``STATIC_URL``) of the static files an HTML page references, in order."""
    parser = _AssetLinks()
    parser.feed(html)
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    return [url.removeprefix(prefix) for url in parser.urls if url.startswith(prefix)]


def _original_path(path: str) -> str:
    """``css/app.3f2a9c1b4d5e.css`` -> ``css/app.css``: the finders know files by their unhashed names."""
    return re.sub(r"\.[0-9a-f]{12}(\.[^./]+)$", r"\1", path)


@dataclass
class PageWeight:
    """Transferred bytes of one page visit: its HTML and the static files fetched.

    ``html_bytes`` is the HTML as sent: gzipped where the site compresses it (GZipMiddleware), which
    ``html_gzip`` also gives for a site that would not.
    """

    label: str
    html_bytes: int
    html_gzip: int
    assets: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.html_bytes + sum(self.assets.values())

    @property
    def total_gzip(self) -> int:
        return self.html_gzip + sum(self.assets.values())

    @property
    def requests(self) -> int:
        return 1 + len(self.assets)


def measure(client, first_url: str, later_urls: dict[str, str]) -> list[PageWeight]:
    """First visit of ``first_url`` with an empty cache, then each later page with the first one's files cached."""
    weights, cached = [], set()
    for label, url in [("first load: " + first_url, first_url), *later_urls.items()]:
        response = client.get(url, headers={"accept-encoding": "gzip"})
        if response.status_code != 200:
            raise ValueError(f"{url} answered {response.status_code}")
        sent = response.content
        html = gzip.decompress(sent) if response.get("Content-Encoding") == "gzip" else sent
        weight = PageWeight(label, len(sent), compressed_size(html))
        for path in static_assets(html.decode()):
            if path in cached:
                continue
            found = finders.find(_original_path(path))
            if found is None:
                raise ValueError(f"{url} references {path}, which no static finder has")
            with open(found, "rb") as file:
                weight.assets[path] = compressed_size(file.read())
            cached.add(path)
        weights.append(weight)
    return weights


def report(weights: list[PageWeight], write) -> None:
    """Print one line per page visit, with the budgets, through ``write`` (e.g. ``self.stdout.write``)."""
    write(f"{'page weight (transferred)':45} {'KB':>10} {'requests':>8} {'KB, HTML gzipped':>17}  budget")
    for index, weight in enumerate(weights):
        budget = FIRST_LOAD_BUDGET if index == 0 else LATER_PAGE_BUDGET
        verdict = "within" if weight.total < budget else "OVER"
        write(
            f"{weight.label:45} {weight.total / 1024:10.1f} {weight.requests:8} {weight.total_gzip / 1024:17.1f}"
            f"  {verdict} {budget // 1024} KB"
        )
