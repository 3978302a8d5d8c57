"""The stakeholder map: an influence (y, 1 bottom → 5 top) by interest (x, 1 left → 5 right) grid, one mark per
actor, its shape and colour telling its stance.

This module computes the geometry; ``templates/actors/graphics/stakeholder_map.svg`` draws it.
"""

import math
from dataclasses import dataclass

from .common import CHAR_WIDTH, FONT_FAMILY, TARGET_SIZE, clean, num, render_svg, safe_url, token, truncate
from .palette import (
    AXIS_COLOUR,
    FALLBACK_COLOUR,
    FALLBACK_SHAPE,
    GRID_COLOUR,
    MAP_CELL_SHADES,
    SHAPE_EXTENT,
    STANCE_COLOURS,
    STANCE_SHAPES,
    TEXT_COLOUR,
    shape_path,
)


@dataclass(frozen=True)
class MapPoint:
    """One actor on the map, with its labels already translated."""

    key: str
    label: str
    url: str
    influence: int  # 1..5
    interest: int  # 1..5
    stance: str
    stance_label: str
    category_label: str


MAP_LEVELS = 5
MAP_GRID_LEFT = 76
MAP_GRID_TOP = 16
MAP_CELL_WIDTH = 150
MAP_CELL_HEIGHT = 120
MAP_GRID_WIDTH = MAP_CELL_WIDTH * MAP_LEVELS
MAP_GRID_HEIGHT = MAP_CELL_HEIGHT * MAP_LEVELS
MAP_WIDTH = MAP_GRID_LEFT + MAP_GRID_WIDTH + 16
_LEGEND_TOP = MAP_GRID_TOP + MAP_GRID_HEIGHT + 80  # under the x axis's title
_LEGEND_COLUMNS = 4
_LEGEND_ROW = 26

_POINT_SIZE = 6.0  # a mark has the area of a circle of this radius
_POINT_ROW = TARGET_SIZE  # vertical step between stacked points in one cell: one full tap target each
_POINT_PAD = 8.0  # inner padding of a cell
_POINT_FONT = 11
_POINT_LABEL_MAX = 22
_MIN_LABEL_CHARS = 6
_MAX_EXTENT = max(SHAPE_EXTENT.values())  # how far the widest shape reaches from its centre, per unit of size


def _level(value: int) -> int:
    """Clamp a score to 1..5 (the model validates it; a stray value must not break the drawing)."""
    return min(max(int(value), 1), MAP_LEVELS)


def map_cell_box(interest: int, influence: int) -> tuple[float, float, float, float]:
    """The (x0, y0, x1, y1) box of a cell: interest grows to the right, influence grows upwards."""
    x0 = MAP_GRID_LEFT + (_level(interest) - 1) * MAP_CELL_WIDTH
    y0 = MAP_GRID_TOP + (MAP_LEVELS - _level(influence)) * MAP_CELL_HEIGHT
    return x0, y0, x0 + MAP_CELL_WIDTH, y0 + MAP_CELL_HEIGHT


@dataclass(frozen=True)
class _CellLayout:
    slots: list[tuple[float, float]]  # centres, from the cell's top-left corner
    size: float  # the marks' size
    label_chars: int  # 0: no labels
    hit_left: float  # the tap target's left edge, from a mark's centre
    hit_width: float
    hit_height: float


def _cell_layout(count: int) -> _CellLayout:
    """Where `count` points go in one cell, how big they are and how long their labels may be.

    Points stack in columns of rows one tap target apart, with a label to the right of each; when a cell holds
    too many for labels to fit, they fall back to a tighter grid without labels (each mark's tooltip and the
    table beside the map still name it; the table's links are then the full-size targets).
    """
    inner_w = MAP_CELL_WIDTH - 2 * _POINT_PAD
    inner_h = MAP_CELL_HEIGHT - 2 * _POINT_PAD
    rows_cap = max(int(inner_h // _POINT_ROW), 1)
    cols = math.ceil(count / rows_cap)
    step_x = inner_w / cols
    reach = _POINT_SIZE * _MAX_EXTENT
    # A label stops short of the next column's marks; a single column's labels may run into the cell's padding.
    room = step_x + _POINT_PAD - 4 if cols == 1 else step_x - 6
    label_chars = int((room - 2 * reach - 4) // (_POINT_FONT * CHAR_WIDTH))
    if label_chars >= _MIN_LABEL_CHARS:
        rows = math.ceil(count / cols)
        top = _POINT_PAD + (inner_h - (rows - 1) * _POINT_ROW) / 2
        left = _POINT_PAD + reach
        slots = [(left + (i // rows) * step_x, top + (i % rows) * _POINT_ROW) for i in range(count)]
        hit_width = (room if cols == 1 else step_x) - 2
        return _CellLayout(
            slots, _POINT_SIZE, min(label_chars, _POINT_LABEL_MAX), reach + 1, hit_width, float(_POINT_ROW)
        )
    cols = max(math.ceil(math.sqrt(count * inner_w / inner_h)), 1)
    rows = math.ceil(count / cols)
    step_x, step_y = inner_w / cols, inner_h / rows
    size = min(_POINT_SIZE, 0.45 * min(step_x, step_y) / _MAX_EXTENT)
    slots = [(_POINT_PAD + step_x * (i % cols + 0.5), _POINT_PAD + step_y * (i // cols + 0.5)) for i in range(count)]
    hit_w, hit_h = min(step_x, TARGET_SIZE), min(step_y, TARGET_SIZE)
    return _CellLayout(slots, size, 0, hit_w / 2, hit_w, hit_h)


def marker(stance: str, cx: float, cy: float, size: float) -> dict:
    """A stance's mark, ready for the template: its shape, colour and geometry."""
    shape = STANCE_SHAPES.get(stance, FALLBACK_SHAPE)
    return {
        "shape": shape,
        "fill": STANCE_COLOURS.get(stance, FALLBACK_COLOUR),
        "cx": num(cx),
        "cy": num(cy),
        "r": num(size),
        "d": shape_path(shape, cx, cy, size),
    }


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
    """The map as SVG: a grid of 25 cells, one linked mark per actor, a legend of the stances under it.

    `legend` maps stance keys to their translated labels, in display order; each entry shows the stance's shape
    and colour. `tooltip` is a ``str.format`` template (fields: label, stance, category, influence, interest,
    x_label, y_label) for each mark's ``<title>``; pass a translated one if the default word order does not suit
    the language. The output is deterministic: the same points, in any order, give byte-identical SVG.
    """
    prefix = token(id_prefix)
    bottom = MAP_GRID_TOP + MAP_GRID_HEIGHT
    cells = []
    for influence in range(MAP_LEVELS, 0, -1):
        for interest in range(1, MAP_LEVELS + 1):
            x0, y0, _, _ = map_cell_box(interest, influence)
            # Cells where influence and interest are both high, or both low, are shaded darker.
            shade = MAP_CELL_SHADES[(influence >= 3) == (interest >= 3)]
            cells.append({"x": num(x0), "y": num(y0), "fill": shade})

    x_ticks, y_ticks = [], []
    for level in range(1, MAP_LEVELS + 1):
        x0, y0, x1, y1 = map_cell_box(level, level)
        x_ticks.append({"x": num((x0 + x1) / 2), "y": num(bottom + 17), "text": level})
        y_ticks.append({"x": num(MAP_GRID_LEFT - 10), "y": num((y0 + y1) / 2 + 4), "text": level})
    y_title_x, y_mid = MAP_GRID_LEFT - 44, MAP_GRID_TOP + MAP_GRID_HEIGHT / 2

    by_cell: dict[tuple[int, int], list[MapPoint]] = {}
    for point in points:
        by_cell.setdefault((_level(point.interest), _level(point.influence)), []).append(point)
    drawn = []
    for interest, influence in sorted(by_cell, key=lambda cell: (-cell[1], cell[0])):
        members = sorted(by_cell[interest, influence], key=lambda p: (p.label.casefold(), p.label, p.key))
        x0, y0, _, _ = map_cell_box(interest, influence)
        layout = _cell_layout(len(members))
        for point, (dx, dy) in zip(members, layout.slots, strict=True):
            cx, cy = x0 + dx, y0 + dy
            mark = marker(point.stance, cx, cy, layout.size)
            reach = layout.size * SHAPE_EXTENT[mark["shape"]]
            tip = tooltip.format(
                label=point.label,
                stance=point.stance_label,
                category=point.category_label,
                influence=point.influence,
                interest=point.interest,
                x_label=x_label,
                y_label=y_label,
            )
            label = None
            if layout.label_chars:
                label = {
                    "x": num(cx + reach + 4),
                    "y": num(cy + 4),
                    "text": truncate(point.label, layout.label_chars),
                }
            drawn.append(
                {
                    "url": safe_url(point.url),
                    "css": f"map-point stance-{token(point.stance)}",
                    "key": clean(point.key),
                    "tip": clean(tip),
                    "marker": mark,
                    "label": label,
                    "hit": {
                        "x": num(cx - layout.hit_left),
                        "y": num(cy - layout.hit_height / 2),
                        "width": num(layout.hit_width),
                        "height": num(layout.hit_height),
                    },
                }
            )

    legend_items = []
    column_width = MAP_GRID_WIDTH / _LEGEND_COLUMNS
    label_chars = int((column_width - 30) // (12 * CHAR_WIDTH))
    first_row = _LEGEND_TOP + (_LEGEND_ROW if legend_title else 0)
    for i, (stance, text) in enumerate(legend.items()):
        x = MAP_GRID_LEFT + (i % _LEGEND_COLUMNS) * column_width
        y = first_row + (i // _LEGEND_COLUMNS) * _LEGEND_ROW
        legend_items.append(
            {
                "marker": marker(stance, x + 8, y - 4, _POINT_SIZE),
                "x": num(x + 22),
                "y": num(y),
                "text": truncate(text, label_chars),
            }
        )
    rows = math.ceil(len(legend) / _LEGEND_COLUMNS)
    height = first_row + max(rows - 1, 0) * _LEGEND_ROW + 14

    return render_svg(
        "actors/graphics/stakeholder_map.svg",
        {
            "width": num(MAP_WIDTH),
            "height": num(height),
            "title_id": f"{prefix}-title",
            "title": clean(title),
            "font_family": FONT_FAMILY,
            "grid_colour": GRID_COLOUR,
            "axis_colour": AXIS_COLOUR,
            "text_colour": TEXT_COLOUR,
            "cell_width": num(MAP_CELL_WIDTH),
            "cell_height": num(MAP_CELL_HEIGHT),
            "cells": cells,
            "x_ticks": x_ticks,
            "y_ticks": y_ticks,
            "x_title": {"x": num(MAP_GRID_LEFT + MAP_GRID_WIDTH / 2), "y": num(bottom + 44), "text": clean(x_label)},
            "y_title": {
                "x": num(y_title_x),
                "y": num(y_mid),
                "transform": f"rotate(-90 {num(y_title_x)} {num(y_mid)})",
                "text": clean(y_label),
            },
            "points": drawn,
            "legend_title": {"x": num(MAP_GRID_LEFT), "y": num(_LEGEND_TOP), "text": clean(legend_title)},
            "legend_items": legend_items,
        },
    )
