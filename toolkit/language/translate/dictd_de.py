"""German from FreeDict English-German (Ding-based; Debian `dict-freedict-eng-deu`, GPL-3+).

Each dictd entry is one sense: German words with gender or verb tags, English synonyms,
notes, subject labels ([fin.], [geogr.]) and example pairs. Those English parts are the
gloss a sense in context is matched against.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from toolkit.language.translate import dictd, tables
from toolkit.language.translate.base import Provider

NAME = "freedict-eng-deu"
PACKAGE = "dict-freedict-eng-deu"
SOURCE = "FreeDict English-German (Ding) 2022.04.21 (GPL-3+) via Debian dict-freedict-eng-deu"
# Subject labels -> English words a WordNet sense's gloss may share.
_DOMAINS = {
    "fin.": "finance financial money", "econ.": "economy economic business", "geogr.": "geography land water",
    "techn.": "technology machine", "mil.": "military army war", "med.": "medicine medical disease",
    "bot.": "botany plant", "zool.": "zoology animal", "comp.": "computer computing",
    "jur.": "law legal court", "sport": "sport game", "mus.": "music musical", "cook.": "cooking food",
    "aviat.": "aviation aircraft flight", "min.": "mining mine", "constr.": "construction building",
    "textil.": "textile cloth", "adm.": "administration office", "pol.": "politics political government",
    "relig.": "religion", "chem.": "chemistry chemical", "phys.": "physics", "electr.": "electricity",
    "naut.": "nautical ship boat", "auto": "car vehicle", "biol.": "biology", "psych.": "psychology mind",
}
_TAG = re.compile(r"<[^>]*>")
_BRACKET = re.compile(r"\[[^\]]*\]")


def _pos(header: str, line: str) -> str:
    tags = " ".join(re.findall(r"<([^>]*)>", header + " " + line))
    if re.search(r"\bv\b", tags):
        return "v"
    if re.search(r"\b(fem|masc|neut|pl)\b", tags):
        return "n"
    if "adj" in tags:
        return "a"
    if "adv" in tags:
        return "r"
    return ""


def parse(headword: str, text: str) -> tuple[str, list[str], str] | None:
    """(pos, German words, English gloss) of one entry; None when it has no translation."""
    lines = text.split("\n")
    if len(lines) < 2:
        return None
    header, line = lines[0], lines[1]
    domains = " ".join(_DOMAINS.get(d.strip(), "") for d in re.findall(r"\[([^\]]*)\]", line))
    words = [re.split(r"\s{2,}", w.strip())[0] for w in _BRACKET.sub("", _TAG.sub("", line)).split(",")]
    words = [w for w in words if w and "…" not in w and "/" not in w]
    gloss = [domains]
    for extra in lines[2:]:
        s = extra.strip()
        if s.startswith(("Synonym", "Note:")):
            gloss.append(re.sub(r"^(Synonyms?|Note):\s*", "", s).replace("{", "").replace("}", ""))
        elif s.startswith('"') and '"  -' in s:
            gloss.append(s.split('"  -', 1)[0].strip('"'))
    return _pos(header, line), words, " ".join(gloss)


def rows() -> Iterator[tuple[str, str, list[str], str, float]]:
    freqs = tables.frequency_table("de")
    for head, text in dictd.entries(NAME):
        head = re.sub(r"\s+(sth|sb)\.$", "", head.strip())
        if not head or len(head.split()) > 4:
            continue
        parsed = parse(head, text)
        if parsed is None or not parsed[1]:
            continue
        pos, words, gloss = parsed
        # how common the entry's most common translation is (a phrase: its rarest word)
        z = max(min(tables.zipf(freqs, p) for p in w.split()) for w in words)
        yield head.lower(), pos, words, gloss, z


def build(dest: Path) -> None:
    dictd.require(NAME, PACKAGE)
    tables.write(dest, rows(), SOURCE)


def provider() -> Provider:
    return Provider("de", "translations de", SOURCE,
                    f"apt-get install --no-install-recommends {PACKAGE}")
