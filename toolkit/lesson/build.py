"""Article -> lesson pack + its Voila page. Heavy: runs the language analysis once."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Callable

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

import toolkit
from toolkit.language.profile import analyze_article
from toolkit.lesson.pack import LessonPack, LevelVersion, save_pack

KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}


def slugify(title: str) -> str:
    """ASCII, lowercase, hyphenated: safe as a file name and in a URL."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:60].rstrip("-") or "lesson"


def build_pack(text: str, title: str, slug: str | None = None,
               progress: Callable[[str], None] | None = None) -> LessonPack:
    """Analyse the article and pack what the student page shows."""
    from toolkit.language.gdex import choose_sentences
    from toolkit.language.wordcard import build_cards

    clean, sentences, profile = analyze_article(text, progress)
    if progress:
        progress("building word cards")
    cards = build_cards(sentences).to_dict()
    if progress:
        progress("choosing good sentences")
    good = choose_sentences(sentences, profile.level).to_dict()
    version = LevelVersion("original", clean, sentences, profile, cards, good)
    return LessonPack(slug or slugify(title), title, [version],
                      built_with=f"vocabsphere-toolkit {toolkit.__version__}")


def lesson_notebook(pack_name: str) -> nbformat.NotebookNode:
    """The student page: two cells, loading only the pack (the kernel stays light)."""
    cells = [
        new_code_cell("from toolkit.lesson.app import show_lesson"),
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
