"""Leveled reader widget in plain Python: level switch, timer with injected clock, glosses."""

from __future__ import annotations

import json

import pytest

from toolkit.model.adaptation import ORIGINAL, Change, LevelVersion
from toolkit.student.leveled_reader import LeveledReader, ReadingTimer, changes_html


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def versions(adapted: dict) -> list[LevelVersion]:
    from .leveling_texts import ARTICLE

    from toolkit.language.analysis import analyze

    original = LevelVersion(ORIGINAL, ARTICLE, analyze(ARTICLE))
    # Through JSON, as a lesson pack would deliver them.
    return [original] + [LevelVersion.from_dict(json.loads(json.dumps(a.level_version().to_dict())))
                         for a in adapted.values()]


def _shown_text(reader: LeveledReader) -> str:
    return "".join(seg["t"] for seg in reader.reader.segments)


def test_timer_computes_words_per_minute_from_injected_clock() -> None:
    clock = Clock()
    timer = ReadingTimer(clock)
    timer.start("B1", 300)
    clock.now += 90
    result = timer.finish()
    assert (result.level, result.words, result.seconds, result.wpm) == ("B1", 300, 90.0, 200.0)
    with pytest.raises(RuntimeError):
        timer.finish()


def test_switching_level_changes_the_text(versions: list[LevelVersion]) -> None:
    reader = LeveledReader(versions, student_level="A2")
    assert reader.level == "A2" and list(reader.versions) == ["A2", "B1", ORIGINAL]
    a2 = _shown_text(reader)
    reader.switcher.value = "B1"  # as a click on the switcher would
    assert reader.level == "B1" and _shown_text(reader) != a2
    reader.show(ORIGINAL)
    assert reader.switcher.value == ORIGINAL
    assert _shown_text(reader).split() == reader.text.split()
    with pytest.raises(ValueError, match="no version"):
        reader.show("C2")


def test_finishing_reports_wpm_for_the_shown_level(versions: list[LevelVersion]) -> None:
    clock = Clock()
    reader = LeveledReader(versions, level="B1", clock=clock)
    seen = []
    reader.on_read(lambda level, words, seconds, wpm: seen.append((level, words, seconds, wpm)))
    reader.start_button.click()
    assert reader.finish_button.disabled is False and reader.start_button.disabled is True
    clock.now += 120
    reader.finish_button.click()
    words = reader.versions["B1"].word_count
    assert seen == [("B1", words, 120.0, round(words / 2, 1))]
    assert f"{words / 2:.0f}" in reader.timer_status.value and "vs-wpm" in reader.timer_status.value


def test_switching_level_while_reading_cancels_the_timer(versions: list[LevelVersion]) -> None:
    clock = Clock()
    reader = LeveledReader(versions, level="B1", clock=clock)
    seen = []
    reader.on_read(lambda *args: seen.append(args))
    reader.start()
    reader.show("A2")
    assert not reader.timer.running and reader.finish() is None and seen == []


def test_student_starts_at_the_hardest_version_not_above_their_level(
        versions: list[LevelVersion]) -> None:
    assert LeveledReader(versions, student_level="B2").level == "B1"
    assert LeveledReader(versions, student_level="A1").level == "A2"  # nothing easier exists
    assert LeveledReader(versions, level=ORIGINAL, student_level="A2").level == ORIGINAL


def test_words_above_student_level_are_marked(versions: list[LevelVersion]) -> None:
    reader = LeveledReader(versions, student_level="A2")
    assert reader.reader.hard_level == 2
    assert any(seg["l"] > 2 for seg in reader.reader.segments if seg["w"] >= 0)


def test_clicking_a_glossed_word_shows_its_gloss(versions: list[LevelVersion]) -> None:
    reader = LeveledReader(versions, level="B1")
    gloss = reader.versions["B1"].glosses[0]
    index = next(w.index for w in reader.reader.words if w.text == gloss.word)
    reader.reader.select(index)
    assert gloss.gloss.split()[0] in reader.gloss.value


def test_teacher_sees_changes_and_every_string_is_escaped() -> None:
    v = LevelVersion("B1", "x", [], changes=[Change("replace", "<script>x</script>", "a & b",
                                                   "<b>why</b>", 0)])
    html = changes_html(v)
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html
    assert "&lt;b&gt;why" in html


def test_teacher_panel_hidden_for_students(versions: list[LevelVersion]) -> None:
    assert LeveledReader(versions).changes.layout.display == "none"
    teacher = LeveledReader(versions, teacher=True, level="B1")
    assert teacher.changes.layout.display is None and "vs-changes-table" in teacher.changes.value


def test_a_reading_too_fast_to_be_real_asks_and_stores_nothing(
        versions: list[LevelVersion]) -> None:
    """Start, 3 s, Finished used to store ~15,000 WPM; now the student is asked instead."""
    clock = Clock()
    reader = LeveledReader(versions, level="B1", clock=clock)
    seen = []
    reader.on_read(lambda *args: seen.append(args))
    words = reader.versions["B1"].word_count
    reader.start_button.click()
    clock.now += 3
    reader.finish_button.click()
    assert seen == [] and reader.timer.running
    assert reader.too_fast.layout.display is None
    assert "did you read it all?" in reader.too_fast_question.value
    assert reader.finish_button.disabled  # answer the question first
    reader.keep_reading_button.click()  # not finished: the timer goes on from the start
    assert reader.too_fast.layout.display == "none" and not reader.finish_button.disabled
    clock.now += words / 200 * 60  # a real reading at about 200 WPM in all
    reader.finish_button.click()
    assert len(seen) == 1 and 150 < seen[0][3] < 200
    reader.start_button.click()
    clock.now += words / 2000 * 60  # 2,000 WPM: skimmed
    reader.finish_button.click()
    reader.skimmed_button.click()
    assert len(seen) == 1 and not reader.timer.running and not reader.start_button.disabled
    assert "Not counted" in reader.timer_status.value
    assert reader.too_fast.layout.display == "none"


def test_plausibility_rule() -> None:
    from toolkit.learning.events import MAX_WPM, implausible_reading, words_per_minute

    assert implausible_reading(500, 120) == ""  # 250 WPM
    assert "too short" in implausible_reading(10, 3)  # 200 WPM but 3 s: a double click
    assert "faster than anyone reads" in implausible_reading(782, 30)  # 1,564 WPM
    assert implausible_reading(MAX_WPM, 60) == "" and implausible_reading(MAX_WPM + 1, 60)
    with pytest.raises(ValueError, match="not a reading"):
        words_per_minute(782, 3.1)
