"""Word card quality: does the first sense shown fit the sentence? Do words get translations?

    python benchmarks/wordcards_quality.py [--errors]

1. Sense in context, on benchmarks/data/senses.tsv: 100 (word, sentence) pairs composed and
   annotated for this project (varied topics; a few items accept two WordNet senses that
   are equally right). Reports the share where the card's first sense is a right one, next
   to the previous ranker (word overlap and frequency, without the sentence encoder) and to
   WordNet's first sense for the tagged POS (what most reading tools show), for all 100
   and for each half: the score weights were set looking at the first half only, so the
   second half is the fairer number.
2. Translation coverage, per language, on the lesson article: the share of its distinct
   content words (nouns, verbs, adjectives, adverbs; names excluded) whose card has a
   translation, and the share whose translation was chosen by the sense in context.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT / "benchmarks" / "data" / "senses.tsv"
ARTICLE = ROOT / "lessons" / "articles" / "hidden-remote-workers.txt"


def load_pairs() -> list[tuple[str, set[str], str]]:
    pairs = []
    for line in DATA.read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        word, _keys, synsets, sentence = line.split("\t")
        pairs.append((word, set(synsets.split("|")), sentence))
    return pairs


def sense_accuracy(show_errors: bool) -> None:
    from toolkit.language.analysis import analyze
    from toolkit.language.senses import MIN_FIT, rank, synsets_for
    from toolkit.model.tags import penn_to_wordnet

    pairs = load_pairs()
    ours, base, previous, context_basis = [], [], [], []
    for word, gold, sentence in pairs:
        # the ranking a word card uses for a single word (a phrase such as "world record"
        # gets its own card; here the word itself is judged)
        (sent,) = analyze(sentence)
        i = next(k for k, t in enumerate(sent.tokens) if t.text == word)
        tok = sent.tokens[i]
        context = [t.lemma for k, t in enumerate(sent.tokens) if k != i and t.is_word]
        ranked = rank(tok.lemma, tok.pos, context, sentence=sentence)
        first = ranked[0].synset.name() if ranked else ""
        ours.append(first in gold)
        context_basis.append(bool(ranked) and ranked[0].evidence >= MIN_FIT)
        before = rank(tok.lemma, tok.pos, context)  # the previous ranker: word overlap only
        previous.append(bool(before) and before[0].synset.name() in gold)
        cands = synsets_for(tok.lemma, penn_to_wordnet(tok.pos)) or synsets_for(tok.lemma, None)
        base.append(bool(cands) and cands[0].name() in gold)
        if show_errors and not ours[-1]:
            print(f"  miss: {word:<9} ours={first:<32} gold={'|'.join(sorted(gold))}  :: {sentence}")
    n = len(pairs)
    half = n // 2

    def share(xs: list[bool]) -> str:
        return f"{sum(xs) / len(xs):6.1%} ({sum(xs)}/{len(xs)})"

    print(f"Sense in context ({DATA.relative_to(ROOT)}, {n} pairs)")
    print(f"  {'':<28}{'all':<18}{'first half (tuned)':<22}second half")
    print(f"  {'word card (ours)':<28}{share(ours):<18}{share(ours[:half]):<22}{share(ours[half:])}")
    print(f"  {'previous ranker (overlap)':<28}{share(previous):<18}{share(previous[:half]):<22}"
          f"{share(previous[half:])}")
    print(f"  {'WordNet first sense':<28}{share(base):<18}{share(base[:half]):<22}{share(base[half:])}")
    right_ctx = [o for o, c in zip(ours, context_basis) if c]
    right_freq = [o for o, c in zip(ours, context_basis) if not c]
    print(f"  cards that say the sentence chose the sense: {share(context_basis)}; "
          f"right among them {share(right_ctx) if right_ctx else '-'}; "
          f"right among 'most common sense' cards {share(right_freq) if right_freq else '-'}")


def translation_coverage() -> None:
    from toolkit.language.profile import analyze_article
    from toolkit.language.text import split_title
    from toolkit.language.translate import LANGUAGES
    from toolkit.language.wordcard import build_cards

    _title, body = split_title(ARTICLE.read_text("utf-8"))
    _text, sentences, _profile = analyze_article(body)
    cards = build_cards(sentences)
    content = [c for c in cards.cards.values()
               if c.kind in {"word", "phrase"} and c.pos in {"noun", "verb", "adjective", "adverb"}]
    print(f"\nTranslation coverage ({ARTICLE.name}: {len(content)} distinct content-word cards)")
    print(f"  {'language':<22}{'translated':<14}{'sense-matched':<16}not available because")
    for lang, name in LANGUAGES.items():
        got = [c for c in content if c.translations[lang].available]
        matched = [c for c in got if c.translations[lang].sense_matched]
        missing = [c.translations[lang].note for c in content if not c.translations[lang].available]
        reason = (missing[0][:60] if missing and len(got) == 0
                  else f"{len(missing)} words absent from the dictionary" if missing else "-")
        print(f"  {name:<22}{len(got) / len(content):<14.1%}"
              f"{(len(matched) / len(got) if got else 0):<16.1%}{reason}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list the pairs the cards get wrong")
    args = parser.parse_args()
    t = time.perf_counter()
    sense_accuracy(args.errors)
    translation_coverage()
    print(f"\n({time.perf_counter() - t:.1f} s)")


if __name__ == "__main__":
    main()
