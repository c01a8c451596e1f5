"""Sentence splitting and parenthetical removal on analysed sentences."""

from __future__ import annotations

from toolkit.language.analysis import analyze
from toolkit.language.split import drop_parentheticals, pieces_of, render, split_long, split_once


def _pieces(text: str):
    (sentence,) = analyze(text)
    return pieces_of(sentence)


def _split(text: str) -> list[str]:
    result = split_once(_pieces(text))
    return [render(p) for p in result[0]] if result else [text]


def test_render_keeps_original_spacing() -> None:
    text = "He said: “It’s fine (really), isn’t it?”"
    assert render(_pieces(text)) == text


def test_split_at_semicolon() -> None:
    assert _split("The shops were closed on Sunday; the museums stayed open all day.") == [
        "The shops were closed on Sunday.", "The museums stayed open all day."]


def test_split_at_coordination_of_two_clauses() -> None:
    assert _split("The team trained hard all winter, but they lost the final in May.") == [
        "The team trained hard all winter.", "But they lost the final in May."]
    parts = _split("The rain stopped in the morning, and the children went outside to play.")
    assert parts == ["The rain stopped in the morning.", "The children went outside to play."]


def test_no_split_when_a_half_is_not_a_clause() -> None:
    text = "She bought apples, pears and oranges at the market on Saturday."
    assert _split(text) == [text]


def test_split_off_trailing_relative_clause() -> None:
    assert _split("The company hired Ada Lovelace, who was known for her work on engines.") == [
        "The company hired Ada Lovelace.", "Ada Lovelace was known for her work on engines."]
    assert _split("They opened a new school, which has room for 300 pupils.") == [
        "They opened a new school.", "It has room for 300 pupils."]


def test_parenthetical_removed_unless_it_holds_a_number_or_name() -> None:
    pieces, removed = drop_parentheticals(_pieces("The plan (which was quite old) failed badly."))
    assert render(pieces) == "The plan failed badly." and removed == ["(which was quite old)"]
    text = "The budget (about 3% of the total) was cut."
    pieces, removed = drop_parentheticals(_pieces(text))
    assert render(pieces) == text and removed == []


def test_split_long_splits_repeatedly_until_short() -> None:
    text = ("The mayor opened the bridge on Monday, and the crowd cheered loudly for an hour, "
            "but the traffic stayed heavy all week; the drivers complained to the council.")
    parts, reasons = split_long(_pieces(text), max_words=12)
    assert len(parts) == 4 and len(reasons) == 3
    assert all(render(p)[0].isupper() and render(p).endswith(".") for p in parts)


def test_split_at_contrast_and_cause() -> None:
    assert _split("Rents have risen by 38% over the past decade, whereas salaries have increased "
                  "by only 14%.") == ["Rents have risen by 38% over the past decade.",
                                      "But salaries have increased by only 14%."]
    assert _split("The shop closed early, because the owner was ill with the flu.") == [
        "The shop closed early.", "This is because the owner was ill with the flu."]


def test_split_off_middle_relative_clause() -> None:
    assert _split("Barbara Stocking, who leads the charity, said the plan was unfair.") == [
        "Barbara Stocking leads the charity.", "Barbara Stocking said the plan was unfair."]
    assert _split("The old bridge, which was built in 1890, will close next month.") == [
        "The old bridge was built in 1890.", "It will close next month."]
    # The pronoun agrees with the relative clause's verb, not the nearest noun.
    assert _split("A group of local firms, which depends on the port, warned the council.") == [
        "A group of local firms depends on the port.", "It warned the council."]


def test_split_at_sentence_initial_although_and_because() -> None:
    assert _split("Although the museum was closed for repairs, the visitors waited outside "
                  "in the rain.") == ["The museum was closed for repairs.",
                                      "But the visitors waited outside in the rain."]
    assert _split("Because the river flooded in March, the farmers lost most of their crops.") \
        == ["The river flooded in March.", "So the farmers lost most of their crops."]
    # "While" also tells time, and a list after the first comma is no clause: no split.
    text = "While she was living in Paris, she met her future husband at a small cafe."
    assert _split(text) == [text]


def test_description_after_a_name_becomes_its_own_sentence() -> None:
    assert _split("Sylvio Ferreira, a science lecturer at the university, believes the "
                  "singer has won many hearts.") == [
        "Sylvio Ferreira is a science lecturer at the university.",
        "Sylvio Ferreira believes the singer has won many hearts."]
    assert _split("Maria Lopez, the head of the local school, said the plan would work.") == [
        "Maria Lopez was the head of the local school.",
        "Maria Lopez said the plan would work."]
    for text in ("Paris, London and Rome, are the cities we visited last summer.",
                 "Luxembourg, for example, issued more banknotes than any other country."):
        assert _split(text) == [text]


def test_result_participle_becomes_a_this_sentence() -> None:
    assert _split("A storm hit the coast on Monday, leaving thousands of homes without "
                  "power.") == ["A storm hit the coast on Monday.",
                                "This left thousands of homes without power."]
    assert _split("The new rules give parents a clear right, allowing them to object to the "
                  "plan.") == ["The new rules give parents a clear right.",
                               "This allows them to object to the plan."]
    # A reporting participle has the sentence's subject, not "this": no split.
    text = "The minister spoke to reporters for an hour, saying that the plan would work."
    assert _split(text) == [text]


def test_dash_aside_removed_only_when_asked_and_without_name_number_or_alternative() -> None:
    text = "The plant uses molten salt – the kind used in old solar towers – to store heat."
    assert render(drop_parentheticals(_pieces(text))[0]) == text
    kept, removed = drop_parentheticals(_pieces(text), dashes=True)
    assert render(kept) == "The plant uses molten salt to store heat."
    assert removed == ["– the kind used in old solar towers –"]
    for keep in ("The hotel – where Barack Obama stayed – closed last week.",
                 "Anitta – or her marketing team – chose a new look.",
                 "The offer – 20 free lessons – ends soon."):
        assert render(drop_parentheticals(_pieces(keep), dashes=True)[0]) == keep


def test_no_relative_split_that_would_lose_or_change_the_subject() -> None:
    for text in (
            "In São Paulo, which had seen the worst fights the week before, the march was calm.",
            "The report came from the Commission on the Coca Leaf, which supporters of the "
            "plan say was not based on evidence.",
            "The museum owns a painting by Rembrandt, which was found in an old house in 1990."):
        assert _split(text) == [text]
    assert _split("The museum owns a painting by Rembrandt, who lived in Amsterdam for most "
                  "of his life.") == ["The museum owns a painting by Rembrandt.",
                                      "Rembrandt lived in Amsterdam for most of his life."]


def test_no_coordination_split_inside_a_shared_object() -> None:
    text = ("The scientists first showed that rats can share, and act on, each other’s "
            "information by connecting their brains.")
    assert _split(text) == [text]
