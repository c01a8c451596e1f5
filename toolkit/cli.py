"""`python -m toolkit ...`: the command line for teachers, researchers and set-up scripts.

Each subcommand is a small function; errors a user can fix print one clear line on
stderr and exit non-zero, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from toolkit import log as logs
from toolkit.errors import UserInputError

if TYPE_CHECKING:
    from toolkit.model.level import LevelEstimate

log = logging.getLogger(__name__)

EXIT_INPUT = 2  # the input cannot be used
EXIT_DATA = 3  # language data is missing


class UserError(UserInputError):
    """A problem the user can fix, with the exit code to use; printed without a traceback."""

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
    from toolkit.model.profile import TextProfile

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
    print("\n".join(level_report(est)))
    return 0


def level_report(est: LevelEstimate) -> list[str]:
    """The estimate and its evidence as the `level` command prints it (the console shows it too)."""
    lines = [f"Level: {est.summary()}",
             "Coverage: " + ", ".join(f"{k} {v:.0%}" for k, v in est.coverage.items()),
             "Readability: " + ", ".join(f"{k}={v}" for k, v in est.readability.items()),
             "Pushed up by: " + ", ".join(p["label"] for p in est.pushes),
             "Hard words: " + ", ".join(f"{w.text} ({w.level})" for w in est.hard_words[:20])]
    for s in est.hard_sentences[:3]:
        lines.append(f"Hard sentence ({s.level}): {s.text}\n  why: {'; '.join(s.reasons)}")
    lines += [f"Note: {note}" for note in est.notes]
    return lines


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


class _ProgressBar:
    """A one-line text progress bar on stderr (stdout stays clean for scripts).

    It remembers whether its line is still open, so an error or an interrupt in the middle
    of a build starts on a fresh line instead of being glued to the bar (`fresh_line`)."""

    def __init__(self) -> None:
        self.open = False

    def __call__(self, step: int, total: int, message: str) -> None:
        filled = round(20 * step / total)
        end = "\n" if step == total else ""
        self.open = step != total  # first: an interrupt may come while printing
        print(f"\r[{'#' * filled}{'.' * (20 - filled)}] {step}/{total} {message:<45}",
              end=end, file=sys.stderr, flush=True)

    def fresh_line(self) -> None:
        if self.open:
            print(file=sys.stderr, flush=True)
            self.open = False


_progress_bar = _ProgressBar()

SLUG_RE = re.compile(r"[A-Za-z0-9_-]{1,80}")


def check_slug(slug: str) -> str:
    """A slug names two files in --out, so it must be a plain file name: letters, digits,
    '-' and '_' only (no '/', '..', spaces or dots), at most 80 characters."""
    if not SLUG_RE.fullmatch(slug):
        raise UserError(f"--slug {slug!r}: use only letters, digits, '-' and '_' "
                        "(at most 80), e.g. --slug my-lesson")
    return slug


def cmd_build_lesson(args: argparse.Namespace) -> int:
    if args.slug is not None:
        check_slug(args.slug)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {args.out}: is a file, not a folder")
    from toolkit.language.text import split_title
    from toolkit.lesson.build import build_pack, write_lesson

    file_title, body = split_title(read_input(args.article))
    title = args.title or file_title or Path(args.article).stem.replace("-", " ").title()
    levels = (None if args.levels is None
              else [lv.strip() for lv in args.levels.split(",") if lv.strip()])
    pack = build_pack(body, title, args.slug, levels=levels, seed=args.seed,
                      progress=None if args.quiet else _progress_bar)
    try:
        pack_path, nb_path = write_lesson(pack, out)
    except OSError as exc:
        raise UserError(f"cannot write the lesson into {args.out}: "
                        f"{exc.strerror or exc}") from exc
    print(f"wrote {pack_path} and {nb_path}")
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
    if args.format in ("apkg", "pdf") and not args.out:
        raise UserError(f"--format {args.format} writes a file: give -o FILE.{args.format}")
    title, body = split_title(prepare(read_input(args.file))[0])
    words = read_input(args.words).split() if args.words else []
    items, report = generate(Source.from_text(body, words, args.level or ""), types,
                             n=args.n, seed=args.seed)
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"{len(items)} items; {report.total_dropped} of {report.total_generated} generated "
          "were dropped by validity checks", file=sys.stderr)
    name = title or Path(args.file).stem
    if args.format == "apkg":
        from toolkit.exercises.export import write_apkg

        print(f"wrote {write_apkg(items, args.out, name)} notes to {args.out}", file=sys.stderr)
        return 0
    if args.format == "pdf":
        from toolkit.exercises.export import ExportError, write_pdf

        try:
            pages = write_pdf(items, args.out, name)
        except ExportError as exc:
            raise UserError(str(exc)) from None
        print(f"wrote a {pages}-page worksheet to {args.out}", file=sys.stderr)
        return 0
    text = export(items, args.format, name)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0

def _question_entries(raw: str) -> list[tuple[str, str | None]]:
    """(text, answer or None) from the JSON list `questions --json` reads on stdin."""
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise UserError(f"stdin is not JSON ({exc}); give a list like "
                        '[{"text": "...", "answer": "..."}]') from None
    if not isinstance(data, list):
        raise UserError('stdin must hold a JSON list of {"text": ..., "answer": optional}')
    out = []
    for n, entry in enumerate(data, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            raise UserError(f'entry {n}: expected an object with a "text" string')
        answer = entry.get("answer")
        if answer is not None and not isinstance(answer, str):
            raise UserError(f'entry {n}: "answer" must be a string when given')
        unknown = set(entry) - {"text", "answer"}
        if unknown:
            raise UserError(f"entry {n}: unknown field(s) {', '.join(sorted(unknown))}; "
                            'use "text" and "answer"')
        out.append((entry["text"], answer.strip() if answer and answer.strip() else None))
    return out


def cmd_questions(args: argparse.Namespace) -> int:
    """Comprehension questions about a text file, or (--json, no FILE) about each text of a
    JSON list on stdin; the parser loads once for all of them."""
    from toolkit.exercises import questions as Q
    from toolkit.language.analysis import analyze
    from toolkit.language.text import prepare, split_title

    if args.n < 1:
        raise UserError("--n must be 1 or more")
    if args.file is None:
        if not args.json:
            raise UserError('give a text FILE, or --json with a JSON list of {"text", "answer"} '
                            "on stdin")
        entries = _question_entries(sys.stdin.read())
        lists = []
        for text, answer in entries:
            sents = analyze(text) if text.strip() else []
            found = Q.generate(sents, text) if sents else []
            if answer:
                found = Q.for_answer(found, answer, text, Q.word_tags(sents))
            lists.append([q.question for q in found[:args.n]])
        json.dump(lists, sys.stdout, ensure_ascii=False)
        print()
        return 0
    _, body = split_title(prepare(read_input(args.file))[0])
    sents = analyze(body)
    found = Q.generate(sents, body)
    if args.answer:
        found = Q.for_answer(found, args.answer, body, Q.word_tags(sents))
    found = found[:args.n]
    if args.json:
        json.dump([q.to_dict() for q in found], sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    if not found:
        print("no questions: the text has no sentence the generator can ask about"
              + (" with that answer" if args.answer else ""))
    for rank, q in enumerate(found, start=1):
        print(f"{rank}. {q.question}")
        print(f"   Answer: {q.answer}" + (f" (the text shows: {q.evidence})" if q.evidence else ""))
        print(f"   From paragraph {q.paragraph}: {q.sentence}")
    return 0


def _print_picks(picks: object) -> None:
    from toolkit.language.gdex import SentencePicks

    assert isinstance(picks, SentencePicks)
    what = f"for '{picks.word}' " if picks.word else ""
    print(f"Good sentences {what}for {picks.level} learners "
          f"({picks.eligible} complete of {picks.considered} scored):")
    for rank, c in enumerate(picks.chosen, start=1):
        where = f"sentence {c.index + 1}" if c.source == "article" else c.source
        print(f"{rank}. [{c.score:.2f}, {where}] {c.text}")
        print(f"   {c.explanation}")
    for note in picks.notes:
        print(f"Note: {note}")


def cmd_sentences(args: argparse.Namespace) -> int:
    from toolkit.cefr import level_index
    from toolkit.language.gdex import GdexConfig, choose_sentences, sentences_for_word
    from toolkit.language.profile import analyze_article

    level_index(args.level)  # validate before the slow part
    config = GdexConfig.load(args.config) if args.config else GdexConfig()
    _, sentences, _ = analyze_article(read_input(args.file))
    picks = (sentences_for_word(sentences, args.word, args.level, config,
                                use_wordnet=not args.article_only) if args.word
             else choose_sentences(sentences, args.level, config))
    if args.json:
        json.dump(picks.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        _print_picks(picks)
    return 0


def _lookup_jsonl(path: str, default_lang: str | None) -> int:
    """One card JSON per input line, models loaded once; a bad line is reported on stderr
    with its number and skipped (exit 2 at the end if any was bad)."""
    from toolkit.language.translate import LANGUAGES
    from toolkit.language.wordcard import ALL_LANGS, build_card

    bad = 0
    for n_line, line in enumerate(read_input(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UserInputError(f"not JSON ({exc.msg})") from None
            if not isinstance(row, dict) or not isinstance(row.get("word"), str):
                raise UserInputError('expected {"word": ..., "sentence": ..., "lang": ...}')
            sentence, lang = row.get("sentence"), row.get("lang") or default_lang
            if sentence is not None and not isinstance(sentence, str):
                raise UserInputError('"sentence" must be a string')
            if lang is not None and lang not in LANGUAGES:
                raise UserInputError(f"unknown language {lang!r}; choose one of "
                                     f"{', '.join(LANGUAGES)}")
            card = build_card(row["word"], sentence, lang=[lang] if lang else list(ALL_LANGS))
        except UserInputError as exc:
            bad += 1
            print(f"{path}, line {n_line}: {exc}", file=sys.stderr)
            continue
        print(json.dumps(card.to_dict(), ensure_ascii=False), flush=True)
    return 2 if bad else 0


def cmd_lookup(args: argparse.Namespace) -> int:
    from toolkit.language.wordcard import ALL_LANGS, build_card
    from toolkit.language.wordcard_text import card_text

    if args.jsonl:
        return _lookup_jsonl(args.jsonl, args.lang)
    if args.word is None:
        raise UserError("give a WORD, or --jsonl FILE")
    langs = [args.lang] if args.lang else list(ALL_LANGS)
    card = build_card(args.word, args.sentence, lang=langs)
    if args.json:
        json.dump(card.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print(card_text(card))
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
    candidates = rank_in_gap(args.sentence, args.answer, args.n)
    if args.json:
        print(json.dumps({"sentence": args.sentence, "answer": args.answer,
                          "distractors": [c.word for c in candidates]}, ensure_ascii=False))
    else:
        for c in candidates:
            print(f"{c.word:<20} {c.score:.3f}  {c.relation}")
    return 0


def cmd_fit(args: argparse.Namespace) -> int:
    """Fit FSRS parameters for classes that have enough new reviews (or all, with --force)."""
    from toolkit.learning import optimise
    from toolkit.learning.days import class_zone
    from toolkit.learning.events import utc_now
    from toolkit.learning.identity import clean_class_code
    from toolkit.learning.store import Store

    if not optimise.optimizer_available():
        raise UserError("fsrs-rs-python is not installed: pip install fsrs-rs-python")
    if args.db and "://" not in args.db and not Path(args.db).exists():
        raise UserError(f"no learner store at {args.db} (give the file the lessons write to)")
    zone = class_zone()
    with Store(args.db) as store:
        codes = [clean_class_code(c) for c in args.class_code] or [
            r[0] for r in store.query("SELECT DISTINCT class_code FROM students ORDER BY 1")]
        for code in codes:
            now = utc_now()
            fits = (optimise.refresh_parameters(store, code, now, zone) if args.force
                    else optimise.auto_refresh(store, code, now, zone))
            if fits is None:
                print(f"{code}: nothing to fit (fewer than {optimise.CLASS_MIN_REVIEWS} reviews, "
                      f"or fewer than {optimise.AUTO_NEW_REVIEWS} new since the last fit; "
                      "--force fits anyway)")
            for f in fits or []:
                print(f"{code}: {f.scope}: {f.reason} ({f.n_reviews} reviews)")
            for st in optimise.fit_status(store, code):
                gain = ("" if st.log_loss_before is None or st.log_loss_after is None else
                        f", held-out log loss {st.log_loss_before:.3f} -> {st.log_loss_after:.3f}")
                fitted = f" fitted on {st.fit_reviews}" if st.fit_reviews is not None else ""
                print(f"  {st.name}: {st.reviews} reviews, parameters {st.in_use}{fitted}{gain}")
    return 0


def cmd_analyze(args: argparse.Namespace) -> int:
    from toolkit.language.analyze_cli import run

    return run(args.file, args.json, args.jsonl, read_input)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m toolkit",
                                     description="VocabSphere Classroom toolkit")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("data", help="build or check the offline language data folder")
    p.add_argument("--check", action="store_true", help="only report what is present")
    p.add_argument("--force", action="store_true", help="rebuild every part")
    p.add_argument("--dir", help="data folder (default: $VOCABSPHERE_DATA or inside the venv)")
    p.set_defaults(func=cmd_data)

    p = sub.add_parser("analyze", help="sentences and tokens: lemma, Penn tag, UPOS, head, dep")
    p.add_argument("file", nargs="?", default="-", help="a UTF-8 text file, or - for stdin")
    p.add_argument("--json", action="store_true", help="print the analysis as JSON")
    p.add_argument("--jsonl", metavar="FILE",
                   help='batch: {"text": ...} or pre-tokenised {"tokens": [...]} per line')
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("profile", help="level, coverage, hard words and readability of a text")
    p.add_argument("file", nargs="?", default="-", help="a UTF-8 text or HTML file, or - for stdin")
    p.add_argument("--json", action="store_true", help="print the profile as JSON")
    p.add_argument("--above", default="B1", help="list the words above this level (default B1)")
    p.add_argument("--jsonl", metavar="FILE", help='batch: {"text": ...} per line in, JSON per line out')
    p.set_defaults(func=cmd_profile)

    p = sub.add_parser("build-lesson", help="build a lesson pack and its Voila page from an article")
    p.add_argument("article", help="article file (first line + blank line = title), or -")
    p.add_argument("--title", help="lesson title (default: the article's first line)")
    p.add_argument("--slug", help="file name stem (default: from the title)")
    p.add_argument("--out", default="lessons", help="output folder (default: lessons)")
    p.add_argument("--levels", default=None,
                   help="comma-separated levels to adapt to (default: up to 3 levels below the "
                        "original's estimated level, e.g. A1,A2 for a B1 article; '' for none)")
    p.add_argument("--seed", type=int, default=1, help="exercise seed (same seed, same items)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_build_lesson)

    p = sub.add_parser("exercises", help="generate checked exercises from an article")
    p.add_argument("file", help="a UTF-8 text or HTML file, or - for stdin")
    p.add_argument("--types", help="comma-separated types (default: all), e.g. cloze,mcq,tf")
    p.add_argument("--words", help="a word list file (the vocabulary book) to target first")
    p.add_argument("--level", help="the class's CEFR level; targets near it come first")
    p.add_argument("--n", type=int, default=20, help="number of items (default 20)")
    p.add_argument("--seed", type=int, default=1, help="random seed (same seed, same items)")
    p.add_argument("--format", default="json",
                   choices=["json", "gift", "moodle-xml", "anki", "apkg", "html", "pdf", "csv"])
    p.add_argument("-o", "--out", help="write to this file instead of stdout")
    p.set_defaults(func=cmd_exercises)

    p = sub.add_parser("questions", help="comprehension questions with answers, best first")
    p.add_argument("file", nargs="?", help="a UTF-8 text file (- for stdin); without it, --json "
                   'reads a JSON list [{"text": ..., "answer": optional}] on stdin')
    p.add_argument("--json", action="store_true",
                   help="JSON out (with no FILE: one list of questions per entry)")
    p.add_argument("--answer", help="only questions whose answer this is (with FILE)")
    p.add_argument("--n", type=int, default=10, help="at most this many per text (default 10)")
    p.set_defaults(func=cmd_questions)

    p = sub.add_parser("sentences", help="the best sentences for learners, with reasons")
    p.add_argument("file", help="a UTF-8 text or HTML file, or - for stdin")
    p.add_argument("--level", default="B1", help="the learners' CEFR level (default B1)")
    p.add_argument("--word", help="examples for this word (article + WordNet) instead")
    p.add_argument("--article-only", action="store_true",
                   help="with --word: skip WordNet's examples (faster)")
    p.add_argument("--config", help="a JSON or TOML file of scorer weights (GdexConfig)")
    p.add_argument("--json", action="store_true", help="print scores and evidence as JSON")
    p.set_defaults(func=cmd_sentences)

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

    p = sub.add_parser("lookup", help="the word card of a word, in a sentence if given")
    p.add_argument("word", nargs="?", help="an English word or phrase, e.g. bank or 'get around'")
    p.add_argument("--sentence", help="the sentence the word is read in (picks the sense)")
    p.add_argument("--lang", help="translation language: zh, es, de, ja, ko (default: all)")
    p.add_argument("--json", action="store_true", help="print the card as JSON")
    p.add_argument("--jsonl", metavar="FILE",
                   help='batch: {"word", "sentence", "lang"?} per line in, one card JSON per line '
                        "out (bad lines: an error with the line number on stderr, the rest go on)")
    p.set_defaults(func=cmd_lookup)

    p = sub.add_parser("distractors", help="ranked distractors for a gap in a sentence")
    p.add_argument("--sentence", help='the sentence with a gap: "... ___ ..." or **blank**')
    p.add_argument("--answer", help="the word that fills the gap")
    p.add_argument("--n", type=int, default=10, help="how many (default 10)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--jsonl", help='batch: a file of {"sentence","answer"} lines; JSON lines out')
    p.set_defaults(func=cmd_distractors)

    p = sub.add_parser("fit", help="fit FSRS parameters for classes with enough new reviews")
    p.add_argument("--db", help="store path or URL (default: $VOCABSPHERE_DB or the default file)")
    p.add_argument("--class", dest="class_code", action="append", default=[],
                   help="a class code (repeatable; default: every class in the store)")
    p.add_argument("--force", action="store_true", help="fit even without enough new reviews")
    p.set_defaults(func=cmd_fit)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command. Errors a user can fix print one line; a bug prints where its log is."""
    from toolkit.language.data import DataMissingError

    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except DataMissingError as exc:
        _progress_bar.fresh_line()
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_DATA
    except UserInputError as exc:
        _progress_bar.fresh_line()
        print(f"error: {exc}", file=sys.stderr)
        return getattr(exc, "code", EXIT_INPUT)
    except KeyboardInterrupt:
        _progress_bar.fresh_line()
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - a bug: the traceback goes to the log file
        _progress_bar.fresh_line()
        path = logs.to_file()
        log.exception("python -m toolkit %s failed", " ".join(sys.argv[1:] if argv is None else argv))
        print(f"error: internal error ({type(exc).__name__}: {exc}); this is a bug, "
              f"the traceback is in {path}", file=sys.stderr)
        return 1
