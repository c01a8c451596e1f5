"""Word cards: everything a student sees about one word (or phrase, or name) in its sentence.

Plain data: a student's kernel reads cards from a lesson pack; `toolkit.language.wordcard`
builds them when the lesson is built.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


LANGUAGES: dict[str, str] = {
    "zh": "Chinese (中文)",
    "es": "Spanish (español)",
    "de": "German (Deutsch)",
    "ja": "Japanese (日本語)",
    "ko": "Korean (한국어)",
}


@dataclass
class Translation:
    """What a provider says about one word in one language."""

    lang: str
    words: list[str] = field(default_factory=list)  # best first; empty when not available
    available: bool = False
    sense_matched: bool = False  # chosen by overlap with the sense in context
    note: str = ""  # why these words, or why none
    source: str = ""  # the dictionary, for the licence notice

    @property
    def text(self) -> str:
        return ", ".join(self.words)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Translation:
        return cls(d["lang"], list(d.get("words", [])), bool(d.get("available")),
                   bool(d.get("sense_matched")), d.get("note", ""), d.get("source", ""))


@dataclass
class Pronunciation:
    """One pronunciation: IPA with stress marks, its syllables and the CMUdict source."""

    ipa: str  # e.g. "aɪˈdɛn.tə.faɪ"
    syllables: list[str] = field(default_factory=list)  # IPA syllables, stress marks included
    arpabet: str = ""

    @property
    def syllable_count(self) -> int:
        return len(self.syllables)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Pronunciation:
        return cls(d["ipa"], list(d.get("syllables", [])), d.get("arpabet", ""))


@dataclass
class Sense:
    """One WordNet sense as the card shows it."""

    key: str  # WordNet sense key, e.g. "bank%1:17:01::"
    synset: str  # e.g. "bank.n.01"
    definition: str
    short: str  # the learner definition: first clause, no long asides
    examples: list[str] = field(default_factory=list)
    score: float = 0.0
    matched: list[str] = field(default_factory=list)  # context words that chose it

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Sense:
        return cls(d["key"], d["synset"], d["definition"], d["short"], list(d.get("examples", [])),
                   float(d.get("score", 0.0)), list(d.get("matched", [])))


@dataclass
class FamilyWord:
    word: str
    pos: str  # noun, verb, adjective, adverb

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FamilyWord:
        return cls(d["word"], d["pos"])


@dataclass
class CardFix:
    """A teacher's correction of one card in one lesson, stored in the pack.

    `sense` is the synset the teacher picked ("" keeps the card's own); `definition` is
    the definition the teacher wrote ("" uses the picked sense's learner definition);
    `before` is what the card said until then, so exercises built from it can follow.
    """

    sense: str = ""
    definition: str = ""
    before: str = ""
    by: str = "teacher"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CardFix:
        return cls(str(d.get("sense", "")), str(d.get("definition", "")),
                   str(d.get("before", "")), str(d.get("by", "teacher")))


@dataclass
class WordCard:
    """Everything a student sees about one word (or phrase, or name) in its sentence."""

    headword: str  # lemma, phrase ("get around") or name ("North Korea")
    text: str  # as it stands in the sentence
    kind: str  # "word", "phrase", "name", "grammar" (no WordNet entry), "unknown"
    pos: str  # learner POS in context: noun, verb, ..., or "name"
    penn: str  # Penn tag in context ("" for phrases)
    level: int | None  # CEFR 1..6, None for names
    cefr: str | None
    zipf: float
    frequency_band: str
    sentence: str = ""
    definition: str = ""  # short learner definition of the sense in context
    senses: list[Sense] = field(default_factory=list)  # best fit first
    sense_basis: str = ""  # "context": the sentence chose it; "frequency": most common sense
    synonyms: list[str] = field(default_factory=list)  # easiest first, at or below `level`
    antonyms: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)  # WordNet's, then the article's sentence
    pronunciation: Pronunciation | None = None
    family: list[FamilyWord] = field(default_factory=list)
    inflections: dict[str, str] = field(default_factory=dict)
    translations: dict[str, Translation] = field(default_factory=dict)  # by language code
    notes: list[str] = field(default_factory=list)
    # How sure the build was that senses[0] fits (calibrated, 0..1; None in packs written
    # before issue 14). When unsure, `sense_choices` holds the keys of the best two senses
    # and the student card asks "Which meaning fits here?".
    sense_confidence: float | None = None
    sense_choices: list[str] = field(default_factory=list)
    fix: CardFix | None = None  # the teacher's correction; None in packs built before it

    @property
    def unsure(self) -> bool:
        return len(self.sense_choices) >= 2

    def choice_senses(self) -> list[Sense]:
        """The senses offered when unsure, in the order stored."""
        by_key = {s.key: s for s in self.senses}
        return [by_key[k] for k in self.sense_choices if k in by_key]

    @property
    def shown_sense(self) -> Sense | None:
        """The sense the card shows: the teacher's pick when there is one, else the first."""
        if self.fix is not None and self.fix.sense:
            for s in self.senses:
                if s.synset == self.fix.sense:
                    return s
        return self.senses[0] if self.senses else None

    @property
    def key(self) -> str:
        sense = self.senses[0].key if self.senses else ""
        return f"{self.kind}:{self.headword}|{self.pos}|{sense}"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["pronunciation"] = self.pronunciation.to_dict() if self.pronunciation else None
        d["translations"] = {k: v.to_dict() for k, v in self.translations.items()}
        if self.fix is None:
            d.pop("fix")  # packs without corrections look as they did
        else:
            d["fix"] = self.fix.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> WordCard:
        return cls(
            headword=d["headword"], text=d["text"], kind=d["kind"], pos=d["pos"], penn=d["penn"],
            level=d.get("level"), cefr=d.get("cefr"), zipf=float(d.get("zipf", 0.0)),
            frequency_band=d.get("frequency_band", ""), sentence=d.get("sentence", ""),
            definition=d.get("definition", ""),
            senses=[Sense.from_dict(s) for s in d.get("senses", [])],
            sense_basis=d.get("sense_basis", ""), synonyms=list(d.get("synonyms", [])),
            antonyms=list(d.get("antonyms", [])), examples=list(d.get("examples", [])),
            pronunciation=(Pronunciation.from_dict(d["pronunciation"])
                           if d.get("pronunciation") else None),
            family=[FamilyWord.from_dict(f) for f in d.get("family", [])],
            inflections=dict(d.get("inflections", {})),
            translations={k: Translation.from_dict(v) for k, v in d.get("translations", {}).items()},
            notes=list(d.get("notes", [])),
            sense_confidence=(float(d["sense_confidence"])
                              if d.get("sense_confidence") is not None else None),
            sense_choices=[str(k) for k in d.get("sense_choices", [])],
            fix=CardFix.from_dict(d["fix"]) if d.get("fix") else None,
        )


@dataclass
class ArticleCards:
    """Cards for an article: each distinct card once, and which card each clickable word opens.

    `by_word[i]` is the key of the card for the reader's i-th word (the i-th token with
    `is_word`, in reading order), so a phrase's words all open the phrase's card.
    """

    cards: dict[str, WordCard] = field(default_factory=dict)
    by_word: list[str] = field(default_factory=list)

    def for_word(self, index: int) -> WordCard | None:
        if 0 <= index < len(self.by_word):
            return self.cards.get(self.by_word[index])
        return None

    def to_dict(self) -> dict[str, Any]:
        return {"cards": {k: c.to_dict() for k, c in self.cards.items()}, "by_word": self.by_word}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ArticleCards:
        return cls({k: WordCard.from_dict(c) for k, c in d["cards"].items()}, list(d["by_word"]))


__all__ = ["LANGUAGES", "ArticleCards", "CardFix", "FamilyWord", "Pronunciation", "Sense", "Translation", "WordCard"]
