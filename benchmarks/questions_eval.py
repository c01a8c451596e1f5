"""Comprehension questions against FairytaleQA's expert questions, beside the old wh-templates.

    PYTHONPATH=. python benchmarks/questions_eval.py [--stories N] [--part tune|held-out|both]
        [--per-section 6] [--cache FILE] [--baseline main | --skip-baseline]

Two numbers per generator, both ROUGE-L F1 (toolkit/language/research/rouge.py), x100:
- coverage: each expert question of a section against the best of our first 6 questions for it;
- answer-aware 1:1: the expert's answer given, our first question for it against the expert's.
The previous generator is measured in the same run: this script of the `--baseline` commit
(git archive into a temporary folder), run after ours on the same stories and cached analyses.
Only the train split of FairytaleQA is in ../shared/data (its validation and test splits are
kept aside), so its stories are split in two by a hash of the story name: `tune` (two thirds,
where the ranking weights were set) and `held-out` (one third, never looked at while tuning).
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from exercises_eval import FTQA, unwrap  # noqa: E402
from exercises_eval import _read_csv as _rows  # noqa: E402


def part_of(name: str) -> str:
    return "held-out" if int(hashlib.sha1(name.encode()).hexdigest(), 16) % 3 == 0 else "tune"


def stories(limit: int, part: str) -> list[tuple[str, dict[int, str], dict[int, list[dict[str, str]]]]]:
    sdir, qdir = FTQA / "section-stories" / "train", FTQA / "questions" / "train"
    names = sorted(p.name.removesuffix("-story.csv") for p in sdir.glob("*-story.csv"))
    names = [n for n in names if (qdir / f"{n}-questions.csv").is_file()
             and (part == "both" or part_of(n) == part)]
    out = []
    for name in names[:limit]:
        sections = {int(r["section"]): unwrap(r["text"]) for r in _rows(sdir / f"{name}-story.csv")}
        qs: dict[int, list[dict[str, str]]] = defaultdict(list)
        for q in _rows(qdir / f"{name}-questions.csv"):
            if q.get("local-or-sum") == "local" and q.get("cor_section", "").isdigit():
                qs[int(q["cor_section"])].append(q)
        out.append((name, sections, dict(qs)))
    return out


def analysed(texts: list[str], cache: Path | None) -> dict[str, list]:
    """Analysis of each section text, kept in `cache` between tuning runs."""
    from toolkit.language.analysis import analyze

    done: dict[str, list] = {}
    if cache and cache.is_file():
        done = pickle.loads(cache.read_bytes())
    todo = [t for t in texts if t not in done]
    for t in todo:
        done[t] = analyze(t)
    if cache and todo:
        cache.write_bytes(pickle.dumps(done))
    return done


def evaluate(part: str, limit: int, per_section: int, cache: Path | None) -> None:
    from toolkit.exercises import questions as Q
    from toolkit.exercises.registry import Source, run_one
    from toolkit.language.research.rouge import best_rouge_l, rouge_l

    data = stories(limit, part)
    texts = [text for _, sections, qs in data for sec, text in sections.items() if qs.get(sec)]
    t0 = time.perf_counter()
    ana = analysed(texts, cache)
    t_analyse = time.perf_counter() - t0
    cover: dict[str, list[float]] = {"ours": [], "wh": []}
    aware: dict[str, list[float]] = {"ours": [], "wh": []}
    counts: dict[str, list[int]] = {"ours": [], "wh": []}
    by_kind: dict[str, list[float]] = defaultdict(list)
    kinds: Counter = Counter()
    no_match = 0
    t_ours = t_wh = 0.0
    for _, sections, qs in data:
        for sec, text in sections.items():
            experts = qs.get(sec)
            if not experts:
                continue
            sents = ana[text]
            t = time.perf_counter()
            all_ours = Q.generate(sents, text)
            tags = Q.word_tags(sents)
            t_ours += time.perf_counter() - t
            ours = all_ours[:per_section]
            t = time.perf_counter()
            wh_items = run_one("wh", Source(sentences=sents), seed=0, n=per_section)
            t_wh += time.perf_counter() - t
            wh = [i.prompt for i in wh_items]
            counts["ours"].append(len(ours))
            counts["wh"].append(len(wh))
            for q in ours:
                kinds[q.kind] += 1
                by_kind[q.kind].append(max(rouge_l(q.question, e["question"]) for e in experts))
            for e in experts:
                ref = e["question"]
                cover["ours"].append(best_rouge_l(ref, [q.question for q in ours]))
                cover["wh"].append(best_rouge_l(ref, wh))
                answer = e.get("answer1", "").strip()
                if not answer:
                    continue
                mine = Q.for_answer(all_ours, answer, text, tags)
                no_match += not mine
                first = mine[0].question if mine else (ours[0].question if ours else "")
                aware["ours"].append(rouge_l(first, ref) if first else 0.0)
                pick = sorted(wh_items, key=lambda i: -Q.overlap_f1(str(i.answer), answer))
                aware["wh"].append(rouge_l(pick[0].prompt, ref) if pick else 0.0)
    n_sec = len(counts["ours"])
    print(f"[questions] FairytaleQA train split, {part} part: {len(data)} stories, {n_sec} sections, "
          f"{len(cover['ours'])} local expert questions (at most {per_section} generated per section)")
    print(f"[questions] {'ROUGE-L F1 x100':<44} {'coverage':>9} {'answer-aware':>13} {'per section':>12}")
    for name, label in (("ours", "questions (parse-based, this module)"),
                        ("wh", "wh-templates (`wh` generator, before)")):
        print(f"[questions] {label:<44} {100 * statistics.fmean(cover[name]):9.1f} "
              f"{100 * statistics.fmean(aware[name]):13.1f} {statistics.fmean(counts[name]):12.2f}")
    print(f"[questions] goals: coverage >= 45.0, answer-aware >= 30.0; expert answers with no "
          f"matching question of ours: {no_match} of {len(aware['ours'])} (then our first question)")
    print("[questions] our questions by kind (share of those asked, ROUGE-L vs the best expert "
          "question): " + ", ".join(f"{k} {n} ({100 * statistics.fmean(by_kind[k]):.0f})"
                                    for k, n in kinds.most_common()))
    print(f"[questions] time: analysis {t_analyse:.1f} s (cached: {bool(cache)}), ours "
          f"{t_ours:.1f} s, wh-templates {t_wh:.1f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stories", type=int, default=40, help="stories per part (default 40)")
    ap.add_argument("--part", choices=("tune", "held-out", "both"), default="both")
    ap.add_argument("--per-section", type=int, default=6)
    ap.add_argument("--cache", type=Path, help="keep analyses in this pickle between runs")
    ap.add_argument("--baseline", default="main", help="git commit measured beside (default main)")
    ap.add_argument("--skip-baseline", action="store_true")
    args = ap.parse_args()
    if not (FTQA / "section-stories" / "train").is_dir():
        print(f"[questions] skipped: {FTQA} not found")
        return
    parts = ("tune", "held-out") if args.part == "both" else (args.part,)
    for part in parts:
        evaluate(part, args.stories, args.per_section, args.cache)
    if not args.skip_baseline:
        baseline(args)


def baseline(args: argparse.Namespace) -> None:
    """The same measurement with the questions module of another commit, beside ours."""
    import os
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as top:
        # the old script reads FairytaleQA from ../shared beside its own checkout
        code = Path(top) / "code"
        code.mkdir()
        os.symlink(ROOT.parent / "shared", Path(top) / "shared")
        archive = subprocess.run(["git", "archive", args.baseline], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(code)], input=archive, check=True)
        script = code / "benchmarks" / "questions_eval.py"
        cmd = [sys.executable, str(script), "--stories", str(args.stories), "--part", args.part,
               "--per-section", str(args.per_section)]
        if "--skip-baseline" in script.read_text("utf-8"):
            cmd.append("--skip-baseline")
        if args.cache:
            cmd += ["--cache", str(args.cache.resolve())]
        tmp = str(code)
        env = {**os.environ, "PYTHONPATH": tmp}
        done = subprocess.run(cmd, cwd=tmp, env=env, capture_output=True, text=True)
        for line in (done.stdout + done.stderr).splitlines():
            if line.startswith("[questions]") and "wh-templates" not in line:
                print(line.replace("[questions]", f"[questions] previous ({args.baseline}):", 1))
        if done.returncode:
            print(f"[questions] previous ({args.baseline}) failed: {done.stderr[-400:]}")


if __name__ == "__main__":
    main()
