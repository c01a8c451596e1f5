"""Speed of `profile` next to textstat's Flesch-Kincaid alone, in the same run.

    .venv/bin/python benchmarks/profile_speed.py [--repeat 5]

Reports words per second on the lesson article and on a ~50,000-word text (OneStopEnglish
advanced articles from ../shared/data when present, else the lesson article repeated), and
cold start (fresh interpreter: import plus first profile). Our word-lookup caches are
cleared before every timed run, and every run gets a slightly different text, because
textstat memoises whole-text results.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ARTICLE = ROOT / "lessons" / "articles" / "hidden-remote-workers.txt"
ONESTOP = ROOT.parent / "shared" / "data" / "onestopenglish" / "texts.jsonl"


def big_text(words: int = 50_000) -> tuple[str, str]:
    if ONESTOP.is_file():
        parts, n = [], 0
        for line in ONESTOP.read_text("utf-8").splitlines():
            row = json.loads(line)
            if row["level"] == "adv":
                parts.append(row["text"])
                n += len(row["text"].split())
                if n >= words:
                    break
        return "\n\n".join(parts), f"OneStopEnglish advanced texts ({ONESTOP})"
    text = ARTICLE.read_text("utf-8")
    reps = words // len(text.split()) + 1
    return "\n\n".join([text] * reps), "lesson article repeated (../shared/data absent)"


def timed(fn, text: str, repeat: int) -> float:
    """Median seconds of `repeat` runs, each on a slightly different text.

    textstat memoises whole-text results, so an identical text would be free the second time.
    """
    times = []
    for i in range(repeat):
        variant = f"{text}\n\nThis is run number {i}."
        t0 = time.perf_counter()
        fn(variant)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def cold(code: str) -> float:
    """Seconds for a fresh interpreter; NLTK_DATA lets bare textstat find cmudict offline."""
    from toolkit.language.data import data_dir

    env = {**os.environ, "NLTK_DATA": str(data_dir())}
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True, env=env)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from toolkit.language import analysis, data

    data.use()  # textstat reads cmudict through nltk
    import textstat

    from toolkit.language.profile import profile_text
    from toolkit.language.text import split_title

    article = split_title(ARTICLE.read_text("utf-8"))[1]
    big, source = big_text()
    print(f"data: {source}")

    def fresh_profile(text: str) -> None:
        analysis.lemma_of.cache_clear()
        analysis.word_level.cache_clear()
        profile_text(text)

    profile_text(article)  # load tools once: "warm" numbers below
    textstat.flesch_kincaid_grade(article)
    rows = []
    for name, text in [("lesson article", article), ("50k-word text", big)]:
        n = len(text.split())
        t_profile = timed(fresh_profile, text, args.repeat)
        t_fk = timed(textstat.flesch_kincaid_grade, text, args.repeat)
        rows.append((name, n, t_profile, t_fk))

    load = f"open({str(ARTICLE)!r}, encoding='utf-8').read()"
    cold_profile = cold(f"from toolkit.language.profile import profile_text; profile_text({load})")
    cold_fk = cold(f"import textstat; textstat.flesch_kincaid_grade({load})")

    print(f"{'text':<16}{'words':>8}{'profile s':>11}{'profile w/s':>13}"
          f"{'textstat FK s':>15}{'FK w/s':>10}")
    for name, n, tp, tf in rows:
        print(f"{name:<16}{n:>8}{tp:>11.3f}{n / tp:>13,.0f}{tf:>15.3f}{n / tf:>10,.0f}")
    print(f"cold start (import + first call on the lesson article): profile {cold_profile:.2f} s, "
          f"textstat FK {cold_fk:.2f} s")


if __name__ == "__main__":
    main()
