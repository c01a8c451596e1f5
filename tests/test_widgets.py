"""Widgets in plain Python: clicks reach callbacks, article text is never markup."""

from toolkit.language.profile import analyze_article
from toolkit.teacher.article import article_page
from toolkit.student.profile_panel import hard_words_html, profile_panel
from toolkit.student.reader import Reader, segments_for

EVIL = ("Breaking <script>alert('x')</script> news\n\n"
        "The minister <b>resigned</b> on Friday. Reporters waited outside the building.")


def _all_html(widget) -> str:
    out, stack = [], [widget]
    while stack:
        wd = stack.pop()
        if hasattr(wd, "value") and isinstance(wd.value, str):
            out.append(wd.value)
        stack.extend(getattr(wd, "children", ()))
    return "\n".join(out)


def test_segments_cover_every_character_in_order():
    text, sentences, _ = analyze_article("First line here.\n\nSecond one, with a comma; and more.")
    segs, words = segments_for(text, sentences)
    joined = "".join(s["t"] for s in segs)
    assert joined.replace(" ", "") == text.replace("\n", "").replace(" ", "")
    assert [w.text for w in words] == ["First", "line", "here", "Second", "one", "with", "a",
                                      "comma", "and", "more"]
    assert {s["p"] for s in segs} == {0, 1}


def test_clicking_a_word_runs_the_callback_with_its_analysis():
    text, sentences, _ = analyze_article("The workers used fake identities.")
    reader = Reader(text, sentences)
    got = []
    reader.on_word(got.append)
    index = next(w.index for w in reader.words if w.text == "identities")
    reader.selected = {"w": index, "n": 1}  # what the browser sends on a click
    assert got and got[0].lemma == "identity" and got[0].level >= 2
    reader.selected = {"w": 999, "n": 2}  # out of range: ignored, no crash
    assert len(got) == 1


def test_html_in_an_article_is_shown_as_text():
    text, sentences, profile = analyze_article(EVIL)
    page = article_page("<img src=x onerror=alert(1)>", text, profile, sentences)
    html = _all_html(page)
    assert "<img" not in html and "&lt;img" in html
    assert "<script>" not in html
    reader = next(w for w in _walk(page) if isinstance(w, Reader))
    # the reader sends plain strings; the browser side sets them with textContent
    assert all("<" not in s["t"] for s in reader.segments)


def _walk(widget):
    stack = [widget]
    while stack:
        wd = stack.pop()
        yield wd
        stack.extend(getattr(wd, "children", ()))


def test_profile_panel_lists_hard_words(article_text):
    _, _, profile = analyze_article(article_text)
    html = _all_html(profile_panel(profile, above="B1"))
    assert profile.level in html
    for w in profile.words_above("B1")[:5]:
        assert w.lemma in html
    assert "No words above" in hard_words_html(profile, "C2")
