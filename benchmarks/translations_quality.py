"""Translations that follow the sense: is the card's first translation right in context?

    python benchmarks/translations_quality.py [--errors]

On benchmarks/data/translations.tsv (120 (language, word, sentence) items composed and
annotated for this project: zh, ja, de; 40 sentences, mostly words with several meanings),
each item's card is built as a lesson builds it (sense ranked in the sentence), and its first
translation is judged:
- right: one of the annotated translations (or, where the dictionary has no right entry,
  the card says the meaning is not matched);
- wrong, claimed: a wrong word the card says was "chosen to fit this sense";
- wrong, honest: a wrong word the card marks "meaning not matched".
The previous matching (gloss overlap with the sense, no honesty rule) and the current one
run in the same process. The first 20 sentences were looked at while setting the scoring;
the last 20 were not.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT / "benchmarks" / "data" / "translations.tsv"


def load() -> list[tuple[str, str, str, set[str]]]:
    rows = []
    for line in DATA.read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        lang, word, sentence, right = line.split("\t")
        rows.append((lang, word, sentence, set() if right == "-" else set(right.split("|"))))
    return rows


def judge(t, right: set[str]) -> str:
    first = t.words[0].split(" (")[0] if t.available and t.words else ""
    if not right:
        return "right" if not t.sense_matched else "wrong, claimed"
    if first in right:
        return "right"
    return "wrong, claimed" if t.sense_matched else "wrong, honest"


def run(previous: bool, rows, errors: bool) -> list[str]:
    from toolkit.language.translate import base
    from toolkit.language.wordcard import build_card

    base.PREVIOUS = previous
    out = []
    sentences = list(dict.fromkeys(s for _, _, s, _ in rows))
    for lang, word, sentence, right in rows:
        card = build_card(word, sentence, [lang])
        t = card.translations[lang]
        verdict = judge(t, right)
        out.append(verdict)
        if errors and verdict != "right" and sentences.index(sentence) < 20:
            print(f"    {verdict:<15} {lang} {word:<10} {t.words[:2]} ({t.note[:50]}) "
                  f"sense={card.senses[0].synset if card.senses else '-'} :: {sentence[:50]}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true",
                        help="list the misses on the first 20 sentences (the ones looked at)")
    args = parser.parse_args()
    rows = load()
    sentences = list(dict.fromkeys(s for _, _, s, _ in rows))
    tuned = [sentences.index(s) < 20 for _, _, s, _ in rows]
    t = time.perf_counter()
    print(f"First translation in context ({DATA.relative_to(ROOT)}, {len(rows)} items)")
    print(f"  {'':<22}{'right':>15}{'wrong, claimed':>18}{'wrong, honest':>16}"
          f"{'right (first 20)':>19}{'right (last 20)':>18}")
    for name, previous in (("previous matching", True), ("sense matching (now)", False)):
        verdicts = run(previous, rows, args.errors and not previous)
        n = len(verdicts)

        def share(kind: str, pick=None) -> str:
            xs = [v for v, k in zip(verdicts, tuned) if pick is None or k == pick]
            return f"{sum(v == kind for v in xs) / len(xs):.0%} ({sum(v == kind for v in xs)})"

        print(f"  {name:<22}{share('right'):>15}{share('wrong, claimed'):>18}"
              f"{share('wrong, honest'):>16}{share('right', True):>19}{share('right', False):>18}")
        for lang in ("zh", "ja", "de"):
            xs = [v for v, (lg, *_r) in zip(verdicts, rows) if lg == lang]
            print(f"    {lang}: right {sum(v == 'right' for v in xs)}/{len(xs)}, "
                  f"wrong and claimed {sum(v == 'wrong, claimed' for v in xs)}")
        assert n == len(rows)
    print(f"\n({time.perf_counter() - t:.1f} s)")


if __name__ == "__main__":
    main()
