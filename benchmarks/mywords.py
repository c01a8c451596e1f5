""""My words" speed: list a book of N words (with FSRS recall per card) and its HTML, beside a
baseline in the same run (`book.words()` alone: the query the list cannot avoid); then the
cost of the Anki export (genanki import + package) that runs only on a click.

    python benchmarks/mywords.py [--words 300]

Prints one line per figure; nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.learning.identity import Identity  # noqa: E402
from toolkit.learning.store import Store  # noqa: E402
from toolkit.learning.vocab import VocabBook  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def median_of(fn, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=300)
    args = ap.parse_args()
    from toolkit.learning.wordlist import word_rows
    from toolkit.student.mywords import rows_html

    t = [datetime(2026, 3, 2, 9, tzinfo=timezone.utc)]
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "b.sqlite3") as store:
        book = VocabBook(store, Identity("Bench", "BENCH", "typed"), lambda: t[0])
        book.add_words({"lemma": f"word{i}", "meaning": f"meaning number {i}",
                        "translation": f"palabra {i}",
                        "sentence": f"A sentence with word{i} in it."} for i in range(args.words))
        for i, c in enumerate(book.cards()):
            if i % 3:
                book.review(c.id, "good" if i % 5 else "again")
        t[0] += timedelta(days=2)
        n_cards = len(book.cards())
        base = median_of(book.words)
        rows = word_rows(book)
        listing = median_of(lambda: word_rows(book))
        html = rows_html(rows, book, timezone.utc)
        render = median_of(lambda: rows_html(rows, book, timezone.utc))
        print(f"{args.words} words / {n_cards} cards: baseline book.words() {ms(base)}; "
              f"word_rows (words + cards + FSRS recall) {ms(listing)}; rows_html {ms(render)}; "
              f"HTML {len(html) / 1024:.0f} KB in one widget")
        code = ("import time, resource, ipywidgets, toolkit.learning; "
                "r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; t = time.perf_counter(); "
                "import genanki; print(f'{time.perf_counter() - t:.3f} '"
                "f'{(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - r) / 1024:.1f}')")
        out = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              cwd=ROOT, check=True).stdout.split() for _ in range(3)]
        secs = statistics.median(float(o[0]) for o in out)
        mb = statistics.median(float(o[1]) for o in out)
        from toolkit.learning.exchange import export_apkg

        path = Path(tmp) / "deck.apkg"
        export = median_of(lambda: export_apkg(book, path), runs=3)
        print(f"Anki export (on click only): genanki import {secs:.2f} s, +{mb:.1f} MB RSS in a "
              f"fresh kernel; package of {args.words} notes {ms(export)}, "
              f"{path.stat().st_size / 1024:.0f} KB (a data: link ~{path.stat().st_size * 4 / 3 / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
