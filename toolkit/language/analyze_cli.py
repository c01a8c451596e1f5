"""`python -m toolkit analyze`: what the parser makes of a text, token by token.

For checking the analysis by eye or against a treebank: per token text, lemma, Penn tag, UPOS,
head (CoNLL-U: 1-based in its sentence, 0 = root), dependency label and entity type.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from toolkit.errors import UserInputError

COLUMNS = ("id", "text", "lemma", "tag", "upos", "head", "dep", "ent")


class AnalyzeInputError(UserInputError):
    """Input the analyze command cannot use; the message names the line and what is expected."""


def sentence_dict(s: Any) -> dict[str, Any]:
    return {"text": s.text, "start": s.start, "end": s.end, "paragraph": s.paragraph,
            "tokens": [{"id": i, "text": t.text, "start": t.start, "end": t.end,
                        "lemma": t.lemma, "tag": t.pos, "upos": t.upos, "head": t.head,
                        "dep": t.dep, "ent": t.ent}
                       for i, t in enumerate(s.tokens, start=1)]}


def analyze_text(text: str) -> list[dict[str, Any]]:
    from toolkit.language.analysis import analyze

    if not text.strip():
        raise AnalyzeInputError("the text is empty: give some English text")
    return [sentence_dict(s) for s in analyze(text)]


def analyze_words(words: list[str]) -> list[dict[str, Any]]:
    from toolkit.language.analysis import analyze_tokens

    return [sentence_dict(s) for s in analyze_tokens(words)]


def read_jsonl(lines: list[str], where: str) -> list[tuple[str, Any]]:
    """Every line checked before anything runs: ("text", str) or ("tokens", list[str])."""
    expected = 'expected {"text": "..."} or {"tokens": ["...", ...]}'
    rows: list[tuple[str, Any]] = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            raise AnalyzeInputError(f"{where}, line {n}: not JSON; {expected}") from None
        if not isinstance(row, dict) or len({"text", "tokens"} & row.keys()) != 1:
            raise AnalyzeInputError(f"{where}, line {n}: {expected}")
        if "text" in row:
            if not isinstance(row["text"], str) or not row["text"].strip():
                raise AnalyzeInputError(f"{where}, line {n}: \"text\" must be a non-empty string")
            rows.append(("text", row["text"]))
        else:
            toks = row["tokens"]
            if (not isinstance(toks, list) or not toks
                    or not all(isinstance(t, str) and t.strip() for t in toks)):
                raise AnalyzeInputError(
                    f"{where}, line {n}: \"tokens\" must be a non-empty list of non-empty strings")
            rows.append(("tokens", toks))
    if not rows:
        raise AnalyzeInputError(f"{where}: no lines to analyse; {expected}")
    return rows


def print_table(sentences: list[dict[str, Any]], out: Any = sys.stdout) -> None:
    for n, s in enumerate(sentences, start=1):
        print(f"# sentence {n}: {s['text']}", file=out)
        for t in s["tokens"]:
            print("\t".join(str(t[c]) if t[c] != "" else "_" for c in COLUMNS), file=out)
        print(file=out)


def run(file: str | None, as_json: bool, jsonl: str | None, read_input: Any) -> int:
    if jsonl:
        if jsonl != "-" and not Path(jsonl).is_file():
            raise AnalyzeInputError(f"{jsonl}: no such file")
        rows = read_jsonl(read_input(jsonl).splitlines(), jsonl)
        for kind, value in rows:
            sents = analyze_text(value) if kind == "text" else analyze_words(value)
            print(json.dumps({"sentences": sents}, ensure_ascii=False), flush=True)
        return 0
    sents = analyze_text(read_input(file or "-"))
    if as_json:
        json.dump({"sentences": sents}, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print_table(sents)
    return 0
