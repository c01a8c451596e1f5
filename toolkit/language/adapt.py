"""Adapt an article to a CEFR level and show the work: every change with before, after, why.

Steps, mildest first: (c) drop parentheticals and split long sentences, (a) replace words
above the level with simpler WordNet words that fit (sense-checked, re-inflected, a/an
fixed), (b) gloss what cannot be replaced, (d) for A1-A2 keep only the key sentences when
the text is still above the level. The result is re-analysed and re-estimated; if it is
still above the target, `blockers` names the sentences that keep it there and why.
Names, numbers and negations are never replaced or split away.
"""

from __future__ import annotations

import re
from typing import Any

from toolkit.cefr import level_index, level_name
from toolkit.language.analysis import analyze
from toolkit.language.estimate import estimate_sentences
from toolkit.language.features import NEGATIONS
from toolkit.language.profile import analyze_article, profile_sentences
from toolkit.language.split import (Piece, drop_parentheticals, in_contraction, is_negation,
                                    pieces_of, render, split_long)
from toolkit.language.substitute import article_for, first_clause, short_gloss, simpler_word
from toolkit.language import lexsub
from toolkit.language.simplify import RULES, simplify
from toolkit.model.adaptation import Adaptation, Change, Gloss
from toolkit.model.level import LevelEstimate, SentenceLevel
from toolkit.model.text import Sentence, Token

# Longest sentence (words) kept whole at each level; longer ones are split where safe.
MAX_WORDS = {1: 10, 2: 14, 3: 20, 4: 26, 5: 35, 6: 60}
# A replacement may be this many levels above the target when nothing at the target fits
# (still below the original; the replaced word is then glossed as well).
STRETCH = 1
DASH_ASIDE_LEVEL = 2  # up to A2, " – … – " asides go like bracketed ones
MAX_DROP_SHARE = 0.45  # shortening never removes more than this share of sentences
# Shortening also weighs each distinct word above B1 a sentence holds: such words are what
# keeps adapted texts above A2 (the estimator's strongest text feature is their share).
HARD_LEVEL = 3
HARD_WORD_WEIGHT = 1.0
_CONTENT = ("NN", "VB", "JJ", "RB")
PARSE, PREVIOUS = "parse", "previous"  # adaptation methods (see `adapt`)
# The parse adapter without the learned substitutions (toolkit/language/substitutions.json):
# the default before them, kept so benchmarks/adapt_eval.py prints it beside PARSE.
PARSE_1 = "parse-1"
# Shortening (PARSE) keeps at least this share of the source's words: human elementary
# versions of OneStopEnglish advanced texts keep about 63% (median).
KEEP_WORDS = 0.6


def _context(sentence: Sentence) -> set[str]:
    return {t.lemma.lower() for t in sentence.words if t.pos[:2] in _CONTENT}


def _simplify_words(pieces: list[Piece], target: int, context: set[str], index: int,
                    changes: list[Change], glossed: dict[int, str], seen: set[str]) -> None:
    """Replace or gloss words above `target` in place; record changes."""
    for i, p in enumerate(pieces):
        t = p.token
        if t is None or not t.is_word or t.is_name or not t.level or t.level <= target:
            continue
        if t.text.lower() in NEGATIONS or t.pos == "CD" or p.text != t.text:
            continue
        if in_contraction([q.text for q in pieces], i):  # "don" of "don’t" is not "put on"
            continue
        nxt = pieces[i + 1] if i + 1 < len(pieces) else None
        if _droppable_adverb(pieces, i):
            before, after = p.text, ""
            p.text = ""
            prev = pieces[i - 1]
            if prev.text.lower() in {"a", "an"} and nxt is not None:  # "an increasingly big"
                art = article_for(nxt.text)
                art = art.capitalize() if prev.text[0].isupper() else art
                if art != prev.text:
                    before, after = f"{prev.text} {before}", art
                    prev.text = art
            changes.append(Change("remove", before, after, f"{t.text} is {t.cefr}; an -ly adverb "
                                  "that only adds degree or manner can go", index))
            continue
        rep = None
        # Not a verb with its particle ("carry out"), nor a noun in a compound ("subsistence
        # farmers", "motor cortex"): the compound means more than its first word.
        compound = t.coarse == "NOUN" and nxt is not None and nxt.pos in {"NN", "NNS"}
        if not (t.coarse == "VERB" and nxt is not None and nxt.pos == "RP") and not compound:
            rep = simpler_word(t, target, context, stretch=STRETCH)
        if rep is not None:
            before, after = p.text, rep.word
            p.text = rep.word
            prior = pieces[i - 1] if i else None
            if prior is not None and prior.text.lower() in {"a", "an"}:
                art = article_for(rep.word)
                art = art.capitalize() if prior.text[0].isupper() else art
                if art != prior.text:
                    before, after = f"{prior.text} {before}", f"{art} {after}"
                    prior.text = art
            above = rep.level > target
            why = (f"{t.text} is {t.cefr}; {rep.lemma} is "
                   + (f"{level_name(rep.level)}, the simplest that fits" if above else
                      f"at or below {level_name(target)}")
                   + f" ({rep.relation}, sense: {rep.definition})")
            changes.append(Change("replace", before, after, why, index))
            if above and rep.lemma not in seen:  # still above the reader: explain it too
                seen.add(rep.lemma)
                glossed[id(p)] = first_clause(rep.definition)
        elif t.lemma.lower() not in seen:
            gloss = short_gloss(t, context)
            if gloss:
                seen.add(t.lemma.lower())
                glossed[id(p)] = gloss
                changes.append(Change("gloss", t.text, f"{t.text} ({gloss})",
                                      f"{t.text} is {t.cefr}; no simpler word at or below "
                                      f"{level_name(target)} keeps this meaning", index))


def _parse_sentence(s: Sentence, pieces: list[Piece], target: int, index: int,
                    changes: list[Change], glossed: dict[int, str], seen: set[str],
                    learned: bool = True) -> list[list[Piece]]:
    """PARSE method, one sentence: parse rules, then meaning-checked words; logs changes."""
    parts, steps = simplify(s, pieces, MAX_WORDS[target], reported=target <= 2,
                            semicolons=target <= 3)
    for rule, before, after in steps:
        kind = "reported" if rule == "reported-speech" else "split"
        changes.append(Change(kind, before, after, f"{RULES[rule]} (rule: {rule}; sentences "
                              f"above {level_name(target)} are kept under {MAX_WORDS[target]} "
                              "words where possible)", index, rule))
    where = {id(t): k for k, t in enumerate(s.tokens)}
    context = frozenset(t.text.lower() for t in s.words)
    if target <= 3:
        parts = [_drop_linking(part, index, changes, learned) for part in parts]
    hard = [where[id(p.token)] for part in parts for p in part if p.token is not None and
            id(p.token) in where and p.token.is_word and not p.token.is_name and
            ((p.token.level or 0) > target or learned and _learned_at_level(p.token, target))]
    _prepare_choices(s, hard, target, learned)
    for part in parts:
        for i, p in enumerate(part):
            t = p.token
            if t is None or not t.is_word or t.is_name or not t.level:
                continue
            at_level = t.level <= target
            if at_level and not (learned and _learned_at_level(t, target)):
                continue
            if t.text.lower() in NEGATIONS or t.pos == "CD" or p.text != t.text:
                continue
            if in_contraction([q.text for q in part], i) or id(t) not in where:
                continue
            if at_level:  # only the learned table's simpler word, nothing else
                after_t = part[i + 1] if i + 1 < len(part) else None
                if after_t is not None and (t.coarse == "VERB" and after_t.pos == "RP" or
                                            t.coarse == "NOUN" and after_t.pos in {"NN", "NNS"}):
                    continue
                choice = _choice(s, where[id(t)], target, learned)
                if choice is not None and choice.relation == lexsub.LEARNED:
                    _apply_learned(part, i, choice, t, index, changes)
                continue
            nxt = part[i + 1] if i + 1 < len(part) else None
            if _droppable_adverb(part, i):
                before = p.text
                p.text = ""
                changes.append(Change("remove", before, "", f"{t.text} is {t.cefr}; an -ly "
                                      "adverb that only adds degree or manner can go", index,
                                      "drop-adverb"))
                prev = part[i - 1]
                if prev.text.lower() in {"a", "an"} and nxt is not None:
                    _fix_article(prev, nxt.text)
                continue
            if (t.coarse == "VERB" and nxt is not None and nxt.pos == "RP") or \
                    (t.coarse == "NOUN" and nxt is not None and nxt.pos in {"NN", "NNS"}):
                continue  # a phrasal verb or a compound means more than its first word
            choice = _choice(s, where[id(t)], target, learned)
            if choice is not None:
                before, after = _replace(part, i, choice.word)
                if choice.relation == lexsub.LEARNED:
                    changes.append(_learned_change(before, after, t, choice, index))
                    continue
                changes.append(Change("replace", before, after, (
                    f"{t.text} is {t.cefr}; {choice.lemma} is {level_name(choice.level)} and "
                    f"keeps the sentence's meaning (encoder similarity {choice.cosine:.2f}, "
                    f"same role in the parse; sense {choice.sense}, {choice.relation})"),
                    index, "synonym-in-context"))
            elif t.lemma.lower() not in seen:
                gloss = lexsub.plain_gloss(t, target, context, s.text)
                if gloss:
                    seen.add(t.lemma.lower())
                    glossed[id(p)] = gloss
                    changes.append(Change("gloss", t.text, f"{t.text} ({gloss})",
                                          f"{t.text} is {t.cefr}; no simpler word at or below "
                                          f"{level_name(target)} keeps the meaning here; the "
                                          "gloss uses words at that level", index, "gloss"))
    return parts


def _learned_at_level(t: Token, target: int) -> bool:
    """A word at the target level the learned table has a simpler (lower-level) word for."""
    return t.level is not None and 1 < t.level <= target and lexsub.in_table(t)


def _learned_change(before: str, after: str, t: Token, choice: lexsub.Choice,
                    index: int) -> Change:
    return Change("replace", before, after, (
        f"{t.text} is {t.cefr}; {choice.lemma} is {level_name(choice.level)}, the simpler word "
        "people most often write for it, and it keeps the meaning here (encoder "
        f"{choice.cosine:.2f}, same role in the parse)"), index, "learned-word")


def _replace(part: list[Piece], i: int, word: str) -> tuple[str, str]:
    """Put `word` in piece i, fixing an "a"/"an" before it; (before, after) for the log."""
    before, after = part[i].text, word
    part[i].text = word
    prior = part[i - 1] if i else None
    if prior is not None and prior.text.lower() in {"a", "an"}:
        old = prior.text
        if _fix_article(prior, word):
            before, after = f"{old} {before}", f"{prior.text} {after}"
    return before, after


def _apply_learned(part: list[Piece], i: int, choice: lexsub.Choice, t: Token, index: int,
                   changes: list[Change]) -> None:
    before, after = _replace(part, i, choice.word)
    changes.append(_learned_change(before, after, t, choice, index))


# Linking adverbs that only mark how a sentence follows from the one before: up to B1 they
# go (a short sentence after another needs no "therefore"); "but", "so" and negations stay.
LINKING = frozenset("therefore thus hence also indeed furthermore moreover additionally "
                    "consequently accordingly".split())


def _drop_linking(part: list[Piece], index: int, changes: list[Change],
                  learned: bool = True) -> list[Piece]:
    out = list(part)
    for k, p in enumerate(part):
        t = p.token
        if t is None or t.dep not in {"advmod", "cc"}:
            continue
        linking = p.text.lower() in LINKING
        if not linking and not (learned and t.dep == "advmod" and lexsub.deletable(t)):
            continue
        at = out.index(p)
        gone = [at]
        if at + 1 < len(out) and out[at + 1].text == "," and (at == 0 or out[at - 1].text == ","):
            gone.append(at + 1)  # "Therefore, X" / ", however, "
        if len(out) - len(gone) < 4:
            continue
        if linking:
            changes.append(Change("remove", p.text, "", f"“{p.text}” only links this sentence "
                                  "to the one before; short sentences read as well without it",
                                  index, "drop-linking-word"))
        else:
            changes.append(Change("remove", p.text, "", f"“{p.text}” adds little here; human "
                                  "simplifiers usually leave it out", index, "drop-adverb"))
        for g in sorted(gone, reverse=True):
            del out[g]
        if at == 0 and out:
            first = out[0]
            low = first.token is not None and not first.token.is_name and first.text != "I"
            out[0] = Piece(first.text[:1].upper() + first.text[1:] if low else first.text,
                           False, first.token)
    return out


_CHOICES: dict[tuple[str, int, int, bool], lexsub.Choice | None] = {}


def _choice(s: Sentence, k: int, target: int, learned: bool = True) -> lexsub.Choice | None:
    """lexsub.simpler_in_context, remembered per (sentence, word, level) in this process."""
    key = (s.text, k, target, learned)
    if key not in _CHOICES:
        _prepare_choices(s, [k], target, learned)
    return _CHOICES[key]


def _prepare_choices(s: Sentence, indices: list[int], target: int, learned: bool = True) -> None:
    """Fill `_CHOICES` for these words of `s` in one encoder batch."""
    todo = sorted({k for k in indices if (s.text, k, target, learned) not in _CHOICES})
    if todo:
        if len(_CHOICES) > 50_000:
            _CHOICES.clear()
        for k, c in lexsub.choices(s, todo, target, stretch=STRETCH, learned=learned).items():
            _CHOICES[(s.text, k, target, learned)] = c


def _fix_article(prior: Piece, word: str) -> bool:
    """Make "a"/"an" in `prior` fit `word`; True when it changed."""
    art = article_for(word)
    art = art.capitalize() if prior.text[0].isupper() else art
    if art == prior.text:
        return False
    prior.text = art
    return True


def _droppable_adverb(pieces: list[Piece], i: int) -> bool:
    """An -ly adverb between words (not after a comma, not sentence-initial, not a negation):
    "substantially outpaced" -> "outpaced", "exceptionally demanding" -> "demanding"."""
    t = pieces[i].token
    if t is None or not t.pos.startswith("RB") or not t.text.lower().endswith("ly"):
        return False
    if i == 0 or i + 1 >= len(pieces) or t.text.lower() in NEGATIONS:
        return False
    before, after = pieces[i - 1], pieces[i + 1]
    if before.token is None or not before.token.is_word or before.text == "":
        return False
    return after.token is not None and after.token.is_word and \
        after.pos[:2] in ("JJ", "VB", "RB", "IN", "DT")


def _key_order(sentences: list[Sentence], difficulties: list[float]) -> list[int]:
    """Sentence indexes, least important first: hard and sharing few words with the rest."""
    bags = [{t.lemma.lower() for t in s.words if t.pos[:2] in ("NN", "VB") and t.level}
            for s in sentences]
    counts: dict[str, int] = {}
    for bag in bags:
        for w in bag:
            counts[w] = counts.get(w, 0) + 1
    central = [sum(counts[w] - 1 for w in bag) / (len(bag) or 1) for bag in bags]
    # The lead sentence always stays; the sentences that lean on a dropped one go with it
    # (see `_with_followers`).
    hard = [len({t.lemma.lower() for t in s.words if (t.level or 0) > HARD_LEVEL}) for s in sentences]
    return sorted(range(1, len(sentences)),
                  key=lambda i: -(difficulties[i] + HARD_WORD_WEIGHT * hard[i] - 0.5 * central[i]))


def _with_followers(sentences: list[Sentence], i: int) -> list[int]:
    """Sentence i and the sentences after it that lean back on it ("She added …")."""
    group = [i]
    while group[-1] + 1 < len(sentences) and _leans_back(sentences[group[-1] + 1]):
        group.append(group[-1] + 1)
    return group


_LEANING = frozenset("he she they it this these those his her their its but so however then "
                     "also there".split())


def _leans_back(sentence: Sentence) -> bool:
    """Does the sentence start with a word that points at the one before it?"""
    first = next((t for t in sentence.tokens if t.is_word), None)
    return first is not None and first.text.lower() in _LEANING


def _separator(gap: str) -> str:
    """Keep the article's breaks: blank line, line break, or a space between sentences."""
    if "\n\n" in gap:
        return "\n\n"
    return "\n" if "\n" in gap else " "


def _join(parts: list[tuple[str, list[Piece]]], glossed: dict[int, str],
          ) -> tuple[str, list[tuple[Piece, int, int, str]]]:
    """Text from (separator before, pieces) sentences, plus (piece, start, end, gloss)."""
    out: list[str] = []
    found: list[tuple[Piece, int, int, str]] = []
    pos = 0
    for si, (sep, pieces) in enumerate(parts):
        if si:
            out.append(sep)
            pos += len(sep)
        for k, p in enumerate(pieces):
            if not p.text:  # a removed word
                continue
            if p.space and k:
                out.append(" ")
                pos += 1
            if id(p) in glossed:
                found.append((p, pos, pos + len(p.text), glossed[id(p)]))
            out.append(p.text)
            pos += len(p.text)
    return "".join(out), found


def adapt(text: str, target_level: str, shorten: bool = True, method: str = PARSE,
          ) -> Adaptation:
    """A version of `text` at `target_level` (A1..C2), with the change log and new profile.

    `method` PARSE (the default) simplifies sentences on the dependency parse and checks
    each substitution with the encoder (simplify.py, lexsub.py), preferring the simpler words
    human simplifiers write (the learned table); PARSE_1 is the same without the table;
    PREVIOUS is the adapter
    before that (tag-based splits, WordNet glosses), kept as the benchmarks' baseline.
    Raises TextInputError for empty or non-English text and ValueError for an unknown level
    or method.
    """
    if method not in (PARSE, PARSE_1, PREVIOUS):
        raise ValueError(f"unknown adaptation method {method!r}: use {PARSE!r}, {PARSE_1!r} "
                         f"or {PREVIOUS!r}")
    target = level_index(target_level)
    clean, sentences, _ = analyze_article(text)
    source = estimate_sentences(sentences)
    result_notes: list[str] = []
    if level_index(source.level) <= target:
        profile = profile_sentences(sentences, clean)
        return Adaptation(level_name(target), source.level, source.difficulty, clean, source.level,
                          source.difficulty, True, notes=[
                              f"the text is already at {source.level}, at or below "
                              f"{level_name(target)}: returned unchanged"],
                          estimate=source, profile=profile, sentences=sentences)
    changes: list[Change] = []
    glossed: dict[int, str] = {}
    seen: set[str] = set()
    rendered: list[tuple[str, list[Piece]]] = []
    for index, s in enumerate(sentences):
        pieces = pieces_of(s)
        pieces, removed = drop_parentheticals(pieces, dashes=target <= DASH_ASIDE_LEVEL)
        for r in removed:
            changes.append(Change("remove", r, "", "an aside in brackets or dashes adds length, "
                                  "not meaning (no name, number or negation in it)", index))
        if method in (PARSE, PARSE_1):
            parts = _parse_sentence(s, pieces, target, index, changes, glossed, seen,
                                    learned=method == PARSE)
            sep = _separator(clean[sentences[index - 1].end:s.start]) if index else ""
            rendered.extend((sep if k == 0 else " ", part) for k, part in enumerate(parts))
            continue
        parts, reasons = split_long(pieces, MAX_WORDS[target], semicolons=target <= 3)
        if len(parts) > 1:
            changes.append(Change("split", s.text, " ".join(render(p) for p in parts),
                                  "; ".join(dict.fromkeys(reasons)) +
                                  f" (sentences above {level_name(target)} are kept under "
                                  f"{MAX_WORDS[target]} words where possible)", index))
        context = _context(s)
        for part in parts:
            _simplify_words(part, target, context, index, changes, glossed, seen)
        sep = _separator(clean[sentences[index - 1].end:s.start]) if index else ""
        rendered.extend((sep if k == 0 else " ", part) for k, part in enumerate(parts))
    new_text, gloss_spots = _join(rendered, glossed)
    new_sents = analyze(new_text)
    est = estimate_sentences(new_sents, reference=level_name(target))
    if shorten and target <= 2 and level_index(est.level) > target and len(new_sents) > 3:
        floor = int(KEEP_WORDS * sum(len(s.words) for s in sentences)) if method != PREVIOUS else 0
        new_text, new_sents, est, gloss_spots = _shorten(new_sents, new_text, target, est,
                                                         changes, gloss_spots, floor)
    glosses = [Gloss(p.text, p.token.lemma if p.token else p.text, g, a, b)
               for p, a, b, g in gloss_spots]
    at_target = level_index(est.level) <= target
    blockers: list[SentenceLevel] = []
    if not at_target:
        per = estimate_sentences(new_sents, reference=level_name(target), top=len(new_sents))
        blockers = [s for s in per.hard_sentences if level_index(s.level) > target]
        if not blockers:
            blockers = per.hard_sentences[:3]
        pushes = ", ".join(p["label"] for p in est.pushes[:3])
        result_notes.append(f"still {est.level} (difficulty {est.difficulty:.2f}) after adapting; "
                            f"the sentences in `blockers` keep it above {level_name(target)}"
                            + (f"; the text as a whole is pushed up by: {pushes}" if pushes else ""))
    return Adaptation(level_name(target), source.level, source.difficulty, new_text, est.level,
                      est.difficulty, at_target, changes, glosses, blockers, result_notes,
                      est, profile_sentences(new_sents, new_text), new_sents)


def _shorten(sents: list[Sentence], text: str, target: int, est: LevelEstimate,
             changes: list[Change], gloss_spots: list, floor: int = 0,
             ) -> tuple[str, list[Sentence], LevelEstimate, list]:
    """(d) Drop the least central hard sentences, in rounds, until the text is at target,
    keeping at least `floor` words (a level is not reached by deletion alone)."""
    from toolkit.language.estimate import sentence_difficulty

    diffs = [sentence_difficulty(s) if s.words else 0.0 for s in sents]
    order = _key_order(sents, diffs)
    budget = int(len(sents) * MAX_DROP_SHARE)
    dropped: set[int] = set()
    step = max(1, len(sents) // 10)
    while level_index(est.level) > target and len(dropped) < budget and order:
        for i in order[:step]:
            group = _with_followers(sents, i)
            left = sum(len(s.words) for k, s in enumerate(sents)
                       if k not in dropped and k not in group)
            if len(dropped) + len(group) <= budget and left >= floor:
                dropped.update(group)
        order = order[step:]
        kept = [s for i, s in enumerate(sents) if i not in dropped]
        est = estimate_sentences(kept, reference=level_name(target))
    if not dropped:
        return text, sents, est, gloss_spots
    for i in sorted(dropped):
        changes.append(Change("drop", sents[i].text, "", f"sentence left out to reach "
                              f"{level_name(target)}: hard (about {level_name(diffs[i])}) and "
                              "not central to the article", -1))
    # Rebuild text (a dropped sentence's break passes to the next kept one) and move glosses.
    parts: list[str] = []
    spots: list = []
    pos, prev_end, pending = 0, 0, ""
    for i, s in enumerate(sents):
        gap = _separator(text[prev_end:s.start]) if i else ""
        prev_end = s.end
        if i in dropped:
            pending = pending if "\n" in pending else gap
            continue
        sep = (pending if "\n" in pending else gap) if parts else ""
        pending = ""
        parts.append(sep)
        pos += len(sep)
        for p, a, b, g in gloss_spots:
            if s.start <= a and b <= s.end:
                spots.append((p, pos + a - s.start, pos + b - s.start, g))
        parts.append(s.text)
        pos += len(s.text)
    new_text = "".join(parts)
    new_sents = analyze(new_text)
    return new_text, new_sents, estimate_sentences(new_sents, reference=level_name(target)), spots


def numbers_names_negations(text: str) -> dict[str, list[str]]:
    """What must survive an adaptation: numbers, names and negations in `text`, in order."""
    sents = analyze(text)
    toks = [t for s in sents for t in s.tokens]
    texts = [t.text for t in toks]
    return {"numbers": [t.text for t in toks if re.search(r"\d", t.text)],
            "names": [t.text for t in toks if t.is_name],
            "negations": ["n't" if t.text.lower() in {"t", "n’t"} else t.text.lower()
                          for i, t in enumerate(toks) if is_negation(texts, i)]}
