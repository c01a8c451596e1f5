"""An unsure card asks "Which meaning fits here?": the view, the event, the store and the
teacher's table, in plain Python over a real SQLite store (no language tools needed)."""

from __future__ import annotations

from datetime import datetime, timezone

from toolkit.learning import analytics
from toolkit.learning.events import EventKind, ProgressLog
from toolkit.learning.identity import Identity
from toolkit.learning.store import Store
from toolkit.model.events import SenseChosen
from toolkit.model.wordcard import Sense, WordCard
from toolkit.student.card_view import WordCardView

SENTENCE = "The camp that wanted to leave won the vote."


def _unsure_card() -> WordCard:
    senses = [Sense("camp%1:15:00::", "camp.n.01", "temporary living quarters for soldiers",
                    "temporary living quarters for soldiers"),
              Sense("camp%1:14:00::", "clique.n.01", "an exclusive circle of people with a "
                    "common purpose", "an exclusive circle of people with a common purpose")]
    return WordCard(headword="camp", text="camp", kind="word", pos="noun", penn="NN", level=2,
                    cefr="A2", zipf=4.6, frequency_band="common", sentence=SENTENCE,
                    definition=senses[0].short, senses=senses, sense_basis="unsure",
                    sense_confidence=0.41, sense_choices=[senses[0].key, senses[1].key])


def test_old_pack_cards_load_without_the_new_fields():
    d = _unsure_card().to_dict()
    for k in ("sense_confidence", "sense_choices"):
        d.pop(k)
    card = WordCard.from_dict(d)
    assert card.sense_confidence is None and card.sense_choices == [] and not card.unsure
    again = WordCard.from_dict(_unsure_card().to_dict())
    assert again.unsure and again.sense_confidence == 0.41
    assert [s.synset for s in again.choice_senses()] == ["camp.n.01", "clique.n.01"]


def test_a_sure_card_asks_nothing():
    view = WordCardView()
    card = _unsure_card()
    card.sense_choices = []
    view.show(card)
    assert view.choice.children == ()


def test_student_choice_changes_the_card_and_reaches_the_teacher(tmp_path):
    view = WordCardView(lang="zh")
    got: list[SenseChosen] = []
    view.on_choose(got.append)
    view.show(_unsure_card())
    question, *buttons = view.choice.children
    assert "Which meaning fits here?" in question.value
    assert [b.description for b in buttons] == [
        "1. temporary living quarters for soldiers",
        "2. an exclusive circle of people with a common purpose"]
    assert "<div class='vs-card-def'>temporary living quarters" in view.body.value
    buttons[1].click()  # the student says: the group of people
    assert len(got) == 1 and got[0].chosen_key == "camp%1:14:00::" and not got[0].agrees
    assert "<div class='vs-card-def'>an exclusive circle" in view.body.value
    assert "your teacher can see it" in view.choice.children[0].value
    assert view.event() is not None and view.event().sense_key == "camp%1:14:00::"  # type: ignore[union-attr]

    clock = lambda: datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)  # noqa: E731
    with Store(str(tmp_path / "class.sqlite3")) as store:
        for name in ("Ana", "Ben"):
            log = ProgressLog(store, Identity(name, "7B", "typed"), clock)
            ev = got[0]
            log.sense_chosen(ev.lemma, ev.chosen_key, ev.offered, lesson="vote",
                             sentence=ev.sentence, card_key=ev.card_key, definition=ev.definition)
        stored = log.events(EventKind.SENSE_CHOSEN)
        assert stored[0].item == "camp" and stored[0].correct is False
        assert stored[0].data["offered"] == ["camp%1:15:00::", "camp%1:14:00::"]
        table = analytics.sense_choices(store, "7B")
        assert table.to_dict("records") == [{
            "lemma": "camp", "sentence": SENTENCE,
            "chosen": "an exclusive circle of people with a common purpose",
            "sense_key": "camp%1:14:00::", "build_first_guess": False, "students": 2}]
        assert "sense_choices" in analytics.class_report(store, "7B", clock())
        from toolkit.teacher.dashboard import ClassDashboard

        dash = ClassDashboard(store, "7B", now=clock, auto_fit=False, lessons_dir=None,
                              export_dir=tmp_path / "exports")
        shown = dash.sense_choices.value
        assert "Meanings students chose" in shown and "exclusive circle" in shown
        assert "camp%1:14:00::" in shown


def test_a_key_that_was_not_offered_is_refused(tmp_path):
    import pytest

    from toolkit.errors import UserInputError

    with Store(str(tmp_path / "c.sqlite3")) as store:
        log = ProgressLog(store, Identity("Ana", "7B", "typed"))
        with pytest.raises(UserInputError, match="not one of the meanings"):
            log.sense_chosen("camp", "camp%9:99:99::", ["camp%1:15:00::", "camp%1:14:00::"])
