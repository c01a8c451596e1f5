"""Reading comprehension from the article: true/false statements and wh-questions whose
answers are in the text.

False statements change one thing in a true sentence: a negation, an antonym, a number or
a name swapped for another name in the article. Questions are built only from sentences
whose shape is clear (subject first, then a finite verb), so fewer but well-formed ones.
"""

from __future__ import annotations

import random
import re

from toolkit.exercises import lexicon as lx
from toolkit.exercises.generators._common import usable_sentences
from toolkit.exercises.items import Item
from toolkit.exercises.registry import Source, register

SUBJECT_TAGS = frozenset({"DT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "PRP$", "CD",
                          "POS", "PRP"})
AUX = frozenset("""is are was were am has have had can could will would shall should may might
must do does did""".split())
NUMBER_WORDS = {"two": "four", "three": "five", "four": "two", "five": "three", "six": "eight",
                "seven": "nine", "eight": "six", "nine": "seven", "ten": "five",
                "twenty": "forty", "hundred": "thousand", "thousand": "hundred",
                "million": "billion", "billion": "million", "ninety": "sixty",
                "fifty": "thirty", "thirty": "fifty", "forty": "twenty", "sixty": "ninety"}
PERSONS = ("person.n.01", "people.n.01", "social_group.n.01", "organization.n.01")


def _replace(s, a: int, b: int, new: str) -> str:  # type: ignore[no-untyped-def]
    """Sentence text with characters [a, b) (article offsets) replaced."""
    return s.text[:a - s.start] + new + s.text[b - s.start:]


def subject_and_verb(s) -> int | None:  # type: ignore[no-untyped-def]
    """Index of the first finite verb when the sentence starts with a plain subject."""
    for i, t in enumerate(s.tokens[:8]):
        if t.pos in {"VBD", "VBZ", "VBP", "MD"}:
            return i if i >= 1 else None
        if t.pos not in SUBJECT_TAGS:
            return None
    return None


def number_swap(s, rng: random.Random) -> tuple[str, str] | None:  # type: ignore[no-untyped-def]
    for t in s.tokens:
        if t.pos != "CD":
            continue
        low = t.text.lower()
        if low in NUMBER_WORDS:
            return _replace(s, t.start, t.end, NUMBER_WORDS[low]), f"the text says “{t.text}”"
        if re.fullmatch(r"\d{1,4}", t.text):
            v = int(t.text)
            new = v + rng.choice([-3, -2, 2, 3]) if 1900 <= v <= 2100 else v * 2 if v else 5
            return _replace(s, t.start, t.end, str(new)), f"the text says “{t.text}”"
    return None


def _name_runs(s) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    runs, cur = [], []
    for t in [*s.tokens, None]:
        if t is not None and t.pos in {"NNP", "NNPS"} and t.is_word:
            cur.append(t)
        elif cur:
            runs.append((cur[0].start, cur[-1].end, " ".join(x.text for x in cur)))
            cur = []
    return runs


PLACE_PREPS = frozenset({"in", "to", "from", "at"})


def place_names(s) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    """Name runs right after in/to/from/at: places, so swapping one for another reads well."""
    out = []
    for a, b, name in _name_runs(s):
        before = s.text[:a - s.start].split()
        if a > s.start and before and before[-1].lower() in PLACE_PREPS:
            out.append((a, b, name))
    return out


def entity_swap(s, names: list[str], rng: random.Random) -> tuple[str, str] | None:  # type: ignore[no-untyped-def]
    runs = place_names(s)
    if not runs:
        return None
    a, b, name = rng.choice(runs)
    others = [n for n in names if n != name and n not in s.text and name not in n and n not in name]
    if not others:
        return None
    new = rng.choice(others)
    return _replace(s, a, b, new), f"the text says “{name}”, not “{new}”"


def antonym_swap(s) -> tuple[str, str] | None:  # type: ignore[no-untyped-def]
    wn = lx.wordnet()
    for t in s.tokens:
        pos = lx.upos(t.pos)
        if pos not in {"ADJ", "VERB"} or t.is_name or not t.is_word or t.lemma in {"be", "have", "do"}:
            continue
        for syn in wn.synsets(t.lemma, pos=lx.WN_POS[pos])[:1]:
            for lm in syn.lemmas():
                if lm.name() != t.lemma:
                    continue
                for ant in lm.antonyms():
                    form = lx.inflect(ant.name(), t.pos)
                    if form and lx.is_plain_word(form):
                        return (_replace(s, t.start, t.end, form),
                                f"the text says “{t.text}”, the opposite of “{form}”")
    return None


def negation(s) -> tuple[str, str] | None:  # type: ignore[no-untyped-def]
    """Negate the main clause's finite verb (or remove its 'not')."""
    i = subject_and_verb(s)
    if i is None:
        return None
    toks = s.tokens
    v = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and nxt.text.lower() in {"not", "n't"}:
        end = nxt.end
        return (s.text[:v.end - s.start] + s.text[end - s.start:],
                "the text says the opposite (it has “not”)")
    if v.text.lower() in AUX or v.pos == "MD":
        return _replace(s, v.start, v.end, v.text + " not"), "the text does not say “not”"
    if v.pos in {"VBD", "VBZ", "VBP"} and v.is_word:
        do = {"VBD": "did", "VBZ": "does", "VBP": "do"}[v.pos]
        return _replace(s, v.start, v.end, f"{do} not {v.lemma}"), "the text does not say “not”"
    return None


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


@register("tf", version="1", uses="article")
def true_false(source: Source, rng: random.Random, n: int) -> list[Item]:
    """True statements copied from the text; false ones with one change (see module doc)."""
    names = sorted({r[2] for s in source.sentences for r in place_names(s)})
    sents = [s for s in usable_sentences(source, 6, 30) if '"' not in s.text and "?" not in s.text]
    rng.shuffle(sents)
    items = []
    for k, s in enumerate(sents):
        make_false = k % 2 == 0
        if make_false:
            changes = [number_swap(s, rng), entity_swap(s, names, rng), antonym_swap(s), negation(s)]
            changes = [c for c in changes if c]
            if not changes:
                continue
            statement, why = changes[0]
            answer, explanation = "False", f"False: {why}. The text: “{s.text}”"
        else:
            statement, answer, explanation = s.text, "True", f"True: the text says “{s.text}”"
        items.append(Item(
            type="tf", prompt=f"True or false? {statement}", answer=answer,
            options=["True", "False"], source=s.text, target=statement,
            explanation=explanation, extra={"paragraph": s.paragraph + 1}))
    return items


def _finite_to_3sg(v) -> str:  # type: ignore[no-untyped-def]
    low = v.text.lower()
    table = {"are": "is", "were": "was", "have": "has", "do": "does"}
    if low in table:
        return table[low]
    if v.pos == "VBP":
        return lx.inflect(v.lemma, "VBZ") or v.text
    return v.text


def _is_person(head: str) -> bool:
    wn = lx.wordnet()
    for syn in wn.synsets(head, pos="n")[:2]:
        for path in syn.hypernym_paths():
            if any(p.name() in PERSONS for p in path):
                return True
    return False


def _question_body(s, i: int, drop: tuple[int, int] | None = None) -> str | None:  # type: ignore[no-untyped-def]
    """Subject-auxiliary inversion of the main clause, without the span `drop`."""
    toks = s.tokens
    subj = s.text[:toks[i].start - s.start]
    first = toks[0]
    if not (first.is_name or first.text == "I"):
        subj = subj[:1].lower() + subj[1:]
    rest = s.text[toks[i].end - s.start:]
    if drop:
        a, b = drop[0] - toks[i].end, drop[1] - toks[i].end
        if a < 0:
            return None
        rest = rest[:a] + rest[b:]
    rest = re.sub(r"\s+,", ",", re.sub(r"\s{2,}", " ", rest)).rstrip(" .!")
    v = toks[i]
    if v.text.lower() in AUX or v.pos == "MD":
        return f"{v.text.lower()} {subj.strip()}{rest}"
    if v.pos in {"VBD", "VBZ", "VBP"}:
        do = {"VBD": "did", "VBZ": "does", "VBP": "do"}[v.pos]
        return f"{do} {subj.strip()} {v.lemma}{rest}"
    return None


@register("wh", version="1", uses="article")
def wh_questions(source: Source, rng: random.Random, n: int) -> list[Item]:
    """Who/What (subject), When (a year), How many (a counted noun) and Why (because)."""
    items = []
    sents = usable_sentences(source, 5, 35)
    for s in sents:
        i = subject_and_verb(s)
        if i is None or '"' in s.text:
            continue
        toks = s.tokens
        subject = s.text[:toks[i].start - s.start].strip()
        head = toks[i - 1]
        made: list[tuple[str, str]] = []
        if head.pos.startswith("NN") and toks[0].pos != "PRP" and len(subject.split()) <= 5 \
                and head.text.lower() not in {"others", "some", "many", "most", "all"}:
            wh = "Who" if _is_person(head.lemma) else "What"
            rest = s.text[toks[i].end - s.start:].rstrip(" .!")
            made.append((f"{wh} {_finite_to_3sg(toks[i])}{rest}?", subject))
        for j, t in enumerate(toks):
            if j > i and t.text.lower() == "because":
                body = _question_body(s, i, (t.start - 1 if s.text[t.start - s.start - 1] == " " else t.start, s.end))
                answer = s.text[t.start - s.start:].rstrip(" .!")
                if body and len(answer.split()) >= 3:
                    made.append((f"Why {body}?", answer))
                break
            if j > i and t.pos == "CD" and re.fullmatch(r"(1[5-9]|20)\d\d", t.text) \
                    and toks[j - 1].text.lower() == "in":
                body = _question_body(s, i, (toks[j - 1].start - 1, t.end))
                if body:
                    made.append((f"When {body}?", t.text))
                break
        for q, a in made:
            q = q[:1].upper() + q[1:]
            items.append(Item(
                type="wh", prompt=q, answer=a, accepted=_variants(a), source=s.text, target=a,
                explanation=f"The text says: “{s.text}”", extra={"paragraph": s.paragraph + 1}))
    rng.shuffle(items)
    return items


def _variants(answer: str) -> list[str]:
    """Also accept the answer without a leading article or 'because'."""
    out = []
    m = re.match(r"(?i)(the|a|an|because|in)\s+(.*)", answer)
    if m:
        out.append(m.group(2))
    return out
