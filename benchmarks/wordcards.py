"""How fast are word cards for every distinct word of an article? (target: <= 5 s warm)

    python benchmarks/wordcards.py [--repeat 3] [--warm-texts 30] [--rankers fitted-main,fitted]

Times, in one process, on the lesson article (about 800 words):
  - loading: WordNet, CMUdict, the four translation tables (once per process);
  - baseline: WordNet's first-sense definition for every distinct (lemma, POS), the lookup
    most reading tools do, so the cost of ranking senses and the rest can be seen beside it;
  - cold: the first article after loading (sense signatures etc. computed as needed);
  - warm: in a fresh process, after other articles warmed the caches (OneStopEnglish texts
    from ../shared/data when present, else a composed text), then this article, never seen
    before: a lesson builder that has built lessons before;
  - hot: the same article again (all caches hit), the best case;
  - rebuilt (sentence ranker only): a fresh process building the same article again with the
    encoder's on-disk vector cache from an earlier build (a teacher rebuilding a lesson).
The rankers are timed in the same run, each in fresh processes: word overlap and frequency,
main's sentence ranker (overlap + the encoder on the best 3 glosses), the fitted ranker as on
main (word by word, every sense text encoded when first met) and the fitted ranker now (all
words of the article in one encoder call, the common words' sense vectors read from the
table set-up builds, toolkit/language/sense_table.py). The encoder's disk cache is off except
for the "rebuilt" line, so cold means cold.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
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


def warm_texts(n: int = 30) -> tuple[list[str], str]:
    if SHARED_TEXTS.is_file():
        lines = SHARED_TEXTS.read_text("utf-8").splitlines()[:n]
        return ([json.loads(line)["text"] for line in lines],
                f"{len(lines)} OneStopEnglish texts from ../shared/data")
    return [WARM_TEXT], "a composed 2-paragraph text (../shared/data not found)"


def timed(fn, *args):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t, out


def measure(args: argparse.Namespace) -> dict:
    """One ranker's timings in this process (the warm line in a child process)."""
    from toolkit.language import senses
    from toolkit.language.analysis import analyze
    from toolkit.language.profile import analyze_article
    from toolkit.language.text import split_title
    from toolkit.language.translate import providers
    from toolkit.language.wordcard import build_cards

    senses.USE_ENCODER = args.ranker in ("sentence", "fitted", "fitted-main")
    senses.USE_FITTED = args.ranker in ("fitted", "fitted-main")
    if args.ranker == "fitted-main":  # the fitted ranker as on main: word by word, no table
        from toolkit.language import sense_context, wordcard

        wordcard.RANK_ALL = False
        sense_context.ONE_SENSE_GLOSS = False

    def load() -> None:
        from toolkit.language.pronunciation import pronounce
        from toolkit.language.senses import wordnet

        wordnet()
        pronounce("word")
        for p in providers().values():
            if p.ready:
                p._load()
        if senses.USE_ENCODER:
            from toolkit.language.encoder import encode

            encode(["load the encoder"])

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
        texts, warm_source = warm_texts(args.warm_texts)
        t_prep, _ = timed(lambda: [build_cards(analyze(t)) for t in texts])
        done = _encoded()
        cpu = time.process_time()
        t_warm, _ = timed(build_cards, sentences)
        return {"warm": t_warm, "prep": t_prep, "source": warm_source,
                "warm_cpu": time.process_time() - cpu, "warm_encoded": _encoded() - done}
    if args.cards_only:
        return {"cards": timed(build_cards, sentences)[0]}
    t_cold, cards = timed(build_cards, sentences)
    hot = [timed(build_cards, sentences)[0] for _ in range(args.repeat)]
    warm = child(args, "--warm-only")
    return {"load": t_load, "analyze": t_analyze, "base": t_base, "n_base": n_base,
            "cold": t_cold, "hot": statistics.median(hot), "words": words,
            "cards": len(cards.cards), "clickable": len(cards.by_word), **warm}


def _encoded() -> int:
    """Texts the encoder has computed in this process (cache hits not counted)."""
    if "toolkit.language.encoder" not in sys.modules:
        return 0
    from toolkit.language import encoder

    return encoder.default().stats["computed"]


def child(args: argparse.Namespace, *flags: str, ranker: str | None = None,
          cache: str = "off") -> dict:
    cmd = [sys.executable, __file__, "--child", "--ranker", ranker or args.ranker,
           "--repeat", str(args.repeat), "--warm-texts", str(args.warm_texts), *flags]
    table = "off" if (ranker or args.ranker) == "fitted-main" else "on"
    out = subprocess.run(cmd, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT),
                              "VOCABSPHERE_ENCODER_CACHE": cache,
                              "VOCABSPHERE_SENSE_TABLE": table})
    return json.loads(out.stdout.strip().splitlines()[-1])


NAMES = {"overlap": "overlap", "sentence": "main (sentence)", "fitted-main": "fitted (main)",
         "fitted": "fitted (now)"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of the hot measurement")
    parser.add_argument("--warm-texts", type=int, default=30, help="texts built before 'warm'")
    parser.add_argument("--rankers", default=",".join(NAMES),
                        help="comma-separated columns to time (default: all of "
                             f"{', '.join(NAMES)}); fitted-main = the fitted ranker word by "
                             "word without the sense table, as on main")
    parser.add_argument("--skip-rebuilt", action="store_true",
                        help="leave out the 'rebuilt' line (two more builds per column)")
    parser.add_argument("--warm", action="store_true",
                        help="only the warm line, with CPU seconds and texts encoded (quicker)")
    parser.add_argument("--ranker", choices=list(NAMES), default="fitted", help=argparse.SUPPRESS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--warm-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cards-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args)))
        return
    names = [r for r in args.rankers.split(",") if r]
    unknown = [r for r in names if r not in NAMES]
    if unknown or not names:
        parser.error(f"--rankers takes some of {', '.join(NAMES)} (got {args.rankers!r})")

    if args.warm:  # only the warm line (a fresh process per column), with its CPU time
        warm = {r: child(args, "--warm-only", ranker=r) for r in names}
        print(f"Word cards, warm: {ARTICLE.name} after {warm[names[0]]['source']}; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"  {'':<44}" + "".join(f"{NAMES[r]:>16}" for r in names))
        for label, key, unit in (("cards, warm (wall)", "warm", " s"),
                                 ("cards, warm (CPU, both cores)", "warm_cpu", " s"),
                                 ("texts the encoder computed", "warm_encoded", ""),
                                 ("  (warm-up texts took, wall)", "prep", " s")):
            print(f"  {label:<44}" + "".join(
                f"{warm[r][key]:>{16 - len(unit)}.{0 if key == 'warm_encoded' else 2}f}{unit}"
                for r in names))
        return
    runs = {r: child(args, ranker=r) for r in names}
    for r in names:
        if r == "overlap" or args.skip_rebuilt:
            runs[r]["rebuilt"] = float("nan")
            continue
        with tempfile.TemporaryDirectory() as tmp:  # rebuilt: a disk cache from an earlier build
            cache = str(Path(tmp) / "vectors.sqlite")
            child(args, "--cards-only", ranker=r, cache=cache)
            runs[r]["rebuilt"] = child(args, "--cards-only", ranker=r, cache=cache)["cards"]
    first = runs[names[0]]
    print(f"Word cards for {ARTICLE.name}: {first['words']} words, {first['cards']} distinct "
          f"cards ({first['clickable']} clickable words), 5 languages; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"  {'':<44}" + "".join(f"{NAMES[r]:>16}" for r in names))
    rows = [("load data (WordNet, CMUdict, 4 tables)", "load", "once per process"),
            ("analyse the article", "analyze", ""),
            ("baseline: first-sense definition only", "base", f"({first['n_base']} lemmas)"),
            ("cards, cold (first article)", "cold", ""),
            (f"cards, warm (new article after {first['source']})", "warm",
             "target <= 5 s"),
            (f"cards, hot (same article again, median of {args.repeat})", "hot", ""),
            ("  (warm: building the warm-up texts took)", "prep", ""),
            ("cards, rebuilt (vectors from the disk cache)", "rebuilt", "")]
    for label, key, note in rows:
        print(f"  {label:<44}" + "".join(f"{runs[r][key]:>14.2f} s" for r in names) + f"   {note}")


if __name__ == "__main__":
    main()
