"""How long a student waits for a word's card: click -> card shown, beside a bare button.

    .venv/bin/python benchmarks/card_click.py [--clicks 20] [--root DIR] [--cpu-slowdown 1]

One Voila on 127.0.0.1 serves the lesson and a bare notebook (an ipywidgets Button that
writes a counter into an HTML widget). In headless Debian Chromium (Playwright), each
measurement clicks in the page and waits, inside the page, for the result:
- lesson: a different word of the article each time (spread over the whole text), until
  the word card shows that word's headword and is visible;
- bare: the button, until the HTML shows the new count (the floor: one kernel round trip
  through ipywidgets).
Median and 90th percentile of --clicks. --root serves another checkout's lessons and toolkit
(e.g. the code before a change: `--root /path/to/old/checkout`). --cpu-slowdown throttles the
page's CPU through the DevTools protocol (4 ~ a mid-range phone). Numbers, not assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium, voila_process  # noqa: E402

LESSON = "hidden-remote-workers"
BARE = {
    "cells": [{"cell_type": "code", "execution_count": None, "id": "bare", "metadata": {},
               "outputs": [], "source": [
                   "import ipywidgets as w\n",
                   "b = w.Button(description='Click me'); b.add_class('vs-bare-button')\n",
                   "out = w.HTML('0'); out.add_class('vs-bare-out')\n",
                   "n = [0]\n",
                   "def click(_):\n", "    n[0] += 1\n", "    out.value = str(n[0])\n",
                   "b.on_click(click)\n", "w.VBox([b, out])"]}],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                "name": "python3"}},
    "nbformat": 4, "nbformat_minor": 5,
}

# Click the word, resolve when its card shows `headword` (ms since the click).
# Click the word; resolve with [ms until its card shows `headword`, ms until that card is also
# inside the viewport or null if it is not within 3 s].
CLICK_WORD = """async ([index, headword]) => {
  const word = document.querySelector(`.vs-reader .vs-word[data-word='${index}']`);
  word.scrollIntoView({block: 'center'});
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const head = () => {
    const h = document.querySelector('.vs-word-card .vs-card-headword');
    return h && h.innerText.trim() === headword ? h : null;
  };
  const inView = (h) => { const r = h.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; };
  const start = performance.now();
  word.click();
  return await new Promise((resolve, reject) => {
    let updated = null;
    const tick = () => {
      const now = performance.now() - start, h = head();
      if (h && updated === null) updated = now;
      if (h && inView(h)) return resolve([updated, now]);
      if (updated !== null && now - updated > 3000) return resolve([updated, null]);
      if (now > 30000) return reject(new Error('no card'));
      requestAnimationFrame(tick);
    };
    tick();
  });
}"""
CLICK_BUTTON = """async () => {
  const out = document.querySelector('.vs-bare-out');
  const before = out.innerText;
  const start = performance.now();
  document.querySelector('.vs-bare-button').click();
  return await new Promise((resolve, reject) => {
    const tick = () => out.innerText !== before ? resolve(performance.now() - start)
      : performance.now() - start > 30000 ? reject(new Error('no answer')) : requestAnimationFrame(tick);
    tick();
  });
}"""


def words_to_click(root: Path, n: int) -> list[tuple[int, str]]:
    """n content words spread over the article, each with a different headword."""
    pack = json.loads((root / "lessons" / f"{LESSON}.lesson.json").read_text("utf-8"))
    keys = pack["versions"][0]["card_keys"]
    seen, out = set(), []
    step = max(len(keys) // (n * 2), 1)
    for i in range(0, len(keys), step):
        key = keys[i] or ""
        head = pack["cards"].get(key, {}).get("headword")
        if key.startswith("word:") and head and head not in seen:
            seen.add(head)
            out.append((i, head))
    return out[:n]


def stats(times: list[float]) -> str:
    times = sorted(times)
    p90 = times[min(len(times) - 1, int(round(0.9 * (len(times) - 1))))]
    return f"median {statistics.median(times):6.1f} ms, p90 {p90:6.1f} ms (n={len(times)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=20)
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose toolkit and lesson to serve")
    parser.add_argument("--cpu-slowdown", type=float, default=1.0)
    args = parser.parse_args()
    root = args.root.resolve()
    with tempfile.TemporaryDirectory(prefix="vs-click-bench-") as tmp:
        site = Path(tmp) / "lessons"
        site.mkdir()
        for name in (f"{LESSON}.ipynb", f"{LESSON}.lesson.json"):
            shutil.copy(root / "lessons" / name, site / name)
        (site / "bare.ipynb").write_text(json.dumps(BARE))
        env = {"VOCABSPHERE_DB": str(Path(tmp) / "bench.sqlite3"),
               "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
        words = words_to_click(root, args.clicks)
        with voila_process(site, env=env, ready=f"{LESSON}.ipynb") as server, chromium() as browser:
            results = {}
            for kind in ("bare", "lesson"):
                context = browser.new_context(viewport={"width": 390, "height": 844})
                page = context.new_page()
                if args.cpu_slowdown > 1:
                    cdp = context.new_cdp_session(page)
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": args.cpu_slowdown})
                if kind == "bare":
                    page.goto(f"{server.base}/voila/render/bare.ipynb", timeout=120_000)
                    page.wait_for_selector(".vs-bare-button", timeout=120_000)
                    page.evaluate(CLICK_BUTTON)  # warm-up
                    times = [page.evaluate(CLICK_BUTTON) for _ in range(args.clicks)]
                else:
                    page.goto(f"{server.base}/voila/render/{LESSON}.ipynb?name=Bench&class=B",
                              timeout=120_000)
                    page.wait_for_selector(".vs-reader .vs-word", timeout=120_000)
                    page.evaluate(CLICK_WORD, list(words[-1]))  # warm-up
                    pairs = [page.evaluate(CLICK_WORD, [i, h]) for i, h in words]
                    times = [u for u, _ in pairs]
                    results["visible"] = [v for _, v in pairs if v is not None]
                results[kind] = times
                context.close()
    print(f"checkout: {root}; {len(words)} different words of {LESSON}; viewport 390x844; "
          f"CPU slowdown {args.cpu_slowdown}x; {os.cpu_count()} CPUs")
    print(f"bare button -> HTML updated : {stats(results['bare'])}")
    print(f"word click -> card updated  : {stats(results['lesson'])}")
    visible = results["visible"]
    print(f"word click -> card in view  : "
          f"{stats(visible) if visible else 'never'} ({len(visible)} of {len(words)} in view)")
    print(f"ratio of medians            : "
          f"{statistics.median(results['lesson']) / statistics.median(results['bare']):.2f}x")


if __name__ == "__main__":
    main()
