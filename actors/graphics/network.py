"""The relationship network: arrows coloured by kind and dashed by confidence between dots coloured by category.

This module computes the geometry (positions come from ``layout``); ``templates/actors/graphics/network.svg``
draws it.
"""

import math

from .common import CHAR_WIDTH, FONT_FAMILY, TARGET_SIZE, clean, num, render_svg, safe_url, token, truncate
from .layout import (
    NETWORK_HEIGHT,
    NETWORK_NODE_CAP,
    NETWORK_WIDTH,
    NetworkEdge,
    NetworkNode,
    cached_network_layout,
    most_connected,
)
from .palette import CONFIDENCE_DASHES, EDGE_COLOURS, FALLBACK_COLOUR, GROUP_COLOURS, TEXT_COLOUR

_NODE_FONT = 11
_LEGEND_FONT = 12
_LEGEND_ROW = 22
_LEGEND_COLUMN = (NETWORK_WIDTH - 40) / 3
_LEGEND_CHARS = int((_LEGEND_COLUMN - 50) // (_LEGEND_FONT * CHAR_WIDTH))


def _node_radius(degree: int) -> float:
    return 6 + min(6.0, 1.5 * math.sqrt(degree))


def _edge_kind(kind: str) -> str:
    """The token of a kind with a colour and an arrowhead of its own, else "other"."""
    return token(kind) if kind in EDGE_COLOURS else "other"


def _legend(
    prefix: str,
    blocks: list[tuple[str, str, dict[str, str]]],
) -> tuple[list[dict], float]:
    """The legend under the drawing, one column per block (groups, kinds, confidences), and its bottom."""
    columns, bottom = [], NETWORK_HEIGHT
    for index, (what, heading, entries) in enumerate(blocks):
        x = 20 + index * _LEGEND_COLUMN
        y = NETWORK_HEIGHT + 24
        column = {"heading": None, "items": []}
        if heading:
            column["heading"] = {"x": num(x), "y": num(y), "text": clean(heading)}
            y += _LEGEND_ROW
        for key, label in entries.items():
            item = {"what": what, "y": num(y), "mid": num(y - 4), "x": num(x), "text": truncate(label, _LEGEND_CHARS)}
            if what == "group":
                item.update(cx=num(x + 7), colour=GROUP_COLOURS.get(key, FALLBACK_COLOUR), text_x=num(x + 22))
            else:
                item.update(x2=num(x + 30), text_x=num(x + 38))
                if what == "kind":
                    item.update(
                        colour=EDGE_COLOURS.get(key, FALLBACK_COLOUR), marker=f"{prefix}-arrow-{_edge_kind(key)}"
                    )
                else:
                    item.update(colour=TEXT_COLOUR, dash=CONFIDENCE_DASHES.get(key))
            column["items"].append(item)
            y += _LEGEND_ROW - 2
        columns.append(column)
        bottom = max(bottom, y)
    return columns, bottom


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
    node_cap: int = NETWORK_NODE_CAP,
) -> str:
    """The relationship network as SVG, its legend under the drawing.

    `legend_groups` and `legend_kinds` map group and kind keys to translated labels, in display order.
    `legend_confidence` (confidence key → translated label) adds a legend of dash patterns and is used in
    the edges' tooltips (the raw key is used otherwise). Each legend block gets its heading if one is given.
    Only the `node_cap` most connected nodes are drawn (see ``most_connected``), laid out through the cache
    (``cached_network_layout``). The output is deterministic: the same graph, in any order, gives byte-identical
    SVG.
    """
    prefix = token(id_prefix)
    ordered, kept = most_connected(nodes, edges, node_cap)
    by_key = {node.key: node for node in ordered}
    positions = cached_network_layout(ordered, kept)
    confidence_labels = legend_confidence or {}

    neighbours: dict[str, set[str]] = {key: set() for key in by_key}
    for edge in kept:
        neighbours[edge.source].add(edge.target)
        neighbours[edge.target].add(edge.source)
    radii = {key: _node_radius(len(others)) for key, others in neighbours.items()}

    blocks = [("group", groups_title, legend_groups), ("kind", kinds_title, legend_kinds)]
    if legend_confidence:
        blocks.append(("confidence", confidence_title, legend_confidence))
    legend, bottom = _legend(prefix, blocks)

    # Edges: several between the same two actors bend apart so that none hides another.
    bundles: dict[tuple[str, str], list[NetworkEdge]] = {}
    for edge in kept:
        bundles.setdefault(tuple(sorted((edge.source, edge.target))), []).append(edge)
    drawn_edges = []
    for (first, _second), bundle in sorted(bundles.items()):
        for position, edge in enumerate(bundle):
            drawn_edges.append(
                _edge(edge, position, len(bundle), first, positions, radii, by_key, confidence_labels, prefix)
            )

    labels = _place_labels(ordered, positions, radii, neighbours)
    drawn_nodes = []
    for node in ordered:
        x, y = positions[node.key]
        radius = radii[node.key]
        hit = max(TARGET_SIZE, 2 * radius)
        drawn_nodes.append(
            {
                "url": safe_url(node.url),
                "css": f"network-node group-{token(node.group)}",
                "key": clean(node.key),
                "tip": clean(f"{node.label} — {node.group_label}" if node.group_label else node.label),
                "cx": num(x),
                "cy": num(y),
                "r": num(radius),
                "fill": GROUP_COLOURS.get(node.group, FALLBACK_COLOUR),
                "hit": {"x": num(x - hit / 2), "y": num(y - hit / 2), "size": num(hit)},
                "label": labels.get(node.key),
            }
        )

    return render_svg(
        "actors/graphics/network.svg",
        {
            "width": num(NETWORK_WIDTH),
            "height": num(bottom + 10),
            "drawing_height": num(NETWORK_HEIGHT),
            "title_id": f"{prefix}-title",
            "title": clean(title),
            "font_family": FONT_FAMILY,
            "text_colour": TEXT_COLOUR,
            "arrows": [
                {"id": f"{prefix}-arrow-{token(kind)}", "colour": colour}
                for kind, colour in [*EDGE_COLOURS.items(), ("other", FALLBACK_COLOUR)]
            ],
            "edges": drawn_edges,
            "nodes": drawn_nodes,
            "legend": legend,
        },
    )


def _overlaps(box: tuple[float, float, float, float], others: list[tuple[float, float, float, float]]) -> bool:
    x0, y0, x1, y1 = box
    return any(x0 < b1 and b0 < x1 and y0 < c1 and c0 < y1 for b0, c0, b1, c1 in others)


def _place_labels(
    ordered: list[NetworkNode],
    positions: dict[str, tuple[float, float]],
    radii: dict[str, float],
    neighbours: dict[str, set[str]],
) -> dict[str, dict]:
    """Each node's label beside its dot (under it, else over, right or left), where it covers no other dot and
    no label already placed, and stays inside the drawing; else none.

    Labels are placed most connected first, so that in a crowded drawing the hubs keep theirs; a node without a
    label is still named by its tooltip and in the table beside the drawing. Obstacles are kept in a grid of
    buckets, so this stays linear in the number of nodes.
    """
    bucket = 64.0
    grid: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def cells(box):
        x0, y0, x1, y1 = box
        for i in range(int(x0 // bucket), int(x1 // bucket) + 1):
            for j in range(int(y0 // bucket), int(y1 // bucket) + 1):
                yield i, j

    def add(box):
        for cell in cells(box):
            grid.setdefault(cell, []).append(box)

    discs = {}
    for node in ordered:
        x, y = positions[node.key]
        r = radii[node.key]
        discs[node.key] = (x - r, y - r, x + r, y + r)
        add(discs[node.key])

    placed: dict[str, dict] = {}
    for node in sorted(ordered, key=lambda n: (-len(neighbours[n.key]), n.label.casefold(), n.label, n.key)):
        x, y = positions[node.key]
        radius = radii[node.key]
        text = truncate(node.label, 24)
        width = len(text) * _NODE_FONT * CHAR_WIDTH
        own = discs[node.key]
        for anchor, label_x, baseline in _label_spots(x, y, radius, width):
            left = {"start": label_x, "middle": label_x - width / 2, "end": label_x - width}[anchor]
            box = (left - 1, baseline - 9, left + width + 1, baseline + 3)
            if box[0] < 0 or box[2] > NETWORK_WIDTH or box[1] < 0 or box[3] > NETWORK_HEIGHT:
                continue
            nearby = [other for cell in cells(box) for other in grid.get(cell, ()) if other is not own]
            if not _overlaps(box, nearby):
                add(box)
                placed[node.key] = {"x": num(label_x), "y": num(baseline), "anchor": anchor, "text": text}
                break
    return placed


def _label_spots(x: float, y: float, radius: float, width: float) -> list[tuple[str, float, float]]:
    """Where a node's label may go, best first: (text-anchor, x, baseline) under, over, right and left of it."""
    middle_x = min(max(x, width / 2 + 2), NETWORK_WIDTH - width / 2 - 2)  # kept inside the drawing
    return [
        ("middle", middle_x, y + radius + 11),
        ("middle", middle_x, y - radius - 4),
        ("start", x + radius + 3, y + 4),
        ("end", x - radius - 3, y + 4),
    ]


def _edge(
    edge: NetworkEdge,
    position: int,
    bundle_size: int,
    first: str,
    positions: dict[str, tuple[float, float]],
    radii: dict[str, float],
    by_key: dict[str, NetworkNode],
    confidence_labels: dict[str, str],
    prefix: str,
) -> dict:
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
    kind = _edge_kind(edge.kind)
    d = (
        f"M{num(x1)},{num(y1)} L{num(ex)},{num(ey)}"
        if bend == 0
        else f"M{num(x1)},{num(y1)} Q{num(mx)},{num(my)} {num(ex)},{num(ey)}"
    )
    tip = (
        f"{by_key[edge.source].label} {edge.kind_label} {by_key[edge.target].label} "
        f"({confidence_labels.get(edge.confidence, edge.confidence)})"
    )
    return {
        "css": f"network-edge kind-{kind} confidence-{token(edge.confidence)}",
        "d": d,
        "colour": EDGE_COLOURS.get(edge.kind, FALLBACK_COLOUR),
        "dash": CONFIDENCE_DASHES.get(edge.confidence),
        "marker": f"{prefix}-arrow-{kind}",
        "tip": clean(tip),
    }
