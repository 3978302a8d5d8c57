"""axe-core in the browser tests: the vendored script (for tests only), injected as an init script, which the page's
Content-Security-Policy does not govern, so that every page is checked with its real CSP in force; and the serious
and critical WCAG 2.2 A and AA violations it finds on a page, one readable line each."""

from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
# WCAG 2.2 A and AA (and the 2.0 and 2.1 rules they include): target sizes (2.5.8) among them.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def inject_axe(page) -> None:
    """axe-core in every document ``page`` loads from now on."""
    page.add_init_script(path=str(AXE))


def serious_violations(page) -> list[str]:
    """axe's serious and critical violations on the current page, one readable line each."""
    results = page.evaluate(f"() => axe.run(document, {{runOnly: {WCAG_TAGS!r}, resultTypes: ['violations']}})")
    return [
        f"{page.url}: {v['id']} ({v['impact']}) {v['help']}: {[n['target'] for n in v['nodes'][:3]]}"
        for v in results["violations"]
        if v["impact"] in BLOCKING
    ]
