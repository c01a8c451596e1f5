"""Shorter sentences: split at semicolons, coordination, relative clauses, sentence-initial
"although"/"because" clauses, a description after a name and result "-ing" clauses; drop
parentheticals that carry no name, number or negation.

Works on a sentence as a list of pieces (token text + whether a space precedes it), so the
output keeps the article's own spacing and punctuation. A split is made only where both
halves are clauses (a finite verb each, at least four words), so fragments are not created.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.model.text import Sentence, Token
from toolkit.language.features import NEGATIONS

FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
SUBJECT_START = frozenset({"PRP", "NNP", "NNPS", "DT", "NN", "NNS", "EX", "CD", "PRP$", "JJ"})
_SUBJECT_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP"})
DASHES = frozenset({"–", "—"})
QUOTES = frozenset({'"', "“", "”", "``", "''", "‘", "’"})
_CONJ_START = {"and": "", "but": "But", "so": "So", "yet": "But"}
# ", although Y" -> ". But Y": subordinators after a comma whose clause can stand alone.
_SUB_START = {"although": "But", "though": "But", "whereas": "But", "while": "But",
              "because": "This is because"}
MIN_PART = 4
# "Although X, Y" -> "X. But Y.": a sentence-initial subordinator and the word that keeps its
# meaning when the clauses stand apart ("while" and "since" also tell time: not split).
_INITIAL_SUB = {"although": "But", "though": "But", "even though": "But", "because": "So"}
# A clause cannot end on these ("… is to improve safety and that, because …").
_OPEN_ENDS = frozenset("that and but or which who to".split())
_APPOSITIVE_START = frozenset({"DT", "JJ", "JJS", "NN", "NNS", "PRP$", "CD"})
# Verbs whose trailing -ing clause tells a result of the whole sentence, so "This …" can
# start it ("…, leaving 3 dead" -> "This left 3 dead"). Reporting verbs ("saying") are not:
# their subject is the sentence's subject.
# ("making", "leading", "raising" are left out: as often the subject's own act.)
RESULT_VERBS = frozenset("leave give cause force prompt allow mean trigger spark".split())


@dataclass
class Piece:
    """A token as it will be written: its text, a space before it, and its analysis if any."""

    text: str
    space: bool
    token: Token | None = None

    @property
    def pos(self) -> str:
        return self.token.pos if self.token else ""


def pieces_of(sentence: Sentence) -> list[Piece]:
    out: list[Piece] = []
    prev_end = sentence.start
    for t in sentence.tokens:
        out.append(Piece(t.text, t.start > prev_end and bool(out), t))
        prev_end = t.end
    return out


def render(pieces: list[Piece]) -> str:
    return "".join((" " if p.space and i else "") + p.text for i, p in enumerate(pieces) if p.text)


def word_count(pieces: list[Piece]) -> int:
    return sum(1 for p in pieces if p.token is None or p.token.is_word)


APOSTROPHES = frozenset({"'", "’"})
_CLITICS = frozenset({"t", "ve", "ll", "re", "d", "m"})


def in_contraction(texts: list[str], i: int) -> bool:
    """Is texts[i] part of a contraction the tokenizer split at a curly apostrophe
    ("don", "’", "t")? Such parts are neither hard words nor to be replaced."""
    if i + 2 < len(texts) and texts[i + 1] in APOSTROPHES and texts[i + 2].lower() in _CLITICS:
        return True
    return i >= 1 and texts[i - 1] in APOSTROPHES and texts[i].lower() in _CLITICS | {"s"}


def is_negation(texts: list[str], i: int) -> bool:
    """A negation word, or the "t" of a "n’t" the tokenizer split at a curly apostrophe."""
    if texts[i].lower() in NEGATIONS:
        return True
    return texts[i].lower() == "t" and i >= 2 and texts[i - 1] in APOSTROPHES and \
        texts[i - 2].lower().endswith("n")


def _keeps_meaning(pieces: list[Piece]) -> bool:
    """A stretch holding a name, a number or a negation must not be dropped."""
    texts = [p.text for p in pieces]
    return any(p.token is not None and (p.token.is_name or p.pos == "CD" or is_negation(texts, i)
                                         or any(ch.isdigit() for ch in p.text))
               for i, p in enumerate(pieces))


def drop_parentheticals(pieces: list[Piece], dashes: bool = False,
                        ) -> tuple[list[Piece], list[str]]:
    """Remove "( ... )" asides without names, numbers or negations; returns (pieces, removed).

    With `dashes`, a " – … – " aside too, unless it starts with "and"/"or"/"but" (then it
    adds an alternative to the sentence, not an aside: "Anitta – or her team – chose …").
    """
    removed: list[str] = []
    i = 0
    out = list(pieces)
    while i < len(out):
        close = {"(": ")"}.get(out[i].text) or (out[i].text if dashes and out[i].text in DASHES
                                                else None)
        if close and i > 0:
            j = next((k for k in range(i + 1, len(out)) if out[k].text == close), None)
            inner = out[i + 1:j] if j is not None else []
            if j is not None and inner and not _keeps_meaning(inner) and \
                    (close == ")" or (inner[0].pos != "CC" and _balanced(inner))):
                removed.append(render(out[i:j + 1]).strip())
                del out[i:j + 1]
                continue
        i += 1
    return out, removed


def _has_finite_verb(pieces: list[Piece]) -> bool:
    """A finite verb; a "VBN" right after a noun or pronoun counts ("the team trained"),
    as the tagger often reads a simple past as a participle."""
    return any(p.pos in FINITE or (p.pos == "VBN" and i and pieces[i - 1].pos in _SUBJECT_TAGS)
               for i, p in enumerate(pieces))


def _is_clause(pieces: list[Piece]) -> bool:
    return word_count(pieces) >= MIN_PART and _has_finite_verb(pieces)


def _has_verb(pieces: list[Piece]) -> bool:
    """Enough for a sentence of its own after a semicolon: a finite verb and two words."""
    return word_count(pieces) >= 2 and _has_finite_verb(pieces)


def _balanced(pieces: list[Piece]) -> bool:
    return sum(p.text in QUOTES for p in pieces) % 2 == 0 and \
        sum(p.text == "(" for p in pieces) == sum(p.text == ")" for p in pieces)


def _capitalise(pieces: list[Piece]) -> list[Piece]:
    if pieces:
        first = pieces[0]
        pieces[0] = Piece(first.text[:1].upper() + first.text[1:], False, first.token)
    return pieces


def _close(pieces: list[Piece]) -> list[Piece]:
    while pieces and pieces[-1].text in {",", ";", ":", "-", "–", "—"}:
        pieces = pieces[:-1]
    if pieces and pieces[-1].text not in {".", "!", "?"}:
        pieces = pieces + [Piece(".", False, None)]
    return pieces


def _pronoun_for(left: list[Piece]) -> str | None:
    """What a trailing "which"/"who" clause refers to, as a new subject."""
    prev = next((p for p in reversed(left) if p.text != ","), None)
    if prev is None or prev.token is None:
        return None
    if prev.pos in {"NNP", "NNPS"}:  # repeat the name: "Ada Lovelace, who ..." -> "Ada Lovelace ..."
        names: list[str] = []
        for p in reversed(left[:-1] if left[-1].text == "," else left):
            if p.pos in {"NNP", "NNPS"}:
                names.insert(0, p.text)
            else:
                break
        return " ".join(names)
    if prev.pos == "NNS":
        return "They"
    if prev.pos == "NN":
        return "It"
    return None


def _agreeing_pronoun(verb: Piece, fallback: str | None) -> str | None:
    """"It" or "They" by the verb's agreement (VBZ/was: singular), else the noun's number."""
    if verb.pos == "VBZ" or verb.text.lower() == "was":
        return "It"
    if verb.pos == "VBP" or verb.text.lower() == "were":
        return "They"
    return fallback


def _middle_relative(pieces: list[Piece], i: int) -> tuple[list[list[Piece]], str] | None:
    """"NP, who/which V ..., B" -> "NP V .... It/They/NP B".

    The relative clause becomes its own sentence with the whole noun phrase as its subject
    (so it still makes sense if the other half is later dropped); the main clause follows
    with a pronoun that agrees with the relative clause's verb, or the name repeated.
    """
    left = pieces[:i - 1]  # the noun phrase, without the comma
    close = next((k for k in range(i + 1, len(pieces)) if pieces[k].text == ","), None)
    if close is None or not left or word_count(left) > 8:
        return None
    clause, rest = pieces[i + 1:close], pieces[close + 1:]
    if not clause or clause[0].pos not in FINITE or not _has_verb(clause) or \
            word_count(rest) < 2 or not _has_finite_verb(rest) or not _balanced(left):
        return None
    # The noun phrase must be the whole subject: no verb before it, not a fronted phrase
    # ("In São Paulo, which had …, B" has no subject to lend).
    if any(p.pos.startswith("VB") or p.pos == "MD" for p in left) or \
            left[0].pos in {"IN", "TO"}:
        return None
    head = _pronoun_for(left)
    if head is None:
        return None
    is_name = head not in {"It", "They"}
    subject = head if is_name else _agreeing_pronoun(clause[0], head)
    if subject is None:
        return None
    first = [Piece(p.text, p.space, p.token) for p in left] + \
        [Piece(clause[0].text, True, clause[0].token)] + clause[1:]
    second = [Piece(subject, False, None)] + [Piece(r.text, r.space, r.token) for r in rest]
    if rest:
        second[1] = Piece(rest[0].text, True, rest[0].token)
    return [_close(_capitalise(first)), _capitalise(second)], \
        f"split off the “{pieces[i].text}” clause"


def _new(text: str, space: bool = True) -> Piece:
    return Piece(text, space, None)


def _led_by(lead: list[str], pieces: list[Piece]) -> list[Piece]:
    """"But" + "Americans decided …": lead words first, the old first word keeps its case."""
    out = [_new(w, k > 0) for k, w in enumerate(lead)]
    return out + [Piece(pieces[0].text, True, pieces[0].token)] + pieces[1:]


def _finite_before_comma(pieces: list[Piece]) -> bool:
    """The clause's verb comes before any comma (so "pears, and plums, he ate" is no clause)."""
    for i, p in enumerate(pieces):
        if p.text == ",":
            return False
        if p.pos in FINITE or (p.pos == "VBN" and i and pieces[i - 1].pos in _SUBJECT_TAGS):
            return True
    return False


def _initial_subordinate(pieces: list[Piece]) -> tuple[list[list[Piece]], str] | None:
    """"Although X, Y" -> "X. But Y."; "Because X, Y" -> "X. So Y."."""
    words = [p.text.lower() for p in pieces[:2]]
    skip = 2 if words == ["even", "though"] else 1
    lead = _INITIAL_SUB.get(" ".join(words[:skip]))
    if lead is None or pieces[skip - 1].pos not in {"IN", "RB"}:
        return None
    for k in range(skip + 1, len(pieces) - 1):
        if pieces[k].text != ",":
            continue
        left, right = pieces[skip:k], pieces[k + 1:]
        if _balanced(left) and _is_clause(left) and right[0].pos in SUBJECT_START and \
                _is_clause(right) and _finite_before_comma(right):
            first = [Piece(left[0].text, False, left[0].token)] + left[1:]
            return [_close(_capitalise(first)), _capitalise(_led_by([lead], right))], \
                f"split at “{pieces[0].text}”"
        return None  # only the first comma can close the subordinate clause
    return None


def _name_appositive(pieces: list[Piece]) -> tuple[list[list[Piece]], str] | None:
    """"Ada Lovelace, a mathematician from London, wrote …" ->
    "Ada Lovelace was a mathematician from London. Ada Lovelace wrote …".

    Only a name at the start of the sentence (a name can be repeated without sounding odd;
    a pronoun would have to guess he/she/it); the copula takes the main verb's tense.
    """
    n = next((k for k, p in enumerate(pieces) if p.pos not in {"NNP", "NNPS"}), 0)
    if n == 0 or pieces[n].text != ",":
        return None
    close = next((k for k in range(n + 1, len(pieces)) if pieces[k].text == ","), None)
    if close is None:
        return None
    appos, rest = pieces[n + 1:close], pieces[close + 1:]
    if word_count(appos) < 2 or _has_finite_verb(appos) or not _balanced(appos) or \
            any(p.text in QUOTES or p.pos.startswith("VB") or p.pos in {"WDT", "WP", "CC"} and
                k == 0 for k, p in enumerate(appos)):
        return None
    # "Labour MEP for …" starts with a name but holds a noun; "London and Rome" is a list,
    # "for example" an aside.
    if appos[0].pos not in _APPOSITIVE_START and not (
            appos[0].pos in {"NNP", "NNPS"} and any(p.pos in {"NN", "NNS"} for p in appos)):
        return None
    if not rest or rest[0].pos not in FINITE or rest[0].pos == "MD" or not _has_verb(rest):
        return None
    plural = pieces[n - 1].pos == "NNPS"
    # "…, has died": news present perfect reports the past, so "was".
    past = rest[0].pos == "VBD" or rest[0].text.lower() in {"has", "have"}
    copula = ("were" if plural else "was") if past else ("are" if plural else "is")
    name = [Piece(p.text, p.space, p.token) for p in pieces[:n]]
    first = name + [_new(copula)] + [Piece(appos[0].text, True, appos[0].token)] + appos[1:]
    second = [Piece(p.text, p.space, p.token) for p in pieces[:n]] + \
        [Piece(rest[0].text, True, rest[0].token)] + rest[1:]
    return [_close(first), second], "made the description after the name a sentence"


def _result_participle(pieces: list[Piece], i: int) -> tuple[list[list[Piece]], str] | None:
    """"A bomb exploded, leaving a crater." -> "A bomb exploded. This left a crater."

    Only verbs whose -ing clause reports a result of the whole clause (RESULT_VERBS), so
    "This" is the right subject; the verb takes the tense of the main clause.
    """
    from lemminflect import getInflection

    p, left, right = pieces[i], pieces[:i - 1], pieces[i:]
    if p.pos != "VBG" or p.token is None or p.token.lemma.lower() not in RESULT_VERBS:
        return None
    if not _is_clause(left) or word_count(right) < MIN_PART or not _balanced(left):
        return None
    finite = next((q for q in left if q.pos in FINITE), None)
    if finite is None or finite.pos == "MD":
        return None  # "will …, giving" would need "This will give"
    tag = "VBD" if finite.pos == "VBD" else "VBZ"
    forms = getInflection(p.token.lemma.lower(), tag=tag)
    if not forms:
        return None
    second = [_new("This", False), _new(forms[0])] + right[1:]
    return [_close(left), second], f"made the “{p.text}” clause a sentence"


def _after_preposition(left: list[Piece], name: str) -> bool:
    """Is the name at the end of `left` the object of a preposition ("by Rembrandt")?"""
    k = len(left) - len(name.split()) - 1
    return k >= 0 and left[k].pos in {"IN", "TO"}


def _object_relative(right: list[Piece]) -> bool:
    """Does another finite verb follow the first with no comma, after a noun-like word
    ("which proponents say was")? Then "which" is an object and no pronoun can replace it."""
    verbs = [k for k, p in enumerate(right[:6]) if p.pos in FINITE]
    return len(verbs) >= 2 and right[verbs[0]].text.lower().endswith("s") and \
        right[verbs[0]].pos == "VBZ" and right[verbs[0] + 1].pos in {"IN", "NN", "NNS", "JJ"}


def split_once(pieces: list[Piece]) -> tuple[list[list[Piece]], str] | None:
    """One split of a sentence, or None; returns (parts, reason)."""
    n = len(pieces)
    for rule in (_initial_subordinate, _name_appositive):
        found = rule(pieces)
        if found:
            return found
    for i, p in enumerate(pieces):
        left, right = pieces[:i], pieces[i + 1:]
        low = p.text.lower()
        if p.text == ";" and _has_verb(left) and _has_verb(right) and _balanced(left):
            return [_close(left), _capitalise(right)], "split at a semicolon"
        if i + 1 >= n or not left or not _balanced(left):
            continue
        after_comma = left[-1].text == ","
        if low in _CONJ_START and p.pos == "CC" and (after_comma or right[0].pos == "PRP"):
            if right[0].pos in SUBJECT_START and _is_clause(left) and _is_clause(right) and \
                    _finite_before_comma(right):  # not "share, and act on, each other's …"
                lead = _CONJ_START[low]
                new_right = ([Piece(lead, False, None)] + [Piece(r.text, r.space, r.token)
                                                           for r in right]) if lead else right
                if lead:
                    new_right[1].space = True
                return [_close(left), _capitalise(new_right)], f"split at “{p.text}” joining two clauses"
        if low in _SUB_START and after_comma and p.pos != "NN" and right[0].pos in SUBJECT_START \
                and len(left) > 1 and left[-2].text.lower() not in _OPEN_ENDS \
                and _is_clause(left) and _is_clause(right) and _finite_before_comma(right):
            opening = [Piece(w, k > 0, None) for k, w in enumerate(_SUB_START[low].split())]
            new_right = opening + [Piece(right[0].text, True, right[0].token)] + right[1:]
            return [_close(left), _capitalise(new_right)], f"split at “{p.text}”"
        if after_comma and p.pos == "VBG":
            found = _result_participle(pieces, i)
            if found:
                return found
        if low in {"which", "who"} and after_comma and p.pos in {"WDT", "WP"}:
            middle = _middle_relative(pieces, i)
            if middle:
                return middle
            # Only a relative clause that runs to the end of the sentence.
            if any(r.text in {",", ";", "(", ")"} | QUOTES for r in right[:-1]):
                continue
            subject = _pronoun_for(left[:-1])
            if low == "which" and subject not in {None, "It", "They"} and \
                    _after_preposition(left[:-1], subject):
                continue  # "a painting by Rembrandt, which was found": not Rembrandt
            if subject in {"It", "They"}:
                subject = _agreeing_pronoun(right[0], subject)
            # "which proponents say was …": "which" is not the subject there; the tagger
            # can call a plural noun VBZ, so the verb must also agree in form.
            if subject and right[0].pos in FINITE and _is_clause(left) and \
                    not _object_relative(right) and \
                    word_count(right) >= MIN_PART - 1:
                new_right = [Piece(subject, False, None)] + right
                new_right[1] = Piece(new_right[1].text, True, new_right[1].token)
                return [_close(left), _capitalise(new_right)], \
                    f"split off the “{p.text}” clause"
    return None


def split_long(pieces: list[Piece], max_words: int, semicolons: bool = False,
               ) -> tuple[list[list[Piece]], list[str]]:
    """Split while a part is longer than max_words and a safe split point exists.

    With `semicolons`, a part holding a semicolon is split whatever its length (learners
    up to B1 read two sentences more easily than one joined by a semicolon).
    """
    done: list[list[Piece]] = []
    reasons: list[str] = []
    todo = [pieces]
    while todo:
        part = todo.pop(0)
        if word_count(part) > max_words or (semicolons and any(p.text == ";" for p in part)):
            result = split_once(part)
            if result:
                parts, reason = result
                reasons.append(reason)
                todo = parts + todo
                continue
        done.append(part)
    return done, reasons
