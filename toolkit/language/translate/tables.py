"""Writing a provider table (build time only), shared by the per-language builders."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Iterable

from toolkit.language.translate.base import TABLE

_CLEAN = re.compile(r"[\t\n]+")


def frequency_table(lang: str) -> dict[str, float]:
    """wordfreq's list for a language as a plain dict (no tokenizer: works for zh and ja)."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict(lang)


def zipf(freqs: dict[str, float], word: str) -> float:
    import math

    f = freqs.get(word) or freqs.get(word.lower()) or 0.0
    return round(math.log10(f) + 9, 2) if f > 0 else 0.0


def write(dest: Path, rows: Iterable[tuple[str, str, list[str], str, float]], source: str) -> int:
    """Write rows (headword, pos, translations, gloss, zipf) as the gzipped TSV; returns count."""
    dest.mkdir(parents=True, exist_ok=True)
    n = 0
    with gzip.open(dest / TABLE, "wt", encoding="utf-8", compresslevel=6) as fh:
        for head, pos, words, gloss, z in rows:
            words = [_CLEAN.sub(" ", w).replace(" ; ", ", ").strip() for w in words]
            words = [w for w in words if w]
            if not head or not words:
                continue
            fh.write(f"{_CLEAN.sub(' ', head)}\t{pos}\t{' ; '.join(words)}\t"
                     f"{_CLEAN.sub(' ', gloss)}\t{z}\n")
            n += 1
    (dest / "SOURCE").write_text(source + "\n", "utf-8")
    return n
