"""Forgetting-curve fits that are kept, consistent and reproducible (issue 18)."""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS, UPPER_BOUNDS_PARAMETERS

from toolkit.learning import optimise

needs_optimizer = pytest.mark.skipif(not optimise.optimizer_available(),
                                     reason="fsrs-rs-python is not installed")
NOON = datetime(2026, 1, 5, 12, 0, tzinfo=timezone.utc)


def exponential_reviews(rng: random.Random, cards: int, reviews: int) -> list[tuple[int, int, datetime]]:
    """Students who forget exponentially (recall exp(-t/S), S fixed per card, 7-30 days) and
    come back irregularly: 0.1-1.9 times the interval the default FSRS model would set.
    Their forgetting is steeper than FSRS's power curve, so the fitted decay w20 runs into
    its upper bound."""
    import fsrs_rs_python as rs

    model = rs.FSRS(list(DEFAULT_PARAMETERS))
    rows = []
    for card in range(cards):
        s = 15 * rng.uniform(0.5, 2)
        at = NOON + timedelta(days=rng.randint(0, 30))
        rows.append((card, 3, at))
        history = [rs.FSRSReview(3, 0)]
        for _ in range(reviews):
            believed = model.memory_state(rs.FSRSItem(history)).stability
            gap = max(1, round(believed * rng.uniform(0.1, 1.9)))
            rating = 3 if rng.random() < math.exp(-gap / s) else 1
            at += timedelta(days=gap)
            rows.append((card, rating, at))
            history.append(rs.FSRSReview(rating, gap))
    return rows


def test_clamp_moves_only_float32_roundings_onto_the_bounds() -> None:
    raw = list(DEFAULT_PARAMETERS)
    raw[20] = 0.800000011920929  # float32(0.8), as the Rust optimizer returns it
    with pytest.raises(ValueError):
        Scheduler(parameters=raw)
    clamped = optimise.clamp_to_bounds(raw)
    assert clamped[20] == 0.8 and clamped[:20] == tuple(DEFAULT_PARAMETERS[:20])
    Scheduler(parameters=clamped)
    raw[20] = 0.8001  # really outside: refused, naming the parameter
    with pytest.raises(ValueError, match="w20"):
        optimise.clamp_to_bounds(raw)
    with pytest.raises(ValueError):
        optimise.clamp_to_bounds(raw[:20])


@needs_optimizer
def test_a_fit_at_an_upper_bound_is_kept() -> None:
    import fsrs_rs_python as rs

    rows = exponential_reviews(random.Random(2), cards=600, reviews=10)
    raw = rs.FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(optimise.training_items(rows))
    hit = [i for i, (p, hi) in enumerate(zip(raw, UPPER_BOUNDS_PARAMETERS)) if p > hi]
    assert hit, "the simulation should drive a parameter onto an upper bound"
    with pytest.raises(ValueError):  # what fit() used to trip over
        Scheduler(parameters=raw)

    result = optimise.fit(rows, "class:EXP", min_reviews=100)
    assert result.reason == "fitted" and result.parameters is not None
    for i in hit:
        assert result.parameters[i] == UPPER_BOUNDS_PARAMETERS[i]
    assert result.parameters[20] > DEFAULT_PARAMETERS[20]  # steeper than the default curve
    Scheduler(parameters=result.parameters)
