"""Server-rendered SVG graphics of the actor registry: the stakeholder map and the relationship network.

- ``stakeholder_map``: the influence-by-interest grid's geometry;
- ``layout``: which network nodes are drawn (``most_connected``), where (networkx), and the layout's cache;
- ``network``: the network's geometry;
- ``palette``: colours, shapes and dash patterns;
- ``common``: helpers both drawings share;
- ``pages``: what the stakeholder map and network pages show, read from the database for one user.

The SVG itself comes from Django templates under ``templates/actors/graphics/``, which autoescape every value
(names come from users). It obeys the site's Content-Security-Policy: no ``style`` attribute, no ``<style>``
element and no script, only SVG presentation attributes and ``class``. Callers pass every user-facing string
already translated. The output is deterministic: the same input gives byte-identical SVG.
"""

from .layout import (
    NETWORK_HEIGHT,
    NETWORK_MARGIN,
    NETWORK_NODE_CAP,
    NETWORK_WIDTH,
    NetworkEdge,
    NetworkNode,
    cached_network_layout,
    layout_cache_key,
    most_connected,
    network_layout,
)
from .network import network_svg
from .palette import (
    CONFIDENCE_DASHES,
    EDGE_COLOURS,
    FALLBACK_COLOUR,
    GROUP_COLOURS,
    STANCE_COLOURS,
    STANCE_SHAPES,
)
from .stakeholder_map import (
    MAP_CELL_HEIGHT,
    MAP_CELL_WIDTH,
    MAP_GRID_LEFT,
    MAP_GRID_TOP,
    MAP_LEVELS,
    MAP_WIDTH,
    MapPoint,
    map_cell_box,
    stakeholder_map_svg,
)

__all__ = [
    "CONFIDENCE_DASHES",
    "EDGE_COLOURS",
    "FALLBACK_COLOUR",
    "GROUP_COLOURS",
    "MAP_CELL_HEIGHT",
    "MAP_CELL_WIDTH",
    "MAP_GRID_LEFT",
    "MAP_GRID_TOP",
    "MAP_LEVELS",
    "MAP_WIDTH",
    "NETWORK_HEIGHT",
    "NETWORK_MARGIN",
    "NETWORK_NODE_CAP",
    "NETWORK_WIDTH",
    "STANCE_COLOURS",
    "STANCE_SHAPES",
    "MapPoint",
    "NetworkEdge",
    "NetworkNode",
    "cached_network_layout",
    "layout_cache_key",
    "map_cell_box",
    "most_connected",
    "network_layout",
    "network_svg",
    "stakeholder_map_svg",
]
