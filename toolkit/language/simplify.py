"""Sentence simplification on the dependency parse: one long sentence -> short ones.

Why on the parse: the tag-based splitter (split.py) guesses clause edges from commas and
tags, so it can cut a sentence into a piece with no verb or the wrong subject ("It a retired
physics teacher, houses ..."). Here each rule finds its clause in the tree (relative clause,
appositive, conjoined clause, participle clause, fronted subordinate clause, quotation),
builds the new sentences from the clause's own tokens with the right subject repeated and the
main verb's tense kept, and is applied only when every sentence it makes parses again as a
sentence with a subject and a finite verb (`is_sentence`). Each rule has a name (`RULES`), so
the change log says which rule made which change and a teacher can reject it.

Works on `split.Piece` lists whose tokens come from one analysed sentence; inserted words
(a repeated subject, "was", "But") are pieces without a token, or copies of the tokens they
repeat, so a later rule still finds a verb's subject in the tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from toolkit.language.split import QUOTES, Piece, render, word_count
from toolkit.model.text import Sentence, Token

# Rule name -> what the change log says.
RULES = {
    "relative-clause": "a relative clause (“who/which …”) made its own sentence, its noun repeated",
    "appositive": "a description after a noun made its own sentence (“X was …”)",
    "coordination": "two main clauses joined by “and/but/so” made two sentences",
    "participle": "a participle clause (“-ing/-ed …”) made a sentence with the subject repeated",
    "fronted-clause": "a clause before the main clause (“Although/Because/When …”) made a sentence",
    "trailing-clause": "a clause after the main one (“…, although/whereas/because …”) made a sentence",
    "semicolon": "two sentences joined by a semicolon made two",
    "clause-boundary": "split where one clause ends and the next begins (comma and linking word)",
    "reported-speech": "a long quotation made short reported speech",
}
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
SUBJ = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
# "Although X, Y" -> "X. But Y." and the like; "if", "unless", "while", "as", "since" change
# meaning when the clauses stand apart, so they are not split.
FRONTED_LEAD = {"although": "But", "though": "But", "because": "So", "when": "Then",
                "after": "Then", "once": "Then"}
CONJ_LEAD = {"and": "", "but": "But", "so": "So", "yet": "But"}
TRAILING_LEAD = {"although": "But", "though": "But", "whereas": "But", "because": "This is because"}
SPEECH_VERBS = frozenset("say tell add explain announce declare insist warn claim state argue "
                         "note stress admit suggest".split())
QUOTE_MIN_WORDS = 12  # a quotation this long becomes reported speech at A1-A2
# Verbs whose trailing -ing clause tells a result of the whole sentence ("This left ...").
RESULT_VERBS = frozenset("leave give cause force prompt allow mean trigger spark".split())
_PERSON_SHIFT = {"we": "they", "us": "them", "our": "their", "ours": "theirs",
                 "ourselves": "themselves"}
_FIRST_SINGULAR = frozenset("i me my mine myself".split())
_SECOND = frozenset("you your yours yourself yourselves".split())
_BACKSHIFT_MODAL = {"will": "would", "can": "could", "shall": "should", "may": "might",
                    "'ll": "would", "wo": "would", "ca": "could"}


@dataclass
class Split:
    """A rule's result: the new sentences (as pieces) and the rule's name."""

    parts: list[list[Piece]]
    rule: str


class Tree:
    """The dependency tree of one analysed sentence, by token identity."""

    def __init__(self, sentence: Sentence) -> None:
        self.tokens = sentence.tokens
        self.index = {id(t): i for i, t in enumerate(sentence.tokens)}
        self.heads = [t.head - 1 for t in sentence.tokens]  # -1 for the root
        self.kids: list[list[int]] = [[] for _ in sentence.tokens]
        for i, h in enumerate(self.heads):
            if 0 <= h < len(self.kids) and h != i:
                self.kids[h].append(i)

    def subtree(self, i: int) -> set[int]:
        out, todo = {i}, [i]
        while todo:
            for k in self.kids[todo.pop()]:
                if k not in out:
                    out.add(k)
                    todo.append(k)
        return out

    def children(self, i: int, deps: frozenset[str] | set[str]) -> list[int]:
        return [k for k in self.kids[i] if self.tokens[k].dep in deps]


class View:
    """A piece list over a tree: which token each piece is (None for inserted words)."""

    def __init__(self, tree: Tree, pieces: list[Piece]) -> None:
        self.tree, self.pieces = tree, pieces
        self.at: list[int | None] = [tree.index.get(id(p.token)) if p.token is not None else None
                                     for p in pieces]
        self.pos = {t: k for k, t in enumerate(self.at) if t is not None}

    def tok(self, i: int) -> Token:
        return self.tree.tokens[i]

    def present(self, i: int) -> bool:
        return i in self.pos

    def span(self, indices: set[int]) -> tuple[int, int] | None:
        """(first, last) piece positions covering these tokens, if they are contiguous here."""
        ks = sorted(self.pos[i] for i in indices if i in self.pos)
        if not ks or ks[-1] - ks[0] + 1 != len(ks):
            return None
        return ks[0], ks[-1]

    def root(self) -> int | None:
        """The part's main verb: the present token whose head is absent or itself."""
        for k, i in enumerate(self.at):
            if i is None:
                continue
            h = self.tree.heads[i]
            if h < 0 or h == i or not self.present(h):
                t = self.tok(i)
                if t.upos in {"VERB", "AUX"} or t.pos in FINITE:
                    return i
        return None


def _copy(p: Piece, space: bool | None = None) -> Piece:
    return Piece(p.text, p.space if space is None else space, p.token)


def _new(text: str, space: bool = True) -> Piece:
    return Piece(text, space, None)


def _sentence_of(pieces: list[Piece], lead: str = "") -> list[Piece]:
    """Trim commas at the edges, capitalise, end with a full stop; `lead` goes first."""
    out = [_copy(p) for p in pieces if p.text]
    while out and out[0].text in {",", ";", ":", "-", "–", "—"}:
        out.pop(0)
    while out and out[-1].text in {",", ";", ":", "-", "–", "—"}:
        out.pop()
    if not out:
        return out
    if lead:
        out = [_new(lead, False)] + [_copy(out[0], True)] + out[1:]
    out[0] = Piece(out[0].text, False, out[0].token)
    first = out[0]
    if first.text[:1].islower():
        out[0] = Piece(first.text[:1].upper() + first.text[1:], False, first.token)
    if out[-1].text not in {".", "!", "?"}:
        if out[-1].text in QUOTES and len(out) > 1 and out[-2].text in {".", "!", "?"}:
            return out
        out.append(_new(".", False))
    return out


def _decap(p: Piece) -> Piece:
    """A sentence's first word moved inside another: lower-cased unless a name or "I"."""
    t = p.token
    if t is not None and (t.is_name or t.pos.startswith("NNP")) or p.text == "I":
        return _copy(p, True)
    return Piece(p.text[:1].lower() + p.text[1:], True, p.token)


def _np(view: View, head: int, drop: set[int]) -> list[Piece] | None:
    """The noun phrase of `head` (its subtree without `drop`), as pieces to repeat."""
    tree = view.tree
    keep = sorted((tree.subtree(head) - drop) & set(view.pos), key=lambda i: view.pos[i])
    pieces = [_copy(view.pieces[view.pos[i]]) for i in keep]
    while pieces and pieces[-1].text in {",", "–", "—", "-"}:
        pieces.pop()
    while pieces and pieces[0].text in {",", "–", "—", "-"}:
        pieces.pop(0)
    if not pieces or word_count(pieces) > 8 or any(p.text in QUOTES | {"(", ")"} for p in pieces):
        return None
    if pieces[0].text.lower() in {"a", "an"}:  # "a teacher, who ..." -> "The teacher ..."
        pieces[0] = Piece("the", False, None)
    return pieces


def _subject(view: View, verb: int) -> list[Piece] | None:
    """The verb's subject as pieces (short, present in the view), to repeat."""
    tree = view.tree
    subs = [k for k in tree.children(verb, SUBJ) if view.present(k)]
    if not subs:
        return None
    s = subs[0]
    t = tree.tokens[s]
    if t.pos in {"WDT", "WP"}:
        return None
    if t.pos == "PRP":
        low = t.text.lower()
        return [Piece("I" if low == "i" else low, False, t)]
    return _np(view, s, set())


def _is_plural(view: View, head: int) -> bool:
    t = view.tok(head)
    return t.pos in {"NNS", "NNPS"} or bool(view.tree.children(head, {"conj"})) or \
        t.text.lower() in {"they", "we", "these", "those"}


def _past(view: View, verb: int) -> bool | None:
    """Is the clause of `verb` past (True), present (False), or neither (None: a modal)?"""
    tree = view.tree
    t = tree.tokens[verb]
    auxes = [tree.tokens[k] for k in tree.children(verb, {"aux", "auxpass"})]
    for a in auxes + [t]:
        if a.pos == "MD":
            return None
        if a.pos == "VBD":
            return True
        if a.pos in {"VBZ", "VBP"}:
            return a.lemma == "have" and a is not t  # news "has said": reported as past
    return None


def _be(plural: bool, past: bool) -> str:
    return ("were" if plural else "was") if past else ("are" if plural else "is")


def _inflect(lemma: str, tag: str) -> str | None:
    from lemminflect import getInflection

    forms = getInflection(lemma, tag=tag)
    return forms[0] if forms else None


def _finite_like(view: View, verb: int, lemma: str, subject_plural: bool) -> str | None:
    """`lemma` as a finite verb in the tense of `verb`'s clause."""
    past = _past(view, verb)
    if past is None:
        return None
    if past:
        return _inflect(lemma, "VBD")
    if lemma == "be":
        return "are" if subject_plural else "is"
    return _inflect(lemma, "VBP" if subject_plural else "VBZ")


def _pieces_of(view: View, indices: set[int]) -> list[Piece]:
    ks = sorted(view.pos[i] for i in indices if i in view.pos)
    return [_copy(view.pieces[k]) for k in ks]


def _rest(view: View, removed_positions: set[int]) -> list[Piece]:
    """The view without the given piece positions (and a comma left doubled or dangling)."""
    out: list[Piece] = []
    for k, p in enumerate(view.pieces):
        if k in removed_positions:
            continue
        if p.text == "," and out and out[-1].text == ",":
            continue
        out.append(_copy(p))
    return out


def _with_commas(view: View, first: int, last: int) -> set[int]:
    """Piece positions first..last plus the commas/dashes that enclose them."""
    out = set(range(first, last + 1))
    if first > 0 and view.pieces[first - 1].text in {",", "–", "—"}:
        out.add(first - 1)
        if last + 1 < len(view.pieces) and view.pieces[last + 1].text == view.pieces[first - 1].text:
            out.add(last + 1)
    elif last + 1 < len(view.pieces) and view.pieces[last + 1].text == ",":
        out.add(last + 1)
    return out


def _agrees(view: View, noun: int, verb: int) -> bool:
    """Does the clause's verb agree in number with the noun the parser attached it to?
    ("a coalition of businesses, which depends": the clause is the coalition's, not theirs.)"""
    tree = view.tree
    verbs = [verb] + tree.children(verb, {"aux", "auxpass"})
    plural = _is_plural(view, noun)
    for v in verbs:
        t = tree.tokens[v]
        low = t.text.lower()
        if t.pos == "VBZ" or low == "was":
            return not plural
        if t.pos == "VBP" or low == "were":
            return plural
    return True


def trailing_clause(view: View) -> Split | None:
    """"Rents rose by 38%, whereas pay rose by 14%." -> "Rents rose by 38%. But pay rose by
    14%." (a contrast or reason after a comma, running to the end of the sentence)."""
    tree = view.tree
    root = view.root()
    if root is None:
        return None
    for a in [i for i in view.at if i is not None and tree.tokens[i].dep == "advcl"]:
        marks = [m for m in tree.children(a, {"mark"}) if view.present(m)]
        if not view.present(a) or not marks or not tree.children(a, SUBJ):
            continue
        word = tree.tokens[marks[0]].text.lower()
        lead = TRAILING_LEAD.get(word)
        span = view.span(tree.subtree(a))
        if lead is None or span is None or view.pos[marks[0]] != span[0] or span[0] == 0 or \
                view.pieces[span[0] - 1].text != ",":
            continue
        if any(view.pos[i] > span[1] and view.tok(i).is_word for i in view.pos):
            continue
        main = view.pieces[:span[0] - 1]
        clause = [_copy(view.pieces[q]) for q in range(span[0] + 1, span[1] + 1)]
        if not clause:
            continue
        clause[0] = _decap(clause[0])
        return Split([_sentence_of(main), _sentence_of(clause, lead)], "trailing-clause")
    return None


def _set_off(view: View, dep: str, marks: frozenset[str] = frozenset({","})
             ) -> Iterator[tuple[int, int, set[int], tuple[int, int]]]:
    """Each `dep` dependent of a word still in the sentence whose words come right after one
    of `marks` ("the museum, which ..."): (token, head, its subtree, its span of pieces).
    Without the mark a clause is restrictive ("the man who came") and stays: it picks out
    the noun."""
    tree = view.tree
    for i in list(view.at):
        if i is None or tree.tokens[i].dep != dep:
            continue
        head = tree.heads[i]
        if not view.present(head):
            continue
        sub = tree.subtree(i)
        span = view.span(sub)
        if span is None or span[0] == 0 or view.pieces[span[0] - 1].text not in marks:
            continue
        yield i, head, sub, span


def relative_clause(view: View) -> Split | None:
    """"The museum, which opened in 1990, has 300 clocks." ->
    "The museum has 300 clocks. The museum opened in 1990." (subject relatives only)."""
    for i, head, sub, span in _set_off(view, "relcl"):
        rel = view.pieces[span[0]]
        if rel.token is None or rel.text.lower() not in {"who", "which"} or \
                rel.token.dep not in {"nsubj", "nsubjpass"}:
            continue
        noun = _np(view, head, sub)
        if noun is None or view.tok(head).pos == "PRP" or not _agrees(view, head, i) or \
                view.tok(head).dep == "pobj":
            continue  # "the farm in Ivory Coast, which produces": the farm or the country?
        clause = [_copy(view.pieces[q]) for q in range(span[0] + 1, span[1] + 1)]
        while clause and clause[-1].text in {",", "–", "—"}:
            clause.pop()
        if not clause:
            continue
        clause[0] = _copy(clause[0], True)
        new = _sentence_of(noun + clause)
        main = _sentence_of(_rest(view, _with_commas(view, *span)))
        return Split([main, new], "relative-clause")
    return None


def reduced_relative(view: View) -> Split | None:
    """"The museum, run by a retired teacher, houses 300 clocks." -> "The museum houses 300
    clocks. The museum is run by a retired teacher." (a participle between commas after a
    noun; "is/was" in the main verb's tense)."""
    tree = view.tree
    root = view.root()
    if root is None:
        return None
    for i in list(view.at):
        if i is None or tree.tokens[i].dep != "acl" or tree.tokens[i].pos not in {"VBN", "VBG"}:
            continue
        head = tree.heads[i]
        sub = tree.subtree(i)
        span = view.span(sub)
        if not view.present(head) or span is None or span[0] == 0 or \
                view.pieces[span[0] - 1].text != "," or view.pos[i] != span[0]:
            continue
        if span[1] + 1 < len(view.pieces) and view.pieces[span[1] + 1].text not in {",", ".", "!", "?"}:
            continue
        noun = _np(view, head, sub)
        past = _past(view, root)
        if noun is None or past is None or view.tok(head).pos == "PRP":
            continue
        clause = [_copy(view.pieces[q]) for q in range(span[0], span[1] + 1)]
        while clause and clause[-1].text in {",", "–", "—", "."}:
            clause.pop()
        clause[0] = _copy(clause[0], True)
        if tree.tokens[i].pos == "VBG":
            verb = _finite_like(view, root, tree.tokens[i].lemma, _is_plural(view, head))
            if verb is None:
                continue
            new = _sentence_of(noun + [_new(verb)] + clause[1:])
        else:
            dated = any(p.token is not None and (p.token.ent == "DATE" or p.token.pos == "CD")
                        for p in clause)  # "released on 14 April 1980": a past event
            new = _sentence_of(noun + [_new(_be(_is_plural(view, head), past or dated))] + clause)
        main = _sentence_of(_rest(view, _with_commas(view, *span)))
        return Split([main, new], "relative-clause")
    return None


def appositive(view: View) -> Split | None:
    """"Alex Salmond, Scotland's first minister, resigned." ->
    "Alex Salmond was Scotland's first minister. Alex Salmond resigned." (copula in the main
    verb's tense; the description goes first when its noun is the subject)."""
    tree = view.tree
    root = view.root()
    if root is None:
        return None
    for i, head, sub, span in _set_off(view, "appos", frozenset({",", "–", "—"})):
        desc = [_copy(view.pieces[q]) for q in range(span[0], span[1] + 1)]
        if word_count(desc) < 2 or any(p.token is not None and p.token.pos in FINITE for p in desc):
            continue
        if any(p.text in QUOTES for p in desc):
            continue
        noun = _np(view, head, sub)
        ht = view.tok(head)
        if noun is None or not ht.pos.startswith("NNP") or \
                not any(p.token is not None and p.token.pos in {"NN", "NNS"} for p in desc):
            continue  # a name's description ("Salmond, the first minister"), not "…housing, a
            # plan" nor "the editor, Rachael Jolley" (the name is the description there)
        if span[1] + 1 >= len(view.pieces) or view.pieces[span[1] + 1].text not in {",", "–", "—"}:
            if not ht.pos.startswith("NNP"):
                continue
        if view.pos[head] > view.pos[root]:
            continue  # "…, said Paul White, owner of …": the description stays with the speaker
        past = _past(view, root)
        copula = _be(_is_plural(view, head), bool(past))
        desc[0] = _decap(desc[0])
        new = _sentence_of(noun + [_new(copula)] + desc)
        main = _sentence_of(_rest(view, _with_commas(view, *span)))
        first = view.tok(head).dep in SUBJ and tree.heads[head] == root
        return Split([new, main] if first else [main, new], "appositive")
    return None


def coordination(view: View) -> Split | None:
    """"The shops closed, and the museums stayed open." -> two sentences; a second verb
    without its own subject gets the first one's ("He resigned and left" -> "He resigned.
    He left.") when its tense stands on its own (a finite verb, or the auxiliary repeated)."""
    tree = view.tree
    root = view.root()
    if root is None:
        return None
    for c in tree.children(root, {"conj"}):
        ct = tree.tokens[c]
        if not view.present(c) or ct.upos not in {"VERB", "AUX"}:
            continue
        ccs = [k for k in tree.children(root, {"cc"}) if view.present(k) and
               view.pos[k] < view.pos[c]] + \
            [k for k in tree.children(c, {"cc"}) if view.present(k)]
        if not ccs:
            continue
        cc = max(ccs, key=lambda k: view.pos[k])
        word = tree.tokens[cc].text.lower()
        if word not in CONJ_LEAD:
            continue
        at = view.pos[cc]
        sub_c = tree.subtree(c)
        span = view.span(sub_c)
        if span is None or span[0] <= at or any(
                view.pos[i] > span[1] and view.tok(i).is_word for i in view.pos):
            continue  # the second clause must run to the end of the sentence
        left = view.pieces[:at]
        right = [_copy(p) for p in view.pieces[at + 1:]]
        if not right:
            continue
        own = [k for k in tree.children(c, SUBJ) if view.present(k)]
        if not own:
            subj = _subject(view, root)
            if subj is None or tree.children(root, {"neg"}):
                continue
            if ct.pos in FINITE:
                extra: list[Piece] = []
            else:
                auxes = [k for k in tree.children(root, {"aux", "auxpass"}) if view.present(k)]
                if not auxes or ct.pos not in {"VBN", "VBG", "VB"}:
                    continue
                extra = [_copy(view.pieces[view.pos[a]], True) for a in auxes]
            right = subj + extra + [_copy(right[0], True)] + right[1:]
        lead = CONJ_LEAD[word]
        return Split([_sentence_of(left), _sentence_of(right, lead)], "coordination")
    return None


def participle(view: View) -> Split | None:
    """"Speaking in Edinburgh, Cameron said X." -> "Cameron spoke in Edinburgh. Cameron said X.";
    "Founded in 1990, the firm ..." -> "The firm was founded in 1990. ..."; a trailing
    result clause ("…, leaving 3 dead") -> "This left 3 dead."."""
    tree = view.tree
    root = view.root()
    if root is None:
        return None
    for a in tree.children(root, {"advcl", "xcomp"}):
        at = tree.tokens[a]
        if not view.present(a) or at.pos not in {"VBG", "VBN"}:
            continue
        if tree.children(a, SUBJ | {"mark", "aux", "auxpass"}) or at.dep == "xcomp" and \
                at.pos != "VBG":
            continue
        sub = tree.subtree(a)
        span = view.span(sub)
        if span is None:
            continue
        words = [p for p in view.pieces if p.token is not None and p.token.is_word]
        first_word = view.pieces.index(words[0]) if words else 0
        fronted = span[0] <= first_word + 0 and span[1] + 1 < len(view.pieces) and \
            view.pieces[span[1] + 1].text == ","
        trailing = span[0] > 0 and view.pieces[span[0] - 1].text == "," and \
            span[1] >= len(view.pieces) - 2
        if not (fronted or trailing):
            continue
        rest_clause = [_copy(view.pieces[q]) for q in range(span[0] + 1, span[1] + 1)]
        main = _sentence_of(_rest(view, _with_commas(view, *span)))
        if trailing and at.pos == "VBG" and at.lemma in RESULT_VERBS:
            verb = _finite_like(view, root, at.lemma, False)
            if verb is None:
                continue
            new = _sentence_of([_new("This", False), _new(verb)] + rest_clause)
            return Split([main, new], "participle")
        subj = _subject(view, root)
        subs = tree.children(root, SUBJ)
        if subj is None or not subs or tree.tokens[subs[0]].dep != "nsubj":
            continue  # a passive or missing subject: whose act the participle is is unclear
        plural = _is_plural(view, subs[0])
        if at.pos == "VBG":
            verb = _finite_like(view, root, at.lemma, plural)
            if verb is None:
                continue
            new = _sentence_of(subj + [_new(verb)] + rest_clause)
        else:
            past = _past(view, root)
            if past is None:
                continue
            new = _sentence_of(subj + [_new(_be(plural, past)), _copy(view.pieces[span[0]], True)]
                               + rest_clause)
        return Split([new, main] if fronted else [main, new], "participle")
    return None


def fronted_clause(view: View) -> Split | None:
    """"Although turnout was high, the result was close." -> "Turnout was high. But the result
    was close." (only subordinators whose meaning a linking word keeps: FRONTED_LEAD)."""
    tree = view.tree
    root = view.root()
    if root is None:
        return None
    for a in tree.children(root, {"advcl"}):
        marks = tree.children(a, {"mark"}) if view.present(a) else []
        if not marks or not view.present(marks[0]):
            continue
        word = tree.tokens[marks[0]].text.lower()
        if word not in FRONTED_LEAD or not tree.children(a, SUBJ):
            continue
        span = view.span(tree.subtree(a))
        if span is None or view.pos[marks[0]] != span[0]:
            continue
        before = [p for p in view.pieces[:span[0]] if p.token is None or p.token.is_word]
        if before or span[1] + 1 >= len(view.pieces) or view.pieces[span[1] + 1].text != ",":
            continue
        clause = [_copy(view.pieces[q]) for q in range(span[0] + 1, span[1] + 1)]
        main = _rest(view, set(range(0, span[1] + 2)))
        if not main:
            continue
        main[0] = _decap(main[0])
        return Split([_sentence_of(clause), _sentence_of(main, FRONTED_LEAD[word])],
                     "fronted-clause")
    return None


def _backshift(pieces: list[Piece]) -> list[Piece] | None:
    """Finite verbs one tense back for reported speech ("is" -> "was", "will" -> "would")."""
    out = []
    for p in pieces:
        t = p.token
        low = p.text.lower()
        if t is not None and t.pos == "MD" and low in _BACKSHIFT_MODAL:
            out.append(Piece(_BACKSHIFT_MODAL[low], p.space, None))
        elif t is not None and t.pos in {"VBZ", "VBP"}:
            form = _inflect(t.lemma, "VBD")
            if form is None:
                return None
            if t.lemma == "be":
                form = "were" if low in {"are", "'re", "’re"} else "was"
            out.append(Piece(form, p.space or low.startswith(("'", "’")), None))
        else:
            out.append(p)
    return out


def reported_speech(view: View) -> Split | None:
    """'"The people of Scotland have spoken and it is a clear result," Cameron said.' ->
    "Cameron said the people of Scotland had spoken and it was a clear result."

    The quotation's main clause is kept (its asides go) when it still holds every number,
    name and negation of the quotation; "we/our" become "they/their"; a quotation with
    "I" or "you" stays direct, as who they are is not in the sentence.
    """
    tree = view.tree
    root = view.root()
    if root is None or tree.tokens[root].lemma not in SPEECH_VERBS:
        return None
    quotes = [k for k, p in enumerate(view.pieces) if p.text in QUOTES]
    if len(quotes) != 2:
        return None
    q0, q1 = quotes
    inner = view.pieces[q0 + 1:q1]
    if word_count(inner) < QUOTE_MIN_WORDS:
        return None
    speaker = [k for k in tree.children(root, {"nsubj"}) if view.present(k)]
    if not speaker or q0 <= view.pos[speaker[0]] <= q1:
        return None
    subj = _subject(view, root)
    if subj is None:
        return None
    outside = [p for k, p in enumerate(view.pieces) if (k < q0 or k > q1) and p.token is not None
               and p.token.is_word]
    if len(outside) > 6:
        return None  # more is said outside the quotation than "X said"
    inner_idx: set[int] = {i for i in (view.at[k] for k in range(q0 + 1, q1)) if i is not None}
    heads = [i for i in inner_idx if tree.heads[i] not in inner_idx]
    verbs = [i for i in heads if tree.tokens[i].upos in {"VERB", "AUX"}]
    if len(verbs) != 1:
        return None
    main_v = verbs[0]
    if not tree.children(main_v, SUBJ):
        return None
    drop: set[int] = set()
    for k in tree.kids[main_v]:
        if tree.tokens[k].dep in {"advcl", "parataxis", "npadvmod", "intj", "discourse"}:
            drop |= tree.subtree(k)
    keep = sorted((tree.subtree(main_v) & inner_idx) - drop, key=lambda i: view.pos[i])
    pieces = [_copy(view.pieces[view.pos[i]]) for i in keep]
    while pieces and not (pieces[-1].token is not None and pieces[-1].token.is_word):
        pieces.pop()
    while pieces and pieces[0].text in {",", "–", "—"}:
        pieces.pop(0)
    if word_count(pieces) < 3 or word_count(pieces) > 16:
        return None
    lost = [view.pieces[view.pos[i]] for i in inner_idx - set(keep)]
    if any(p.token is not None and (p.token.is_name or any(ch.isdigit() for ch in p.text) or
                                    p.text.lower() in {"not", "n't", "never", "no", "nobody",
                                                       "nothing", "none"}) for p in lost):
        return None
    words = {p.text.lower() for p in pieces}
    if words & (_FIRST_SINGULAR | _SECOND):
        return None
    pieces = [Piece(_PERSON_SHIFT.get(p.text.lower(), p.text), p.space,
                    None if p.text.lower() in _PERSON_SHIFT else p.token) for p in pieces]
    shifted = _backshift(pieces)
    if shifted is None:
        return None
    shifted[0] = _decap(shifted[0])
    return Split([_sentence_of(subj + [_new("said")] + shifted)], "reported-speech")


def semicolon(view: View) -> Split | None:
    """"The shops were shut; the museums stayed open." -> two sentences."""
    for k, p in enumerate(view.pieces):
        if p.text == ";" and 0 < k < len(view.pieces) - 1:
            return Split([_sentence_of(view.pieces[:k]), _sentence_of(view.pieces[k + 1:])],
                         "semicolon")
    return None


def clause_boundary(view: View) -> Split | None:
    """The tag-based splitter (split.py) as a last resort, its parts re-parsed like any rule's."""
    from toolkit.language.split import split_once

    found = split_once(view.pieces)
    return Split(found[0], "clause-boundary") if found else None


ORDER = (semicolon, reported_speech, fronted_clause, relative_clause, reduced_relative, appositive, participle,
         coordination, trailing_clause, clause_boundary)


@lru_cache(maxsize=20_000)
def is_sentence(text: str) -> bool:
    """Does `text` parse again as one sentence with a subject and a finite verb at its top?"""
    from toolkit.language import parser

    sents = parser.parse(text, entities=False)
    if len(sents) != 1:
        return False
    toks = sents[0].tokens
    roots = [k for k, t in enumerate(toks) if t.head == 0]
    if len(roots) != 1 or sum(1 for t in toks if t.text[:1].isalnum()) < 3:
        return False
    r = roots[0]
    kids = [t for t in toks if t.head == r + 1]
    finite = toks[r].tag in FINITE or any(t.dep in {"aux", "auxpass"} and t.tag in FINITE
                                          for t in kids)
    return finite and any(t.dep in SUBJ for t in kids)


def simplify(sentence: Sentence, pieces: list[Piece], max_words: int, reported: bool,
             semicolons: bool = False) -> tuple[list[list[Piece]], list[tuple[str, str, str]]]:
    """Apply the rules while a part is longer than `max_words`; returns (parts, steps), each
    step (rule name, before, after) as the change log shows it.

    `reported` turns long quotations into reported speech (A1-A2); with `semicolons` a
    semicolon splits whatever the length (up to B1). A rule's result is kept
    only when every new sentence passes `is_sentence`; otherwise the next rule is tried.
    """
    tree = Tree(sentence)
    done: list[list[Piece]] = []
    rules: list[tuple[str, str, str]] = []
    todo = [pieces]
    steps = 0
    while todo:
        part = todo.pop(0)
        long = word_count(part) > max_words
        semi = semicolons and any(p.text == ";" for p in part)
        if steps < 8 and (long or reported or semi):
            view = View(tree, part)
            for rule in ORDER:
                if rule is reported_speech and not reported:
                    continue
                if not long and not (rule is reported_speech or (rule is semicolon and semi)):
                    continue
                found = rule(view)
                if found is None or not all(found.parts):
                    continue
                if all(is_sentence(render(p)) for p in found.parts):
                    rules.append((found.rule, render(part),
                                  " ".join(render(p) for p in found.parts)))
                    todo = found.parts + todo
                    steps += 1
                    break
            else:
                done.append(part)
            continue
        done.append(part)
    return done, rules


__all__ = ["ORDER", "RULES", "Split", "Tree", "View", "is_sentence", "simplify"]
