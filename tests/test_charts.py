"""SVG charts: plain numbers on the axes at any magnitude, and a chart that fits a phone."""

import re

import pytest

from toolkit.student.charts import histogram, line_chart, nice_ceiling, tick_label


@pytest.mark.parametrize("value, text", [
    (0, "0"), (3, "3"), (0.25, "0.25"), (0.0004, "0.0004"), (12.34, "12.3"), (250, "250"),
    (15183.2, "15,183"), (20000, "20,000"), (1e9, "1,000,000,000"), (-1200, "-1,200"),
    (1e-20, "0"), (float("nan"), ""),
])
def test_tick_labels_are_plain_numbers(value, text):
    assert tick_label(value) == text


def test_nice_ceiling_is_round():
    assert [nice_ceiling(v) for v in (15943, 1.05, 0.3, 260, 0)] == [20000, 2, 0.5, 500, 1]


@pytest.mark.parametrize("top", [0.004, 1.0, 180.0, 15183.0, 2.5e7])
def test_no_scientific_notation_on_any_axis(top):
    svg = line_chart([(1, top / 3), (2, top), (3e6, top / 2)], title="t", x_label="x",
                     y_label="y")
    labels = re.findall(r"class='vs-tick'[^>]*>([^<]*)<", svg)
    assert len(labels) >= 4 and not any("e+" in t or "e-" in t for t in labels), labels
    assert "3,000,000" in labels
    hist = histogram([top, top * 2, top * 40], title="h", x_label="x")
    assert not re.search(r">[^<]*\de[+-]\d", hist)


def test_charts_scale_with_the_width_they_get():
    svg = line_chart([(1, 2), (2, 3)], title="t", x_label="x", y_label="y")
    assert "width:100%" in svg and "max-width:360px" in svg and "viewBox='0 0 360 180'" in svg
