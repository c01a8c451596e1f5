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
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"“‘(\[]\s*)$")
_CHUNK = re.compile(r"[^.!?\n]+[.!?]*")
_FLOOR = 1.0  # the Zipf value of a word a language's list does not hold
# Zipf points per word given to English before comparing: the texts are expected to be
# English, so a sentence of shared words ("No.", "Hotel Central") is read as English, while
# a real sentence of another language is 2-4 points per word ahead and still loses.
ENGLISH_PRIOR = 1.0


def _deciding(word: str, capitalised: bool, initial: bool, after_digit: bool) -> bool:
    """Does the word say anything about the language? Names, initials and the "th" of
    "8th" do not: they are the same in every language."""
    if after_digit or len(word) == 1:
        return False
    return not (capitalised and not initial)


def _frequencies(word: str, cache: dict[str, tuple[float, ...]]) -> tuple[float, ...]:
    """Zipf frequency of a word in English, then in each of _OTHER_LANGS."""
    if word not in cache:
        from wordfreq import zipf_frequency

        cache[word] = tuple(zipf_frequency(word, lang) for lang in ("en", *_OTHER_LANGS))
    return cache[word]


def english_share(text: str, sample: int = 400) -> float:
    """Share of sampled words in sentences that read as English rather than another language.

    A cheap language check from wordfreq's lists: each sentence's words are scored in
    English and 7 other languages (summed Zipf frequencies: a unigram language model) and the
    sentence counts as English when English scores highest. Names, initials and the ends of
    numbers ("8th") are left out, so a short sentence with foreign names stays English
    ("Katsue's birthday is September 8th."); a word English shares with its neighbours
    ("September", "in") weighs in every language alike. English prose scores above 0.8,
    Spanish, French or German prose below 0.3, non-Latin scripts 0.
    """
    cache: dict[str, tuple[float, ...]] = {}
    english = total = taken = 0
    for chunk in _CHUNK.finditer(text[: sample * 12]):
        words = []
        for m in _WORD.finditer(chunk.group()):
            word, start = m.group(), chunk.start() + m.start()
            before = text[max(0, start - 3):start]
            if _deciding(word, word[:1].isupper(), bool(_SENTENCE_START.search(before)),
                         bool(before) and before[-1].isdigit()):
                words.append(word.lower())
        words = words[:max(sample - taken, 0)]
        if not words:
            continue
        taken += len(words)
        scores = [sum(max(f[k], _FLOOR) for f in (_frequencies(w, cache) for w in words))
                  for k in range(1 + len(_OTHER_LANGS))]
        known = any(_frequencies(w, cache)[0] > 0 for w in words)
        total += len(words)
        english += len(words) if known and scores[0] + ENGLISH_PRIOR * len(words) >= max(
            scores[1:]) else 0
        if taken >= sample:
            break
    if not total:
        # Only names and numbers: nothing says it is not English, unless it has no letters
        # a language list knows at all (another script).
        letters = _WORD.findall(text[:2000])
        return 1.0 if letters and all(w[:1].isupper() or len(w) == 1 for w in letters) else 0.0
    return english / total


_CODE_LINE = re.compile(
    r"[{};]\s*$|^\s*(?:def|class|import|from|return|function|var|let|const|#include|public|"
    r"private|package|if|for|while|elif|else)\b.*[:({=]|[A-Za-z_]\w*\s*(?:==|!=|\+=|-=|=>|:=|=)"
    r"\s*\S|\w\.\w+\(|\w\(\)|</?\w+>")
_CODE_CHARS = frozenset("{}[]()<>=;_$#\\|&*^~`")


def looks_like_code(text: str) -> bool:
    """Program code rather than prose: most lines read like code, or symbols are dense.

    English prose has about 1 symbol such as `{ } ( ) = ; _` in 100 characters; code 8 or more.
    """
    lines = [line for line in text.splitlines() if line.strip()][:200]
    if not lines:
        return False
    code_lines = sum(bool(_CODE_LINE.search(line)) for line in lines)
    sample = "".join(text[:20000].split())
    dense = sum(ch in _CODE_CHARS for ch in sample) / max(len(sample), 1)
    return code_lines / len(lines) >= 0.5 or dense >= 0.06


def split_title(text: str) -> tuple[str, str]:
    """An article file's first line is its title when a blank line follows it."""
    first, sep, rest = text.strip().partition("\n\n")
    if sep and "\n" not in first and len(first) < 200:
        return first.strip(), rest.strip()
    return "", text.strip()
