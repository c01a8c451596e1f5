"""The learned substitutions (#15): simpler words human simplifiers write, learned from the
tune halves only, still checked in context; adverbs they leave out."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from toolkit.language import lexsub
from toolkit.language.adapt import PARSE_1, adapt
from toolkit.language.analysis import analyze

ROOT = Path(__file__).resolve().parents[2]


def test_the_table_holds_simpler_single_words_only() -> None:
    data = json.loads(lexsub.TABLE.read_text("utf-8"))
    assert len(data["replace"]) >= 20
    for key, (new, count, share) in data["replace"].items():
        lemma, pos = key.split("|")
        assert pos in {"n", "v", "a", "r"} and new.isalpha() and new != lemma
        assert count > 0 and 0 < share <= 1.5
    assert all(k.endswith("|r") for k in data["delete"])


def test_a_learned_word_replaces_a_word_at_the_level_and_is_logged() -> None:
    # "discovered" is A2 itself: only the table may offer a simpler word for it.
    text = ("Scientists discovered a new kind of frog in the forest near the old town last "
            "year, and the local people were very happy about it.")
    a = adapt(text + " " + text.replace("frog", "bird"), "A2", shorten=False)
    learned = [c for c in a.changes if c.rule == "learned-word"]
    assert any(c.before == "discovered" and c.after == "found" for c in learned), a.changes
    assert "found a new kind of frog" in a.text
    before = adapt(text + " " + text.replace("frog", "bird"), "A2", shorten=False, method=PARSE_1)
    assert not any(c.rule == "learned-word" for c in before.changes)
    assert "discovered a new kind of frog" in before.text


def test_a_learned_word_is_reinflected_and_still_checked_in_context() -> None:
    (s,) = analyze("The company purchased three old farms near the river in 2019.")
    i = next(k for k, t in enumerate(s.tokens) if t.text == "purchased")
    choice = lexsub.choices(s, [i], 2)[i]
    assert choice is not None and choice.word == "bought" and choice.relation == lexsub.LEARNED
    # The table is not enough on its own: below the encoder's bar the pair is refused.
    assert lexsub.choices(s, [i], 2, threshold=1.01)[i] is None


def test_an_adverb_simplifiers_leave_out_goes_up_to_b1() -> None:
    text = ("The museum is currently closed to visitors because workers are repairing the old "
            "roof and the windows. It will open again in the spring, the city council said.")
    a2 = adapt(text, "A2", shorten=False)
    assert "currently" not in a2.text and "The museum is closed" in a2.text
    assert any(c.before == "currently" and c.rule == "drop-adverb" for c in a2.changes)


def _learner():
    spec = importlib.util.spec_from_file_location(
        "learn_substitutions", ROOT / "benchmarks" / "learn_substitutions.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_learner_reads_the_tune_half_only(tmp_path: Path) -> None:
    # A small corpus in TurkCorpus's layout: line 0 (tune) replaces "purchased", line 1
    # (held-out) replaces "obtained"; only the first may be learned.
    turk = tmp_path / "turkcorpus"
    turk.mkdir()
    src = ["The firm purchased a large farm .", "The firm obtained a large farm ."]
    ref = ["The firm bought a large farm .", "The firm got a large farm ."]
    (turk / "tune.8turkers.tok.norm").write_text("\n".join(src) + "\n")
    for k in range(8):
        (turk / f"tune.8turkers.tok.turk.{k}").write_text("\n".join(ref) + "\n")
    out = tmp_path / "table.json"
    assert _learner().main(["--data", str(tmp_path), "--out", str(out)]) == 0
    table = json.loads(out.read_text())["replace"]
    assert table.get("purchase|v", [None])[0] == "buy"
    assert "obtain|v" not in table
