"""Item banks out: Moodle GIFT, Moodle XML, an Anki deck (TSV with stable GUIDs), a printable
HTML worksheet with a separate answer key (and its PDF, printed by Chromium), CSV and JSON.
Standard library only."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from html import escape
from pathlib import Path
from typing import Iterable

from toolkit.errors import UserInputError
from toolkit.model.items import (CHOICE_TYPES, GAP, MATCHING_TYPES, Item, items_to_json,
                                 type_name)

FORMATS = ("json", "gift", "moodle-xml", "anki", "html", "csv")
_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def gift_escape(text: str) -> str:
    r"""GIFT's special characters ~ = # { } : and \ get a backslash; newlines become spaces."""
    return _GIFT_SPECIAL.sub(r"\\\1", re.sub(r"\s*\n\s*", " ", text))


def _typed_answers(item: Item) -> list[str]:
    return list(dict.fromkeys([str(item.answer), *item.accepted]))


def _gift_one(item: Item) -> str:
    title = f"::{gift_escape(item.id)}::"
    prompt = gift_escape(item.prompt)
    fb = f"####{gift_escape(item.explanation)}" if item.explanation else ""
    if item.type == "tf":
        return f"{title}{prompt} {{{'TRUE' if item.answer == 'True' else 'FALSE'}{fb}}}"
    if item.type in CHOICE_TYPES:
        opts = " ".join(("=" if o == item.answer else "~") + gift_escape(o) for o in item.options)
        return f"{title}{prompt} {{{opts}{fb}}}"
    if item.type in MATCHING_TYPES:
        pairs = " ".join(f"={gift_escape(s)} -> {gift_escape(a)}"
                         for s, a in zip(item.stems, item.answer))
        return f"{title}{prompt} {{{pairs}{fb}}}"
    answers = " ".join("=" + gift_escape(a) for a in _typed_answers(item))
    return f"{title}{prompt} {{{answers}{fb}}}"


def to_gift(items: Iterable[Item]) -> str:
    """Moodle GIFT: one question per block, blank line between."""
    return "\n\n".join(_gift_one(i) for i in items) + "\n"


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = None) -> ET.Element:
    el = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(el, "text").text = value
    return el


def to_moodle_xml(items: Iterable[Item]) -> str:
    """Moodle XML (multichoice, truefalse, shortanswer, matching); ElementTree escapes text."""
    quiz = ET.Element("quiz")
    for item in items:
        if item.type == "tf":
            qtype = "truefalse"
        elif item.type in CHOICE_TYPES:
            qtype = "multichoice"
        elif item.type in MATCHING_TYPES:
            qtype = "matching"
        else:
            qtype = "shortanswer"
        q = ET.SubElement(quiz, "question", {"type": qtype})
        _text(q, "name", item.id)
        _text(q, "questiontext", escape(item.prompt), "html")
        _text(q, "generalfeedback", escape(item.explanation), "html")
        ET.SubElement(q, "defaultgrade").text = "1"
        if qtype == "truefalse":
            for label in ("true", "false"):
                a = _text(q, "answer", label, "moodle_auto_format")
                right = isinstance(item.answer, str) and item.answer.lower() == label
                a.set("fraction", "100" if right else "0")
        elif qtype == "multichoice":
            ET.SubElement(q, "single").text = "true"
            ET.SubElement(q, "shuffleanswers").text = "true"
            ET.SubElement(q, "answernumbering").text = "abc"
            for o in item.options:
                a = _text(q, "answer", escape(o), "html")
                a.set("fraction", "100" if o == item.answer else "0")
        elif qtype == "matching":
            ET.SubElement(q, "shuffleanswers").text = "true"
            for s, key in zip(item.stems, item.answer):
                sub = _text(q, "subquestion", escape(s), "html")
                ans = ET.SubElement(sub, "answer")
                ET.SubElement(ans, "text").text = key
            for extra in [o for o in item.options if o not in item.answer]:
                sub = _text(q, "subquestion", "", "html")
                ans = ET.SubElement(sub, "answer")
                ET.SubElement(ans, "text").text = extra
        else:
            ET.SubElement(q, "usecase").text = "0"
            for typed in _typed_answers(item):
                a = _text(q, "answer", typed, "moodle_auto_format")
                a.set("fraction", "100")
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


def _front(item: Item) -> str:
    parts = [f"<p>{escape(item.prompt)}</p>"]
    if item.type in MATCHING_TYPES:
        parts.append("<ul>" + "".join(f"<li>{escape(s)}</li>" for s in item.stems) + "</ul>")
        parts.append("<ol type='a'>" + "".join(f"<li>{escape(o)}</li>" for o in item.options) + "</ol>")
    elif item.options and item.type != "jumble":
        parts.append("<ol type='a'>" + "".join(f"<li>{escape(o)}</li>" for o in item.options) + "</ol>")
    return "".join(parts)


def _key(item: Item) -> str:
    if isinstance(item.answer, list):
        return "; ".join(f"{s} → {a}" for s, a in zip(item.stems, item.answer))
    return item.answer


def to_anki(items: Iterable[Item]) -> str:
    """Tab-separated notes Anki (2.1.55+) imports; the GUID column is the item id, so a
    re-export updates the same notes instead of adding duplicates."""
    out = io.StringIO()
    out.write("#separator:tab\n#html:true\n#guid column:1\n#tags column:4\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for item in items:
        back = f"<b>{escape(_key(item))}</b><br>{escape(item.explanation)}"
        tags = f"vocabsphere {item.type} {item.level or 'nolevel'}"
        writer.writerow([item.id, _front(item), back, tags])
    return out.getvalue()


ANKI_ITEM_MODEL_ID = 1_712_604_301  # fixed: the note type must not change between exports


def write_apkg(items: Iterable[Item], path: str | Path, deck_name: str = "VocabSphere") -> int:
    """An Anki package (genanki) with one note per item; returns the note count.

    The note GUID and the deck id come from the item id and the deck name, so importing a
    new export of the same items updates the notes instead of duplicating them.
    """
    import genanki

    from toolkit.learning.exchange import stable_id

    model = genanki.Model(
        ANKI_ITEM_MODEL_ID, "VocabSphere exercise",
        fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[{"name": "Exercise", "qfmt": "{{Front}}",
                    "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}],
        css=".card { font-family: sans-serif; font-size: 20px; }")
    deck = genanki.Deck(stable_id(f"items:{deck_name}"), deck_name)
    count = 0
    for item in items:
        back = f"<b>{escape(_key(item))}</b><br>{escape(item.explanation)}"
        deck.add_note(genanki.Note(model=model, fields=[_front(item), back],
                                   guid=genanki.guid_for("vocabsphere-item", item.id),
                                   tags=["vocabsphere", item.type, item.level or "nolevel"]))
        count += 1
    genanki.Package(deck).write_to_file(str(path))
    return count


CSV_FIELDS = ("id", "type", "level", "prompt", "options", "stems", "answer", "explanation",
              "source", "target", "generator", "version", "seed")


def to_csv(items: Iterable[Item]) -> str:
    """One row per item; lists joined with ' | '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for i in items:
        row = i.to_dict()
        writer.writerow([" | ".join(row[f]) if isinstance(row[f], list) else row[f]
                         for f in CSV_FIELDS])
    return out.getvalue()


_CSS = """body{font-family:Georgia,serif;max-width:46em;margin:2em auto;line-height:1.5}
ol.items>li{margin-bottom:1.2em;break-inside:avoid}.type{color:#666;font-size:.85em}
.key{page-break-before:always;break-before:page}@media print{.noprint{display:none}}
.article{margin-bottom:2em}.para-n{display:inline-block;min-width:1.6em;color:#555}
.answer-line{margin-top:.4em}"""


# Worksheets are escaped; this policy is a second wall: no script, no fetch, even if a browser
# (or the PDF printer) is handed a worksheet someone edited.
_NO_SCRIPTS = ("<meta http-equiv='Content-Security-Policy' "
               "content=\"default-src 'none'; style-src 'unsafe-inline'\">")
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class ExportError(UserInputError):
    """An export that cannot be made here, said in one line a teacher can act on."""


def find_chromium() -> str | None:
    return next((p for p in map(shutil.which, CHROMIUM_NAMES) if p), None)


def write_pdf(items: Iterable[Item], path: str | Path, title: str = "Worksheet",
              chromium: str | None = None, timeout: float = 120,
              article: str | None = None) -> int:
    """The HTML worksheet printed to PDF by headless Chromium (Debian's, installed by `make`);
    returns the number of pages. Chromium is the only HTML-to-PDF printer on these machines."""
    browser = chromium or find_chromium()
    if not browser:
        raise ExportError("a PDF worksheet needs Chromium (apt-get install chromium); "
                          "the HTML worksheet prints the same from any browser")
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="vs-pdf-") as tmp:
        page = Path(tmp) / "worksheet.html"
        page.write_text(to_html(items, title, article), "utf-8")
        out = Path(tmp) / "worksheet.pdf"
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update",
               f"--user-data-dir={Path(tmp) / 'profile'}", "--no-pdf-header-footer",
               f"--print-to-pdf={out}", page.as_uri()]
        try:
            run = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise ExportError(f"Chromium did not print the worksheet in {timeout:.0f} s") from exc
        except OSError as exc:
            raise ExportError(f"Chromium ({browser}) cannot be started: {exc.strerror}") from exc
        data = out.read_bytes() if out.exists() else b""
        if not data.startswith(b"%PDF"):
            last = (run.stderr.strip().splitlines() or ["no message"])[-1]
            raise ExportError(f"Chromium did not print the worksheet (exit {run.returncode}): {last}")
    path.write_bytes(data)
    return pdf_pages(data)


def pdf_pages(data: bytes) -> int:
    """Page count of a PDF from its page tree (the largest /Count)."""
    return max((int(n) for n in re.findall(rb"/Count (\d+)", data)), default=0)


def article_html(article: str) -> str:
    """The article with numbered paragraphs, as items refer to them ("paragraph 3")."""
    from toolkit.model.text import paragraphs

    paras = paragraphs(article)  # the analysis's own rule, so "paragraph 3" is this one
    return ("<section class='article'><h2>The text</h2>" + "".join(
        f"<p class='para'><b class='para-n'>{n}</b> {escape(p)}</p>"
        for n, p in enumerate(paras, start=1)) + "</section>")


def to_html(items: Iterable[Item], title: str = "Worksheet", article: str | None = None) -> str:
    """A printable worksheet: the article (numbered paragraphs) when given, every item with a
    line to answer on, and the answer key on its own page. All text is escaped."""
    items = list(items)
    qs = []
    for item in items:
        body = _front(item)
        if item.type in MATCHING_TYPES:
            body += "<p class='answer-line'>" + " ".join(
                f"{escape(s)}: ________" for s in item.stems) + "</p>"
        elif item.type in CHOICE_TYPES:
            body += "<p class='answer-line'>Your choice: ______</p>"
        else:
            body += "<p class='answer-line'>Answer: ______________________</p>"
        qs.append(f"<li><span class='type'>{escape(type_name(item.type))}</span>{body}</li>")
    keys = "".join(f"<li>{escape(_key(i))}<br><small>{escape(i.explanation)}</small></li>"
                   for i in items)
    t = escape(title)
    return (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>{_NO_SCRIPTS}<title>{t}</title>"
            f"<style>{_CSS}</style></head><body><h1>{t}</h1>"
            "<p>Name: ____________________ Date: __________</p>"
            + (article_html(article) if article else "") +
            f"<ol class='items'>{''.join(qs)}</ol>"
            f"<section class='key'><h2>Answer key</h2><ol>{keys}</ol></section></body></html>\n")


def export(items: list[Item], fmt: str, title: str = "Worksheet",
           article: str | None = None) -> str:
    """Items in one of FORMATS (`article`: the text a worksheet prints above its items)."""
    if fmt == "json":
        return items_to_json(items) + "\n"
    if fmt == "gift":
        return to_gift(items)
    if fmt == "moodle-xml":
        return to_moodle_xml(items)
    if fmt == "anki":
        return to_anki(items)
    if fmt == "html":
        return to_html(items, title, article)
    if fmt == "csv":
        return to_csv(items)
    raise UserInputError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
