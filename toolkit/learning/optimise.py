"""Fitting FSRS parameters to a student's (or a whole class's) own review history.

Why not `fsrs.Optimizer`: py-fsrs's optimizer needs torch, numpy, pandas and tqdm
(`pip install "fsrs[optimizer]"`, several hundred MB), far too heavy for a classroom
server. `fsrs-rs-python` binds the Rust optimizer that Anki itself uses: one 0.6 MB wheel
with no Python dependencies, returning the same 21 FSRS-6 parameters py-fsrs schedules
with. It is imported only here, only when a fit runs.

The Rust optimizer returns the defaults unchanged when the history is too small to learn
from, so a fit is stored only when it has at least `STUDENT_MIN_REVIEWS` (or, pooled over
a class, `CLASS_MIN_REVIEWS`) reviews, differs from the defaults, and predicts the latest
`HOLD_OUT` share of the reviews (fitted without them) better than the defaults do. Every
attempt is logged in the `fits` table, so the teacher sees what is in use and why.
"""

from __future__ import annotations

import json
import struct
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from fsrs import Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

from toolkit.learning.days import class_zone, days_between
from toolkit.learning.store import Store, parse_iso, utc_iso

STUDENT_MIN_REVIEWS = 400
CLASS_MIN_REVIEWS = 400
HOLD_OUT = 0.2  # the latest share of a fit's training items, kept back to measure it
AUTO_NEW_REVIEWS = 200  # an automatic refit waits for this many reviews since the last one


@dataclass(frozen=True)
class Fit:
    """The outcome of one fit, stored or not, with the reason.

    `log_loss_before` / `log_loss_after`: plain log loss on the held-out latest reviews
    (`held_out` of them) with FSRS's defaults and with parameters fitted without them."""

    scope: str
    n_reviews: int
    parameters: tuple[float, ...] | None
    reason: str
    held_out: int = 0
    log_loss_before: float | None = None
    log_loss_after: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"scope": self.scope, "n_reviews": self.n_reviews,
                "parameters": list(self.parameters) if self.parameters else None,
                "reason": self.reason, "held_out": self.held_out,
                "log_loss_before": self.log_loss_before, "log_loss_after": self.log_loss_after}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Fit:
        params = d.get("parameters")
        return cls(d["scope"], int(d["n_reviews"]), tuple(params) if params else None,
                   d["reason"], int(d.get("held_out") or 0), d.get("log_loss_before"),
                   d.get("log_loss_after"))


def optimizer_available() -> bool:
    try:
        import fsrs_rs_python  # noqa: F401
    except ImportError:
        return False
    return True


def _float32(x: float) -> float:
    return struct.unpack("f", struct.pack("f", x))[0]


def clamp_to_bounds(parameters: Iterable[float]) -> tuple[float, ...]:
    """Parameters inside py-fsrs's bounds, moving a value that is a bound in float32 onto it.

    The Rust optimizer works in float32 and clips at FSRS's bounds, so a parameter clipped at
    0.8 comes back as 0.800000011920929, which py-fsrs's float64 check refuses. Only a value
    that rounds to the bound in float32 is moved; anything further out raises ValueError.
    """
    out, problems = [], []
    for i, (p, lo, hi) in enumerate(zip(parameters, LOWER_BOUNDS_PARAMETERS,
                                        UPPER_BOUNDS_PARAMETERS, strict=True)):
        p = float(p)
        if p < lo and _float32(p) == _float32(lo):
            p = lo
        elif p > hi and _float32(p) == _float32(hi):
            p = hi
        if not lo <= p <= hi:
            problems.append(f"w{i} = {p} outside [{lo}, {hi}]")
        out.append(p)
    if problems:
        raise ValueError("; ".join(problems))
    return tuple(out)


Review = tuple[int, int, datetime]  # (card id, rating 1-4, when, UTC)


def card_history(reviews: Iterable[Review], card_id: int, zone: tzinfo | None = None) -> Any:
    """One card's whole history as an fsrs-rs item (gaps in class days), for checking that
    the optimiser's model and the scheduler hold the same memory of it."""
    import fsrs_rs_python as rs

    zone = zone or class_zone()
    mine = sorted((r for r in reviews if r[0] == card_id), key=lambda r: r[2])
    return rs.FSRSItem([rs.FSRSReview(int(rating), 0 if i == 0 else
                                      days_between(mine[i - 1][2], at, zone))
                        for i, (_, rating, at) in enumerate(mine)])


@dataclass(frozen=True)
class Labelled:
    """A training item and the review it ends with: its rating and the class days since the
    card's review before it (0: the same day, which a forgetting curve does not predict)."""

    reviews: tuple[Any, ...]  # fsrs_rs_python.FSRSReview, the card's history up to this review
    rating: int
    delta_t: int

    def item(self) -> Any:
        import fsrs_rs_python as rs

        return rs.FSRSItem(list(self.reviews))

    def history(self) -> Any:
        """Everything before the review to predict."""
        import fsrs_rs_python as rs

        return rs.FSRSItem(list(self.reviews[:-1]))


def labelled_items(reviews: Iterable[Review], zone: tzinfo | None = None) -> list[Labelled]:
    """Training items in review-time order, with the review each one ends in.

    As in Anki: each review after a card's first becomes one item holding the card's
    history up to it, with gaps in class days (`delta_t`, 0 for the first), the same days
    the scheduler counts (`toolkit.learning.days`; default `class_zone()`). Items come in
    the order of the review they end with, because the Rust optimizer weights later items
    more (recency weighting) and shuffles with a fixed seed: grouped by card, or by student
    in a pooled class fit, the last card or student read would weigh most. Reviews at the same
    moment keep the order given (`_rows` gives one that does not depend on row order).
    """
    import fsrs_rs_python as rs

    zone = zone or class_zone()
    steps: dict[int, list[Any]] = defaultdict(list)
    long_term: dict[int, bool] = {}
    last: dict[int, datetime] = {}
    items = []
    for card_id, rating, at in sorted(reviews, key=lambda r: r[2]):  # stable for ties
        prev = last.get(card_id)
        gap = 0 if prev is None else days_between(prev, at, zone)
        steps[card_id].append(rs.FSRSReview(int(rating), gap))
        last[card_id] = at
        if prev is not None:
            long_term[card_id] = long_term.get(card_id, False) or gap > 0
            if long_term[card_id]:  # as fsrs-rs's long_term_review_cnt() > 0
                items.append(Labelled(tuple(steps[card_id]), int(rating), gap))
    return items


def training_items(reviews: Iterable[Review], zone: tzinfo | None = None) -> list[Any]:
    """(card id, rating, time) rows -> fsrs-rs training items (see `labelled_items`)."""
    return [x.item() for x in labelled_items(reviews, zone)]


def plain_log_loss(parameters: Iterable[float], items: Iterable[Labelled]) -> float | None:
    """Unweighted log loss of FSRS's predicted recall for the items that end in a review a
    class day or more after the one before; None when there are none. Unlike fsrs-rs's
    `evaluate`, every item counts the same, whatever its place in the list."""
    import fsrs_rs_python as rs

    from toolkit.learning.metrics import log_loss

    params = list(parameters)
    scored = [x for x in items if x.delta_t >= 1]
    if not scored:
        return None
    states = rs.FSRS(params).memory_state_batch([x.history() for x in scored])
    decay = -params[20]
    factor = 0.9 ** (1 / decay) - 1
    p = [(1 + factor * x.delta_t / st.stability) ** decay for x, st in zip(scored, states)]
    return log_loss(p, [x.rating > 1 for x in scored])


def _compute(items: list[Labelled]) -> tuple[float, ...]:
    import fsrs_rs_python as rs

    return tuple(rs.FSRS(list(DEFAULT_PARAMETERS)).compute_parameters([x.item() for x in items]))


def fit(reviews: list[Review], scope: str, min_reviews: int, zone: tzinfo | None = None,
        hold_out: float = HOLD_OUT) -> Fit:
    """Fit parameters to review rows; `parameters` is None when no fit was possible or the
    fit did not beat the defaults on the held-out latest reviews (`reason` says which)."""
    n = len(reviews)
    if n < min_reviews:
        return Fit(scope, n, None, f"{n} reviews, fewer than the {min_reviews} needed")
    if not optimizer_available():
        return Fit(scope, n, None, "fsrs-rs-python is not installed")

    items = labelled_items(reviews, zone)
    if not items:
        return Fit(scope, n, None, "no review happened on a later day than the first")
    raw = _compute(items)
    if all(abs(a - b) < 1e-6 for a, b in zip(raw, DEFAULT_PARAMETERS)):
        return Fit(scope, n, None, "the optimizer kept the defaults (too little signal)")
    try:
        params = clamp_to_bounds(raw)
        Scheduler(parameters=params)
    except ValueError as exc:
        return Fit(scope, n, None, f"fitted parameters out of FSRS bounds: {exc}")
    # how much it helps: refit without the latest items, score both on those
    cut = len(items) - int(len(items) * hold_out)
    held = items[cut:]
    scored = sum(1 for x in held if x.delta_t >= 1)
    before = after = None
    if scored and cut:
        try:
            early = clamp_to_bounds(_compute(items[:cut]))
        except ValueError:
            early = None
        if early is not None:
            before = plain_log_loss(DEFAULT_PARAMETERS, held)
            after = plain_log_loss(early, held)
    if before is not None and after is not None and after >= before:
        return Fit(scope, n, None, f"did not predict the latest {scored} reviews better than "
                   f"the defaults (log loss {after:.3f} vs {before:.3f})", scored, before, after)
    return Fit(scope, n, params, "fitted", scored, before, after)


def save_fit(store: Store, result: Fit, now: datetime) -> None:
    """Store a fit's parameters for its scope (replacing an older fit)."""
    assert result.parameters is not None
    with store.transaction() as cur:
        cur.execute("INSERT INTO parameters (scope, parameters, n_reviews, fitted_at) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (scope) DO UPDATE SET "
                    "parameters = excluded.parameters, n_reviews = excluded.n_reviews, "
                    "fitted_at = excluded.fitted_at",
                    (result.scope, json.dumps(list(result.parameters)), result.n_reviews,
                     utc_iso(now)))


def _rows(store: Store, where: str, value: str) -> list[Review]:
    """Review rows in time order, ties broken by what was reviewed (student, word, card kind,
    rating), never by row id: the same reviews stored in any order give the same fit. Sorted
    here rather than by ORDER BY, since SQLite and PostgreSQL collate text differently."""
    rows = store.query("SELECT r.reviewed_at, r.student_id, w.lemma, c.kind, r.rating, r.card_id "
                       "FROM reviews r JOIN students s ON s.student_id = r.student_id "
                       "JOIN cards c ON c.id = r.card_id JOIN words w ON w.id = c.word_id "
                       f"WHERE {where} = ?", (value,))
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[3], int(r[4])))
    return [(int(card), int(rating), parse_iso(at)) for at, _, _, _, rating, card in rows]


def log_fit(store: Store, result: Fit, class_code: str, now: datetime) -> None:
    """Record an attempt in the `fits` table, kept or not, with its held-out log loss."""
    with store.transaction() as cur:
        cur.execute("INSERT INTO fits (scope, class_code, fitted_at, n_reviews, held_out, "
                    "log_loss_before, log_loss_after, kept, reason) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (result.scope, class_code, utc_iso(now), result.n_reviews, result.held_out,
                     result.log_loss_before, result.log_loss_after,
                     int(result.parameters is not None), result.reason))


def _keep(store: Store, result: Fit, class_code: str, now: datetime, min_reviews: int) -> Fit:
    """Store a kept fit; log every attempt that had enough reviews to run."""
    if result.parameters:
        save_fit(store, result, now)
    if result.n_reviews >= min_reviews:
        log_fit(store, result, class_code, now)
    return result


def optimise_student(store: Store, student_key: str, now: datetime,
                     min_reviews: int = STUDENT_MIN_REVIEWS, zone: tzinfo | None = None) -> Fit:
    """Fit and store one student's parameters when they have enough reviews."""
    result = fit(_rows(store, "s.student_id", student_key), f"student:{student_key}", min_reviews,
                 zone)
    code = store.query("SELECT class_code FROM students WHERE student_id = ?", (student_key,))
    return _keep(store, result, code[0][0] if code else "", now, min_reviews)


def optimise_class(store: Store, class_code: str, now: datetime,
                   min_reviews: int = CLASS_MIN_REVIEWS, zone: tzinfo | None = None) -> Fit:
    """Fit pooled parameters over a class: new students start from these, not the defaults."""
    result = fit(_rows(store, "s.class_code", class_code), f"class:{class_code}", min_reviews,
                 zone)
    return _keep(store, result, class_code, now, min_reviews)


def refresh_parameters(store: Store, class_code: str, now: datetime,
                       zone: tzinfo | None = None, *,
                       class_min_reviews: int = CLASS_MIN_REVIEWS,
                       student_min_reviews: int = STUDENT_MIN_REVIEWS) -> list[Fit]:
    """The class fit, then every student of the class with enough reviews of their own."""
    zone = zone or class_zone()
    results = [optimise_class(store, class_code, now, class_min_reviews, zone)]
    for key, n in sorted(_review_counts(store, class_code).items()):
        if n >= student_min_reviews:
            results.append(optimise_student(store, key, now, student_min_reviews, zone))
    return results


def _review_counts(store: Store, class_code: str) -> dict[str, int]:
    rows = store.query("SELECT s.student_id, COUNT(r.id) FROM students s JOIN reviews r "
                       "ON r.student_id = s.student_id WHERE s.class_code = ? "
                       "GROUP BY s.student_id", (class_code,))
    return {key: int(n) for key, n in rows}


def auto_refresh(store: Store, class_code: str, now: datetime, zone: tzinfo | None = None, *,
                 min_reviews: int = CLASS_MIN_REVIEWS,
                 new_reviews: int = AUTO_NEW_REVIEWS) -> list[Fit] | None:
    """Refit a class on its own once it is worth it: when it has `min_reviews` reviews and
    `new_reviews` more than at its last fit attempt (None: nothing to do yet). Called by the
    teacher dashboard's background refresh and `python -m toolkit fit`, never from a student's
    page; a fit of a few thousand reviews takes well under a second."""
    total = sum(_review_counts(store, class_code).values())
    if total < min_reviews:
        return None
    last = store.query("SELECT n_reviews FROM fits WHERE scope = ? ORDER BY fitted_at DESC, "
                       "id DESC LIMIT 1", (f"class:{class_code}",))
    if last and total - int(last[0][0]) < new_reviews:
        return None
    return refresh_parameters(store, class_code, now, zone, class_min_reviews=min_reviews)


@dataclass(frozen=True)
class FitStatus:
    """What a student's (or the class's) scheduler runs on, and what its fit bought."""

    scope: str
    name: str  # the student's name, or "(class)"
    reviews: int  # reviews in the store now
    in_use: str  # "own", "class" or "default"
    fit_reviews: int | None = None  # reviews the fit in use was made from
    fitted_at: datetime | None = None
    held_out: int | None = None
    log_loss_before: float | None = None  # defaults, on the held-out latest reviews
    log_loss_after: float | None = None  # the fit (made without them), on the same reviews
    last_attempt: str = ""  # the latest attempt's reason, kept or not

    def to_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["fitted_at"] = utc_iso(self.fitted_at) if self.fitted_at else None
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FitStatus:
        at = d.get("fitted_at")
        return cls(**{**d, "fitted_at": parse_iso(at) if isinstance(at, str) else at})


def fit_status(store: Store, class_code: str) -> list[FitStatus]:
    """The class first, then each student by name: which parameters are in use, fitted on
    how many reviews, and the held-out log loss before (defaults) and after (the fit)."""
    mine = (f"class:{class_code}", f"student:{class_code}/")
    stored = {scope: (int(n), parse_iso(at)) for scope, n, at in store.query(
        "SELECT scope, n_reviews, fitted_at FROM parameters") if scope.startswith(mine)}
    attempts: dict[str, dict[str, tuple]] = defaultdict(dict)
    for row in store.query("SELECT scope, fitted_at, held_out, log_loss_before, log_loss_after, "
                           "kept, reason FROM fits WHERE class_code = ? ORDER BY fitted_at, id",
                           (class_code,)):
        attempts[row[0]]["last"] = row
        if row[5]:
            attempts[row[0]][row[1]] = row

    def status(scope: str, name: str, reviews: int, fallback: str) -> FitStatus:
        last = attempts[scope].get("last")
        reason = last[6] if last else ""
        if scope not in stored:
            return FitStatus(scope, name, reviews, fallback, last_attempt=reason)
        n, at = stored[scope]
        row = attempts[scope].get(utc_iso(at))
        return FitStatus(scope, name, reviews, "own" if scope.startswith("student:") else "class",
                         n, at, row[2] if row else None, row[3] if row else None,
                         row[4] if row else None, reason)

    counts = _review_counts(store, class_code)
    names = store.query("SELECT student_id, name FROM students WHERE class_code = ? ORDER BY "
                        "name, student_id", (class_code,))
    cls = status(f"class:{class_code}", "(class)", sum(counts.values()), "default")
    fallback = "class" if cls.in_use == "class" else "default"
    return [cls] + [status(f"student:{key}", name, counts.get(key, 0), fallback)
                    for key, name in names]


