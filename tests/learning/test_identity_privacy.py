"""Who a student is, and that no student can reach another's data through the API."""

from __future__ import annotations

import pytest

from toolkit.learning.events import EventKind, ProgressLog
from toolkit.learning.identity import Identity, identify
from toolkit.learning.progress import student_progress
from toolkit.learning.store import Store
from toolkit.learning.vocab import VocabBook

from .support import Clock, student


def test_jupyterhub_user_is_trusted_and_wins_over_a_typed_name() -> None:
    who = identify("Somebody Else", "7b", env={"JUPYTERHUB_USER": "ana.lopez"})
    assert (who.name, who.class_code, who.source, who.trusted) == ("ana.lopez", "7B", "jupyterhub", True)


def test_typed_name_is_trust_based_classroom_mode() -> None:
    who = identify("  Ana   López ", env={"VOCABSPHERE_CLASS": "eng-2026"})
    assert (who.name, who.class_code, who.trusted) == ("Ana López", "ENG-2026", False)
    assert who.key == "ENG-2026/ana lópez"
    assert identify("ANA LÓPEZ", "eng-2026", env={}).key == who.key  # same student, any case
    assert Identity.from_dict(who.to_dict()) == who


@pytest.mark.parametrize("name, code, message", [
    (None, "7B", "type your name"),
    ("   ", "7B", "cannot be empty"),
    ("x" * 61, "7B", "shorter name"),
    ("Ana", "7B; DROP TABLE", "class code"),
])
def test_bad_identity_input_says_what_to_do(name, code, message) -> None:
    with pytest.raises(ValueError, match=message):
        identify(name, code, env={})


def test_control_characters_and_slashes_cannot_forge_a_key() -> None:
    who = identify("Ana\u0000/../7A/Ben\n", "7B", env={})
    assert who.class_code == "7B" and who.key.count("/") == 1


def test_a_student_cannot_read_or_change_another_students_data(store: Store, clock: Clock) -> None:
    ana_book = VocabBook(store, student("Ana"), clock)
    ana_book.add_word("remote", "They work remote jobs.", "l1", "remoto", "far away")
    ana_log = ProgressLog(store, student("Ana"), clock)
    ana_log.quiz_answer("q1", True, 3.0, exercise_type="gap", level="B1")
    ana_log.article_read("l1", 300, 90)
    ana_card = ana_book.cards()[0]

    # Ben, in the same class, with the same API
    ben_book = VocabBook(store, student("Ben"), clock)
    ben_log = ProgressLog(store, student("Ben"), clock)
    assert ben_book.words() == [] and ben_book.cards() == [] and ben_book.due_count() == 0
    assert ben_log.events() == []
    assert ben_book.forgetting_curve() == []
    with pytest.raises(KeyError, match="not in this student's book"):
        ben_book.card(ana_card.id)
    with pytest.raises(KeyError, match="not in this student's book"):
        ben_book.review(ana_card.id, "easy")
    progress = student_progress(ben_book, ben_log)
    assert (progress.words, progress.due, progress.wpm, progress.accuracy_by_type) == (0, 0, [], {})
    # Ben adding the same word gets his own copy; Ana's is untouched
    ben_book.add_word("remote", meaning="far")
    assert ana_book.card(ana_card.id) == ana_card
    assert [w.meaning for w in ana_book.words()] == ["far away"]
    assert len(ana_log.events(EventKind.REVIEW)) == 0
    with pytest.raises(ValueError, match="different students"):
        student_progress(ben_book, ana_log)


def test_two_kernels_of_one_student_add_the_same_word_at_once(store_url: str, clock: Clock) -> None:
    """Two tabs of the same student: one word, three cards, whatever the interleaving."""
    import threading

    stores = [Store(store_url), Store(store_url)]
    books = [VocabBook(s, student("Ana"), clock) for s in stores]
    barrier, results, errors = threading.Barrier(2), [], []

    def add(book: VocabBook) -> None:
        barrier.wait()
        try:
            for i in range(20):
                results.append(book.add_word(f"w{i}", meaning="m").id)
        except Exception as exc:  # pragma: no cover - the failure we test for
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(b,)) for b in books]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(results) == 40 and len(set(results)) == 20
    assert stores[0].count("words") == 20 and stores[0].count("cards") == 40
    for s in stores:
        s.close()


def test_query_string_name_is_trust_based() -> None:
    env = {"QUERY_STRING": "name=Ana%20L%C3%B3pez&class=8a"}
    who = identify(env=env)
    assert (who.name, who.class_code, who.trusted) == ("Ana López", "8A", False)
    assert identify("Ben", env=env).name == "Ben"  # a typed name wins over the URL
    hub = identify(env={**env, "JUPYTERHUB_USER": "ana"})
    assert hub.name == "ana" and hub.trusted and hub.class_code == "8A"


def test_login_box_typed_name_and_hub_user() -> None:
    from toolkit.student.login import LoginBox

    seen: list[Identity] = []
    box = LoginBox(seen.append, env={})
    assert seen == [] and "vs-login" in box._dom_classes
    box.start.click()
    assert seen == [] and "type your name" in box.message.value
    box.name.value, box.class_code.value = "<i>Ana", "7b"
    box.start.click()
    assert seen[0].key == "7B/<i>ana" and not seen[0].trusted
    assert "&lt;i&gt;Ana" in box.message.value and "trust-based" in box.message.value
    hub = LoginBox(seen.append, class_code="7B", env={"JUPYTERHUB_USER": "ben"})
    assert seen[1].name == "ben" and seen[1].trusted and hub.identity == seen[1]
    assert "JupyterHub" in hub.message.value and hub.start.layout.display == "none"
