"""Horizontal bar charts drawn on the server as SVG, each with the same numbers as a table.

The whole API is :func:`bar_chart`, :class:`Series` and :class:`Row`, and one template include::

    from cmcoord.core.charts import Row, Series, bar_chart

    chart = bar_chart(
        "tasks-by-area",                                   # unique on the page: ids of the title and table
        title=_("Tasks by area and status"),               # already translated, like every label below
        row_header=_("Area"),                              # first column of the table
        series=[Series("planned", _("Planned")), Series("done", _("Completed"), colour=2)],
        rows=[Row(_("Analysis"), [3, 1], url=..., restricted=2), Row(_("Dialogue"), [0, 4])],
    )

    {% include "charts/bar.html" with chart=chart %}

- One bar per :class:`Row`, its label above it (so long labels fit a phone), or left of it when every label is
  short (months, codes); the label is a link when the row has a ``url`` (drill-down).
- With several :class:`Series` the bar is stacked: one segment per series, each showing its value as text, and
  the row's total after the bar; with one series (or ``series`` omitted) the value follows the bar.
- ``Row.restricted`` (optional) is how many of the row's records the reader cannot open (see
  :mod:`cmcoord.core.counts`); the table then has an "of which restricted" column.
- Colours are the Okabe-Ito colour-blind-safe palette, as CSS classes ``chart-fill-<n>`` and ``chart-on-<n>``
  (text on that fill) in ``static/css/app.css``; ``Series.colour`` picks one (0-7), else series take them in
  order. Colour is never the only cue: every value is written on the chart and the legend names the series.
- The SVG has a ``viewBox`` and scales to its container (it fits 390 px wide), ``role="img"`` (``"group"`` when
  rows link, as an image may hold no link) labelled by its ``<title>`` and ``<desc>``, and obeys the
  Content-Security-Policy: classes and presentation attributes only, no ``style`` and no script. The table
  alternative sits under the chart in a ``<details>`` element.

A segment is never drawn narrower than its number, so that every value can be read on the bar; very small values
are therefore slightly widened (the table gives every value exactly). The output is deterministic.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

#: Okabe & Ito (2008), in the order series take them: blue, orange, bluish green, vermillion, sky blue,
#: reddish purple, yellow, black. The CSS classes in app.css carry the same colours.
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#d55e00", "#56b4e9", "#cc79a7", "#f0e442", "#000000")

WIDTH = 360  # viewBox width: one unit is about one CSS pixel on a phone 390 px wide
FONT_SIZE = 13
CHAR_WIDTH = 0.6 * FONT_SIZE  # generous average glyph width (digits are about 0.55 em)
LABEL_HEIGHT = 15  # the row's label line above its bar
INLINE_LABEL_CHARS = 10  # labels this short (months, codes) go left of their bar, on the same line
BAR_HEIGHT = 20
ROW_GAP = 10
PAD = 4  # around the text inside a segment
LABEL_CHARS = int(WIDTH / (0.55 * FONT_SIZE))

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ID_UNSAFE = re.compile(r"[^a-z0-9_-]+")


@dataclass(frozen=True)
class Series:
    """One kind of value shown in every bar (a segment when stacked), with its legend label."""

    key: str
    label: str
    colour: int | None = None  # index into PALETTE; None: the series' position


@dataclass(frozen=True)
class Row:
    """One bar: its label, its values (one per series, or a single number), an optional link and restricted part."""

    label: str
    values: Sequence[int] | int
    url: str = ""
    restricted: int | None = None


@dataclass
class BarChart:
    """What ``templates/charts/bar.html`` draws; built by :func:`bar_chart`, read only by the template."""

    id: str
    title: str
    description: str
    row_header: str
    legend: list[dict]
    rows: list[dict]
    width: str
    height: str
    stacked: bool
    has_restricted: bool
    table_header: list[str] = field(default_factory=list)
    table_rows: list[dict] = field(default_factory=list)

    @property
    def has_links(self) -> bool:
        """Rows that link make the drawing a group of links (``role="group"``); otherwise it is one image."""
        return any(row["url"] for row in self.rows)

    @property
    def is_empty(self) -> bool:
        return not any(row["total"] for row in self.table_rows)


def _clean(value: object) -> str:
    return " ".join(_INVALID_XML.sub("", str(value)).split())


def _num(value: float) -> str:
    """A coordinate with at most one decimal, never localised."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _wrapped(label: str, limit: int) -> list[str]:
    """A long label on as many lines as it needs, never cut (a protection priority's name is read whole)."""
    return textwrap.wrap(label, limit, break_long_words=True, break_on_hyphens=False) or [""]


def _text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def bar_chart(
    chart_id: str,
    *,
    title: str,
    rows: Sequence[Row],
    series: Sequence[Series] | None = None,
    row_header: str = "",
    description: str = "",
) -> BarChart:
    """The geometry and table of a horizontal bar chart (stacked when there are several ``series``).

    ``chart_id`` must be unique on the page; ``title``, ``row_header``, ``description`` and every label are
    user-facing and already translated. A row's ``values`` has one number per series, in the series' order.
    """
    series = list(series or [Series("value", title)])
    stacked = len(series) > 1
    colours = [s.colour if s.colour is not None else index % len(PALETTE) for index, s in enumerate(series)]
    values_of = []
    for row in rows:
        values = [int(row.values)] if isinstance(row.values, int) else [int(v) for v in row.values]
        if len(values) != len(series):
            raise ValueError(f"Row {row.label!r} has {len(values)} values for {len(series)} series.")
        if any(v < 0 for v in values):
            raise ValueError(f"Row {row.label!r} has a negative value.")
        values_of.append(values)
    totals = [sum(values) for values in values_of]

    # Room after the longest bar for its end label (the total, or the value of a single series).
    end_room = max((_text_width(str(total)) for total in totals), default=0) + 2 * PAD
    # Short labels (months, codes) sit left of their bar on one line; longer ones get a line of their own above it.
    inline = all(len(_clean(row.label)) <= INLINE_LABEL_CHARS for row in rows)
    label_room = max((_text_width(_clean(row.label)) for row in rows), default=0) + PAD if inline else 0.0
    area = WIDTH - end_room - label_room

    def widths(values, scale):
        # Every non-zero segment at least as wide as its number (stacked bars write each value inside).
        if not stacked:
            return [v * scale for v in values]
        return [max(v * scale, _text_width(str(v)) + 2 * PAD) if v else 0.0 for v in values]

    largest = max(totals, default=0)
    scale = area / largest if largest else 0.0
    for _attempt in range(8):  # widened small segments may push a bar past the area: shrink the scale until none does
        longest = max((sum(widths(values, scale)) for values in values_of), default=0.0)
        if longest <= area + 0.01 or scale == 0:
            break
        fixed = longest - largest * scale
        scale = max((area - fixed) / largest, 0.0) if largest else 0.0
    width = max(WIDTH, max((sum(widths(values, scale)) for values in values_of), default=0.0) + end_room + label_room)

    drawn = []
    y = 0.0
    for row, values, total in zip(rows, values_of, totals, strict=True):
        label = _clean(row.label)
        lines = [label] if inline else _wrapped(label, LABEL_CHARS)
        bar_y = y if inline else y + LABEL_HEIGHT * len(lines)
        x = label_room
        segments = []
        for s, colour, value, w in zip(series, colours, values, widths(values, scale), strict=True):
            if not value:
                continue
            segments.append(
                {
                    "x": _num(x),
                    "width": _num(w),
                    "colour": colour,
                    "value": value,
                    "tip": f"{label} — {_clean(s.label)}: {value}" if stacked else f"{label}: {value}",
                    "text_x": _num(x + w / 2),
                }
            )
            x += w
        drawn.append(
            {
                "lines": [
                    {
                        "text": text,
                        "y": _num(
                            bar_y + BAR_HEIGHT / 2 + FONT_SIZE * 0.35 if inline else y + FONT_SIZE + n * LABEL_HEIGHT
                        ),
                    }
                    for n, text in enumerate(lines)
                ],
                "url": row.url,
                "bar_y": _num(bar_y),
                "text_y": _num(bar_y + BAR_HEIGHT / 2 + FONT_SIZE * 0.35),
                "segments": segments,
                "stacked": stacked,
                "total": total,
                "total_x": _num(x + PAD),
            }
        )
        y = bar_y + BAR_HEIGHT + (ROW_GAP / 2 if inline else ROW_GAP)

    has_restricted = any(row.restricted for row in rows)
    table_rows = [
        {
            "label": _clean(row.label),
            "url": row.url,
            "values": values,
            "total": total,
            "restricted": row.restricted or 0,
        }
        for row, values, total in zip(rows, values_of, totals, strict=True)
    ]
    chart_id = _ID_UNSAFE.sub("-", chart_id.lower()).strip("-") or "chart"
    return BarChart(
        id=chart_id,
        title=_clean(title),
        description=_clean(description),
        row_header=_clean(row_header),
        legend=[{"label": _clean(s.label), "colour": c} for s, c in zip(series, colours, strict=True)]
        if stacked
        else [],
        rows=drawn,
        width=_num(width),
        height=_num(max(y - (ROW_GAP / 2 if inline else ROW_GAP), 1)),
        stacked=stacked,
        has_restricted=has_restricted,
        table_header=[_clean(s.label) for s in series],
        table_rows=table_rows,
    )
