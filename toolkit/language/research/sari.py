"""SARI (Xu et al. 2016): how well a simplification adds, keeps and deletes n-grams.

Follows the authors' reference implementation (n = 1..4, sentence-level scores averaged
over the corpus; F1 for add and keep, precision for delete; an empty set scores 0).
Text is lower-cased and split into words and punctuation first.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Sequence

_TOKEN = re.compile(r"\w+(?:['’]\w+)?|[^\w\s]")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("’", "'"))


def _ngrams(words: list[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def _sari_n(src: list, out: list, refs: list[list]) -> tuple[float, float, float]:
    """(keep F1, delete precision, add F1) for one n-gram order."""
    numref = len(refs)
    r_all = Counter(g for ref in refs for g in ref)
    s_rep = Counter({g: c * numref for g, c in Counter(src).items()})
    c_rep = Counter({g: c * numref for g, c in Counter(out).items()})
    keep = s_rep & c_rep
    keep_good = keep & r_all
    keep_all = s_rep & r_all
    kp = sum(keep_good[g] / keep[g] for g in keep) / len(keep) if keep else 0.0
    kr = sum(keep_good[g] / keep_all[g] for g in keep_all) / len(keep_all) if keep_all else 0.0
    delete = s_rep - c_rep
    del_good = delete - r_all
    dp = sum(del_good[g] / delete[g] for g in delete) / len(delete) if delete else 0.0
    add = set(out) - set(src)
    add_good = add & set(r_all)
    add_all = set(r_all) - set(src)
    ap = len(add_good) / len(add) if add else 0.0
    ar = len(add_good) / len(add_all) if add_all else 0.0
    return _f1(kp, kr), dp, _f1(ap, ar)


def sentence_sari(source: str, output: str, references: Sequence[str]) -> float:
    """SARI of one output, 0..100."""
    s, o = tokens(source), tokens(output)
    rs = [tokens(r) for r in references]
    keep = dele = add = 0.0
    for n in range(1, 5):
        k, d, a = _sari_n(_ngrams(s, n), _ngrams(o, n), [_ngrams(r, n) for r in rs])
        keep, dele, add = keep + k, dele + d, add + a
    return 100 * (keep / 4 + dele / 4 + add / 4) / 3


def corpus_sari(sources: Sequence[str], outputs: Sequence[str],
                references: Sequence[Sequence[str]]) -> float:
    """Mean sentence SARI over a corpus, 0..100."""
    scores = [sentence_sari(s, o, r) for s, o, r in zip(sources, outputs, references)]
    return sum(scores) / len(scores) if scores else 0.0
