"""Lesson packs: build, round trip, clear errors for broken files, committed lessons up to date."""

import json

import pytest

from common import ROOT, run_toolkit
from toolkit.errors import UserInputError
from toolkit.lesson.build import build_pack, slugify, write_lesson
from toolkit.model.pack import SCHEMA_VERSION, UPGRADES, LessonPack, LessonPackError, load_pack
from toolkit.student.app import show_lesson

# A real pack written by the toolkit before schema 2 (built from a two-sentence article).
SCHEMA_1_PACK = ROOT / "tests" / "data" / "lesson-schema-1.lesson.json"

SHORT = "Rivers and Roads\n\nThe river flooded the old road. Farmers moved their animals to higher fields."


@pytest.fixture(scope="module")
def pack() -> LessonPack:
    return build_pack(SHORT.split("\n\n", 1)[1], "Rivers and Roads", levels=["A2"], n_exercises=6)


def test_slugify():
    assert slugify("Café & Crème: a Story!") == "cafe-creme-a-story"
    assert slugify("***") == "lesson"


def test_pack_round_trip(tmp_path, pack):
    pack_path, nb_path = write_lesson(pack, tmp_path)
    assert pack_path.name == "rivers-and-roads.lesson.json" and nb_path.suffix == ".ipynb"
    again = load_pack(pack_path)
    assert again == pack
    v = again.version("original")
    assert v.profile.word_count == sum(len(s.words) for s in v.sentences)
    with pytest.raises(KeyError, match="original"):
        again.version("B2")


@pytest.mark.parametrize("mutate, fragment", [
    (lambda d: d.update(schema="something-else"), "not a VocabSphere lesson"),
    (lambda d: d.update(schema_version=99), "newer than this toolkit"),
    (lambda d: d.pop("title"), "'title' missing"),
    (lambda d: d.update(versions=[]), "no versions"),
    (lambda d: d["versions"][0].update(level="Z9"), "bad level"),
    (lambda d: d["versions"][0].update(text=""), "empty text"),
    (lambda d: d["versions"][0]["sentences"][0].update(end=10**6), "outside the text"),
    (lambda d: d.update(cards={}), "word cards missing"),
    (lambda d: d.update(exercises=[{"type": "cloze"}]), "needs type, prompt and answer"),
])
def test_broken_pack_is_a_clear_error(tmp_path, pack, mutate, fragment):
    d = pack.to_dict()
    mutate(d)
    f = tmp_path / "broken.lesson.json"
    f.write_text(json.dumps(d))
    with pytest.raises(LessonPackError, match=fragment) as err:
        load_pack(f)
    assert str(f) in str(err.value)


def test_a_schema_1_pack_loads_through_its_upgrade_step(tmp_path):
    old = json.loads(SCHEMA_1_PACK.read_text("utf-8"))
    assert old["schema_version"] == 1 and "levels_not_needed" in old["extras"]
    pack = load_pack(SCHEMA_1_PACK)
    assert pack.levels_not_needed == old["extras"]["levels_not_needed"]
    assert pack.exercise_report == old["extras"]["exercise_report"] and pack.extras == {}
    assert [i.id for i in pack.exercises] == [e["id"] for e in old["exercises"]]
    assert pack.original.text == old["versions"][0]["text"]
    assert set(pack.cards) == set(old["cards"]) and pack.original.card_keys
    # saved again, it is a current pack that reads back the same
    again = tmp_path / "again.lesson.json"
    again.write_text(json.dumps(pack.to_dict()))
    assert json.loads(again.read_text())["schema_version"] == SCHEMA_VERSION
    assert load_pack(again) == pack


def test_every_older_schema_has_an_upgrade_step():
    assert sorted(UPGRADES) == list(range(1, SCHEMA_VERSION))


def test_pack_errors_are_user_errors():
    assert issubclass(LessonPackError, UserInputError)


@pytest.mark.parametrize("content", [b"", b"{not json", b"\xff\xfe\x00garbage", b"[1, 2, 3]"])
def test_unreadable_pack_is_a_clear_error(tmp_path, content):
    f = tmp_path / "bad.lesson.json"
    f.write_bytes(content)
    with pytest.raises(LessonPackError):
        load_pack(f)


def test_student_page_shows_an_error_box_for_a_broken_lesson(tmp_path):
    f = tmp_path / "x.lesson.json"
    f.write_text('{"schema": "<b>evil</b>"}')
    box = show_lesson(f)
    assert "cannot be opened" in box.value and "<b>evil" not in box.value


def test_build_lesson_cli_writes_pack_and_page(tmp_path):
    src = tmp_path / "rivers.txt"
    src.write_text(SHORT)
    r = run_toolkit("build-lesson", str(src), "--out", str(tmp_path / "out"), "--levels", "")
    assert r.returncode == 0, r.stderr
    pack = load_pack(tmp_path / "out" / "rivers-and-roads.lesson.json")
    assert pack.title == "Rivers and Roads"
    assert "show_lesson('rivers-and-roads.lesson.json')" in (
        tmp_path / "out" / "rivers-and-roads.ipynb").read_text()


PACKS = sorted((ROOT / "lessons").glob("*.lesson.json"))


@pytest.mark.parametrize("pack_path", PACKS, ids=[p.name for p in PACKS])
def test_committed_lesson_holds_its_article(pack_path):
    """Each pack in lessons/ comes from lessons/articles/<slug>.txt and has its page."""
    from toolkit.language.text import prepare, split_title

    slug = pack_path.name.removesuffix(".lesson.json")
    article = ROOT / "lessons" / "articles" / f"{slug}.txt"
    title, body = split_title(article.read_text("utf-8"))
    pack = load_pack(pack_path)
    assert pack.title == title and pack.slug == slug
    assert pack.versions[0].text == prepare(body)[0], (
        f"stale: python -m toolkit build-lesson {article.relative_to(ROOT)} --slug {slug}")
    assert pack.versions[0].card_keys, "no word cards in the pack"
    assert all(k in pack.cards for v in pack.versions for k in v.card_keys)
    assert pack.exercises, "no exercises in the pack"
    assert (ROOT / "lessons" / f"{slug}.ipynb").is_file()


@pytest.mark.slow
def test_rebuilding_a_committed_lesson_changes_nothing(tmp_path):
    """The smallest committed lesson rebuilt with the current code is identical."""
    slug = "the-school-garden"
    r = run_toolkit("build-lesson", f"lessons/articles/{slug}.txt", "--slug", slug,
                    "--out", str(tmp_path), "--quiet", timeout=300)
    assert r.returncode == 0, r.stderr
    fresh = json.loads((tmp_path / f"{slug}.lesson.json").read_text())
    assert fresh == json.loads((ROOT / "lessons" / f"{slug}.lesson.json").read_text()), (
        f"stale: python -m toolkit build-lesson lessons/articles/{slug}.txt --slug {slug}")
    assert (tmp_path / f"{slug}.ipynb").read_text() == (ROOT / "lessons" / f"{slug}.ipynb").read_text()


def test_three_lessons_at_different_levels():
    levels = {load_pack(p).versions[0].estimated for p in PACKS}
    assert len(PACKS) >= 3 and len(levels) >= 3


def test_pack_has_adapted_versions_and_valid_exercises():
    pack = load_pack(ROOT / "lessons" / "plastic-in-the-deep.lesson.json")
    levels = [v.level for v in pack.versions]
    assert levels[0] == "original" and "A2" in levels
    a2 = pack.version("A2")
    assert a2.changes and a2.text != pack.original.text
    assert a2.estimated in ("A1", "A2") or a2.notes, "an A2 version is at A2 or says why not"
    items = pack.exercises
    assert len({i.type for i in items}) >= 5
    for item in items:  # the key is accepted by the item's own checker
        assert item.check(item.answer)


def test_build_reports_progress():
    steps: list[tuple[int, int, str]] = []
    build_pack("The cat slept on the warm mat. Then it woke up.", "Cat", levels=["A2"],
               n_exercises=2, progress=lambda *a: steps.append(a))
    assert [s[0] for s in steps] == list(range(1, len(steps) + 1))
    assert steps[-1][0] == steps[-1][1]  # the bar reaches its end


def test_index_lists_every_lesson_with_a_relative_link(tmp_path):
    from toolkit.student.index import lesson_index, lesson_rows

    rows = lesson_rows(ROOT / "lessons")
    assert {r["slug"] for r in rows} == {p.name.removesuffix(".lesson.json") for p in PACKS}
    html = lesson_index(ROOT / "lessons").value
    for r in rows:
        assert f"href='{r['slug']}.ipynb'" in html and r["level"] in html
    (tmp_path / "bad.lesson.json").write_text("{}")
    (tmp_path / "bad.ipynb").write_text("{}")
    assert "cannot be opened" in lesson_index(tmp_path).value
