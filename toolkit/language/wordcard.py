"""Word cards: a word as it is used in its sentence, for a learner, offline.

`build_card` makes one card; `build_cards` makes every card of an analysed article at once,
sharing what does not depend on the sentence (pronunciation, family, inflections, sense
signatures, translation tables) through caches keyed by (lemma, POS).

The card records live in `toolkit.model.wordcard` (a student's kernel reads them from a
lesson pack); this module only builds them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable, Sequence

from toolkit.errors import UserInputError
from toolkit.model.tags import PENN_GRAMMAR_NAME, WORDNET_TO_NAME, WORDNET_TO_PENN, penn_to_wordnet
from toolkit.model.wordcard import ArticleCards, FamilyWord, Pronunciation, Sense, WordCard

ALL_LANGS: tuple[str, ...] = ("zh", "es", "de", "ja", "ko")
_INFLECTIONS = {
    "n": (("plural", "NNS"),),
    "v": (("3rd person", "VBZ"), ("past", "VBD"), ("past participle", "VBN"), ("-ing", "VBG")),
    "a": (("comparative", "JJR"), ("superlative", "JJS")),
    "r": (("comparative", "RBR"), ("superlative", "RBS")),
}
MAX_TOKEN = 40  # longer "words" are not words a learner looks up
ASK_MAX_ZIPF = 6.0  # "Which meaning fits here?" only for words rarer than this (see _card)
_WORD = re.compile(r"^[^\W\d_]+(?:[-'’ ]+[^\W\d_]+)*$")


class WordLookupError(UserInputError):
    """A word that cannot get a card; the message says why and suggests near words."""

    def __init__(self, message: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.suggestions = list(suggestions)


def frequency_band(zipf: float) -> str:
    """Zipf frequency in words a learner understands (5.5+ is about the top 1,000 words)."""
    for floor, band in ((5.5, "very common"), (4.5, "common"), (3.5, "less common"),
                        (2.5, "rare")):
        if zipf >= floor:
            return band
    return "very rare"


def short_definition(definition: str) -> str:
    """The learner definition: the first clause, without a long parenthetical aside."""
    first = definition.split(";")[0].strip()
    plain = re.sub(r"\s*\([^)]*\)", "", first).strip()
    return plain if len(plain.split()) >= 2 else first


def _learner_short(synset: Any, headword: str, rank: int) -> str:
    """The definition a card shows for a sense: in words at or below B1 where possible
    (toolkit.language.definitions) for the senses a card shows (the first and "Other
    meanings"), the gloss's first clause for the rest; the full gloss stays in the Sense."""
    if rank >= SHOWN_SENSES:
        return short_definition(synset.definition())
    from toolkit.language.definitions import learner_definition

    return learner_definition(synset, headword)


SHOWN_SENSES = 4  # the card's sense and the three "Other meanings" it lists
RANK_ALL = True  # build_cards ranks all words first, in one encoder call (False: word by word)
# Sentence-to-gloss cosine above which the encoder's choice counts as backed by the sentence
# even with no shared word (on benchmarks/data/translations.tsv's first 20 sentences:
# the right senses there reach 0.42-0.59, "developer" as a real-estate developer 0.39).
CONFIRM_FIT = 0.45


# ---------------------------------------------------------------- sentence-independent parts


@lru_cache(maxsize=50_000)
def _level(word: str, wn_pos: str | None) -> tuple[int, float]:
    """(CEFR level, zipf) of a word or phrase outside a sentence."""
    from wordfreq import zipf_frequency

    from toolkit.language.analysis import word_level, zipf_to_level

    text = word.replace("_", " ")
    if " " in text:
        z = zipf_frequency(text, "en")
        return zipf_to_level(z), z
    level, _, z = word_level(text, text, WORDNET_TO_PENN.get(wn_pos or "", ""))
    return level, z


@lru_cache(maxsize=50_000)
def _family(lemma: str) -> tuple[tuple[str, str], ...]:
    """Derivationally related forms (two steps, same word stem) across all senses."""
    from wordfreq import zipf_frequency

    from toolkit.language.senses import wordnet

    wn = wordnet()
    head = lemma.lower().replace(" ", "_")
    found: dict[str, set[str]] = {}

    def related(name: str) -> list[Any]:
        out = []
        for s in wn.synsets(name):
            for lem in s.lemmas():
                if lem.name().lower() == name:
                    out.extend(lem.derivationally_related_forms())
                    out.extend(lem.pertainyms())
        return out

    first = related(head)
    second = [r2 for r in {x.name().lower() for x in first} for r2 in related(r)]
    for lem in first + second:
        name = lem.name().lower()
        if name == head or "_" in name or name[:3] != head[:3]:
            continue
        found.setdefault(name, set()).add(WORDNET_TO_NAME.get(lem.synset().pos().replace("s", "a"), ""))
    ranked = sorted(found, key=lambda n: (-zipf_frequency(n, "en"), n))[:8]
    return tuple((n, "/".join(sorted(found[n]))) for n in ranked)


@lru_cache(maxsize=50_000)
def _inflections(lemma: str, wn_pos: str | None) -> tuple[tuple[str, str], ...]:
    if wn_pos not in _INFLECTIONS or " " in lemma:
        return ()
    from lemminflect import getInflection

    out = []
    for label, tag in _INFLECTIONS[wn_pos]:
        try:
            forms = getInflection(lemma, tag=tag, inflect_oov=False)  # no "stolener"
        except IndexError:  # lemminflect's rules fail on some odd tokens ("-", "'s")
            continue
        if forms and forms[0] != lemma:
            out.append((label, forms[0]))
    return tuple(out)


def _pronounce(text: str) -> Pronunciation | None:
    from toolkit.language.pronunciation import pronounce

    return pronounce(text)


@lru_cache(maxsize=100_000)
def _synonyms(synset_name: str, headword: str, level: int | None) -> tuple[str, ...]:
    """Synonyms of one sense, easiest first, none above the word's own level."""
    from toolkit.language.senses import wordnet

    s = wordnet().synset(synset_name)
    pos = s.pos().replace("s", "a")
    names = list(s.lemma_names())
    if pos == "a":
        names += [n for sim in sorted(s.similar_tos(), key=lambda x: x.name())[:4]
                  for n in sim.lemma_names()]
    head = headword.lower().replace(" ", "_")
    scored = []
    for n in dict.fromkeys(names):
        if n.lower() == head or n[:1].isupper():
            continue
        lv, z = _level(n, pos)
        if level is None or lv <= level:
            scored.append((lv, -z, n.replace("_", " ")))
    return tuple(n for _, _, n in sorted(scored)[:6])


@lru_cache(maxsize=100_000)
def _antonyms(synset_name: str, headword: str) -> tuple[str, ...]:
    from toolkit.language.senses import wordnet

    s = wordnet().synset(synset_name)
    head = headword.lower().replace(" ", "_")
    lemmas = [lem for lem in s.lemmas() if lem.name().lower() == head] or s.lemmas()[:1]
    out = sorted(a.name() for lem in lemmas for a in lem.antonyms())
    if not out and s.pos() == "s":  # satellite adjectives: the head's antonym
        out = sorted(a.name() for sim in s.similar_tos() for lem in sim.lemmas()
                     for a in lem.antonyms())
    return tuple(dict.fromkeys(a.replace("_", " ") for a in out))


# ---------------------------------------------------------------- the builders


def _learner_pos(penn: str, wn_pos: str | None) -> str:
    if wn_pos in WORDNET_TO_NAME:
        return WORDNET_TO_NAME[wn_pos]
    return PENN_GRAMMAR_NAME.get(penn, penn.lower() or "word")


def _translations(headword: str, wn_pos: str | None, langs: Iterable[str],
                  sense_name: str | None, context: frozenset[str],
                  forms: tuple[str, ...] = (), confirmed: bool = True) -> dict[str, Any]:
    from toolkit.language.senses import content_stems, signature
    from toolkit.language.translate import SenseHint, translate

    sense = signature(sense_name) if sense_name else frozenset()
    hint = SenseHint(frozenset(sense - content_stems([headword])), context, confirmed)
    return {lang: translate(headword, wn_pos, lang, hint, forms) for lang in langs}


def _card(text: str, headword: str, kind: str, penn: str, wn_pos: str | None,
          level: int | None, zipf: float, sentence: str, context_words: list[str],
          langs: Sequence[str], wn_key: str | None = None,
          fixed: tuple[str, str] | None = None,
          parsed: tuple[Sequence[Any], int] | None = None) -> WordCard:
    from toolkit.cefr import level_name
    from toolkit.language import senses as S

    card = WordCard(headword=headword, text=text, kind=kind,
                    pos="name" if kind == "name" else _learner_pos(penn, wn_pos), penn=penn,
                    level=level, cefr=level_name(level) if level else None, zipf=round(zipf, 2),
                    frequency_band=frequency_band(zipf), sentence=sentence)
    card.pronunciation = _pronounce(headword if kind != "name" else text)
    context = frozenset(S.content_stems(context_words))
    sense_name = None
    confirmed = True  # did the sentence back the sense? (translations trust it less if not)
    if kind == "name":
        # ranked under the name as written, so instance senses (China the country) stay
        ranked = S.rank(text.replace(" ", "_"), "NNP", context_words) if wn_key else []
        ranked = [r for r in ranked if r.synset.instance_hypernyms() or
                  any(n[:1].isupper() for n in r.synset.lemma_names())]
        if ranked:  # WordNet knows this name: its own description, not one made up
            card.definition = short_definition(ranked[0].synset.definition())
            card.notes.append("a name; the description is WordNet's")
        else:
            card.notes.append("a name: names have no dictionary definition")
    elif fixed is not None:
        card.pos, card.definition = fixed
        card.sense_basis = "fixed phrase"
        card.notes.append("a fixed phrase: learn it as one unit")
    else:
        confidence = None
        if parsed is not None and sentence and S.USE_FITTED:  # the fitted ranker
            ranked, confidence = S.rank_in_context(headword, penn, parsed[0], parsed[1], sentence)
        else:
            ranked = S.rank(wn_key or headword, penn, context_words, sentence=sentence or None)
        if ranked:
            best = ranked[0]
            sense_name = best.synset.name()
            confirmed = bool(best.matched) or (getattr(best, "fit", None) or 0.0) >= CONFIRM_FIT
            wn_pos = wn_pos or best.synset.pos().replace("s", "a")
            if not card.pos or card.pos not in WORDNET_TO_NAME.values():
                card.pos = WORDNET_TO_NAME.get(wn_pos, card.pos)
            card.senses = [Sense(r.key, r.synset.name(), r.synset.definition(),
                                 _learner_short(r.synset, headword, n), list(r.synset.examples()),
                                 round(r.score, 3), list(r.matched)) for n, r in enumerate(ranked)]
            card.definition = card.senses[0].short
            # "frequency": the sentence did not decide; views say so beside the definition
            card.sense_basis = "context" if best.evidence >= S.MIN_FIT else "frequency"
            if confidence is not None:
                from toolkit.language.sense_context import model

                card.sense_confidence = confidence
                card.sense_basis = "context"
                # not for the commonest words ("be", "have", "go", "so"): their WordNet senses
                # are too fine for a learner to choose between
                if (confidence < model().unsure_below and len(card.senses) >= 2
                        and zipf < ASK_MAX_ZIPF):
                    card.sense_basis = "unsure"  # the card asks which of the two fits
                    card.sense_choices = [card.senses[0].key, card.senses[1].key]
            card.synonyms = list(_synonyms(sense_name, headword, level))
            card.antonyms = list(_antonyms(sense_name, headword))
            card.examples = [e[:1].upper() + e[1:] for e in best.synset.examples()[:2]]
            card.family = [FamilyWord(w, p) for w, p in _family(headword)]
        elif kind == "word":
            card.kind = "grammar"
            usage = grammar_note(headword)
            if usage is not None:  # our own usage note and example, not an empty card
                card.definition, example = usage
                card.sense_basis = "usage note"
                card.examples.append(example)
                card.notes.append("a grammar word: how it is used, with an example")
            else:
                card.notes.append("a grammar word: the dictionary has no definition for it")
        card.inflections = dict(_inflections(headword, wn_pos))
        if kind == "phrase":
            card.notes.append("a phrase: its words are learned together")
    if sentence:
        card.examples.append(sentence)
    forms = tuple(dict.fromkeys([text.lower(), *card.inflections.values()]))
    card.translations = _translations(headword if kind != "name" else text,
                                      "name" if kind == "name" else wn_pos, langs,
                                      sense_name, context, forms,
                                      confirmed=confirmed)
    return card


@lru_cache(maxsize=1)
def _function_words() -> dict[str, dict[str, str]]:
    import json
    from pathlib import Path

    path = Path(__file__).with_name("function_words.json")
    return json.loads(path.read_text("utf-8"))["words"]


def grammar_note(headword: str) -> tuple[str, str] | None:
    """(usage note, example) for a common function word ("the", "of", "everything"), from
    the table shipped with the package (`function_words.json`, written for this project);
    None for a word it does not hold. Looked up when cards are built, never on a page."""
    entry = _function_words().get(headword.lower())
    return (entry["note"], entry["example"]) if entry else None


def _context_words(tokens: Sequence[Any]) -> list[str]:
    return [t.lemma for t in tokens if t.is_word and not t.is_name] + \
           [t.text for t in tokens if t.is_name]


def _token_card(tokens: Sequence[Any], i: int, sentence: str, langs: Sequence[str]) -> WordCard:

    t = tokens[i]
    context = _context_words([*tokens[:i], *tokens[i + 1:]])
    if t.is_name:
        from toolkit.language.phrases import _known

        key = t.text.lower()
        return _card(t.text, t.text, "name", t.pos, None, None, _level(t.text, None)[1],
                     sentence, context, langs,
                     wn_key=key if _known(key) or _single_known(key) else None)
    wn_pos = penn_to_wordnet(t.pos)
    return _card(t.text, t.lemma, "word", t.pos, wn_pos, t.level, t.zipf, sentence, context, langs,
                 parsed=(tokens, i) if sentence else None)


def _single_known(name: str) -> bool:
    from toolkit.language.senses import wordnet

    return bool(wordnet().synsets(name))


def _span_card(tokens: Sequence[Any], span: Any, sentence: str, langs: Sequence[str]) -> WordCard:
    from toolkit.language.phrases import FIXED

    toks = tokens[span.start:span.end]
    text = " ".join(t.text for t in toks)
    context = _context_words([*tokens[:span.start], *tokens[span.end:]])
    if span.kind == "name":
        return _card(text, span.headword, "name", "NNP", None, None, _level(text, None)[1],
                     sentence, context, langs, wn_key=span.wn_key)
    head_pos = toks[0].pos
    level, zipf = _level(span.headword, None)
    levels = [t.level for t in toks if t.level]
    level = max([level] + levels) if span.headword not in FIXED else max(levels or [level])
    fixed = FIXED.get(span.headword)
    wn_pos = None
    if span.wn_key:
        from toolkit.language.senses import synsets_for

        wn_pos = penn_to_wordnet(head_pos)
        if not synsets_for(span.wn_key, wn_pos):
            wn_pos = None
    return _card(text, span.headword, "phrase", head_pos if span.wn_key else "", wn_pos, level,
                 zipf, sentence, context, langs, wn_key=span.wn_key, fixed=fixed)


def build_cards(sentences: Sequence[Any], langs: Sequence[str] = ALL_LANGS) -> ArticleCards:
    """Cards for every clickable word of an analysed article, each distinct card built once.

    A word read in the same sense twice shares one card (the first sentence is its example).
    """
    from toolkit.model.text import Sentence
    from toolkit.language.phrases import find

    out = ArticleCards()
    seen: dict[tuple, str] = {}
    sents = [s if isinstance(s, Sentence) else Sentence.from_dict(s) for s in sentences]
    found = [{sp.start: sp for sp in find(sent.tokens)} for sent in sents]
    _rank_all(sents, found)
    for sent, spans in zip(sents, found):
        tokens = sent.tokens
        i = 0
        while i < len(tokens):
            t = tokens[i]
            if i in spans:
                sp = spans[i]
                ident = ("span", sp.headword.lower(), sp.kind,
                         _first_sense(sp.wn_key, tokens, i, sent.text))
                key = seen.get(ident)
                if key is None:
                    card = _span_card(tokens, sp, sent.text, langs)
                    key = seen[ident] = card.key
                    out.cards.setdefault(key, card)
                out.by_word.extend(key for x in tokens[sp.start:sp.end] if x.is_word)
                i = sp.end
                continue
            if t.is_word:
                ident = ("word", t.lemma.lower() if not t.is_name else t.text, t.pos[:2],
                         _first_sense(None if t.is_name else t.lemma, tokens, i, sent.text))
                key = seen.get(ident)
                if key is None:
                    card = _token_card(tokens, i, sent.text, langs)
                    key = seen[ident] = card.key
                    out.cards.setdefault(key, card)
                out.by_word.append(key)
            i += 1
    return out


def _rank_all(sents: Sequence[Any], spans: Sequence[dict[int, Any]]) -> None:
    """Rank the senses of every single word the loop of build_cards will card, in one go, so
    the encoder reads all of the article's texts in one call (rank_many_in_context)."""
    from toolkit.language import senses as S

    if not S.USE_FITTED or not RANK_ALL:
        return
    items = []
    for sent, found in zip(sents, spans):
        tokens = sent.tokens
        inside = {k for sp in found.values() for k in range(sp.start, sp.end)}
        items += [(t.lemma, t.pos, tokens, i, sent.text) for i, t in enumerate(tokens)
                  if t.is_word and not t.is_name and i not in inside]
    S.rank_many_in_context(items)


def _first_sense(lemma: str | None, tokens: Sequence[Any], i: int, sentence: str) -> str:
    """The best sense in this sentence (cheap once signatures are cached), to tell apart
    cards for the same word read in different senses."""
    if not lemma:
        return ""
    from toolkit.language.senses import rank, rank_in_context

    from toolkit.language import senses as S

    if tokens[i].lemma == lemma and S.USE_FITTED:  # a single word: the ranker its card uses
        ranked = rank_in_context(lemma, tokens[i].pos, tokens, i, sentence)[0]
    else:
        ranked = rank(lemma, tokens[i].pos, _context_words([*tokens[:i], *tokens[i + 1:]]),
                      sentence)
    return ranked[0].synset.name() if ranked else ""


def build_card(word: str | Any, sentence: str | Any | None = None,
               lang: str | Sequence[str] = ALL_LANGS) -> WordCard:
    """The card for `word` (a string or a Token) as read in `sentence` (string or Sentence).

    Without a sentence the word is read alone and the most frequent sense comes first.
    Raises WordLookupError for input that is not an English word (with near words).
    """
    from toolkit.language.analysis import analyze
    from toolkit.model.text import Sentence

    langs = [lang] if isinstance(lang, str) else list(lang)
    for code in langs:
        from toolkit.language.translate import provider

        provider(code)  # ValueError naming the choices for an unknown language
    if not isinstance(word, str):
        word = word.text
    check_word(word)
    if sentence is None or (isinstance(sentence, str) and not sentence.strip()):
        sent = analyze(word)[0]
    elif isinstance(sentence, Sentence):
        sent = sentence
    else:
        found = analyze(sentence)
        picked = next((s for s in found if _find(s.tokens, word) is not None), None)
        if picked is None:
            raise WordLookupError(f"'{word}' does not occur in the sentence; "
                                  "give the word as it is written there")
        sent = picked
    tokens = sent.tokens
    i = _find(tokens, word)
    if i is None:
        raise WordLookupError(f"'{word}' does not occur in the sentence")
    for sp in _phrases(tokens):
        if sp.start <= i < sp.end and (" " in word or sentence is not None):
            return _span_card(tokens, sp, sent.text if sentence is not None else "", langs)
    if not tokens[i].is_name and not _is_english(word):
        raise _unknown(word)  # a name may be any string; a word must be English
    return _token_card(tokens, i, sent.text if sentence is not None else "", langs)


def _phrases(tokens: Sequence[Any]) -> list[Any]:
    from toolkit.language.phrases import find

    return find(tokens)


def _find(tokens: Sequence[Any], word: str) -> int | None:
    """Index of the token that starts `word` (a word or a phrase) in tokens."""
    parts = word.lower().split()
    for i, t in enumerate(tokens):
        if [x.text.lower() for x in tokens[i:i + len(parts)]] == parts:
            return i
    low = parts[0] if parts else ""
    for i, t in enumerate(tokens):  # "run" finds "ran": match by lemma
        if t.lemma.lower() == low:
            return i
    return None


def check_word(word: str) -> None:
    """Refuse input that cannot be a word or short phrase (empty, too long, not Latin letters),
    saying why; whether it is English is checked once it is found in its sentence."""
    w = word.strip()
    if not w:
        raise WordLookupError("the word is empty: give an English word, e.g. 'bank'")
    if len(w) > MAX_TOKEN:
        raise WordLookupError(f"'{w[:20]}...' has {len(w)} characters; an English word or "
                              f"phrase to look up has at most {MAX_TOKEN}")
    if any(ord(c) > 0x24F and c.isalpha() for c in w):
        raise WordLookupError(f"'{w}' is not written in the Latin alphabet; "
                              "word cards explain English words, so give an English word")
    if not _WORD.match(w):
        raise WordLookupError(f"'{w}' is not a word: use letters only (hyphen and apostrophe allowed)")


def _is_english(word: str) -> bool:
    """In WordNet (directly or through its lemma), or a common word of English text.

    wordfreq alone is not enough: web text makes typos like "recieve" look like words.
    """
    from wordfreq import zipf_frequency

    from toolkit.language.senses import synsets_for

    w = word.strip()
    if synsets_for(w.lower(), None):
        return True
    from lemminflect import getAllLemmas

    if any(synsets_for(lem[0], None) for lem in getAllLemmas(w.lower()).values()):
        return True
    return zipf_frequency(w, "en") >= 4.0


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[str, ...]:
    from wordfreq import top_n_list

    return tuple(w for w in top_n_list("en", 60_000) if w.isalpha())


def suggestions(word: str, n: int = 5) -> list[str]:
    """Near English words for a typo, most similar first (difflib on the common vocabulary)."""
    import difflib

    w = word.lower().strip()
    pool = [v for v in _vocabulary() if abs(len(v) - len(w)) <= 2 and v != w]
    near = difflib.get_close_matches(w, pool, n=n * 3, cutoff=0.75)
    return [v for v in near if _is_english(v)][:n]


def _unknown(word: str) -> WordLookupError:
    near = suggestions(word)
    hint = f"; did you mean: {', '.join(near)}?" if near else "; check the spelling"
    return WordLookupError(f"'{word}' is not in the English dictionaries{hint}", near)


__all__ = ["ALL_LANGS", "ArticleCards", "FamilyWord", "Sense", "WordCard", "WordLookupError",
           "build_card", "build_cards", "check_word", "frequency_band", "short_definition",
           "suggestions"]
