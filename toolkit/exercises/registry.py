"""Generators behind a registry, so a researcher can add one with a decorator.

A generator is a pure function `(source, rng, n) -> list[Item]`. It gets its own
`random.Random` seeded from the run's seed and its name, so adding a generator never
changes what another one makes, and the same seed always gives the same items.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable

from toolkit.errors import UserInputError
from toolkit.model.items import Item

if TYPE_CHECKING:
    from toolkit.model.text import Sentence

GeneratorFn = Callable[["Source", random.Random, int], list[Item]]


@dataclass
class Source:
    """What items are made from: an analysed article, a word list (a vocabulary book), or both."""

    sentences: list[Sentence] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    level: str = ""  # the class's level; generators prefer targets near it
    # lemma -> (definition, synset) the lesson's cards show (a teacher's fix included):
    # matching and vocab-in-context items then define a word as its card does
    definitions: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def from_text(cls, text: str, words: Iterable[str] = (), level: str = "") -> Source:
        from toolkit.language.analysis import analyze

        return cls(analyze(text) if text.strip() else [], dedupe_words(words), level)

    @property
    def paragraphs(self) -> dict[int, list[Sentence]]:
        out: dict[int, list[Sentence]] = {}
        for s in self.sentences:
            out.setdefault(s.paragraph, []).append(s)
        return out


def dedupe_words(words: Iterable[str]) -> list[str]:
    """A word list without blanks or repeats (case-insensitive), in first-seen order."""
    seen: set[str] = set()
    out = []
    for w in words:
        w = w.strip()
        if w and w.lower() not in seen:
            seen.add(w.lower())
            out.append(w)
    return out


@dataclass(frozen=True)
class Generator:
    name: str
    fn: GeneratorFn
    version: str
    uses: str  # "article", "words" or "either"
    doc: str
    default: bool = True  # in the mix when no types are named


REGISTRY: dict[str, Generator] = {}


def register(name: str, version: str = "1", uses: str = "article",
             default: bool = True) -> Callable[[GeneratorFn], GeneratorFn]:
    """Decorator: `@register("cloze", version="2")` adds a generator under `name`;
    `default=False` keeps it out of the mix unless it is named."""
    if uses not in {"article", "words", "either"}:
        raise ValueError("uses must be 'article', 'words' or 'either'")

    def deco(fn: GeneratorFn) -> GeneratorFn:
        REGISTRY[name] = Generator(name, fn, version, uses, (fn.__doc__ or "").strip(), default)
        return fn

    return deco


def _load_builtins() -> None:
    import toolkit.exercises.generators  # noqa: F401  (registers on import)
    import toolkit.exercises.questions  # noqa: F401  (the `comprehension` generator)


def available() -> list[str]:
    _load_builtins()
    return sorted(REGISTRY)


def default_types() -> list[str]:
    """The types made when none are named: every registered one not switched off."""
    _load_builtins()
    return [n for n in sorted(REGISTRY) if REGISTRY[n].default]


@dataclass
class Report:
    """What happened in a run: items made, kept, and why the others were dropped."""

    generated: Counter = field(default_factory=Counter)  # per generator
    kept: Counter = field(default_factory=Counter)
    dropped: Counter = field(default_factory=Counter)  # per (generator, reason)
    notes: list[str] = field(default_factory=list)

    @property
    def total_generated(self) -> int:
        return sum(self.generated.values())

    @property
    def total_dropped(self) -> int:
        return sum(self.dropped.values())

    def by_reason(self) -> Counter:
        out: Counter = Counter()
        for (_, reason), k in self.dropped.items():
            out[reason] += k
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"generated": dict(self.generated), "kept": dict(self.kept),
                "dropped": {f"{g}: {r}": k for (g, r), k in self.dropped.items()},
                "notes": list(self.notes)}


def run_one(name: str, source: Source, seed: int = 0, n: int = 10,
            report: Report | None = None) -> list[Item]:
    """Items from one generator, each checked; invalid ones are dropped and counted."""
    from toolkit.exercises.validity import problems

    _load_builtins()
    if name not in REGISTRY:
        raise UserInputError(f"unknown exercise type {name!r}; choose from {', '.join(available())}")
    gen = REGISTRY[name]
    report = report if report is not None else Report()
    if gen.uses == "article" and not source.sentences:
        report.notes.append(f"{name}: needs an article; none given")
        return []
    if gen.uses == "words" and not source.words and not source.sentences:
        report.notes.append(f"{name}: needs a word list or an article")
        return []
    rng = random.Random(f"{seed}:{name}")
    raw = gen.fn(source, rng, n)
    kept: list[Item] = []
    seen: set[str] = set()
    for item in raw:
        item.generator, item.version, item.seed = name, gen.version, seed
        report.generated[name] += 1
        found = problems(item, source)
        if item.id in seen:
            found = ["duplicate item"]
        if found:
            report.dropped[(name, found[0])] += 1
            continue
        seen.add(item.id)
        kept.append(item)
    kept = kept[:n]
    report.kept[name] += len(kept)
    if len(kept) < n:
        report.notes.append(f"{name}: {len(kept)} of {n} items (the text offers no more valid ones)")
    return kept


def generate(source: Source, types: Iterable[str] | None = None, n: int = 20, seed: int = 0,
             report: Report | None = None) -> tuple[list[Item], Report]:
    """About `n` items spread over `types` (default: every registered type)."""
    _load_builtins()
    names = list(types) if types is not None else default_types()
    unknown = [t for t in names if t not in REGISTRY]
    if unknown:
        raise UserInputError(f"unknown exercise type(s) {', '.join(unknown)}; "
                         f"choose from {', '.join(available())}")
    if not names:
        raise UserInputError("no exercise types chosen")
    report = report if report is not None else Report()
    per = -(-n // len(names))
    pools = [run_one(t, source, seed, per, report) for t in names]
    items: list[Item] = []
    while len(items) < n and any(pools):  # round-robin keeps the mix when a type runs short
        for pool in pools:
            if pool and len(items) < n:
                items.append(pool.pop(0))
    return items, report


__all__ = ["REGISTRY", "Generator", "Report", "Source", "available", "dedupe_words",
           "default_types",
           "generate", "register", "run_one"]
