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
        return 0 if data.ready(root) else EXIT_DATA
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


def cmd_lookup(args: argparse.Namespace) -> int:
    from toolkit.language.wordcard import ALL_LANGS, build_card
    from toolkit.language.wordcard_text import card_text

    langs = [args.lang] if args.lang else list(ALL_LANGS)
    card = build_card(args.word, args.sentence, lang=langs)
    if args.json:
        json.dump(card.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print(card_text(card))
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

    p = sub.add_parser("lookup", help="the word card of a word, in a sentence if given")
    p.add_argument("word", help="an English word or phrase, e.g. bank or 'get around'")
    p.add_argument("--sentence", help="the sentence the word is read in (picks the sense)")
    p.add_argument("--lang", help="translation language: zh, es, de, ja, ko (default: all)")
    p.add_argument("--json", action="store_true", help="print the card as JSON")
    p.set_defaults(func=cmd_lookup)
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
