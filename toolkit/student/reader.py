"""The reader: article text whose words can be clicked, with marked sentences and hard words.

Built on anywidget so one widget holds the whole article (hundreds of Buttons would make a
student's page slow). The browser code builds the page with `textContent` only, never
`innerHTML`, so HTML or script inside an article is shown as text and never runs.

The browser code also does three things for a whole class period on a phone:
- a click moves the highlight between two spans (never redraws the article) and opens the
  word card (`card_target`, an ipywidgets view elsewhere on the page) beside the word, inside
  the viewport; Esc, a tap outside or its Close button closes it, all without the kernel;
- a page-wide watchdog pings the kernel on every tap and every `watch_ms`; no answer within
  `watch_timeout_ms` puts up "This page lost its connection — tap to continue" (a reload);
- `page_state` (level, tab, question, set by the app) is kept in the page URL's query, so a
  reload comes back to it (`toolkit.student.app.restore`).
"""

from __future__ import annotations

import os
import re
from typing import Any, Callable, Iterable

import anywidget
import traitlets

from toolkit.model.events import ReaderWord
from toolkit.model.text import Sentence

_ESM = r"""
// One page-wide watchdog, shared by every reader on the page and kept on `window`, so it
// outlives a view that a dead kernel takes down with it.
function watchdog() {
  if (window.__vsWatchdog) return window.__vsWatchdog;
  const W = { models: new Set(), seq: 0, waiting: null, sentAt: 0, lastPong: Date.now(), banner: null,
              timeoutMs: 3500, everyMs: 10000, timer: null };
  const style = document.createElement("style");
  style.textContent = `
    .vs-lost-banner { position: fixed; left: 0; right: 0; top: 0; z-index: 100000;
      background: #7a1f1f; color: #fff; font: 600 18px/1.35 system-ui, sans-serif;
      padding: 18px 16px; min-height: 44px; text-align: center; cursor: pointer; border: 0;
      width: 100%; box-shadow: 0 4px 18px rgba(0,0,0,.35); }
    body.vs-lost #rendered_cells, body.vs-lost .jp-OutputArea { visibility: hidden; }
  `;
  document.head.appendChild(style);
  W.lost = (why) => {
    if (W.banner) return;
    const b = document.createElement("button");
    b.type = "button";
    b.className = "vs-lost-banner";
    b.setAttribute("role", "alert");
    b.dataset.why = why;
    b.textContent = "This page lost its connection \u2014 tap to continue; your work is saved";
    b.addEventListener("click", () => { b.disabled = true; window.location.reload(); });
    document.body.appendChild(b);
    document.body.classList.add("vs-lost");  // hides the views that can no longer render
    W.banner = b;
  };
  W.found = () => {
    if (!W.banner) return;
    W.banner.remove();
    W.banner = null;
    document.body.classList.remove("vs-lost");
  };
  // One ping at a time; one that went unanswered for `timeoutMs` is asked again (a busy kernel
  // on a loaded hub may answer late, and one lost reply must not keep the page "lost").
  W.ping = () => {
    if (!W.models.size || (W.waiting !== null && Date.now() - W.sentAt < W.timeoutMs)) return;
    const seq = ++W.seq;
    W.waiting = seq;
    W.sentAt = Date.now();
    for (const m of W.models) {
      if (m.comm_live === false) { W.models.delete(m); continue; }  // a view's model closed
      try { m.send({ ping: seq }); } catch (err) { W.models.delete(m); }
    }
    if (!W.models.size) { W.lost("closed"); return; }
    setTimeout(() => {
      if (W.waiting !== seq) return;
      W.lost("no answer");
      setTimeout(W.ping, W.timeoutMs);  // asks on: the banner goes once the kernel answers
    }, W.timeoutMs);
  };
  W.pong = () => {  // any answer shows the kernel is alive
    W.waiting = null;
    W.lastPong = Date.now();
    W.found();
  };
  W.start = (everyMs) => {
    if (W.timer) clearInterval(W.timer);
    W.everyMs = everyMs;
    W.timer = everyMs > 0 ? setInterval(W.ping, everyMs) : null;
  };
  // a tap anywhere asks the kernel at once, so a dead page says so within a few seconds
  document.addEventListener("pointerdown", () => W.ping(), true);
  // so does a phone waking up (the tab shown again) or its network coming back
  document.addEventListener("visibilitychange", () => { if (!document.hidden) W.ping(); });
  window.addEventListener("online", () => W.ping());
  window.__vsWatchdog = W;
  return W;
}

// The page's state (level, tab, question) kept in the URL, so a reload comes back to it.
function keepState(state) {
  if (!state || !Object.keys(state).length) return;
  const url = new URL(window.location.href);
  for (const [k, v] of Object.entries(state)) {
    if (v === null || v === undefined || v === "") url.searchParams.delete(k);
    else url.searchParams.set(k, String(v));
  }
  if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url.href);
}

// The element that scrolls the page (in Voila a panel, not the window).
function scroller(node) {
  for (let e = node.parentElement; e; e = e.parentElement) {
    const oy = getComputedStyle(e).overflowY;
    if ((oy === "auto" || oy === "scroll") && e.scrollHeight > e.clientHeight + 1) return e;
  }
  return document.scrollingElement || document.documentElement;
}

// The word card as a popover beside the clicked word. The card is an ipywidgets view
// elsewhere on the page (`card_target` selects it); only its place on screen is set here.
function popover(model, el) {
  const P = { word: null, card: null, nonce: null };
  const M = 8, GAP = 6;
  P.find = () => {
    const sel = model.get("card_target");
    P.card = sel ? document.querySelector(sel) : null;
    return P.card;
  };
  P.place = () => {
    const card = P.card, word = P.word;
    if (!card || !word || !card.classList.contains("vs-card-open")) return;
    const vw = document.documentElement.clientWidth, vh = window.innerHeight;
    let r = word.getBoundingClientRect();
    // the word scrolled away, or its tab was left: the card goes with it
    if (!word.isConnected || word.offsetParent === null || r.bottom < 0 || r.top > vh) {
      P.close(); return;
    }
    const width = Math.min(vw - 2 * M, 480);
    card.style.width = width + "px";
    card.style.maxHeight = "";
    let h = card.offsetHeight;
    // never over the lesson's tab bar while it is on screen: a tap there must reach the tabs
    const bar = document.querySelector(".vs-student-tabs .lm-TabBar");
    const floor = bar ? Math.max(0, bar.getBoundingClientRect().bottom) : 0;
    let below = vh - r.bottom - GAP - M, above = r.top - GAP - M - floor;
    if (h > below && h > above && !P.scrolled) {
      // room on neither side: bring the word near the top, then open below it
      P.scrolled = true;
      scroller(word).scrollBy(0, r.top - M - 4);
      r = word.getBoundingClientRect();
      below = vh - r.bottom - GAP - M;
      above = r.top - GAP - M - (bar ? Math.max(0, bar.getBoundingClientRect().bottom) : 0);
    }
    let top;
    if (h <= below || below >= above) {
      top = r.bottom + GAP;
      if (h > below) { card.style.maxHeight = below + "px"; h = below; }
    } else {
      if (h > above) { card.style.maxHeight = above + "px"; h = above; }
      top = r.top - GAP - h;
    }
    const left = Math.max(M, Math.min(r.left + r.width / 2 - width / 2, vw - width - M));
    card.style.left = left + "px";
    card.style.top = top + "px";
  };
  // Until the kernel says it has drawn this click's card (`shown`), the card is "pending": dimmed,
  // its buttons not tappable, so a slow kernel never lets a student add the previous word.
  P.open = (word, nonce) => {
    if (!P.find()) return;
    const same = P.word === word && P.card.classList.contains("vs-card-open");
    P.word = word;
    P.nonce = nonce;
    P.scrolled = false;
    if (!same) P.card.classList.add("vs-card-pending");
    P.card.classList.add("vs-card-open");
    P.watch();
    P.place();
  };
  P.shown = (nonce) => {
    if (!P.card || nonce !== P.nonce) return;
    P.card.classList.remove("vs-card-pending");
    P.place();
  };
  P.close = () => {
    if (P.card) P.card.classList.remove("vs-card-open", "vs-card-pending");
    P.word = null;
  };
  P.watch = () => {
    if (P.observed === P.card) return;
    P.observed = P.card;
    new MutationObserver(() => P.place()).observe(P.card, { subtree: true, childList: true, characterData: true });
    // its widgets can also grow a frame after their DOM changes (a redrawn card): follow
    if (window.ResizeObserver) new ResizeObserver(() => P.place()).observe(P.card);
  };
  const onKey = (ev) => { if (ev.key === "Escape") P.close(); };
  const onDown = (ev) => {
    if (!P.word || !P.card) return;
    if (P.card.contains(ev.target) || ev.target.closest?.(".vs-word")) return;
    P.close();
  };
  const onClick = (ev) => { if (ev.target.closest?.(".vs-card-close")) P.close(); };
  const onMove = (ev) => {  // the page scrolled or resized (not the card's own content)
    if (ev && ev.target instanceof Node && P.card && P.card.contains(ev.target)) return;
    P.place();
  };
  document.addEventListener("keydown", onKey);
  document.addEventListener("pointerdown", onDown, true);
  document.addEventListener("click", onClick, true);
  window.addEventListener("scroll", onMove, { passive: true, capture: true });
  window.addEventListener("resize", onMove);
  P.dispose = () => {
    document.removeEventListener("keydown", onKey);
    document.removeEventListener("pointerdown", onDown, true);
    document.removeEventListener("click", onClick, true);
    window.removeEventListener("scroll", onMove, { capture: true });
    window.removeEventListener("resize", onMove);
  };
  return P;
}

function render({ model, el }) {
  el.classList.add("vs-reader");
  let words = [];  // word index -> its span, so a click touches two spans, not the article
  let current = null;
  const note = document.createElement("div");
  note.className = "vs-mark-note";
  note.hidden = true;
  const pop = popover(model, el);
  const draw = () => {
    el.replaceChildren();
    words = [];
    current = null;
    note.hidden = true;
    const segs = model.get("segments");
    const marks = new Map(model.get("marks").map((m) => [m.sentence, m]));
    const hard = model.get("hard_level");
    const targets = new Set(model.get("targets"));  // the teacher's target words
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
          sentEl.classList.add("vs-marked", "vs-mark-" + m.kind);
          sentEl.title = m.label;
        }
        para.appendChild(sentEl);
        sentIndex = s.s;
      }
      if (s.w >= 0) {
        const w = document.createElement("span");
        w.className = "vs-word";
        if (hard > 0 && s.l > hard) w.classList.add("vs-hard");
        if (targets.has(s.w)) w.classList.add("vs-target");
        w.dataset.word = s.w;
        w.textContent = s.t;
        words[s.w] = w;
        sentEl.appendChild(w);
      } else {
        sentEl.appendChild(document.createTextNode(s.t));
      }
    }
    highlight();
  };
  const highlight = () => {
    const chosen = model.get("selected");
    const next = chosen && chosen.w >= 0 ? words[chosen.w] || null : null;
    if (current === next) return;
    if (current) current.classList.remove("vs-selected");
    if (next) next.classList.add("vs-selected");
    current = next;
  };
  // one listener for the whole article (no listener per word to build on every redraw)
  el.addEventListener("click", (ev) => {
    const w = ev.target.closest(".vs-word");
    if (w && el.contains(w)) {
      const index = Number(w.dataset.word);
      const nonce = Date.now();
      model.set("selected", { w: index, n: nonce });  // highlights through change:selected
      pop.open(w, nonce);
      model.save_changes();
      return;
    }
    const sentEl = ev.target.closest(".vs-marked");
    if (sentEl && el.contains(sentEl)) {
      const m = model.get("marks").find((x) => String(x.sentence) === sentEl.dataset.sentence);
      if (m) { note.textContent = m.note; note.hidden = false; sentEl.after(note); }
    }
  });
  draw();
  model.on("change:segments", () => { pop.close(); draw(); });
  model.on("change:marks", draw);
  model.on("change:hard_level", draw);
  model.on("change:targets", draw);
  model.on("change:selected", highlight);

  const W = watchdog();
  W.models.add(model);
  W.timeoutMs = model.get("watch_timeout_ms") || 3500;
  W.start(model.get("watch_ms"));
  model.on("msg:custom", (msg) => {
    if (msg && msg.pong !== undefined) W.pong(msg.pong);
    if (msg && msg.shown !== undefined) pop.shown(msg.shown);
  });
  keepState(model.get("page_state"));
  model.on("change:page_state", () => keepState(model.get("page_state")));
  return () => { pop.dispose(); };
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
/* Voila's page panels get `contain: strict` (Lumino sets it inline), which makes them, not the window, the frame of
   a `position: fixed` element: the word card would open thousands of pixels off screen. */
body[data-voila] #rendered_cells, body[data-voila] #jp-main-content-panel { contain: none !important; }
/* When the kernel goes, the widget manager marks every view `jupyter-widgets-disconnected`
   and ipywidgets draws a broken-chain icon before each (~70 on a lesson page): the watchdog's
   banner says it once, in words. */
body[data-voila] .jupyter-widgets-disconnected::before { content: none !important; display: none; }
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


def _env_ms(name: str, default: int) -> int:
    """A watchdog interval from the environment (tests shorten or lengthen it)."""
    value = os.environ.get(name, "")
    try:
        return max(int(float(value) * 1000), 0) if value else default
    except ValueError:
        raise ValueError(f"{name} must be a number of seconds, not {value!r}") from None


WATCH_MS = _env_ms("VOCABSPHERE_PING_S", 10_000)
WATCH_TIMEOUT_MS = _env_ms("VOCABSPHERE_PING_TIMEOUT_S", 3_500)


class Reader(anywidget.AnyWidget):
    """Clickable article. `on_word(callback)` runs callback(ReaderWord) on each click."""

    _esm = _ESM
    _css = _CSS
    segments: traitlets.List[dict[str, Any]] = traitlets.List().tag(sync=True)
    # [{sentence, kind, label, note}]
    marks: traitlets.List[dict[str, Any]] = traitlets.List().tag(sync=True)
    hard_level = traitlets.Int(0).tag(sync=True)  # underline words above it; 0: none
    targets: traitlets.List[int] = traitlets.List().tag(sync=True)  # word indexes the teacher chose: shown in bold
    selected = traitlets.Dict(allow_none=True, default_value=None).tag(sync=True)
    # CSS selector of the word card to show beside a clicked word ("": no popover)
    card_target = traitlets.Unicode("").tag(sync=True)
    # what the page's URL keeps for a reload, e.g. {"level": "B1", "tab": "Practice", "q": 3}
    page_state = traitlets.Dict().tag(sync=True)
    # the connection watchdog: ping every `watch_ms` (0: only on a tap), lost after no answer
    # for `watch_timeout_ms`
    watch_ms = traitlets.Int(WATCH_MS).tag(sync=True)
    watch_timeout_ms = traitlets.Int(WATCH_TIMEOUT_MS).tag(sync=True)

    def __init__(self, text: str, sentences: Iterable[Sentence], **kwargs: Any) -> None:
        segs, self.words = segments_for(text, sentences)
        super().__init__(segments=segs, **kwargs)
        self._callbacks: list[Callable[[ReaderWord], None]] = []
        self.observe(self._clicked, names="selected")
        self.on_msg(self._message)

    def remember(self, **state: Any) -> None:
        """Merge `state` into what the page URL keeps (None removes a key)."""
        merged = {**self.page_state, **state}
        self.page_state = {k: v for k, v in merged.items() if v is not None}

    def _message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        """The watchdog's ping: answering it is what tells the page its kernel is alive."""
        if isinstance(content, dict) and isinstance(content.get("ping"), int):
            self.send({"pong": content["ping"]})

    def show(self, text: str, sentences: Iterable[Sentence]) -> None:
        """Replace the article shown (e.g. another level of it); clears the selection."""
        segs, self.words = segments_for(text, sentences)
        # traitlets types Dict as never None, whatever allow_none says
        self.selected = None  # type: ignore[assignment]
        self.segments = segs

    def on_word(self, callback: Callable[[ReaderWord], None]) -> None:
        self._callbacks.append(callback)

    def select(self, index: int) -> None:
        """Select a word from Python, as a click would."""
        self.selected = {"w": index, "n": (self.selected or {}).get("n", 0) + 1}

    def _clicked(self, change: dict) -> None:
        new = change["new"] or {}
        index = new.get("w", -1)
        try:
            if isinstance(index, int) and 0 <= index < len(self.words):
                for cb in self._callbacks:
                    cb(self.words[index])
        finally:  # the page's card stops waiting: what it shows now is this click's
            if "n" in new:
                self.send({"shown": new["n"]})
