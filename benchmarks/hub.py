"""A class on the real JupyterHub against one Voila server, in the same run.

    .venv/bin/python benchmarks/hub.py [--students 10] [--store URL] [--skip-voila]

Hub (deploy/jupyterhub_config.py, as `make hub`): N students, signed up and approved first,
press Sign In at the same moment, each in their own context of one headless Chromium. Per
student: seconds from pressing Sign In until the lesson index shows (their server spawned,
Voila rendered the index) and until the lesson's words are clickable (index, then a click on
the lesson); then each adds a word and answers an item, and the RSS of every student's
server with its kernels is read from /proc. A single student alone is measured first.
Baseline: one Voila server with the repository's voila.json (`make serve`), the same N
lesson pages opened at once, seconds to clickable words and the kernels' RSS.
The browsers run on this machine too (2 cores): in a class they are the students' devices.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from hub import support as S  # noqa: E402
from browser import voila_server  # noqa: E402

MB = 1024 * 1024


def _rss(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def _split_memory(hub: S.Hub) -> dict[str, dict[str, int]]:
    """user -> {"server": RSS of jupyterhub-singleuser, "kernels": RSS of its kernels, "n": count}."""
    out: dict[str, dict[str, int]] = {}
    for pid, cmd in hub.processes().items():
        try:
            env = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        user = next((e.split(b"=", 1)[1].decode() for e in env
                     if e.startswith(b"JUPYTERHUB_USER=")), "")
        if not user:
            continue
        row = out.setdefault(user, {"server": 0, "kernels": 0, "n": 0})
        if "ipykernel" in cmd:
            row["kernels"] += _rss(pid)
            row["n"] += 1
        else:
            row["server"] += _rss(pid)
    return out


async def _hub_phase(hub: S.Hub, names: list[str]) -> list[S.StudentRun]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await S.launch(pw)
        try:
            teacher = await (await browser.new_context()).new_page()
            if names[0] == "solo":
                await S.sign_up(teacher, hub.base, "teacher")

            async def sign_up(name: str) -> None:
                ctx = await browser.new_context()
                await S.sign_up(await ctx.new_page(), hub.base, name)
                await ctx.close()

            await asyncio.gather(*(sign_up(n) for n in names))
            await S.sign_in(teacher, hub.base, "teacher", next_url="/hub/authorize")
            await S.approve(teacher, hub.base, names)
            items = S.pack_items()
            return list(await asyncio.gather(*(
                S.student_lesson(browser, hub.base, n, S.SIZES[i % len(S.SIZES)], items)
                for i, n in enumerate(names))))
        finally:
            await browser.close()


async def _voila_phase(base: str, n: int) -> list[float]:
    from playwright.async_api import async_playwright

    async def one(browser, i: int) -> float:
        ctx = await browser.new_context(viewport=dict(zip(("width", "height"),
                                                          S.SIZES[i % len(S.SIZES)])))
        page = await ctx.new_page()
        start = time.monotonic()
        await page.goto(f"{base}/voila/render/{S.LESSON}.ipynb?name=V{i}&class=BENCH",
                        timeout=S.TIMEOUT_MS)
        await page.locator(".vs-reader .vs-word").first.wait_for(state="visible",
                                                                 timeout=S.TIMEOUT_MS)
        took = time.monotonic() - start
        await ctx.close()
        return took

    async with async_playwright() as pw:
        browser = await S.launch(pw)
        try:
            return list(await asyncio.gather(*(one(browser, i) for i in range(n))))
        finally:
            await browser.close()


def _stats(values: list[float]) -> str:
    return f"median {statistics.median(values):.1f} s, max {max(values):.1f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=10)
    parser.add_argument("--store", default=None, help="learner store URL (default: a SQLite file)")
    parser.add_argument("--skip-voila", action="store_true", help="no single-Voila baseline")
    args = parser.parse_args()
    if why := S.missing():
        print(f"cannot run: {why}")
        return 2
    with tempfile.TemporaryDirectory(prefix="vs-hub-bench-") as tmp:
        store = args.store or str(Path(tmp) / "learning.sqlite3")
        names = [f"b{i:02d}" for i in range(1, args.students + 1)]
        print(f"store: {'PostgreSQL' if store.startswith('postgres') else 'SQLite file'}; "
              f"{args.students} students; load average {os.getloadavg()[0]:.1f} on "
              f"{os.cpu_count()} cores at the start")
        with S.running_hub(Path(tmp) / "hub", store, "BENCH") as hub:
            t = time.monotonic()
            solo = asyncio.run(_hub_phase(hub, ["solo"]))[0]
            print(f"hub, 1 student alone: index {solo.to_index:.1f} s, usable lesson "
                  f"{solo.to_lesson:.1f} s after Sign In ({time.monotonic() - t:.0f} s with sign-up)")
            t = time.monotonic()
            runs = asyncio.run(_hub_phase(hub, names))
            wall = time.monotonic() - t
            memory = _split_memory(hub)
            bad = [r.name for r in runs if not r.feedback.startswith("Correct") or r.errors]
            print(f"hub, {len(runs)} at once: index {_stats([r.to_index for r in runs])}; usable "
                  f"lesson {_stats([r.to_lesson for r in runs])} after Sign In; whole phase "
                  f"{wall:.0f} s with sign-up and approval; not done: {bad or 'none'}")
            per = [memory[n] for n in names if n in memory]
            server = [m["server"] / MB for m in per]
            kernels = [m["kernels"] / MB for m in per]
            total = [s + k for s, k in zip(server, kernels)]
            print(f"hub memory per student (RSS, {len(per)} students): server "
                  f"{statistics.median(server):.0f} MB + {statistics.median([m['n'] for m in per]):.0f}"
                  f" kernels {statistics.median(kernels):.0f} MB = {statistics.median(total):.0f} MB"
                  f" (median); all students {sum(total):.0f} MB")
        if not args.skip_voila:
            env = {"VOCABSPHERE_DB": str(Path(tmp) / "voila.sqlite3")}
            with voila_server(ROOT / "lessons", env=env, timeout=120,
                              ready=f"{S.LESSON}.ipynb") as base:
                times = asyncio.run(_voila_phase(base, args.students))
                rss = _kernels_with(env["VOCABSPHERE_DB"])
            print(f"baseline, one Voila (make serve), {args.students} lesson pages at once: "
                  f"usable lesson {_stats(times)} after the request; kernels "
                  f"{statistics.median(rss) / MB:.0f} MB each (median, {len(rss)} kernels incl. "
                  f"the pool), all {sum(rss) / MB:.0f} MB")
    print(f"load average {os.getloadavg()[0]:.1f} at the end (other work on the machine counts)")
    return 0


def _kernels_with(store: str) -> list[int]:
    """RSS of every kernel whose environment names this store (the baseline server's)."""
    marker = f"VOCABSPHERE_DB={store}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if b"ipykernel" in (entry / "cmdline").read_bytes() and \
                    marker in (entry / "environ").read_bytes().split(b"\0"):
                found.append(_rss(int(entry.name)))
        except OSError:
            continue
    return found


if __name__ == "__main__":
    raise SystemExit(main())
