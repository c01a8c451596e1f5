"""The background warm-up: phases finish in order, steps wait for theirs, off means no thread."""

from __future__ import annotations

from toolkit.teacher.console import TeacherConsole, WarmUp


def test_off_means_no_thread_and_nothing_to_wait_for(tmp_path):
    c = TeacherConsole(preload=False, drafts_dir=tmp_path)
    assert c.warm.thread is None and all(e.is_set() for e in c.warm.done.values())


def test_the_tables_load_in_the_background_and_wordnet_waits_for_go():
    warm = WarmUp()
    warm.wait("analysis")
    assert warm.done["analysis"].is_set() and "analysis" in warm.seconds
    warm.wait("wordnet")  # a step that needs WordNet says go, then waits
    assert warm.go.is_set() and warm.done["wordnet"].is_set()
    from toolkit.exercises import distractors

    assert distractors._gloss_index.cache_info().currsize == 1  # loaded, once
    warm.thread.join(5)
    assert not warm.thread.is_alive()
