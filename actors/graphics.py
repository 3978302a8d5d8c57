"""Server-rendered SVG graphics of the actor registry: the stakeholder map and the relationship network.

Pure Python, no JavaScript and no external library. The output obeys the site's Content-Security-Policy:
no ``style`` attribute and no ``<style>`` element, only SVG presentation attributes and ``class``.
Every text and attribute value is XML-escaped (names come from users). Callers pass every user-facing
string already translated, so this module holds no translatable text. The output is deterministic:
the same input gives byte-identical SVG.
"""

import math
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

__all__ = [
    "CONFIDENCE_DASHES",
    "EDGE_COLOURS",
    "FALLBACK_COLOUR",
    "GROUP_COLOURS",
    "MAP_CELL_HEIGHT",
    "MAP_CELL_WIDTH",
    "MAP_GRID_LEFT",
    "MAP_GRID_TOP",
    "MAP_HEIGHT",
    "MAP_LEVELS",
    "MAP_WIDTH",
    "NETWORK_HEIGHT",
    "NETWORK_MARGIN",
    "NETWORK_WIDTH",
    "STANCE_COLOURS",
    "MapPoint",
    "NetworkEdge",
    "NetworkNode",
    "map_cell_box",
    "network_layout",
    "network_svg",
    "stakeholder_map_svg",
]


@dataclass(frozen=True)
class MapPoint:
    key: str
    label: str
    url: str
    influence: int  # 1..5
    interest: int  # 1..5
    stance: str
    stance_label: str
    category_label: str


@dataclass(frozen=True)
class NetworkNode:
    key: str
    label: str
    url: str
    group: str
    group_label: str


@dataclass(frozen=True)
class NetworkEdge:
    source: str
    target: str
    kind: str
    kind_label: str
    confidence: str  # "confirmed", "probable" or "possible"


FALLBACK_COLOUR = "#7f8c8d"

STANCE_COLOURS = {
    "spoiler": "#c0392b",
    "influencer": "#d68910",
    "neutral": "#7f8c8d",
    "supportive": "#1e8449",
}

# Paul Tol's colour-blind-safe "vibrant"/"muted" hues; the dash pattern (confidence) is a second cue.
EDGE_COLOURS = {
    "part_of": "#332288",
    "allied": "#117733",
    "opposed": "#cc3311",
    "influences": "#ee7733",
    "supplies": "#aa4499",
    "negotiates": "#0077bb",
    "coordinates": "#009988",
}

CONFIDENCE_DASHES = {
    "confirmed": None,  # solid
    "probable": "6 3",
    "possible": "2 3",
}

# Okabe-Ito colour-blind-safe palette for the stakeholder categories.
GROUP_COLOURS = {
    "domestic_civilian": "#0072b2",
    "domestic_military": "#d55e00",
    "international_civilian": "#009e73",
    "foreign_military": "#cc79a7",
    "nsag": "#882255",
}

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"

# --- Shared helpers ---------------------------------------------------------------------------------------

# Characters XML 1.0 forbids even when escaped; a pasted name holding one would break the whole document.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TOKEN_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def _clean(value: object) -> str:
    return _INVALID_XML.sub("", str(value))


def _text(value: object) -> str:
    """Escape character data."""
    return escape(_clean(value))


def _attr(value: object) -> str:
    """Escape and double-quote an attribute value."""
    return '"' + escape(_clean(value), {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}) + '"'


def _token(value: str) -> str:
    """A choice key made safe for a class name or an id."""
    return _TOKEN_UNSAFE.sub("-", str(value).lower()).strip("-") or "other"


def _n(value: float) -> str:
    """A coordinate with at most one decimal, stable across runs."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _truncate(label: str, limit: int) -> str:
    label = " ".join(_clean(label).split())
    if len(label) <= limit:
        return label
    return label[: max(limit - 1, 1)].rstrip() + "…"


def _safe_url(url: str) -> str | None:
    """Only relative and http(s) links: no ``javascript:`` or ``data:`` URL reaches an href."""
    url = _clean(url).strip()
    if not url:
        return None
    scheme = urlsplit(url).scheme.lower()
    return url if scheme in {"", "http", "https"} else None


def _open_link(url: str, extra: str = "") -> tuple[str, str]:
    """The opening and closing tags wrapping one item: an ``<a>`` when there is a safe URL, else a ``<g>``."""
    safe = _safe_url(url)
    if safe is None:
        return f"<g{extra}>", "</g>"
    return f"<a href={_attr(safe)}{extra}>", "</a>"


def _svg_open(width: float, height: float, css_class: str, title_id: str, title: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" width="100%" '
        f'role="img" aria-labelledby={_attr(title_id)} class={_attr(css_class)} '
        f"font-family={_attr(FONT_FAMILY)}>",
        f"<title id={_attr(title_id)}>{_text(title)}</title>",
    ]


# --- Stakeholder map --------------------------------------------------------------------------------------

MAP_LEVELS = 5
MAP_GRID_LEFT = 76
MAP_GRID_TOP = 16
MAP_CELL_WIDTH = 140
MAP_CELL_HEIGHT = 110
MAP_GRID_WIDTH = MAP_CELL_WIDTH * MAP_LEVELS
MAP_GRID_HEIGHT = MAP_CELL_HEIGHT * MAP_LEVELS
MAP_LEGEND_LEFT = MAP_GRID_LEFT + MAP_GRID_WIDTH + 28
MAP_WIDTH = MAP_LEGEND_LEFT + 190
MAP_HEIGHT = MAP_GRID_TOP + MAP_GRID_HEIGHT + 58

_POINT_RADIUS = 5.5
_POINT_ROW = 15.0  # vertical step between stacked points in one cell
_POINT_PAD = 8.0  # inner padding of a cell
_POINT_FONT = 10
_POINT_LABEL_MAX = 22
_MIN_LABEL_CHARS = 4
_CHAR_WIDTH = 0.5  # rough average glyph width, as a share of the font size


def _level(value: int) -> int:
    """Clamp a score to 1..5 (the model validates it; a stray value must not break the drawing)."""
    return min(max(int(value), 1), MAP_LEVELS)


def map_cell_box(interest: int, influence: int) -> tuple[float, float, float, float]:
    """The (x0, y0, x1, y1) box of a cell: interest grows to the right, influence grows upwards."""
    x0 = MAP_GRID_LEFT + (_level(interest) - 1) * MAP_CELL_WIDTH
    y0 = MAP_GRID_TOP + (MAP_LEVELS - _level(influence)) * MAP_CELL_HEIGHT
    return x0, y0, x0 + MAP_CELL_WIDTH, y0 + MAP_CELL_HEIGHT


def _cell_slots(count: int) -> tuple[list[tuple[float, float]], float, int]:
    """Offsets (from the cell's top-left corner) for `count` points, their radius and the label length.

    Points stack in columns of up to a few rows, with a label to the right of each; when a cell holds too many
    for labels to fit, they fall back to a tighter grid without labels (the tooltip still names each one).
    """
    inner_w = MAP_CELL_WIDTH - 2 * _POINT_PAD
    inner_h = MAP_CELL_HEIGHT - 2 * _POINT_PAD
    rows_cap = max(int(inner_h // _POINT_ROW), 1)
    cols = math.ceil(count / rows_cap)
    step_x = inner_w / cols
    # A label stops short of the next column's dots; a single column's labels may run into the cell's padding.
    room = step_x + _POINT_PAD - 4 if cols == 1 else step_x - 6
    label_chars = int((room - 2 * _POINT_RADIUS) // (_POINT_FONT * _CHAR_WIDTH))
    if label_chars >= _MIN_LABEL_CHARS:
        radius, step_y = _POINT_RADIUS, _POINT_ROW
        rows = math.ceil(count / cols)
        label_chars = min(label_chars, _POINT_LABEL_MAX)
    else:
        cols = max(math.ceil(math.sqrt(count * inner_w / inner_h)), 1)
        rows = math.ceil(count / cols)
        step_x, step_y = inner_w / cols, inner_h / rows
        radius = min(_POINT_RADIUS, 0.4 * min(step_x, step_y))
        label_chars = 0
    top = _POINT_PAD + (inner_h - (rows - 1) * step_y) / 2 if label_chars else _POINT_PAD + step_y / 2
    left = _POINT_PAD + radius if label_chars else _POINT_PAD + step_x / 2
    slots = [(left + (i // rows) * step_x, top + (i % rows) * step_y) for i in range(count)]
    return slots, radius, label_chars


def stakeholder_map_svg(
    points: list[MapPoint],
    *,
    title: str,
    x_label: str,
    y_label: str,
    legend: dict[str, str],
    legend_title: str = "",
    tooltip: str = "{label} — {stance}, {y_label} {influence}, {x_label} {interest}",
    id_prefix: str = "stakeholder-map",
) -> str:
    """An influence (y, 1 bottom → 5 top) by interest (x, 1 left → 5 right) grid with one dot per actor.

    `legend` maps stance keys to their translated labels, in display order. `tooltip` is a ``str.format``
    template (fields: label, stance, category, influence, interest, x_label, y_label) for each dot's
    ``<title>``; pass a translated one if the default word order does not suit the language.
    """
    prefix = _token(id_prefix)
    out = _svg_open(MAP_WIDTH, MAP_HEIGHT, "stakeholder-map", f"{prefix}-title", title)

    # Grid: cells shaded darker towards high influence and high interest.
    out.append('<g class="map-grid" stroke="#dee2e6" stroke-width="1">')
    for influence in range(MAP_LEVELS, 0, -1):
        for interest in range(1, MAP_LEVELS + 1):
            x0, y0, _, _ = map_cell_box(interest, influence)
            fill = "#eef1f4" if (influence >= 3) == (interest >= 3) else "#f8f9fa"
            out.append(
                f'<rect x="{_n(x0)}" y="{_n(y0)}" width="{MAP_CELL_WIDTH}" height="{MAP_CELL_HEIGHT}" fill="{fill}"/>'
            )
    out.append("</g>")

    # Axes: tick labels and titles.
    bottom = MAP_GRID_TOP + MAP_GRID_HEIGHT
    out.append('<g class="map-axes" fill="#495057" font-size="12">')
    for level in range(1, MAP_LEVELS + 1):
        x0, y0, x1, y1 = map_cell_box(level, level)
        out.append(f'<text x="{_n((x0 + x1) / 2)}" y="{_n(bottom + 17)}" text-anchor="middle">{level}</text>')
        out.append(f'<text x="{_n(MAP_GRID_LEFT - 10)}" y="{_n((y0 + y1) / 2 + 4)}" text-anchor="end">{level}</text>')
    x_mid = MAP_GRID_LEFT + MAP_GRID_WIDTH / 2
    y_mid = MAP_GRID_TOP + MAP_GRID_HEIGHT / 2
    out.append(
        f'<text class="axis-title" x="{_n(x_mid)}" y="{_n(bottom + 44)}" text-anchor="middle" font-size="14" '
        f'font-weight="600">{_text(x_label)}</text>'
    )
    out.append(
        f'<text class="axis-title" x="{_n(MAP_GRID_LEFT - 44)}" y="{_n(y_mid)}" text-anchor="middle" font-size="14" '
        f'font-weight="600" transform="rotate(-90 {_n(MAP_GRID_LEFT - 44)} {_n(y_mid)})">{_text(y_label)}</text>'
    )
    out.append("</g>")

    # Points, grouped by cell and spread inside it in a stable order.
    cells: dict[tuple[int, int], list[MapPoint]] = {}
    for point in points:
        cells.setdefault((_level(point.interest), _level(point.influence)), []).append(point)
    out.append('<g class="map-points">')
    for interest, influence in sorted(cells, key=lambda cell: (-cell[1], cell[0])):
        members = sorted(cells[interest, influence], key=lambda p: (p.label.casefold(), p.label, p.key))
        x0, y0, _, _ = map_cell_box(interest, influence)
        slots, radius, label_chars = _cell_slots(len(members))
        for point, (dx, dy) in zip(members, slots, strict=True):
            cx, cy = x0 + dx, y0 + dy
            colour = STANCE_COLOURS.get(point.stance, FALLBACK_COLOUR)
            tip = tooltip.format(
                label=point.label,
                stance=point.stance_label,
                category=point.category_label,
                influence=point.influence,
                interest=point.interest,
                x_label=x_label,
                y_label=y_label,
            )
            opening, closing = _open_link(
                point.url, f" class={_attr('map-point stance-' + _token(point.stance))} data-key={_attr(point.key)}"
            )
            out.append(opening)
            out.append(f"<title>{_text(tip)}</title>")
            out.append(
                f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(radius)}" fill="{colour}" stroke="#fff" '
                'stroke-width="1.5"/>'
            )
            if label_chars:
                out.append(
                    f'<text x="{_n(cx + radius + 4)}" y="{_n(cy + 3.5)}" font-size="{_POINT_FONT}" fill="#212529">'
                    f"{_text(_truncate(point.label, label_chars))}</text>"
                )
            out.append(closing)
    out.append("</g>")

    # Legend of stances.
    out.append('<g class="map-legend" font-size="12" fill="#212529">')
    y = MAP_GRID_TOP + 12
    if legend_title:
        out.append(f'<text x="{MAP_LEGEND_LEFT}" y="{_n(y)}" font-weight="600">{_text(legend_title)}</text>')
        y += 22
    for stance, label in legend.items():
        colour = STANCE_COLOURS.get(stance, FALLBACK_COLOUR)
        out.append(f'<circle cx="{MAP_LEGEND_LEFT + 6}" cy="{_n(y - 4)}" r="6" fill="{colour}"/>')
        out.append(f'<text x="{MAP_LEGEND_LEFT + 18}" y="{_n(y)}">{_text(_truncate(label, 26))}</text>')
        y += 20
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


# --- Relationship network ---------------------------------------------------------------------------------

NETWORK_WIDTH = 1000
NETWORK_HEIGHT = 700
NETWORK_MARGIN = 40
_NETWORK_LEGEND_WIDTH = 250
_MAX_STRETCH = 1.3
_MAX_K = 160.0  # ideal edge length cap, so that a few nodes stay near each other
GRAVITY = 0.1


def _unique_nodes(nodes: Iterable[NetworkNode]) -> list[NetworkNode]:
    """Nodes without repeated keys (the first wins), in drawing order: group, then label."""
    seen: dict[str, NetworkNode] = {}
    for node in nodes:
        seen.setdefault(node.key, node)
    return sorted(seen.values(), key=lambda n: (n.group, n.label.casefold(), n.label, n.key))


def _kept_edges(edges: Iterable[NetworkEdge], keys: set[str]) -> list[NetworkEdge]:
    """Edges whose two ends are known and distinct, without exact repeats, in a stable order."""
    kept = {edge for edge in edges if edge.source in keys and edge.target in keys and edge.source != edge.target}
    return sorted(kept, key=lambda e: (e.source, e.target, e.kind, e.confidence, e.kind_label))


def network_layout(
    nodes: list[NetworkNode],
    edges: list[NetworkEdge],
    *,
    width: float = NETWORK_WIDTH,
    height: float = NETWORK_HEIGHT,
    margin: float = NETWORK_MARGIN,
    iterations: int = 70,
    seed: int = 0,
) -> dict[str, tuple[float, float]]:
    """Deterministic Fruchterman-Reingold layout: node key → (x, y) inside the canvas, `margin` from its edges.

    Nodes start on a circle ordered by group then label (so groups start together), with a small seeded
    jitter to break symmetry. Each iteration applies all-pairs repulsion k²/d, attraction d²/k along edges
    and a weak pull towards the centre (so disconnected nodes do not drift to the border); moves are capped by
    a temperature that cools linearly. The result is then centred and each axis scaled to fill the canvas
    (enlarged by 1.3 at most).
    Edges whose ends are not among the nodes are ignored.
    """
    ordered = _unique_nodes(nodes)
    count = len(ordered)
    cx, cy = width / 2, height / 2
    if count == 0:
        return {}
    if count == 1:
        return {ordered[0].key: (cx, cy)}

    index = {node.key: i for i, node in enumerate(ordered)}
    pairs = sorted(
        {
            (min(index[e.source], index[e.target]), max(index[e.source], index[e.target]))
            for e in _kept_edges(edges, set(index))
        }
    )

    inner_w, inner_h = max(width - 2 * margin, 1.0), max(height - 2 * margin, 1.0)
    k = min(math.sqrt(inner_w * inner_h / count) * 0.8, _MAX_K)
    k2 = k * k
    gravity = GRAVITY / k  # pull of length GRAVITY·d²/k towards the centre, like an edge to it
    rng = random.Random(seed)  # noqa: S311 - layout jitter, not security
    radius = min(inner_w, inner_h) * 0.4
    xs, ys = [], []
    for i in range(count):
        angle = 2 * math.pi * i / count
        xs.append(cx + radius * math.cos(angle) + rng.uniform(-1, 1))
        ys.append(cy + radius * math.sin(angle) + rng.uniform(-1, 1))

    start_temperature = min(inner_w, inner_h) / 8
    steps = max(int(iterations), 0)
    for step in range(steps):
        temperature = start_temperature * (1 - step / steps) + 0.5
        dxs = [0.0] * count
        dys = [0.0] * count
        # Repulsion between every pair: the vector (dx, dy) · k²/d² has length k²/d, no square root needed.
        for i in range(count - 1):
            xi, yi = xs[i], ys[i]
            fxi = fyi = 0.0
            for j in range(i + 1, count):
                dx = xi - xs[j]
                dy = yi - ys[j]
                d2 = dx * dx + dy * dy
                if d2 < 0.01:  # coincident: push apart along a fixed, pair-specific direction
                    dx, dy, d2 = 0.1 * ((i + j) % 3 - 1) + 0.05, 0.1, 0.0125
                f = k2 / d2
                fx, fy = dx * f, dy * f
                fxi += fx
                fyi += fy
                dxs[j] -= fx
                dys[j] -= fy
            dxs[i] += fxi
            dys[i] += fyi
        # Attraction along edges: length d²/k, i.e. the vector (dx, dy) · d/k.
        for i, j in pairs:
            dx = xs[i] - xs[j]
            dy = ys[i] - ys[j]
            f = math.sqrt(dx * dx + dy * dy) / k
            fx, fy = dx * f, dy * f
            dxs[i] -= fx
            dys[i] -= fy
            dxs[j] += fx
            dys[j] += fy
        # Gravity, then the move capped by the temperature.
        t2 = temperature * temperature
        for i in range(count):
            gx, gy = xs[i] - cx, ys[i] - cy
            pull = math.sqrt(gx * gx + gy * gy) * gravity
            dx = dxs[i] - gx * pull
            dy = dys[i] - gy * pull
            d2 = dx * dx + dy * dy
            if d2 > t2:
                scale = temperature / math.sqrt(d2)
                dx, dy = dx * scale, dy * scale
            xs[i] += dx
            ys[i] += dy

    # Fit: centre the drawing and stretch or shrink each axis to the canvas less the margin (enlarging by at
    # most _MAX_STRETCH, so that a handful of nodes does not fly to the corners).
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    span_x, span_y = max_x - min_x, max_y - min_y
    scale_x = min(inner_w / span_x, _MAX_STRETCH) if span_x > 1 else 1.0
    scale_y = min(inner_h / span_y, _MAX_STRETCH) if span_y > 1 else 1.0
    mid_x, mid_y = (min_x + max_x) / 2, (min_y + max_y) / 2
    positions: dict[str, tuple[float, float]] = {}
    taken: set[tuple[float, float]] = set()
    for i, node in enumerate(ordered):
        x = min(max(cx + (xs[i] - mid_x) * scale_x, margin), width - margin)
        y = min(max(cy + (ys[i] - mid_y) * scale_y, margin), height - margin)
        x, y = round(x, 1), round(y, 1)
        # Two nodes must never share a drawn position: step aside deterministically, staying inside.
        attempt = 0
        while (x, y) in taken:
            attempt += 1
            angle = attempt * 2.399963  # golden angle: a spiral of distinct offsets
            x = round(min(max(x + 3 * math.cos(angle), margin), width - margin), 1)
            y = round(min(max(y + 3 * math.sin(angle), margin), height - margin), 1)
        taken.add((x, y))
        positions[node.key] = (x, y)
    return positions


def _node_radius(degree: int) -> float:
    return 6 + min(6.0, 1.5 * math.sqrt(degree))


def network_svg(
    nodes: list[NetworkNode],
    edges: list[NetworkEdge],
    *,
    title: str,
    legend_groups: dict[str, str],
    legend_kinds: dict[str, str],
    legend_confidence: dict[str, str] | None = None,
    groups_title: str = "",
    kinds_title: str = "",
    confidence_title: str = "",
    id_prefix: str = "relationship-network",
) -> str:
    """The relationship network: arrows coloured by kind and dashed by confidence, dots coloured by group.

    `legend_groups` and `legend_kinds` map group and kind keys to translated labels, in display order.
    `legend_confidence` (confidence key → translated label) adds a legend of dash patterns and is used in
    the edges' tooltips (the raw key is used otherwise). Each legend block gets its heading if one is given.
    """
    prefix = _token(id_prefix)
    ordered = _unique_nodes(nodes)
    by_key = {node.key: node for node in ordered}
    kept = _kept_edges(edges, set(by_key))
    positions = network_layout(ordered, kept)
    confidence_labels = legend_confidence or {}

    neighbours: dict[str, set[str]] = {key: set() for key in by_key}
    for edge in kept:
        neighbours[edge.source].add(edge.target)
        neighbours[edge.target].add(edge.source)
    radii = {key: _node_radius(len(others)) for key, others in neighbours.items()}

    # Legend first, to know how tall the drawing must be.
    legend: list[str] = []
    lx = NETWORK_WIDTH + 10
    y = NETWORK_MARGIN
    if groups_title:
        legend.append(f'<text x="{lx}" y="{y}" font-weight="600">{_text(groups_title)}</text>')
        y += 22
    for group, label in legend_groups.items():
        colour = GROUP_COLOURS.get(group, FALLBACK_COLOUR)
        legend.append(f'<circle cx="{lx + 7}" cy="{y - 4}" r="7" fill="{colour}"/>')
        legend.append(f'<text x="{lx + 22}" y="{y}">{_text(_truncate(label, 30))}</text>')
        y += 20
    y += 12
    if kinds_title:
        legend.append(f'<text x="{lx}" y="{y}" font-weight="600">{_text(kinds_title)}</text>')
        y += 22
    for kind, label in legend_kinds.items():
        colour = EDGE_COLOURS.get(kind, FALLBACK_COLOUR)
        marker = f"{prefix}-arrow-{_token(kind) if kind in EDGE_COLOURS else 'other'}"
        legend.append(
            f'<line x1="{lx}" y1="{y - 4}" x2="{lx + 26}" y2="{y - 4}" stroke="{colour}" stroke-width="2" '
            f'marker-end="url(#{marker})"/>'
        )
        legend.append(f'<text x="{lx + 34}" y="{y}">{_text(_truncate(label, 28))}</text>')
        y += 20
    if legend_confidence:
        y += 12
        if confidence_title:
            legend.append(f'<text x="{lx}" y="{y}" font-weight="600">{_text(confidence_title)}</text>')
            y += 22
        for confidence, label in legend_confidence.items():
            dash = CONFIDENCE_DASHES.get(confidence)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            legend.append(
                f'<line x1="{lx}" y1="{y - 4}" x2="{lx + 26}" y2="{y - 4}" stroke="#495057" stroke-width="2"'
                f"{dash_attr}/>"
            )
            legend.append(f'<text x="{lx + 34}" y="{y}">{_text(_truncate(label, 28))}</text>')
            y += 20
    height = max(NETWORK_HEIGHT, y + 10)

    out = _svg_open(NETWORK_WIDTH + _NETWORK_LEGEND_WIDTH, height, "relationship-network", f"{prefix}-title", title)
    out.append("<defs>")
    for kind, colour in [*EDGE_COLOURS.items(), ("other", FALLBACK_COLOUR)]:
        out.append(
            f'<marker id="{prefix}-arrow-{_token(kind)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
            f'markerHeight="8" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
    out.append("</defs>")

    # Edges: several between the same two actors bend apart so that none hides another.
    bundles: dict[tuple[str, str], list[NetworkEdge]] = {}
    for edge in kept:
        bundles.setdefault(tuple(sorted((edge.source, edge.target))), []).append(edge)
    out.append('<g class="network-edges" fill="none" stroke-width="1.6">')
    for (first, _second), bundle in sorted(bundles.items()):
        for position, edge in enumerate(bundle):
            out.append(
                _edge_path(edge, position, len(bundle), first, positions, radii, by_key, confidence_labels, prefix)
            )
    out.append("</g>")

    # Nodes, with halo-backed labels underneath.
    out.append('<g class="network-nodes" font-size="11">')
    for node in ordered:
        x, y_node = positions[node.key]
        radius = radii[node.key]
        colour = GROUP_COLOURS.get(node.group, FALLBACK_COLOUR)
        tip = f"{node.label} — {node.group_label}" if node.group_label else node.label
        opening, closing = _open_link(
            node.url, f" class={_attr('network-node group-' + _token(node.group))} data-key={_attr(node.key)}"
        )
        out.append(opening)
        out.append(f"<title>{_text(tip)}</title>")
        out.append(
            f'<circle cx="{_n(x)}" cy="{_n(y_node)}" r="{_n(radius)}" fill="{colour}" stroke="#fff" '
            'stroke-width="1.5"/>'
        )
        label = _truncate(node.label, 24)
        # Centred under the dot, unless that would run off the drawing's left or right side.
        half = len(label) * 11 * _CHAR_WIDTH / 2
        anchor, label_x = "middle", x
        if x - half < 2:
            anchor, label_x = "start", max(x - radius, 2)
        elif x + half > NETWORK_WIDTH - 2:
            anchor, label_x = "end", min(x + radius, NETWORK_WIDTH - 2)
        out.append(
            f'<text x="{_n(label_x)}" y="{_n(y_node + radius + 11)}" text-anchor="{anchor}" fill="#212529" '
            f'stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">{_text(label)}</text>'
        )
        out.append(closing)
    out.append("</g>")

    out.append('<g class="network-legend" font-size="12" fill="#212529">')
    out.extend(legend)
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def _edge_path(
    edge: NetworkEdge,
    position: int,
    bundle_size: int,
    first: str,
    positions: dict[str, tuple[float, float]],
    radii: dict[str, float],
    by_key: dict[str, NetworkNode],
    confidence_labels: dict[str, str],
    prefix: str,
) -> str:
    x1, y1 = positions[edge.source]
    x2, y2 = positions[edge.target]
    dx, dy = x2 - x1, y2 - y1
    length = math.sqrt(dx * dx + dy * dy) or 1.0
    # Bend: offset of the control point, perpendicular to the chord, measured from the bundle's first actor so
    # that A→B and B→A bend to opposite sides.
    bend = (position - (bundle_size - 1) / 2) * 22.0
    if edge.source != first:
        bend = -bend
    mx, my = (x1 + x2) / 2 - dy / length * bend, (y1 + y2) / 2 + dx / length * bend
    # Stop the arrow at the target's rim, along the direction it arrives from (the control point).
    ax, ay = x2 - mx, y2 - my
    arrive = math.sqrt(ax * ax + ay * ay) or 1.0
    gap = radii[edge.target] + 1.5
    ex, ey = x2 - ax / arrive * gap, y2 - ay / arrive * gap
    kind = _token(edge.kind) if edge.kind in EDGE_COLOURS else "other"
    colour = EDGE_COLOURS.get(edge.kind, FALLBACK_COLOUR)
    dash = CONFIDENCE_DASHES.get(edge.confidence)
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    d = (
        f"M{_n(x1)},{_n(y1)} L{_n(ex)},{_n(ey)}"
        if bend == 0
        else f"M{_n(x1)},{_n(y1)} Q{_n(mx)},{_n(my)} {_n(ex)},{_n(ey)}"
    )
    tip = (
        f"{by_key[edge.source].label} {edge.kind_label} {by_key[edge.target].label} "
        f"({confidence_labels.get(edge.confidence, edge.confidence)})"
    )
    css = f"network-edge kind-{kind} confidence-{_token(edge.confidence)}"
    return (
        f'<path class="{css}" d="{d}" stroke="{colour}"{dash_attr} opacity="0.6" '
        f'marker-end="url(#{prefix}-arrow-{kind})">'
        f"<title>{_text(tip)}</title></path>"
    )
