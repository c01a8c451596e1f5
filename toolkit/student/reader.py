"""The reader: article text whose words can be clicked, with marked sentences and hard words.

Built on anywidget so one widget holds the whole article (hundreds of Buttons would make a
student's page slow). The browser code builds the page with `textContent` only, never
`innerHTML`, so HTML or script inside an article is shown as text and never runs.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable

import anywidget
import traitlets

from toolkit.model.events import ReaderWord
from toolkit.model.text import Sentence

_ESM = r"""
function render({ model, el }) {
  el.classList.add("vs-reader");
  const draw = () => {
    el.replaceChildren();
    const segs = model.get("segments");
    const marks = new Map(model.get("marks").map((m) => [m.sentence, m]));
    const hard = model.get("hard_level");
    const targets = new Set(model.get("targets"));
    const chosen = model.get("selected");
    const note = document.createElement("div");
    note.className = "vs-mark-note";
    note.hidden = true;
    let para = null, paraIndex = -1, sentEl = null, sentIndex = -1;
    for (const s of segs) {
      if (s.p !== paraIndex) {
        para = document.createElement("p");
        para.className = "vs-paragraph";
        el.appendChild(para);
        paraIndex = s.p; sentIndex = -1;
      }
      if (s.s !== sentIndex) {
        sentEl = document.createElement("span");
        sentEl.className = "vs-sentence";
        sentEl.dataset.sentence = s.s;
        const m = marks.get(s.s);
        if (m) {
          const marked = sentEl;  // this sentence: the loop moves `sentEl` on
          marked.classList.add("vs-marked", "vs-mark-" + m.kind);
          marked.title = m.label;
          marked.addEventListener("click", (ev) => {
            if (ev.target.classList.contains("vs-word")) return;
            note.textContent = m.note;
            note.hidden = false;
            marked.after(note);
          });
        }
        para.appendChild(sentEl);
        sentIndex = s.s;
      }
      if (s.w >= 0) {
        const w = document.createElement("span");
        w.className = "vs-word";
        if (hard > 0 && s.l > hard) w.classList.add("vs-hard");
        if (targets.has(s.w)) w.classList.add("vs-target");
        if (chosen && chosen.w === s.w) w.classList.add("vs-selected");
        w.dataset.word = s.w;
        w.textContent = s.t;
        w.addEventListener("click", () => {
          model.set("selected", { w: s.w, n: Date.now() });
          model.save_changes();
        });
        sentEl.appendChild(w);
      } else {
        sentEl.appendChild(document.createTextNode(s.t));
      }
    }
  };
  draw();
  model.on("change:segments", draw);
  model.on("change:marks", draw);
  model.on("change:hard_level", draw);
  model.on("change:targets", draw);
  model.on("change:selected", draw);
}
export default { render };
"""

_CSS = """
.vs-reader { font-size: 1.1em; line-height: 1.7; max-width: 46em; }
.vs-reader .vs-word { cursor: pointer; border-radius: 3px; }
.vs-reader .vs-word:hover { background: #fff3b0; }
.vs-reader .vs-hard { border-bottom: 2px dotted #c0392b; color: #8e2b20; }
.vs-reader .vs-selected { background: #ffe066; }
.vs-reader .vs-target { font-weight: 600; border-bottom: 2px solid #2f6fd0; }
.vs-reader .vs-marked { background: #e3f4e1; cursor: help; }
.vs-reader .vs-mark-note { background: #f4faf3; border-left: 4px solid #3c9a3c;
  padding: 0.4em 0.8em; margin: 0.3em 0; font-size: 0.95em; }
"""


def segments_for(text: str, sentences: Iterable[Sentence]) -> tuple[list[dict], list[ReaderWord]]:
    """Cut the text into word / non-word segments using analysed sentences.

    Every character of the text ends up in exactly one segment.
    """
    segs: list[dict] = []
    words: list[ReaderWord] = []
    pos = 0

    def gap(upto: int, s_index: int, para: int) -> None:
        nonlocal pos
        if upto > pos:
            chunk = re.sub(r"\s*\n\s*", " ", text[pos:upto])
            segs.append({"t": chunk, "w": -1, "s": s_index, "p": para, "l": 0})
            pos = upto

    for s_index, s in enumerate(sentences):
        for t in s.tokens:
            gap(t.start, s_index, s.paragraph)
            if t.is_word:
                level = t.level or 0
                words.append(ReaderWord(len(words), t.text, t.lemma, t.pos, level, s_index))
                segs.append({"t": t.text, "w": len(words) - 1, "s": s_index,
                             "p": s.paragraph, "l": level})
            else:
                segs.append({"t": t.text, "w": -1, "s": s_index, "p": s.paragraph, "l": 0})
            pos = t.end
        gap(s.end, s_index, s.paragraph)
    return segs, words


class Reader(anywidget.AnyWidget):
    """Clickable article. `on_word(callback)` runs callback(ReaderWord) on each click."""

    _esm = _ESM
    _css = _CSS
    segments = traitlets.List().tag(sync=True)
    marks = traitlets.List().tag(sync=True)  # [{sentence, kind, label, note}]
    hard_level = traitlets.Int(0).tag(sync=True)  # underline words above it; 0: none
    targets = traitlets.List().tag(sync=True)  # word indexes the teacher chose: shown in bold
    selected = traitlets.Dict(allow_none=True, default_value=None).tag(sync=True)

    def __init__(self, text: str, sentences: Iterable[Sentence], **kwargs: Any) -> None:
        segs, self.words = segments_for(text, sentences)
        super().__init__(segments=segs, **kwargs)
        self._callbacks: list[Callable[[ReaderWord], None]] = []
        self.observe(self._clicked, names="selected")

    def show(self, text: str, sentences: Iterable[Sentence]) -> None:
        """Replace the article shown (e.g. another level of it); clears the selection."""
        segs, self.words = segments_for(text, sentences)
        self.selected = None
        self.segments = segs

    def on_word(self, callback: Callable[[ReaderWord], None]) -> None:
        self._callbacks.append(callback)

    def select(self, index: int) -> None:
        """Select a word from Python, as a click would."""
        self.selected = {"w": index, "n": (self.selected or {}).get("n", 0) + 1}

    def _clicked(self, change: dict) -> None:
        new = change["new"] or {}
        index = new.get("w", -1)
        if isinstance(index, int) and 0 <= index < len(self.words):
            for cb in self._callbacks:
                cb(self.words[index])
