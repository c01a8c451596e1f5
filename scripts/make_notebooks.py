"""Write the teacher/researcher notebooks from source here, outputs stripped.

Lesson pages in lessons/ are written by `python -m toolkit build-lesson`.
"""

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}

NOTEBOOKS = {
    "notebooks/profile-an-article.ipynb": [
        new_markdown_cell(
            "# Profile an article\nPaste or load any English article to see its CEFR level, "
            "lexical coverage, hardest words and readability."
        ),
        new_code_cell(
            "from pathlib import Path\n"
            "import pandas as pd\n"
            "from toolkit.language.profile import profile_text\n"
            "from toolkit.language.text import split_title\n"
            "from toolkit.teacher.article import profile_panel"
        ),
        new_code_cell(
            "# Replace with your own article: Path('my-article.txt').read_text('utf-8')\n"
            'title, text = split_title(Path("../lessons/articles/hidden-remote-workers.txt").read_text("utf-8"))\n'
            "profile = profile_text(text)\n"
            "profile_panel(profile, above='B1')"
        ),
        new_code_cell(
            "# The same evidence as DataFrames, for sorting and export\n"
            "coverage = pd.DataFrame({'share': profile.cefr_distribution, 'coverage': profile.coverage})\n"
            "words = pd.DataFrame([w.to_dict() for w in profile.words_above('A2')])\n"
            "display(coverage, words.head(15), pd.Series(profile.readability, name='score'))"
        ),
        new_code_cell(
            "# Read it as a student would: click any word for its card; green sentences are the\n"
            "# good ones for learning (click one to see why)\n"
            "from toolkit.language.gdex import choose_sentences\n"
            "from toolkit.language.profile import analyze_article\n"
            "from toolkit.teacher.article import article_page\n"
            "text, sentences, profile = analyze_article(text)\n"
            "article_page(title, text, profile, sentences, good_sentences=choose_sentences(sentences, profile.level))"
        ),
    ],
    "lessons/my-words.ipynb": [
        new_markdown_cell("# My words\nReview the words you collected, and see your progress."),
        new_code_cell(
            "# Open as my-words.ipynb?name=YOUR_NAME&class=CLASS_CODE, or type your name below.\n"
            "from toolkit.student.progress import my_words_page\n"
            "my_words_page()"
        ),
    ],
    "notebooks/teacher.ipynb": [
        new_markdown_cell(
            "# Build a lesson\nPaste or load an article and see its level and why, then work "
            "through the tabs: adapt it to A2 / B1 / B2 side by side (reject any change, or edit "
            "the text), pick the target words, generate, edit or drop exercises, publish the "
            "lesson into `../lessons` (the student link is shown; an existing lesson is replaced "
            "only when you tick the box, and kept as a numbered backup) and export a worksheet, "
            "a Moodle GIFT file and an Anki deck into `./exports`. Your work is saved as a draft "
            "in `./drafts` after every step: after a kernel restart, run the cell again and press "
            "'Reopen draft'. See `docs/teacher.md`."
        ),
        new_code_cell(
            "from toolkit.teacher.console import TeacherConsole\n\n"
            "# Drafts go to ./drafts (or $VOCABSPHERE_DRAFTS); set VOCABSPHERE_BASE_URL for a full student link.\n"
            'console = TeacherConsole(lessons_dir="../lessons", export_dir="exports", class_level="B1",\n'
            '                         card_language="zh")\n'
            "# Paste your own article into the box, or name a file here and press 'Load file'.\n"
            'console.path.value = "../lessons/articles/the-school-garden.txt"\n'
            "console.load_button.click()\n"
            "console.analyse_button.click()  # only the profile; every later step waits for your click\n"
            "console"
        ),
        new_code_cell(
            "# What you have chosen so far (run again after each step)\n"
            "console.state()"
        ),
    ],
    "notebooks/class-dashboard.ipynb": [
        new_markdown_cell(
            "# Class dashboard\nLive during the lesson: who has read, reading speed, the hardest "
            "items and the most looked-up words. Set `VOCABSPHERE_DB` (a SQLite path or a "
            "`postgresql://` URL) and `VOCABSPHERE_CLASS` before starting Jupyter; without them "
            "this shows a made-up demo class."
        ),
        new_code_cell(
            "import os, tempfile\n"
            "from pathlib import Path\n"
            "from toolkit.learning import Store, analytics\n"
            "from toolkit.learning.demo import seed_demo\n"
            "from toolkit.teacher.dashboard import ClassDashboard\n\n"
            'CLASS = os.environ.get("VOCABSPHERE_CLASS", "DEMO")\n'
            'if os.environ.get("VOCABSPHERE_DB"):\n'
            "    store = Store()  # the class's own store\n"
            "else:  # a demo class in a temporary folder\n"
            '    store = Store(Path(tempfile.mkdtemp()) / "demo.sqlite3")\n'
            "    seed_demo(store, CLASS)"
        ),
        new_code_cell(
            "# Refreshes every 5 seconds without re-running this cell; the Live button or\n"
            "# dash.stop() stops it. Export CSV writes into ./exports.\n"
            "dash = ClassDashboard(store, CLASS, interval=5)\n"
            "dash.start()\n"
            "dash"
        ),
        new_code_cell(
            "# The same figures as DataFrames, for research\n"
            "display(analytics.item_statistics(store, CLASS), analytics.most_looked_up(store, CLASS))"
        ),
    ],
}

if __name__ == "__main__":
    import sys

    chosen = sys.argv[1:] or list(NOTEBOOKS)  # e.g. `python scripts/make_notebooks.py notebooks/teacher.ipynb`
    for path in chosen:
        cells = NOTEBOOKS[path]
        for i, cell in enumerate(cells):
            cell["id"] = f"cell-{i}"  # stable ids: regenerating changes nothing that did not change
        nbformat.write(new_notebook(cells=cells, metadata=KERNEL), path)
        print("wrote", path)
