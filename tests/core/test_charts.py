"""Server-rendered bar charts: every value written on the chart, the table carrying the same numbers, CSP-safe SVG."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string

from cmcoord.core.charts import WIDTH, Row, Series, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def render(chart):
    return render_to_string("charts/bar.html", {"chart": chart})


def svg_root(html):
    start = re.search(r'<svg[^>]*class="chart-svg"', html).start()
    return ET.fromstring(html[start : html.index("</svg>", start) + len("</svg>")])  # noqa: S314 - our own output


def table_numbers(html):
    """The numbers of the table's body, row by row, as written (links and labels dropped)."""
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    rows = re.findall(r"<tr>(.*?)</tr>", body)
    return [[int(n) for n in re.findall(r'<td class="text-end[^"]*">(\d+)</td>', row)] for row in rows]


def stacked():
    return bar_chart(
        "by-area",
        title="Tasks by area and status",
        row_header="Area",
        series=[Series("open", "Open"), Series("done", "Completed", colour=2)],
        rows=[
            Row("Analysis", [7, 1], url="/operations/CAF/tasks/?area=AN", restricted=3),
            Row("Dialogue", [0, 4]),
            Row("A very long area name " * 5, [120, 2]),
        ],
    )


def svg_texts(html):
    """Each text of the chart as read (a label's lines joined by a space)."""
    texts = [" ".join("".join(text.itertext()).split()) for text in svg_root(html).iter(f"{SVG}text")]
    return [text for text in texts if text]


def test_every_segment_and_total_is_written_on_the_chart():
    html = render(stacked())
    texts = [
        " ".join("".join(t.itertext()).split()) for t in svg_root(html).iter(f"{SVG}text") if "".join(t.itertext())
    ]
    # Row labels, then each non-zero segment's value and the row's total.
    assert texts[:4] == ["Analysis", "7", "1", "8"]
    assert texts[4:7] == ["Dialogue", "4", "4"]
    assert texts[-3:] == ["120", "2", "122"]


def test_the_table_carries_the_same_numbers_as_the_chart():
    chart = stacked()
    html = render(chart)
    # Per row: the series' values, the total, and how many are restricted.
    assert table_numbers(html) == [[7, 1, 8, 3], [0, 4, 4, 0], [120, 2, 122, 0]]
    drawn = [[s["value"] for s in row["segments"]] + [row["total"]] for row in chart.rows]
    assert drawn == [[7, 1, 8], [4, 4], [120, 2, 122]]
    assert "Of which restricted" in html and "<details" in html


def test_accessible_scalable_and_csp_safe():
    html = render(stacked())
    root = svg_root(html)
    assert root.get("role") == "group"  # its row labels are links: an image may hold none
    assert svg_root(render(bar_chart("plain", title="t", rows=[Row("a", 1)]))).get("role") == "img"
    assert root.get("viewBox").startswith("0 0 ")
    assert float(root.get("viewBox").split()[2]) <= WIDTH + 1  # fits a phone 390 px wide without scaling down
    assert root.find(f"{SVG}title").text == "Tasks by area and status"
    assert root.get("aria-labelledby") == "by-area-title by-area-desc"
    assert "style=" not in html and "<script" not in html and "<style" not in html
    assert "chart-fill-0" in html and "chart-fill-2" in html  # the palette, as classes


def test_small_segments_stay_wide_enough_for_their_number_and_bars_stay_inside():
    chart = bar_chart(
        "tiny", title="t", series=[Series("a", "A"), Series("b", "B")], rows=[Row("x", [1000, 1]), Row("y", [1, 1])]
    )
    for row in chart.rows:
        for segment in row["segments"]:
            assert float(segment["width"]) >= len(str(segment["value"])) * 7
        assert float(row["total_x"]) < float(chart.width)


def test_single_series_writes_each_value_after_its_bar_and_links_rows():
    rows = [Row("2026-01", 3, url="/x/?a=1&b=2"), Row("2026-02", 0)]
    chart = bar_chart("months", title="Completed per month", rows=rows)
    html = render(chart)
    texts = [
        " ".join("".join(t.itertext()).split()) for t in svg_root(html).iter(f"{SVG}text") if "".join(t.itertext())
    ]
    assert texts == ["2026-01", "3", "2026-02", "0"]
    assert 'href="/x/?a=1&amp;b=2"' in html
    assert table_numbers(html) == [[3], [0]]
    assert "Of which restricted" not in html and not chart.legend


def test_labels_are_escaped_and_bad_input_refused():
    html = render(bar_chart("x", title="<b>", rows=[Row("<script>alert(1)</script>", 1)]))
    assert "<script>" not in html and "&lt;script&gt;" in html
    with pytest.raises(ValueError):
        bar_chart("x", title="t", series=[Series("a", "A"), Series("b", "B")], rows=[Row("r", [1])])
    with pytest.raises(ValueError):
        bar_chart("x", title="t", rows=[Row("r", -1)])


def test_a_long_label_is_wrapped_onto_lines_never_cut():
    """A protection priority's name is read whole: a label longer than a line goes on as many lines as it needs."""
    name = "Safe and unimpeded humanitarian access to displaced people and host communities in Ouaka and Haute-Kotto"
    html = render(bar_chart("priorities", title="Priorities", rows=[Row(name, 3), Row("Short", 1)]))
    label = next(t for t in svg_root(html).iter(f"{SVG}text") if t.get("class") == "chart-label")
    lines = [span.text for span in label.iter(f"{SVG}tspan")]
    assert len(lines) >= 2 and " ".join(lines) == name and "…" not in html
    heights = [float(span.get("y")) for span in label.iter(f"{SVG}tspan")]
    assert heights == sorted(heights) and len(set(heights)) == len(heights)  # one line under the other
