"""Readers for the calibration corpora in ../shared/data (never copied into the package).

OneStopEnglish: the same news articles at three levels. CEFR-SP: sentences with two
expert CEFR labels. Both are read from their folders as their READMEs describe them.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

OSE_LEVELS = ("ele", "int", "adv")
# Topics whose file at some level is another article (listed in the corpus README).
OSE_BAD_TOPICS = frozenset({"Royal Baby", "WNL Arctic Ramadan"})


def shared_data_dir() -> Path:
    """$VOCABSPHERE_SHARED_DATA, else ../shared/data beside the repository."""
    env = os.environ.get("VOCABSPHERE_SHARED_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[4] / "shared" / "data"  # repo/toolkit/language/research


@dataclass
class OseText:
    topic: str
    level: int  # 0 ele, 1 int, 2 adv
    text: str


@dataclass
class LabelledSentence:
    text: str
    labels: tuple[int, int]  # two annotators, 1..6
    source: str  # file stem, e.g. CEFR-SP_Wikiauto_train


def load_onestop(root: Path | None = None, keep_bad: bool = False) -> list[OseText]:
    """OneStopEnglish texts; topics with a wrong file are left out unless asked."""
    path = (root or shared_data_dir()) / "onestopenglish" / "texts.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [OseText(r["topic"], int(r["level_num"]), r["text"]) for r in rows
            if keep_bad or r["topic"] not in OSE_BAD_TOPICS]


def load_pairs(root: Path | None = None) -> list[dict[str, str]]:
    """Aligned advanced -> elementary sentence pairs (topic, src, ref)."""
    path = (root or shared_data_dir()) / "onestopenglish" / "adv_ele_pairs.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def detokenize(text: str) -> str:
    """Undo PTB-style spacing ("bike ?" -> "bike?", "do n't" -> "don't") for analysis."""
    text = re.sub(r" ([.,!?;:%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    return text.replace("`` ", '"').replace(" ''", '"')


def load_cefr_sp(split: str, root: Path | None = None) -> list[LabelledSentence]:
    """CEFR-SP sentences of one split ("train" or "dev"), both sources (Wiki-Auto, SCoRE)."""
    folder = (root or shared_data_dir()) / "cefr-sp"
    out = []
    for path in sorted(folder.glob(f"CEFR-SP_*_{split}.txt")):
        for line in path.read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and parts[1].strip().isdigit():
                out.append(LabelledSentence(detokenize(parts[0].strip()),
                                            (int(parts[1]), int(parts[2])), path.stem))
    return out
