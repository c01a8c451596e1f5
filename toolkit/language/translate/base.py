"""The provider model: a table of dictionary entries per language and an honest lookup.

A built table is a UTF-8 TSV, one dictionary entry (one sense, as the source divides them)
a line: `headword  pos  translations  gloss  zipf`. `pos` is a WordNet letter (n v a r),
`name` for proper nouns, or empty when the source does not say; `translations` are joined
by " ; "; `gloss` is the English text the source gives for that entry (synonyms, notes,
other glosses), which is what lets a sense in context pick its translation; `zipf` is the
translation's frequency in its language (0 when unknown), so common words come first.
"""

from __future__ import annotations

import gzip
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from toolkit.errors import UserInputError
from toolkit.model.wordcard import LANGUAGES, Translation

TABLE = "entries.tsv.gz"
MAX_WORDS = 3  # translations shown per card
MIN_FIT = 0.6  # gloss overlap that counts as matching the sense
ZIPF_WEIGHT = 0.25  # a common translation beats a rare one of similar fit
RARE_ZIPF = 2.5
POS_BONUS = 1.0  # worth four Zipf points: the right part of speech usually matters more
PREVIOUS = False  # True: the matching before senses were checked honestly (benchmarks only)


@lru_cache(maxsize=200_000)
def _stems(gloss: str) -> frozenset[str]:
    from toolkit.language.senses import content_stems

    return frozenset(content_stems([gloss])) if gloss else frozenset()


@dataclass(frozen=True)
class SenseHint:
    """The sense to translate: its words (stems) and the sentence's, from the sense ranker."""

    sense: frozenset[str] = frozenset()  # stems of the chosen sense's synonyms, gloss, neighbours
    context: frozenset[str] = frozenset()  # stems of the sentence's content words
    # did words of the sentence confirm the sense (it shares words with them)? When not
    # (the encoder or frequency chose it), an entry fitting only the sense is not trusted
    confirmed: bool = True


@dataclass
class Entry:
    pos: str
    words: list[str]
    gloss: str
    zipf: float
    order: int  # position in the source's own list


class Provider:
    """One language's translations from its built table; honest when absent."""

    def __init__(self, lang: str, part: str, source: str, install: str,
                 sense_note: str = "") -> None:
        self.lang = lang
        self.part = part  # the data part name that builds the table
        self.source = source
        self.install = install
        self.sense_note = sense_note  # what the source allows for senses, when limited
        self._index: dict[str, list[str]] | None = None

    def table(self) -> Path:
        from toolkit.language.data import data_dir

        return data_dir() / "translations" / self.lang / TABLE

    @property
    def ready(self) -> bool:
        """Built completely (the data part's marker), not just a table left by a failed build."""
        table = self.table()
        return self._index is not None or (table.is_file()
                                           and (table.parent / ".complete").is_file())

    def _load(self) -> dict[str, list[str]]:
        """headword -> its raw table lines; lines are parsed only when looked up (fast start)."""
        if self._index is None:
            index: dict[str, list[str]] = {}
            with gzip.open(self.table(), "rt", encoding="utf-8") as fh:
                for line in fh.read().split("\n"):
                    if line:
                        index.setdefault(line[:line.index("\t")], []).append(line)
            self._index = index
        return self._index

    def prefer(self, entry: Entry) -> float:
        """A language's own preference among candidates (0 by default)."""
        return 0.0

    def entries(self, headword: str) -> list[Entry]:
        out = []
        for order, line in enumerate(self._load().get(headword, [])):
            _head, pos, words, gloss, zipf = line.split("\t")
            out.append(Entry(pos, words.split(" ; "), gloss, float(zipf), order))
        return out

    def pool(self, headword: str, wn_pos: str | None, forms: tuple[str, ...] = (),
             ) -> Translation | tuple[list[Entry], list[Entry], str]:
        """The entries to rank for `headword`: (all found, those of its part of speech or
        untagged, a note when only another part of speech has it), or a Translation saying
        why there is nothing to rank (dictionary not installed, no entry)."""
        if not self.ready:
            return Translation(self.lang, note=(
                f"{LANGUAGES.get(self.lang, self.lang)} translations are not installed; "
                f"install {self.install}, then run: python -m toolkit data"), source=self.source)
        entries: list[Entry] = []
        if wn_pos == "name":  # "China" the name before "china" the porcelain (or "our country")
            entries = self.entries(headword.replace("_", " "))
        entries = entries or self.entries(headword.lower().replace("_", " "))
        if not entries and headword[:1].isupper():
            entries = self.entries(headword.replace("_", " "))
        for form in forms:
            if entries:
                break
            entries = self.entries(form.lower())
        if not entries:
            return Translation(self.lang, note=f"no entry for '{headword}' in {self.source}",
                               source=self.source)
        # words almost never written today (zipf < 2.5: archaic characters, rare compounds)
        # only when nothing common is there
        entries = [e for e in entries if e.zipf >= RARE_ZIPF] or entries
        same_pos = [e for e in entries if e.pos == wn_pos or (wn_pos == "name" and e.pos == "n")]
        untagged = [e for e in entries if not e.pos]
        pos_note = ("" if same_pos or untagged or not wn_pos
                    else "the dictionary has it only as another part of speech; ")
        return entries, same_pos + untagged or entries, pos_note

    def lookup(self, headword: str, wn_pos: str | None, hint: SenseHint = SenseHint(),
               forms: tuple[str, ...] = ()) -> Translation:
        if PREVIOUS:
            return self.lookup_previous(headword, wn_pos, hint, forms)
        from toolkit.language.translate.match import lookup

        return lookup(self, headword, wn_pos, hint, forms)

    def lookup_previous(self, headword: str, wn_pos: str | None, hint: SenseHint = SenseHint(),
                        forms: tuple[str, ...] = ()) -> Translation:
        """Translations of `headword` (a lemma or phrase) in `wn_pos`, the sense in context first.

        `forms` are other spellings to try when the lemma has no entry (CC-CEDICT glosses
        "sanctions", not "sanction").
        """
        found = self.pool(headword, wn_pos, forms)
        if isinstance(found, Translation):
            return found
        entries, pool, pos_note = found
        from toolkit.language.senses import content_stems, weight

        skip = content_stems([headword])

        def fit(e: Entry) -> float:
            gloss = _stems(e.gloss) - skip
            score = (sum(weight(s) for s in sorted(gloss & hint.sense))
                     + 0.5 * sum(weight(s) for s in sorted(gloss & hint.context)))
            return round(score, 6) if score >= MIN_FIT else 0.0  # one shared common word is no evidence

        # entries that fit the sense, if any; then by fit, how common the translation is,
        # and a bonus for the same POS
        fits = {id(e): fit(e) for e in pool}
        best = max(fits.values())
        if best > 0:
            pool = [e for e in pool if fits[id(e)] > 0]
        scored = sorted(pool, key=lambda e: (-(fits[id(e)] + ZIPF_WEIGHT * e.zipf + self.prefer(e)
                                               + POS_BONUS * (e.pos == wn_pos)), e.order))
        words: list[str] = []
        for e in scored:
            if words and best == 0:
                break  # unmatched: the most common entry only; matched: the fitting ones
            for wd in e.words:
                if wd and wd not in words:
                    words.append(wd)
            if len(words) >= MAX_WORDS:
                break
        if best > 0:
            note = pos_note + "chosen to fit this sense (its dictionary gloss matches)"
        elif self.sense_note:
            note = pos_note + self.sense_note
        else:
            note = pos_note + ("most common translation; the dictionary's glosses do not show "
                               "which sense it is")
        return Translation(self.lang, words[:MAX_WORDS], True, best > 0, note, self.source)


class Unavailable(Provider):
    """A language we were asked for but have no offline source for."""

    def __init__(self, lang: str, reason: str) -> None:
        super().__init__(lang, "", "", "")
        self.reason = reason

    @property
    def ready(self) -> bool:
        return False

    def lookup(self, headword: str, wn_pos: str | None, hint: SenseHint = SenseHint(),
               forms: tuple[str, ...] = ()) -> Translation:
        return Translation(self.lang, note=self.reason)


_PROVIDERS: dict[str, Callable[[], Provider]] = {}
_MADE: dict[str, Provider] = {}


def register(lang: str, factory: Callable[[], Provider]) -> None:
    """Add or replace a language's provider (a researcher can plug in another source)."""
    _PROVIDERS[lang] = factory
    _MADE.pop(lang, None)


def provider(lang: str) -> Provider:
    """The provider for a language code; ValueError naming the choices for an unknown one."""
    _register_defaults()
    if lang not in _PROVIDERS:
        raise UserInputError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    if lang not in _MADE:
        _MADE[lang] = _PROVIDERS[lang]()
    return _MADE[lang]


def providers() -> dict[str, Provider]:
    _register_defaults()
    return {lang: provider(lang) for lang in _PROVIDERS}


def translate(headword: str, wn_pos: str | None, lang: str,
              hint: SenseHint = SenseHint(), forms: tuple[str, ...] = ()) -> Translation:
    return provider(lang).lookup(headword, wn_pos, hint, forms)


def _register_defaults() -> None:
    if _PROVIDERS:
        return
    from toolkit.language.translate import dictd_de, dictd_ja, es, zh

    register("zh", zh.provider)
    register("es", es.provider)
    register("de", dictd_de.provider)
    register("ja", dictd_ja.provider)
    register("ko", lambda: Unavailable(
        "ko", "Korean is not available: no offline English-Korean dictionary was found "
              "in the package registries this project can use"))
