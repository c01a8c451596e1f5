"""`python -m toolkit profile` as a teacher uses it, bad input included."""

import json

import pytest

from common import ARTICLE, run_toolkit


def test_profile_text_output():
    r = run_toolkit("profile", str(ARTICLE))
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    assert "Level (95% coverage):" in out and "Words above B1" in out


def test_profile_json_keys_from_stdin():
    r = run_toolkit("profile", "-", "--json", "--above", "A2", stdin=ARTICLE.read_bytes())
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    for key in ["word_count", "sentence_count", "paragraph_count", "mean_sentence_length", "level",
                "cefr_counts", "cefr_distribution", "name_count", "coverage", "readability",
                "english_share", "vocabulary", "notes", "words_above"]:
        assert key in d, key
    assert d["words_above"]["level"] == "A2"
    assert all(w["level"] not in ("A1", "A2") for w in d["words_above"]["words"])
    assert list(d["coverage"]) == ["A1", "A2", "B1", "B2", "C1", "C2"]


def _fails_cleanly(r, fragment: str) -> None:
    err = r.stderr.decode()
    assert r.returncode == 2, (r.returncode, err)
    assert "Traceback" not in err
    assert fragment in err, err


def test_empty_file(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    _fails_cleanly(run_toolkit("profile", str(f)), "empty")


def test_binary_file(tmp_path):
    f = tmp_path / "photo.jpg"
    f.write_bytes(bytes(range(256)) * 40)
    _fails_cleanly(run_toolkit("profile", str(f)), "binary")


def test_non_utf8_file(tmp_path):
    f = tmp_path / "latin1.txt"
    f.write_bytes("The café was closed on Sunday. Nobody knew why.".encode("latin-1"))
    _fails_cleanly(run_toolkit("profile", str(f)), "UTF-8")


def test_missing_file(tmp_path):
    _fails_cleanly(run_toolkit("profile", str(tmp_path / "nope.txt")), "no such file")


def test_five_megabyte_text_is_refused_quickly(tmp_path):
    f = tmp_path / "huge.txt"
    f.write_text(ARTICLE.read_text() * (5_000_000 // len(ARTICLE.read_text()) + 1))
    assert f.stat().st_size >= 5_000_000
    _fails_cleanly(run_toolkit("profile", str(f), timeout=60), "limit")


def test_non_english_text(tmp_path):
    f = tmp_path / "es.txt"
    f.write_text("Los trabajadores usaban nombres falsos para conseguir empleos en empresas "
                 "extranjeras, y la mayor parte del dinero volvía al gobierno.", "utf-8")
    _fails_cleanly(run_toolkit("profile", str(f)), "does not look like English")


def test_html_is_stripped_never_interpreted(tmp_path):
    f = tmp_path / "page.html"
    f.write_text("<html><body><h1>Night shift</h1><p>The nurses worked all night.</p>"
                 "<script>document.write('owned')</script><p>They were tired.</p></body></html>")
    r = run_toolkit("profile", str(f), "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert any("HTML" in n for n in d["notes"])
    lemmas = {w["lemma"] for w in d["vocabulary"]}
    assert "nurse" in lemmas and "owned" not in lemmas and "document" not in lemmas


@pytest.mark.parametrize("level", ["Z1", "b7"])
def test_bad_level_option(level):
    _fails_cleanly(run_toolkit("profile", str(ARTICLE), "--above", level), "unknown CEFR level")
