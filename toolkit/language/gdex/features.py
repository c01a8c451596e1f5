"""The scorer's features: each looks at one analysed sentence and returns a score in 0..1
with the evidence behind it, so explanations and researchers see *why*, not just a number.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from toolkit.cefr import LEVELS
from toolkit.model.sentences import FeatureResult
from toolkit.model.text import Sentence, Token
from toolkit.language.gdex.config import GdexConfig
from toolkit.language.gdex.patterns import FINITE, find_patterns

# Words that, opening a sentence, tie it to the one before.
CONNECTORS = {"however", "but", "and", "so", "also", "then", "therefore", "yet", "still",
              "instead", "besides", "moreover", "furthermore", "meanwhile", "otherwise",
              "thus", "hence", "or", "nor", "nevertheless", "nonetheless", "finally",
              "afterwards", "consequently", "first", "second", "next"}
_DEMONSTRATIVE = {"this", "that", "these", "those", "such"}
_OPEN_QUOTES = "\"“‘'«"
_CLOSE = ".!?"
_LIST_START = re.compile(r"^\s*(?:[-*•–—]|\(?\d+[.)]|\(?[a-zA-Z][.)]\s)")
_ODD = set("()[]{}/@#|=<>~^*_\\")


def _clamp(x: float) -> float:
    return round(max(0.0, min(1.0, x)), 4)


def length(s: Sentence, level: int, cfg: GdexConfig, **_: Any) -> FeatureResult:
    """Within the level's sweet spot scores 1. Too short loses in proportion; too long loses
    twice as fast (a learner loses the thread), and so does a chain of clauses: every comma
    or semicolon past the third costs a fifth."""
    lo, hi = cfg.sweet_spots[LEVELS[level - 1]]
    n = len(s.words)
    if n < lo:
        score = n / lo
    elif n > hi:
        score = 1 - 2 * (n - hi) / hi
    else:
        score = 1.0
    breaks = sum(t.text in {",", ";", ":", "–", "—"} for t in s.tokens)
    score -= 0.2 * max(0, breaks - 3)
    return FeatureResult("length", _clamp(score), {"words": n, "sweet_spot": [lo, hi],
                                                   "clause_breaks": breaks})


def known_words(s: Sentence, level: int, cfg: GdexConfig, target_lemmas: frozenset[str] = frozenset(),
                **_: Any) -> FeatureResult:
    """Words at or above the learner's level, the way a reader feels them: one word a step
    above is free (it is what the learner comes to learn), a second costs a quarter, and
    each word two or more levels above costs 0.45. The score is the lower of that and the
    share of known words (1 at all known, 0 at `known_floor`). The target word itself and
    names do not count (names are judged by `clutter`)."""
    graded = [t for t in s.words if t.level and t.lemma.lower() not in target_lemmas]
    # A rare word is hard whatever a word list says (CEFR-J lists "contested" low).
    above = [t for t in graded if (t.level or 0) > level or 0 < t.zipf < cfg.rare_word_zipf]
    share = 1 - len(above) / len(graded) if graded else 0.0
    by_share = (share - cfg.known_floor) / (1 - cfg.known_floor) if graded else 0.0
    step = sum(t.level == level + 1 and t.zipf >= cfg.rare_word_zipf for t in above)
    far = len(above) - step
    by_count = 1 - 0.25 * max(0, step - 1) - 0.45 * far
    return FeatureResult("known_words", _clamp(min(by_share, by_count)), {
        "share": round(share, 4), "graded": len(graded),
        "above": [{"word": t.text, "lemma": t.lemma, "level": t.cefr,
                   "rare": t.zipf < cfg.rare_word_zipf} for t in above]})


def target_words(s: Sentence, level: int, cfg: GdexConfig,
                 target_lemmas: frozenset[str] = frozenset(), **_: Any) -> FeatureResult:
    """Useful words to learn next: one level above the learner and not rare, or the word
    the teacher asked for. One or two per sentence is ideal; none teaches nothing new."""
    seen: dict[str, dict[str, Any]] = {}
    for t in s.words:
        key = t.lemma.lower()
        asked = key in target_lemmas or t.text.lower() in target_lemmas
        step = bool(t.level) and t.level == level + 1 and t.zipf >= cfg.target_min_zipf
        if (asked or step) and key not in seen:
            seen[key] = {"word": t.text, "lemma": t.lemma,
                         "level": LEVELS[t.level - 1] if t.level else "", "asked": asked}
    n = len(seen)
    score = 0.0 if n == 0 else 1.0 if n <= cfg.target_max else max(0.2, 1 - 0.4 * (n - cfg.target_max))
    return FeatureResult("target_words", _clamp(score), {"targets": list(seen.values())})


def main_clause(s: Sentence, level: int, cfg: GdexConfig, **_: Any) -> FeatureResult:
    """A finite verb with a subject before it. Imperatives and questions score half: they
    are complete but show less of a statement's structure."""
    toks = s.tokens
    first = next((i for i, t in enumerate(toks) if t.pos in FINITE), None)
    if first is None:
        return FeatureResult("main_clause", 0.0, {"finite_verb": None, "kind": "no finite verb"})
    subject = any(t.pos.startswith(("NN", "PRP", "CD", "EX", "DT", "WP")) for t in toks[:first])
    question = s.text.rstrip(" \"”’'").endswith("?")
    kind = "question" if question else "statement" if subject else "no subject (imperative?)"
    return FeatureResult("main_clause", 1.0 if kind == "statement" else 0.5,
                         {"finite_verb": toks[first].text, "kind": kind})


def _extraposed_it(toks: list[Token], i: int) -> bool:
    """'It is hard to ...' / 'It seems that ...': a dummy 'it' that refers to nothing."""
    rest = [t.text.lower() for t in toks[i + 1:]]
    return bool(rest) and rest[0] in {"is", "was", "'s", "seems", "seemed", "will", "would", "can"} \
        and any(w in {"to", "that", "how", "why", "when", "whether", "if"} for w in rest[1:])


_PERSON_REF = {"he", "she", "him", "her", "his", "himself", "herself"}
_SINGULAR_REF = _PERSON_REF | {"it", "its", "itself"}
# Nouns that can be a 'he' or 'she'; with names and -er/-or/-ist/-ian nouns ("worker",
# "actor", "scientist") this keeps "One day, he ..." from resolving 'he' to 'day'.
PERSON_NOUNS = {
    "man", "woman", "boy", "girl", "child", "baby", "person", "friend", "father", "mother",
    "son", "daughter", "brother", "sister", "husband", "wife", "king", "queen", "prince",
    "princess", "uncle", "aunt", "cousin", "grandfather", "grandmother", "parent", "guest",
    "student", "pupil", "youth", "lady", "gentleman", "maiden", "monk", "priest", "knight",
    "giant", "witch", "wizard", "chief", "boss", "doctor", "nurse", "judge", "president",
    "minister", "official", "expert", "author", "artist", "poet", "guard", "soldier", "hero",
    "heroine", "neighbour", "neighbor", "stranger", "peasant", "servant", "master", "owner",
    "leader", "member", "citizen", "police", "officer", "agent", "customer", "client",
    "patient", "victim", "kid", "adult", "someone", "anyone", "everyone", "nobody",
    "one", "god", "goddess", "emperor", "lord", "fairy", "dwarf", "fox", "wolf", "bear", "dog",
    "cat", "horse", "bird", "lion", "mouse", "hen", "cow", "frog", "rabbit", "duck"}
_PERSON_SUFFIX = ("er", "or", "ist", "ian", "ess")
_PLURAL_REF = {"they", "them", "their", "themselves"}
_QUANTIFIERS = {"some", "others", "both", "many", "most", "several", "all", "neither", "either",
                "few"}
# Nouns that usually sum up what came before ("The idea was ...", "The answer is ...").
SHELL_NOUNS = {"idea", "plan", "scheme", "answer", "problem", "reason", "result", "decision",
               "report", "lesson", "proposal", "move", "change", "news", "situation", "question",
               "story", "case", "same", "latter", "former", "rest", "other", "others"}
_LOOSE_LINKS = {"also", "too", "however", "then", "therefore", "again", "either", "instead"}


def _problem(score: float, problem: str, word: str) -> FeatureResult:
    return FeatureResult("standalone", score, {"problem": problem, "word": word})


def standalone(s: Sentence, level: int, cfg: GdexConfig, **_: Any) -> FeatureResult:
    """Does the sentence make sense without the one before it?

    Fails (0) on a pronoun with no fitting noun before it ("He said ...", "Whenever Shiro
    came, they kicked him": 'they' has no plural noun), a quantifier standing for a noun
    ("Others pay ...", "A few are ..."), or a bare demonstrative ("This was ..."). Costs
    less for an opening connector ("However, ..."), a demonstrative or summing-up noun
    ("that cave", "The idea was ...", "the latter") and pointers like 'there', 'also'.
    """
    toks = [t for t in s.tokens if t.text not in _OPEN_QUOTES and t.text not in {"``", "`"}]
    if not toks:
        return _problem(0.0, "empty", "")
    low = [t.text.lower() for t in toks]
    found: list[FeatureResult] = []
    if low[0] in CONNECTORS and toks[0].pos in {"RB", "CC", "IN", "JJ"} and low[1:2] != ["of"]:
        found.append(_problem(0.4, "connector", toks[0].text))
    q = 1 if low[0] == "a" and len(low) > 1 and low[1] == "few" else 0
    if low[q] in _QUANTIFIERS and (_next_is_verb(toks, q) or low[q + 1:q + 3] in (
            ["of", "them"], ["of", "these"], ["of", "those"])):
        found.append(_problem(0.0, "pronoun", " ".join(t.text for t in toks[:q + 1])))
    if len(low) > 1 and low[0] == "the" and toks[1].lemma.lower() in SHELL_NOUNS:
        found.append(_problem(0.6, "demonstrative", f"{toks[0].text} {toks[1].text}"))
    if low[0] in {"another", "each"} and toks[0].pos == "DT":
        found.append(_problem(0.7, "pointer", toks[0].text))
    singular = person = plural = and_after_noun = verb_before = False
    for i, t in enumerate(toks):
        w = low[i]
        if t.pos in {"NN", "NNP"} or (t.is_name and t.is_word):
            plural = plural or and_after_noun  # "a man and his wife ... themselves"
            singular = True
            lemma = t.lemma.lower()
            person = person or t.is_name or t.pos == "NNP" or lemma in PERSON_NOUNS or (
                lemma.endswith(_PERSON_SUFFIX) and len(lemma) > 4)
        elif t.pos in {"NNS", "NNPS"}:
            plural = True
        elif t.pos == "CD" and i + 1 < len(toks) and toks[i + 1].pos.startswith("NN"):
            plural = True
        if w == "and" and (singular or plural):
            and_after_noun = True
        one_person = w == "one" and not (i + 1 < len(toks) and toks[i + 1].pos.startswith("NN"))
        if w in {"someone", "somebody", "anyone", "everyone", "nobody"} or one_person:
            singular = person = True  # not "One day, he ..."
        if w in _PERSON_REF and t.pos in {"PRP", "PRP$"} and not person:
            found.append(_problem(0.0, "pronoun", t.text))
        elif w in _SINGULAR_REF and t.pos in {"PRP", "PRP$"} and not singular:
            if not (w == "it" and _extraposed_it(toks, i)):
                found.append(_problem(0.0, "pronoun", t.text))
        elif w in _PLURAL_REF and t.pos in {"PRP", "PRP$"} and not plural:
            found.append(_problem(0.0, "pronoun", t.text))
        elif w in _DEMONSTRATIVE and t.pos in {"DT", "PDT", "JJ"}:
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            deictic = w in {"this", "these"} and ({"i", "you", "we", "me", "us"} & set(low))
            if nxt is not None and nxt.pos.startswith(("NN", "JJ", "CD")):
                if not deictic:  # "I think you will like this town": here and now
                    found.append(_problem(0.6, "demonstrative", f"{t.text} {nxt.text}"))
            elif w == "such" and nxt is not None and nxt.text.lower() in {"a", "an"}:
                found.append(_problem(0.6, "demonstrative", f"such {nxt.text}"))
            elif i == 0 or not verb_before:
                # before any verb, a bare 'this' needs the text before ("After this, ...")
                found.append(_problem(0.0, "pronoun", t.text))
            elif nxt is None or not nxt.pos.startswith(("VB", "MD")):
                # after a verb, as an object ("surprised at this"), it points back; as a
                # subject after a clause ("..., and this lifts the plane") it sums that up
                found.append(_problem(0.6, "pointer", t.text))
        elif w == "same" and i > 0 and low[i - 1] == "the":
            found.append(_problem(0.6, "demonstrative", "the same"))
        elif w == "the" and i + 1 < len(toks) and toks[i + 1].pos == "JJS" and (
                i + 2 >= len(toks) or not toks[i + 2].pos.startswith(("NN", "JJ"))):
            found.append(_problem(0.6, "demonstrative", f"the {toks[i + 1].text}"))
        elif w in {"latter", "former"} and i > 0 and low[i - 1] == "the":
            found.append(_problem(0.6, "demonstrative", f"the {t.text}"))
        elif w == "there" and t.pos == "RB":
            found.append(_problem(0.7, "pointer", t.text))
        elif w in _LOOSE_LINKS and t.pos.startswith("RB") and i > 0:
            found.append(_problem(0.8, "pointer", t.text))
        verb_before = verb_before or t.pos in FINITE
    if not found:
        return FeatureResult("standalone", 1.0, {"problem": None})
    return min(found, key=lambda f: f.score)


def _next_is_verb(toks: list[Token], i: int) -> bool:
    return i + 1 < len(toks) and toks[i + 1].pos.startswith(("VB", "MD"))


@lru_cache(maxsize=20_000)
def _name_zipf(name: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(name.lower(), "en")


def clutter(s: Sentence, level: int, cfg: GdexConfig, **_: Any) -> FeatureResult:
    """Rare names, numbers and odd symbols a learner must step over. Well-known names
    (Europe, China) are free; a run of name words ("North Korea") counts once."""
    items: list[str] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            name = " ".join(run)
            if min(_name_zipf(w) for w in run) < cfg.rare_name_zipf or len(run) > 3:
                items.append(name)
            run.clear()

    for t in s.tokens:
        if t.is_name:
            run.append(t.text)
            continue
        close_run()
        if t.pos == "CD" or any(c.isdigit() for c in t.text):
            items.append(t.text)
        elif t.text in _ODD:
            items.append(t.text)
    close_run()
    extra = max(0, len(items) - cfg.clutter_allowed)
    return FeatureResult("clutter", _clamp(1 - 0.4 * extra), {"items": items})


def form(s: Sentence, level: int, cfg: GdexConfig, **_: Any) -> FeatureResult:
    """Not a heading, list item, fragment or piece of a quotation. A quoted line with its
    speaker ("'Go,' said the king.") is complete but half as useful as plain prose."""
    text = s.text.strip()
    core = text.lstrip(_OPEN_QUOTES + " ")
    words = s.words
    problem, score = None, 1.0
    capitals = [t for t in words if t.text[:1].isupper()]
    if _LIST_START.match(text):
        problem, score = "list item", 0.0
    elif len(words) < cfg.min_words:
        problem, score = "fragment", 0.0
    elif not text.rstrip("\"”’')").endswith(tuple(_CLOSE)):
        title_case = len(capitals) >= 0.6 * len(words)
        problem, score = ("heading" if title_case or len(words) <= 12 else "no full stop"), 0.0
    elif not core[:1].isupper():
        problem, score = "starts mid-sentence", 0.0
    elif text.isupper():
        problem, score = "heading", 0.0
    else:
        straight = text.count('"')
        opened, closed = text.count("“"), text.count("”")
        if straight % 2 or opened != closed or text.count("(") != text.count(")"):
            problem, score = "piece of a quotation", 0.0
        elif straight or opened:
            problem, score = "quoted speech", 0.5
        elif old := _old_fashioned(s):
            problem, score = "old-fashioned wording", 0.3
            return FeatureResult("form", score, {"problem": problem, "words": len(words),
                                                 "old": old})
    return FeatureResult("form", score, {"problem": problem, "words": len(words)})


# Words and spellings of older prose a learner should not copy (fairy tales, classics).
ARCHAIC = {"thou", "thee", "thy", "thine", "ye", "hath", "doth", "dost", "art", "shalt", "wilt",
           "'tis", "twas", "'twas", "ere", "nay", "aye", "hither", "thither", "whither", "whence",
           "wherefore", "verily", "lo", "behold", "unto", "betwixt", "amongst", "whilst",
           "dwelt", "o'er", "e'er", "ne'er", "oft", "to-day", "to-morrow", "to-night", "methinks",
           "yonder", "perchance", "anon", "forsooth", "wherein", "whereupon", "thereupon", "midst"}


def _old_fashioned(s: Sentence) -> list[str]:
    """Archaic words, and 'verb + pronoun + not' ("she saw them not")."""
    toks = s.tokens
    low = [t.text.lower().replace("’", "'") for t in toks]
    found = [toks[i].text for i, w in enumerate(low) if w in ARCHAIC and not (
        w == "art" and toks[i].pos.startswith("NN"))]
    found += [toks[i].text for i, w in enumerate(low)  # "things shall go well with you"
              if w == "shall" and not (i and low[i - 1] in {"i", "we"}) and "?" not in low]
    for i in range(len(toks) - 2):
        if toks[i].pos in {"VBD", "VBZ", "VBP"} and toks[i].lemma not in {"be", "have", "do"} \
                and toks[i + 1].pos == "PRP" and low[i + 2] == "not":
            found.append(" ".join(t.text for t in toks[i:i + 3]))
    return found


def grammar(s: Sentence, level: int, cfg: GdexConfig, **_: Any) -> FeatureResult:
    """Named patterns worth noticing, valued by `pattern_values`; the best one counts fully,
    each further pattern a quarter, capped at 1."""
    found = find_patterns(s.tokens)
    values = sorted((cfg.pattern_values.get(p.name, 0.0) for p in found), reverse=True)
    score = (values[0] + 0.25 * sum(values[1:])) if values else 0.0
    return FeatureResult("grammar", _clamp(score), {"patterns": [p.to_dict() for p in found]})


DETECTORS = {"length": length, "known_words": known_words, "target_words": target_words,
             "main_clause": main_clause, "standalone": standalone, "clutter": clutter,
             "grammar": grammar, "form": form}
