import json

import pytest

from toolkit.model.items import Item, items_from_json, items_to_json, normalise_answer


def _sample() -> list[Item]:
    return [
        Item(type="mcq", prompt="He _____ home.", answer="went", options=["went", "ran", "sat"],
             explanation="past of go", source="He went home.", target="go", level="A1",
             generator="mcq", version="1", seed=7, extra={"pos": "VBD"}),
        Item(type="matching", prompt="Match.", stems=["dog", "cat"],
             options=["a feline", "a canine"], answer=["a canine", "a feline"]),
        Item(type="verb-form", prompt="She _____ a letter. (write, past simple)", answer="wrote",
             accepted=["Wrote"]),
    ]


def test_json_round_trip_keeps_every_field():
    items = _sample()
    back = items_from_json(items_to_json(items))
    assert [i.to_dict() for i in back] == [i.to_dict() for i in items]
    assert json.loads(items_to_json(items))[0]["schema"] == 1


def test_ids_are_stable_and_depend_on_content():
    a, b = _sample()[0], _sample()[0]
    assert a.id == b.id
    b2 = Item(type="mcq", prompt="He _____ home.", answer="ran", options=["went", "ran", "sat"])
    assert b2.id != a.id


def test_unknown_fields_are_refused():
    d = _sample()[0].to_dict() | {"secret": 1}
    with pytest.raises(ValueError, match="unknown item fields"):
        Item.from_dict(d)


def test_public_view_holds_no_key_or_explanation():
    for item in _sample():
        pub = item.public()
        assert "answer" not in pub and "explanation" not in pub and "accepted" not in pub
        assert "past of go" not in json.dumps(pub)


def test_checking_answers():
    mcq, match, verb = _sample()
    assert mcq.check("went") and not mcq.check("ran") and not mcq.check(["went"])
    assert match.check(["a canine", "a feline"]) and not match.check(["a feline", "a canine"])
    assert verb.check("  WROTE. ") and not verb.check("writed")
    assert normalise_answer("Don’t  stop !") == "don't stop"
