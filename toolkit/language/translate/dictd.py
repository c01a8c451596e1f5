"""Reading FreeDict dictionaries in dictd format (.index + .dict.dz), as Debian installs them.

The `.index` lists `headword<TAB>offset<TAB>length` with numbers in dictd's base64; the
`.dict.dz` is dictzip, i.e. gzip, so Python's gzip module reads it whole at build time.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Iterator

DICTD_DIR = Path("/usr/share/dictd")
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_B64_VALUE = {c: i for i, c in enumerate(_B64)}


def b64_number(text: str) -> int:
    """dictd's base64 numbers: most significant digit first, no padding."""
    n = 0
    for ch in text:
        n = n * 64 + _B64_VALUE[ch]
    return n


def entries(name: str, directory: Path = DICTD_DIR) -> Iterator[tuple[str, str]]:
    """(headword, entry text) for every entry of `name` (e.g. 'freedict-eng-deu')."""
    index = directory / f"{name}.index"
    body = gzip.open(directory / f"{name}.dict.dz").read()
    with open(index, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3 or parts[0].startswith("00database"):
                continue
            start, length = b64_number(parts[1]), b64_number(parts[2])
            yield parts[0], body[start:start + length].decode("utf-8", "replace")


def require(name: str, package: str) -> None:
    from toolkit.language.data import DataMissingError

    if not (DICTD_DIR / f"{name}.index").is_file():
        raise DataMissingError(f"{name} is not installed; run as root: "
                               f"apt-get install --no-install-recommends {package}")
