"""Good sentences in the reader: marks from picks, the lesson page, plain-text notes."""

import dataclasses
import json

import pytest

from toolkit.language.analysis import analyze
from toolkit.language.gdex import GdexConfig, SentencePicks, choose_sentences
from toolkit.student.marks import good_sentence_marks
from toolkit.student.reader import Reader


@pytest.fixture(scope="module")
def lesson(article_text):
    from toolkit.language.profile import analyze_article

    text, sents, profile = analyze_article(article_text)
    return text, sents, profile, choose_sentences(sents, profile.level)


def readers(widget):
    if isinstance(widget, Reader):
        yield widget
    for child in getattr(widget, "children", ()):
        yield from readers(child)


def test_marks_point_at_the_chosen_sentences(lesson):
    text, sents, _, picks = lesson
    marks = good_sentence_marks(picks)
    assert len(marks) == len(picks.chosen) == 3
    for m, c in zip(marks, picks.chosen):
        assert sents[m["sentence"]].text == c.text
        assert m["kind"] == "good" and m["note"] == c.explanation and m["label"] == c.label
    # the same from what a lesson pack stores: plain JSON, read back as records
    assert good_sentence_marks(SentencePicks.from_dict(json.loads(json.dumps(picks.to_dict())))) == marks
    assert good_sentence_marks(picks.chosen) == marks
    assert good_sentence_marks(None) == []


def test_outside_examples_are_not_marked():
    from toolkit.language.gdex import sentences_for_word

    sents = analyze("You can lose your identity when you join the army. The cat sat.")
    picks = sentences_for_word(sents, "identity", "B1", use_wordnet=False)
    outside = dataclasses.replace(picks.chosen[0], index=-1, source="wordnet")
    assert [m["sentence"] for m in good_sentence_marks([*picks.chosen, outside])] == [0]


def test_lesson_page_highlights_good_sentences(lesson):
    from toolkit.teacher.article import article_page

    text, sents, profile, picks = lesson
    (reader,) = readers(article_page("T", text, profile, sents, good_sentences=picks))
    assert reader.marks == good_sentence_marks(picks)
    sentence_ids = {seg["s"] for seg in reader.segments}
    assert {m["sentence"] for m in reader.marks} <= sentence_ids
    (plain,) = readers(article_page("T", text, profile, sents))
    assert plain.marks == []


def test_mark_text_is_plain_text_shown_with_textContent():
    # markup in an article reaches the note as the same characters, never as HTML
    sents = analyze('The sign on the door said "<b>closed</b>", so the hungry children who '
                    'wanted bread had to go home.')
    (mark,) = good_sentence_marks(choose_sentences(sents, "B1", GdexConfig(min_score=0)))
    assert isinstance(mark["note"], str) and isinstance(mark["label"], str)
    assert "&lt;" not in mark["note"] and "&amp;" not in mark["note"]  # not escaped twice
    esm = Reader._esm
    assert "note.textContent = m.note" in esm and "sentEl.title = m.label" in esm
    assert "innerHTML" not in esm
