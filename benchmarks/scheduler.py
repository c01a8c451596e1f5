"""How well the vocabulary book predicts recall: defaults vs fitted FSRS vs a constant vs SM-2.

    python benchmarks/scheduler.py                       # a simulated class (seeded)
    python benchmarks/scheduler.py --curve power --students 16 --days 120 --seed 2
    python benchmarks/scheduler.py --log revlog.csv [--zone Europe/Madrid]
    python benchmarks/scheduler.py --write-log sim.csv   # the simulated log, in the CSV format

Every FSRS prediction comes from replaying the log through the product's own `VocabBook`
(a fresh SQLite store, the review times as its clock): before each review the book's
`recall_probability` is recorded, then the grade goes through `VocabBook.review`. Scored are
the reviews that come at least one class day after the card's previous review (the ones a
forgetting curve is for), with plain, unweighted log loss, RMSE over 20 probability bins and
AUC (`toolkit.learning.metrics`).

Split: forward chaining in time. The time-ordered log is cut into folds+1 equal chunks;
fold i fits on everything before chunk i (the product's own `optimise.fit`, same thresholds)
and is scored on chunk i, replaying the whole history with the fitted parameters. Baselines
in the same run: a constant (the recall rate of the training part) and SM-2 (intervals by
the SuperMemo-2 rules, recall predicted as 0.9^(t/interval), as the FSRS benchmark does).

Log CSV (UTF-8, a header row; the column names of an Anki/fsrs-rs `revlog.csv` work as is):
    card_id        any text or number naming the card (unique per student)
    review_time    epoch milliseconds, or ISO-8601 (a time without zone is taken as UTC)
    review_rating  1 Again, 2 Hard, 3 Good, 4 Easy (0, a manual reschedule, is skipped)
    student        optional: who reviewed (default: one student)
Other columns are ignored. Nothing is asserted; the numbers go into docs/learning.md.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from toolkit.learning import metrics, optimise  # noqa: E402
from toolkit.learning.days import ClassDayScheduler, class_zone, days_between  # noqa: E402
from toolkit.learning.identity import Identity  # noqa: E402
from toolkit.learning.simulation import CURVES, make_class, simulate_class  # noqa: E402
from toolkit.learning.store import Store, parse_iso, utc_iso  # noqa: E402
from toolkit.learning.vocab import VocabBook  # noqa: E402

CLASS = "BENCH"


@dataclass(frozen=True)
class LogReview:
    """One row of a review log."""

    student: str
    card: str
    at: datetime
    rating: int

    def to_dict(self) -> dict[str, str | int]:
        return {"student": self.student, "card_id": self.card,
                "review_time": utc_iso(self.at), "review_rating": self.rating}

    @classmethod
    def from_dict(cls, d: dict[str, str]) -> LogReview:
        return cls(d.get("student") or "student", str(d["card_id"]), _time(d["review_time"]),
                   int(d["review_rating"]))


def _time(text: str) -> datetime:
    text = str(text).strip()
    if text.lstrip("-").isdigit():
        return datetime.fromtimestamp(int(text) / 1000, timezone.utc)
    at = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return at.replace(tzinfo=timezone.utc) if at.tzinfo is None else at.astimezone(timezone.utc)


def in_order(reviews: Sequence[LogReview]) -> list[LogReview]:
    """Time order, ties by student, card and rating: the log's row order does not matter."""
    return sorted(reviews, key=lambda r: (r.at, r.student, r.card, r.rating))


def read_log(path: Path) -> tuple[list[LogReview], int]:
    """The reviews of a CSV log, and how many rows were skipped (rating 0)."""
    reviews, skipped = [], 0
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = {"card_id", "review_time", "review_rating"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: the header lacks {', '.join(sorted(missing))} "
                             "(see benchmarks/scheduler.py for the format)")
        for line, row in enumerate(reader, start=2):
            try:
                review = LogReview.from_dict(row)
            except (TypeError, ValueError) as exc:
                raise ValueError(f"{path} line {line}: {exc}") from None
            if review.rating == 0:
                skipped += 1
                continue
            if not 1 <= review.rating <= 4:
                raise ValueError(f"{path} line {line}: rating {review.rating} is not 0-4")
            reviews.append(review)
    if not reviews:
        raise ValueError(f"{path}: no reviews")
    return in_order(reviews), skipped


def write_log(path: Path, reviews: Sequence[LogReview]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, ["student", "card_id", "review_time", "review_rating"])
        writer.writeheader()
        writer.writerows(r.to_dict() for r in reviews)


def simulated_log(students: int, days: int, seed: int, curve: str, zone: tzinfo
                  ) -> list[LogReview]:
    """A class of learners with known forgetting curves, studying through `VocabBook`."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "sim.sqlite3") as store:
        simulate_class(store, CLASS, make_class(rng, students, curve), days=days, rng=rng,
                       zone=zone)
        rows = store.query("SELECT s.name, r.card_id, r.reviewed_at, r.rating FROM reviews r "
                           "JOIN students s ON s.student_id = r.student_id")
    return in_order([LogReview(name, str(card), parse_iso(at), int(rating))
                     for name, card, at, rating in rows])


# --- replay through the product -----------------------------------------------------------
def replay(reviews: Sequence[LogReview], zone: tzinfo, parameters: dict[str, Sequence[float]],
           upto: int, score_from: int) -> dict[int, float]:
    """Replay reviews[:upto] through `VocabBook` in a fresh store holding `parameters`
    (by scope, as `optimise` stores them); the book's predicted recall before each review
    from `score_from` on, by review index."""
    now = [reviews[0].at]
    predicted: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "replay.sqlite3") as store:
        for scope, params in parameters.items():
            optimise.save_fit(store, optimise.Fit(scope, 0, tuple(params), "benchmark"), now[0])
        books: dict[str, VocabBook] = {}
        cards: dict[tuple[str, str], int] = {}
        for i, r in enumerate(reviews[:upto]):
            now[0] = r.at
            book = books.get(r.student)
            if book is None:
                book = books[r.student] = VocabBook(store, Identity(r.student, CLASS, "typed"),
                                                    lambda: now[0], zone=zone)
            key = (r.student, r.card)
            if key not in cards:  # one cloze card per logged card
                lemma = f"card-{r.card}"
                word = book.add_word(lemma, sentence=lemma, form=lemma)
                cards[key] = int(store.query("SELECT id FROM cards WHERE word_id = ?",
                                             (word.id,))[0][0])
            card = book.card(cards[key])
            if i >= score_from and card.last_review is not None:
                predicted[i] = book.recall_probability(card, r.at)
            book.review(card.id, r.rating)
    return predicted


def bare_fsrs(reviews: Sequence[LogReview], zone: tzinfo) -> dict[int, float]:
    """The same predictions from a bare scheduler in memory, to check the replay."""
    from fsrs import Card, Rating

    scheduler = ClassDayScheduler(enable_fuzzing=False, zone=zone)
    state: dict[tuple[str, str], Card] = {}
    out = {}
    for i, r in enumerate(reviews):
        card = state.get((r.student, r.card)) or Card(card_id=i, due=r.at)
        if card.last_review is not None:
            out[i] = scheduler.get_card_retrievability(card, r.at)
        state[(r.student, r.card)] = scheduler.review_card(card, Rating(r.rating), r.at)[0]
    return out


def sm2(reviews: Sequence[LogReview], zone: tzinfo) -> dict[int, float]:
    """SuperMemo-2 on class days: Again/Hard/Good/Easy as quality 1/3/4/5; the easiness
    factor starts at 2.5 (at least 1.3); intervals 1, 6, then interval x EF; a lapse starts
    over. A review on the same day as the card's last one leaves SM-2's state alone (SM-2 has
    no learning steps). Predicted recall t days on: 0.9^(t / interval)."""
    state: dict[tuple[str, str], tuple[float, int, int, datetime]] = {}
    out = {}
    for i, r in enumerate(reviews):
        key = (r.student, r.card)
        q = {1: 1, 2: 3, 3: 4, 4: 5}[r.rating]
        if key in state:
            ef, n, interval, last = state[key]
            t = days_between(last, r.at, zone)
            if t < 1:
                continue
            out[i] = 0.9 ** (t / interval)
        else:
            ef, n, interval = 2.5, 0, 1
        ef = max(1.3, ef + 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02))
        if q < 3:
            n, interval = 0, 1
        else:
            n += 1
            interval = 1 if n == 1 else 6 if n == 2 else max(1, round(interval * ef))
        state[key] = (ef, n, interval, r.at)
    return out


# --- the benchmark --------------------------------------------------------------------------
def scored(reviews: Sequence[LogReview], zone: tzinfo) -> list[int]:
    """Indexes of reviews at least one class day after the card's previous review."""
    last: dict[tuple[str, str], datetime] = {}
    out = []
    for i, r in enumerate(reviews):
        key = (r.student, r.card)
        if key in last and days_between(last[key], r.at, zone) >= 1:
            out.append(i)
        last[key] = r.at
    return out


def fit_rows(reviews: Sequence[LogReview]) -> tuple[list[optimise.Review], dict[str, list]]:
    """Rows for `optimise.fit`: all of them, and by student."""
    ids: dict[tuple[str, str], int] = {}
    rows, by_student = [], defaultdict(list)
    for r in reviews:
        row = (ids.setdefault((r.student, r.card), len(ids)), r.rating, r.at)
        rows.append(row)
        by_student[r.student].append(row)
    return rows, by_student


def score(p: Sequence[float], y: Sequence[bool]) -> str:
    return (f"{metrics.log_loss(p, y):8.4f}  {metrics.rmse_bins(p, y):10.4f}  "
            f"{metrics.auc(p, y):6.4f}  {len(p):7,d}")


def run(reviews: list[LogReview], zone: tzinfo, folds: int, label: str) -> None:
    n = len(reviews)
    students = sorted({r.student for r in reviews})
    evaluable = scored(reviews, zone)
    bounds = [round(n * k / (folds + 1)) for k in range(folds + 2)]
    print(f"{label}: {n:,} reviews by {len(students)} student(s), {len(evaluable):,} at least "
          f"a class day after the card's previous review; {folds} forward-chaining folds")
    t0 = time.perf_counter()
    default = replay(reviews, zone, {}, n, bounds[1])
    t_replay = time.perf_counter() - t0
    bare = bare_fsrs(reviews, zone)
    gap = max((abs(default[i] - bare[i]) for i in default), default=0.0)
    print(f"  replay through VocabBook: {t_replay:.1f} s for {n:,} reviews; largest gap to a "
          f"bare FSRS scheduler's predictions {gap:.2g}")
    sm2_p = sm2(reviews, zone)
    rows, by_student = fit_rows(reviews)
    models: dict[str, dict[int, float]] = {
        "constant": {}, "SM-2": {}, "FSRS defaults": {}, "FSRS fitted (class)": {},
        "FSRS fitted (own)": {}, "FSRS fitted, unchecked": {}}
    fit_notes = []
    for k in range(1, folds + 1):
        lo, hi = bounds[k], bounds[k + 1]
        test = [i for i in evaluable if lo <= i < hi]
        train = [i for i in evaluable if i < lo]
        rate = sum(reviews[i].rating > 1 for i in train) / len(train) if train else 0.9
        train_end = reviews[lo].at
        t0 = time.perf_counter()
        class_fit = optimise.fit(rows[:lo], f"class:{CLASS}", optimise.CLASS_MIN_REVIEWS, zone)
        # the same fit without the product's held-out check (hold_out=0 keeps any valid fit)
        unchecked = optimise.fit(rows[:lo], f"class:{CLASS}", optimise.CLASS_MIN_REVIEWS, zone,
                                 hold_out=0)
        params: dict[str, Sequence[float]] = {}
        if class_fit.parameters:
            params[f"class:{CLASS}"] = class_fit.parameters
        own = dict(params)
        own_fits = 0
        if len(students) > 1:
            for s in students:
                mine = [row for row in by_student[s] if row[2] < train_end]
                f = optimise.fit(mine, f"student:{Identity(s, CLASS, 'typed').key}",
                                 optimise.STUDENT_MIN_REVIEWS, zone)
                if f.parameters:
                    own[f.scope] = f.parameters
                    own_fits += 1
        t_fit = time.perf_counter() - t0
        fitted = replay(reviews, zone, params, hi, lo) if params else default
        with_own = replay(reviews, zone, own, hi, lo) if own_fits else fitted
        if unchecked.parameters == class_fit.parameters:
            plain = fitted
        elif unchecked.parameters:
            plain = replay(reviews, zone, {f"class:{CLASS}": unchecked.parameters}, hi, lo)
        else:
            plain = default
        for i in test:
            models["constant"][i] = rate
            models["SM-2"][i] = sm2_p[i]
            models["FSRS defaults"][i] = default[i]
            models["FSRS fitted (class)"][i] = fitted[i]
            models["FSRS fitted (own)"][i] = with_own[i]
            models["FSRS fitted, unchecked"][i] = plain[i]
        fit_notes.append(f"fold {k}: train {lo:,} reviews, test {len(test):,}; class fit "
                         f"{class_fit.reason}, {own_fits} own fit(s), {t_fit:.2f} s")
    for note in fit_notes:
        print("  " + note)
    print(f"  {'model':<24}{'log loss':>10}{'RMSE(bins)':>12}{'AUC':>8}{'n':>9}")
    for name, p in models.items():
        idx = sorted(p)
        print(f"  {name:<24}{score([p[i] for i in idx], [reviews[i].rating > 1 for i in idx])}")
    print("  (class) = the class's pooled fit; (own) = a student's own fit where kept, else the "
          "class's;\n  unchecked = the pooled fit without the held-out check")
    weighted(reviews, rows, bounds, zone, models)


def weighted(reviews: list[LogReview], rows: list[optimise.Review], bounds: list[int],
             zone: tzinfo, models: dict[str, dict[int, float]]) -> None:
    """What the old figure measured: fsrs-rs `evaluate` on the last fold's held-out items,
    weighted by position, in time order and reversed, beside the plain log loss."""
    import fsrs_rs_python as rs

    lo, hi = bounds[-2], bounds[-1]
    fitted = optimise.fit(rows[:lo], "class:X", optimise.CLASS_MIN_REVIEWS, zone)
    if not fitted.parameters:
        return
    before = len(optimise.labelled_items(rows[:lo], zone))
    held_out = [x.item() for x in optimise.labelled_items(rows[:hi], zone)[before:]
                if x.delta_t >= 1]
    model = rs.FSRS(list(fitted.parameters))
    forward, backward = model.evaluate(held_out).log_loss, model.evaluate(held_out[::-1]).log_loss
    p = models["FSRS fitted (class)"]
    idx = [i for i in sorted(p) if lo <= i < hi]
    plain = metrics.log_loss([p[i] for i in idx], [reviews[i].rating > 1 for i in idx])
    mine = optimise.plain_log_loss(fitted.parameters,
                                   optimise.labelled_items(rows[:hi], zone)[before:])
    print(f"  last fold, fitted (class): fsrs-rs evaluate (position-weighted) {forward:.4f} in "
          f"time order, {backward:.4f} reversed; plain log loss {plain:.4f} (replay), "
          f"{mine:.4f} (optimise.plain_log_loss)")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--log", type=Path, help="a review log CSV (format in this file's doc)")
    ap.add_argument("--students", type=int, default=12)
    ap.add_argument("--days", type=int, default=90)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--curve", choices=CURVES, default="exponential")
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--zone", help="the class's time zone (default: VOCABSPHERE_TZ or the "
                    "server's; UTC for the simulation)")
    ap.add_argument("--write-log", type=Path, help="write the simulated log as CSV and stop")
    args = ap.parse_args(argv)
    if not optimise.optimizer_available():
        print("fsrs-rs-python is not installed", file=sys.stderr)
        return 2
    try:
        if args.log:
            zone = class_zone({"VOCABSPHERE_TZ": args.zone} if args.zone else None)
            reviews, skipped = read_log(args.log)
            label = f"{args.log} ({skipped} manual rows skipped), days in {zone}"
        else:
            zone = class_zone({"VOCABSPHERE_TZ": args.zone or "UTC"})
            reviews = simulated_log(args.students, args.days, args.seed, args.curve, zone)
            label = (f"simulated class: {args.students} learners, {args.curve} forgetting, "
                     f"{args.days} days, seed {args.seed}")
            if args.write_log:
                write_log(args.write_log, reviews)
                print(f"wrote {len(reviews):,} reviews to {args.write_log}")
                return 0
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    run(reviews, zone, args.folds, label)
    return 0


if __name__ == "__main__":
    sys.exit(main())
