"""PDF worksheets printed by the machine's real Chromium (skipped, saying so, without it)."""

import pytest

from common import ROOT, run_toolkit
from toolkit.exercises.export import ExportError, find_chromium, pdf_pages, write_pdf
from toolkit.model.items import Item

needs_chromium = pytest.mark.skipif(find_chromium() is None,
                                    reason="no Chromium here (make test installs it as root)")
ARTICLE = ROOT / "lessons" / "articles" / "the-school-garden.txt"


def _items(n: int) -> list[Item]:
    return [Item("mcq", f"Question {i}: the river ___ its banks.", "burst",
                 options=["burst", "sang", "ate"], explanation="burst: broke open")
            for i in range(n)]


@needs_chromium
def test_the_answer_key_starts_on_its_own_page(tmp_path):
    one = write_pdf(_items(1), tmp_path / "one.pdf", "Rivers <b>1</b>")
    assert (tmp_path / "one.pdf").read_bytes().startswith(b"%PDF")
    assert one == 2  # one short question would fit on a page with its key: the break holds
    assert write_pdf(_items(40), tmp_path / "forty.pdf", "Rivers") > 3


def test_no_chromium_is_a_clear_error(tmp_path):
    with pytest.raises(ExportError, match="cannot be started"):
        write_pdf(_items(1), tmp_path / "x.pdf", chromium=str(tmp_path / "no-such-browser"))
    assert not (tmp_path / "x.pdf").exists()


def test_cli_pdf_needs_an_output_file():
    r = run_toolkit("exercises", str(ARTICLE), "--format", "pdf", "--n", "3")
    assert r.returncode == 2 and b"-o" in r.stderr


@needs_chromium
def test_cli_writes_a_pdf_worksheet(tmp_path):
    out = tmp_path / "garden.pdf"
    # all types, cold: minutes on a loaded machine; the timeout only guards against a hang
    r = run_toolkit("exercises", str(ARTICLE), "--format", "pdf", "--n", "6", "-o", str(out),
                    timeout=900)
    assert r.returncode == 0, r.stderr
    assert pdf_pages(out.read_bytes()) >= 2 and b"page worksheet" in r.stderr
