"""Japanese from FreeDict English-Japanese (Wiktionary-based; Debian `dict-freedict-eng-jpn`, CC BY-SA).

Its entries number their senses and give each a short English gloss ("3. 岸, バンク /
edge of river or lake"), so a sense in context can choose its translation.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from toolkit.language.translate import dictd, tables
from toolkit.language.translate.base import Provider

NAME = "freedict-eng-jpn"
PACKAGE = "dict-freedict-eng-jpn"
SOURCE = "FreeDict+WikDict English-Japanese 2022.11.18 (CC BY-SA 3.0) via Debian dict-freedict-eng-jpn"
_POS = {"n": "n", "v": "v", "adj": "a", "adv": "r", "prop": "name", "pn": "name"}
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")


def parse(text: str) -> tuple[str, list[tuple[list[str], str]]]:
    """(pos, [(Japanese words, English gloss)]) of one entry, one pair per numbered sense."""
    lines = text.split("\n")
    tags = re.findall(r"<([^>]*)>", lines[0])
    pos = _POS.get(tags[-1], "") if tags else ""
    senses: list[tuple[list[str], list[str]]] = []
    for raw in lines[1:]:
        line = re.sub(r"^\s*\d+\.\s*", "", raw).strip()
        if not line or re.fullmatch(r"\d+\.", line):
            continue
        if _JAPANESE.search(line):
            line = re.sub(r"\s+\d+\.$", "", line)
            senses.append(([w.strip() for w in line.split(",") if w.strip()], []))
        elif senses:
            senses[-1][1].append(line)
    return pos, [(words, " ".join(g)) for words, g in senses]


def rows() -> Iterator[tuple[str, str, list[str], str, float]]:
    freqs = tables.frequency_table("ja")
    for head, text in dictd.entries(NAME):
        head = head.strip()
        if not head or len(head.split()) > 4:
            continue
        pos, senses = parse(text)
        for words, gloss in senses:
            yield head.lower(), pos, words, gloss, max(tables.zipf(freqs, w) for w in words)


def build(dest: Path) -> None:
    dictd.require(NAME, PACKAGE)
    tables.write(dest, rows(), SOURCE)


def provider() -> Provider:
    return Provider("ja", "translations ja", SOURCE,
                    f"apt-get install --no-install-recommends {PACKAGE}")
