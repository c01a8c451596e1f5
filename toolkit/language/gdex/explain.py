"""Explanations a learner can read, built only from a sentence's feature evidence.

Every clause names something checkable in the sentence (a word count, the words above the
level, the words that show a pattern), so the explanation can never praise what is not there.
"""

from __future__ import annotations

from typing import Any

from toolkit.cefr import LEVELS
from toolkit.language.gdex.patterns import PHRASES


def _quote_list(words: list[str]) -> str:
    q = [f"'{w}'" for w in words]
    return q[0] if len(q) == 1 else ", ".join(q[:-1]) + " and " + q[-1]


def _vocabulary(ev: dict[str, Any], target: dict[str, Any], level: str) -> str:
    n = ev["length"]["words"]
    above = [a["word"] for a in ev["known_words"]["above"]]
    asked = [t["word"] for t in target["targets"] if t["asked"]]
    above = [w for w in dict.fromkeys(above) if w not in asked]
    head = f"{n} words"
    if not above:
        return f"{head}, all at {level} or below" + (
            f" apart from {_quote_list(asked)}" if asked else "")
    if len(above) <= 3:
        return f"{head}, all but {_quote_list(above)} at {level} or below"
    return f"{head}, {len(above)} of them above {level}"


def _targets(target: dict[str, Any], level: int) -> str | None:
    nxt = [t["word"] for t in target["targets"] if not t["asked"]]
    asked = [t["word"] for t in target["targets"] if t["asked"]]
    if asked:
        return f"shows how {_quote_list(asked)} is used"
    if nxt and level < 6:
        return f"a good next word to learn: {_quote_list(nxt[:2])} ({LEVELS[level]})"
    return None


def _grammar(patterns: list[dict[str, Any]]) -> list[str]:
    parts, seen = [], set()
    for p in patterns:
        if p["name"] in seen:
            continue
        seen.add(p["name"])
        if p["name"] in PHRASES:
            parts.append(f"uses the phrase '{p['phrase']}'")
        elif len(parts) < 3:
            name = f"'{p['label']}'" if "+" in p["label"] else p["label"]
            parts.append(f"shows {name} ('{p['phrase']}') for {p['meaning']}")
    return parts[:4]


def _standalone(ev: dict[str, Any]) -> str:
    problem = ev["problem"]
    if problem is None:
        return "makes sense on its own"
    if problem == "connector":
        return f"starts with '{ev['word']}', which links it to the sentence before"
    if problem in {"demonstrative", "pointer"}:
        return f"mostly makes sense on its own ('{ev['word']}' points to the text around it)"
    return f"'{ev['word']}' refers back to the sentence before, so read that one too"


def explain(evidence: dict[str, dict[str, Any]], level: int, good: bool) -> str:
    """One or two plain sentences: who it is good for, and the evidence for each reason.

    `evidence` maps feature name -> evidence dict (FeatureResult.evidence).
    """
    lv = LEVELS[level - 1]
    form = evidence["form"]
    if form["problem"] and form["problem"] not in {"quoted speech", "old-fashioned wording"}:
        return f"Not a good example sentence: it looks like a {form['problem']}."
    parts = [_vocabulary(evidence, evidence["target_words"], lv)]
    t = _targets(evidence["target_words"], level)
    if t:
        parts.append(t)
    parts += _grammar(evidence["grammar"]["patterns"])
    parts.append(_standalone(evidence["standalone"]))
    lo, hi = evidence["length"]["sweet_spot"]
    n = evidence["length"]["words"]
    cautions = []
    if n > hi:
        cautions.append(f"it is long for {lv} (over {hi} words)")
    elif n < lo:
        cautions.append(f"it is short (under {lo} words)")
    items = evidence["clutter"]["items"]
    if len(items) > 1:
        cautions.append(f"it has several names or numbers ({_quote_list(items[:3])})")
    if form["problem"] == "old-fashioned wording":
        cautions.append(f"it uses old-fashioned English ({_quote_list(form['old'][:2])})")
    if form["problem"] == "quoted speech":
        cautions.append("it is part of a conversation")
    if evidence["main_clause"]["kind"] not in {"statement"}:
        cautions.append(f"it is a {evidence['main_clause']['kind'].split(' (')[0]}")
    opening = f"Good for {lv} learners: " if good else f"For {lv} learners: "
    text = opening + "; ".join(parts) + "."
    if cautions:
        text += " But " + "; ".join(cautions) + "."
    return text


def label(evidence: dict[str, dict[str, Any]], level: int) -> str:
    """A few words for a tooltip: the level and the first named pattern, if any."""
    pats = [p["label"] for p in evidence["grammar"]["patterns"] if p["name"] not in PHRASES]
    return f"Good sentence for {LEVELS[level - 1]}" + (f": {pats[0]}" if pats else "")
