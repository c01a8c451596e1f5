import json

import pytest

from toolkit.model.items import Item
from toolkit.student.quiz import Quiz, all_states


def _items() -> list[Item]:
    return [
        Item(type="mcq", prompt="Experts say the scheme is _____ but clever.",
             answer="simple", options=["simple", "complex", "<b>bold</b>", "plain & dull"],
             explanation="SECRET-EXPLANATION-1", level="A2"),
        Item(type="cloze", prompt="He wrote good _____. (starts with 'c', 4 letters)",
             answer="code", explanation="SECRET-EXPLANATION-2", level="B1"),
        Item(type="matching", prompt="Match each word with its meaning.", stems=["ship", "coal"],
             options=["a fossil fuel", "a large boat"], answer=["a large boat", "a fossil fuel"],
             explanation="SECRET-EXPLANATION-3"),
    ]


def _state_text(q: Quiz) -> str:
    return json.dumps(all_states(q.widget), default=str)


def _swap_key(item: Item) -> Item:
    """The same item with another option as its key."""
    d = item.to_dict()
    if isinstance(item.answer, list):
        d["answer"] = list(reversed(item.answer))
    elif item.options:
        d["answer"] = next(o for o in item.options if o != item.answer)
    else:
        d["answer"] = "zzzz"
    d["explanation"] = "other"
    return Item.from_dict(d)


@pytest.mark.parametrize("index", [0, 1, 2])
def test_widget_state_does_not_depend_on_the_key_before_answering(index):
    """If the browser state were any different with another key, the key would leak."""
    item = _items()[index]
    states = [all_states(Quiz([it]).widget) for it in (item, _swap_key(item))]
    strip = [[{k: v for k, v in s.items() if k not in {"children", "layout", "style"}}
              for s in st] for st in states]
    assert strip[0] == strip[1]
    text = _state_text(Quiz([item]))
    assert "SECRET-EXPLANATION" not in text
    if not item.options:
        assert item.answer not in text


def test_no_key_in_state_for_all_items_then_feedback_after_answer():
    events = []
    q = Quiz(_items())
    for _ in range(3):
        assert "SECRET-EXPLANATION" not in _state_text(q)
        q.next()
    clock = iter([0.0, 0.0, 4.5, 10.0, 12.0, 12.0, 13.0, 20.0, 21.0]).__next__
    q = Quiz(_items(), on_answer=lambda *a: events.append(a), clock=clock)
    assert q.answer("complex") is False
    assert "SECRET-EXPLANATION-1" in q.feedback.value and "simple" in q.feedback.value
    assert events[-1] == (q._round[0], "mcq", "A2", False, 4.5, 0.0)
    q.next()
    assert q.answer("Code") is True
    q.next()
    assert q.answer(["a large boat", "a fossil fuel"]) is True
    assert q.correct_count == 2
    assert q.retry_button.layout.display is None  # offered, one wrong
    q.retry()
    assert q.current["type"] == "mcq" and len(q._round) == 1
    assert q.answer("simple") is True and q.correct_count == 3


def test_text_is_escaped_and_classes_are_set():
    q = Quiz(_items())
    assert "<b>bold</b>" not in q.prompt.value
    q2 = Quiz([Item(type="cloze", prompt="A <script>x</script> _____.", answer="gap")])
    assert "<script>" not in q2.prompt.value and "&lt;script&gt;" in q2.prompt.value
    q3 = Quiz([Item(type="mcq", prompt="Pick _____.", answer="<i>a</i> & b",
                    options=["<i>a</i> & b", "c"], explanation="<img src=x onerror=alert(1)>")])
    q3.answer("c")
    assert "&lt;i&gt;a&lt;/i&gt; &amp; b" in q3.feedback.value
    assert "<img" not in q3.feedback.value
    assert "vs-quiz" in q.widget._dom_classes
    assert "vs-quiz-options" in q.answer_area.children[0]._dom_classes


def test_empty_answer_asks_for_one_and_empty_quiz_is_refused():
    q = Quiz(_items())
    q.check()
    assert "first" in q.feedback.value and not q._answered
    with pytest.raises(ValueError, match="at least one item"):
        Quiz([])


def test_every_generated_type_plays_in_the_quiz(article_source):
    """Each type builds its inputs, hides its key and explanation, and accepts its key."""
    from toolkit.exercises.registry import available, generate

    items, _ = generate(article_source, types=available(), n=42, seed=4)
    assert len({i.type for i in items}) == len(available()) == 14
    for item in items:
        q = Quiz([item])
        state = _state_text(q)
        assert item.explanation not in state
        if not item.options:
            assert json.dumps(item.answer)[1:-1] not in state
        assert q.answer(item.answer) is True
        assert "Correct!" in q.feedback.value
