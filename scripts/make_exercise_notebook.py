"""Write notebooks/exercise-generators.ipynb from source, outputs stripped (run after editing)."""

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
cells = [
    new_markdown_cell(
        "# Exercise generators: add one, compare them\n"
        "A generator is a function `(source, rng, n) -> list[Item]` registered with "
        "`@register`. Every item it makes passes the same validity checks as the built-in ones; "
        "failing items are dropped and counted. Same seed, same items."),
    new_code_cell(
        "from pathlib import Path\n"
        "import time\n"
        "import pandas as pd\n"
        "from toolkit.model.items import GAP, Item\n"
        "from toolkit.exercises.registry import Report, Source, available, register, run_one\n"
        "from toolkit.language.text import split_title\n\n"
        'title, text = split_title(Path("../lessons/articles/hidden-remote-workers.txt").read_text("utf-8"))\n'
        'source = Source.from_text(text, level="B1")\n'
        "len(source.sentences), available()"),
    new_code_cell(
        "# A new generator: gap-fill with the word's CEFR level and first two letters as the hint.\n"
        '@register("cloze-hint2", version="0.1", uses="article")\n'
        "def cloze_hint2(source, rng, n):\n"
        "    items = []\n"
        "    sentences = [s for s in source.sentences if len(s.words) >= 8]\n"
        "    rng.shuffle(sentences)\n"
        "    for s in sentences:\n"
        "        words = [t for t in s.tokens if t.is_word and not t.is_name and t.level and t.level >= 3]\n"
        "        if not words:\n"
        "            continue\n"
        "        t = rng.choice(words)\n"
        "        a, b = t.start - s.start, t.end - s.start\n"
        "        prompt = s.text[:a] + GAP + s.text[b:] + f\" ({t.text[:2]}..., {t.cefr})\"\n"
        '        items.append(Item(type="cloze", prompt=prompt, answer=t.text, source=s.text,\n'
        "                          target=t.lemma, level=t.cefr or ''))\n"
        "    return items[:n]\n\n"
        'run_one("cloze-hint2", source, seed=1, n=3)[0].prompt'),
    new_code_cell(
        "# Compare every generator on the same article and seeds: items kept, dropped, time.\n"
        "rows = []\n"
        "for name in available():\n"
        "    for seed in range(2):\n"
        "        report = Report()\n"
        "        t0 = time.perf_counter()\n"
        "        items = run_one(name, source, seed=seed, n=4, report=report)\n"
        "        rows.append({'generator': name, 'seed': seed, 'kept': len(items),\n"
        "                     'generated': report.total_generated, 'dropped': report.total_dropped,\n"
        "                     'seconds': time.perf_counter() - t0,\n"
        "                     'prompt_words': sum(len(i.prompt.split()) for i in items) / max(len(items), 1)})\n"
        "df = pd.DataFrame(rows)\n"
        "df.groupby('generator')[['generated', 'kept', 'dropped', 'seconds', 'prompt_words']].mean().round(2)"),
    new_code_cell(
        "# The items themselves, as a table to read and filter.\n"
        "items = [i for name in ['mcq', 'cloze-hint2', 'tf'] for i in run_one(name, source, seed=0, n=3)]\n"
        "pd.DataFrame([i.to_dict() for i in items])[['type', 'level', 'prompt', 'options', 'answer', 'generator']]"),
]
nb = new_notebook(cells=cells, metadata=KERNEL)
nbformat.write(nb, "notebooks/exercise-generators.ipynb")
