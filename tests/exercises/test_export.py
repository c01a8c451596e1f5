import csv
import io
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from toolkit.exercises.export import FORMATS, export, gift_escape, to_anki, to_gift
from toolkit.model.items import Item, items_from_json
from toolkit.exercises.registry import generate

NASTY = "Costs {5} = 3~4 # of: \\ items <script>alert(1)</script> & more"


def _items() -> list[Item]:
    return [
        Item(type="mcq", prompt=f"Pick _____: {NASTY}", answer="a=b", options=["a=b", "c~d", "e#f"],
             explanation="because {x}: y", level="B1"),
        Item(type="tf", prompt="True or false? 2 + 2 = 4", answer="True", options=["True", "False"]),
        Item(type="cloze", prompt="He _____ home: fast.", answer="went", accepted=["Went"]),
        Item(type="matching", prompt="Match:", stems=["a{1}", "b"], options=["x = 1", "y ~ 2"],
             answer=["x = 1", "y ~ 2"]),
    ]


def gift_unescaped(text: str, char: str) -> list[int]:
    """Positions of `char` not preceded by an odd number of backslashes."""
    out = []
    for m in re.finditer(re.escape(char), text):
        i, n = m.start() - 1, 0
        while i >= 0 and text[i] == "\\":
            n, i = n + 1, i - 1
        if n % 2 == 0:
            out.append(m.start())
    return out


def test_gift_escapes_special_characters():
    assert gift_escape("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
    gift = to_gift(_items())
    blocks = gift.strip().split("\n\n")
    assert len(blocks) == 4
    for block in blocks:
        # Exactly one answer block per question: one unescaped { and one unescaped }.
        assert len(gift_unescaped(block, "{")) == 1 and len(gift_unescaped(block, "}")) == 1
        body = block[block.index("::", 2) + 2:]
        prompt = body[:gift_unescaped(body, "{")[0]]
        for ch in "~=#:":
            assert gift_unescaped(prompt, ch) == []
    assert "{TRUE}" in blocks[1]
    assert "{=a\\=b ~c\\~d ~e\\#f####because \\{x\\}\\: y}" in blocks[0]
    assert "=went =Went" in blocks[2]
    assert "=a\\{1\\} -> x \\= 1" in blocks[3]


def test_moodle_xml_parses_and_keeps_text():
    root = ET.fromstring(export(_items(), "moodle-xml").encode())
    qs = root.findall("question")
    assert [q.get("type") for q in qs] == ["multichoice", "truefalse", "shortanswer", "matching"]
    text = qs[0].find("questiontext/text").text
    assert "&lt;script&gt;" in text and "<script>" not in text
    right = [a.find("text").text for a in qs[0].findall("answer") if a.get("fraction") == "100"]
    assert right == ["a=b"]
    assert [a.get("fraction") for a in qs[1].findall("answer")] == ["100", "0"]
    assert len(qs[3].findall("subquestion")) == 2


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_html_worksheet_is_escaped_with_a_separate_key():
    html = export(_items(), "html", title="Quiz <1>")
    p = _Collect()
    p.feed(html)
    assert "script" not in p.tags
    assert NASTY.split("<")[0] in "".join(p.text)
    questions, key = html.split("class='key'")
    assert "a=b" in key and "because {x}: y" in key
    assert "because {x}: y" not in questions  # explanations only in the key
    assert "page-break-before:always" in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html  # no script runs


def test_csv_and_anki_parse_with_one_row_per_item():
    rows = list(csv.DictReader(io.StringIO(export(_items(), "csv"))))
    assert [r["type"] for r in rows] == ["mcq", "tf", "cloze", "matching"]
    assert rows[0]["options"] == "a=b | c~d | e#f"
    anki = to_anki(_items())
    lines = anki.splitlines()
    assert lines[:4] == ["#separator:tab", "#html:true", "#guid column:1", "#tags column:4"]
    notes = list(csv.reader(io.StringIO("\n".join(lines[4:])), delimiter="\t"))
    assert [n[0] for n in notes] == [i.id for i in _items()]  # stable GUIDs: re-import updates
    assert all(len(n) == 4 for n in notes) and "<script>" not in anki


def test_json_export_round_trips_and_unknown_format_is_refused():
    items = _items()
    assert [i.to_dict() for i in items_from_json(export(items, "json"))] == [i.to_dict() for i in items]
    with pytest.raises(ValueError, match="unknown export format"):
        export(items, "pdf")


@pytest.fixture(scope="module")
def generated(article_source) -> list[Item]:
    return generate(article_source, n=24, seed=1)[0]


@pytest.mark.parametrize("fmt", FORMATS)
def test_generated_items_export_in_every_format(fmt, generated):
    items = generated
    out = export(items, fmt)
    if fmt == "moodle-xml":
        assert len(ET.fromstring(out.encode()).findall("question")) == len(items)
    elif fmt == "gift":
        assert len(out.strip().split("\n\n")) == len(items)
    elif fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(out)))) == len(items)
    assert out
