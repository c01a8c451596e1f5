"""One paragraph rule everywhere: blank lines, or single line breaks in a text without any.

The article used is a real multi-paragraph one (a committed lesson article, and the
OneStopEnglish texts, which come with single line breaks) pasted as a web page gives it:
one paragraph per line, no blank line anywhere.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from toolkit.model.text import paragraph_spans, paragraphs

ROOT = Path(__file__).resolve().parents[1]
PLASTIC = ROOT / "lessons" / "articles" / "plastic-in-the-deep.txt"


def _body(path: Path) -> str:
    from toolkit.language.text import split_title

    return split_title(path.read_text("utf-8"))[1]


@pytest.fixture(scope="module")
def blank_lines() -> str:
    return _body(PLASTIC)


@pytest.fixture(scope="module")
def single_breaks(blank_lines: str) -> str:
    """The same article as pasted from a web page: one paragraph per line."""
    return re.sub(r"\n\s*\n", "\n", blank_lines)


def test_the_rule():
    assert paragraphs("One.\nTwo.\n\nThree.") == ["One.\nTwo.", "Three."]  # blank lines win
    assert paragraphs("One. \nTwo.\n Three.\n") == ["One.", "Two.", "Three."]
    assert paragraphs("  One.\n\n \n\nTwo.  ") == ["One.", "Two."]
    assert paragraphs("One paragraph only.") == ["One paragraph only."]
    assert paragraphs("") == [] and paragraphs(" \n \n") == []
    text = "A b.\nC d.\nE f."
    spans = paragraph_spans(text)
    assert [text[a:b] for a, b in spans] == ["A b.", "C d.", "E f."]


def test_committed_article_has_several_paragraphs(blank_lines, single_breaks):
    assert "\n\n" not in single_breaks and single_breaks.count("\n") >= 4
    assert paragraphs(single_breaks) == paragraphs(blank_lines)


def test_analysis_finds_the_same_paragraphs_either_way(blank_lines, single_breaks):
    from toolkit.language.analysis import analyze

    a, b = analyze(blank_lines), analyze(single_breaks)
    assert [s.text for s in a] == [s.text for s in b]
    assert [s.paragraph for s in a] == [s.paragraph for s in b]
    assert len({s.paragraph for s in b}) == len(paragraphs(single_breaks)) >= 5
    spans = paragraph_spans(single_breaks)
    for s in b:  # each sentence lies inside the paragraph it names
        start, end = spans[s.paragraph]
        assert start <= s.start and s.end <= end


def test_profile_counts_paragraphs(single_breaks):
    from toolkit.language.profile import profile_text

    assert profile_text(single_breaks).paragraph_count == len(paragraphs(single_breaks))


def test_exercises_point_to_the_right_paragraph(single_breaks):
    """"Which word in paragraph N" must name the paragraph the word is in, not paragraph 1."""
    from toolkit.exercises.export import article_html
    from toolkit.exercises.registry import Source, generate

    items, _ = generate(Source.from_text(single_breaks), n=40, seed=3)
    numbered = [it for it in items if it.extra.get("paragraph")]
    assert numbered, "no item refers to a paragraph"
    assert len({it.extra["paragraph"] for it in numbered}) >= 3
    paras = paragraphs(single_breaks)
    for it in numbered:
        n = it.extra["paragraph"]
        assert 1 <= n <= len(paras)
        if it.generator == "vocab-in-context":
            assert str(it.answer).lower() in paras[n - 1].lower(), (it.prompt, n)
        if it.source and it.generator != "cloze-bank":
            assert it.source in paras[n - 1], (it.generator, it.source, n)
    # The worksheet numbers the same paragraphs.
    html = article_html(single_breaks)
    assert html.count("class='para'") == len(paras)


def test_reader_and_console_show_paragraphs(single_breaks):
    from toolkit.language.analysis import analyze
    from toolkit.student.reader import segments_for
    from toolkit.teacher.console import text_html

    segs, _ = segments_for(single_breaks, analyze(single_breaks))
    assert len({s["p"] for s in segs}) == len(paragraphs(single_breaks))
    assert text_html(single_breaks).count("<p>") == len(paragraphs(single_breaks))


def test_adapted_version_keeps_the_paragraphs(single_breaks):
    """The adapter's output (whoever writes it) is read with the same rule: paragraphs stay."""
    from toolkit.language.adapt import adapt

    a = adapt(single_breaks, "A2")
    assert len({s.paragraph for s in a.sentences}) == len(paragraphs(a.text))
    assert len(paragraphs(a.text)) >= len(paragraphs(single_breaks)) - 1


def test_onestopenglish_articles_keep_their_paragraphs(shared_data):
    """Real articles with single line breaks: every line is one paragraph."""
    from toolkit.language.analysis import analyze

    rows = [json.loads(line) for line in
            (shared_data / "onestopenglish" / "texts.jsonl").read_text("utf-8").splitlines()[:6]]
    for row in rows:
        text = row["text"]
        lines = [line for line in text.splitlines() if line.strip()]
        assert "\n\n" not in text.strip() and len(lines) >= 5
        sents = analyze(text)
        assert len({s.paragraph for s in sents}) == len(lines), row["topic"]
