"""Encoder vectors of the senses of the commonest words, computed once by set-up.

Ranking a word's senses in context (sense_context) reads the encoder's vectors of each
candidate sense's gloss and related words. Those texts do not depend on the article, and
the senses of common words ("charge", "run", "bank") come back in every article, so encoding
them afresh for each new article was most of the time of a lesson's cards.
`python -m toolkit.language.sense_table --build` encodes the sense texts of every WordNet
word at or above Zipf ZIPF_MIN once (the ENCODE_TOP senses by prior, as the ranker would
pick them without context: 11,929 texts) into the data folder. It is optional and not part
of scripts/setup.sh: at the encoder's ~30 texts/s per core it takes 3-4 minutes on the idle
2 cores but far longer on a loaded machine (2 texts/s were seen at load average 25), too
long for set-up on CI; a teacher's machine that builds many lessons can run it once.

The vectors are kept as float32, the encoder's own rows bit for bit, so a card is the same
with or without the table (only faster): a float16 table would halve the file but could
flip a near tie, and then the same article would give other cards on a machine without it.
A JSON file beside the .npy lists the texts, the model's hash and the .npy's sha256, checked
when the table loads; a table that does not match is ignored (the encoder computes instead).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import numpy as np

VERSION = 1
ZIPF_MIN = 5.0  # holds 77% of a news article's sense texts (5.5: 39%, 4.5: 93%)
ENV = "VOCABSPHERE_SENSE_TABLE"  # "off": no table (benchmarks); a folder: the table there
_POS_TO_PENN = {"n": "NN", "v": "VB", "a": "JJ", "r": "RB"}


def paths(folder: Path | None = None) -> tuple[Path, Path]:
    """(vectors .npy, texts .json) in `folder` (default: the data folder's encoders/),
    named by version and model hash."""
    from toolkit.language.encoder import OFFICIAL_SHA256, model_dir

    stem = f"sense-table-v{VERSION}-z{ZIPF_MIN:g}-{OFFICIAL_SHA256['model.safetensors'][:12]}"
    folder = folder or model_dir().parent
    return folder / f"{stem}.npy", folder / f"{stem}.json"


def table_texts() -> list[str]:
    """The sense texts of the common words, in a fixed order (sorted, no repeats)."""
    from wordfreq import zipf_frequency

    from toolkit.language import sense_context as C
    from toolkit.language import senses as S
    from toolkit.language.data import wordnet

    texts: set[str] = set()
    for word, entries in sorted(wordnet()._lemma_pos_offset_map.items()):
        if not word.isalpha() or zipf_frequency(word, "en") < ZIPF_MIN:
            continue
        for pos in sorted({"a" if p == "s" else p for p in entries}):
            cands = S.candidates(word, _POS_TO_PENN[pos])
            if len(cands) == 1:
                texts.add(C.gloss_text(cands[0]))
                continue
            # the ranker's pick (sense_context._pick) with no context words: prior only
            prior = [0.3 * math.log1p(S.count(S._lemma_in(s, word))) + 1.0 / (1 + j)
                     for j, s in enumerate(cands)]
            for j in sorted(range(len(cands)), key=lambda j: -prior[j])[:C.ENCODE_TOP]:
                texts.add(C.gloss_text(cands[j]))
                texts.add(C.related_text(cands[j].name()))
    return sorted(texts)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def build(folder: Path | None = None, texts: Sequence[str] | None = None, chunk: int = 500,
          quiet: bool = False) -> Path:
    """Encode the table's texts (default: table_texts()) and write the table into `folder`;
    a second call finds it intact and returns at once."""
    from toolkit.language.encoder import OFFICIAL_SHA256, Encoder

    npy, meta = paths(folder)
    load.cache_clear()
    if _load(npy, meta) is not None:
        return npy
    texts = sorted(set(texts)) if texts is not None else table_texts()
    enc = Encoder(cache_size=0, disk_cache=False)
    rows = []
    for start in range(0, len(texts), chunk):
        rows.append(enc.encode(texts[start:start + chunk]))
        if not quiet:
            print(f"\r  sense table: {min(start + chunk, len(texts))}/{len(texts)} texts",
                  end="", file=sys.stderr, flush=True)
    if not quiet:
        print(file=sys.stderr)
    vectors = np.concatenate(rows) if rows else np.zeros((0, enc.dim), np.float32)
    tmp = npy.with_suffix(".tmp.npy")
    np.save(tmp, vectors.astype(np.float32))
    digest = _sha256(tmp)
    tmp.replace(npy)
    meta.write_text(json.dumps({"version": VERSION, "zipf_min": ZIPF_MIN,
                                "model_sha256": OFFICIAL_SHA256["model.safetensors"],
                                "npy_sha256": digest, "texts": texts}, ensure_ascii=False))
    load.cache_clear()
    return npy


def _load(npy: Path, meta: Path) -> tuple[dict[str, int], np.ndarray] | None:
    from toolkit.language.encoder import OFFICIAL_SHA256

    if not (npy.is_file() and meta.is_file()):
        return None
    try:
        info = json.loads(meta.read_text("utf-8"))
        if (info.get("version") != VERSION
                or info.get("model_sha256") != OFFICIAL_SHA256["model.safetensors"]
                or info.get("npy_sha256") != _sha256(npy)):
            return None
        vectors = np.load(npy)
    except (OSError, ValueError):
        return None
    texts = info["texts"]
    if vectors.shape != (len(texts), 384) or vectors.dtype != np.float32:
        return None
    vectors.setflags(write=False)
    return {t: n for n, t in enumerate(texts)}, vectors


@lru_cache(maxsize=1)
def load() -> tuple[dict[str, int], np.ndarray] | None:
    """(row by text, vectors) when the table is built and intact, else None."""
    env = os.environ.get(ENV, "")
    if env.lower() in {"off", "0", "no"}:
        return None
    return _load(*paths(Path(env) if env and env.lower() != "on" else None))


def encode(texts: Sequence[str],
           table: tuple[dict[str, int], np.ndarray] | None | bool = True) -> np.ndarray:
    """encoder.encode, with the rows of texts the table holds read from it instead
    (`table`: True for the installed one, or a loaded table, or None for none)."""
    from toolkit.language import encoder

    texts = list(texts)
    table = load() if table is True else table or None
    if table is None:
        return encoder.encode(texts)
    row, vectors = table
    out = np.empty((len(texts), 384), dtype=np.float32)
    rest = [t for t in dict.fromkeys(texts) if t not in row]
    fresh: dict[str, Any] = dict(zip(rest, encoder.encode(rest))) if rest else {}
    for n, t in enumerate(texts):
        out[n] = vectors[row[t]] if t in row else fresh[t]
    return out


def _main() -> None:
    from toolkit.language import encoder

    if sys.argv[1:] != ["--build"]:
        raise SystemExit("usage: python -m toolkit.language.sense_table --build")
    if not encoder.available():
        print("sense table: skipped, the encoder is not built")
        return
    npy = build()
    table = load()
    print(f"sense table: {len(table[0]) if table else 0} sense texts ready in {npy.name}")


if __name__ == "__main__":
    _main()
