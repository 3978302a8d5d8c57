"""Draw the installable app's icons from static/favicon.svg (run once; the PNGs are committed).

Needs CairoSVG, installed apart from the app's requirements: ``pip install cairosvg``.
"""

import re
import sys
from pathlib import Path

import cairosvg

ROOT = Path(__file__).resolve().parents[1]
SOURCE = (ROOT / "static" / "favicon.svg").read_text()
OUT = ROOT / "static" / "app-icons"


def maskable(svg: str) -> str:
    """Full-bleed square (the launcher cuts its own shape) with the shield inside the central safe circle."""
    svg = re.sub(r'<rect width="32" height="32" rx="6"', '<rect width="32" height="32"', svg)
    body = svg[svg.index("<path") : svg.rindex("</svg>")]
    rect = svg[svg.index("<rect") : svg.index("<path")]
    return svg[: svg.index("<rect")] + rect + f'<g transform="translate(4 4) scale(.75)">{body}</g></svg>'


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for size in (192, 512):
        cairosvg.svg2png(bytestring=SOURCE.encode(), write_to=str(OUT / f"icon-{size}.png"), output_width=size)
        cairosvg.svg2png(
            bytestring=maskable(SOURCE).encode(), write_to=str(OUT / f"maskable-{size}.png"), output_width=size
        )
    cairosvg.svg2png(bytestring=SOURCE.encode(), write_to=str(OUT / "apple-touch-icon.png"), output_width=180)


if __name__ == "__main__":
    sys.exit(main())
