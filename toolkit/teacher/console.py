"""The teacher console: from an article to a published lesson and exported worksheets.

Why thin: every step calls the core (`analyze_article`, `adapt`, `generate`, `validity`,
`build_pack`, `export`); the console only holds the teacher's choices between steps. It runs in
the teacher's kernel, so it may use the language tools; the slow ones (analysis, adaptation,
generators, exports) are imported inside the step that needs them, so the notebook opens at once. Steps run in order, each unlocked by
the one before: 1 article and profile, 2 levels side by side, 3 target words, 4 exercises,
5 publish and export. Errors a teacher can fix are shown as one escaped line, never a traceback.
"""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from toolkit.cefr import LEVELS
from toolkit.errors import UserInputError
from toolkit.model.adaptation import Adaptation
from toolkit.model.items import ALL_TYPES, Item
from toolkit.model.profile import TextProfile
from toolkit.model.text import Sentence
from toolkit.student.leveled_reader import changes_html
from toolkit.student.profile_panel import profile_panel
from toolkit.teacher.item_editor import ItemEditor

if TYPE_CHECKING:
    from toolkit.exercises.registry import Source

log = logging.getLogger(__name__)

LEVEL_CHOICES = ("A2", "B1", "B2")
EXPORTS = {"worksheet": ("html", "-worksheet.html"), "pdf": ("pdf", "-worksheet.pdf"),
           "gift": ("gift", ".gift.txt"),
           "anki": ("anki", "-anki.txt"), "apkg": ("apkg", ".apkg")}


def _problem(exc: Exception) -> str:
    """The line a teacher sees: what to fix, or (for a bug) where the details are.

    Call inside an `except` block: a bug's traceback goes to the log.
    """
    if isinstance(exc, (UserInputError, OSError)):
        return str(exc)
    log.exception("teacher console: internal error")
    return "Internal error, see the log (the traceback is in the Jupyter server's output)."


def text_html(text: str) -> str:
    """Article text as escaped paragraphs: text is data, never markup."""
    paras = [p for p in text.split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paras)


def words_tested(item: Item) -> set[str]:
    """The words an item tests, lowercase (matching and cloze-bank items list several)."""
    return {t.strip().lower() for t in item.target.split(",") if t.strip()}


class TeacherConsole(w.VBox):
    """Paste/load -> profile -> levels -> target words -> exercises -> publish / export.

    `lessons_dir` is where Publish writes the pack and its Voila page; `export_dir` where the
    worksheet, GIFT and Anki files go.
    """

    def __init__(self, lessons_dir: str | Path = "lessons", export_dir: str | Path = "exports",
                 class_level: str = "B1", text: str = "", title: str = "",
                 n_exercises: int = 12, seed: int = 1) -> None:
        self.clean = ""
        self.sentences: list[Sentence] = []
        self.profile: TextProfile | None = None
        self.adapted: dict[str, Adaptation] = {}
        self.editors: list[ItemEditor] = []
        self.published: tuple[Path, Path] | None = None
        self.exported: dict[str, Path] = {}
        self.seed = seed

        # 1. the article
        self.title = w.Text(value=title, description="Title", layout=w.Layout(width="95%"))
        self.title.add_class("vs-teacher-title")
        self.text = w.Textarea(value=text, description="Article", placeholder="Paste an article",
                               layout=w.Layout(width="95%", height="12em"))
        self.text.add_class("vs-teacher-text")
        self.path = w.Text(description="File", placeholder="path/to/article.txt")
        self.path.add_class("vs-teacher-path")
        self.load_button = w.Button(description="Load file")
        self.load_button.add_class("vs-teacher-load")
        self.load_button.on_click(lambda _b: self.load_path())
        self.upload = w.FileUpload(accept=".txt,.html,.htm,.md", multiple=False,
                                   description="Upload")
        self.upload.add_class("vs-teacher-upload")
        self.upload.observe(lambda _c: self.load_upload(), names="value")
        self.class_level = w.Dropdown(options=list(LEVELS[:5]), value=class_level,
                                      description="Class level")
        self.class_level.add_class("vs-teacher-class-level")
        self.class_level.observe(lambda _c: self._class_level_changed(), names="value")
        self.analyse_button = w.Button(description="Show profile", button_style="primary")
        self.analyse_button.add_class("vs-teacher-analyse")
        self.analyse_button.on_click(lambda _b: self.analyse())
        self.message = w.HTML()
        self.message.add_class("vs-teacher-message")
        self.profile_box = w.VBox()
        self.profile_box.add_class("vs-teacher-profile")
        article = w.VBox([self.title, self.text,
                          w.HBox([self.path, self.load_button, self.upload]),
                          w.HBox([self.class_level, self.analyse_button]), self.profile_box])

        # 2. levels side by side
        self.level_boxes = {lv: w.Checkbox(value=True, description=lv, indent=False,
                                           layout=w.Layout(width="auto"))
                            for lv in LEVEL_CHOICES}
        for lv, box in self.level_boxes.items():
            box.add_class(f"vs-teacher-level-{lv.lower()}")
        self.adapt_button = w.Button(description="Adapt", disabled=True)
        self.adapt_button.add_class("vs-teacher-adapt")
        self.adapt_button.on_click(lambda _b: self.adapt_levels())
        self.columns = w.HBox(layout=w.Layout(align_items="flex-start", overflow="auto"))
        self.columns.add_class("vs-teacher-columns")
        levels = w.VBox([w.HBox([*self.level_boxes.values(), self.adapt_button]), self.columns])

        # 3. target words
        self.targets = w.SelectMultiple(options=[], description="Targets", rows=12,
                                        layout=w.Layout(width="60%"))
        self.targets.add_class("vs-teacher-targets")
        targets = w.VBox([w.HTML("<p>Words above the class level, all chosen at first. "
                                 "Ctrl/Cmd-click to drop or pick a word.</p>"), self.targets])

        # 4. exercises
        self.types = w.SelectMultiple(options=sorted(ALL_TYPES), value=sorted(ALL_TYPES),
                                      description="Types", rows=6)
        self.types.add_class("vs-teacher-types")
        self.n_items = w.BoundedIntText(value=n_exercises, min=1, max=100, description="Items")
        self.n_items.add_class("vs-teacher-n")
        self.generate_button = w.Button(description="Generate exercises", disabled=True)
        self.generate_button.add_class("vs-teacher-generate")
        self.generate_button.on_click(lambda _b: self.generate())
        self.items_note = w.HTML()
        self.items_note.add_class("vs-teacher-items-note")
        self.items_box = w.VBox()
        self.items_box.add_class("vs-teacher-items")
        exercises = w.VBox([w.HBox([self.types, w.VBox([self.n_items, self.generate_button])]),
                            self.items_note, self.items_box])

        # 5. publish and export
        self.slug = w.Text(description="Slug", placeholder="from the title")
        self.slug.add_class("vs-teacher-slug")
        self.lessons_dir = w.Text(value=str(lessons_dir), description="Lessons in")
        self.lessons_dir.add_class("vs-teacher-lessons-dir")
        self.publish_button = w.Button(description="Publish lesson", button_style="success",
                                       disabled=True)
        self.publish_button.add_class("vs-teacher-publish")
        self.publish_button.on_click(lambda _b: self.publish())
        self.progress = w.IntProgress(value=0, min=0, max=1, description="Progress")
        self.progress.add_class("vs-teacher-progress")
        self.progress_label = w.HTML()
        self.progress_label.add_class("vs-teacher-progress-label")
        self.export_dir = w.Text(value=str(export_dir), description="Exports in")
        self.export_dir.add_class("vs-teacher-export-dir")
        from toolkit.exercises.export import find_chromium

        printable = [k for k in EXPORTS if k != "pdf" or find_chromium()]  # PDF needs Chromium
        self.export_kinds = w.SelectMultiple(options=list(EXPORTS), value=printable,
                                             description="Formats", rows=len(EXPORTS))
        self.export_kinds.add_class("vs-teacher-export-kinds")
        self.export_button = w.Button(description="Export items", disabled=True)
        self.export_button.add_class("vs-teacher-export")
        self.export_button.on_click(lambda _b: self.export())
        self.result = w.HTML()
        self.result.add_class("vs-teacher-result")
        self.fallback = w.Textarea(description="Copy", layout=w.Layout(width="95%", height="8em"))
        self.fallback.add_class("vs-teacher-fallback")
        publish = w.VBox([w.HBox([self.slug, self.lessons_dir, self.publish_button]),
                          w.HBox([self.export_dir, self.export_kinds, self.export_button]),
                          self.result, self.fallback])

        self.tabs = w.Tab(children=[article, levels, targets, exercises, publish])
        for i, name in enumerate(["1 Article", "2 Levels", "3 Target words", "4 Exercises",
                                  "5 Publish & export"]):
            self.tabs.set_title(i, name)
        self.tabs.add_class("vs-teacher-tabs")
        head = w.HTML("<h2>Teacher console</h2>")
        super().__init__([head, self.message, w.HBox([self.progress, self.progress_label]),
                          self.tabs])
        self.add_class("vs-teacher")

    # ---- messages ------------------------------------------------------------------------

    def _say(self, text: str, error: bool = False) -> None:
        css = "vs-teacher-error" if error else "vs-teacher-info"
        self.message.value = f"<p class='{css}'>{escape(text)}</p>" if text else ""

    # ---- 1. article ----------------------------------------------------------------------

    def _take_text(self, raw: bytes, name: str) -> None:
        from toolkit.language.text import TextInputError, decode, split_title

        try:
            text = decode(raw)
        except TextInputError as exc:
            self._say(f"{name}: {exc}", error=True)
            return
        title, body = split_title(text)
        self.text.value = body
        if title and not self.title.value.strip():
            self.title.value = title
        self._say(f"Loaded {name}. Press 'Show profile'.")

    def load_path(self) -> None:
        """Read the file named in `path` into the text box (UTF-8 or UTF-16 with a BOM)."""
        p = Path(self.path.value.strip()).expanduser()
        if not self.path.value.strip():
            self._say("Type the path of an article file first.", error=True)
            return
        try:
            raw = p.read_bytes()
        except OSError as exc:
            self._say(f"Cannot read {p}: {exc.strerror or exc}", error=True)
            return
        self._take_text(raw, p.name)

    def load_upload(self) -> None:
        for f in self.upload.value:
            self._take_text(bytes(f["content"]), str(f.get("name", "upload")))

    def analyse(self) -> bool:
        """Clean, check and profile the article; resets the later steps."""
        from toolkit.language.profile import analyze_article

        self._say("Analysing ...")
        try:
            clean, sentences, profile = analyze_article(self.text.value)
        except Exception as exc:  # noqa: BLE001 - every error is shown; bugs are logged too
            message = _problem(exc)
            self.clean, self.sentences, self.profile, self.adapted = "", [], None, {}
            self.profile_box.children = ()
            self.columns.children = ()
            self.targets.options = []
            self._set_editors([])  # nothing of an earlier article may be published with this one
            self._say(message, error=True)
            return False
        self.clean, self.sentences, self.profile = clean, sentences, profile
        self.adapted = {}
        self.columns.children = ()
        self._set_editors([])
        notes = w.HTML("".join(f"<p class='vs-teacher-note'>{escape(n)}</p>" for n in profile.notes))
        self.profile_box.children = (notes, profile_panel(profile, above=self.class_level.value))
        self._fill_targets()
        if not self.title.value.strip():
            self.title.value = self.clean.split("\n", 1)[0][:60]
        self._say(f"Profiled: {profile.word_count} words, level {profile.level}.")
        self._enable()
        return True

    def _fill_targets(self) -> None:
        assert self.profile is not None
        words = self.profile.words_above(self.class_level.value)
        options = [(f"{x.lemma} ({x.pos.lower()}, {x.level})", x.lemma) for x in words]
        unique = list({v: (label, v) for label, v in options}.values())
        self.targets.options = unique
        self.targets.value = tuple(v for _, v in unique)

    def _class_level_changed(self) -> None:
        """A new class level changes which words are hard: refresh the panel and the targets."""
        if self.profile is None:
            return
        notes = self.profile_box.children[0]
        self.profile_box.children = (notes, profile_panel(self.profile, above=self.class_level.value))
        self._fill_targets()

    def _enable(self) -> None:
        ready = self.profile is not None
        self.adapt_button.disabled = not ready
        self.generate_button.disabled = not ready
        self.publish_button.disabled = not ready
        self.export_button.disabled = not self.items

    # ---- 2. levels -----------------------------------------------------------------------

    @property
    def levels(self) -> list[str]:
        """The levels the teacher ticked, easiest first."""
        return [lv for lv, box in self.level_boxes.items() if box.value]

    def adapt_levels(self) -> None:
        """Adapt to each ticked level and show the versions side by side with their changes."""
        from toolkit.language.adapt import adapt

        if self.profile is None:
            self._say("Show the article's profile first.", error=True)
            return
        columns = []
        self.progress.value = 0
        for i, lv in enumerate(self.levels):
            self._say(f"Adapting to {lv} ({i + 1} of {len(self.levels)}) ...")
            self._on_progress(i, len(self.levels), f"adapting to {lv}")
            if lv not in self.adapted:
                self.adapted[lv] = adapt(self.clean, lv)
            a = self.adapted[lv]
            version = a.level_version()
            head = w.HTML(f"<h3>{escape(lv)}</h3><p>estimated {escape(a.level)}"
                          f"{'' if a.at_target else ' (still above the target)'}, "
                          f"{len(a.changes)} changes</p>")
            if a.text == self.clean:  # build_pack keeps only the original then; say so
                body = w.HTML("<p class='vs-teacher-same'>Same as the original: the lesson "
                              f"uses the original text for {escape(lv)}.</p>")
            else:
                body = w.HTML(f"<div class='vs-teacher-version-text'>{text_html(a.text)}</div>")
            changes = w.HTML(changes_html(version))
            changes.add_class("vs-changes")
            col = w.VBox([head, body, changes], layout=w.Layout(flex="1 1 0", min_width="280px",
                                                               margin="0 8px"))
            col.add_class("vs-teacher-column")
            col.add_class(f"vs-teacher-column-{lv.lower()}")
            columns.append(col)
        self.columns.children = tuple(columns)
        if columns:
            self._on_progress(len(columns), len(columns), "levels ready")
        self._say(f"Adapted to {', '.join(self.levels) or 'no level'}." if columns
                  else "Tick at least one level.")

    # ---- 4. exercises --------------------------------------------------------------------

    def _source(self) -> Source:
        from toolkit.exercises.registry import Source

        return Source(sentences=self.sentences, words=list(self.targets.value),
                      level=self.class_level.value)

    def dropped_forms(self) -> set[str]:
        """Lemmas and forms of the target words the teacher dropped (lowercase)."""
        dropped = {v for _, v in self.targets.options} - set(self.targets.value)
        if self.profile is None or not dropped:
            return set()
        return {f for x in self.profile.vocabulary if x.lemma in dropped
                for f in (x.lemma.lower(), *x.forms)}

    @property
    def items(self) -> list[Item]:
        """The reviewed items: edits kept, dropped ones gone."""
        return [e.item for e in self.editors if not e.dropped]

    def _set_editors(self, items: list[Item]) -> None:
        source = self._source() if self.sentences else None
        self.editors = [ItemEditor(it, i + 1, source, self._dropped) for i, it in enumerate(items)]
        self.items_box.children = tuple(self.editors)
        self._enable()

    def _dropped(self, editor: ItemEditor) -> None:
        self.items_box.children = tuple(e for e in self.editors if not e.dropped)
        self.items_note.value = f"<p>{len(self.items)} items kept.</p>"
        self._enable()

    def generate(self) -> list[Item]:
        """Generate items; those testing a dropped target word are left out."""
        from toolkit.exercises.registry import generate

        if self.profile is None:
            self._say("Show the article's profile first.", error=True)
            return []
        if not self.types.value:
            self._say("Choose at least one exercise type.", error=True)
            return []
        self._say("Generating exercises ...")
        self._on_progress(0, 1, "generating exercises (the first run loads WordNet)")
        items, report = generate(self._source(), types=list(self.types.value),
                                 n=self.n_items.value, seed=self.seed)
        dropped = self.dropped_forms()
        kept = [i for i in items if not words_tested(i) & dropped]
        left_out = len(items) - len(kept)
        self._set_editors(kept)
        self._on_progress(1, 1, f"{len(kept)} items ready")
        notes = [*report.notes]
        if left_out:
            notes.append(f"{left_out} items tested a word you dropped and were left out")
        self.items_note.value = (f"<p>{len(kept)} items ({report.total_dropped} failed the checks "
                                 "and were never shown).</p>"
                                 + "".join(f"<p class='vs-teacher-note'>{escape(n)}</p>"
                                           for n in notes))
        self._say(f"{len(kept)} items to review.")
        return kept

    # ---- 5. publish and export -----------------------------------------------------------

    def _on_progress(self, step: int, total: int, message: str) -> None:
        """build_pack's progress callback; the other long steps report through it too."""
        self.progress.max = max(total, 1)
        self.progress.value = step
        self.progress_label.value = f"{step}/{total} {escape(message)}"

    def publish(self) -> tuple[Path, Path] | None:
        """Write the lesson pack and its Voila page with the chosen levels and reviewed items."""
        from toolkit.lesson.build import build_pack, slugify, write_lesson

        if self.profile is None:
            self._say("Show the article's profile first.", error=True)
            return None
        title = self.title.value.strip() or "Lesson"
        slug = slugify(self.slug.value.strip() or title)
        self.progress.value = 0
        try:
            pack = build_pack(self.clean, title, slug, levels=self.levels,
                              n_exercises=self.n_items.value, seed=self.seed,
                              progress=self._on_progress,
                              exercises=self.items if self.editors else None,
                              targets=list(self.targets.value),
                              adapted={lv: a for lv, a in self.adapted.items() if lv in self.levels})
            self.published = write_lesson(pack, self.lessons_dir.value.strip() or "lessons")
        except Exception as exc:  # noqa: BLE001 - every error is shown; bugs are logged too
            self._say(f"Not published: {_problem(exc)}", error=True)
            return None
        pack_path, nb_path = self.published
        skipped = pack.levels_not_needed
        self.result.value = (
            f"<p class='vs-teacher-published'>Published <b>{escape(title)}</b>: "
            f"<code>{escape(str(nb_path))}</code> (Voila page) and "
            f"<code>{escape(str(pack_path))}</code>; levels "
            f"{escape(', '.join(v.level for v in pack.versions))}; {len(pack.exercises)} items.</p>"
            + "".join(f"<p class='vs-teacher-note'>{escape(s)}</p>" for s in skipped))
        self._say("Published.")
        return self.published

    def export(self) -> dict[str, Path]:
        """Write the chosen formats of the reviewed items; shows their paths and the text."""
        from toolkit.exercises.export import export, write_apkg, write_pdf
        from toolkit.lesson.build import slugify

        items = self.items
        if not items:
            self._say("Generate and review some items first.", error=True)
            return {}
        title = self.title.value.strip() or "Worksheet"
        stem = slugify(self.slug.value.strip() or title)
        out = Path(self.export_dir.value.strip() or "exports")
        texts: dict[str, str] = {}
        try:
            out.mkdir(parents=True, exist_ok=True)
            for kind in self.export_kinds.value:
                fmt, suffix = EXPORTS[kind]
                path = out / f"{stem}{suffix}"
                if fmt == "apkg":  # a binary Anki package, not text
                    texts[kind] = f"{write_apkg(items, path, title)} notes in {path}"
                elif fmt == "pdf":
                    texts[kind] = f"{write_pdf(items, path, title)} pages in {path}"
                else:
                    texts[kind] = export(items, fmt, title)
                    path.write_text(texts[kind], "utf-8")
                self.exported[kind] = path
        except Exception as exc:  # noqa: BLE001 - every error is shown; bugs are logged too
            self._say(f"Not exported: {_problem(exc)}", error=True)
            return {}
        self.result.value = "<ul class='vs-teacher-exports'>" + "".join(
            f"<li>{escape(k)}: <code>{escape(str(self.exported[k]))}</code></li>"
            for k in texts) + "</ul>"
        first = "gift" if "gift" in texts else next(iter(texts), "")
        self.fallback.value = texts.get(first, "")
        self.fallback.description = first or "Copy"
        self._say(f"Exported {len(items)} items as {', '.join(texts)}.")
        return {k: self.exported[k] for k in texts}

    def state(self) -> dict[str, Any]:
        """What the teacher has chosen so far (for notebooks and tests)."""
        return {"levels": self.levels, "targets": list(self.targets.value),
                "items": [i.id for i in self.items],
                "profile_level": self.profile.level if self.profile else None}


def teacher_console(**kwargs: Any) -> TeacherConsole:
    """The console for a notebook cell: `teacher_console(lessons_dir="../lessons")`."""
    return TeacherConsole(**kwargs)
