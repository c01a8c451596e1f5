"""Article -> lesson pack + its Voila page. Heavy: runs the language analysis once."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

import toolkit
from toolkit.cefr import LEVELS, level_index, level_name
from toolkit.exercises.registry import Source, generate
from toolkit.language.adapt import adapt
from toolkit.language.definitions import card_definitions
from toolkit.language.estimate import estimate_sentences
from toolkit.language.gdex import choose_sentences
from toolkit.language.profile import analyze_article
from toolkit.language.wordcard import build_cards
from toolkit.model.adaptation import ORIGINAL, Adaptation, LevelVersion
from toolkit.model.items import Item
from toolkit.model.levels import EXTRAS_KEY as LEVEL_NOTES
from toolkit.model.levels import MADE, NOT_POSSIBLE, NOT_REACHED, LevelNote
from toolkit.model.pack import LessonPack, save_pack
from toolkit.model.wordcard import WordCard

KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}


def slugify(title: str) -> str:
    """ASCII, lowercase, hyphenated: safe as a file name and in a URL."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:60].rstrip("-") or "lesson"


DEFAULT_LEVELS = ("A2", "B1", "B2")  # what a teacher used to get; the build now offers relative ones
MAX_VERSIONS = 3  # easier versions per lesson: each one is adapted, carded and checked
EASIER_BY = 0.1  # difficulty points (CEFR scale) a version below its target must gain to be kept
N_EXERCISES = 24


def relative_levels(original: str, most: int = MAX_VERSIONS) -> list[str]:
    """The levels below the original's estimated level, easiest first: every lesson gets an
    easier version (A2 -> A1; B1 -> A1, A2; B2 -> A1, A2, B1; C1 -> A2, B1, B2)."""
    below = list(LEVELS[:level_index(original) - 1])
    return below[-most:] if most > 0 else []


def no_easier_version(level: str, difficulty: float) -> LevelNote:
    """The note of an original already at the easiest level: nothing below it to offer."""
    return LevelNote(LEVELS[0], NOT_POSSIBLE, level,
                     f"This text is already at {level}, the easiest level, so there is no "
                     "easier version.",
                     f"the original is estimated {level} (difficulty {difficulty:.2f}); "
                     "no level below it")


def _plain_reason(a: Adaptation) -> str:
    """Why an adapted version still reads above its target, in words a learner follows."""
    est = a.estimate
    why: list[str] = []
    if est is not None:
        hard = [w.text for w in est.hard_words[:3]]
        labels = " ".join(p["label"] for p in est.pushes[:3])
        if "length" in labels or "per sentence" in labels or "longest" in labels:
            why.append("some sentences are still long")
        if hard:
            why.append("it needs words such as " + ", ".join(f"“{h}”" for h in hard))
    return " and ".join(why) or "the topic needs harder words and longer sentences"


def build_pack(text: str, title: str, slug: str | None = None,
               levels: Sequence[str] | None = None, n_exercises: int = N_EXERCISES,
               seed: int = 1, progress: Callable[[int, int, str], None] | None = None,
               exercises: Sequence[Item] | None = None, targets: Sequence[str] | None = None,
               adapted: Mapping[str, Adaptation] | None = None,
               settings: Mapping[str, Any] | None = None) -> LessonPack:
    """Analyse the article once and pack what the student page shows.

    Versions: the original plus one adapted version per level in `levels` (default: the
    levels below the original's estimated level, `relative_levels`); each carries its tokens,
    profile, word cards and good sentences. Exercises come from the original. A level that
    cannot be offered (the original is at A1; an adaptation that stays at the original's
    level) gets a `LevelNote` in `extras["level_notes"]` saying why, which the student page
    shows; a version that is easier but still above its level is kept with such a note.
    `progress(step, total, message)` reports each stage of a long build.
    A teacher's reviewed `exercises` replace the generated ones; `targets` (the chosen target
    words) are kept in the pack; `adapted` reuses adaptations already shown to the
    teacher (by level) instead of computing them again. `settings` (the class's lesson settings,
    e.g. `card_language`) go into `extras["settings"]`, a named section older readers ignore.
    """
    asked = None if levels is None else [level_name(level_index(lv)) for lv in levels]
    # validates and normalises case; the relative default needs the estimate, found below
    total = 3 + 2 * (len(asked) if asked is not None else MAX_VERSIONS)
    step = 0

    def tick(message: str) -> None:
        nonlocal step
        step += 1
        if progress:
            progress(step, total, message)

    tick("analysing the article")
    clean, sentences, profile = analyze_article(text)

    cards: dict[str, WordCard] = {}

    def finish(version: LevelVersion, label: str) -> LevelVersion:
        tick(f"word cards and good sentences ({label})")
        built = build_cards(version.sentences)
        for key, card in built.cards.items():
            cards.setdefault(key, card)  # each card once, shared by the versions
        version.card_keys = list(built.by_word)
        version.good_sentences = choose_sentences(
            version.sentences, version.level if version.level in LEVELS else profile.level)
        return version

    estimate = estimate_sentences(sentences)
    original = LevelVersion(ORIGINAL, clean, sentences, profile, estimated=estimate.level)
    versions = [finish(original, "original")]
    levels = asked if asked is not None else relative_levels(estimate.level)
    if asked is None:
        total = 3 + 2 * len(levels)
    skipped: list[str] = []
    notes: list[LevelNote] = []
    if level_index(estimate.level) == 1:  # whatever was asked: nothing is below A1
        notes.append(no_easier_version(estimate.level, estimate.difficulty))
    for lv in levels:
        tick(f"adapting to {lv}")
        a = (adapted or {}).get(lv) or adapt(clean, lv)
        assert a.profile is not None
        if a.text == clean:  # already at or below this level: the original serves
            skipped.append(f"{lv}: {'; '.join(a.notes) or 'no change needed'}")
            tick(f"{lv} not needed: the original is at or below it")
            continue
        if not a.at_target:
            reason = _plain_reason(a)
            detail = "; ".join(a.notes) or f"estimated {a.level} ({a.difficulty:.2f})"
            if a.difficulty > estimate.difficulty - EASIER_BY:  # no easier in any real sense
                notes.append(LevelNote(lv, NOT_POSSIBLE, a.level,
                                       f"There is no {lv} version of this text: even simplified, "
                                       f"it reads no easier than the original ({a.level}), "
                                       f"because {reason}.", detail))
                tick(f"{lv} not reached: the version made is no easier than the original")
                continue
            notes.append(LevelNote(lv, NOT_REACHED, a.level,
                                   f"The {lv} version is easier than the original, but it still "
                                   f"reads at about {a.level}, because {reason}.", detail))
        else:
            notes.append(LevelNote(lv, MADE, a.level))
        versions.append(finish(a.level_version(), lv))
    report: dict[str, Any]
    if exercises is None:
        tick("generating exercises")
        source = Source(sentences=sentences, level=profile.level,
                        definitions=card_definitions(cards, original.card_keys))
        items, generated = generate(source, n=n_exercises, seed=seed)
        report = {"generated": generated.total_generated, "dropped": generated.total_dropped}
    else:
        tick("packing the reviewed exercises")
        items = list(exercises)
        report = {"reviewed": len(items)}
    return LessonPack(slug or slugify(title), title, versions,
                      built_with=f"vocabsphere-toolkit {toolkit.__version__}",
                      cards=cards, exercises=items, targets=list(targets or []),
                      levels_not_needed=skipped, exercise_report=report,
                      extras={**({"settings": dict(settings)} if settings else {}),
                              **({LEVEL_NOTES: [n.to_dict() for n in notes]} if notes else {})})


def lesson_notebook(pack_name: str) -> nbformat.NotebookNode:
    """The student page: two cells, loading only the pack (the kernel stays light)."""
    cells = [
        new_code_cell("from toolkit.student.app import show_lesson"),
        new_code_cell(f"show_lesson({pack_name!r})"),
    ]
    for i, cell in enumerate(cells):
        cell["id"] = f"cell-{i}"  # stable ids: rebuilding an unchanged lesson changes nothing
    return new_notebook(cells=cells, metadata=KERNEL)


def write_lesson(pack: LessonPack, out_dir: str | Path) -> tuple[Path, Path]:
    """Write `<slug>.lesson.json` and `<slug>.ipynb` into out_dir."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pack_path = save_pack(pack, out / f"{pack.slug}.lesson.json")
    nb_path = out / f"{pack.slug}.ipynb"
    nbformat.write(lesson_notebook(pack_path.name), nb_path)
    return pack_path, nb_path
