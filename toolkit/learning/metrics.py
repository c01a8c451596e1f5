"""Plain scores for recall predictions: log loss, RMSE over probability bins, AUC.

Why not fsrs-rs's `evaluate`: it weights each item by its position in the list (the same
recency weights the optimizer trains with), so the same predictions score differently in
another order. These treat every prediction alike. Stdlib only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

EPS = 1e-6


def _check(p: Sequence[float], y: Sequence[int | bool]) -> None:
    if len(p) != len(y):
        raise ValueError(f"{len(p)} predictions for {len(y)} outcomes")
    if not p:
        raise ValueError("no predictions to score")


def log_loss(p: Sequence[float], y: Sequence[int | bool]) -> float:
    """Mean of -log(p) for recalled, -log(1-p) for forgotten; p clipped to [1e-6, 1-1e-6]."""
    _check(p, y)
    total = 0.0
    for q, hit in zip(p, y):
        q = min(max(q, EPS), 1 - EPS)
        total -= math.log(q) if hit else math.log(1 - q)
    return total / len(p)


def rmse_bins(p: Sequence[float], y: Sequence[int | bool], bins: int = 20) -> float:
    """Calibration error: predictions grouped into `bins` equal-width bins of probability;
    the root of the count-weighted mean squared gap between mean prediction and recall rate."""
    _check(p, y)
    sums: dict[int, list[float]] = {}
    for q, hit in zip(p, y):
        b = sums.setdefault(min(int(q * bins), bins - 1), [0.0, 0.0, 0.0])
        b[0] += q
        b[1] += 1.0 if hit else 0.0
        b[2] += 1
    return math.sqrt(sum((s / n - r / n) ** 2 * n for s, r, n in sums.values()) / len(p))


def auc(p: Sequence[float], y: Sequence[int | bool]) -> float:
    """Probability that a recalled review got a higher prediction than a forgotten one
    (ties count half); NaN when every outcome is the same."""
    _check(p, y)
    order = sorted(range(len(p)), key=lambda i: p[i])
    ranks = [0.0] * len(p)
    i = 0
    while i < len(order):  # average ranks over ties
        j = i
        while j + 1 < len(order) and p[order[j + 1]] == p[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    pos = sum(1 for hit in y if hit)
    neg = len(y) - pos
    if pos == 0 or neg == 0:
        return math.nan
    rank_sum = sum(r for r, hit in zip(ranks, y) if hit)
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


__all__ = ["auc", "log_loss", "rmse_bins"]
