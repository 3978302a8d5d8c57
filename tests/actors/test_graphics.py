"""The server-rendered SVG of the stakeholder map and the relationship network: drawings, layout, cache, pages."""

import itertools
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from unittest import mock

import pytest
from django.utils import translation

from actors.graphics import (
    CONFIDENCE_DASHES,
    EDGE_COLOURS,
    GROUP_COLOURS,
    MAP_CELL_HEIGHT,
    MAP_CELL_WIDTH,
    MAP_GRID_LEFT,
    MAP_GRID_TOP,
    MAP_LEVELS,
    MAP_WIDTH,
    NETWORK_HEIGHT,
    NETWORK_MARGIN,
    NETWORK_NODE_CAP,
    NETWORK_WIDTH,
    STANCE_COLOURS,
    STANCE_SHAPES,
    MapPoint,
    NetworkEdge,
    NetworkNode,
    layout_cache_key,
    map_cell_box,
    most_connected,
    network_layout,
    network_svg,
    stakeholder_map_svg,
)
from actors.graphics import layout as layout_module
from actors.graphics.common import CHAR_WIDTH
from actors.graphics.palette import AXIS_COLOUR, CANVAS, FALLBACK_COLOUR, MAP_CELL_SHADES, TEXT_COLOUR
from actors.models import Actor, ActorAssessment, ActorRelationship
from tests.support import STRICTLY_CONFIDENTIAL, UNCLASSIFIED, actors_url, clear_cache

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "Brigade <script>alert('x')</script> & \"Sons\""
STANCES = {"spoiler": "Spoiler", "influencer": "Influencer", "neutral": "Neutral", "supportive": "Supportive"}
GROUPS = {
    "domestic_civilian": "Domestic civilian",
    "domestic_military": "Domestic military",
    "international_civilian": "International civilian",
    "foreign_military": "Foreign military",
    "nsag": "Non-state armed group",
}
KINDS = {kind: kind.replace("_", " ") for kind in EDGE_COLOURS}
CONFIDENCES = {"confirmed": "Confirmed", "probable": "Probable", "possible": "Possible"}
APP_CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "app.css"


def point(key, influence, interest, *, label=None, stance="neutral"):
    return MapPoint(
        key=key,
        label=label or f"Actor {key}",
        url=f"/actors/{key}/",
        influence=influence,
        interest=interest,
        stance=stance,
        stance_label=STANCES.get(stance, stance),
        category_label="Domestic civilian",
    )


def node(key, *, label=None, group="nsag"):
    return NetworkNode(key=key, label=label or f"Actor {key}", url=f"/actors/{key}/", group=group, group_label="G")


def edge(source, target, kind="allied", confidence="confirmed"):
    return NetworkEdge(source=source, target=target, kind=kind, kind_label=KINDS.get(kind, kind), confidence=confidence)


def draw_map(points):
    return stakeholder_map_svg(
        points, title="Stakeholder map", x_label="Interest", y_label="Influence", legend=STANCES, legend_title="Stance"
    )


def draw_network(nodes, edges, **kwargs):
    return network_svg(
        nodes,
        edges,
        title="Relationships",
        legend_groups=GROUPS,
        legend_kinds=KINDS,
        legend_confidence=CONFIDENCES,
        groups_title="Category",
        kinds_title="Relationship",
        confidence_title="Confidence",
        **kwargs,
    )


def random_network(n_nodes, n_edges, seed=7):
    rng = random.Random(seed)
    nodes = [node(f"n{i}", group=rng.choice([*GROUPS, "unknown"])) for i in range(n_nodes)]
    edges = [
        edge(f"n{a}", f"n{b}", rng.choice(list(EDGE_COLOURS)), rng.choice(list(CONFIDENCES)))
        for a, b in (rng.sample(range(n_nodes), 2) for _ in range(n_edges))
    ]
    return nodes, edges


def items(root, css_class):
    """The link (or group) elements of one class, by their data-key."""
    return {el.get("data-key"): el for el in root.iter() if css_class in (el.get("class") or "").split()}


def marker_of(element):
    """The mark (circle or path of class "marker") inside a map point or legend entry."""
    return next(el for el in element.iter() if "marker" in (el.get("class") or "").split())


def mark_box(mark):
    """The bounding box (x0, y0, x1, y1) of a mark: a circle, or a path of M, L, H, V and Z commands."""
    if mark.tag == f"{SVG}circle":
        cx, cy, r = float(mark.get("cx")), float(mark.get("cy")), float(mark.get("r"))
        return cx - r, cy - r, cx + r, cy + r
    xs, ys, x, y = [], [], 0.0, 0.0
    for command, args in re.findall(r"([MLHVZ])([^MLHVZ]*)", mark.get("d")):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", args)]
        if command in "ML":
            x, y = numbers
        elif command == "H":
            (x,) = numbers
        elif command == "V":
            (y,) = numbers
        xs.append(x)
        ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def centre(mark):
    x0, y0, x1, y1 = mark_box(mark)
    return (x0 + x1) / 2, (y0 + y1) / 2


def box(rect):
    x, y = float(rect.get("x")), float(rect.get("y"))
    return x, y, x + float(rect.get("width")), y + float(rect.get("height"))


def assert_csp_safe(svg):
    root = ET.fromstring(svg)  # noqa: S314 - our own output; raises unless well-formed XML
    assert root.tag == f"{SVG}svg"
    assert not [el.tag for el in root.iter() if "style" in el.attrib]
    assert not [el for el in root.iter() if el.tag == f"{SVG}style"]
    assert "<script" not in svg.lower()
    assert "javascript:" not in svg.lower()
    assert not [name for el in root.iter() for name in el.attrib if name.startswith("on")]
    return root


def assert_accessible_root(root, css_class):
    assert root.get("class") == css_class
    # A group, not an image: the drawing holds links to the actors, and an image's content is not interactive.
    assert root.get("role") == "group"
    assert root.get("width") == "100%"
    assert len(root.get("viewBox").split()) == 4
    title = root.find(f"{SVG}title")
    assert title is not None
    assert title.get("id") == root.get("aria-labelledby")


def drawing(html, css_class):
    """The drawing of one class on a page (pages hold other, smaller SVGs: icons)."""
    start = html.index(f'class="{css_class}"')
    start = html.rindex("<svg", 0, start)
    return html[start : html.index("</svg>", start) + len("</svg>")]


# --- Colours ----------------------------------------------------------------------------------------------------


def contrast(first, second):
    """WCAG 2.2 contrast ratio of two #rrggbb colours."""

    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted([luminance(first), luminance(second)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("background", [CANVAS, *MAP_CELL_SHADES])
def test_marks_contrast_three_to_one_and_text_four_and_a_half(background):
    for colour in [*STANCE_COLOURS.values(), FALLBACK_COLOUR]:
        assert contrast(colour, background) >= 3, colour
    for colour in (TEXT_COLOUR, AXIS_COLOUR):
        assert contrast(colour, background) >= 4.5, colour


def test_network_colours_contrast_with_the_canvas():
    for colour in [*GROUP_COLOURS.values(), *EDGE_COLOURS.values(), FALLBACK_COLOUR]:
        assert contrast(colour, CANVAS) >= 3, colour


def test_every_stance_has_its_own_shape():
    assert set(STANCE_SHAPES) == set(STANCES)
    assert len(set(STANCE_SHAPES.values())) == len(STANCES)


def test_drawings_keep_a_readable_minimum_width_on_small_screens():
    """At their minimum width one SVG unit is one CSS pixel: 11px labels and 24px tap targets on a phone."""
    css = APP_CSS.read_text()
    map_root = ET.fromstring(draw_map([]))  # noqa: S314
    network_root = ET.fromstring(draw_network([], []))  # noqa: S314
    assert map_root.get("viewBox").split()[2] == str(MAP_WIDTH)
    assert network_root.get("viewBox").split()[2] == str(NETWORK_WIDTH)
    assert re.search(rf"\.stakeholder-map \{{ min-width: {MAP_WIDTH}px; }}", css)
    assert re.search(rf"\.relationship-network \{{ min-width: {NETWORK_WIDTH}px; }}", css)
    assert ".graphic-scroll { overflow-x: auto; }" in css


# --- Stakeholder map --------------------------------------------------------------------------------------------


def test_map_grid_geometry_matches_constants():
    assert map_cell_box(1, 1) == (
        MAP_GRID_LEFT,
        MAP_GRID_TOP + (MAP_LEVELS - 1) * MAP_CELL_HEIGHT,
        MAP_GRID_LEFT + MAP_CELL_WIDTH,
        MAP_GRID_TOP + MAP_LEVELS * MAP_CELL_HEIGHT,
    )
    assert map_cell_box(5, 5) == (
        MAP_GRID_LEFT + 4 * MAP_CELL_WIDTH,
        MAP_GRID_TOP,
        MAP_GRID_LEFT + 5 * MAP_CELL_WIDTH,
        MAP_GRID_TOP + MAP_CELL_HEIGHT,
    )


def test_map_root_is_accessible_and_csp_safe():
    root = assert_csp_safe(draw_map([point("a", 3, 4)]))
    assert_accessible_root(root, "stakeholder-map")
    assert root.find(f"{SVG}title").text == "Stakeholder map"
    texts = {el.text for el in root.iter(f"{SVG}text")}
    assert {"Interest", "Influence", "Stance", *STANCES.values()} <= texts
    assert {"1", "2", "3", "4", "5"} <= texts


def test_map_legend_shows_each_stance_with_its_shape_colour_and_name():
    root = assert_csp_safe(draw_map([]))
    legend = root.find(f".//{SVG}g[@class='map-legend']")
    entries = [el for el in legend if el.get("class") == "legend-item"]
    assert [entry.find(f"{SVG}text").text for entry in entries] == list(STANCES.values())
    for stance, entry in zip(STANCES, entries, strict=True):
        mark = marker_of(entry)
        assert mark.get("fill") == STANCE_COLOURS[stance]
        assert mark.tag == (f"{SVG}circle" if STANCE_SHAPES[stance] == "circle" else f"{SVG}path")
    tags = [marker_of(entry).tag for entry in entries]
    assert tags.count(f"{SVG}circle") == 1
    paths = [marker_of(entry).get("d") for entry in entries if marker_of(entry).get("d")]
    assert len({re.sub(r"[\d.-]+", "#", d) for d in paths}) == 3  # triangle, diamond and square differ


@pytest.mark.parametrize(("influence", "interest"), list(itertools.product(range(1, 6), repeat=2)))
def test_map_point_lands_in_its_cell(influence, interest):
    root = assert_csp_safe(draw_map([point("a", influence, interest), point("b", 6 - influence, 6 - interest)]))
    left, top, right, bottom = mark_box(marker_of(items(root, "map-point")["a"]))
    x0 = MAP_GRID_LEFT + (interest - 1) * MAP_CELL_WIDTH
    y0 = MAP_GRID_TOP + (MAP_LEVELS - influence) * MAP_CELL_HEIGHT
    assert x0 <= left and right <= x0 + MAP_CELL_WIDTH
    assert y0 <= top and bottom <= y0 + MAP_CELL_HEIGHT


def test_map_higher_influence_is_higher_and_higher_interest_is_further_right():
    root = assert_csp_safe(draw_map([point("low", 1, 1), point("high", 5, 5)]))
    points = items(root, "map-point")
    (low_x, low_y), (high_x, high_y) = centre(marker_of(points["low"])), centre(marker_of(points["high"]))
    assert high_y < low_y
    assert high_x > low_x


def test_map_point_is_a_link_with_tooltip_colour_shape_and_label():
    root = assert_csp_safe(draw_map([point("a", 4, 2, label="Ministry of Interior", stance="spoiler")]))
    link = items(root, "map-point")["a"]
    assert link.tag == f"{SVG}a"
    assert link.get("href") == "/actors/a/"
    assert link.get("class") == "map-point stance-spoiler"
    assert link.find(f"{SVG}title").text == "Ministry of Interior — Spoiler, Influence 4, Interest 2"
    mark = marker_of(link)
    assert mark.tag == f"{SVG}path"  # a triangle
    assert mark.get("fill") == STANCE_COLOURS["spoiler"]
    assert link.find(f"{SVG}text").text == "Ministry of Interior"


@pytest.mark.parametrize(("stance", "tag"), [("supportive", "circle"), ("neutral", "path"), ("influencer", "path")])
def test_map_stances_differ_by_shape_not_only_colour(stance, tag):
    mark = marker_of(items(assert_csp_safe(draw_map([point("a", 2, 2, stance=stance)])), "map-point")["a"])
    assert mark.tag == f"{SVG}{tag}"


def test_map_long_labels_are_truncated_but_tooltip_keeps_the_full_name():
    name = "Joint Operations Command of the Northern Region"
    root = assert_csp_safe(draw_map([point("a", 2, 2, label=name)]))
    link = items(root, "map-point")["a"]
    label = link.find(f"{SVG}text").text
    assert label.endswith("…")
    assert len(label) <= 22
    assert name in link.find(f"{SVG}title").text


@pytest.mark.parametrize("count", [2, 5, 6, 7, 12, 20, 61, 200])
def test_map_points_sharing_a_cell_do_not_overlap_and_stay_inside(count):
    points = [point(f"p{i:03}", 3, 2, stance=list(STANCES)[i % 4]) for i in range(count)]
    root = assert_csp_safe(draw_map(points))
    links = items(root, "map-point").values()
    assert len(links) == count
    x0, y0, x1, y1 = map_cell_box(2, 3)
    marks = [mark_box(marker_of(link)) for link in links]
    for left, top, right, bottom in marks:
        assert x0 <= left and right <= x1
        assert y0 <= top and bottom <= y1
    for (a0, b0, a1, b1), (c0, d0, c1, d1) in itertools.combinations(marks, 2):
        assert a1 <= c0 or c1 <= a0 or b1 <= d0 or d1 <= b0
    # Tap targets never overlap one another, so a tap always reaches one actor only.
    targets = [box(link.find(f"{SVG}rect")) for link in links]
    for (a0, b0, a1, b1), (c0, d0, c1, d1) in itertools.combinations(targets, 2):
        assert a1 <= c0 + 0.11 or c1 <= a0 + 0.11 or b1 <= d0 + 0.11 or d1 <= b0 + 0.11


@pytest.mark.parametrize("count", [1, 4, 8, 12])
def test_map_labelled_points_are_at_least_24_units_tappable(count):
    root = assert_csp_safe(draw_map([point(f"p{i}", 2, 2, label=f"Name {i}") for i in range(count)]))
    for link in items(root, "map-point").values():
        x0, y0, x1, y1 = box(link.find(f"{SVG}rect"))
        assert x1 - x0 >= 24 and y1 - y0 >= 24
        assert link.find(f"{SVG}rect").get("fill-opacity") == "0"


def test_map_spreads_a_cell_in_label_order_whatever_the_input_order():
    points = [point(key, 5, 5, label=label) for key, label in [("1", "Charlie"), ("2", "alpha"), ("3", "Bravo")]]
    forward, backward = draw_map(points), draw_map(list(reversed(points)))
    assert forward == backward
    links = list(items(assert_csp_safe(forward), "map-point").values())
    assert [link.find(f"{SVG}text").text for link in links] == ["alpha", "Bravo", "Charlie"]


def test_map_escapes_hostile_names_and_urls():
    hostile = MapPoint("k<&>", HOSTILE, "javascript:alert(1)", 3, 3, "spoiler\"'", HOSTILE, HOSTILE)
    svg = stakeholder_map_svg(
        [hostile, point("ok", 3, 3, label="A & B <C>")],
        title=HOSTILE,
        x_label="<b>x</b>",
        y_label="y & z",
        legend={"spoiler": HOSTILE},
    )
    root = assert_csp_safe(svg)
    assert root.find(f"{SVG}title").text == HOSTILE
    links = items(root, "map-point")
    assert links["k<&>"].tag == f"{SVG}g"  # a javascript: URL does not become a link
    assert links["k<&>"].get("class") == "map-point stance-spoiler"  # the key is reduced to a safe token
    assert HOSTILE in links["k<&>"].find(f"{SVG}title").text
    assert links["ok"].find(f"{SVG}text").text == "A & B <C>"
    assert "&lt;script&gt;" in svg and "&quot;Sons&quot;" in svg
    assert "A &amp; B &lt;C&gt;" in svg
    assert "<b>" not in svg


def test_map_drops_characters_xml_forbids():
    root = assert_csp_safe(draw_map([point("a", 1, 1, label="Bell\x07 and null\x00")]))
    assert items(root, "map-point")["a"].find(f"{SVG}text").text == "Bell and null"


def test_map_unknown_stance_is_grey_and_out_of_range_scores_are_clamped():
    root = assert_csp_safe(draw_map([point("a", 9, 0, stance="mystery")]))
    mark = marker_of(items(root, "map-point")["a"])
    assert mark.get("fill") == FALLBACK_COLOUR
    x0, y0, x1, y1 = map_cell_box(1, 5)
    cx, cy = centre(mark)
    assert x0 < cx < x1
    assert y0 < cy < y1


def test_map_is_deterministic_and_handles_no_points():
    points = [point(f"p{i}", 1 + i % 5, 1 + i * 7 % 5, stance=list(STANCES)[i % 4]) for i in range(40)]
    assert draw_map(points) == draw_map(list(points))
    assert_csp_safe(draw_map([]))


def test_map_custom_tooltip_template():
    svg = stakeholder_map_svg(
        [point("a", 2, 3, stance="supportive")],
        title="t",
        x_label="Intérêt",
        y_label="Influence",
        legend=STANCES,
        tooltip="{label} ({category}) : {stance} ; {y_label} {influence}/5",
    )
    link = items(assert_csp_safe(svg), "map-point")["a"]
    assert link.find(f"{SVG}title").text == "Actor a (Domestic civilian) : Supportive ; Influence 2/5"


@pytest.mark.parametrize("language", ["fr", "ar", "es"])
def test_coordinates_are_never_localised(language, settings):
    settings.USE_THOUSAND_SEPARATOR = True
    with translation.override(language):
        svgs = [draw_map([point(f"p{i}", 1 + i % 5, 2) for i in range(30)]), draw_network(*random_network(30, 40))]
    for svg in svgs:
        root = assert_csp_safe(svg)
        for el in root.iter():
            if el is root:
                continue
            for name in ("x", "y", "cx", "cy", "r", "width", "height"):
                if el.get(name) is not None and el.tag != f"{SVG}marker":
                    assert re.fullmatch(r"-?\d+(\.\d)?", el.get(name)), (el.tag, name, el.get(name))


# --- Which nodes are drawn ------------------------------------------------------------------------------------


def test_most_connected_keeps_the_best_linked_nodes_and_the_edges_among_them():
    nodes = [node("hub"), node("b"), node("c"), node("d"), node("lone")]
    edges = [edge("hub", "b"), edge("hub", "c"), edge("hub", "d"), edge("b", "c"), edge("d", "lone")]
    kept_nodes, kept_edges = most_connected(nodes, edges, limit=3)
    assert {n.key for n in kept_nodes} == {"hub", "b", "c"}  # degrees 3, 2, 2; d (2) loses the tie on its label
    assert {(e.source, e.target) for e in kept_edges} == {("hub", "b"), ("hub", "c"), ("b", "c")}


def test_most_connected_counts_distinct_neighbours_of_the_edges_given_only():
    nodes = [node("a"), node("b"), node("c")]
    edges = [edge("a", "b"), edge("b", "a", "opposed"), edge("a", "b", "supplies"), edge("c", "ghost")]
    kept_nodes, _ = most_connected(nodes, [*edges, edge("c", "hidden"), edge("c", "hidden2")], limit=2)
    assert {n.key for n in kept_nodes} == {"a", "b"}  # c's edges lead to nodes not given: they do not count


def test_most_connected_under_the_cap_keeps_everything():
    nodes, edges = random_network(30, 50)
    kept_nodes, kept_edges = most_connected(nodes, edges, limit=30)
    assert {n.key for n in kept_nodes} == {n.key for n in nodes}
    assert len(kept_edges) == len({e for e in edges if e.source != e.target})


def test_network_draws_at_most_the_cap():
    nodes, edges = random_network(NETWORK_NODE_CAP + 40, 600)
    root = assert_csp_safe(draw_network(nodes, edges))
    drawn = items(root, "network-node")
    assert len(drawn) == NETWORK_NODE_CAP
    assert set(drawn) == {n.key for n in most_connected(nodes, edges)[0]}


# --- Network layout ---------------------------------------------------------------------------------------------


def assert_inside(positions, width=NETWORK_WIDTH, height=NETWORK_HEIGHT, margin=NETWORK_MARGIN):
    for x, y in positions.values():
        assert margin <= x <= width - margin
        assert margin <= y <= height - margin


def test_layout_of_no_node_and_one_node():
    assert network_layout([], []) == {}
    assert network_layout([], [edge("a", "b")]) == {}
    assert network_layout([node("a")], [edge("a", "ghost")]) == {"a": (NETWORK_WIDTH / 2, NETWORK_HEIGHT / 2)}


@pytest.mark.parametrize("edges", [[], [edge("a", "b")], [edge("a", "b"), edge("b", "a", "opposed")]])
def test_layout_of_two_nodes(edges):
    positions = network_layout([node("a"), node("b")], edges)
    assert set(positions) == {"a", "b"}
    assert positions["a"] != positions["b"]
    assert_inside(positions)


def test_connected_nodes_end_closer_than_unconnected_ones():
    nodes = [node(k) for k in "abcdef"]
    positions = network_layout(nodes, [edge("a", "b"), edge("b", "c"), edge("c", "a"), edge("d", "e")])

    def dist(p, q):
        (x1, y1), (x2, y2) = positions[p], positions[q]
        return ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5

    assert dist("a", "b") < dist("a", "e")
    assert dist("d", "e") < dist("d", "f")


@pytest.mark.parametrize(("n_nodes", "n_edges"), [(3, 0), (10, 4), (50, 120), (150, 500), (NETWORK_NODE_CAP, 40)])
def test_layout_stays_inside_the_canvas_and_never_stacks_nodes(n_nodes, n_edges):
    nodes, edges = random_network(n_nodes, n_edges)
    positions = network_layout(nodes, edges)
    assert set(positions) == {n.key for n in nodes}
    assert_inside(positions)
    assert len(set(positions.values())) == n_nodes


def test_layout_refuses_more_nodes_than_the_cap():
    nodes, edges = random_network(NETWORK_NODE_CAP + 1, 10)
    with pytest.raises(ValueError, match="most_connected"):
        network_layout(nodes, edges)


def test_layout_respects_a_custom_canvas():
    nodes, edges = random_network(30, 40)
    positions = network_layout(nodes, edges, width=400, height=300, iterations=20)
    assert_inside(positions, 400, 300, NETWORK_MARGIN)


def test_layout_of_many_identical_isolated_nodes_keeps_them_apart():
    nodes = [node(f"n{i}", label="Same name", group="nsag") for i in range(25)]
    positions = network_layout(nodes, [])
    assert len(set(positions.values())) == 25
    assert_inside(positions)


def test_layout_is_deterministic_and_ignores_input_order_and_unknown_edges():
    nodes, edges = random_network(40, 80)
    first = network_layout(nodes, edges)
    assert network_layout(list(reversed(nodes)), list(reversed(edges))) == first
    assert network_layout(nodes, [*edges, edge("n1", "ghost"), edge("ghost", "n2"), edge("n3", "n3")]) == first
    assert network_layout(nodes, edges, seed=1) != first


def test_layout_depends_on_the_graph_structure_only():
    nodes, edges = random_network(40, 80)
    renamed = [NetworkNode(n.key, f"Other {n.label}", "/x/", "domestic_civilian", "X") for n in nodes]
    retyped = [NetworkEdge(e.target, e.source, "opposed", "opposed", "possible") for e in edges]
    assert network_layout(renamed, retyped) == network_layout(nodes, edges)
    assert layout_cache_key(renamed, retyped) == layout_cache_key(nodes, edges)


def test_layout_without_iterations_is_still_valid():
    nodes, edges = random_network(12, 10)
    positions = network_layout(nodes, edges, iterations=0)
    assert_inside(positions)
    assert len(set(positions.values())) == 12


# --- The layout's cache -----------------------------------------------------------------------------------------


def test_cached_layout_is_reused_for_the_same_graph():
    nodes, edges = random_network(40, 80)
    with mock.patch.object(layout_module, "network_layout", wraps=layout_module.network_layout) as layout:
        first = draw_network(nodes, edges)
        second = draw_network(list(reversed(nodes)), list(reversed(edges)))
    assert layout.call_count == 1
    assert first == second


def test_a_changed_relationship_gives_a_new_layout():
    nodes = [node(f"n{i}") for i in range(40)]
    chain = [edge(f"n{i}", f"n{i + 1}") for i in range(39)]
    graphs = [chain, [*chain, edge("n0", "n39")], chain[1:]]
    with mock.patch.object(layout_module, "network_layout", wraps=layout_module.network_layout) as layout:
        drawings = [draw_network(nodes, edges) for edges in graphs]
    assert layout.call_count == 3
    assert len(set(drawings)) == 3
    assert len({layout_cache_key(nodes, edges) for edges in graphs}) == 3


def test_a_new_actor_gives_a_new_layout_key():
    nodes, edges = random_network(40, 80)
    assert layout_cache_key(nodes, edges) != layout_cache_key([*nodes, node("new")], edges)
    assert layout_cache_key(nodes, edges) != layout_cache_key(nodes, edges, width=800)


# --- Network drawing --------------------------------------------------------------------------------------------


def test_network_root_is_accessible_and_csp_safe():
    nodes, edges = random_network(20, 30)
    root = assert_csp_safe(draw_network(nodes, edges))
    assert_accessible_root(root, "relationship-network")
    assert root.find(f"{SVG}title").text == "Relationships"
    texts = {el.text for el in root.iter(f"{SVG}text")}
    assert {*GROUPS.values(), *KINDS.values(), *CONFIDENCES.values(), "Category", "Relationship"} <= texts


def test_network_defines_one_arrowhead_per_kind_and_every_reference_resolves():
    nodes, edges = random_network(15, 40)
    edges.append(edge("n0", "n1", "mystery"))
    root = assert_csp_safe(draw_network(nodes, edges))
    markers = {m.get("id"): m for m in root.iter(f"{SVG}marker")}
    for kind, colour in EDGE_COLOURS.items():
        assert markers[f"relationship-network-arrow-{kind}"].find(f"{SVG}path").get("fill") == colour
    references = {el.get("marker-end") for el in root.iter() if el.get("marker-end")}
    assert references
    assert {ref.removeprefix("url(#").removesuffix(")") for ref in references} <= set(markers)


def test_network_edges_carry_colour_dash_tooltip_and_drop_unknown_ends():
    nodes = [node("a", label="Army"), node("b", label="Militia"), node("c", label="Council", group="x")]
    edges = [
        edge("a", "b", "opposed", "probable"),
        edge("b", "c", "influences", "possible"),
        edge("c", "a", "negotiates", "confirmed"),
        edge("a", "ghost", "allied"),
        edge("ghost", "b", "supplies"),
    ]
    root = assert_csp_safe(draw_network(nodes, edges))
    paths = [el for el in root.iter(f"{SVG}path") if "network-edge" in (el.get("class") or "")]
    assert len(paths) == 3
    by_tip = {p.find(f"{SVG}title").text: p for p in paths}
    assert set(by_tip) == {
        "Army opposed Militia (Probable)",
        "Militia influences Council (Possible)",
        "Council negotiates Army (Confirmed)",
    }
    opposed = by_tip["Army opposed Militia (Probable)"]
    assert opposed.get("stroke") == EDGE_COLOURS["opposed"]
    assert opposed.get("stroke-dasharray") == CONFIDENCE_DASHES["probable"]
    assert opposed.get("opacity") is None  # full colour: translucency would break the 3:1 contrast
    assert by_tip["Militia influences Council (Possible)"].get("stroke-dasharray") == "2 3"
    assert by_tip["Council negotiates Army (Confirmed)"].get("stroke-dasharray") is None
    assert "ghost" not in ET.tostring(root, encoding="unicode")


def test_network_edge_tooltip_falls_back_to_confidence_key():
    svg = network_svg(
        [node("a"), node("b")], [edge("a", "b", confidence="possible")], title="t", legend_groups={}, legend_kinds={}
    )
    root = assert_csp_safe(svg)
    assert root.find(f".//{SVG}path[@class]/{SVG}title").text == "Actor a allied Actor b (possible)"


def test_network_parallel_edges_do_not_coincide():
    root = assert_csp_safe(
        draw_network([node("a"), node("b")], [edge("a", "b"), edge("b", "a", "opposed"), edge("a", "b", "supplies")])
    )
    shapes = [el.get("d") for el in root.iter(f"{SVG}path") if "network-edge" in (el.get("class") or "")]
    assert len(shapes) == len(set(shapes)) == 3


def test_network_nodes_are_links_coloured_by_group_sized_by_degree_and_tappable():
    nodes = [node("hub", label="Hub", group="domestic_military"), *(node(f"s{i}", group="other") for i in range(6))]
    root = assert_csp_safe(draw_network(nodes, [edge("hub", f"s{i}") for i in range(6)]))
    links = items(root, "network-node")
    assert set(links) == {n.key for n in nodes}
    hub, spoke = links["hub"], links["s0"]
    assert hub.tag == f"{SVG}a"
    assert hub.get("href") == "/actors/hub/"
    assert hub.find(f"{SVG}title").text == "Hub — G"
    assert hub.find(f"{SVG}circle").get("fill") == GROUP_COLOURS["domestic_military"]
    assert spoke.find(f"{SVG}circle").get("fill") == FALLBACK_COLOUR
    assert float(hub.find(f"{SVG}circle").get("r")) > float(spoke.find(f"{SVG}circle").get("r"))
    label = hub.find(f"{SVG}text")
    assert label.text == "Hub"
    assert float(label.get("y")) > float(hub.find(f"{SVG}circle").get("cy"))
    assert label.get("paint-order") == "stroke"
    for link in links.values():
        x0, y0, x1, y1 = box(link.find(f"{SVG}rect"))
        assert x1 - x0 >= 24 and y1 - y0 >= 24


def test_network_node_positions_stay_inside_the_drawing():
    nodes, edges = random_network(60, 150)
    root = assert_csp_safe(draw_network(nodes, edges))
    for link in items(root, "network-node").values():
        circle = link.find(f"{SVG}circle")
        cx, cy, r = float(circle.get("cx")), float(circle.get("cy")), float(circle.get("r"))
        assert cx - r >= 0 and cx + r <= NETWORK_WIDTH
        assert cy - r >= 0 and cy + r <= NETWORK_HEIGHT


def test_network_labels_do_not_pile_up():
    nodes, edges = random_network(NETWORK_NODE_CAP, 700)
    root = assert_csp_safe(draw_network(nodes, edges))
    labels = [link.find(f"{SVG}text") for link in items(root, "network-node").values()]
    labels = [label for label in labels if label is not None]
    assert 0 < len(labels) < NETWORK_NODE_CAP  # crowded: some labels are left to the tooltips and the table
    spans = []
    for label in labels:
        x, y, width = float(label.get("x")), float(label.get("y")), len(label.text) * 11 * CHAR_WIDTH
        left = {"start": x, "middle": x - width / 2, "end": x - width}[label.get("text-anchor")]
        spans.append((left, y - 9, left + width, y + 3))
        assert left >= 0 and left + width <= NETWORK_WIDTH
    for (a0, b0, a1, b1), (c0, d0, c1, d1) in itertools.combinations(spans, 2):
        assert a1 <= c0 + 1 or c1 <= a0 + 1 or b1 <= d0 or d1 <= b0


def test_the_better_connected_node_gets_the_preferred_label_spot():
    """Under its dot is every label's first choice; when two collide there, the better connected wins it."""
    nodes = [node("hub", label="Hub with a rather long name"), node("leaf", label="Leaf with a long name too")]
    nodes += [node(f"s{i}") for i in range(3)]
    edges = [edge("hub", f"s{i}") for i in range(3)] + [edge("hub", "leaf")]
    positions = {"hub": (500.0, 300.0), "leaf": (530.0, 300.0), "s0": (100.0, 100.0), "s1": (900.0, 100.0)}
    positions["s2"] = (100.0, 600.0)
    with mock.patch("actors.graphics.network.cached_network_layout", return_value=positions):
        root = assert_csp_safe(draw_network(nodes, edges))
    links = items(root, "network-node")
    hub, leaf = links["hub"].find(f"{SVG}text"), links["leaf"].find(f"{SVG}text")
    assert hub.get("text-anchor") == "middle" and float(hub.get("y")) > 300
    assert leaf is None or leaf.get("text-anchor") != "middle" or float(leaf.get("y")) < 300


def test_network_escapes_hostile_names():
    nodes = [node("a<&>", label=HOSTILE), NetworkNode("b", "Tom & Jerry", "javascript:void(0)", "nsag", HOSTILE)]
    edges = [NetworkEdge("a<&>", "b", 'allied"><script>', HOSTILE, "probable")]
    svg = network_svg(nodes, edges, title=HOSTILE, legend_groups={"nsag": HOSTILE}, legend_kinds={"allied": HOSTILE})
    root = assert_csp_safe(svg)
    links = items(root, "network-node")
    assert links["a<&>"].find(f"{SVG}title").text.startswith(HOSTILE)
    assert links["b"].tag == f"{SVG}g"
    assert links["b"].find(f"{SVG}text").text == "Tom & Jerry"
    tips = [el.find(f"{SVG}title").text for el in root.iter(f"{SVG}path") if el.find(f"{SVG}title") is not None]
    assert tips == [f"{HOSTILE} {HOSTILE} Tom & Jerry (probable)"]
    assert "&lt;script&gt;" in svg and "&quot;Sons&quot;" in svg


@pytest.mark.parametrize("size", [0, 1, 2])
def test_network_of_few_nodes(size):
    nodes = [node(k) for k in "ab"[:size]]
    edges = [edge("a", "b")] if size == 2 else []
    root = assert_csp_safe(draw_network(nodes, edges))
    assert len(items(root, "network-node")) == size


def test_network_is_byte_identical_for_the_same_input_cached_or_not():
    nodes, edges = random_network(80, 200)
    first = draw_network(nodes, edges)
    assert draw_network(list(nodes), list(edges)) == first
    assert draw_network(list(reversed(nodes)), list(reversed(edges))) == first
    clear_cache()
    assert draw_network(nodes, edges) == first


def test_two_drawings_on_one_page_can_use_distinct_ids():
    svg = network_svg([node("a")], [], title="t", legend_groups={}, legend_kinds={}, id_prefix="second")
    root = assert_csp_safe(svg)
    assert root.get("aria-labelledby") == "second-title"
    assert all(m.get("id").startswith("second-") for m in root.iter(f"{SVG}marker"))


# --- The pages --------------------------------------------------------------------------------------------------


def _actors(operation, count, prefix="Actor", sensitivity=UNCLASSIFIED, category="nsag"):
    Actor.objects.bulk_create(
        Actor(operation=operation, name=f"{prefix} {n:03d}", category=category, actor_type="rebel_group",
              sensitivity=sensitivity)
        for n in range(count)
    )  # fmt: skip
    return list(Actor.objects.filter(operation=operation, name__startswith=prefix).order_by("name"))


def _relate(pairs, sensitivity=UNCLASSIFIED):
    ActorRelationship.objects.bulk_create(
        ActorRelationship(operation_id=a.operation_id, source=a, target=b, relationship_type="allied",
                          sensitivity=sensitivity)
        for a, b in pairs
    )  # fmt: skip


def test_network_page_over_the_cap_says_how_many_are_drawn(world, login):
    actors = _actors(world.operation, NETWORK_NODE_CAP + 12)
    hubs = actors[:5]
    _relate([(hub, other) for hub in hubs for other in actors[5:60]])
    response = login(world.officer).get(actors_url("network"))
    svg = drawing(response.text, "relationship-network")
    assert svg.count('class="network-node group-') == NETWORK_NODE_CAP
    cap = response.text[response.text.index('data-testid="network-cap"') :]
    assert f"Showing the {NETWORK_NODE_CAP} most connected of {NETWORK_NODE_CAP + 12} actors" in cap
    assert "filter by category" in cap
    for hub in hubs:
        assert f'data-key="{hub.pk}"' in svg
    # The table lists every relationship, a page of 100 rows at a time.
    assert "275 relationships you may see" in response.text
    table = response.text[response.text.index('data-testid="network-table"') :]
    assert table[: table.index("</table>")].count("<tr>") == 100 + 1  # rows and the header
    last = login(world.officer).get(actors_url("network"), {"page": 3}).text
    table = last[last.index('data-testid="network-table"') :]
    assert table[: table.index("</table>")].count("<tr>") == 75 + 1


def test_network_page_under_the_cap_shows_no_cap_message(world, login):
    actors = _actors(world.operation, 10)
    _relate(itertools.pairwise(actors))
    response = login(world.officer).get(actors_url("network"))
    assert 'data-testid="network-cap"' not in response.text
    assert drawing(response.text, "relationship-network").count('class="network-node group-') == 10
    assert 'class="graphic-scroll"' in response.text and 'data-testid="scroll-hint"' in response.text


def test_layout_never_depends_on_what_the_reader_may_not_see(world, login):
    """HCT reads Unclassified only: a Strictly confidential actor and relationships to it neither reach the
    layout nor move anything HCT sees."""
    visible = _actors(world.operation, 12, prefix="Open")
    _relate(itertools.pairwise(visible))
    client = login(world.hct)
    before = drawing(client.get(actors_url("network")).text, "relationship-network")

    (secret,) = _actors(world.operation, 1, prefix="Hidden", sensitivity=STRICTLY_CONFIDENTIAL)
    _relate([(secret, actor) for actor in visible], sensitivity=UNCLASSIFIED)  # hidden through their source anyway
    _relate([(visible[0], visible[5])], sensitivity=STRICTLY_CONFIDENTIAL)
    with mock.patch.object(layout_module, "network_layout", wraps=layout_module.network_layout) as layout:
        after = drawing(client.get(actors_url("network")).text, "relationship-network")
        officer_svg = drawing(login(world.officer).get(actors_url("network")).text, "relationship-network")
    assert after == before  # same layout, from the cache: HCT's graph did not change
    assert layout.call_count == 1  # the officer's graph differs, so it has a layout of its own
    (laid_out, _edges), _options = layout.call_args
    assert str(secret.pk) in {n.key for n in laid_out}  # the officer's call
    assert f'data-key="{secret.pk}"' in officer_svg and f'data-key="{secret.pk}"' not in after
    assert "Hidden" not in after


def test_map_page_escapes_hostile_names_and_pages_its_table(world, login):
    actors = _actors(world.operation, 130)
    hostile = Actor.objects.create(
        operation=world.operation, name=HOSTILE, category="nsag", actor_type="rebel_group", sensitivity=UNCLASSIFIED
    )
    ActorAssessment.objects.bulk_create(
        ActorAssessment(operation=world.operation, actor=actor, stance="spoiler", influence=1 + i % 5,
                        interest=1 + i % 3, strategy="coordination", assessor=world.officer, sensitivity=UNCLASSIFIED)
        for i, actor in enumerate([*actors[:120], hostile])
    )  # fmt: skip
    client = login(world.officer)
    response = client.get(actors_url("stakeholder-map"))
    text = response.text
    svg = drawing(text, "stakeholder-map")
    assert svg.count('class="map-point stance-spoiler"') == 121
    assert "<script>alert" not in text
    assert "Brigade &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Sons&quot;" in svg
    table = text[text.index('data-testid="map-table"') :]
    assert table[: table.index("</table>")].count("<tr>") == 100 + 1
    assert "121 assessed actors" in table
    second = client.get(actors_url("stakeholder-map"), {"page": 2}).text
    table = second[second.index('data-testid="map-table"') :]
    assert table[: table.index("</table>")].count("<tr>") == 21 + 1
    unassessed = text[text.index('data-testid="unassessed"') :]
    assert "Actor 129" in unassessed
    assert 'class="graphic-scroll"' in text and 'data-testid="scroll-hint"' in text


def test_network_page_filters_by_category_and_by_the_current_picture(world, login):
    armed = _actors(world.operation, 3, prefix="Armed", category="nsag")
    civil = _actors(world.operation, 2, prefix="Civil", category="domestic_civilian")
    _relate([(armed[0], armed[1]), (armed[1], civil[0]), (civil[0], civil[1])])
    ActorAssessment.objects.create(
        operation=world.operation, actor=armed[2], stance="spoiler", influence=4, interest=2,
        strategy="coordination", assessor=world.officer, sensitivity=UNCLASSIFIED,
    )  # fmt: skip
    client = login(world.officer)

    def drawn(**query):
        svg = drawing(client.get(actors_url("network"), query).text, "relationship-network")
        return {int(key) for key in re.findall(r'class="network-node group-[a-z_-]+" data-key="(\d+)"', svg)}

    assert drawn() == {a.pk for a in [*armed, *civil]}
    assert drawn(category="nsag") == {a.pk for a in armed}
    assert drawn(stance="spoiler") == {armed[2].pk}
