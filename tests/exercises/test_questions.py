"""Comprehension questions from the parse: kinds, inversion, checks, answer-aware choice, items,
the `questions` command and ROUGE-L."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit import cli
from toolkit.exercises import questions as Q
from toolkit.exercises.registry import Report, Source, run_one
from toolkit.language.research.rouge import best_rouge_l, lcs_length, rouge_l
from toolkit.model.items import CHOICE_TYPES

ROOT = Path(__file__).resolve().parents[2]
STORY = ("Mary lived with her brother in a small house near the wood. "
         "She went to the forest to find her brother. "
         "The fox ran away because the dog barked loudly. "
         "When the king heard the news, he ordered his soldiers to search the castle. "
         "Hans gave his lump of gold to the horseman. "
         "The princess was very sad. "
         "The old farmer found a small bag in the field in 1820. "
         "HANS had served his master seven years.")


@pytest.fixture(scope="module")
def story() -> list[Q.Question]:
    return Q.generate(Source.from_text(STORY).sentences, STORY)


def asked(questions: list[Q.Question]) -> dict[str, Q.Question]:
    return {q.question: q for q in questions}


@pytest.mark.parametrize("question, answer, kind", [
    ("Why did the fox run away?", "because the dog barked loudly", "why"),
    ("Why did Mary go to the forest?", "to find her brother", "why"),
    ("What did the king do when the king heard the news?",
     "ordered his soldiers to search the castle", "what-do"),
    ("Who did Hans give his lump of gold to?", "the horseman", "who-object"),
    ("What did Hans give to the horseman?", "his lump of gold", "what-object"),
    ("How did the princess feel?", "sad", "how-feel"),
    ("When did the old farmer find a small bag in the field?", "in 1820", "when"),
    ("How long had Hans served his master?", "seven years", "how-long"),
    ("Where did Mary live with her brother?", "in a small house near the wood", "where"),
])
def test_question_kinds_with_inversion_and_do_support(story, question, answer, kind):
    found = asked(story)
    assert question in found, sorted(found)
    assert (found[question].answer, found[question].kind) == (answer, kind)
    assert found[question].sentence in STORY  # the supporting sentence


def test_every_question_is_checked_and_ranked(story):
    low = STORY.lower()
    assert story[0].score == max(q.score for q in story)
    for q in story:
        assert q.question.endswith("?") and q.question[0].isupper()
        if q.kind not in {"inference", "vocabulary", "main-point"}:
            assert q.answer.lower() in low and q.answer.lower() not in q.question.lower()
    # the pronoun 'he' of a quoted speaker or a later sentence never stands alone as an answer
    assert not [q for q in story if q.answer.lower() in {"he", "she", "they"}]
    assert len({q.kind for q in story[:6]}) >= 4  # the first six are varied


def test_the_recheck_refuses_what_does_not_read_as_a_question():
    from toolkit.language.parser import parse_many

    def why(q: str) -> str | None:
        return Q.reads_as_question(parse_many([q], entities=False)[0], q)

    assert why("Why did the fox run away?") is None
    assert why("Did the fox run away?") is None
    assert why("The fox ran away?") == "no wh-word or auxiliary first"
    assert why("Why did the fox run away") == "does not end with '?'"
    assert why("Why the fox and the dog?") == "no verb at the root"


def test_an_answer_not_in_the_text_is_refused():
    q = Q.Question("Who found the bag?", "the miller", "The farmer found a bag.", "who", 1)
    assert Q.answerable(q, "the farmer found a bag.") == "answer not in the text"
    q.answer = "the farmer"
    assert Q.answerable(q, "the farmer found a bag.") is None
    q.question = "Who was the farmer?"
    assert Q.answerable(q, "the farmer found a bag.") == "answer in the question"


def test_answer_aware_questions_ask_for_that_answer(story):
    first = Q.for_answer(story, "the horseman")[0]
    assert first.question == "Who did Hans give his lump of gold to?"
    assert Q.for_answer(story, "because the dog barked loudly")[0].question == \
        "Why did the fox run away?"
    assert Q.for_answer(story, "a purple elephant") == []


def test_main_point_and_inference_questions():
    text = ("The wolf lived alone on the hill. Every night the wolf watched the village below. "
            "The wolf wanted a friend.\n\n"
            "One day a girl climbed the hill with a basket of bread. The girl sat under a tree. "
            "The girl wept because she was lost.")
    found = Q.generate(Source.from_text(text).sentences, text)
    main = [q for q in found if q.kind == "main-point"]
    assert [q.question for q in main] == ["What is paragraph 1 mainly about?",
                                          "What is paragraph 2 mainly about?"]
    assert all(q.answer in text for q in main)
    inference = [q for q in found if q.kind == "inference"]
    assert inference and inference[0].answer == "sad" and inference[0].evidence == "wept"
    assert "sad" not in text  # the answer is inferred, not copied


def test_comprehension_items_are_valid_choices_from_the_text(small_sources):
    source = Source.from_text(STORY)
    report = Report()
    items = run_one("comprehension", source, seed=3, n=8, report=report)
    assert items and not report.dropped, report.dropped
    choice = [i for i in items if i.type == "comprehension"]
    assert choice and "comprehension" in CHOICE_TYPES
    for item in choice:
        assert item.prompt.endswith("?") and item.options.count(item.answer) == 1
        assert len(item.options) >= 3
        wrong = [o for o in item.options if o != item.answer]
        assert all(o.lower() in STORY.lower() or o in Q.FEELING_OPTIONS for o in wrong), wrong
        assert item.check(item.answer) and not item.check(wrong[0])
    again = run_one("comprehension", source, seed=3, n=8)
    assert [i.to_dict() for i in again] == [i.to_dict() for i in items]  # seeded


def test_question_records_round_trip():
    q = Q.Question("Why did the fox run away?", "because the dog barked", "s", "why", 2, 0.9)
    assert Q.Question.from_dict(q.to_dict()) == q
    from toolkit.errors import UserInputError

    with pytest.raises(UserInputError, match="unknown question fields: colour"):
        Q.Question.from_dict({**q.to_dict(), "colour": "red"})


# ---- the command ---------------------------------------------------------------------------

def run_cli(monkeypatch, capsys, stdin: str, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(["questions", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_questions_json_reads_a_list_on_stdin(monkeypatch, capsys):
    entries = [{"text": STORY}, {"text": STORY, "answer": "the horseman"}, {"text": "  "}]
    code, out, err = run_cli(monkeypatch, capsys, json.dumps(entries), "--json", "--n", "5")
    assert code == 0, err
    lists = json.loads(out)
    assert len(lists) == 3 and all(isinstance(q, str) for q in lists[0])
    assert 1 <= len(lists[0]) <= 5 and all(q.endswith("?") for q in lists[0])
    assert lists[1][0] == "Who did Hans give his lump of gold to?"
    assert lists[2] == []


@pytest.mark.parametrize("stdin, message", [
    ("not json", "stdin is not JSON"),
    ('{"text": "x"}', "must hold a JSON list"),
    ('[{"txt": "x"}]', 'entry 1: expected an object with a "text" string'),
    ('[{"text": "A cat sat.", "answer": 3}]', 'entry 1: "answer" must be a string'),
    ('[{"text": "A cat sat.", "level": "B1"}]', "entry 1: unknown field(s) level"),
])
def test_questions_json_refuses_bad_input_clearly(monkeypatch, capsys, stdin, message):
    code, out, err = run_cli(monkeypatch, capsys, stdin, "--json")
    assert code == 2 and message in err and "Traceback" not in err and out == ""


def test_questions_needs_a_file_or_json(monkeypatch, capsys):
    code, _, err = run_cli(monkeypatch, capsys, "", )
    assert code == 2 and "give a text FILE, or --json" in err
    code, _, err = run_cli(monkeypatch, capsys, "", "no-such-file.txt")
    assert code == 2 and "no such file" in err


def test_questions_about_a_file_in_a_fresh_interpreter(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "toolkit", "questions", str(path), "--n", "3"],
                         capture_output=True, text=True, timeout=180, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("1. ") and out.stdout.count("   Answer: ") == 3
    out = subprocess.run([sys.executable, "-m", "toolkit", "questions", str(path), "--json",
                          "--answer", "seven years"], capture_output=True, text=True,
                         timeout=180, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    first = json.loads(out.stdout)[0]
    assert first["question"] == "How long had Hans served his master?"
    assert first["answer"] == "seven years" and first["sentence"].startswith("HANS had served")


# ---- ROUGE-L -------------------------------------------------------------------------------

def test_rouge_l_from_the_longest_common_subsequence():
    assert lcs_length("a b c d e".split(), "a c e x".split()) == 3
    assert lcs_length([], ["a"]) == 0
    assert rouge_l("Why did the fox run away?", "why did the fox run away") == 1.0
    # lcs("what did hans give", "what did the master give to hans") = 3 ("what did give")
    p, r = 3 / 4, 3 / 7
    assert rouge_l("What did Hans give?", "What did the master give to Hans?") == \
        pytest.approx(2 * p * r / (p + r))
    assert rouge_l("", "anything") == 0.0 and rouge_l("cats", "dogs") == 0.0
    assert rouge_l("a b c", "c b a") == rouge_l("c b a", "a b c")
    assert best_rouge_l("who ran away", ["why", "who ran"]) == pytest.approx(0.8)
    assert best_rouge_l("x", []) == 0.0
