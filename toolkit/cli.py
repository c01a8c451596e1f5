"""`python -m toolkit ...`: the command line for teachers, researchers and set-up scripts.

Each subcommand is a small function; errors a user can fix print one clear line on
stderr and exit non-zero, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable

EXIT_INPUT = 2  # the input cannot be used
EXIT_DATA = 3  # language data is missing


class UserError(Exception):
    """A problem the user can fix; printed without a traceback."""

    def __init__(self, message: str, code: int = EXIT_INPUT) -> None:
        super().__init__(message)
        self.code = code


def read_input(path: str) -> str:
    """Text of FILE, or of stdin for '-', decoded with clear errors."""
    from toolkit.language.text import MAX_CHARS, decode

    if path == "-":
        raw = sys.stdin.buffer.read(MAX_CHARS * 4 + 1)
    else:
        p = Path(path)
        if not p.is_file():
            raise UserError(f"{path}: no such file")
        size = p.stat().st_size
        if size > MAX_CHARS * 4:
            raise UserError(f"{path}: {size / 1e6:.1f} MB is too large for an article "
                            f"(limit {MAX_CHARS:,} characters); split it")
        raw = p.read_bytes()
    return decode(raw)


def cmd_data(args: argparse.Namespace) -> int:
    from toolkit.language import data

    root = Path(args.dir) if args.dir else None
    if args.check:
        print(data.describe(root))
        return 0 if all(data.check(root).values()) else EXIT_DATA
    print(f"building language data in {root or data.data_dir()}")
    data.build(root, force=args.force)
    return 0


def _print_profile(p: object, above: str) -> None:
    from toolkit.language.profile import TextProfile

    assert isinstance(p, TextProfile)
    print(f"Level (95% coverage): {p.level}")
    print(f"Words: {p.word_count}   Sentences: {p.sentence_count}   "
          f"Mean sentence length: {p.mean_sentence_length}")
    print("CEFR   share   coverage")
    for lv in p.coverage:
        print(f"{lv:<6} {p.cefr_distribution[lv]:>5.1%}   {p.coverage[lv]:>6.1%}")
    print(f"Names (counted as known): {p.name_count}")
    print("Readability: " + ", ".join(f"{k}={v}" for k, v in p.readability.items()))
    hard = p.words_above(above)
    print(f"Words above {above} ({len(hard)}): "
          + ", ".join(f"{w.lemma} ({w.level})" for w in hard[:30]))
    for note in p.notes:
        print(f"Note: {note}")


def _profile_dict(text: str, above: str) -> dict:
    from toolkit.language.estimate import estimate_sentences
    from toolkit.language.profile import analyze_article

    _, sentences, p = analyze_article(text)
    est = estimate_sentences(sentences)
    d = p.to_dict()
    d["cefr"], d["difficulty"] = est.level, est.difficulty
    d["words_above"] = {"level": above, "words": [w.to_dict() for w in p.words_above(above)]}
    return d


def _batch(path: str, one: Callable[[str], dict]) -> int:
    """JSON lines in ({"text": ...}), one JSON result per line out, in this one process.

    A line that cannot be processed gets {"error": ...} so line numbers stay aligned.
    """
    from toolkit.language.text import TextInputError

    if path != "-" and not Path(path).is_file():
        raise UserError(f"{path}: no such file")
    source = sys.stdin if path == "-" else open(path, encoding="utf-8")
    with source:
        for n, line in enumerate(source, start=1):
            if not line.strip():
                continue
            try:
                out = one(json.loads(line)["text"])
            except (TextInputError, ValueError, KeyError, TypeError) as exc:
                out = {"error": f"line {n}: {exc}"}
            print(json.dumps(out, ensure_ascii=False), flush=True)
    return 0


def cmd_profile(args: argparse.Namespace) -> int:
    from toolkit.cefr import level_index
    from toolkit.language.profile import profile_text

    level_index(args.above)  # validate before the slow part
    if args.jsonl:
        return _batch(args.jsonl, lambda t: _profile_dict(t, args.above))
    if args.json:
        d = _profile_dict(read_input(args.file), args.above)
        json.dump(d, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        _print_profile(profile_text(read_input(args.file)), args.above)
    return 0


def cmd_level(args: argparse.Namespace) -> int:
    from toolkit.language.estimate import estimate_text

    if args.jsonl:
        return _batch(args.jsonl, lambda t: estimate_text(t).to_dict())
    est = estimate_text(read_input(args.file))
    if args.json:
        print(json.dumps(est.to_dict(), indent=2, ensure_ascii=False))
        return 0
    print(f"Level: {est.summary()}")
    print("Coverage: " + ", ".join(f"{k} {v:.0%}" for k, v in est.coverage.items()))
    print("Readability: " + ", ".join(f"{k}={v}" for k, v in est.readability.items()))
    print("Pushed up by: " + ", ".join(p["label"] for p in est.pushes))
    print("Hard words: " + ", ".join(f"{w.text} ({w.level})" for w in est.hard_words[:20]))
    for s in est.hard_sentences[:3]:
        print(f"Hard sentence ({s.level}): {s.text}\n  why: {'; '.join(s.reasons)}")
    for note in est.notes:
        print(f"Note: {note}")
    return 0


def cmd_adapt(args: argparse.Namespace) -> int:
    from toolkit.cefr import level_index
    from toolkit.language.adapt import adapt

    level_index(args.level)  # validate before the slow part
    if args.jsonl:
        return _batch(args.jsonl, lambda t: adapt(t, args.level).to_dict(with_sentences=False))
    a = adapt(read_input(args.file), args.level)
    if args.json:
        print(json.dumps(a.to_dict(with_sentences=False), indent=2, ensure_ascii=False))
        return 0
    print(a.text)
    print(f"\n--- {a.source_level} ({a.source_difficulty:.2f}) -> {a.level} ({a.difficulty:.2f}), "
          f"target {a.target}: {'reached' if a.at_target else 'NOT reached'}")
    for c in a.changes:
        print(f"[{c.kind}] {c.before!r} -> {c.after!r}: {c.reason}")
    for b in a.blockers:
        print(f"Above {a.target} ({b.level}): {b.text}\n  why: {'; '.join(b.reasons)}")
    for note in a.notes:
        print(f"Note: {note}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m toolkit",
                                     description="VocabSphere Classroom toolkit")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("data", help="build or check the offline language data folder")
    p.add_argument("--check", action="store_true", help="only report what is present")
    p.add_argument("--force", action="store_true", help="rebuild every part")
    p.add_argument("--dir", help="data folder (default: $VOCABSPHERE_DATA or inside the venv)")
    p.set_defaults(func=cmd_data)

    p = sub.add_parser("profile", help="level, coverage, hard words and readability of a text")
    p.add_argument("file", nargs="?", default="-", help="a UTF-8 text or HTML file, or - for stdin")
    p.add_argument("--json", action="store_true", help="print the profile as JSON")
    p.add_argument("--above", default="B1", help="list the words above this level (default B1)")
    p.add_argument("--jsonl", metavar="FILE", help='batch: {"text": ...} per line in, JSON per line out')
    p.set_defaults(func=cmd_profile)

    p = sub.add_parser("level", help="CEFR level and difficulty of a text, with the evidence")
    p.add_argument("file", nargs="?", default="-", help="a UTF-8 text or HTML file, or - for stdin")
    p.add_argument("--json", action="store_true", help="print the estimate as JSON")
    p.add_argument("--jsonl", metavar="FILE", help='batch: {"text": ...} per line in, JSON per line out')
    p.set_defaults(func=cmd_level)

    p = sub.add_parser("adapt", help="a version of a text at a CEFR level, with its change log")
    p.add_argument("file", nargs="?", default="-", help="a UTF-8 text or HTML file, or - for stdin")
    p.add_argument("--level", "--to", dest="level", required=True, help="target level, e.g. B1")
    p.add_argument("--json", action="store_true", help="text, changes and profile as JSON")
    p.add_argument("--jsonl", metavar="FILE", help='batch: {"text": ...} per line in, JSON per line out')
    p.set_defaults(func=cmd_adapt)
    return parser


def main(argv: list[str] | None = None) -> int:
    from toolkit.language.data import DataMissingError
    from toolkit.language.text import TextInputError

    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except DataMissingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_DATA
    except (UserError, TextInputError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return getattr(exc, "code", EXIT_INPUT)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
