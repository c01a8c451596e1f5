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


def cmd_profile(args: argparse.Namespace) -> int:
    from toolkit.cefr import level_index
    from toolkit.language.profile import profile_text

    level_index(args.above)  # validate before the slow part
    p = profile_text(read_input(args.file))
    if args.json:
        d = p.to_dict()
        d["words_above"] = {"level": args.above,
                            "words": [w.to_dict() for w in p.words_above(args.above)]}
        json.dump(d, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        _print_profile(p, args.above)
    return 0


def cmd_exercises(args: argparse.Namespace) -> int:
    from toolkit.cefr import level_index
    from toolkit.exercises.export import export
    from toolkit.exercises.registry import Source, available, generate
    from toolkit.language.text import prepare, split_title

    if args.level:
        level_index(args.level)
    types = [t.strip() for t in args.types.split(",") if t.strip()] if args.types else None
    unknown = [t for t in types or [] if t not in available()]
    if unknown:  # before the slow analysis
        raise UserError(f"unknown exercise type(s) {', '.join(unknown)}; "
                        f"choose from {', '.join(available())}")
    title, body = split_title(prepare(read_input(args.file))[0])
    words = read_input(args.words).split() if args.words else []
    items, report = generate(Source.from_text(body, words, args.level or ""), types,
                             n=args.n, seed=args.seed)
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"{len(items)} items; {report.total_dropped} of {report.total_generated} generated "
          "were dropped by validity checks", file=sys.stderr)
    text = export(items, args.format, title or Path(args.file).stem)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_distractors(args: argparse.Namespace) -> int:
    from toolkit.exercises.distractors import rank_in_gap

    if args.jsonl:
        for n_line, line in enumerate(read_input(args.jsonl).splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                sentence, answer = row["sentence"], row["answer"]
            except (ValueError, KeyError, TypeError):
                raise UserError(f"{args.jsonl}, line {n_line}: expected "
                                '{"sentence": ..., "answer": ...}') from None
            ranked = [c.word for c in rank_in_gap(sentence, answer, args.n)]
            print(json.dumps({"sentence": sentence, "answer": answer, "distractors": ranked},
                             ensure_ascii=False))
        return 0
    if not args.sentence or not args.answer:
        raise UserError("give --sentence and --answer, or --jsonl FILE")
    ranked = rank_in_gap(args.sentence, args.answer, args.n)
    if args.json:
        print(json.dumps({"sentence": args.sentence, "answer": args.answer,
                          "distractors": [c.word for c in ranked]}, ensure_ascii=False))
    else:
        for c in ranked:
            print(f"{c.word:<20} {c.score:.3f}  {c.relation}")
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
    p.add_argument("file", help="a UTF-8 text or HTML file, or - for stdin")
    p.add_argument("--json", action="store_true", help="print the profile as JSON")
    p.add_argument("--above", default="B1", help="list the words above this level (default B1)")
    p.set_defaults(func=cmd_profile)

    p = sub.add_parser("exercises", help="generate checked exercises from an article")
    p.add_argument("file", help="a UTF-8 text or HTML file, or - for stdin")
    p.add_argument("--types", help="comma-separated types (default: all), e.g. cloze,mcq,tf")
    p.add_argument("--words", help="a word list file (the vocabulary book) to target first")
    p.add_argument("--level", help="the class's CEFR level; targets near it come first")
    p.add_argument("--n", type=int, default=20, help="number of items (default 20)")
    p.add_argument("--seed", type=int, default=1, help="random seed (same seed, same items)")
    p.add_argument("--format", default="json",
                   choices=["json", "gift", "moodle-xml", "anki", "html", "csv"])
    p.add_argument("-o", "--out", help="write to this file instead of stdout")
    p.set_defaults(func=cmd_exercises)

    p = sub.add_parser("distractors", help="ranked distractors for a gap in a sentence")
    p.add_argument("--sentence", help='the sentence with a gap: "... ___ ..." or **blank**')
    p.add_argument("--answer", help="the word that fills the gap")
    p.add_argument("--n", type=int, default=10, help="how many (default 10)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--jsonl", help='batch: a file of {"sentence","answer"} lines; JSON lines out')
    p.set_defaults(func=cmd_distractors)
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
