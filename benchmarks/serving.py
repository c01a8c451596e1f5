"""How many students one machine serves: a lesson page next to a bare one-button page.

    .venv/bin/python benchmarks/serving.py [--repeat 3] [--crowds 5,10] [--json out.json]

Each phase gets a fresh Voila on 127.0.0.1 serving one notebook from a temp folder, with
the repo's voila.json (preheated kernels, pool of 1 per notebook, culler) or the same file
with `preheat_kernel` off. Measured in headless Debian Chromium (Playwright):
- first widget: navigation start to the page's first widget visible (lesson: the article's
  clickable words; bare: its button), median of --repeat loads, each in a fresh browser
  context (cold cache); with preheating, each load waits until the pool has refilled;
- kernel RSS: VmRSS of that page's kernel process (from /proc), 1 s after it is interactive;
- crowds: N pages opened at once, time until all are interactive, and the RSS of all kernels
  the server then runs (with preheating that includes the pool's refill kernel) plus Voila's.
Numbers, not assertions (DESIGN.md testing layer 5). Bounded: every wait has a timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the one server harness
from harness import (CHROMIUM, CHROMIUM_ARGS, ROOT, Server, free_port, kernels_of,  # noqa: E402
                     pool_filled, rss_mb, serve, voila_command)
LESSON = "hidden-remote-workers"
BARE_NOTEBOOK = {
    "cells": [{"cell_type": "code", "execution_count": None, "id": "bare", "metadata": {},
               "outputs": [], "source": ["import ipywidgets as w\n",
                                         "b = w.Button(description='Click me')\n",
                                         "b.add_class('vs-bare-button')\n", "b"]}],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                "name": "python3"}},
    "nbformat": 4, "nbformat_minor": 5,
}
PAGES = {  # notebook -> (query string, selector of its first widget)
    "bare": ("bare.ipynb", "", ".vs-bare-button"),
    "lesson": (f"{LESSON}.ipynb", "?name=Student{i}&class=BENCH", ".vs-reader .vs-word"),
}
TIMEOUT_MS = 240_000












@contextmanager
def voila(notebook: str, preheat: bool, work: Path) -> Iterator[Server]:
    """A fresh Voila serving only `notebook` (and its lesson pack); always stopped."""
    site = Path(tempfile.mkdtemp(prefix=f"{notebook}-{'pre' if preheat else 'cold'}-", dir=work))
    served = site / "lessons"
    served.mkdir(parents=True)
    if notebook == "bare.ipynb":
        (served / notebook).write_text(json.dumps(BARE_NOTEBOOK))
    else:
        for name in (notebook, f"{LESSON}.lesson.json"):
            shutil.copy(ROOT / "lessons" / name, served / name)
    config = json.loads((ROOT / "voila.json").read_text())
    config["VoilaConfiguration"]["preheat_kernel"] = preheat
    (site / "voila.json").write_text(json.dumps(config))
    port = free_port()
    env = {**os.environ, "VOCABSPHERE_DB": str(site / "learning.sqlite3"),
           "PYTHONPATH": str(ROOT)}
    env.pop("JUPYTERHUB_USER", None)
    with serve(voila_command("lessons/", port), site / "voila.log", port=port, cwd=site, env=env,
               ready=pool_filled(notebook) if preheat else lambda _s: True) as server:
        yield server


def _url(server: Server, kind: str, i: int) -> tuple[str, str]:
    notebook, query, selector = PAGES[kind]
    return f"{server.base}/voila/render/{notebook}{query.format(i=i)}", selector


async def single(browser, kind: str, preheat: bool, repeat: int, work: Path) -> dict:
    notebook = PAGES[kind][0]
    times, rss = [], None
    with voila(notebook, preheat, work) as server:
        for i in range(repeat):
            if preheat:  # the measured load takes a preheated kernel, as a classroom's would
                server.wait_for(f"Kernel pool of {notebook} is filled", count=i + 1)
            before = set(kernels_of(server.proc.pid))
            offset = len(server.text())
            url, selector = _url(server, kind, i)
            keep: list = []
            times.append(await open_page_kept(browser, url, selector, keep))
            await asyncio.sleep(1)
            new_log = server.text()[offset:]
            used = re.search(r"Using pre-heated kernel: (\S+)", new_log)
            kernels = kernels_of(server.proc.pid)
            kid = used.group(1) if used else next(iter(set(kernels) - before), None)
            if rss is None and kid in kernels:
                rss = rss_mb(kernels[kid])
            for context in keep:
                await context.close()
    return {"page": kind, "preheat": preheat, "first_widget_s": statistics.median(times),
            "runs_s": [round(t, 2) for t in times], "kernel_rss_mb": rss}


async def open_page_kept(browser, url: str, selector: str, keep: list) -> float:
    """Seconds from navigation start to `selector` visible, in a fresh browser context (cold
    cache); the page stays open, its kernel alive, until the caller closes the context."""
    context = await browser.new_context()
    keep.append(context)
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    start = time.perf_counter()
    await page.goto(url, timeout=TIMEOUT_MS, wait_until="commit")
    await page.locator(selector).first.wait_for(state="visible", timeout=TIMEOUT_MS)
    elapsed = time.perf_counter() - start
    if errors:
        raise RuntimeError(f"page errors on {url}: {errors}")
    return elapsed


async def crowd(browser, kind: str, preheat: bool, n: int, work: Path) -> dict:
    """N students at once; a page still not interactive after TIMEOUT_MS is counted, not fatal."""
    notebook = PAGES[kind][0]
    with voila(notebook, preheat, work) as server:
        keep: list = []
        start = time.perf_counter()
        results = await asyncio.gather(*(open_page_kept(browser, *_url(server, kind, i), keep)
                                         for i in range(n)), return_exceptions=True)
        total = time.perf_counter() - start
        each = [r for r in results if isinstance(r, float)]
        failed = [f"{type(r).__name__}: {str(r).splitlines()[0]}" for r in results
                  if not isinstance(r, float)]
        await asyncio.sleep(1)
        kernels = kernels_of(server.proc.pid)
        kernel_mb = sum(rss_mb(pid) for pid in kernels.values())
        server_mb = rss_mb(server.proc.pid)
        for context in keep:
            await context.close()
    return {"page": kind, "preheat": preheat, "students": n, "all_interactive_s": total,
            "slowest_page_s": max(each, default=None), "interactive": len(each),
            "failed": failed, "kernels": len(kernels),
            "kernels_rss_mb": kernel_mb, "voila_rss_mb": server_mb}


async def main_async(args: argparse.Namespace) -> dict:
    from playwright.async_api import async_playwright

    crowds = [int(x) for x in args.crowds.split(",") if x]
    results: dict = {"single": [], "crowd": []}
    with tempfile.TemporaryDirectory(prefix="vs-serving-bench-") as tmp:
        work = Path(tmp)
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                for preheat in (False, True) if args.repeat > 0 else ():
                    for kind in ("bare", "lesson"):
                        row = await single(browser, kind, preheat, args.repeat, work)
                        results["single"].append(row)
                        print(f"  single {kind:6} preheat={preheat!s:5} {row['first_widget_s']:.2f} s "
                              f"{row['runs_s']} kernel {row['kernel_rss_mb']:.0f} MB", flush=True)
                for n in crowds:
                    for preheat in (False, True):
                        for kind in ("bare", "lesson"):
                            row = await crowd(browser, kind, preheat, n, work)
                            results["crowd"].append(row)
                            print(f"  crowd {n:3} {kind:6} preheat={preheat!s:5} "
                                  f"{row['all_interactive_s']:.1f} s, {row['interactive']}/{n} "
                                  f"interactive, {row['kernels']} kernels "
                                  f"{row['kernels_rss_mb']:.0f} MB {row['failed'][:1]}", flush=True)
            finally:
                await browser.close()
    return results


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}x" if a and b else "-"


def report(results: dict, args: argparse.Namespace) -> None:
    config = json.loads((ROOT / "voila.json").read_text())
    print(f"\nconfig: voila.json {json.dumps(config)}; preheat_kernel toggled per row; "
          f"{os.cpu_count()} CPUs; Chromium {CHROMIUM}; repeat={args.repeat}")
    single = {(r["page"], r["preheat"]): r for r in results["single"]}
    if single:
        print("\n| preheat | bare: first widget | lesson: first widget | ratio "
              "| bare kernel RSS | lesson kernel RSS | ratio |")
        print("|---|---|---|---|---|---|---|")
    for preheat in (False, True) if single else ():
        b, l = single[("bare", preheat)], single[("lesson", preheat)]
        print(f"| {'on' if preheat else 'off'} | {b['first_widget_s']:.2f} s | "
              f"{l['first_widget_s']:.2f} s | {ratio(l['first_widget_s'], b['first_widget_s'])} | "
              f"{b['kernel_rss_mb']:.0f} MB | {l['kernel_rss_mb']:.0f} MB | "
              f"{ratio(l['kernel_rss_mb'], b['kernel_rss_mb'])} |")
    crowd = {(r["page"], r["preheat"], r["students"]): r for r in results["crowd"]}
    print("\n| students | preheat | bare: all interactive | lesson: all interactive | ratio "
          "| bare: kernels RSS | lesson: kernels RSS | ratio |")
    print("|---|---|---|---|---|---|---|---|")
    def took(row: dict) -> str:
        late = row["students"] - row["interactive"]
        return f"{row['all_interactive_s']:.1f} s" + (f" ({late} not interactive)" if late else "")

    for n in sorted({r["students"] for r in results["crowd"]}):
        for preheat in (False, True):
            b, l = crowd[("bare", preheat, n)], crowd[("lesson", preheat, n)]
            print(f"| {n} | {'on' if preheat else 'off'} | {took(b)} | {took(l)} | "
                  f"{ratio(l['all_interactive_s'], b['all_interactive_s'])} | "
                  f"{b['kernels_rss_mb']:.0f} MB ({b['kernels']} kernels) | "
                  f"{l['kernels_rss_mb']:.0f} MB ({l['kernels']} kernels) | "
                  f"{ratio(l['kernels_rss_mb'], b['kernels_rss_mb'])} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="single-page loads; 0 skips them")
    parser.add_argument("--crowds", default="5,10", help="comma-separated numbers of students")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} not found: apt-get install chromium")
    # stopped with SIGTERM, still stop the Voila servers (the `finally` blocks need an exception)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    results = asyncio.run(main_async(args))
    report(results, args)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
