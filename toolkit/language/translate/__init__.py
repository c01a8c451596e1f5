"""Offline translations of an English word in the sense it is read in, one provider a language.

Every provider reads a table built once from an installed dictionary package (see
`toolkit.language.data.PARTS`), never the network. Each answers honestly: a language whose
data is not built, or a word its dictionary lacks, gives `available=False` and says why;
a translation the dictionary cannot tie to the sense in context says so in its note.

Importing this package is cheap; tables load on first use.
"""

from __future__ import annotations

from toolkit.language.translate.base import Provider, SenseHint, provider, providers, translate
from toolkit.model.wordcard import LANGUAGES, Translation

__all__ = ["LANGUAGES", "Provider", "SenseHint", "Translation", "provider", "providers",
           "translate"]
