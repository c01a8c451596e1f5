"""Tiny SVG charts as HTML strings: light (no matplotlib in a student's kernel), crisp at
any zoom, and plain DOM that a browser test can read. Every label is escaped.

Charts scale with the width they are given (up to `W` px, keeping their shape), so they fit
a 360 px phone; tick labels are plain numbers ("15,000", "0.25"), never "1.5e+04".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

W, H, PAD = 360, 180, 40


def tick_label(value: float) -> str:
    """A number as a student reads it: thousands separated, no exponent, no trailing zeros.

    >>> [tick_label(v) for v in (15183.2, 1e9, 0.25, 0.0004, 3.0, -1200)]
    ['15,183', '1,000,000,000', '0.25', '0.0004', '3', '-1,200']
    """
    if value != value or math.isinf(value):
        return ""
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if value == int(value):
        return f"{int(value)}"
    magnitude = math.floor(math.log10(abs(value)))
    decimals = min(max(1 - magnitude, 1), 12)  # two significant digits
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 x 10^k at or above `value` (a round axis top)."""
    if value <= 0:
        return 1.0
    base = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * base >= value * (1 - 1e-12):
            return step * base
    return 10 * base


def _frame(body: str, css: str, title: str, x_label: str, y_label: str) -> str:
    return (f"<svg class='{escape(css)}' width='{W}' height='{H}' viewBox='0 0 {W} {H}' "
            f"style='width:100%;max-width:{W}px;height:auto;display:block' "
            f"preserveAspectRatio='xMinYMin meet' "
            f"role='img' xmlns='http://www.w3.org/2000/svg'><title>{escape(title)}</title>"
            f"<line x1='{PAD}' y1='{H - PAD}' x2='{W - 8}' y2='{H - PAD}' stroke='#888'/>"
            f"<line x1='{PAD}' y1='8' x2='{PAD}' y2='{H - PAD}' stroke='#888'/>"
            f"<text x='{W / 2:.0f}' y='{H - 6}' font-size='11' text-anchor='middle'>"
            f"{escape(x_label)}</text>"
            f"<text x='10' y='{(H - PAD) / 2:.0f}' font-size='11' text-anchor='middle' "
            f"transform='rotate(-90 10 {(H - PAD) / 2:.0f})'>{escape(y_label)}</text>{body}</svg>")


def _tick(x: float, y: float, text: str, anchor: str = "middle") -> str:
    return (f"<text class='vs-tick' x='{x:.1f}' y='{y:.1f}' font-size='10' "
            f"text-anchor='{anchor}'>{escape(text)}</text>")


def line_chart(points: Sequence[tuple[float, float]], *, title: str, x_label: str, y_label: str,
               y_max: float | None = None, css: str = "vs-chart", empty: str = "No data yet.") -> str:
    """A polyline through (x, y) points; `data-points` holds the count for tests."""
    if not points:
        return f"<p class='{escape(css)} vs-chart-empty'>{escape(empty)}</p>"
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, x1 = min(xs), max(xs)
    top = y_max if y_max is not None else nice_ceiling(max(ys) * 1.05)
    sx = (W - PAD - 12) / ((x1 - x0) or 1)
    sy = (H - PAD - 12) / (top or 1)
    coords = [(PAD + (x - x0) * sx, H - PAD - y * sy) for x, y in points]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    dots = "".join(f"<circle cx='{x:.1f}' cy='{y:.1f}' r='2.5' fill='#3a6fb0'/>" for x, y in coords)
    ticks = (_tick(PAD, H - PAD + 12, tick_label(x0))
             + (_tick(W - 12, H - PAD + 12, tick_label(x1)) if x1 != x0 else "")
             + _tick(PAD - 3, H - PAD - (H - PAD - 12) / 2 + 3, tick_label(top / 2), "end")
             + _tick(PAD - 3, 16, tick_label(top), "end") + _tick(PAD - 3, H - PAD, "0", "end"))
    body = (f"<polyline fill='none' stroke='#3a6fb0' stroke-width='2' points='{path}' "
            f"data-points='{len(points)}'/>{dots}{ticks}")
    return _frame(body, css, title, x_label, y_label)


def histogram(values: Sequence[float], *, bins: int = 8, title: str, x_label: str,
              css: str = "vs-chart", empty: str = "No data yet.") -> str:
    """Counts of values in equal-width bins."""
    vals = [v for v in values if v == v]  # drop NaN
    if not vals:
        return f"<p class='{escape(css)} vs-chart-empty'>{escape(empty)}</p>"
    lo, hi = min(vals), max(vals)
    width = (hi - lo) / bins or 1.0
    counts = [0] * bins
    for v in vals:
        counts[min(int((v - lo) / width), bins - 1)] += 1
    bar_w = (W - PAD - 12) / bins
    sy = (H - PAD - 14) / max(counts)
    bars = "".join(
        f"<rect x='{PAD + i * bar_w + 1:.1f}' y='{H - PAD - c * sy:.1f}' width='{bar_w - 2:.1f}' "
        f"height='{c * sy:.1f}' fill='#3a6fb0' data-count='{c}'/>" for i, c in enumerate(counts))
    ticks = (_tick(PAD, H - PAD + 12, tick_label(lo)) + _tick(W - 12, H - PAD + 12, tick_label(hi))
             + _tick(PAD - 3, 16, str(max(counts)), "end"))
    return _frame(bars + ticks, css, title, x_label, "students")
