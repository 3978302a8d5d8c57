"""Where the relationship network's nodes go: which nodes are drawn, their force-directed layout, and its cache.

The layout is networkx's Fruchterman-Reingold ``spring_layout`` with a fixed seed, rather than a hand-written
one: a well-kept, well-tested implementation. Only its dense (numpy) path is used: the drawing is capped at
``NETWORK_NODE_CAP`` nodes, well under the 500 from which networkx needs scipy's sparse matrices.
"""

import hashlib
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import numpy as np
from django.core.cache import cache

NETWORK_WIDTH = 1000
NETWORK_HEIGHT = 700
NETWORK_MARGIN = 40

# The most nodes drawn. On a 1000 by 700 canvas, 200 nodes leave each about 60 units square: room for a
# 24-unit tap target and a short label before they pile up; more would be unreadable, and the table beside
# the drawing lists every relationship anyway. It also keeps the layout on networkx's dense path (< 500).
NETWORK_NODE_CAP = 200

LAYOUT_ITERATIONS = 60
LAYOUT_SEED = 7
LAYOUT_CACHE_SECONDS = 60 * 60 * 24 * 7  # the key changes with the graph, so this only bounds memory
# Part of the cache key: bump it whenever the layout's code changes, so that no stale positions are served.
_LAYOUT_VERSION = 2
_MAX_UNIT = 130.0  # canvas units per packing unit at most: two linked actors stay near each other
_PAD = 0.5  # packing units between a component's box and its nodes


@dataclass(frozen=True)
class NetworkNode:
    """One actor in the network, with its labels already translated."""

    key: str
    label: str
    url: str
    group: str
    group_label: str


@dataclass(frozen=True)
class NetworkEdge:
    """One relationship, directed from `source` to `target` (node keys)."""

    source: str
    target: str
    kind: str
    kind_label: str
    confidence: str  # "confirmed", "probable" or "possible"


def unique_nodes(nodes: Iterable[NetworkNode]) -> list[NetworkNode]:
    """Nodes without repeated keys (the first wins), in drawing order: group, then label."""
    seen: dict[str, NetworkNode] = {}
    for node in nodes:
        seen.setdefault(node.key, node)
    return sorted(seen.values(), key=lambda n: (n.group, n.label.casefold(), n.label, n.key))


def kept_edges(edges: Iterable[NetworkEdge], keys: set[str]) -> list[NetworkEdge]:
    """Edges whose two ends are known and distinct, without exact repeats, in a stable order."""
    kept = {edge for edge in edges if edge.source in keys and edge.target in keys and edge.source != edge.target}
    return sorted(kept, key=lambda e: (e.source, e.target, e.kind, e.confidence, e.kind_label))


def _pairs(edges: Iterable[NetworkEdge], keys: set[str]) -> list[tuple[str, str]]:
    """The distinct unordered pairs of nodes an edge joins: all the layout needs to know of the edges."""
    return sorted({tuple(sorted((e.source, e.target))) for e in kept_edges(edges, keys)})


def most_connected(
    nodes: Iterable[NetworkNode], edges: Iterable[NetworkEdge], limit: int = NETWORK_NODE_CAP
) -> tuple[list[NetworkNode], list[NetworkEdge]]:
    """The `limit` nodes with the most distinct neighbours (ties by label, then key) and the edges among them.

    Degrees count only the nodes and edges given, i.e. what the reader may see: an actor's hidden relationships
    never decide whether it is drawn.
    """
    ordered = unique_nodes(nodes)
    keys = {node.key for node in ordered}
    edges = kept_edges(edges, keys)
    degree = dict.fromkeys(keys, 0)
    for first, second in _pairs(edges, keys):
        degree[first] += 1
        degree[second] += 1
    if len(ordered) > limit:
        chosen = sorted(ordered, key=lambda n: (-degree[n.key], n.label.casefold(), n.label, n.key))[:limit]
        ordered = unique_nodes(chosen)
        keys = {node.key for node in ordered}
        edges = kept_edges(edges, keys)
    return ordered, edges


def _component_positions(graph: nx.Graph, keys: list[str], seed: int, iterations: int) -> dict:
    """One connected component's layout, turned so that its longest spread lies along x (the canvas's long
    side) and scaled to span 0..1 along x, its aspect kept: y spans 0..h, h at most 1."""
    if len(keys) == 1:
        return {keys[0]: (0.0, 0.0)}
    if len(keys) == 2:
        return {keys[0]: (0.0, 0.0), keys[1]: (1.0, 0.0)}
    sub = nx.Graph()
    sub.add_nodes_from(keys)
    sub.add_edges_from(sorted(graph.subgraph(keys).edges))
    # "force" is the dense numpy algorithm ("auto" would pick scipy's sparse one from 500 nodes, yet networkx
    # then needs scipy anyway: hence the cap on the nodes drawn).
    raw = nx.spring_layout(sub, seed=seed, iterations=iterations, method="force")
    points = np.array([raw[key] for key in keys], dtype=float)
    points -= points.mean(axis=0)
    _values, vectors = np.linalg.eigh(points.T @ points)
    major = vectors[:, -1] * (1 if vectors[0, -1] >= 0 else -1)  # a fixed sign: the same input, the same turn
    turned = points @ np.array([[major[0], -major[1]], [major[1], major[0]]])
    turned -= turned.min(axis=0)
    span = max(float(turned.max()), 1e-9)
    return {key: (float(x) / span, float(y) / span) for key, (x, y) in zip(keys, turned, strict=True)}


def network_layout(
    nodes: list[NetworkNode],
    edges: list[NetworkEdge],
    *,
    width: float = NETWORK_WIDTH,
    height: float = NETWORK_HEIGHT,
    margin: float = NETWORK_MARGIN,
    iterations: int = LAYOUT_ITERATIONS,
    seed: int = LAYOUT_SEED,
) -> dict[str, tuple[float, float]]:
    """Deterministic force-directed layout: node key → (x, y) inside the canvas, `margin` from its edges.

    Each connected component is laid out by networkx's ``spring_layout`` with a fixed seed, on a graph built in
    a fixed order (nodes and node pairs sorted by key), so the same graph always gets the same positions
    whatever the input order; only the graph's structure counts, never labels. Laid out together, separate
    components and lone actors would drift apart and squeeze the rest into the middle (every node moves at each
    step of networkx's algorithm), so the components are packed instead, largest first, in rows in boxes whose
    area grows with their size; lone actors end up in a grid below the connected ones. The whole is then
    centred and each axis scaled to fill the canvas (one unit of the packing, about the distance between two
    neighbours, never stretched beyond ``_MAX_UNIT``, so that a handful of nodes stays together). Two nodes
    never share a drawn position. Edges whose ends are not among the nodes are ignored.

    At most ``NETWORK_NODE_CAP`` nodes: pick them with ``most_connected``.
    """
    keys = sorted({node.key for node in nodes})
    if len(keys) > NETWORK_NODE_CAP:
        raise ValueError(f"{len(keys)} nodes, more than the {NETWORK_NODE_CAP} drawn: use most_connected() first.")
    cx, cy = width / 2, height / 2
    if not keys:
        return {}
    if len(keys) == 1:
        return {keys[0]: (cx, cy)}

    graph = nx.Graph()
    graph.add_nodes_from(keys)
    graph.add_edges_from(_pairs(edges, set(keys)))
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))

    # Shelf packing, in units of about one neighbour distance: a component of n nodes spreads over about
    # sqrt(n) units along its long side, plus half a unit of padding all round; a lone actor takes one unit.
    laid_out = [_component_positions(graph, c, seed, max(int(iterations), 0)) for c in components]
    lengths = [math.sqrt(len(component)) if len(component) > 1 else 0.0 for component in components]
    boxes = [
        (length + 2 * _PAD, length * max(uy for _ux, uy in positions.values()) + 2 * _PAD)
        for length, positions in zip(lengths, laid_out, strict=True)
    ]
    inner_w, inner_h = max(width - 2 * margin, 1.0), max(height - 2 * margin, 1.0)
    # Rows a little wider than the canvas's shape would ask for, so that small groups sit beside the largest.
    area = sum(box_w * box_h for box_w, box_h in boxes)
    row_limit = max(1.25 * math.sqrt(area * inner_w / inner_h), max(box_w for box_w, _ in boxes))
    packed: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for positions, length, (box_w, box_h) in zip(laid_out, lengths, boxes, strict=True):
        if x > 0 and x + box_w > row_limit + 1e-9:
            x, y, row_height = 0.0, y + row_height, 0.0
        for key, (ux, uy) in positions.items():
            packed[key] = (x + _PAD + ux * length, y + _PAD + uy * length)
        x += box_w
        row_height = max(row_height, box_h)

    xs = [packed[key][0] for key in keys]
    ys = [packed[key][1] for key in keys]
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    span_x, span_y = max_x - min_x, max_y - min_y
    scale_x = min(inner_w / span_x, _MAX_UNIT) if span_x > 1e-9 else 1.0
    scale_y = min(inner_h / span_y, _MAX_UNIT) if span_y > 1e-9 else 1.0
    mid_x, mid_y = (min_x + max_x) / 2, (min_y + max_y) / 2
    positions: dict[str, tuple[float, float]] = {}
    taken: set[tuple[float, float]] = set()
    for key, raw_x, raw_y in zip(keys, xs, ys, strict=True):
        x = round(min(max(cx + (raw_x - mid_x) * scale_x, margin), width - margin), 1)
        y = round(min(max(cy + (raw_y - mid_y) * scale_y, margin), height - margin), 1)
        # Two nodes must never share a drawn position: step aside deterministically, staying inside.
        attempt = 0
        while (x, y) in taken:
            attempt += 1
            angle = attempt * 2.399963  # golden angle: a spiral of distinct offsets
            x = round(min(max(x + 3 * math.cos(angle), margin), width - margin), 1)
            y = round(min(max(y + 3 * math.sin(angle), margin), height - margin), 1)
        taken.add((x, y))
        positions[key] = (x, y)
    return positions


def layout_cache_key(nodes: Iterable[NetworkNode], edges: Iterable[NetworkEdge], **options) -> str:
    """The cache key of a layout: a digest of everything the positions depend on, and of nothing else.

    That is the sorted node keys, the sorted pairs of nodes an edge joins, the canvas and the algorithm's
    settings and version. Two consequences:

    - Callers pass only what the reader may see, so the key, and the positions cached under it, are a function
      of the visible graph alone: a hidden actor or relationship can neither move a visible node nor be
      inferred from where the visible ones sit.
    - Adding or removing an actor or a relationship changes the key, so a new layout is computed without any
      explicit invalidation; a change that cannot move a node (a renamed actor, a relationship's type or
      confidence) keeps the key and reuses the positions, which stay correct.
    """
    keys = sorted({node.key for node in nodes})
    payload = {
        "version": _LAYOUT_VERSION,
        "nodes": keys,
        "pairs": _pairs(edges, set(keys)),
        "options": {name: options[name] for name in sorted(options)},
    }
    digest = hashlib.sha256(json.dumps(payload, separators=(",", ":")).encode()).hexdigest()
    return f"actors:network-layout:{digest}"


def cached_network_layout(
    nodes: list[NetworkNode], edges: list[NetworkEdge], **options
) -> dict[str, tuple[float, float]]:
    """``network_layout`` through the Django cache, keyed by ``layout_cache_key`` (see there why that is safe).

    On a registry of hundreds of actors the layout is most of the page's time; with the cache, only the first
    reader of a given graph pays for it.
    """
    key = layout_cache_key(nodes, edges, **options)
    positions = cache.get(key)
    if positions is None:
        positions = network_layout(nodes, edges, **options)
        cache.set(key, positions, LAYOUT_CACHE_SECONDS)
    return positions
