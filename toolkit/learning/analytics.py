"""Class and research figures as pandas DataFrames.

pandas is imported inside each function, never at module import, so a student's kernel
that imports `toolkit.learning` stays light. Teachers' dashboards and researchers'
notebooks call these; the same numbers, from the same rows.

Item statistics follow classical test theory, on each student's *first* attempt at an item:
- difficulty (p-value) = share of students answering correctly (low = hard);
- discrimination, two ways: the point-biserial correlation between the item (0/1) and the
  student's rest score (share correct on the *other* items, so the item does not
  correlate with itself), and Kelley's upper-lower index D = p(upper 27%) - p(lower 27%),
  groups ranked by total score (students tied at a cut-off all join the group).
  Positive = strong students get it right more often;
  near zero or negative = the item needs a look (ambiguous key, trick question).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.learning.events import EVENT_COLUMNS, EventKind
from toolkit.learning.progress import class_zone, local_day, streak_days
from toolkit.learning.store import Store, utc_iso

if TYPE_CHECKING:
    import pandas as pd

UPPER_LOWER_SHARE = 0.27


def events_frame(store: Store, class_code: str | None = None) -> pd.DataFrame:
    """Every event (of one class), one row each, with quiz type/level lifted out of `data`."""
    import pandas as pd

    sql = f"SELECT {EVENT_COLUMNS} FROM events"
    params: list[Any] = []
    if class_code is not None:
        sql += " WHERE class_code = ?"
        params.append(class_code)
    rows = store.query(sql + " ORDER BY at, id", params)
    cols = [c.strip() for c in EVENT_COLUMNS.split(",")]
    df = pd.DataFrame(rows, columns=cols)
    df["at"] = pd.to_datetime(df["at"], utc=True, format="ISO8601")
    df["data"] = df["data"].map(json.loads)
    df["type"] = df["data"].map(lambda d: d.get("type", ""))
    df["level"] = df["data"].map(lambda d: d.get("level", ""))
    df["correct"] = df["correct"].map(lambda v: None if v is None or v != v else bool(v))
    df["value"] = df["value"].astype(float)
    return df


def reviews_frame(store: Store, class_code: str | None = None) -> pd.DataFrame:
    """Every review with its card kind and lemma, for forgetting-curve research."""
    import pandas as pd

    sql = ("SELECT r.id, r.student_id, s.class_code, r.card_id, c.kind, w.lemma, r.rating, "
           "r.reviewed_at, r.duration_ms FROM reviews r JOIN cards c ON c.id = r.card_id "
           "JOIN words w ON w.id = c.word_id JOIN students s ON s.student_id = r.student_id")
    params: list[Any] = []
    if class_code is not None:
        sql += " WHERE s.class_code = ?"
        params.append(class_code)
    df = pd.DataFrame(store.query(sql + " ORDER BY r.reviewed_at, r.id", params),
                      columns=["id", "student_id", "class_code", "card_id", "kind", "lemma",
                               "rating", "reviewed_at", "duration_ms"])
    df["reviewed_at"] = pd.to_datetime(df["reviewed_at"], utc=True, format="ISO8601")
    return df


def students_frame(store: Store, class_code: str) -> pd.DataFrame:
    import pandas as pd

    rows = store.query("SELECT student_id, name, source FROM students WHERE class_code = ? "
                       "ORDER BY name", (class_code,))
    return pd.DataFrame(rows, columns=["student_id", "name", "source"])


def class_table(store: Store, class_code: str, now: datetime,
                events: pd.DataFrame | None = None, zone: tzinfo | None = None) -> pd.DataFrame:
    """One row per student: who has read, how fast, words, reviews due, quiz accuracy, streak.

    `events` (an `events_frame` of this class) saves re-reading them when several tables
    are built at once; streak days are counted in `zone` (default `class_zone()`)."""
    import pandas as pd

    table = students_frame(store, class_code).set_index("student_id")
    ev = events_frame(store, class_code) if events is None else events
    reads = ev[ev["kind"] == str(EventKind.ARTICLE_READ)]
    quiz = ev[ev["kind"] == str(EventKind.QUIZ_ANSWER)]
    table["articles_read"] = reads.groupby("student_id").size()
    table["last_wpm"] = reads.groupby("student_id")["value"].last()
    table["mean_wpm"] = reads.groupby("student_id")["value"].mean().round(1)
    table["quiz_answers"] = quiz.groupby("student_id").size()
    table["quiz_accuracy"] = quiz.groupby("student_id")["correct"].mean().astype(float).round(3)

    def per_student(sql: str, params: tuple) -> pd.Series:
        rows = store.query(sql, params)
        return pd.Series({k: v for k, v in rows}, dtype="float64")

    join = "JOIN students s ON s.student_id = x.student_id WHERE s.class_code = ?"
    table["words"] = per_student(f"SELECT x.student_id, COUNT(*) FROM words x {join} "
                                 "GROUP BY x.student_id", (class_code,))
    table["due"] = per_student(f"SELECT x.student_id, COUNT(*) FROM cards x {join} AND x.due <= ? "
                               "GROUP BY x.student_id", (class_code, utc_iso(now)))
    table["reviews"] = per_student(f"SELECT x.student_id, COUNT(*) FROM reviews x {join} "
                                   "GROUP BY x.student_id", (class_code,))
    counts = ["articles_read", "quiz_answers", "words", "due", "reviews"]
    table[counts] = table[counts].fillna(0).astype(int)
    table["has_read"] = table["articles_read"] > 0
    table["last_active"] = ev.groupby("student_id")["at"].max()
    zone = zone or class_zone()
    days = ev.assign(day=ev["at"].dt.tz_convert(zone).dt.date).groupby("student_id")["day"].agg(set)
    today = local_day(now, zone)
    table["streak"] = [streak_days(days.get(k, set()), today) for k in table.index]
    return table.reset_index()


def first_attempts(store: Store, class_code: str,
                   events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each student's first answer to each quiz item."""
    ev = events_frame(store, class_code) if events is None else events
    quiz = ev[ev["kind"] == str(EventKind.QUIZ_ANSWER)]
    return quiz.sort_values(["at", "id"]).drop_duplicates(["student_id", "item"], keep="first")


def item_statistics(store: Store, class_code: str,
                    events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per quiz item: answers, difficulty (p-value), point-biserial and upper-lower D.

    Sorted hardest first. Discrimination is NaN where it cannot be computed (fewer than
    three students, or everyone scoring the same)."""
    import numpy as np
    import pandas as pd

    first = first_attempts(store, class_code, events)
    cols = ["item", "type", "level", "n", "p_value", "point_biserial", "upper_lower",
            "mean_seconds"]
    if first.empty:
        return pd.DataFrame(columns=cols)
    # students x items, 1/0 for a first attempt, NaN for an item not answered
    matrix = first.pivot(index="student_id", columns="item", values="correct").astype(float)
    answered = matrix.notna()
    x = matrix.to_numpy()
    right, seen = np.nan_to_num(x), answered.to_numpy()
    others = seen.sum(axis=1, keepdims=True) - 1  # items each student answered, minus this one
    with np.errstate(invalid="ignore", divide="ignore"):
        rest = np.where(seen & (others > 0), (right.sum(axis=1, keepdims=True) - right) / others,
                        np.nan)
    x = np.where(np.isnan(rest), np.nan, x)  # pairs where both exist
    total = matrix.mean(axis=1).to_numpy()  # share correct over the items answered
    pbis, d = [], []
    for j in range(x.shape[1]):
        ok = ~np.isnan(x[:, j])
        xj, rj = x[ok, j], rest[ok, j]
        pbis.append(float(np.corrcoef(xj, rj)[0, 1])
                    if len(xj) >= 3 and xj.std() > 0 and rj.std() > 0 else float("nan"))
        who = seen[:, j]
        yj, tj = right[who, j], total[who]
        if len(yj) >= 2 and np.unique(tj).size > 1:
            k = max(1, round(UPPER_LOWER_SHARE * len(tj)))
            ranked = np.sort(tj)
            d.append(float(yj[tj >= ranked[-k]].mean() - yj[tj <= ranked[k - 1]].mean()))
        else:
            d.append(float("nan"))
    meta = first.groupby("item").agg(type=("type", "first"), level=("level", "first"),
                                     mean_seconds=("value", "mean"))
    out = pd.DataFrame({"item": matrix.columns, "n": answered.sum(axis=0).to_numpy(),
                        "p_value": matrix.mean(axis=0).to_numpy(), "point_biserial": pbis,
                        "upper_lower": d}).join(meta, on="item")
    return out[cols].sort_values(["p_value", "item"]).reset_index(drop=True)


def most_looked_up(store: Store, class_code: str, top: int = 20) -> pd.DataFrame:
    """Words the class looked up most, with how many different students looked each up."""
    import pandas as pd

    rows = store.query("SELECT item, COUNT(*), COUNT(DISTINCT student_id) FROM events "
                       "WHERE class_code = ? AND kind = ? GROUP BY item",
                       (class_code, str(EventKind.WORD_LOOKED_UP)))
    df = pd.DataFrame(rows, columns=["lemma", "lookups", "students"])
    return df.sort_values(["lookups", "students", "lemma"],
                          ascending=[False, False, True]).head(top).reset_index(drop=True)


def sense_choices(store: Store, class_code: str) -> pd.DataFrame:
    """What students answered to "Which meaning fits here?": per word and sentence, the
    meaning picked, how many students picked it, and whether it was the build's first guess
    (the teacher can fix the card where the class disagrees with it)."""
    import pandas as pd

    rows = store.query("SELECT item, student_id, correct, data FROM events "
                       "WHERE class_code = ? AND kind = ? ORDER BY at, id",
                       (class_code, str(EventKind.SENSE_CHOSEN)))
    out: dict[tuple[str, str, str], dict[str, Any]] = {}
    for lemma, student, first, data in rows:
        d = json.loads(data)
        key = (lemma, d.get("sentence", ""), d.get("chosen", ""))
        row = out.setdefault(key, {"lemma": lemma, "sentence": d.get("sentence", ""),
                                   "chosen": d.get("definition", "") or d.get("chosen", ""),
                                   "sense_key": d.get("chosen", ""),
                                   "build_first_guess": bool(first), "students": set()})
        row["students"].add(student)
    table = [{**r, "students": len(r["students"])} for r in out.values()]
    cols = ["lemma", "sentence", "chosen", "sense_key", "build_first_guess", "students"]
    df = pd.DataFrame(table, columns=cols)
    return df.sort_values(["lemma", "students"], ascending=[True, False]).reset_index(drop=True)


def accuracy_by(store: Store, class_code: str, key: str,
                events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Class quiz accuracy by exercise 'type' or 'level' (every attempt)."""
    ev = events_frame(store, class_code) if events is None else events
    quiz = ev[ev["kind"] == str(EventKind.QUIZ_ANSWER)]
    g = quiz.groupby(key)["correct"]
    return (g.agg(answered="size", correct="sum").assign(
        accuracy=lambda d: (d["correct"] / d["answered"]).round(3)).reset_index())


def wpm_trend(store: Store, student_id: str) -> pd.DataFrame:
    """One student's reading speed over time (researcher / teacher view)."""
    ev = events_frame(store)
    reads = ev[(ev["kind"] == str(EventKind.ARTICLE_READ)) & (ev["student_id"] == student_id)]
    return reads[["at", "lesson", "value"]].rename(columns={"value": "wpm"}).reset_index(drop=True)


def class_report(store: Store, class_code: str, now: datetime) -> dict[str, pd.DataFrame]:
    """Every table the teacher dashboard shows, by name (the class's events read once)."""
    ev = events_frame(store, class_code)
    return {"class": class_table(store, class_code, now, ev),
            "items": item_statistics(store, class_code, ev),
            "looked_up": most_looked_up(store, class_code),
            "sense_choices": sense_choices(store, class_code),
            "accuracy_by_type": accuracy_by(store, class_code, "type", ev),
            "accuracy_by_level": accuracy_by(store, class_code, "level", ev)}


FIT_COLUMNS = ["name", "reviews", "in_use", "fit_reviews", "fitted_at", "held_out",
               "log_loss_before", "log_loss_after", "improvement", "last_attempt"]


def fit_summary(store: Store, class_code: str) -> pd.DataFrame:
    """Which FSRS parameters each student's reviews run on (own fit, the class's pooled fit
    or the defaults), fitted on how many reviews, and what the fit bought: plain log loss on
    the latest held-out reviews with the defaults (`log_loss_before`) and with the fit made
    without them (`log_loss_after`); `improvement` = before - after. First row: the class."""
    import pandas as pd

    from toolkit.learning.optimise import fit_status

    rows = [s.to_dict() for s in fit_status(store, class_code)]
    df = pd.DataFrame(rows, columns=["scope"] + [c for c in FIT_COLUMNS if c != "improvement"])
    df["improvement"] = df["log_loss_before"].astype(float) - df["log_loss_after"].astype(float)
    return df[["scope"] + FIT_COLUMNS]


def export_csv(frames: Mapping[str, pd.DataFrame], folder: str | Path,
               prefix: str = "") -> list[Path]:
    """Write each DataFrame to FOLDER/PREFIXNAME.csv (UTF-8); returns the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, df in frames.items():
        path = folder / f"{prefix}{name}.csv"
        df.to_csv(path, index=False)
        paths.append(path)
    return paths
