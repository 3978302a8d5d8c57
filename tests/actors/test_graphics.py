"""The server-rendered SVG of the stakeholder map and the relationship network (pure functions, no database)."""

import itertools
import random
import xml.etree.ElementTree as ET

import pytest

from actors.graphics import (
    CONFIDENCE_DASHES,
    EDGE_COLOURS,
    GROUP_COLOURS,
    MAP_CELL_HEIGHT,
    MAP_CELL_WIDTH,
    MAP_GRID_LEFT,
    MAP_GRID_TOP,
    MAP_LEVELS,
    NETWORK_HEIGHT,
    NETWORK_MARGIN,
    NETWORK_WIDTH,
    STANCE_COLOURS,
    MapPoint,
    NetworkEdge,
    NetworkNode,
    map_cell_box,
    network_layout,
    network_svg,
    stakeholder_map_svg,
)

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


def draw_network(nodes, edges):
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


def assert_csp_safe(svg):
    root = ET.fromstring(svg)  # noqa: S314 - our own output; raises unless well-formed XML
    assert root.tag == f"{SVG}svg"
    assert not [el.tag for el in root.iter() if "style" in el.attrib]
    assert not [el for el in root.iter() if el.tag == f"{SVG}style"]
    assert "<script" not in svg.lower()
    assert "javascript:" not in svg.lower()
    return root


def assert_accessible_root(root, css_class):
    assert root.get("class") == css_class
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert len(root.get("viewBox").split()) == 4
    title = root.find(f"{SVG}title")
    assert title is not None
    assert title.get("id") == root.get("aria-labelledby")


# --- Stakeholder map -----------------------------------------------------------------------------------------


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


@pytest.mark.parametrize(("influence", "interest"), list(itertools.product(range(1, 6), repeat=2)))
def test_map_point_lands_in_its_cell(influence, interest):
    root = assert_csp_safe(draw_map([point("a", influence, interest), point("b", 6 - influence, 6 - interest)]))
    circle = items(root, "map-point")["a"].find(f"{SVG}circle")
    x0 = MAP_GRID_LEFT + (interest - 1) * MAP_CELL_WIDTH
    y0 = MAP_GRID_TOP + (MAP_LEVELS - influence) * MAP_CELL_HEIGHT
    cx, cy, r = float(circle.get("cx")), float(circle.get("cy")), float(circle.get("r"))
    assert x0 <= cx - r and cx + r <= x0 + MAP_CELL_WIDTH
    assert y0 <= cy - r and cy + r <= y0 + MAP_CELL_HEIGHT


def test_map_higher_influence_is_higher_and_higher_interest_is_further_right():
    root = assert_csp_safe(draw_map([point("low", 1, 1), point("high", 5, 5)]))
    points = items(root, "map-point")
    low, high = points["low"].find(f"{SVG}circle"), points["high"].find(f"{SVG}circle")
    assert float(high.get("cy")) < float(low.get("cy"))
    assert float(high.get("cx")) > float(low.get("cx"))


def test_map_point_is_a_link_with_tooltip_colour_and_label():
    root = assert_csp_safe(draw_map([point("a", 4, 2, label="Ministry of Interior", stance="spoiler")]))
    link = items(root, "map-point")["a"]
    assert link.tag == f"{SVG}a"
    assert link.get("href") == "/actors/a/"
    assert link.find(f"{SVG}title").text == "Ministry of Interior — Spoiler, Influence 4, Interest 2"
    assert link.find(f"{SVG}circle").get("fill") == STANCE_COLOURS["spoiler"]
    assert link.find(f"{SVG}text").text == "Ministry of Interior"


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
    circles = [link.find(f"{SVG}circle") for link in items(root, "map-point").values()]
    assert len(circles) == count
    x0, y0, x1, y1 = map_cell_box(2, 3)
    discs = [(float(c.get("cx")), float(c.get("cy")), float(c.get("r"))) for c in circles]
    for cx, cy, r in discs:
        assert x0 <= cx - r and cx + r <= x1
        assert y0 <= cy - r and cy + r <= y1
    for (ax, ay, ar), (bx, by, br) in itertools.combinations(discs, 2):
        assert (ax - bx) ** 2 + (ay - by) ** 2 >= (ar + br) ** 2


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
    assert HOSTILE in links["k<&>"].find(f"{SVG}title").text
    assert links["ok"].find(f"{SVG}text").text == "A & B <C>"
    assert "&lt;script&gt;" in svg
    assert "A &amp; B &lt;C&gt;" in svg


def test_map_drops_characters_xml_forbids():
    root = assert_csp_safe(draw_map([point("a", 1, 1, label="Bell\x07 and null\x00")]))
    assert items(root, "map-point")["a"].find(f"{SVG}text").text == "Bell and null"


def test_map_unknown_stance_is_grey_and_out_of_range_scores_are_clamped():
    root = assert_csp_safe(draw_map([point("a", 9, 0, stance="mystery")]))
    circle = items(root, "map-point")["a"].find(f"{SVG}circle")
    assert circle.get("fill") == "#7f8c8d"
    x0, y0, x1, y1 = map_cell_box(1, 5)
    assert x0 < float(circle.get("cx")) < x1
    assert y0 < float(circle.get("cy")) < y1


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


# --- Network layout ------------------------------------------------------------------------------------------


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


@pytest.mark.parametrize(("n_nodes", "n_edges"), [(3, 0), (10, 4), (50, 120), (150, 500)])
def test_layout_stays_inside_the_canvas_and_never_stacks_nodes(n_nodes, n_edges):
    nodes, edges = random_network(n_nodes, n_edges)
    positions = network_layout(nodes, edges)
    assert set(positions) == {n.key for n in nodes}
    assert_inside(positions)
    assert len(set(positions.values())) == n_nodes


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


def test_layout_without_iterations_is_still_valid():
    nodes, edges = random_network(12, 10)
    positions = network_layout(nodes, edges, iterations=0)
    assert_inside(positions)
    assert len(set(positions.values())) == 12


# --- Network drawing -----------------------------------------------------------------------------------------


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
    assert float(opposed.get("opacity")) < 1
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


def test_network_nodes_are_links_coloured_by_group_and_sized_by_degree():
    nodes = [node("hub", label="Hub", group="domestic_military"), *(node(f"s{i}", group="other") for i in range(6))]
    root = assert_csp_safe(draw_network(nodes, [edge("hub", f"s{i}") for i in range(6)]))
    links = items(root, "network-node")
    assert set(links) == {n.key for n in nodes}
    hub, spoke = links["hub"], links["s0"]
    assert hub.tag == f"{SVG}a"
    assert hub.get("href") == "/actors/hub/"
    assert hub.find(f"{SVG}title").text == "Hub — G"
    assert hub.find(f"{SVG}circle").get("fill") == GROUP_COLOURS["domestic_military"]
    assert spoke.find(f"{SVG}circle").get("fill") == "#7f8c8d"
    assert float(hub.find(f"{SVG}circle").get("r")) > float(spoke.find(f"{SVG}circle").get("r"))
    label = hub.find(f"{SVG}text")
    assert label.text == "Hub"
    assert float(label.get("y")) > float(hub.find(f"{SVG}circle").get("cy"))
    assert label.get("paint-order") == "stroke"


def test_network_node_positions_stay_inside_the_drawing():
    nodes, edges = random_network(60, 150)
    root = assert_csp_safe(draw_network(nodes, edges))
    for link in items(root, "network-node").values():
        circle = link.find(f"{SVG}circle")
        cx, cy, r = float(circle.get("cx")), float(circle.get("cy")), float(circle.get("r"))
        assert cx - r >= 0 and cx + r <= NETWORK_WIDTH
        assert cy - r >= 0 and cy + r <= NETWORK_HEIGHT


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


@pytest.mark.parametrize("size", [0, 1, 2])
def test_network_of_few_nodes(size):
    nodes = [node(k) for k in "ab"[:size]]
    edges = [edge("a", "b")] if size == 2 else []
    root = assert_csp_safe(draw_network(nodes, edges))
    assert len(items(root, "network-node")) == size


def test_network_is_byte_identical_for_the_same_input():
    nodes, edges = random_network(80, 200)
    assert draw_network(nodes, edges) == draw_network(list(nodes), list(edges))
    assert draw_network(nodes, edges) == draw_network(list(reversed(nodes)), list(reversed(edges)))


def test_two_drawings_on_one_page_can_use_distinct_ids():
    svg = network_svg([node("a")], [], title="t", legend_groups={}, legend_kinds={}, id_prefix="second")
    root = assert_csp_safe(svg)
    assert root.get("aria-labelledby") == "second-title"
    assert all(m.get("id").startswith("second-") for m in root.iter(f"{SVG}marker"))
