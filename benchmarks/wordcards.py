"""How fast are word cards for every distinct word of an article? (target: <= 2 s warm)

    python benchmarks/wordcards.py [--repeat 3]

Times, in one process, on the lesson article (about 800 words):
  - loading: WordNet, CMUdict, the four translation tables (once per process);
  - baseline: WordNet's first-sense definition for every distinct (lemma, POS), the lookup
    most reading tools do, so the cost of ranking senses and the rest can be seen beside it;
  - cold: the first article after loading (sense signatures etc. computed as needed);
  - warm: in a fresh process, after other articles warmed the caches (OneStopEnglish texts
    from ../shared/data when present, else a composed text), then this article, never seen
    before: a lesson builder that has built lessons before;
  - hot: the same article again (all caches hit), the best case.
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
SHARED_TEXTS = ROOT.parent / "shared" / "data" / "onestopenglish" / "texts.jsonl"
WARM_TEXT = """The city council met on Tuesday to discuss the new bus routes. Many people who live
in the suburbs say the buses are too slow and too expensive. The mayor promised to lower the
fares next spring and to buy electric buses that are quieter and cleaner.

Scientists at the university have found a way to grow rice with less water. Their new method
could help farmers in dry regions, where rivers are shrinking and the rain is hard to predict.
The team will test the idea on farms in three countries over the next two years."""


def warm_texts() -> tuple[list[str], str]:
    if SHARED_TEXTS.is_file():
        lines = SHARED_TEXTS.read_text("utf-8").splitlines()[:30]
        return ([json.loads(line)["text"] for line in lines],
                f"{len(lines)} OneStopEnglish texts from ../shared/data")
    return [WARM_TEXT], "a composed 2-paragraph text (../shared/data not found)"


def timed(fn, *args):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of the hot measurement")
    parser.add_argument("--warm-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    from toolkit.language.analysis import analyze
    from toolkit.language.profile import analyze_article
    from toolkit.language.text import split_title
    from toolkit.language.translate import providers
    from toolkit.language.wordcard import build_cards

    def load() -> None:
        from toolkit.language.pronunciation import pronounce
        from toolkit.language.senses import wordnet

        wordnet()
        pronounce("word")
        for p in providers().values():
            if p.ready:
                p._load()

    t_load, _ = timed(load)
    _title, body = split_title(ARTICLE.read_text("utf-8"))
    t_analyze, (_text, sentences, _profile) = timed(analyze_article, body)
    words = sum(len(s.words) for s in sentences)

    from toolkit.language.senses import synsets_for
    from toolkit.model.tags import penn_to_wordnet

    def baseline() -> int:
        seen = {(t.lemma, penn_to_wordnet(t.pos)) for s in sentences for t in s.words}
        n = 0
        for lemma, pos in seen:
            found = synsets_for.__wrapped__(lemma, pos)  # uncached: a plain lookup
            if found:
                found[0].definition()
                n += 1
        return n

    t_base, n_base = timed(baseline)
    if args.warm_only:  # a fresh process: other articles first, then this one, never seen
        texts, warm_source = warm_texts()
        t_prep, _ = timed(lambda: [build_cards(analyze(t)) for t in texts])
        t_warm, _ = timed(build_cards, sentences)
        print(json.dumps({"warm": t_warm, "prep": t_prep, "source": warm_source}))
        return
    t_cold, cards = timed(build_cards, sentences)
    hot = [timed(build_cards, sentences)[0] for _ in range(args.repeat)]
    child = subprocess.run([sys.executable, __file__, "--warm-only"], capture_output=True,
                           text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    warm = json.loads(child.stdout.strip().splitlines()[-1])
    t_warm, t_prep, warm_source = warm["warm"], warm["prep"], warm["source"]

    print(f"Word cards for {ARTICLE.name}: {words} words, {len(cards.cards)} distinct cards "
          f"({len(cards.by_word)} clickable words), 5 languages")
    print(f"  load data (WordNet, CMUdict, 4 tables)   {t_load:6.2f} s   once per process")
    print(f"  analyse the article                      {t_analyze:6.2f} s")
    print(f"  baseline: first-sense definition only    {t_base:6.2f} s   ({n_base} lemmas)")
    print(f"  cards, cold (first article)              {t_cold:6.2f} s")
    print(f"  cards, warm (new article after {warm_source}, built in {t_prep:.1f} s)")
    print(f"                                           {t_warm:6.2f} s   target <= 2 s")
    print(f"  cards, hot (same article again, median of {args.repeat})"
          f"  {statistics.median(hot):6.2f} s")


if __name__ == "__main__":
    main()
