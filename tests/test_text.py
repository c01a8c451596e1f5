import pytest

from toolkit.language.text import (MAX_CHARS, TextInputError, decode, english_share, prepare,
                                   split_title, strip_html)


def test_decode_accepts_utf8_with_bom_and_utf16():
    assert decode("café".encode("utf-8-sig")) == "café"
    assert decode("naïve".encode("utf-16")) == "naïve"


@pytest.mark.parametrize("raw, fragment", [
    (b"\x7fELF\x02\x01\x01\x00\x00\x00", "binary"),
    ("caf\xe9".encode("latin-1"), "not UTF-8"),
])
def test_decode_refuses_binary_and_other_encodings(raw, fragment):
    with pytest.raises(TextInputError, match=fragment):
        decode(raw)


def test_html_is_stripped_and_script_content_dropped():
    page = ("<html><head><title>x</title><style>p{}</style></head><body><h1>Rain</h1>"
            "<p>It rained &amp; we stayed in.</p><script>alert('x')</script>"
            "<img src=x onerror=alert(1)></body></html>")
    text, notes = prepare(page)
    assert "alert" not in text and "<" not in text and "onerror" not in text
    assert "It rained & we stayed in." in text
    assert "Rain" in text.splitlines()
    assert any("HTML" in n for n in notes)


def test_plain_text_with_angle_brackets_is_not_treated_as_html():
    text, notes = prepare("If x < 3 and y > 2 then the answer is yes.")
    assert text.startswith("If x < 3") and notes == []


@pytest.mark.parametrize("text", ["", "   \n\n  ", "... !!! ---", "<p> </p>"])
def test_empty_text_is_refused(text):
    with pytest.raises(TextInputError, match="empty"):
        prepare(text)


def test_size_limit_names_the_limit():
    with pytest.raises(TextInputError, match="limit"):
        prepare("word " * (MAX_CHARS // 5 + 10))


def test_english_share_separates_languages(article_text):
    assert english_share(article_text) > 0.8
    spanish = ("El gobierno anunció ayer que las escuelas del país cerrarán durante dos semanas "
               "porque muchos profesores están enfermos y no hay suficientes sustitutos.")
    german = ("Die Regierung hat gestern angekündigt, dass die Schulen des Landes wegen vieler "
              "kranker Lehrer für zwei Wochen geschlossen werden.")
    assert english_share(spanish) < 0.3
    assert english_share(german) < 0.3
    assert english_share("日本語の文章です。学校は二週間休みになります。") == 0.0


def test_split_title():
    assert split_title("A Title\n\nBody one.\n\nBody two.") == ("A Title", "Body one.\n\nBody two.")
    assert split_title("Just one paragraph of text.") == ("", "Just one paragraph of text.")


def test_strip_html_never_keeps_tags():
    assert strip_html("<b onclick='x()'>bold</b> text") == "bold text"
