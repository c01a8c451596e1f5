"""Reading comprehension from the article: true/false statements and wh-questions whose
answers are in the text.

False statements change one thing in a true sentence: a negation, an antonym, a number or
a name swapped for another name in the article. Questions are built only from sentences
whose shape is clear (subject first, then a finite verb), so fewer but well-formed ones.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING
import re

from toolkit.exercises import lexicon as lx
from toolkit.exercises.generators._common import usable_sentences
from toolkit.model.items import Item
from toolkit.exercises.registry import Source, register

if TYPE_CHECKING:
    from toolkit.model.text import Sentence, Token

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


def _replace(s: Sentence, a: int, b: int, new: str) -> str:
    """Sentence text with characters [a, b) (article offsets) replaced."""
    return s.text[:a - s.start] + new + s.text[b - s.start:]


OPENERS = frozenset({"but", "and", "then", "so", "now", "soon", "yet", "still", "also"})


def clause_start(s: Sentence) -> int:
    """Index of the first token after an opening 'But', 'Then', 'So,' ..."""
    toks, k = s.tokens, 0
    while k < len(toks) - 1 and (toks[k].text.lower() in OPENERS or toks[k].text == ","):
        k += 1
    return k


def subject_and_verb(s: Sentence) -> int | None:
    """Index of the first finite verb when the sentence (after an opener such as 'But')
    starts with a plain subject."""
    st = clause_start(s)
    for i in range(st, min(st + 8, len(s.tokens))):
        t = s.tokens[i]
        if t.pos in {"VBD", "VBZ", "VBP", "MD"}:
            span = s.tokens[st:i]
            # "This year the charity had ...": a time phrase before the subject, two NPs
            if any(a.pos.startswith("NN") and b.pos == "DT" for a, b in zip(span, span[1:])):
                return None
            return i if i > st else None
        if t.pos not in SUBJECT_TAGS:
            return None
    return None


BOUNDS = re.compile(r"(?i)\b(or more|or less|at least|at most|more than|less than|fewer than|"
                    r"over|under|up to|as much as|as many as|about|around|nearly|almost)\b")


def number_swap(s: Sentence, rng: random.Random) -> tuple[str, str] | None:
    """Change one number, unless a bound ("ten or more", "up to") could keep it true."""
    for t in s.tokens:
        if t.pos != "CD":
            continue
        window = s.text[max(0, t.start - s.start - 15):t.end - s.start + 10]
        if BOUNDS.search(window):
            continue
        low = t.text.lower()
        if low in NUMBER_WORDS:
            return _replace(s, t.start, t.end, NUMBER_WORDS[low]), f"the text says “{t.text}”"
        if re.fullmatch(r"\d{1,4}", t.text):
            v = int(t.text)
            new = v + rng.choice([-3, -2, 2, 3]) if 1900 <= v <= 2100 else v * 2 if v else 5
            return _replace(s, t.start, t.end, str(new)), f"the text says “{t.text}”"
    return None


def _name_runs(s: Sentence) -> list[tuple[int, int, str]]:
    runs, cur = [], []
    for t in [*s.tokens, None]:
        if t is not None and t.pos in {"NNP", "NNPS"} and t.is_word:
            cur.append(t)
        elif cur:
            runs.append((cur[0].start, cur[-1].end, " ".join(x.text for x in cur)))
            cur = []
    return runs


PLACE_PREPS = frozenset({"in", "to", "from", "at"})


def place_names(s: Sentence) -> list[tuple[int, int, str]]:
    """Name runs right after in/to/from/at: places, so swapping one for another reads well."""
    out = []
    for a, b, name in _name_runs(s):
        before = s.text[:a - s.start].split()
        if a > s.start and before and before[-1].lower() in PLACE_PREPS:
            out.append((a, b, name))
    return out


def entity_swap(s: Sentence, names: list[str], rng: random.Random) -> tuple[str, str] | None:
    runs = place_names(s)
    if not runs:
        return None
    a, b, name = rng.choice(runs)
    others = [n for n in names if n != name and n not in s.text and name not in n and n not in name]
    if not others:
        return None
    new = rng.choice(others)
    return _replace(s, a, b, new), f"the text says “{name}”, not “{new}”"


QUANTIFIERS = frozenset({"many", "few", "much", "little", "more", "less", "most", "least",
                         "several", "enough"})


def antonym_swap(s: Sentence) -> tuple[str, str] | None:
    wn = lx.wordnet()
    for t in s.tokens:
        pos = lx.upos(t.pos)
        if pos not in {"ADJ", "VERB"} or t.is_name or not t.is_word or t.lemma in {"be", "have", "do"}:
            continue
        if t.lemma.lower() in QUANTIFIERS:
            continue  # many -> few: "For few volunteers the day was ..." reads as broken
        if t.dep and pos == "ADJ" and t.dep not in {"amod", "acomp", "oprd"}:
            continue  # "in the wild" is a noun: "the tame" breaks the sentence
        for syn in wn.synsets(t.lemma, pos=lx.UPOS_TO_WORDNET[pos])[:1]:
            for lm in syn.lemmas():
                if lm.name() != t.lemma:
                    continue
                for ant in lm.antonyms():
                    form = lx.inflect(ant.name(), t.pos)
                    if form and lx.is_plain_word(form) and form.lower() not in s.text.lower() \
                            and lx.zipf(form) >= 3.0:
                        text = _replace(s, t.start, t.end, form)
                        k = s.tokens.index(t)
                        prev = s.tokens[k - 1] if k else None
                        if prev is not None and prev.text.lower() in {"a", "an"}:
                            from toolkit.exercises.forms import indefinite_article

                            art = indefinite_article(form)
                            art = art.capitalize() if prev.text[:1].isupper() else art
                            text = text[:prev.start - s.start] + art + text[prev.end - s.start:]
                        return (text, f"the text says “{t.text}”, the opposite of “{form}”")
    return None


def negation(s: Sentence) -> tuple[str, str] | None:
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



def false_statement(s: Sentence, names: list[str], rng: random.Random) -> tuple[str, str] | None:
    """(statement, why) with one change that makes the sentence false, or None.

    Every change is tried (so the rng is used the same way whichever applies); the first
    that applies and still parses as a sentence wins: a number, a place name, an antonym,
    then a negation. A one-word swap must keep the sentence's parse (`same_shape`).
    """
    from toolkit.exercises.statements import reads_as_sentence, same_shape

    changes = [number_swap(s, rng), entity_swap(s, names, rng), antonym_swap(s), negation(s)]
    for k, c in enumerate(changes):
        if not c or reads_as_sentence(c[0]):
            continue
        if k < 3 and not same_shape(s.text, c[0]):
            continue
        return c
    return None


def statement_pair(s: Sentence, names: list[str], rng: random.Random,
                   make_false: bool) -> tuple[str, str, dict] | None:
    """(statement, why, extra) for a true or false item made from `s`, said another way
    (`statements.paraphrase`); None when the sentence gives no such statement."""
    from toolkit.exercises.statements import analyzed, paraphrase

    if not make_false:
        made = paraphrase(s, rng)
        if not made:
            return None
        return made[0], f"the text says “{s.text}”", {"paraphrase": made[1]}
    change = false_statement(s, names, rng)
    if not change:
        return None
    changed, why = change
    new_words = set(re.findall(r"[\w']+", changed.lower())) - set(re.findall(r"[\w']+", s.text.lower()))
    parsed = analyzed(changed)
    if len(parsed) != 1:
        return None
    made = paraphrase(parsed[0], rng, avoid=new_words)
    if not made:
        return None
    return made[0], why, {"paraphrase": made[1], "changed": changed}

@register("tf", version="2", uses="article")
def true_false(source: Source, rng: random.Random, n: int) -> list[Item]:
    """True statements say a sentence of the text another way; false ones change one fact
    in it and are said another way too (see module doc and `toolkit.exercises.statements`)."""
    names = sorted({r[2] for s in source.sentences for r in place_names(s)})
    sents = [s for s in usable_sentences(source, 6, 30) if '"' not in s.text and "?" not in s.text]
    rng.shuffle(sents)
    items: list[Item] = []
    made_false = 0
    for s in sents:
        make_false = made_false * 2 < len(items) + 1  # about half false, half true
        made = statement_pair(s, names, rng, make_false)
        if not made:
            continue
        statement, why, extra = made
        made_false += make_false
        answer = "False" if make_false else "True"
        explanation = (f"False: {why}. The text: “{s.text}”" if make_false
                       else f"True: {why}")
        items.append(Item(
            type="tf", prompt=f"True or false? {statement}", answer=answer,
            options=["True", "False"], source=s.text, target=statement,
            explanation=explanation, extra={"paragraph": s.paragraph + 1, **extra}))
        if len(items) >= n + 2:  # each statement is parsed a few times: a spare or two
            break
    return items


def _finite_to_3sg(v: Token) -> str:
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


def _question_body(s: Sentence, i: int, drop: tuple[int, int] | None = None) -> str | None:
    """Subject-auxiliary inversion of the main clause, without the span `drop`."""
    toks = s.tokens
    st = clause_start(s)
    subj = s.text[toks[st].start - s.start:toks[i].start - s.start]
    first = toks[st]
    if not (first.is_name or first.text == "I"):
        subj = subj[:1].lower() + subj[1:]
    rest = s.text[toks[i].end - s.start:]
    if drop:
        a, b = drop[0] - toks[i].end, drop[1] - toks[i].end
        if a < 0:
            return None
        rest = rest[:a] + rest[b:]
    rest = re.sub(r"\s+,", ",", re.sub(r"\s{2,}", " ", rest)).rstrip(" .!,;")
    v = toks[i]
    have_to = v.lemma == "have" and i + 1 < len(toks) and toks[i + 1].text.lower() == "to"
    if (v.text.lower() in AUX or v.pos == "MD") and not have_to:
        return f"{v.text.lower()} {subj.strip()}{rest}"
    if v.pos in {"VBD", "VBZ", "VBP"}:
        do = {"VBD": "did", "VBZ": "does", "VBP": "do"}[v.pos]
        return f"{do} {subj.strip()} {v.lemma}{rest}"
    return None


FEELINGS = frozenset("""happy sad angry afraid glad delighted frightened surprised pleased sorry
worried ashamed proud excited lonely jealous curious tired hungry upset scared nervous unhappy
joyful grateful thankful miserable anxious furious amazed astonished disappointed embarrassed
calm comfortable uncomfortable sorrowful terrified""".split())
# Question kinds, most useful first; a sentence gives at most one question of each kind.
KIND_ORDER = ("why", "after", "feel", "object", "subject", "when")


def _clause_end(s: Sentence, start: int) -> int:
    """Article offset where the clause starting at token `start` ends (before ', and', ';')."""
    toks = s.tokens
    for j in range(start, len(toks)):
        t = toks[j]
        if t.text in {";", ":"} or (t.text == "," and j + 1 < len(toks)
                                    and toks[j + 1].pos in {"CC", "WDT", "WP", "IN"}):
            return t.start
        # "... but wolves stay away": a new clause with its own subject ends this one
        if j > start and (t.pos == "CC" or t.dep == "mark") \
                and subject_and_verb_from(s, j + 1) is not None:
            return t.start
    end = toks[-1]
    return end.start if not end.is_word else end.end


def _np_after(s: Sentence, j: int) -> tuple[int, int] | None:
    """A plain noun phrase (determiner, adjectives, nouns) starting at token j."""
    toks = s.tokens
    k = j
    while k < len(toks) and toks[k].pos in {"DT", "PRP$", "JJ", "CD", "NN", "NNS", "NNP", "NNPS"}:
        k += 1
    if k == j or not toks[k - 1].pos.startswith("NN"):
        return None
    return j, k


def _subject_text(s: Sentence, i: int) -> str:
    first = s.tokens[clause_start(s)]
    subj = s.text[first.start - s.start:s.tokens[i].start - s.start].strip()
    return subj if (first.is_name or first.text == "I") else subj[:1].lower() + subj[1:]


def question_candidates(s: Sentence) -> list[tuple[str, str, str]]:
    """(kind, question, answer) for one sentence; answers are spans of the sentence."""
    out: list[tuple[str, str, str]] = []
    i = subject_and_verb(s)
    if i is None or '"' in s.text or "“" in s.text:
        return out
    toks = s.tokens
    st = clause_start(s)
    v, head = toks[i], toks[i - 1]
    named_subject = head.pos.startswith("NN") and toks[st].pos != "PRP" \
        and head.text.lower() not in {"others", "some", "many", "most", "all"} and i - st <= 5
    clause_end = _clause_end(s, i + 1)
    for j, t in enumerate(toks):
        if j > i and t.text.lower() == "because":
            body = _question_body(s, i, (toks[j - 1].end if toks[j - 1].text == "," else t.start - 1, s.end))
            answer = s.text[t.start - s.start:].rstrip(" .!")
            if body and len(answer.split()) >= 3:
                out.append(("why", f"Why {body}?", answer))
            break
    # "X, and Y": what happened after X? -> Y (both clauses with their own subject).
    for j in range(i + 1, len(toks) - 3):
        if toks[j].text == "," and toks[j + 1].text.lower() in {"and", "then"}:
            k = j + 2
            if subject_and_verb_from(s, k) is not None:
                first = s.text[toks[st].start - s.start:toks[j].start - s.start]
                first = first if toks[st].is_name else first[:1].lower() + first[1:]
                second = s.text[toks[k].start - s.start:].rstrip(" .!")
                if 3 <= len(first.split()) <= 12:
                    happen = "happens" if v.pos in {"VBZ", "VBP"} else "happened"
                    out.append(("after", f"What {happen} after {first}?", second))
            break
    if v.lemma in {"be", "feel", "become", "look", "seem"} and i + 1 < len(toks):
        nxt = toks[i + 1] if toks[i + 1].pos != "RB" or i + 2 >= len(toks) else toks[i + 2]
        if nxt.text.lower() in FEELINGS and named_subject:
            tense = "did" if v.pos == "VBD" else ("does" if v.pos == "VBZ" else "do")
            out.append(("feel", f"How {tense} {_subject_text(s, i)} feel?", nxt.text))
    if v.pos in {"VBD", "VBZ", "VBP"} and v.lemma not in {"be", "have", "do", "say"} \
            and named_subject:
        np = _np_after(s, i + 1)
        if np:
            a, b = toks[np[0]].start, toks[np[1] - 1].end
            after = ""
            if np[1] < len(toks) and toks[np[1]].pos == "IN" and toks[np[1]].text.lower() != "that":
                # "found a bag in the field" -> "What did S find in the field?"
                after = " " + s.text[toks[np[1]].start - s.start:clause_end - s.start].rstrip(" .!,")
            elif np[1] < len(toks) and toks[np[1]].text not in {".", ",", "!", ";"}:
                np = None
            do = {"VBD": "did", "VBZ": "does", "VBP": "do"}[v.pos]
            if np and len(after.split()) <= 8:
                out.append(("object", f"What {do} {_subject_text(s, i)} {v.lemma}{after}?",
                            s.text[a - s.start:b - s.start]))
    if named_subject and head.lemma.lower() not in {"one", "ones", "other", "others"}:
        wh = "Who" if head.ent in {"PERSON", "NORP"} or _is_person(head.lemma) else "What"
        if head.is_name and wh == "What" and head.ent not in {"ORG", "GPE", "LOC", "FAC"}:
            wh = ""  # a name whose kind the parser does not know: no question
        rest = s.text[v.end - s.start:clause_end - s.start].rstrip(" .!,")
        if wh and 2 <= len(rest.split()) <= 10:  # long ones read as copied sentences
            out.append(("subject", f"{wh} {_finite_to_3sg(v)}{rest}?",
                        s.text[toks[st].start - s.start:v.start - s.start].strip()))
    for j, t in enumerate(toks):
        if j > i and t.pos == "CD" and re.fullmatch(r"(1[5-9]|20)\d\d", t.text) \
                and toks[j - 1].text.lower() == "in":
            body = _question_body(s, i, (toks[j - 1].start - 1, t.end))
            if body:
                out.append(("when", f"When {body}?", t.text))
            break
    return out


def subject_and_verb_from(s: Sentence, k: int) -> int | None:
    """Like subject_and_verb, for a clause starting at token k."""
    for j in range(k, min(k + 6, len(s.tokens))):
        t = s.tokens[j]
        if t.pos in {"VBD", "VBZ", "VBP", "MD"}:
            return j if j > k else None
        if t.pos not in SUBJECT_TAGS:
            return None
    return None


@register("wh", version="2", uses="article")
def wh_questions(source: Source, rng: random.Random, n: int) -> list[Item]:
    """Why (because), What happened after (X, and Y), How did S feel, What did S do-to
    (object), Who/What (subject), When (a year). Best kinds first, one question per
    sentence, so a section gets a few varied questions rather than many templated ones."""
    found = []
    for s in usable_sentences(source, 5, 35):
        cands = question_candidates(s)
        if cands:
            kind, q, a = min(cands, key=lambda c: KIND_ORDER.index(c[0]))
            found.append((KIND_ORDER.index(kind), rng.random(), s, kind, q, a))
    found.sort(key=lambda f: (f[0], f[1]))
    items = []
    for _, _, s, kind, q, a in found:
        q = q[:1].upper() + q[1:]
        items.append(Item(
            type="wh", prompt=q, answer=a, accepted=_variants(a), source=s.text, target=a,
            explanation=f"The text says: “{s.text}”",
            extra={"paragraph": s.paragraph + 1, "kind": kind}))
    return items


def _variants(answer: str) -> list[str]:
    """Also accept the answer without a leading article or 'because'."""
    out = []
    m = re.match(r"(?i)(the|a|an|because|in)\s+(.*)", answer)
    if m:
        out.append(m.group(2))
    return out
