"""Spanish from Apertium's English-Spanish bilingual dictionary (Debian `apertium-eng-spa`, GPL-2).

Debian ships the dictionary compiled; `lt-proc -b` looks words up in it. At build time
every WordNet lemma (noun, verb, adjective, adverb) goes through it in one batch, and every
Spanish answer is looked up back in the Spanish-English dictionary: those back-translations
are the only sense hints Apertium has, so it can rarely choose by sense (the card says so).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Iterator

from toolkit.language.translate import tables
from toolkit.language.translate.base import Provider

SOURCE = "Apertium eng-spa 0.8.1 (GPL-2) via Debian apertium-eng-spa"
INSTALL = "apt-get install --no-install-recommends apertium-eng-spa"
APERTIUM_DIR = Path("/usr/share/apertium/apertium-eng-spa")
_TAGS = {"n": ["<n>"], "v": ["<vblex>"], "a": ["<adj>", "<adj><sint>"], "r": ["<adv>"]}
_WN_FILES = {"n": "index.noun", "v": "index.verb", "a": "index.adj", "r": "index.adv"}
_UNIT = re.compile(r"\^([^$]*)\$")


def _lookup(bidix: Path, queries: list[str]) -> list[list[str]]:
    """Run lt-proc -b once over many `^lemma<tags>$` units; each answer's target forms."""
    if not queries:
        return []
    out = subprocess.run(["lt-proc", "-b", str(bidix)], input="\n".join(queries) + "\n",
                         capture_output=True, text=True, check=True).stdout
    units = _UNIT.findall(out)
    if len(units) != len(queries):
        raise RuntimeError(f"lt-proc answered {len(units)} units for {len(queries)} queries")
    return [[t for t in u.split("/")[1:] if not t.startswith("@")] for u in units]


def _english_lemmas(wordnet_dir: Path) -> Iterator[tuple[str, str]]:
    for pos, name in _WN_FILES.items():
        with open(wordnet_dir / name, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith(" "):
                    continue
                lemma = line.split(" ", 1)[0]
                if "_" not in lemma and re.match(r"^[a-z][a-z'-]*$", lemma):
                    yield lemma, pos


def rows(wordnet_dir: Path) -> Iterator[tuple[str, str, list[str], str, float]]:
    freqs = tables.frequency_table("es")
    lemmas = list(_english_lemmas(wordnet_dir))
    queries, keys = [], []
    for lemma, pos in lemmas:
        for tag in _TAGS[pos]:
            queries.append(f"^{lemma}{tag}$")
            keys.append((lemma, pos))
    answers = _lookup(APERTIUM_DIR / "eng-spa.autobil.bin", queries)
    found: dict[tuple[str, str], list[str]] = {}
    for key, targets in zip(keys, answers):
        for t in targets:
            if t not in found.setdefault(key, []):
                found[key].append(t)
    spanish = sorted({t for ts in found.values() for t in ts})
    backs = dict(zip(spanish, _lookup(APERTIUM_DIR / "spa-eng.autobil.bin",
                                      [f"^{t}$" for t in spanish])))
    for (lemma, pos), targets in found.items():
        seen = set()
        for t in targets:
            word = t.split("<", 1)[0].replace("<b>", " ").replace("# ", " ").replace("#", "")
            if word in seen:
                continue
            seen.add(word)
            back = " ".join(b.split("<", 1)[0] for b in backs.get(t, []))
            yield lemma, pos, [word], back, tables.zipf(freqs, word)


def build(dest: Path) -> None:
    """Build the table from the installed Apertium dictionaries (build time only)."""
    from toolkit.language.data import WORDNET_DEBIAN_DIR, DataMissingError

    if shutil.which("lt-proc") is None or not (APERTIUM_DIR / "eng-spa.autobil.bin").is_file():
        raise DataMissingError(f"Apertium English-Spanish is not installed; run as root: {INSTALL}")
    tables.write(dest, rows(WORDNET_DEBIAN_DIR), SOURCE)


def provider() -> Provider:
    return Provider("es", "translations es", SOURCE, INSTALL, sense_note=(
        "Apertium's dictionary does not describe its senses; this is the most common "
        "translation, so check it fits the sentence"))
