"""Validity checks: an item with a wrong or ambiguous key is worse than no item.

`problems(item, source)` returns the reasons an item fails (empty when it passes). Every
type runs the shared checks (options distinct, key among options, answer not visible in
the prompt) and its own (the gap's answer is the removed word, the verb form is the named
tense, distractors are no synonyms or forms of the key, false statements are not in the
text...). Checks are independent of the generators: they recompute, never trust.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Callable, Iterable

from toolkit.exercises import lexicon as lx
from toolkit.exercises.forms import indefinite_article, realise
from toolkit.exercises.kinds import BLOCKERS, broader_senses, text_names_a_kind, text_nouns
from toolkit.model.items import ALL_TYPES, CHOICE_TYPES, GAP, MATCHING_TYPES, Item
from toolkit.model.tags import PENN_TO_NAME

if TYPE_CHECKING:
    from toolkit.exercises.registry import Source

Check = Callable[[Item, "Source | None"], "str | None"]


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _contains_word(text: str, word: str) -> bool:
    return bool(word.strip()) and re.search(
        r"(?<![\w-])" + re.escape(word.strip().lower()) + r"(?![\w-])", text.lower()) is not None


# ---- shared checks -------------------------------------------------------------------------

def known_type(item: Item, source: Source | None) -> str | None:
    return None if item.type in ALL_TYPES else "unknown item type"


def has_prompt_and_key(item: Item, source: Source | None) -> str | None:
    if not item.prompt.strip():
        return "empty prompt"
    if not item.answer or (isinstance(item.answer, list) and not all(a.strip() for a in item.answer)):
        return "empty answer"
    return None


def options_distinct(item: Item, source: Source | None) -> str | None:
    if item.type == "jumble":
        return None  # a sentence may use a word twice; jumble_is_permutation checks them
    normed = [_norm(o) for o in item.options]
    if len(set(normed)) != len(normed):
        return "options not distinct"
    spelt = [lx.spelling_key(o) for o in item.options]
    if len(set(spelt)) != len(spelt):
        return "an option repeats a word in another spelling"
    return None


def key_among_options(item: Item, source: Source | None) -> str | None:
    if item.type in CHOICE_TYPES:
        if len(item.options) < 2:
            return "fewer than two options"
        if sum(o == item.answer for o in item.options) != 1:
            return "key not exactly once among options"
    if item.type in MATCHING_TYPES:
        if not isinstance(item.answer, list) or len(item.answer) != len(item.stems):
            return "key does not match the stems"
        if any(a not in item.options for a in item.answer):
            return "key not exactly once among options"
        if item.type == "matching" and sorted(item.answer) != sorted(item.options):
            return "key not exactly once among options"
        if len(set(item.answer)) != len(item.answer) and item.type == "matching":
            return "key not unique"
    return None


def answer_not_in_prompt(item: Item, source: Source | None) -> str | None:
    if item.type in {"jumble", "pattern-choice", "tf", "tfng", "matching", "cloze-bank"}:
        return None  # their prompts show the material by design (checked per type)
    if isinstance(item.answer, str) and _contains_word(item.prompt, item.answer):
        return "answer visible in prompt"
    return None


# ---- gaps ----------------------------------------------------------------------------------

def gap_restores_source(item: Item, source: Source | None) -> str | None:
    """Putting the key into the gap gives back the article's sentence exactly."""
    if item.type not in {"cloze", "mcq", "word-formation", "verb-form"}:
        return None
    if item.prompt.count(GAP) != 1 or not isinstance(item.answer, str):
        return "gap answer is not the removed word"
    left, right = item.prompt.split(GAP)
    src, ans = item.source, item.answer
    for m in re.finditer(re.escape(ans), src):
        if left.endswith(src[:m.start()]) and right.startswith(src[m.end():]):
            return None
    return "gap answer is not the removed word"


def bank_restores_source(item: Item, source: Source | None) -> str | None:
    if item.type != "cloze-bank":
        return None
    text = item.prompt
    for i, ans in enumerate(item.answer):
        label = f"({i + 1}) {GAP}"
        if text.count(label) != 1:
            return "gap answer is not the removed word"
        text = text.replace(label, ans)
    if text != item.source:
        return "gap answer is not the removed word"
    if len({a.lower() for a in item.answer}) != len(item.answer):
        return "key not unique"
    return None


def distractors_not_key(item: Item, source: Source | None) -> str | None:
    """No distractor is a form, synonym, broader or narrower word of the key."""
    if item.type not in {"mcq", "vocab-in-context"} or not isinstance(item.answer, str):
        return None  # a list key is reported by key_among_options
    pos = lx.upos(item.extra.get("pos", ""))
    for o in item.options:
        if o != item.answer:
            why = lx.too_close(o, item.answer, pos if pos != "OTHER" else None)
            if why:
                return f"distractor is {indefinite_article(why)} {why}"
    return None


def agreement(item: Item, source: Source | None) -> str | None:
    """Every option takes the key's inflection, and agrees with an 'a'/'an' before the gap."""
    if item.type != "mcq":
        return None
    tag = item.extra.get("pos", "")
    before = item.prompt.split(GAP)[0].split()
    prev = before[-1].lower() if before else ""
    for o in item.options:
        if tag and not any(lx.inflect(lm, tag) == o.lower() for lm in lx.lemmas_of(o)):
            return "option breaks agreement"
        if prev in {"a", "an"} and indefinite_article(o) != prev:
            return "option breaks agreement"
    return None


# ---- grammar -------------------------------------------------------------------------------

def verb_form_matches(item: Item, source: Source | None) -> str | None:
    """The key is what lemminflect makes of the bracketed verb in the named tense."""
    if item.type != "verb-form":
        return None
    e = item.extra
    made = realise(e.get("lemma", ""), e.get("tense", ""), e.get("person", ""))
    if not made or made.lower() != str(item.answer).lower():
        return "form does not match the named tense"
    return None


def word_formation_changes_word(item: Item, source: Source | None) -> str | None:
    if item.type != "word-formation":
        return None
    base = item.extra.get("base", "")
    if not base or base.lower() in lx.forms_of(str(item.answer)):
        return "bracket word is the answer"
    return None


def pos_matches_tag(item: Item, source: Source | None) -> str | None:
    if item.type != "pos":
        return None
    if PENN_TO_NAME.get(item.extra.get("pos", "")[:2]) != item.answer:
        return "key disagrees with the tag"
    return None


# ---- patterns ------------------------------------------------------------------------------

def jumble_is_permutation(item: Item, source: Source | None) -> str | None:
    if item.type != "jumble":
        return None
    words = [w.lower() for w in str(item.answer).split()]
    options = [w.lower() for w in item.options]
    if sorted(options) != sorted(words):
        return "jumbled words differ from the answer"
    if options == words or any(options == a.lower().split() for a in item.accepted):
        return "words not jumbled"
    if any(sorted(a.lower().split()) != sorted(words) for a in item.accepted):
        return "an accepted order uses other words"
    return None


def wrong_orders_not_in_text(item: Item, source: Source | None) -> str | None:
    if item.type != "pattern-choice":
        return None
    if item.answer != item.source:
        return "key is not the article's sentence"
    if source is not None:
        article = {_norm(s.text) for s in source.sentences}
        if any(_norm(o) in article for o in item.options if o != item.answer):
            return "a distractor is in the article"
    return None


# ---- meaning -------------------------------------------------------------------------------

def definitions_hide_words(item: Item, source: Source | None) -> str | None:
    """A definition must not contain its own word (or a form of it)."""

    if item.type == "matching":
        pairs = list(zip(item.stems, item.answer))
    elif item.type == "vocab-in-context":
        m = re.search(r"means “(.*)”", item.prompt)
        pairs = [(str(item.answer), m.group(1) if m else "")]
    else:
        return None
    for word, definition in pairs:
        words = set(re.findall(r"[a-z]+", definition.lower()))
        if words & lx.forms_of(word):
            return "answer visible in prompt"
    return None


def one_option_has_the_meaning(item: Item, source: Source | None) -> str | None:
    """No other option has the defined sense, and every option is in the paragraph."""
    if item.type != "vocab-in-context":
        return None
    wn = lx.wordnet()
    synset = item.extra.get("synset", "")
    for o in item.options:
        if o == item.answer:
            continue
        if any(s.name() == synset for lm in lx.lemmas_of(o) for s in wn.synsets(lm)):
            return "key not unique"
    if source is not None:
        para = [s for s in source.sentences if s.paragraph + 1 == item.extra.get("paragraph")]
        text = " ".join(s.text for s in para)
        if any(not _contains_word(text, o) for o in item.options):
            return "option not in the paragraph"
    return None


# ---- comprehension -------------------------------------------------------------------------

def statement_truth(item: Item, source: Source | None) -> str | None:
    """True statements are in the text; false ones are not (and differ from their source)."""
    if item.type not in {"tf", "tfng"}:
        return None
    statement = item.prompt.removeprefix("True or false? ").removeprefix(NG_PROMPT)
    if item.answer not in {"True", "False"}:
        if item.type == "tfng" and item.answer == "Not given":
            return None  # not_given_checks
        return "key not among options"
    in_source = _norm(statement) == _norm(item.source)
    if source is not None:
        in_text = any(_norm(statement) in _norm(s.text) for s in source.sentences)
    else:
        in_text = in_source
    changes = item.extra.get("paraphrase")
    # items made before statements were paraphrased, and a teacher's edit back to the text's
    # own sentence (the generator never copies; a teacher may choose to)
    if changes is None or (in_text and item.answer == "True"):
        if item.answer == "True" and not in_text:
            return "true statement not in the text"
        if item.answer == "False" and (in_text or in_source):
            return "false statement is in the text"
        return None
    return _paraphrase_problem(item, statement, changes, in_text or in_source)


def _paraphrase_problem(item: Item, statement: str, changes: list, copied: bool) -> str | None:
    """A paraphrased statement: not a copy, parses as a sentence, its synonyms are synonyms,
    and with them undone it has the words of the article's sentence (true) or of the
    sentence with its one fact changed (false), in any order or voice."""
    from toolkit.exercises.statements import reads_as_sentence, same_words

    if copied:
        return "statement copies the text"
    broken = reads_as_sentence(statement)
    if broken:
        return broken
    for c in changes:
        if c.get("op") == "synonym" and not (
                lx.lemmas_of(c.get("new", "")) & lx.synonyms(c.get("old", ""))):
            return "a substituted word is no synonym"
    if item.answer == "True":
        if not same_words(statement, item.source, changes):
            return "true statement not in the text"
        return None
    changed = item.extra.get("changed", "")
    if not changed or _norm(changed) == _norm(item.source):
        return "false statement is in the text"  # no fact changed: it says what the text says
    old, new = Counter(_norm(item.source).split()), Counter(_norm(changed).split())
    if sum(((old - new) + (new - old)).values()) > 4:
        return "false statement changes more than one fact"
    if not same_words(statement, changed, changes):
        return "false statement changes more than one fact"
    return None


NG_PROMPT = "True, false or not given? "


def _text_words(source: Source | None, fallback: str) -> set[str]:

    texts = [s.text for s in source.sentences] if source is not None else [fallback]
    out: set[str] = set()
    for text in texts:
        for w in re.findall(r"[a-z]+", text.lower()):
            out.add(w)
            out.update(lx.lemmas_of(w))
    return out


def not_given_checks(item: Item, source: Source | None) -> str | None:
    """A not-given statement adds exactly one thing the text never mentions: a more specific
    kind of one of its nouns (a WordNet hyponym of it, no synonym, and the text names no kind
    of that noun) or a time phrase; it is no sentence of the text."""
    if item.type != "tfng" or item.answer != "Not given":
        return None
    statement = item.prompt.removeprefix(NG_PROMPT)
    sentences = [s.text for s in source.sentences] if source is not None else [item.source]
    if any(_norm(statement) in _norm(s) for s in sentences):
        return "not-given statement is in the text"
    if set(re.findall(r"[a-z']+", item.source.lower())) & BLOCKERS:
        return "not-given statement in a negative or general context"
    words = _text_words(source, item.source)
    e = item.extra
    if e.get("ng") == "specialise":
        new, form, old = e.get("new", ""), e.get("new_form", ""), e.get("replaced", "")
        if not new or new in words or form.lower() in words or lx.lemmas_of(new) & words:
            return "new word occurs in the text"
        if new in lx.synonyms(old, "NOUN"):
            return "new word is a synonym"
        wn = lx.wordnet()
        if not set(wn.synsets(old, pos="n")) & broader_senses(new):
            return "replaced word is not broader than the new word"
        try:
            sense = wn.synset(e.get("replaced_synset", ""))
        except Exception:  # noqa: BLE001  (nltk raises several kinds for a bad name)
            return "replaced word is not broader than the new word"
        nouns = text_nouns(source) if source is not None else words
        if sense not in wn.synsets(old, pos="n") or text_names_a_kind(sense, nouns):
            return "the text names a kind of the replaced word"
        # one change only: the statement is the source with the noun swapped (and a/an)
        a, b = _norm(statement).split(), _norm(item.source).split()
        diff = [(x, y) for x, y in zip(a, b) if x != y]
        if len(a) != len(b) or [x for x, _ in diff if x not in {"a", "an"}] != [form.lower()]:
            return "not-given statement changes more than one word"
        return None
    if e.get("ng") == "time":
        phrase = e.get("phrase", "")
        content = set(re.findall(r"[a-z]+", phrase.lower())) - {"on", "a"}
        if not content or content & words:
            return "new word occurs in the text"
        if _norm(statement) != _norm(item.source + " " + phrase):
            return "not-given statement changes more than one word"
        return None
    return "unknown not-given construction"


def answer_in_text(item: Item, source: Source | None) -> str | None:
    if item.type != "wh":
        return None
    if not item.prompt.rstrip().endswith("?"):
        return "question without a question mark"
    if not isinstance(item.answer, str) or item.answer not in item.source:
        return "answer not in the text"
    if source is not None and not any(item.source == s.text for s in source.sentences):
        return "answer not in the text"
    return None


CHECKS: tuple[Check, ...] = (
    known_type, has_prompt_and_key, options_distinct, key_among_options, answer_not_in_prompt,
    gap_restores_source, bank_restores_source, distractors_not_key, agreement,
    verb_form_matches, word_formation_changes_word, pos_matches_tag, jumble_is_permutation,
    wrong_orders_not_in_text, definitions_hide_words, one_option_has_the_meaning,
    statement_truth, not_given_checks, answer_in_text,
)


def problems(item: Item, source: Source | None = None) -> list[str]:
    """Every reason this item fails, in check order; [] when it is valid."""
    out = []
    for check in CHECKS:
        why = check(item, source)
        if why:
            out.append(why)
            if check in (known_type, has_prompt_and_key):
                break
    return out


def validate(items: Iterable[Item], source: Source | None = None) -> tuple[list[Item], Counter]:
    """(valid items, counts of the first failing reason of each dropped item)."""
    kept: list[Item] = []
    dropped: Counter[str] = Counter()
    for item in items:
        found = problems(item, source)
        if found:
            dropped[found[0]] += 1
        else:
            kept.append(item)
    return kept, dropped
