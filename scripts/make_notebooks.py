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
            "from toolkit.widgets.article import profile_panel"
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
    ],
}

if __name__ == "__main__":
    for path, cells in NOTEBOOKS.items():
        nbformat.write(new_notebook(cells=cells, metadata=KERNEL), path)
        print("wrote", path)
