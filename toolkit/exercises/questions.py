"""Reading-comprehension questions from the dependency parse, each with its answer and the
sentence that supports it.

Why a parse and not templates over tag sequences: the parse says which words are the subject,
the object, a time or place phrase or a reason clause, so one clause yields several questions
(who / what / when / where / why / how) with correct inversion ("Why did the fox run away?").
Every question is re-parsed and kept only when it reads as a question (a wh-word or auxiliary
first, a verb at the root, a final '?'), and its answer (or, for an inference, the evidence) is a
span of the text. Paragraph main-point, inference and vocabulary-in-context questions add a few
that go beyond copying one sentence. Ranked best first by a small hand-set score tuned on part
of FairytaleQA (benchmarks/questions_eval.py).
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from toolkit.errors import UserInputError

if TYPE_CHECKING:
    from toolkit.model.text import Sentence, Token

log = logging.getLogger(__name__)

WH_TAGS = frozenset({"WP", "WRB", "WDT", "WP$"})
SUBJ = frozenset({"nsubj", "nsubjpass"})
AUX_DEPS = frozenset({"aux", "auxpass"})
# dependents never carried into a question body (other clauses, speech, punctuation, openers)
DROP_DEPS = frozenset({"punct", "cc", "conj", "ccomp", "parataxis", "dep", "mark", "intj",
                       "discourse", "meta", "appos", "csubj", "preconj"})
OPENERS = frozenset({"but", "and", "then", "so", "now", "yet", "still", "also", "however",
                     "well", "oh", "thus", "there", "here"})
TIME_MARKS = frozenset({"when", "after", "before", "while", "until", "till", "once", "as soon as",
                        "whenever"})
REASON_MARKS = frozenset({"because", "since", "for"})
# 'as' gives a reason with a state ('As the king was old, ...'), a time with an event
STATIVE = frozenset("""be have know want feel think seem love fear wish need believe""".split())
PLACE_PREPS = frozenset({"in", "into", "at", "on", "to", "from", "under", "near", "by", "through",
                         "behind", "beside", "inside", "outside", "across", "over", "towards",
                         "toward", "beneath", "out", "onto", "along", "up", "down", "around",
                         "round", "past", "within", "among", "between", "above", "below"})
TIME_PREPS = frozenset({"in", "on", "at", "after", "before", "during", "until", "till", "by",
                        "since", "for", "within"})
DURATION_NOUNS = frozenset("""year years day days month months week weeks hour hours night nights
minute minutes while time times century centuries""".split())
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them", "i", "me", "we", "us",
                             "you", "himself", "herself", "themselves"})
FEELINGS = frozenset("""happy sad angry afraid glad delighted frightened surprised pleased sorry
worried ashamed proud excited lonely jealous curious tired hungry upset scared nervous unhappy
joyful grateful thankful miserable anxious furious amazed astonished disappointed embarrassed
calm comfortable uncomfortable sorrowful terrified merry sorrowful overjoyed displeased
annoyed enraged cross frightful joyous content contented wretched""".split())
# reaction verbs whose feeling a reader infers ("she wept" -> sad)
REACTIONS = {"weep": "sad", "cry": "sad", "sob": "sad", "mourn": "sad", "grieve": "sad",
             "laugh": "happy", "smile": "happy", "rejoice": "happy", "dance": "happy",
             "tremble": "afraid", "shiver": "afraid", "shudder": "afraid", "flee": "afraid",
             "scream": "afraid", "shriek": "afraid", "blush": "embarrassed", "sigh": "sad",
             "frown": "unhappy", "scowl": "angry", "rage": "angry", "storm": "angry",
             "stamp": "angry", "gasp": "surprised", "stare": "surprised", "thank": "grateful"}
MALE = frozenset("""man boy king prince father son brother husband lord sir master monk giant
wizard uncle grandfather knight emperor duke fellow lad gentleman priest youth sultan shepherd
farmer miller tailor soldier huntsman fisherman woodcutter peasant merchant""".split())
FEMALE = frozenset("""woman girl queen princess mother daughter sister wife lady maiden witch
aunt grandmother empress duchess maid lass stepmother widow fairy""".split())
SPEECH = frozenset("""say tell ask reply answer cry shout call whisper exclaim think know
declare add answer beg continue scream""".split())
PERSON_ROOTS = ("person.n.01", "people.n.01", "social_group.n.01", "organization.n.01",
                "animal.n.01", "spiritual_being.n.01")
PLACE_ROOTS = ("location.n.01", "structure.n.01", "area.n.05", "geological_formation.n.01",
               "body_of_water.n.01", "room.n.01", "land.n.04", "vessel.n.02",
               "natural_elevation.n.01", "way.n.06", "container.n.01", "furniture.n.01")
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
TIME_ENTS = frozenset({"DATE", "TIME"})

# Kind priors (higher first); tuned on the FairytaleQA tuning part, see docs/exercises.md.
KIND_REPEAT = 0.95  # a repeated kind steps back a little (variety)
SENTENCE_REPEAT = 0.85  # a second question on one sentence steps back (cover the text)
PRIOR = {"what-said": 0.95, "why": 1.0, "what-do": 1.0, "how-feel": 0.95, "who-object": 0.7,
         "what-object": 0.7, "who": 0.45, "what": 0.45, "where": 0.65, "when": 0.6,
         "how-long": 0.7, "how-often": 0.6, "how": 0.6, "what-happened": 0.8, "inference": 0.55,
         "what-intent": 0.9, "why-across": 0.9, "who-is": 0.6,
         "main-point": 0.3, "vocabulary": 0.25}


@dataclass
class Question:
    """One question with its key: `answer` is a span of the text except for an inference or a
    vocabulary question, where `evidence` is the span that supports the answer."""

    question: str
    answer: str
    sentence: str  # the supporting sentence (or paragraph opening, for a main-point question)
    kind: str
    paragraph: int  # 1-based
    score: float = 0.0
    evidence: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Question:
        names = {f.name for f in fields(cls)}
        unknown = set(d) - names
        if unknown:
            raise UserInputError(f"unknown question fields: {', '.join(sorted(unknown))}")
        return cls(**{k: v for k, v in d.items() if k in names})


# ---- the parse as a tree ----------------------------------------------------------------------

class Tree:
    """A sentence's tokens (0-based) with children lists and subtree spans."""

    def __init__(self, s: Sentence) -> None:
        self.s = s
        self.toks: list[Token] = s.tokens
        self.kids: list[list[int]] = [[] for _ in self.toks]
        self.root = 0
        for i, t in enumerate(self.toks):
            if t.head and 0 < t.head <= len(self.toks) and t.head - 1 != i:
                self.kids[t.head - 1].append(i)
            else:
                self.root = i
        self._span: dict[int, tuple[int, int]] = {}

    def span(self, i: int) -> tuple[int, int]:
        """First and last token index of i's subtree."""
        if i not in self._span:
            lo = hi = i
            for k in self.kids[i]:
                a, b = self.span(k)
                lo, hi = min(lo, a), max(hi, b)
            self._span[i] = (lo, hi)
        return self._span[i]

    def text(self, a: int, b: int) -> str:
        """Text of tokens a..b (inclusive) as written."""
        if a > b:
            return ""
        s = self.s
        return s.text[self.toks[a].start - s.start:self.toks[b].end - s.start]

    def sub(self, i: int) -> str:
        return self.text(*self.span(i))

    def child(self, i: int, deps: Iterable[str]) -> int | None:
        want = set(deps)
        return next((k for k in self.kids[i] if self.toks[k].dep in want), None)


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:!?'])", r"\1", text)
    text = re.sub(r"\s+n't\b", "n't", text)
    return text.strip(" ,;:-—–\"“”'‘’")


# ---- who is a person, what is a place -------------------------------------------------------

def _wn_under(lemma: str, roots: Sequence[str], senses: int = 2) -> bool:
    from toolkit.exercises import lexicon as lx

    try:
        synsets = lx.wordnet().synsets(lemma.lower(), pos="n")[:senses]
    except Exception:  # noqa: BLE001 - a lemma WordNet cannot read is simply not a person
        return False
    for syn in synsets:
        for path in syn.hypernym_paths():
            if any(p.name() in roots for p in path):
                return True
    return False


def is_person(tree: Tree, i: int) -> bool:
    """Whether the noun phrase headed by i names a person (or, as a subject, an animal: the
    characters of a story)."""
    t = tree.toks[i]
    if t.dep not in SUBJ and t.upos == "NOUN":
        return _wn_under(t.lemma, PERSON_ROOTS[:-2], 1)
    if t.ent == "PERSON" or t.ent == "NORP" or t.text.lower() in PERSON_PRONOUNS:
        return True
    if t.upos == "PROPN" and t.ent not in PLACE_ENTS | TIME_ENTS | {"ORG"}:
        return True
    return t.upos == "NOUN" and _wn_under(t.lemma, PERSON_ROOTS, 1)


def is_place(tree: Tree, i: int) -> bool:
    t = tree.toks[i]
    if t.ent in PLACE_ENTS:
        return True
    return t.upos in {"NOUN", "PROPN"} and t.ent not in TIME_ENTS and _wn_under(t.lemma, PLACE_ROOTS, 1)


# ---- clauses ------------------------------------------------------------------------------------

@dataclass
class Clause:
    """A verb with its subject and auxiliaries, enough to build questions about it."""

    tree: Tree
    verb: int
    subj: int | None  # head of the subject phrase (in this clause or inherited from a conjunct)
    subj_text: str  # as it should read inside a question (a resolved name for he/she)
    auxes: list[int]
    neg: int | None
    resolved: bool  # the subject is a noun phrase, not an unresolved pronoun


def _subject_text(tree: Tree, i: int, names: dict[str, str]) -> tuple[str, bool]:
    """The subject as it reads after an inverted auxiliary; pronouns resolved to the last
    named character when one is known."""
    t = tree.toks[i]
    low = t.text.lower()
    if low in {"he", "she", "they"} and names.get(low):
        return names[low], True
    text = _np(tree, i)
    return text, t.upos != "PRON" or low in {"i", "we", "you"}


def _np(tree: Tree, i: int) -> str:
    """A noun phrase as it reads inside a question: 'The king' -> 'the king', 'HANS' -> 'Hans'."""
    a, b = tree.span(i)
    words = []
    for k in range(a, b + 1):
        t = tree.toks[k]
        w = t.text
        if w.isupper() and len(w) > 1 and t.upos == "PROPN":
            w = w.capitalize()
        if k == a and w != "I" and t.ent != "PERSON" and (
                t.upos in {"DET", "PRON", "NUM", "ADJ", "ADV", "ADP", "SCONJ", "CCONJ"}
                or t.upos == "NOUN" and _in_wordnet(t.lemma)):
            w = w[:1].lower() + w[1:]
        words.append((w, t.start))
    out = ""
    for n, (w, start) in enumerate(words):
        if n:
            prev_end = tree.toks[a + n - 1].end
            out += " " if start > prev_end else ""
        out += w
    return _clean(out)


def _in_wordnet(word: str) -> bool:
    from toolkit.exercises import lexicon as lx

    low = word.lower()
    return any(lm.name().lower() == low for syn in lx.wordnet().synsets(low) for lm in syn.lemmas())


def remember(tree: Tree, i: int, names: dict[str, str]) -> None:
    """Keep a person subject for the he/she/they that follow."""
    t = tree.toks[i]
    if t.upos == "PRON":
        return
    if t.upos == "PROPN" and t.ent in {"PERSON", ""}:
        name = _np(tree, i)
        gender = names.get("gender:" + name.lower(), "")
        if t.pos == "NNPS":
            names["they"] = name
        elif gender:
            names[gender] = name
        elif t.lemma.lower() not in MALE | FEMALE:
            names["he"] = names["she"] = name
        return
    if t.upos == "NOUN" and t.dep in SUBJ:
        lemma = t.lemma.lower()
        if t.pos == "NNS" and is_person(tree, i):
            names["they"] = _np(tree, i)
        elif lemma in MALE:
            names["he"] = _np(tree, i)
        elif lemma in FEMALE:
            names["she"] = _np(tree, i)


def clauses(tree: Tree, names: dict[str, str]) -> list[Clause]:
    """Finite clauses: the root and conjoined or subordinate verbs with a subject (a conjunct
    without one shares its head's)."""
    out = []
    quoted = _quoted(tree)
    for i, t in enumerate(tree.toks):
        if t.upos not in {"VERB", "AUX"} or i in quoted:
            continue
        if t.dep not in {"ROOT", "conj", "advcl", "ccomp"} or t.pos in {"VBG", "VB", "TO"} and \
                not tree.child(i, AUX_DEPS):
            continue
        if t.dep == "ROOT" and any(tree.toks[k].dep in {"nsubj", "nsubjpass"} and
                                   tree.toks[k].pos in WH_TAGS for k in tree.kids[i]):
            continue
        subj = tree.child(i, SUBJ)
        if subj is None and t.dep == "conj":
            head = t.head - 1
            subj = tree.child(head, SUBJ)
        if subj is None or tree.toks[subj].pos in WH_TAGS or subj in quoted:
            continue
        if tree.toks[subj].text.lower() in {"it", "that", "this", "there", "which", "who"}:
            continue
        if tree.toks[subj].text.lower() in {"i", "we", "you", "thou", "ye"}:
            continue  # 'What do I ask one thing of you?': a speaker's line, or a writer's 'we'
        auxes = [k for k in tree.kids[i] if tree.toks[k].dep in AUX_DEPS and k < i]
        if t.dep == "conj" and not auxes and tree.child(i, SUBJ) is None:
            head = t.head - 1
            auxes = [k for k in tree.kids[head] if tree.toks[k].dep in AUX_DEPS and k < head]
            if auxes and tree.toks[head].pos != t.pos:
                auxes = []
        if t.pos not in {"VBD", "VBZ", "VBP", "MD"} and not auxes:
            continue
        neg = tree.child(i, {"neg"})
        text, resolved = _subject_text(tree, subj, names)
        a, b = tree.span(subj)
        if len(text.split()) > 10 or len(text.split()) > 6 and any(
                tree.toks[j].dep in {"relcl", "acl"} for j in range(a, b + 1)):
            continue  # 'an old tailor known as Baba Mustafa whom she pays': no clear question
        out.append(Clause(tree, i, subj, text, auxes, neg, resolved))
        remember(tree, subj, names)
    return out


def genders(trees: Sequence[Tree]) -> dict[str, str]:
    """'gender:<name>' -> 'he' or 'she' from the first gendered pronoun after a name's
    first mention as a subject (within the next 40 tokens)."""
    flat = [(t, tree) for tree in trees for t in tree.toks]
    out: dict[str, str] = {}
    for n, (t, tree) in enumerate(flat):
        if t.dep in SUBJ and t.upos == "PROPN":
            key = "gender:" + _np(tree, tree.toks.index(t)).lower()
            if key in out:
                continue
            for u, _ in flat[n + 1:n + 41]:
                low = u.text.lower()
                if low in {"he", "his", "him", "himself"}:
                    out[key] = "he"
                    break
                if low in {"she", "her", "hers", "herself"}:
                    out[key] = "she"
                    break
    return out


def _quoted(tree: Tree) -> set[int]:
    """Token indexes inside quotation marks (speech is not narrated fact)."""
    inside, out = False, set()
    for i, t in enumerate(tree.toks):
        if t.pos == "``" or t.text == "“":
            inside = True
        elif t.pos == "''" or t.text == "”":
            inside = False
        elif inside:
            out.add(i)
    return out


def _do(tag: str) -> str:
    return {"VBD": "did", "VBZ": "does", "VBP": "do"}.get(tag, "did")


def _third_person(tree: Tree, v: int) -> str:
    """The finite verb agreeing with 'who/what' (3rd person singular)."""
    from toolkit.exercises import lexicon as lx

    t = tree.toks[v]
    low = t.text.lower()
    table = {"are": "is", "were": "was", "have": "has", "do": "does", "'re": "is", "am": "is"}
    if low in table:
        return table[low]
    if t.pos == "VBP":
        return lx.inflect(t.lemma, "VBZ") or t.text
    return low if t.upos == "AUX" else t.text


def _rest(c: Clause, drop: set[int], extra_drop: Iterable[int] = ()) -> list[tuple[int, int]]:
    """Spans of the verb's right-hand dependents kept in the question body (in order)."""
    tree = c.tree
    out = []
    skip = set(drop) | set(extra_drop)
    for k in sorted(tree.kids[c.verb]):
        if k < c.verb or k in skip:
            continue
        t = tree.toks[k]
        if t.dep in DROP_DEPS or t.dep in SUBJ or t.dep in AUX_DEPS or t.dep == "neg":
            continue
        if t.dep == "advcl" and k not in skip:
            continue  # other clauses make the question long and double
        out.append(tree.span(k))
    return out


def _body(c: Clause, spans: list[tuple[int, int]]) -> str:
    return " ".join(c.tree.text(a, b) for a, b in spans)


def _verb_part(c: Clause, inverted: bool = True) -> tuple[str, str]:
    """(fronted word, what follows the subject) for an inverted question: 'did' + 'run away'."""
    tree = c.tree
    v = tree.toks[c.verb]
    neg = " not" if c.neg is not None else ""
    if c.auxes:
        first, *others = c.auxes
        lead = tree.toks[first].text.lower()
        lead = {"'s": "has" if v.pos == "VBN" else "is", "'d": "would" if v.pos == "VB" else "had",
                "'ll": "will", "'ve": "have", "'re": "are", "'m": "am", "ca": "can",
                "wo": "will", "sha": "shall"}.get(lead, lead)
        tail = " ".join(tree.toks[k].text for k in others)
        return lead, _clean(f"{neg} {tail} {v.text}")
    if v.lemma == "be" or (v.upos == "AUX" and v.pos != "MD"):
        return v.text.lower(), neg.strip()
    if v.pos == "MD":
        return v.text.lower(), neg.strip()
    return _do(v.pos), _clean(f"{neg} {v.lemma}")


def _question(wh: str, c: Clause, rest: str) -> str:
    lead, after = _verb_part(c, True)
    q = f"{wh} {lead} {c.subj_text} {after} {rest}"
    return _finish(q)


def _finish(q: str) -> str:
    q = _clean(q).rstrip(" .!,;:")
    q = q[:1].upper() + q[1:]
    return q + "?"


def _time_phrase(tree: Tree, k: int) -> bool:
    t = tree.toks[k]
    if t.dep == "prep" and t.text.lower() in TIME_PREPS:
        obj = tree.child(k, {"pobj"})
        return obj is not None and (tree.toks[obj].ent in TIME_ENTS or
                                    tree.toks[obj].lemma.lower() in
                                    {"morning", "evening", "night", "day", "time", "moment",
                                     "end", "beginning", "dawn", "noon", "midnight", "winter",
                                     "summer", "spring", "autumn", "year", "week", "hour"})
    return t.dep in {"npadvmod", "advmod"} and t.ent in TIME_ENTS and t.upos == "NOUN"


def clause_questions(c: Clause, sentence: Sentence) -> list[Question]:
    """Every question this clause supports."""
    tree = c.tree
    v = tree.toks[c.verb]
    out: list[Question] = []
    par = sentence.paragraph + 1

    when = _time_clause(c)

    def add(kind: str, q: str, answer: str, evidence: str = "") -> None:
        answer = _clean(answer)
        if answer and len(q.split()) >= 3:
            out.append(Question(q, answer, sentence.text, kind, par, evidence=evidence))
            # the same question tied to its moment, as experts ask: 'What did the king notice
            # when he entered?'
            if when and kind in WITH_TIME and when.lower() not in q.lower() and \
                    _norm(answer) not in _norm(when) and len(q.split()) + len(when.split()) <= 18:
                out.append(Question(f"{q[:-1]} {when}?", answer, sentence.text, kind, par,
                                    evidence=evidence))

    said = tree.child(c.verb, {"ccomp"})
    if v.lemma in SPEECH:
        if said is not None and v.lemma in {"say", "tell", "ask", "reply", "answer", "cry",
                                            "shout", "whisper", "exclaim"} and c.resolved:
            speech = _clean(tree.sub(said))
            if 2 <= len(speech.split()) <= 25:
                add("what-said", _question("What", c, _body(c, _rest(c, {said}))), speech)
        if said is not None:
            return out
    base_rest = _rest(c, set())
    # -- subject: Who/What + verb ... (no inversion) -----------------------------------
    if c.subj is not None and tree.child(c.verb, SUBJ) == c.subj and c.resolved \
            and tree.toks[c.subj].upos != "PRON":
        wh = "Who" if is_person(tree, c.subj) else "What"
        verb = " ".join([*(tree.toks[k].text for k in c.auxes), v.text]) if c.auxes else v.text
        if c.auxes:
            first = c.auxes[0]
            words = [_third_person(tree, first) if tree.toks[first].pos == "VBP" else
                     tree.toks[first].text.lower(), *(tree.toks[k].text for k in c.auxes[1:])]
            if c.neg is not None:
                words.insert(1, "not")
            verb = " ".join([*words, v.text])
        else:
            verb = _third_person(tree, c.verb)
            if c.neg is not None:
                verb = f"{_do(v.pos) if v.lemma != 'be' else verb} not" + \
                       ("" if v.lemma == "be" else f" {v.lemma}")
        body = _body(c, base_rest)
        if body or v.lemma != "be":
            add(wh.lower(), _finish(f"{wh} {verb} {body}"), tree.sub(c.subj))
    # -- object: What/Who did S V ... ------------------------------------------------------
    obj = tree.child(c.verb, {"dobj"}) if v.lemma != "be" else None
    if obj is not None and tree.toks[obj].upos not in {"PRON"} and v.lemma not in {"say"}:
        person = is_person(tree, obj)
        wh = "Who" if person else "What"
        kind = "who-object" if person else "what-object"
        if v.lemma == "be":
            q = f"{wh} {v.text.lower()} {c.subj_text} {_body(c, _rest(c, {obj}))}"
            add(kind, _finish(q), tree.sub(obj))
        else:
            add(kind, _question(wh, c, _body(c, _rest(c, {obj}))), tree.sub(obj))
    # -- feelings: How did S feel? -------------------------------------------------------------
    comp = tree.child(c.verb, {"acomp"})
    if comp is not None and v.lemma in {"be", "feel", "become", "grow", "look", "seem", "get"}:
        word = tree.toks[comp]
        if word.lemma.lower() in FEELINGS or word.text.lower() in FEELINGS:
            lead, _after = _verb_part(c, True)
            if c.neg is None:
                if v.lemma == "be":
                    tense = "did" if v.pos == "VBD" or (c.auxes and tree.toks[c.auxes[0]].pos == "VBD") \
                        else ("do" if v.pos == "VBP" else "does")
                    q = f"How {tense} {c.subj_text} feel"
                else:
                    q = f"How {lead} {c.subj_text} {_after.replace(v.text, 'feel') if c.auxes else 'feel'}"
                reason = tree.child(c.verb, {"advcl", "prep"})
                if reason is not None and tree.toks[reason].dep == "advcl":
                    mark = tree.child(reason, {"mark", "advmod"})
                    if mark is not None and tree.toks[mark].text.lower() in TIME_MARKS:
                        q += " " + _clean(tree.sub(reason))
                add("how-feel", _finish(q), word.text)
    # -- prepositional objects: Who did S give the gold to? / Where did S go? -----------------
    for k in tree.kids[c.verb]:
        t = tree.toks[k]
        if k < c.verb and t.dep != "npadvmod" and not _time_phrase(tree, k):
            continue
        if t.dep in {"prep", "dative"}:
            pobj = tree.child(k, {"pobj"})
            if pobj is None:
                continue
            if _time_phrase(tree, k):
                add("when", _question("When", c, _body(c, _rest(c, {k}))), tree.sub(k))
                continue
            prep = t.text.lower()
            if is_person(tree, pobj) and prep in {"to", "with", "for", "from", "at", "by"}:
                if tree.toks[pobj].upos != "PRON":
                    rest = _body(c, _rest(c, {k}))
                    add("who-object", _question("Who", c, f"{rest} {prep}"), tree.sub(pobj))
                continue
            if prep in PLACE_PREPS and is_place(tree, pobj) and v.lemma not in {"be"} \
                    or prep in PLACE_PREPS and v.lemma == "be" and is_place(tree, pobj):
                add("where", _question("Where", c, _body(c, _rest(c, {k}))), tree.sub(k))
        elif t.dep in {"npadvmod"} and t.ent in TIME_ENTS:
            a, b = tree.span(k)
            if any(tree.toks[j].text.lower() in {"every", "each"} for j in range(a, b + 1)):
                add("how-often", _question("How often", c, _body(c, _rest(c, {k}))),
                    tree.text(a, b))
            elif t.lemma.lower() in DURATION_NOUNS and not any(
                    tree.toks[j].text.lower() in {"last", "next", "this", "that", "one"}
                    for j in range(a, b + 1)):
                add("how-long", _question("How long", c, _body(c, _rest(c, {k}))), tree.text(a, b))
            elif k > c.verb:
                add("when", _question("When", c, _body(c, _rest(c, {k}))), tree.text(a, b))
        elif t.dep == "advmod" and t.pos == "RB" and t.text.lower().endswith("ly") and k > c.verb \
                and len(t.text) > 4 and t.text.lower() not in {"only", "early", "really", "nearly",
                                                              "likely", "hardly", "suddenly",
                                                              "finally", "immediately", "quickly"}:
            add("how", _question("How", c, _body(c, _rest(c, {k}))), t.text)
        elif t.dep == "advmod" and t.text.lower() == "home" and \
                v.lemma in {"go", "come", "return", "run", "walk", "ride", "fly", "hurry"}:
            add("where", _question("Where", c, _body(c, _rest(c, {k}))), t.text)
    # -- results: 'The dog barked, so the fox ran away' / 'so tired that she fell asleep' ---------
    cause = tree.child(c.verb, {"ccomp"})
    if cause is not None and cause < c.verb and any(
            tree.toks[k].text.lower() == "so" and tree.toks[k].dep in {"advmod", "cc"}
            for k in tree.kids[c.verb]):
        add("why", _question("Why", c, _body(c, _rest(c, set()))), tree.sub(cause))
    if v.dep == "ccomp" and tree.child(c.verb, {"mark"}) is not None and \
            tree.toks[tree.child(c.verb, {"mark"}) or 0].text.lower() == "that":
        head = v.head - 1
        if tree.child(head, {"advmod", "predet", "amod"}) is not None and any(
                tree.toks[j].text.lower() in {"so", "such"} for j in tree.kids[head]):
            a = tree.span(tree.toks[head].head - 1)[0]
            answer = tree.text(a, tree.span(head)[0] - 1 + 0) + " " + tree.text(
                tree.span(head)[0], head)
            add("why", _question("Why", c, _body(c, _rest(c, set()))), answer)
    # -- clauses of time, reason and purpose ------------------------------------------------
    for k in tree.kids[c.verb]:
        t = tree.toks[k]
        if t.dep not in {"advcl", "prep", "xcomp"}:
            continue
        mark = tree.child(k, {"mark"}) if t.dep == "advcl" else None
        mk = tree.toks[mark].text.lower() if mark is not None else ""
        wh_adv = tree.child(k, {"advmod"}) if t.dep == "advcl" else None
        wh_word = tree.toks[wh_adv].text.lower() if wh_adv is not None else ""
        rest = _body(c, _rest(c, {k}))
        if mk == "as" and mark is not None and mark + 1 < len(tree.toks) and \
                tree.toks[mark + 1].text.lower() in {"if", "though"}:
            continue  # 'looked as if she thought ...': a manner, neither a reason nor a time
        if t.dep == "advcl" and (mk in REASON_MARKS or mk == "as" and t.lemma in STATIVE):
            add("why", _question("Why", c, rest), tree.sub(k))
            lead, _ = _verb_part(c, True)
            if v.lemma not in {"be", "have"} and c.resolved and k > c.verb and mk == "because":
                because = _clean(tree.sub(k))
                because = because[:1].lower() + because[1:]
                add("what-happened", _finish(
                    f"What {'happened' if lead in {'did', 'was', 'were', 'had'} else 'happens'} {because}"),
                    _clean(f"{c.subj_text} {_verb_phrase(c, rest)}"))
        elif t.dep == "advcl" and (mk == "that" and any(tree.toks[j].text.lower() == "so"
                                                         for j in range(max(0, tree.span(k)[0] - 1),
                                                                        tree.span(k)[0] + 1))):
            add("why", _question("Why", c, rest), "so " + tree.sub(k) if
                not tree.sub(k).lower().startswith("so") else tree.sub(k))
        elif t.dep == "advcl" and t.pos == "VB" and tree.child(k, {"aux"}) is not None and \
                tree.toks[tree.child(k, {"aux"}) or 0].pos == "TO" and k > c.verb:
            add("why", _question("Why", c, rest), tree.sub(k))
        elif t.dep == "prep" and t.text.lower() == "because" and k > c.verb:
            add("why", _question("Why", c, rest), tree.sub(k))
        elif t.dep == "advcl" and (mk in TIME_MARKS or wh_word in {"when", "as", "while"}):
            when = _clean(tree.sub(k))
            when = when[:1].lower() + when[1:]
            add("when", _question("When", c, rest), when)
            # What did S do when ...? -> the main predicate
            if v.lemma not in {"be", "have"} and c.resolved:
                pred = _verb_phrase(c, rest)
                lead, _ = _verb_part(c, True)
                if lead in {"did", "does", "do"} and c.neg is None:
                    add("what-do", _finish(f"What {lead} {c.subj_text} do {when}"), pred)
                add("what-happened", _finish(
                    f"What {'happened' if v.pos in {'VBD', 'VBN'} or lead == 'did' else 'happens'} {when}"),
                    _clean(f"{c.subj_text} {pred}"))
    for intent in _intent_questions(c, sentence):
        add(intent.kind, intent.question, intent.answer)
    return out


# verbs whose 'to'-infinitive says what a character means to do ('wanted to find a brook')
INTENT = frozenset("""want wish decide try hope plan refuse promise agree mean long begin start
resolve determine attempt offer intend prepare like love need seek""".split())


def _intent_questions(c: Clause, sentence: Sentence) -> list[Question]:
    """'He wanted to find a brook' -> What did he want to do? (the infinitive is the answer);
    with an object: 'ordered his soldiers to search' -> What did S order his soldiers to do?"""
    tree = c.tree
    v = tree.toks[c.verb]
    if v.lemma.lower() not in INTENT | {"order", "tell", "ask", "beg", "command", "force"} \
            or not c.resolved:
        return []
    x = tree.child(c.verb, {"xcomp", "ccomp"})
    if x is None or x < c.verb or tree.toks[x].pos != "VB":
        return []
    to = tree.child(x, {"aux"})
    if to is None or tree.toks[to].pos != "TO":
        return []
    obj = tree.child(c.verb, {"dobj"})
    if v.lemma.lower() not in INTENT and obj is None:
        return []
    if obj is not None and (obj > x or tree.toks[obj].upos == "PRON" and
                            tree.toks[obj].text.lower() not in {"him", "her", "them", "me", "us"}):
        return []
    lead, after = _verb_part(c, True)
    if lead not in {"did", "does", "do"} and not c.auxes:
        return []
    obj_text = f" {_np(tree, obj)}" if obj is not None else ""
    q = _finish(f"What {lead} {c.subj_text} {after}{obj_text} to do")
    a, b = tree.span(x)
    answer = _clean(tree.text(to + 1, b))
    if not 1 <= len(answer.split()) <= 14:
        return []
    return [Question(q, answer, sentence.text, "what-intent", sentence.paragraph + 1)]


WITH_TIME = frozenset({"what-object", "who-object", "where", "why", "how", "what-intent"})


def _time_clause(c: Clause) -> str:
    """The clause's 'when/after/before ...' clause as it reads inside a question, or ''."""
    tree = c.tree
    for k in tree.kids[c.verb]:
        if tree.toks[k].dep != "advcl":
            continue
        mark = tree.child(k, {"mark", "advmod"})
        if mark is None or tree.toks[mark].text.lower() not in TIME_MARKS | {"as"} or \
                mark != tree.span(k)[0]:
            continue
        if tree.toks[mark].text.lower() == "as" and tree.toks[k].lemma in STATIVE:
            continue
        text = _clean(tree.sub(k))
        if 2 <= len(text.split()) <= 9:
            return text[:1].lower() + text[1:]
    return ""


def _verb_phrase(c: Clause, rest: str) -> str:
    """The clause's predicate as written: auxiliaries, negation, verb and `rest`."""
    tree = c.tree
    words = [tree.toks[k].text for k in c.auxes]
    if c.neg is not None:
        words.append(tree.toks[c.neg].text)
    return _clean(" ".join([*words, tree.toks[c.verb].text, rest]))


def next_sentence_questions(prev: Sequence[Clause], cs: Sequence[Clause],
                            sentence: Sentence) -> list[Question]:
    """Across two sentences in a row: 'The prince squeezed the egg. The giant cried out.' ->
    What happened after the prince squeezed the egg? (or What did S do after ..., one subject)."""
    first = next((c for c in prev if c.tree.toks[c.verb].dep == "ROOT"), None)
    second = next((c for c in cs if c.tree.toks[c.verb].dep == "ROOT"), None)
    if first is None or second is None or not (first.resolved and second.resolved):
        return []
    v1, v2 = first.tree.toks[first.verb], second.tree.toks[second.verb]
    lead, _ = _verb_part(first, True)
    if lead != "did" or first.neg is not None or v1.lemma in {"be", "have", "say"} \
            or v2.lemma in {"be", "have", "say"} or v2.pos != "VBD" or second.auxes:
        return []
    what = _verb_phrase(first, _body(first, _rest(first, set())))
    then = _verb_phrase(second, _body(second, _rest(second, set())))
    if not 1 <= len(what.split()) <= 10 or len(then.split()) > 14:
        return []
    par = sentence.paragraph + 1
    # experts ask both ways when one character acts twice
    out = [Question(_finish(f"What happened after {first.subj_text} {what}"),
                    _clean(f"{second.subj_text} {then}"), sentence.text, "what-happened", par)]
    if second.subj_text.lower() == first.subj_text.lower():
        q = _finish(f"What did {first.subj_text} do after {_again(first.tree, first)} {what}")
        out.insert(0, Question(q, then, sentence.text, "what-do", par))
    return out


def who_is_questions(tree: Tree, sentence: Sentence) -> list[Question]:
    """'Baba Mustafa, an old tailor, ...' -> Who was Baba Mustafa? (an old tailor)."""
    out = []
    past = any(t.pos in {"VBD", "VBN"} for t in tree.toks)
    for i, t in enumerate(tree.toks):
        if t.dep != "appos" or t.upos != "NOUN" or not t.head:
            continue
        head = t.head - 1
        h = tree.toks[head]
        if h.upos != "PROPN" or not is_person(tree, head) or head > i:
            continue
        a, b = _name_span(tree, head)
        name = _clean(tree.text(a, b))
        answer = _np(tree, i)
        if not 1 <= len(answer.split()) <= 10 or name.lower() in answer.lower():
            continue
        q = f"Who {'was' if past else 'is'} {name}?"
        out.append(Question(q, answer, sentence.text, "who-is", sentence.paragraph + 1))
    return out


RESULT_OPENERS = frozenset({"so", "therefore", "thus", "hence", "consequently"})
# states that explain what a character does next ('He was thirsty. He looked for a brook.')
MOTIVES = FEELINGS | frozenset("""hungry thirsty tired weary cold ill sick poor curious lonely
sleepy eager impatient""".split())


def _opener(tree: Tree) -> str:
    """The sentence's first word, past an 'and'/'but' ('And so ...' -> 'so')."""
    words = [t.text.lower() for t in tree.toks if t.is_word][:2]
    if words and words[0] in {"and", "but"} and len(words) > 1:
        return words[1]
    return words[0] if words else ""


def _state(c: Clause) -> str | None:
    """The motive word when a clause says its subject is hungry, afraid, angry..."""
    tree = c.tree
    v = tree.toks[c.verb]
    comp = tree.child(c.verb, {"acomp"})
    if comp is None or c.neg is not None or v.lemma not in {"be", "feel", "become", "grow", "get"}:
        return None
    word = tree.toks[comp].text.lower()
    return word if word in MOTIVES else None


def cause_questions(prev_s: Sentence, prev: Sequence[Clause], s: Sentence,
                    cs: Sequence[Clause]) -> list[Question]:
    """'Why' across two sentences in a row, only where the text marks the link: the second
    opens with 'So'/'Therefore' (the first is the reason), the second opens with 'For' (it is
    the reason for the first), or the first says the same character was thirsty, afraid, angry..."""
    first = next((c for c in prev if c.tree.toks[c.verb].dep == "ROOT"), None)
    second = next((c for c in cs if c.tree.toks[c.verb].dep == "ROOT"), None)
    if first is None or second is None:
        return []
    both = f"{prev_s.text} {s.text}"
    par = s.paragraph + 1

    def why(c: Clause, reason: str) -> list[Question]:
        v = c.tree.toks[c.verb]
        lead, _ = _verb_part(c, True)
        reason = _clean(_clean(reason).rstrip(".!?"))
        if not c.resolved or v.lemma in {"be", "have", "say"} or lead not in {"did", "does", "do"} \
                or not 2 <= len(reason.split()) <= 25:
            return []
        q = _question("Why", c, _body(c, _rest(c, set())))
        return [Question(q, reason, both, "why-across", par)]

    opener = _opener(second.tree)
    if opener in RESULT_OPENERS:
        return why(second, prev_s.text)
    if opener == "for" and second.tree.toks[0].text.lower() == "for" and first.resolved:
        return why(first, s.text[len("for"):])
    if _state(first) and first.subj_text.lower() == second.subj_text.lower():
        return why(second, prev_s.text)
    return []


def _again(tree: Tree, c: Clause) -> str:
    """The subject mentioned a second time: a pronoun when it is clear which one."""
    if c.subj is None:
        return c.subj_text
    t = tree.toks[c.subj]
    if t.upos == "PRON":
        return t.text.lower() if t.text != "I" else "I"
    if t.pos in {"NNS", "NNPS"}:
        return "they"
    if t.lemma.lower() in MALE:
        return "he"
    if t.lemma.lower() in FEMALE:
        return "she"
    if t.upos == "NOUN" and not is_person(tree, c.subj):
        return "it"
    return c.subj_text


def pair_questions(cs: Sequence[Clause], sentence: Sentence) -> list[Question]:
    """Questions joining two clauses of a sentence: 'He ate and went to bed' -> What did he do
    after he ate? ; 'She was tired, so she slept' -> Why did she sleep?"""
    out = []
    by_verb = {c.verb: c for c in cs}
    for c2 in cs:
        tree = c2.tree
        v2 = tree.toks[c2.verb]
        c1 = by_verb.get(v2.head - 1) if v2.dep == "conj" else None
        if c1 is None or not c1.resolved or c1.neg is not None:
            continue
        first = _verb_phrase(c1, _body(c1, _rest(c1, {c2.verb})))
        second = _verb_phrase(c2, _body(c2, _rest(c2, set())))
        lead, _ = _verb_part(c1, True)
        so = any(tree.toks[k].text.lower() in {"so", "therefore"} for k in tree.kids[c2.verb]) or \
            any(tree.toks[j].text.lower() == "so" for j in range(max(0, tree.span(c2.verb)[0] - 1),
                                                                  tree.span(c2.verb)[0] + 1))
        if so and c2.resolved:
            q = _question("Why", c2, _body(c2, _rest(c2, set())))
            out.append(Question(q, _clean(f"{c1.subj_text} {first}"), sentence.text, "why",
                                sentence.paragraph + 1))
        if lead == "did" and c2.subj == c1.subj and c2.neg is None and \
                tree.toks[c2.verb].lemma not in {"be", "have"} and 1 <= len(first.split()) <= 10:
            subj = c1.subj_text
            q = _finish(f"What did {subj} do after {_again(tree, c1)} {first}")
            out.append(Question(q, second, sentence.text, "what-do", sentence.paragraph + 1))
    return out


# ---- inference, main point, vocabulary ----------------------------------------------------

def inference_questions(c: Clause, sentence: Sentence) -> list[Question]:
    """A feeling the text shows but does not name ('she wept' -> How did she feel? sad)."""
    tree = c.tree
    v = tree.toks[c.verb]
    feeling = REACTIONS.get(v.lemma.lower())
    evidence, shown_by = v.text, -1
    if not feeling:
        feeling, evidence, shown_by = _shown_feeling(c)
    if not feeling or c.neg is not None or not c.resolved:
        return []
    lead, _ = _verb_part(c, True)
    if lead not in {"did", "does", "do"} and not c.auxes:
        return []
    tense = "did" if v.pos == "VBD" or lead in {"did", "had", "was", "were"} else "does"
    if tense == "does" and (c.subj_text.lower() in {"we", "they", "you", "i"} or
                            c.subj is not None and c.tree.toks[c.subj].pos in {"NNS", "NNPS"}):
        tense = "do"
    drop = {shown_by} if shown_by >= 0 else set()
    pred = _clean(" ".join([v.text, _body(c, _rest(c, drop))]))
    if shown_by >= 0 and v.lemma in {"be", "have"}:
        return []
    # the experts' wording: 'How did the scholar feel when he ...?'
    q = f"How did {c.subj_text} feel when {_again(c.tree, c)} {pred}" \
        if tense == "did" else f"How {tense} {c.subj_text} feel"
    if shown_by >= 0 and evidence.lower() in q.lower():
        return []  # the question must not show the feeling it asks about
    return [Question(_finish(q), feeling, sentence.text, "inference", sentence.paragraph + 1,
                     evidence=evidence)]


# the feeling a manner adverb or a 'with joy' / 'in terror' / 'full of surprise' phrase shows
ADVERB_FEELINGS = {"angrily": "angry", "sadly": "sad", "happily": "happy", "joyfully": "happy",
                   "gladly": "glad", "fearfully": "afraid", "anxiously": "worried",
                   "nervously": "nervous", "proudly": "proud", "sorrowfully": "sad",
                   "furiously": "angry", "merrily": "happy", "cheerfully": "happy",
                   "tearfully": "sad", "eagerly": "excited", "timidly": "afraid",
                   "impatiently": "impatient", "crossly": "angry", "gleefully": "happy"}
NOUN_FEELINGS = {"joy": "happy", "delight": "happy", "gladness": "happy", "glee": "happy",
                 "fear": "afraid", "terror": "afraid", "fright": "afraid", "horror": "afraid",
                 "anger": "angry", "rage": "angry", "fury": "angry", "wrath": "angry",
                 "sorrow": "sad", "grief": "sad", "sadness": "sad", "despair": "sad",
                 "surprise": "surprised", "astonishment": "surprised", "amazement": "surprised",
                 "wonder": "surprised", "shame": "ashamed", "pride": "proud"}


def _shown_feeling(c: Clause) -> tuple[str, str, int]:
    """(feeling, the word that shows it, the verb's dependent holding it) or ('', '', -1)."""
    tree = c.tree
    for k in tree.kids[c.verb]:
        t = tree.toks[k]
        low = t.text.lower()
        if t.dep == "advmod" and low in ADVERB_FEELINGS:
            return ADVERB_FEELINGS[low], t.text, k
        if t.dep in {"prep", "advcl", "amod", "acomp", "npadvmod"}:
            a, b = tree.span(k)
            if b - a > 4:
                continue
            for j in range(a, b + 1):
                n = tree.toks[j]
                if n.upos == "NOUN" and n.lemma.lower() in NOUN_FEELINGS and \
                        tree.toks[a].text.lower() in {"with", "in", "for", "full", "from", "of"}:
                    return NOUN_FEELINGS[n.lemma.lower()], n.text, k
    return "", "", -1


def _content_lemmas(s: Sentence) -> set[str]:
    return {t.lemma.lower() for t in s.tokens if t.upos in {"NOUN", "PROPN", "VERB", "ADJ"}
            and t.is_word and t.lemma.lower() not in {"be", "have", "do", "say", "go", "come"}}


def main_point_questions(sentences: Sequence[Sentence]) -> list[Question]:
    """'What is paragraph N mainly about?' for texts of two or more real paragraphs; the key is
    the sentence sharing most words with the rest of its paragraph."""
    paras: dict[int, list[Sentence]] = {}
    for s in sentences:
        paras.setdefault(s.paragraph, []).append(s)
    if len(paras) < 2:
        return []
    out = []
    for p, group in sorted(paras.items()):
        if len(group) < 3:
            continue
        bags = [_content_lemmas(s) for s in group]
        best, best_score = 0, -1.0
        for i, bag in enumerate(bags):
            others: set[str] = set().union(*(b for j, b in enumerate(bags) if j != i))
            score = len(bag & others) / (1 + len(bag) ** 0.5) + (0.3 if i == 0 else 0.0)
            if score > best_score:
                best, best_score = i, score
        s = group[best]
        out.append(Question(f"What is paragraph {p + 1} mainly about?", s.text, s.text,
                            "main-point", p + 1))
    return out


def vocabulary_questions(sentences: Sequence[Sentence], limit: int = 3) -> list[Question]:
    """'What does "X" mean in paragraph N?' for the rarest content words, keyed with the
    WordNet sense that shares most words with its sentence."""
    from toolkit.exercises import lexicon as lx

    cands = []
    for s in sentences:
        for t in s.tokens:
            if t.is_word and not t.is_name and t.upos in {"NOUN", "VERB", "ADJ"} and len(t.text) > 4 \
                    and t.text.islower() and 0 < t.zipf < 3.6:
                cands.append((t.zipf, s, t))
    cands.sort(key=lambda c: c[0])
    out, seen = [], set()
    for _, s, t in cands:
        if t.lemma in seen:
            continue
        pos = {"NOUN": "n", "VERB": "v", "ADJ": "a"}[t.upos]
        context = {w.lemma.lower() for w in s.tokens if w.is_word}
        try:
            ranked = lx.sense_rank(t.lemma, pos, context)
        except Exception:  # noqa: BLE001 - no sense known: no question
            ranked = []
        if not ranked:
            continue
        seen.add(t.lemma)
        gloss = ranked[0].definition()
        out.append(Question(f"What does “{t.text}” mean in paragraph {s.paragraph + 1}?", gloss,
                            s.text, "vocabulary", s.paragraph + 1, evidence=t.text))
        if len(out) >= limit:
            break
    return out


# ---- checks -------------------------------------------------------------------------------

def reads_as_question(parsed: Sequence[Any], question: str) -> str | None:
    """None when a question re-parses as one (`parsed`: the parser's sentences for it); else
    why not."""
    if not question.endswith("?"):
        return "does not end with '?'"
    if len(parsed) != 1 or not parsed[0].tokens:
        return "does not parse as one sentence"
    first = parsed[0].tokens[0]
    if not (first.tag in WH_TAGS or first.upos == "AUX" or first.text.lower() in
            {"what", "who", "whom", "when", "where", "why", "how", "which"}):
        return "no wh-word or auxiliary first"
    roots = [t for t in parsed[0].tokens if t.head == 0]
    if len(roots) != 1 or roots[0].upos not in {"VERB", "AUX"}:
        return "no verb at the root"
    if len(question.split()) > 22:
        return "too long"
    return None


def answerable(q: Question, text_low: str) -> str | None:
    """None when the answer (or the evidence) is a span of the text, in its supporting
    sentence."""
    span = q.evidence if q.kind in {"inference", "vocabulary"} else q.answer
    if not span or _norm(span) not in text_low or _norm(span) not in _norm(q.sentence):
        return "answer not in the text"  # nor in the sentence that supports it
    if q.kind not in {"main-point", "inference", "vocabulary"} and _norm(q.answer) in _norm(q.question):
        return "answer in the question"
    return None


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'").lower()).strip()


# ---- ranking ----------------------------------------------------------------------------------

def score(q: Question) -> float:
    """Higher first: the kind's prior, a question of readable length, a short answer."""
    n = len(q.question.split())
    a = len(q.answer.split())
    length = 1.0 if 5 <= n <= 13 else (0.8 if n <= 17 else 0.55)
    ans = 1.0 if a <= 8 else (0.85 if a <= 15 else 0.6)
    if q.kind in {"main-point", "inference", "vocabulary"}:
        ans = 1.0
    return round(PRIOR.get(q.kind, 0.5) * length * ans, 4)


def _name_span(tree: Tree, i: int) -> tuple[int, int]:
    a = i
    while a > 0 and tree.toks[a - 1].dep == "compound" and tree.toks[a - 1].upos == "PROPN":
        a -= 1
    return a, i


def generate(sentences: Sequence[Sentence], text: str | None = None,
             limit: int | None = None, check: bool = True) -> list[Question]:
    """Questions about analysed `sentences`, best first, each checked (see module doc)."""
    from toolkit.exercises.generators._common import usable_sentences
    from toolkit.exercises.registry import Source

    text = text if text is not None else " ".join(s.text for s in sentences)
    names: dict[str, str] = {}
    found: list[Question] = []
    usable = {id(s) for s in usable_sentences(Source(sentences=list(sentences)), 4, 45)}
    trees = [Tree(s) for s in sentences]
    names.update(genders(trees))
    prev: list[Clause] = []
    prev_par = -1
    prev_s: Sentence | None = None
    for s, tree in zip(sentences, trees):
        cs = clauses(tree, names)
        if id(s) in usable and prev and s.paragraph == prev_par:
            found.extend(next_sentence_questions(prev, cs, s))
            if prev_s is not None:
                found.extend(cause_questions(prev_s, prev, s, cs))
        prev, prev_par, prev_s = cs, s.paragraph, s
        if id(s) in usable:
            for c in cs:
                found.extend(clause_questions(c, s))
                found.extend(inference_questions(c, s))
            found.extend(pair_questions(cs, s))
            found.extend(who_is_questions(tree, s))
    found.extend(main_point_questions(sentences))
    found.extend(vocabulary_questions(sentences))
    for q in found:
        q.score = score(q)
    unique: dict[str, Question] = {}
    for q in found:
        if q.question not in unique or unique[q.question].score < q.score:
            unique[q.question] = q
    cands = list(unique.values())
    if check:
        cands = checked(cands, text)
    return rank(cands, limit)


def checked(cands: list[Question], text: str) -> list[Question]:
    """Only questions that re-parse as questions and whose answer is in the text."""
    from toolkit.language.parser import parse_many

    low = _norm(text)
    keep = [q for q in cands if answerable(q, low) is None]
    parsed = parse_many([q.question for q in keep], entities=False)
    out = []
    for q, p in zip(keep, parsed):
        why = reads_as_question(p, q.question)
        if why is None:
            out.append(q)
        else:
            log.debug("dropped %r: %s", q.question, why)
    return out


def rank(cands: list[Question], limit: int | None = None) -> list[Question]:
    """Best first, varied: a sentence's second question and a repeated kind step back."""
    pool = sorted(cands, key=lambda q: (-q.score, q.paragraph, q.question))
    out: list[Question] = []
    per_sentence: dict[str, int] = {}
    per_kind: dict[str, int] = {}
    while pool and (limit is None or len(out) < limit):
        best = max(pool, key=lambda q: q.score * SENTENCE_REPEAT ** per_sentence.get(q.sentence, 0)
                   * KIND_REPEAT ** per_kind.get(q.kind, 0))
        pool.remove(best)
        out.append(best)
        per_sentence[best.sentence] = per_sentence.get(best.sentence, 0) + 1
        per_kind[best.kind] = per_kind.get(best.kind, 0) + 1
    return out


# ---- answer-aware ----------------------------------------------------------------------------

def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


STOP = frozenset("""a an the of to in on at and or but he she it they his her its their him them
was were is are be been had has have did do does that this with for from by as so""".split())


def overlap_f1(a: str, b: str) -> float:
    """Word-overlap F1 (bag of words, without the commonest function words) of two texts."""
    wa, wb = [w for w in _words(a) if w not in STOP], [w for w in _words(b) if w not in STOP]
    if not wa or not wb:
        return 0.0
    from collections import Counter

    common = sum((Counter(wa) & Counter(wb)).values())
    if not common:
        return 0.0
    p, r = common / len(wa), common / len(wb)
    return 2 * p * r / (p + r)


# answer-aware weights, set on the FairytaleQA tuning part (benchmarks/questions_eval.py)
W_OWN, W_SUPPORT, W_FORM, W_SCORE, W_CONTEXT = 1.0, 0.3, 1.0, 1.0, 0.3
W_CLAUSE = 0.5


def _sentences_of(text: str) -> list[str]:
    """A light sentence split (no parser): enough to find where an answer sits."""
    return [p.strip() for p in re.split(r"(?<=[.!?])[\"”'’]?\s+", text) if p.strip()]


def answer_context(answer: str, sentences: Iterable[str]) -> set[str]:
    """Content words around a given answer: the sentence that holds it (or shares most words
    with it), without the answer's own words. An expert's question is mostly made of these."""
    want = {w for w in _words(answer) if w not in STOP}
    best, best_f = "", 0.0
    low = _norm(answer)
    for sent in sentences:
        f = overlap_f1(sent, answer) + (1.0 if low and low in _norm(sent) else 0.0)
        if f > best_f:
            best, best_f = sent, f
    return {w for w in _words(best) if w not in STOP} - want


def word_tags(sentences: Iterable[Sentence]) -> dict[str, str]:
    """Lower-cased word -> its part of speech where the text first uses it; lets the shape of
    a given answer ('cried out', 'the nurse', 'into the wood') be read without parsing it."""
    out: dict[str, str] = {}
    for s in sentences:
        for t in s.tokens:
            low = t.text.lower()
            if t.is_word and low not in out:
                out[low] = "PERSON" if t.ent == "PERSON" or t.lemma.lower() in MALE | FEMALE \
                    else t.upos
    return out


def for_answer(questions: Sequence[Question], answer: str,
               text: str | None = None, tags: dict[str, str] | None = None) -> list[Question]:
    """Questions whose answer is `answer`, best first: answer overlap first, then the supporting
    sentence containing it, the question's fit to the answer's shape, and (with the `text`) how
    many of the words around the answer the question asks with."""
    pool = [q.sentence for q in questions] if text is None else _sentences_of(text)
    around = answer_context(answer, pool)

    def key(q: Question) -> tuple[float, float]:
        own = overlap_f1(q.answer, answer)
        support = overlap_f1(q.sentence, answer) if _norm(answer) in _norm(q.sentence) else \
            0.3 * overlap_f1(q.sentence, answer)
        form = _answer_form_bonus(q.kind, answer, tags)
        content = {w for w in _words(answer) if w not in STOP}
        if own < 0.2 and content and content <= set(_words(q.question)):
            return 0.0, 0.0  # the question gives the answer away
        if q.kind in {"main-point", "vocabulary"} and own < 0.5:
            return 0.0, 0.0  # a paragraph's gist or a gloss only for an answer that is one
        asked = {w for w in _words(q.question) if w not in STOP}
        ctx = len(asked & around) / len(asked) if asked and around else 0.0
        # kept when it shares a word with the answer or with the words around it in the text
        gate = own > 0 or support > 0 or ctx > 0 or form > 0
        return (W_OWN * own + W_SUPPORT * support + W_FORM * form + W_SCORE * q.score
                + W_CONTEXT * ctx, float(gate))
    scored = [(key(q), q) for q in questions]
    scored = [(k, q) for k, q in scored if k[1]]
    scored.sort(key=lambda kq: -kq[0][0])
    return [q for _, q in scored]


# feeling words a teacher may give as the answer to 'How did X feel?'
ANSWER_FEELINGS = FEELINGS | frozenset("""confused shocked shock relieved hopeful fear joy sorrow
anger surprise excitement guilty determined satisfied impressed fearful horrified sympathetic
disgusted hurt heartbroken loved thankful bored brave greedy""".split())
ACTION_KINDS = frozenset({"what-do", "what-intent"})
PERSON_KINDS = frozenset({"who", "who-object"})


def _answer_form_bonus(kind: str, answer: str, tags: dict[str, str] | None = None) -> float:
    """How well a kind of question fits the shape of an answer ('because ...' -> why; with the
    text's word tags, 'cried out' -> what did S do, 'the nurse' -> who)."""
    low = answer.lower().strip()
    form = _plain_form_bonus(kind, low)
    words = _words(low)
    if form or not tags or not words:
        return form
    first = tags.get(words[0], "")
    heads = [tags.get(w, "") for w in words[:4]]
    if first in {"VERB", "AUX"} and words[0] not in {"is", "was", "are", "were"}:
        return 1.0 if kind in ACTION_KINDS else (0.4 if kind == "what-happened" else 0.0)
    if len(words) <= 4 and "PERSON" in heads and "VERB" not in heads:
        return 1.0 if kind in PERSON_KINDS else 0.0
    if first == "ADP" and words[0] in PLACE_PREPS and len(words) <= 8:
        return 1.0 if kind == "where" else 0.0
    if words[0] in {"he", "she", "they", "it"} and len(words) >= 3 and \
            any(tags.get(w) in {"VERB", "AUX"} for w in words[1:4]):
        # a whole clause ('He had no children'): most often a reason or an outcome
        return W_CLAUSE if kind in {"why", "why-across", "what-happened"} else 0.0
    return 0.0


def _plain_form_bonus(kind: str, low: str) -> float:
    if re.match(r"(because|so that|so|to|in order to|since)\b", low):
        return 1.0 if kind in {"why", "why-across"} else 0.0
    if any(w in ANSWER_FEELINGS for w in low.split()[:2]):
        return 1.0 if kind in {"how-feel", "inference"} else 0.0
    if re.match(r"(when|after|before|while|at|on|in the (morning|evening|night))\b", low):
        return 1.0 if kind == "when" else 0.0
    return 0.0


# ---- lesson items -------------------------------------------------------------------------------

# Which answers can stand in for each other as wrong options: a person for a person, a place for
# a place, a reason for a reason.
ANSWER_CLASS = {"who": "person", "who-object": "person", "where": "place", "when": "time", "who-is": "description",
                "how-long": "time", "how-often": "frequency", "why": "reason", "how-feel": "feeling", "inference": "feeling",
                "what-object": "thing", "what": "thing", "what-do": "action",
                "what-intent": "action", "why-across": "reason",
                "what-happened": "event", "what-said": "speech", "how": "manner"}
FEELING_OPTIONS = ("happy", "sad", "angry", "afraid", "surprised", "proud", "lonely", "tired")
ITEM_KINDS = frozenset(ANSWER_CLASS) - {"what-said"}


def _options(q: Question, pool: Sequence[Question], rng: Any, k: int = 3) -> list[str]:
    """Up to `k` wrong answers: other spans of the text of the same class, from other
    sentences, not overlapping the key; closest in length first (then a seeded shuffle)."""
    cls = ANSWER_CLASS.get(q.kind)
    key_words = set(_words(q.answer)) - STOP
    seen = {_norm(q.answer)}
    cands = []
    for o in pool:
        if ANSWER_CLASS.get(o.kind) != cls or o.sentence == q.sentence:
            continue
        norm = _norm(o.answer)
        if not [w for w in _words(norm) if w not in STOP | PERSON_PRONOUNS | {"own", "one"}]:
            continue  # 'they', 'their own': not an answer a reader could weigh
        if norm in seen or norm in _norm(q.answer) or _norm(q.answer) in norm \
                or norm in _norm(q.question) \
                or key_words & (set(_words(o.answer)) - STOP):
            continue
        seen.add(norm)
        cands.append(_display(o.answer))
    if cls == "feeling":
        cands += [f for f in FEELING_OPTIONS if f not in seen and f not in key_words]
    rng.shuffle(cands)
    n = len(q.answer.split())
    cands.sort(key=lambda a: abs(len(a.split()) - n))
    return cands[:k]


def _display(answer: str) -> str:
    """An answer as an option reads: 'The fence' -> 'the fence' (a span can open a sentence)."""
    first, _, rest = answer.partition(" ")
    if first.lower() in STOP | {"every", "some", "no", "last", "next", "one", "two", "three",
                                "many", "all", "because", "when", "after", "before", "while"}:
        return first.lower() + (" " + rest if rest else "")
    if first[:1].isupper() and not first.isupper() and _common_word(first):
        return first.lower() + (" " + rest if rest else "")  # 'Other sources', not 'Paris'
    return answer


def _common_word(word: str) -> bool:
    """WordNet knows the word in lower case (a name is stored capitalised: 'Paris')."""
    from toolkit.exercises import lexicon as lx

    low = word.lower()
    return any(lm.name() == low for syn in lx.wordnet().synsets(low) for lm in syn.lemmas())


def lesson_items(questions: Sequence[Question], rng: Any, n: int) -> list[Any]:
    """Comprehension items for a lesson pack: multiple choice with wrong answers taken from the
    text (`comprehension`), or a typed short answer (`wh`) when the text offers too few."""
    from toolkit.model.items import Item

    out = []
    for q in questions:
        if q.kind not in ITEM_KINDS or len(q.answer.split()) > 12 or \
                _norm(q.answer) in PERSON_PRONOUNS:
            continue
        wrong = _options(q, questions, rng)
        support = f"The text says: “{q.sentence}”"
        key = _display(q.answer)
        if len(wrong) >= 2:
            options = [key, *wrong]
            rng.shuffle(options)
            out.append(Item("comprehension", q.question, key, options=options,
                            source=q.sentence, target=q.answer, explanation=support,
                            extra={"paragraph": q.paragraph, "kind": q.kind}))
        elif q.kind not in {"inference", "how-feel"}:
            at = q.sentence.lower().find(q.answer.lower())
            if at < 0:
                continue
            verbatim = q.sentence[at:at + len(q.answer)]  # the key as the sentence writes it
            accepted = [m.group(2) for m in
                        [re.match(r"(?i)(the|a|an|because|to|in|at|on)\s+(.*)", verbatim)] if m]
            out.append(Item("wh", q.question, verbatim, accepted=accepted, source=q.sentence,
                            target=q.answer, explanation=support,
                            extra={"paragraph": q.paragraph, "kind": q.kind}))
        if len(out) >= n:
            break
    return out


def _register() -> None:
    from toolkit.exercises.registry import register

    @register("comprehension", version="1", uses="article")
    def comprehension(source: Any, rng: Any, n: int) -> list[Any]:
        """Reading-comprehension questions from the parse (who/what/when/where/why/how, after
        and because clauses, feelings), best first; multiple choice with wrong answers from
        other spans of the text of the same kind, or a typed answer."""
        text = "\n\n".join(s.text for s in source.sentences)
        return lesson_items(generate(source.sentences, text), rng, n)


_register()


__all__ = ["Question", "answerable", "checked", "for_answer", "generate", "lesson_items",
           "overlap_f1", "rank",
           "reads_as_question", "score"]
