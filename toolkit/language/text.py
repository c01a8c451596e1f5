"""Turning raw input into article text a learner can read, or a clear refusal.

Every check here runs before any language tool is touched, so bad input costs nothing
and the message says what to do.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from toolkit.errors import UserInputError

MAX_CHARS = 1_000_000  # about 170,000 words: a book, not an article
_TAG = re.compile(r"<\s*(?:[a-zA-Z][a-zA-Z0-9]*\b[^<>]*|/\s*[a-zA-Z][a-zA-Z0-9]*\s*|!--.*?--)>", re.S)
_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
          "section", "article", "header", "footer", "blockquote", "pre", "table", "title"}
_SKIP = {"script", "style", "noscript", "template", "iframe", "object", "svg", "head"}


class TextInputError(UserInputError):
    """Input that cannot be analysed; the message is meant for the teacher."""


def decode(raw: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM, else a clear error."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if b"\x00" in raw[:8192]:
        raise TextInputError("this is a binary file, not text; save the article as plain text (.txt)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TextInputError(
            f"this file is not UTF-8 text (bad byte at position {exc.start}); "
            "save it as UTF-8, e.g. `iconv -f latin1 -t utf-8 in.txt > out.txt`"
        ) from None


class _Stripper(HTMLParser):
    """Keeps text, drops tags and the content of script/style; never runs anything."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    return len(_TAG.findall(text[:20000])) >= 1


def strip_html(text: str) -> str:
    """Plain text of an HTML fragment or page; scripts and styles are dropped whole."""
    parser = _Stripper()
    parser.feed(text)
    parser.close()
    return html.unescape("".join(parser.parts))


def normalise(text: str) -> str:
    """Unify line endings and spaces; keep paragraph breaks (blank lines)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = re.sub(r"[ \t\f\v]+", " ", text)
    lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def prepare(text: str, max_chars: int = MAX_CHARS) -> tuple[str, list[str]]:
    """Clean article text; returns (text, notes). Raises TextInputError when unusable."""
    notes: list[str] = []
    if len(text) > max_chars:
        raise TextInputError(
            f"the text has {len(text):,} characters; the limit is {max_chars:,} "
            f"(about {max_chars // 6:,} words). Split it into articles."
        )
    if looks_like_html(text):
        text = strip_html(text)
        notes.append("HTML tags were removed; only the text was kept.")
    text = normalise(text)
    if not re.search(r"\w", text):
        raise TextInputError("the text is empty: there are no words to analyse")
    return text, notes


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_OTHER_LANGS = ("es", "fr", "de", "pt", "it", "nl", "id")


def english_share(text: str, sample: int = 400) -> float:
    """Share of sampled words more frequent in English than in other common languages.

    A cheap language check from wordfreq's lists: English prose scores above 0.8,
    Spanish, French or German prose below 0.3, non-Latin scripts 0.
    """
    from wordfreq import zipf_frequency

    words = _WORD.findall(text[: sample * 12])[:sample]
    if not words:
        return 0.0
    english = 0
    cache: dict[str, bool] = {}
    for w in words:
        key = w.lower()
        if key not in cache:
            en = zipf_frequency(key, "en")
            cache[key] = en > 0 and all(en >= zipf_frequency(key, lang) for lang in _OTHER_LANGS)
        english += cache[key]
    return english / len(words)


def split_title(text: str) -> tuple[str, str]:
    """An article file's first line is its title when a blank line follows it."""
    first, sep, rest = text.strip().partition("\n\n")
    if sep and "\n" not in first and len(first) < 200:
        return first.strip(), rest.strip()
    return "", text.strip()
