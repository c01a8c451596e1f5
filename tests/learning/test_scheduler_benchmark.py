"""benchmarks/scheduler.py: its log format, and one small run end to end."""

from __future__ import annotations

import importlib.util
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from toolkit.learning import optimise

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("scheduler_bench", ROOT / "benchmarks/scheduler.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["scheduler_bench"] = module
    spec.loader.exec_module(module)
    return module


def test_an_anki_style_revlog_reads_in_time_order(bench, tmp_path: Path) -> None:
    log = tmp_path / "revlog.csv"
    log.write_text("card_id,review_time,review_rating,review_state,review_duration\n"
                   "7,1767700800000,3,1,5000\n"            # 2026-01-06 12:00 UTC, in ms
                   "7,2026-01-05T09:00:00,1,0,4000\n"      # ISO without a zone: UTC
                   "7,2026-01-05T10:00:00+01:00,0,4,0\n"   # a manual reschedule: skipped
                   "8,2026-01-05T09:00:00Z,4,0,3000\n", encoding="utf-8")
    reviews, skipped = bench.read_log(log)
    assert skipped == 1
    assert [(r.card, r.rating) for r in reviews] == [("7", 1), ("8", 4), ("7", 3)]
    assert reviews[-1].at == datetime(2026, 1, 6, 12, 0, tzinfo=timezone.utc)
    assert {r.student for r in reviews} == {"student"}


def test_a_bad_log_says_what_is_wrong(bench, tmp_path: Path) -> None:
    log = tmp_path / "bad.csv"
    log.write_text("card,time,grade\n1,2026-01-05,3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lacks card_id, review_rating, review_time"):
        bench.read_log(log)
    log.write_text("card_id,review_time,review_rating\n1,2026-01-05,3\n1,2026-01-06,5\n",
                   encoding="utf-8")
    with pytest.raises(ValueError, match="line 3: rating 5"):
        bench.read_log(log)
    log.write_text("card_id,review_time,review_rating\n1,yesterday,3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        bench.read_log(log)


@pytest.mark.skipif(not optimise.optimizer_available(), reason="fsrs-rs-python is not installed")
def test_a_simulated_log_round_trips_and_is_scored(bench, tmp_path: Path, capsys) -> None:
    log = tmp_path / "sim.csv"
    assert bench.main(["--students", "3", "--days", "30", "--write-log", str(log)]) == 0
    assert bench.main(["--log", str(log), "--folds", "2", "--zone", "UTC"]) == 0
    out = capsys.readouterr().out
    assert "largest gap to a bare FSRS scheduler's predictions 0\n" in out
    names = ("constant", "SM-2", "FSRS defaults", "FSRS fitted (class)", "FSRS fitted (own)",
             "FSRS fitted, unchecked")
    rows = {}
    for line in out.splitlines():
        for name in names:
            if line.strip().startswith(name + " "):
                rows[name] = line.strip()[len(name):].split()
    assert set(rows) == set(names) and all(len(v) == 4 for v in rows.values())
    n = {v[-1] for v in rows.values()}
    assert len(n) == 1  # every model is scored on the same reviews
    for loss, rmse, auc, _ in rows.values():
        assert 0 < float(loss) < 1.5 and 0 <= float(rmse) < 1 and 0 <= float(auc) <= 1
