"""ROUGE-L (Lin 2004): F1 of the longest common subsequence of two texts' words.

Used to compare generated questions with experts' (benchmarks/questions_eval.py). Words are
lower-cased runs of letters, digits and apostrophes, so punctuation and case never count;
an empty text scores 0 against anything.
"""

from __future__ import annotations

import re
from typing import Sequence

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'").replace("‘", "'"))


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence (one row of the table at a time)."""
    if len(a) < len(b):
        a, b = b, a
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge_l(candidate: str, reference: str) -> float:
    """ROUGE-L F1 (beta 1) between a candidate and a reference text."""
    a, b = words(candidate), words(reference)
    if not a or not b:
        return 0.0
    lcs = lcs_length(a, b)
    if not lcs:
        return 0.0
    p, r = lcs / len(a), lcs / len(b)
    return 2 * p * r / (p + r)


def best_rouge_l(reference: str, candidates: Sequence[str]) -> float:
    """The reference's score against its best-matching candidate (0 with none)."""
    return max((rouge_l(c, reference) for c in candidates), default=0.0)


__all__ = ["best_rouge_l", "lcs_length", "rouge_l", "words"]
