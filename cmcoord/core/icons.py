"""The SVG sprite of the Bootstrap Icons the templates use, instead of the whole 134 KB icon font.

A page draws an icon with ``{% icon "pencil" %}`` (``cmcoord/core/templatetags/cmcoord.py``), which points into
``static/icons/sprite.svg``: one ``<symbol>`` per icon, copied verbatim from the upstream SVG, so the browser
downloads a few kilobytes once and caches them. When a template needs a new icon, rebuild the sprite from the
upstream icons (npm package ``bootstrap-icons``, version in ``static/vendor/VERSIONS``)::

    cd /tmp && npm pack bootstrap-icons@1.13.2 && tar xzf bootstrap-icons-1.13.2.tgz
    python -m cmcoord.core.icons /tmp/package/icons

``tests/core/test_static_icons.py`` fails while a template uses an icon the sprite lacks, or the sprite carries
one no template uses.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
SPRITE = ROOT / "static" / "icons" / "sprite.svg"

ICON_TAG = re.compile(r"""{%\s*icon\s+["']([a-z0-9-]+)["']""")
SYMBOL = re.compile(r'<symbol id="([a-z0-9-]+)"')
SVG = re.compile(r"<svg\b[^>]*\bviewBox=\"([^\"]+)\"[^>]*>(.*)</svg>", re.DOTALL)


def used_icons(templates: Path = TEMPLATES) -> set[str]:
    """Names of the icons the templates draw with ``{% icon %}``."""
    return {name for path in templates.rglob("*.html") for name in ICON_TAG.findall(path.read_text())}


def sprite_icons(sprite: Path = SPRITE) -> set[str]:
    """Names of the symbols in the sprite."""
    return set(SYMBOL.findall(sprite.read_text()))


def build_sprite(names: set[str], icons_dir: Path) -> str:
    """The sprite's text: each named upstream icon as a ``<symbol>``, its paths unchanged."""
    symbols = []
    for name in sorted(names):
        match = SVG.search((icons_dir / f"{name}.svg").read_text())
        if match is None:
            raise ValueError(f"{name}.svg has no viewBox")
        view_box, body = match.groups()
        body = "".join(line.strip() for line in body.splitlines())
        symbols.append(f'<symbol id="{name}" viewBox="{view_box}">{body}</symbol>')
    licence = "<!-- Bootstrap Icons (https://icons.getbootstrap.com), MIT licence: see LICENSE beside this file. -->"
    return "\n".join(['<svg xmlns="http://www.w3.org/2000/svg">', licence, *symbols, "</svg>", ""])


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m cmcoord.core.icons <bootstrap-icons>/icons", file=sys.stderr)
        return 2
    names = used_icons()
    SPRITE.parent.mkdir(parents=True, exist_ok=True)
    SPRITE.write_text(build_sprite(names, Path(argv[0])))
    print(f"{SPRITE.relative_to(ROOT)}: {len(names)} icons, {SPRITE.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
