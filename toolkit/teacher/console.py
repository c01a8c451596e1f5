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
import os
import re
import threading
import unicodedata
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping

import ipywidgets as w

from toolkit.cefr import LEVELS, level_index
from toolkit.errors import UserInputError
from toolkit.model.adaptation import Adaptation
from toolkit.model.items import ALL_TYPES, Item, type_name
from toolkit.model.level import LevelEstimate
from toolkit.model.profile import TextProfile
from toolkit.model.wordcard import LANGUAGES
from toolkit.model.text import Sentence
from toolkit.student.leveled_reader import changes_html
from toolkit.student.profile_panel import profile_panel
from toolkit.teacher.card_fix import CardFixPanel
from toolkit.teacher.drafts import Draft, backup_lesson, list_drafts, load_draft, save_draft
from toolkit.teacher.item_editor import ItemEditor
from toolkit.teacher.targets import TargetPicker

if TYPE_CHECKING:
    from toolkit.exercises.registry import Source

log = logging.getLogger(__name__)

LEVEL_CHOICES = ("A1", "A2", "B1", "B2", "C1")  # offered relative to the original's level
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
    from toolkit.model.text import paragraphs

    paras = paragraphs(text)  # the analysis's rule: single line breaks count without blank lines
    return "".join(f"<p>{escape(p)}</p>" for p in paras)


def headline(text: str) -> tuple[str, str]:
    """(title, body) of pasted text: its first line is a headline only when it reads as one.

    Why stricter than `split_title` (which trusts a file's layout): a pasted article often
    starts with a short one-line paragraph, and that sentence must not become the title.
    """
    from toolkit.language.text import split_title

    title, body = split_title(text)
    if title and (re.search(r"[.!?;:,\"”’)]$", title) or len(title.split()) > 16
                  or re.search(r"<[^>]*>", title) or not re.search(r"[A-Za-z]", title)):
        return "", text.strip()
    return title, body


def new_article(old: str, new: str) -> bool:
    """Whether `new` is another article rather than an edit of `old` (few shared word pairs).

    Why word pairs: two articles share many single words ("the", "said"), an edited
    article keeps most of its pairs.
    """
    def pairs(t: str) -> set[tuple[str, str]]:
        words = re.findall(r"[a-z0-9']+", t.lower())
        return set(zip(words, words[1:]))

    a, b = pairs(old), pairs(new)
    if not b:
        return False
    if not a:
        return True
    return len(a & b) / min(len(a), len(b)) < 0.3


def student_link(slug: str, base_url: str = "") -> tuple[str, str]:
    """The Voila page students open: relative to the server, and in full with a base URL."""
    rel = f"voila/render/{slug}.ipynb"
    return rel, (f"{base_url.rstrip('/')}/{rel}" if base_url else "")


def room_base_url(env: Mapping[str, str] | None = None) -> str:
    """The students' server as `make teach` announces it (its index link), or ''.

    Why: `make teach` gives the teacher's JupyterLab the students' index link, not a base URL;
    the lesson's own link (and its QR code) is that server plus the lesson's page.
    """
    from toolkit.student.link import INDEX_PATH, LINK_ENV

    link = ((os.environ if env is None else env).get(LINK_ENV) or "").strip()
    return link[:-len(INDEX_PATH)] if link.endswith(INDEX_PATH) else ""


def slug_hint(title: str) -> str:
    """The slug Publish derives from `title` (what `lesson.build.slugify` gives), shown as the
    slug box's placeholder; kept here so the console need not import the lesson builder."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].rstrip("-") or "lesson"


SAMPLE = ("The city council voted on Tuesday to build a new library near the river. Officials "
          "said the ambitious project would cost about twelve million dollars.")


class WarmUp:
    """Loads the language tables once, in a background thread, while the teacher reads.

    Why: the first generation in a fresh kernel spent most of its time reading WordNet and
    building the distractor tables. Two phases, each an Event the steps wait on (never a
    second load racing the first): "analysis" (tagger, word levels, the estimator) and
    "wordnet" (WordNet, its gloss index and peer table, used by adaptation, exercises and
    word cards). The second phase starts once the first profile is shown (`go`, or after
    `GO_AFTER` seconds): run beside the profile it would only slow it down (one interpreter
    lock, two cores shared). A failure is logged; the step then loads what it needs itself.
    """

    PHASES = ("analysis", "wordnet")
    GO_AFTER = 20.0
    _lock = threading.Lock()  # one loader per process: nltk's lazy corpus loader is not
    # safe to enter from two threads, and two consoles in one kernel must not both load

    def __init__(self, start: bool = True) -> None:
        self.done = {p: threading.Event() for p in self.PHASES}
        self.go = threading.Event()
        self.seconds: dict[str, float] = {}
        self.thread: threading.Thread | None = None
        if start:
            self.thread = threading.Thread(target=self._run, name="vs-teacher-warm-up",
                                           daemon=True)
            self.thread.start()
        else:
            for e in self.done.values():
                e.set()

    def _run(self) -> None:
        import time

        t0 = time.perf_counter()
        try:
            with self._lock:
                self._analysis()
        except Exception:  # noqa: BLE001 - the step will load (and report) it itself
            log.exception("teacher console: warm-up of the analysis failed")
        finally:
            self.seconds["analysis"] = time.perf_counter() - t0
            self.done["analysis"].set()
        self.go.wait(self.GO_AFTER)
        try:
            with self._lock:
                self._wordnet()
        except Exception:  # noqa: BLE001
            log.exception("teacher console: warm-up of WordNet failed")
        finally:
            self.seconds["wordnet"] = time.perf_counter() - t0
            self.done["wordnet"].set()

    @staticmethod
    def _analysis() -> None:
        from toolkit.language.estimate import estimate_sentences
        from toolkit.language.profile import analyze_article

        _clean, sentences, _ = analyze_article(SAMPLE)
        estimate_sentences(sentences)

    @staticmethod
    def _wordnet() -> None:
        from toolkit.exercises import distractors, lexicon

        lexicon.wordnet()
        distractors._gloss_index()
        distractors._peer_table()

    def wait(self, phase: str, timeout: float = 600) -> None:
        if phase == "wordnet":
            self.go.set()
        self.done[phase].wait(timeout)


def words_tested(item: Item) -> set[str]:
    """The words an item tests, lowercase (matching and cloze-bank items list several)."""
    return {t.strip().lower() for t in item.target.split(",") if t.strip()}


class TeacherConsole(w.VBox):
    """Paste/load -> profile -> levels -> target words -> exercises -> publish / export.

    `lessons_dir` is where Publish writes the pack and its Voila page; `export_dir` where the
    worksheet, GIFT and Anki files go; `drafts_dir` (default `$VOCABSPHERE_DRAFTS`, else
    `drafts` beside the notebook) where the draft is saved after every step. `base_url` (default
    `$VOCABSPHERE_BASE_URL`) makes the student link a full URL; `clock` stamps the drafts.
    """

    def __init__(self, lessons_dir: str | Path = "lessons", export_dir: str | Path = "exports",
                 class_level: str = "B1", text: str = "", title: str = "",
                 card_language: str = "zh",
                 n_exercises: int = 12, seed: int = 1, drafts_dir: str | Path | None = None,
                 base_url: str | None = None,
                 clock: Callable[[], datetime] | None = None, preload: bool = True) -> None:
        self.warm = WarmUp(start=preload)
        self.drafts_dir = Path(drafts_dir if drafts_dir is not None
                               else os.environ.get("VOCABSPHERE_DRAFTS", "drafts"))
        self.base_url = ((os.environ.get("VOCABSPHERE_BASE_URL", "") or room_base_url())
                         if base_url is None else base_url)
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self.draft_file: Path | None = None
        self._quiet = False  # True while the console itself sets the article or title
        self._title_for_next = False  # the teacher typed a title before pasting the article
        self.clean = ""
        self.sentences: list[Sentence] = []
        self.profile: TextProfile | None = None
        self.estimate: LevelEstimate | None = None  # the one level shown everywhere
        self.adapted: dict[str, Adaptation] = {}  # what will be published, edits included
        self.adapter_output: dict[str, Adaptation] = {}  # as the adapter wrote it
        self.rejected: dict[str, list[int]] = {}  # level -> indexes into adapter_output changes
        self.edited: dict[str, str] = {}  # level -> the text the teacher typed
        self._pending: Draft | None = None  # a reopened draft's corrections, for the next Adapt
        self.text_boxes: dict[str, w.Textarea] = {}
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
        self.text.observe(self._text_changed, names="value")
        self.title.observe(self._title_changed, names="value")
        self._last_text = text
        self.draft_choice = w.Dropdown(options=[], description="Draft")
        self.draft_choice.add_class("vs-teacher-drafts")
        self.reopen_button = w.Button(description="Reopen draft")
        self.reopen_button.add_class("vs-teacher-reopen")
        self.reopen_button.on_click(lambda _b: self.reopen())
        self.refresh_drafts()
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
        self.card_language = w.Dropdown(
            options=[(name, code) for code, name in LANGUAGES.items()],
            value=card_language if card_language in LANGUAGES else next(iter(LANGUAGES)),
            description="Card language")
        self.card_language.add_class("vs-teacher-card-language")
        self.analyse_button = w.Button(description="Show profile", button_style="primary")
        self.analyse_button.add_class("vs-teacher-analyse")
        self.analyse_button.on_click(lambda _b: self.analyse())
        self.message = w.HTML()
        self.message.add_class("vs-teacher-message")
        self.profile_box = w.VBox()
        self.profile_box.add_class("vs-teacher-profile")
        article = w.VBox([w.HBox([self.draft_choice, self.reopen_button]), self.title, self.text,
                          w.HBox([self.path, self.load_button, self.upload]),
                          w.HBox([self.class_level, self.card_language, self.analyse_button]), self.profile_box])

        # 2. levels side by side
        self.level_boxes = {lv: w.Checkbox(value=lv in ("A2", "B1", "B2"), description=lv,
                                           indent=False, layout=w.Layout(
                                               width="auto",
                                               display=None if lv in ("A2", "B1", "B2") else "none"))
                            for lv in LEVEL_CHOICES}
        for lv, box in self.level_boxes.items():
            box.add_class(f"vs-teacher-level-{lv.lower()}")
        self.adapt_button = w.Button(description="Adapt", disabled=True)
        self.adapt_button.add_class("vs-teacher-adapt")
        self.adapt_button.on_click(lambda _b: self.adapt_levels())
        self.level_note = w.HTML()
        self.level_note.add_class("vs-teacher-level-note")
        self.columns = w.HBox(layout=w.Layout(align_items="flex-start", overflow="auto"))
        self.columns.add_class("vs-teacher-columns")
        levels = w.VBox([self.level_note, w.HBox([*self.level_boxes.values(), self.adapt_button]),
                         self.columns])

        # 3. target words
        self.targets = TargetPicker(on_change=self._targets_changed)
        self.targets_note = w.HTML()
        self.targets_note.add_class("vs-teacher-targets-note")
        targets = w.VBox([w.HTML("<p>Words above the class level, all chosen at first: untick "
                                 "a word to drop it, or add a word to teach (it need not be in "
                                 "the article). Exercises prefer these words; students see them "
                                 "highlighted and find them in their word books.</p>"),
                          self.targets, self.targets_note])
        self.card_fix = CardFixPanel(lambda: self.sentences)  # the teacher corrects a card
        targets.children += (self.card_fix,)

        # 4. exercises
        self.types = w.SelectMultiple(
            options=sorted(((type_name(t), t) for t in ALL_TYPES)), value=sorted(ALL_TYPES),
            description="Types", rows=8, layout=w.Layout(width="28em"))
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
        self.slug = w.Text(description="Slug", placeholder=(
            f"{slug_hint(title)} (from the title)" if title.strip() else "from the title"))
        self.slug.add_class("vs-teacher-slug")
        self.lessons_dir = w.Text(value=str(lessons_dir), description="Lessons in")
        self.lessons_dir.add_class("vs-teacher-lessons-dir")
        self.publish_button = w.Button(description="Publish lesson", button_style="success",
                                       disabled=True)
        self.publish_button.add_class("vs-teacher-publish")
        self.publish_button.on_click(lambda _b: self.publish())
        self.overwrite = w.Checkbox(value=False, indent=False, layout=w.Layout(width="auto"),
                                    description="Replace the lesson of this name (the old one "
                                                "is kept as a numbered backup)")
        self.overwrite.add_class("vs-teacher-overwrite")
        self.link = w.HTML()
        self.link.add_class("vs-teacher-link")
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
        self.worksheet_text = w.Dropdown(options=[("the original", "original"), ("none", "")],
                                         value="original", description="Worksheet text")
        self.worksheet_text.add_class("vs-teacher-worksheet-text")
        self.export_button = w.Button(description="Export items", disabled=True)
        self.export_button.add_class("vs-teacher-export")
        self.export_button.on_click(lambda _b: self.export())
        self.result = w.HTML()
        self.result.add_class("vs-teacher-result")
        self.fallback = w.Textarea(description="Copy", layout=w.Layout(width="95%", height="8em"))
        self.fallback.add_class("vs-teacher-fallback")
        publish = w.VBox([w.HBox([self.slug, self.lessons_dir, self.publish_button]),
                          self.overwrite, self.link,
                          w.HBox([self.export_dir, self.export_kinds,
                                  w.VBox([self.worksheet_text, self.export_button])]),
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

    def _set_quietly(self, widget: w.ValueWidget, value: str) -> None:
        """Set the article or title without it counting as the teacher's typing."""
        self._quiet = True
        try:
            widget.value = value
        finally:
            self._quiet = False

    def _title_changed(self, change: dict[str, Any]) -> None:
        self.slug.placeholder = f"{slug_hint(change['new'].strip() or 'lesson')} (from the title)"
        if not self._quiet:  # typed before any article: it is meant for the one to come
            self._title_for_next = not self.text.value.strip()

    def _text_changed(self, change: dict[str, Any]) -> None:
        """A different article (pasted over the old one) starts a new lesson: new title, slug."""
        if self._quiet:
            return
        old, new = self._last_text, change["new"]
        if not new.strip():
            return  # cleared: wait for what comes next
        self._last_text = new
        if new_article(old, new):
            title, body = headline(new)
            self._start_article(title, body if title else None)

    def _start_article(self, title: str, body: str | None) -> None:
        """Forget the previous article's title, slug and draft; keep a title typed for this one."""
        if body is not None:
            self._set_quietly(self.text, body)
        self._last_text = self.text.value
        if title or not self._title_for_next:
            self._set_quietly(self.title, title)
        self._title_for_next = False
        self.slug.value = ""
        self.draft_file = None
        self.overwrite.value = False
        self.link.value = ""

    def _take_text(self, raw: bytes, name: str) -> None:
        from toolkit.language.text import TextInputError, decode, split_title

        try:
            text = decode(raw)
        except TextInputError as exc:
            self._say(f"{name}: {exc}", error=True)
            return
        title, body = split_title(text)
        self._set_quietly(self.text, body)
        self._start_article(title, None)
        self._say(f"Loaded {name}. Press 'Show profile'.")

    # ---- drafts --------------------------------------------------------------------------

    @property
    def lesson_slug(self) -> str:
        from toolkit.lesson.build import slugify

        return slugify(self.slug.value.strip() or self.title.value.strip() or "lesson")

    def draft(self) -> Draft:
        """The console's state as a draft record."""
        return Draft(slug=self.lesson_slug, title=self.title.value.strip(), text=self.text.value,
                     class_level=self.class_level.value, levels=self.levels,
                     targets=list(self.targets.value), items=self.items,
                     card_language=str(self.card_language.value),
                     extra_targets=self.targets.typed,
                     rejected={k: list(v) for k, v in self.rejected.items() if v},
                     edited=dict(self.edited),
                     saved_at=self.clock().isoformat(timespec="seconds"),
                     adapter_output={lv: a for lv, a in self.adapter_output.items()
                                     if lv in self.adapted},
                     adapted=dict(self.adapted))

    def save_draft(self) -> Path | None:
        """Save the draft (called after every step); a failure is said, never raised."""
        if not self.text.value.strip():
            return None
        try:
            self.draft_file = save_draft(self.draft(), self.drafts_dir)
        except OSError as exc:
            self._say(f"The draft could not be saved in {self.drafts_dir}: "
                      f"{exc.strerror or exc}", error=True)
            return None
        self.refresh_drafts()
        return self.draft_file

    def refresh_drafts(self) -> None:
        files = list_drafts(self.drafts_dir)
        current = self.draft_choice.value
        self.draft_choice.options = [(f.name[:-len(".draft.json")], str(f)) for f in files]
        paths = [str(f) for f in files]
        self.draft_choice.value = current if current in paths else (paths[0] if paths else None)
        self.reopen_button.disabled = not files

    def reopen(self, path: str | Path | None = None) -> bool:
        """Rebuild the console from a draft: article, title, slug, levels, targets, items."""
        chosen = path or self.draft_choice.value
        if not chosen:
            self._say("There is no draft to reopen.", error=True)
            return False
        try:
            d = load_draft(chosen)
        except Exception as exc:  # noqa: BLE001 - every error is shown; bugs are logged too
            self._say(f"Not reopened: {_problem(exc)}", error=True)
            return False
        self._set_quietly(self.text, d.text)
        self._last_text = d.text
        self._set_quietly(self.title, d.title)
        self.slug.value = d.slug
        self.class_level.value = d.class_level if d.class_level in self.class_level.options \
            else self.class_level.value
        if d.card_language in LANGUAGES:
            self.card_language.value = d.card_language
        if not self.analyse(save=False):
            return False
        for lv, box in self.level_boxes.items():  # the draft's choice, not the offered one
            box.value = lv in d.levels
            if box.value:
                box.layout.display = None
        offered = {v for _, v in self.targets.options}
        self.targets.options = list(self.targets.options) + [
            (f"{t} (typed in)", t) for t in [*d.targets, *d.extra_targets] if t not in offered]
        self.targets.value = tuple(d.targets)
        self._set_editors(d.items)
        self.items_note.value = f"<p>{len(d.items)} reviewed items from the draft.</p>"
        self.draft_file = Path(chosen)
        self._pending = d
        if self._restore_levels(d):
            self._say(f"Reopened the draft '{d.slug}' saved {d.saved_at}: the levels are as you "
                      "left them (rejected changes and edited texts included).")
        else:
            self._say(f"Reopened the draft '{d.slug}' saved {d.saved_at}: press Adapt to see the "
                      "levels again (your rejected changes and edited texts come back with them).")
        return True

    def _restore_levels(self, d: Draft) -> bool:
        """The draft's adapted versions, as reviewed, back in the Levels tab (no adapting).

        Why kept in the draft: adapting again after a restart waits for WordNet and the
        adapter (tens of seconds in a fresh kernel) only to replay what the teacher decided.
        A draft saved before this was kept (no adaptations in it) returns False: Adapt replays.
        """
        levels = [lv for lv in self.levels if lv in d.adapted and lv in d.adapter_output]
        if not levels:
            return False
        for lv in levels:
            self.adapter_output[lv], self.adapted[lv] = d.adapter_output[lv], d.adapted[lv]
            self.rejected[lv] = [i for i in d.rejected.get(lv, [])
                                 if i < len(d.adapter_output[lv].changes)]
            if lv in d.edited:
                self.edited[lv] = d.adapted[lv].text
        self.columns.children = tuple(self._column(lv) for lv in levels)
        self._worksheet_choices()
        return True

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

    def analyse(self, save: bool = True) -> bool:
        """Clean, check and profile the article; resets the later steps."""
        self._say("Analysing ...")
        self.warm.wait("analysis")
        from toolkit.language.estimate import estimate_sentences
        from toolkit.language.profile import analyze_article

        try:
            clean, sentences, profile = analyze_article(self.text.value)
            estimate = estimate_sentences(sentences)
        except Exception as exc:  # noqa: BLE001 - every error is shown; bugs are logged too
            message = _problem(exc)
            self.clean, self.sentences, self.profile, self.adapted = "", [], None, {}
            self.estimate = None
            self.level_note.value = ""
            self.profile_box.children = ()
            self.columns.children = ()
            self.targets.options = []
            self._set_editors([])  # nothing of an earlier article may be published with this one
            self._say(message, error=True)
            self.warm.go.set()
            return False
        self.clean, self.sentences, self.profile = clean, sentences, profile
        self.estimate = estimate
        self.adapted, self.adapter_output, self.rejected, self.edited = {}, {}, {}, {}
        self._pending = None
        self.columns.children = ()
        self._set_editors([])
        notes = w.HTML("".join(f"<p class='vs-teacher-note'>{escape(n)}</p>" for n in profile.notes))
        self.profile_box.children = (notes, self._panel(), self._evidence())
        self._offer_levels(estimate.level)
        self.level_note.value = (
            f"<p class='vs-teacher-original-level'>The original is estimated "
            f"<b>{escape(estimate.level)}</b>: a level at or above it needs no adapted version "
            "(the lesson uses the original there)"
            + (": it is already at the easiest level, so students are told there is no "
               "easier version" if estimate.level == "A1" else
               "; the levels below it are offered") + ".</p>")
        self._fill_targets()
        if not self.title.value.strip():
            self._set_quietly(self.title, self.clean.split("\n", 1)[0][:60])
        self._say(f"Profiled: {profile.word_count} words, level {estimate.level}.")
        self._enable()
        self.warm.go.set()  # the profile is shown: load the rest while the teacher reads it
        if save:
            self.save_draft()
        return True

    def _panel(self) -> w.VBox:
        assert self.profile is not None and self.estimate is not None
        return profile_panel(self.profile, above=self.class_level.value,
                             estimated=self.estimate.level)

    def _evidence(self) -> w.HTML:
        """The estimate's evidence, line for line as `python -m toolkit level` prints it."""
        from toolkit.cli import level_report

        assert self.estimate is not None
        box = w.HTML("<h4>Why this level</h4><pre class='vs-teacher-evidence' "
                     "style='white-space:pre-wrap'>"
                     + escape("\n".join(level_report(self.estimate))) + "</pre>")
        box.add_class("vs-teacher-level-evidence")
        return box

    def _fill_targets(self) -> None:
        assert self.profile is not None
        words = self.profile.words_above(self.class_level.value)
        options = [(f"{x.lemma} ({x.pos.lower()}, {x.level})", x.lemma) for x in words]
        unique = list({v: (label, v) for label, v in options}.values())
        typed = [t for t in self.targets.typed if t not in {v for _, v in unique}]
        keep = set(self.targets.value)
        self.targets.options = unique + [(f"{t} (typed in)", t) for t in typed]
        self.targets.value = tuple([v for _, v in unique] + [t for t in typed if t in keep])

    def not_in_article(self) -> list[str]:
        """Chosen target words the article does not use (no word card can be built for them)."""
        if self.profile is None:
            return []
        forms = {f for x in self.profile.vocabulary for f in (x.lemma.lower(), *x.forms)}
        text = self.clean.lower()
        return [t for t in self.targets.value if t.lower() not in forms
                and not (" " in t and t.lower() in text)]  # a phrase is looked up whole

    def _targets_changed(self) -> None:
        missing = self.not_in_article()
        self.targets_note.value = (
            "<p class='vs-teacher-note vs-teacher-not-in-article'>Not in the article: "
            f"{escape(', '.join(missing))}. These get no word card, so they do not go into "
            "students' word books and no item tests them; teach them another way.</p>"
            if missing else "")
        if self.profile is not None:
            self.save_draft()

    def _class_level_changed(self) -> None:
        """A new class level changes which words are hard: refresh the panel and the targets."""
        if self.profile is None:
            return
        notes, _panel, evidence = self.profile_box.children
        self.profile_box.children = (notes, self._panel(), evidence)
        self._fill_targets()

    def _enable(self) -> None:
        ready = self.profile is not None
        self.adapt_button.disabled = not ready
        self.generate_button.disabled = not ready
        self.publish_button.disabled = not ready
        self.export_button.disabled = not self.items

    # ---- 2. levels -----------------------------------------------------------------------

    def _offer_levels(self, original: str) -> None:
        """Show and tick the levels below the original (`lesson.build.relative_levels`)."""
        from toolkit.lesson.build import relative_levels

        offered = relative_levels(original)
        below = [lv for lv in LEVEL_CHOICES if level_index(lv) < level_index(original)]
        for lv, box in self.level_boxes.items():
            box.layout.display = None if lv in below else "none"
            box.value = lv in offered

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
        self.warm.wait("wordnet")
        columns = []
        self.progress.value = 0
        for i, lv in enumerate(self.levels):
            self._say(f"Adapting to {lv} ({i + 1} of {len(self.levels)}) ...")
            self._on_progress(i, len(self.levels), f"adapting to {lv}")
            if lv not in self.adapted:
                self.adapter_output[lv] = self.adapted[lv] = adapt(self.clean, lv)
                self.rejected[lv] = []
                self._apply_pending(lv)
            columns.append(self._column(lv))
        self.columns.children = tuple(columns)
        self._worksheet_choices()
        if columns:
            self._on_progress(len(columns), len(columns), "levels ready")
        self._say(f"Adapted to {', '.join(self.levels) or 'no level'}." if columns
                  else "Tick at least one level.")
        self.save_draft()

    def _column(self, lv: str) -> w.VBox:
        """One level: its estimate, its text (editable), its changes with a Reject button each."""
        a = self.adapted[lv]
        version = a.level_version()
        head = w.HTML(f"<h3>{escape(lv)}</h3><p class='vs-teacher-estimate'>estimated "
                      f"{escape(a.level)}{'' if a.at_target else ' (still above the target)'}, "
                      f"{len(a.changes)} changes"
                      + (", edited by you" if lv in self.edited or self.rejected.get(lv) else "")
                      + "</p>")
        parts: list[w.Widget] = [head]
        if a.text == self.clean:  # build_pack keeps only the original then; say so
            parts.append(w.HTML("<p class='vs-teacher-same'>Same as the original: the lesson "
                                f"uses the original text for {escape(lv)}.</p>"))
        box = w.Textarea(value=a.text, layout=w.Layout(width="98%", height="16em"))
        box.add_class("vs-teacher-version-text")
        self.text_boxes[lv] = box
        save = w.Button(description="Save text")
        save.add_class("vs-teacher-save-text")
        save.on_click(lambda _b, lv=lv: self.edit_text(lv, self.text_boxes[lv].value))
        parts += [box, save]
        changes = w.HTML(changes_html(version))
        changes.add_class("vs-changes")
        parts.append(changes)
        orig = self.adapter_output.get(lv, a)
        rejects = []
        for i, c in enumerate(orig.changes):
            if i in self.rejected.get(lv, []):
                continue
            label = f"Reject {i + 1}: {c.before[:28]} → {c.after[:28] or '(removed)'}"
            b = w.Button(description=label, tooltip=c.reason, layout=w.Layout(width="auto"))
            b.add_class("vs-teacher-reject")
            b.add_class(f"vs-teacher-reject-{c.kind}")
            b.on_click(lambda _b, lv=lv, i=i: self.reject_change(lv, i))
            rejects.append(b)
        if rejects:
            parts.append(w.VBox(rejects))
        col = w.VBox(parts, layout=w.Layout(flex="1 1 0", min_width="280px", margin="0 8px"))
        col.add_class("vs-teacher-column")
        col.add_class(f"vs-teacher-column-{lv.lower()}")
        return col

    def _redraw(self, lv: str) -> None:
        self.columns.children = tuple(
            self._column(lv) if f"vs-teacher-column-{lv.lower()}" in c._dom_classes else c
            for c in self.columns.children)

    def reject_change(self, lv: str, index: int) -> bool:
        """Undo change `index` of level `lv`: its sentence goes back to the original one."""
        from toolkit.teacher.adapted_edit import reanalysed, reject, without_gloss

        orig = self.adapter_output[lv]
        change = orig.changes[index]
        try:
            if change.kind == "gloss":  # the text has the word already: only the gloss goes
                self.rejected[lv] = sorted({*self.rejected.get(lv, []), index})
                kept = [c for j, c in enumerate(orig.changes) if j not in self.rejected[lv]]
                self.adapted[lv] = without_gloss(self.sentences, self.adapted[lv], change, kept)
            else:
                text = reject(self.sentences, self.adapted[lv], change)
                gone = {j for j, c in enumerate(orig.changes)  # the sentence's other edits too
                        if j == index or (change.sentence >= 0 and c.sentence == change.sentence
                                          and c.kind != "gloss")}
                self.rejected[lv] = sorted({*self.rejected.get(lv, []), *gone})
                kept = [c for j, c in enumerate(orig.changes) if j not in self.rejected[lv]]
                self.adapted[lv] = reanalysed(self.adapted[lv], text, kept)
        except Exception as exc:  # noqa: BLE001 - every error is shown; bugs are logged too
            self._say(f"Not rejected: {_problem(exc)}", error=True)
            return False
        self.edited.pop(lv, None)
        self._redraw(lv)
        self._say(f"{lv}: change {index + 1} rejected, the original sentence is back; "
                  f"estimated {self.adapted[lv].level} now.")
        self.save_draft()
        return True

    def edit_text(self, lv: str, text: str) -> bool:
        """Take the teacher's own text for level `lv`; analysed and estimated again."""
        from toolkit.teacher.adapted_edit import reanalysed

        try:
            self.adapted[lv] = reanalysed(self.adapted[lv], text, self.adapted[lv].changes)
        except Exception as exc:  # noqa: BLE001 - every error is shown; bugs are logged too
            self._say(f"Not saved: {_problem(exc)}", error=True)
            return False
        self.edited[lv] = self.adapted[lv].text
        self._redraw(lv)
        self._say(f"{lv}: your text is saved; estimated {self.adapted[lv].level}.")
        self.save_draft()
        return True

    def _apply_pending(self, lv: str) -> None:
        """A reopened draft's rejected changes and edited text, replayed on a fresh adaptation."""
        d = self._pending
        if d is None:
            return
        from toolkit.teacher.adapted_edit import reanalysed, reject, without_gloss

        orig = self.adapter_output[lv]
        try:
            for i in d.rejected.get(lv, []):
                if i < len(orig.changes) and i not in self.rejected[lv]:
                    ch = orig.changes[i]
                    self.rejected[lv].append(i)
                    kept = [c for j, c in enumerate(orig.changes) if j not in self.rejected[lv]]
                    if ch.kind == "gloss":
                        self.adapted[lv] = without_gloss(self.sentences, self.adapted[lv], ch, kept)
                    else:
                        text = reject(self.sentences, self.adapted[lv], ch)
                        self.adapted[lv] = reanalysed(self.adapted[lv], text, kept)
            if lv in d.edited:
                self.adapted[lv] = reanalysed(self.adapted[lv], d.edited[lv],
                                              self.adapted[lv].changes)
                self.edited[lv] = self.adapted[lv].text
        except Exception as exc:  # noqa: BLE001 - every error is shown; bugs are logged too
            self._say(f"The draft's corrections for {lv} could not be replayed: {_problem(exc)}",
                      error=True)

    # ---- 4. exercises --------------------------------------------------------------------

    def _source(self) -> Source:
        from toolkit.exercises.registry import Source

        return Source(sentences=self.sentences, words=list(self.targets.value),
                      level=self.class_level.value)

    def target_forms(self) -> set[str]:
        """The chosen target words with their forms in the article (lowercase)."""
        chosen = set(self.targets.value)
        forms = {t.lower() for t in chosen}
        if self.profile is not None:
            forms |= {f for x in self.profile.vocabulary if x.lemma in chosen
                      for f in (x.lemma.lower(), *x.forms)}
        return forms

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
        self.editors = [ItemEditor(it, i + 1, source, self._dropped, on_save=self._item_saved)
                        for i, it in enumerate(items)]
        self.items_box.children = tuple(self.editors)
        self._enable()

    def _dropped(self, editor: ItemEditor) -> None:
        self.items_box.children = tuple(e for e in self.editors if not e.dropped)
        self.items_note.value = f"<p>{len(self.items)} items kept.</p>"
        self._enable()
        self.save_draft()

    def _item_saved(self, editor: ItemEditor) -> None:
        self.save_draft()

    def _generate(self, types: list[str], n: int) -> tuple[list[Item], Any]:
        """`registry.generate`, one type at a time so the progress bar moves with each.

        Same pools, same round-robin, same seed: the items are those `generate` would give.
        """
        from toolkit.exercises.registry import REGISTRY, Report, _load_builtins, run_one

        _load_builtins()
        unknown = [t for t in types if t not in REGISTRY]
        if unknown:
            raise UserInputError(f"unknown exercise type(s) {', '.join(unknown)}")
        source, report = self._source(), Report()
        per = -(-n // len(types))
        pools = []
        for i, t in enumerate(types):
            self._on_progress(i, len(types), f"making {type_name(t).lower()} items")
            pools.append(run_one(t, source, self.seed, per, report))
        items: list[Item] = []
        while len(items) < n and any(pools):
            for pool in pools:
                if pool and len(items) < n:
                    items.append(pool.pop(0))
        return items, report

    def generate(self) -> list[Item]:
        """Generate items; those testing a dropped target word are left out."""
        if self.profile is None:
            self._say("Show the article's profile first.", error=True)
            return []
        if not self.types.value:
            self._say("Choose at least one exercise type.", error=True)
            return []
        self._say("Generating exercises ...")
        self._on_progress(0, 1, "generating exercises")
        self.warm.wait("wordnet")
        items, report = self._generate(list(self.types.value), self.n_items.value)
        dropped = self.dropped_forms()
        kept = [i for i in items if not words_tested(i) & dropped]
        left_out = len(items) - len(kept)
        self._set_editors(kept)
        self._on_progress(1, 1, f"{len(kept)} items ready")
        notes = [*report.notes]
        wanted = self.target_forms()
        hits = sum(1 for i in kept if words_tested(i) & wanted)
        if wanted:
            notes.append(f"{hits} of {len(kept)} items test a target word")
        if left_out:
            notes.append(f"{left_out} items tested a word you dropped and were left out")
        self.items_note.value = (f"<p>{len(kept)} items ({report.total_dropped} failed the checks "
                                 "and were never shown).</p>"
                                 + "".join(f"<p class='vs-teacher-note'>{escape(n)}</p>"
                                           for n in notes))
        self._say(f"{len(kept)} items to review.")
        self.save_draft()
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
        out = Path(self.lessons_dir.value.strip() or "lessons")
        existing = out / f"{slug}.lesson.json"
        if existing.exists() and not self.overwrite.value:
            self._say(f"Not published: a lesson named '{slug}' is already in {out} (students "
                      "may be using it). Change the slug, or tick 'Replace the lesson of this "
                      "name' and publish again.", error=True)
            return None
        self.progress.value = 0
        self.warm.wait("wordnet")
        try:
            pack = build_pack(self.clean, title, slug, levels=self.levels,
                              n_exercises=self.n_items.value, seed=self.seed,
                              progress=self._on_progress,
                              exercises=self.items if self.editors else None,
                              targets=list(self.targets.value),
                              adapted={lv: a for lv, a in self.adapted.items() if lv in self.levels},
                              settings={"card_language": str(self.card_language.value)})
            pack = self.card_fix.apply(pack)  # the teacher's card fixes, exercises following
            backup = backup_lesson(existing)
            self.published = write_lesson(pack, out)
        except Exception as exc:  # noqa: BLE001 - every error is shown; bugs are logged too
            self._say(f"Not published: {_problem(exc)}", error=True)
            return None
        self.overwrite.value = False  # the next publish asks again
        self.backup = backup
        pack_path, nb_path = self.published
        self.link.value = self._link_html(slug, backup)
        skipped = [*pack.levels_not_needed, *self._bookless_targets(pack)]
        self.result.value = (
            f"<p class='vs-teacher-published'>Published <b>{escape(title)}</b>: "
            f"<code>{escape(str(nb_path))}</code> (Voila page) and "
            f"<code>{escape(str(pack_path))}</code>; levels "
            f"{escape(', '.join(v.level for v in pack.versions))}; {len(pack.exercises)} items.</p>"
            + "".join(f"<p class='vs-teacher-note'>{escape(s)}</p>" for s in skipped))
        self._say("Published.")
        self.save_draft()
        return self.published

    def _link_html(self, slug: str, backup: Path | None) -> str:
        """The student link, and its QR code when the link is a full URL (one a phone can open)."""
        from toolkit.student.link import qr_svg

        rel, full = student_link(slug, self.base_url)
        if full:
            where = (f"<a href='{escape(full, quote=True)}' target='_blank'>"
                     f"<code style='overflow-wrap:anywhere'>{escape(full)}</code></a>")
            qr = (f"<div class='vs-teacher-qr' style='max-width:220px'>{qr_svg(full)}</div>"
                  "<p class='vs-teacher-note'>Students scan the code or type the link.</p>")
        else:
            where = f"<code>{escape(rel)}</code> on the students' Voila server"
            qr = ("<p class='vs-teacher-note vs-teacher-no-qr'>No QR code: the console does not "
                  "know the students' server address. Start with <code>make teach</code>, or set "
                  "<code>VOCABSPHERE_BASE_URL</code> (e.g. http://192.168.1.20:8866).</p>")
        return (f"<p class='vs-teacher-student-link'>Students open: {where}</p>{qr}"
                + (f"<p class='vs-teacher-note'>The previous lesson is kept as "
                   f"<code>{escape(str(backup))}</code>.</p>" if backup else ""))

    @staticmethod
    def _bookless_targets(pack: Any) -> list[str]:
        """A note naming the target words that have no word card in the lesson.

        Why: such a word (typed in, not in the article) cannot go into students' word books
        (a book entry needs a meaning and a sentence), so the teacher is told rather than
        students getting an empty entry; exercises cannot test it either.
        """
        from toolkit.student.targets import target_rows

        lang = str(pack.extras.get("settings", {}).get("card_language", "zh"))
        carded = {r[k].lower() for r in target_rows(pack, lang) for k in ("lemma", "form")}
        missing = [t for t in dict.fromkeys(pack.targets) if t.lower() not in carded]
        if not missing:
            return []
        return [f"No word card for {', '.join(missing)} (not in the article, or no meaning "
                "found): students' word books get the other target words only, and no item "
                "tests these. Teach them another way, or choose an article that uses them."]

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
        article = self.worksheet_article()
        try:
            out.mkdir(parents=True, exist_ok=True)
            for kind in self.export_kinds.value:
                fmt, suffix = EXPORTS[kind]
                path = out / f"{stem}{suffix}"
                if fmt == "apkg":  # a binary Anki package, not text
                    texts[kind] = f"{write_apkg(items, path, title)} notes in {path}"
                elif fmt == "pdf":
                    texts[kind] = f"{write_pdf(items, path, title, article=article)} pages in {path}"
                else:
                    texts[kind] = export(items, fmt, title, article=article)
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

    def worksheet_article(self) -> str | None:
        """The text a worksheet prints: the original, a (reviewed) level, or none."""
        choice = self.worksheet_text.value
        if not choice:
            return None
        if choice in self.adapted:
            return self.adapted[choice].text
        return self.clean or None

    def _worksheet_choices(self) -> None:
        current = self.worksheet_text.value
        options = [("the original", "original"),
                   *((f"the {lv} version", lv) for lv in self.levels if lv in self.adapted),
                   ("none", "")]
        self.worksheet_text.options = options
        self.worksheet_text.value = current if current in [v for _, v in options] else "original"

    def state(self) -> dict[str, Any]:
        """What the teacher has chosen so far (for notebooks and tests)."""
        return {"levels": self.levels, "targets": list(self.targets.value),
                "items": [i.id for i in self.items],
                "level": self.estimate.level if self.estimate else None,
                "coverage_level": self.profile.level if self.profile else None}


def teacher_console(**kwargs: Any) -> TeacherConsole:
    """The console for a notebook cell: `teacher_console(lessons_dir="../lessons")`."""
    return TeacherConsole(**kwargs)
