"""A real JupyterHub (deploy/jupyterhub_config.py) started like `make hub`, and what a student
and a teacher do on it in a real browser. Shared by tests/hub and benchmarks/hub.py.

Everything listens on 127.0.0.1 on free ports; the hub is always stopped, and afterwards no
process it started (single-user servers, kernels, the proxy, the culler) may be left.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from browser import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402

BIN = Path(sys.executable).parent
PROXY = ROOT / ".hub" / "node_modules" / ".bin" / "configurable-http-proxy"
CONFIG = ROOT / "deploy" / "jupyterhub_config.py"
LESSON = "hidden-remote-workers"
PASSWORD = "lantern-orbit-42"
TIMEOUT_MS = 180_000
# the word card of the last click, drawn (a card still "pending" shows the previous word)
READY_CARD = ".vs-word-card.vs-card-open:not(.vs-card-pending) .vs-card-headword"
SIZES = [(360, 740), (390, 844), (1280, 800)]


def missing() -> str:
    """Why a hub cannot run here, or ''."""
    if not (BIN / "jupyterhub").exists():
        return "jupyterhub is not installed in this venv (scripts/setup.sh installs the hub extra)"
    if not PROXY.exists():
        return ("the JupyterHub proxy is not installed: bash scripts/setup-hub.sh needs npm "
                "(configurable-http-proxy from the npm registry)")
    if not CHROMIUM.exists():
        return "Debian chromium is not installed (make test installs it as root)"
    return ""


@dataclass
class Hub:
    base: str
    dir: Path
    log: Path
    api_port: int
    proc: subprocess.Popen = field(repr=False)

    def log_text(self) -> str:
        return self.log.read_text("utf-8", "replace")

    def processes(self) -> dict[int, str]:
        """pid -> command line of every process that belongs to this hub (by its API URL)."""
        marker = f"JUPYTERHUB_API_URL=http://127.0.0.1:{self.api_port}/hub/api".encode()
        found = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                if marker in (entry / "environ").read_bytes():
                    found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(
                        b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
        return found

    def user_memory(self) -> dict[str, int]:
        """user -> bytes of VmRSS of their single-user server and its kernels."""
        per_user: dict[str, int] = {}
        for pid in self.processes():
            try:
                env = dict(line.split(b"=", 1) for line in
                           Path(f"/proc/{pid}/environ").read_bytes().split(b"\0") if b"=" in line)
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            user = env.get(b"JUPYTERHUB_USER", b"").decode()
            rss = re.search(r"VmRSS:\s+(\d+) kB", status)
            if user and rss:
                per_user[user] = per_user.get(user, 0) + int(rss.group(1)) * 1024
        return per_user


def hub_env(hub_dir: Path, store: str, class_code: str, ports: tuple[int, int, int],
            **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("JUPYTERHUB_", "JPY_", "VOCABSPHERE_")) and k not in {
               "QUERY_STRING", "MAKEFLAGS", "JUPYTER_CONFIG_PATH", "JUPYTER_CONFIG_DIR"}}
    env.update({"PATH": f"{BIN}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}",
                "VOCABSPHERE_DB": store, "VOCABSPHERE_CLASS": class_code,
                "VOCABSPHERE_HUB_DIR": str(hub_dir), "VOCABSPHERE_TEACHER": "teacher",
                "VOCABSPHERE_HUB_PORT": str(ports[0]), "VOCABSPHERE_HUB_API_PORT": str(ports[1]),
                "VOCABSPHERE_HUB_PROXY_API_PORT": str(ports[2])})
    env.update(extra)
    return env


@contextmanager
def running_hub(hub_dir: Path, store: str, class_code: str = "7B", timeout: float = 90,
                **extra: str) -> Iterator[Hub]:
    """`jupyterhub -f deploy/jupyterhub_config.py` until the block ends; the log is printed
    when the block fails. `extra`: more VOCABSPHERE_HUB_* settings."""
    from toolkit.learning import Store

    Store(store).close()  # created and migrated once, as `make hub` does
    hub_dir.mkdir(parents=True, exist_ok=True)
    teacher_dir = hub_dir / "teacher"  # Lab autosaves: the teacher works on a copy here
    shutil.copytree(ROOT / "notebooks", teacher_dir / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"), dirs_exist_ok=True)
    extra.setdefault("VOCABSPHERE_HUB_TEACHER_DIR", str(teacher_dir))
    ports = (free_port(), free_port(), free_port())
    log = hub_dir / "jupyterhub.log"
    out = open(log, "w")
    proc = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(CONFIG)], cwd=hub_dir,
                            env=hub_env(hub_dir, store, class_code, ports, **extra),
                            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    hub = Hub(f"http://127.0.0.1:{ports[0]}", hub_dir, log, ports[1], proc)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"jupyterhub exited with {proc.returncode}:\n{hub.log_text()[-3000:]}")
            try:
                with urllib.request.urlopen(hub.base + "/hub/api/", timeout=2) as r:
                    if r.status == 200:
                        break
            except (OSError, urllib.error.HTTPError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"jupyterhub did not answer in {timeout} s:\n{hub.log_text()[-3000:]}")
            time.sleep(0.3)
        yield hub
    except BaseException:
        print("--- end of the JupyterHub log ---", *hub.log_text().splitlines()[-120:],
              sep="\n", file=sys.stderr)
        raise
    finally:
        stop_hub(hub)
        out.close()


def stop_hub(hub: Hub) -> None:
    """SIGTERM (the hub stops every server it spawned), then make sure nothing is left."""
    if hub.proc.poll() is None:
        try:
            os.killpg(hub.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            hub.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(hub.proc.pid, signal.SIGKILL)
            hub.proc.wait()
    deadline = time.monotonic() + 20
    while (left := hub.processes()) and time.monotonic() < deadline:
        time.sleep(0.3)
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert not left, f"processes left after the hub stopped: {left}"


# --- a person in a browser ----------------------------------------------------------------------

IN_VIEWPORT = """(el) => { const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 &&
         r.bottom <= window.innerHeight + 1 && r.right <= window.innerWidth + 1; }"""


async def visible_in_viewport(page, selector: str, scroll: bool = True) -> bool:
    loc = page.locator(selector).first
    await loc.wait_for(state="visible", timeout=TIMEOUT_MS)
    if scroll:
        await loc.scroll_into_view_if_needed()
    return await loc.evaluate(IN_VIEWPORT)


async def sign_up(page, base: str, name: str, password: str = PASSWORD) -> str:
    """The hub's sign-up form; returns the message the page shows."""
    page.set_default_timeout(TIMEOUT_MS)  # a click waits for its navigation: a spawn, under load
    await page.goto(f"{base}/hub/signup", timeout=TIMEOUT_MS)
    await page.fill("#username_input", name)
    await page.fill("#password_input", password)
    await page.fill("#password_confirmation_input", password)
    await page.click("#signup_submit")
    alert = page.locator(".alert").first
    await alert.wait_for(state="visible", timeout=TIMEOUT_MS)
    return (await alert.inner_text()).strip()


async def sign_in(page, base: str, name: str, password: str = PASSWORD, next_url: str = "") -> None:
    """The hub's sign-in form; `next_url` (e.g. /hub/authorize) instead of the user's server."""
    page.set_default_timeout(TIMEOUT_MS)
    query = f"?next={next_url}" if next_url else ""
    await page.goto(f"{base}/hub/login{query}", timeout=TIMEOUT_MS)
    await page.fill("#username_input", name)
    await page.fill("#password_input", password)
    await page.click("#login_submit")


async def login_error(page) -> str:
    loc = page.locator(".alert, .login_error, p.alert-danger").first
    await loc.wait_for(state="visible", timeout=30_000)
    return (await loc.inner_text()).strip()


async def approve(page, base: str, names: list[str]) -> None:
    """The teacher clicks Authorize beside each name on NativeAuthenticator's page."""
    await page.goto(f"{base}/hub/authorize", timeout=TIMEOUT_MS)
    for name in names:
        link = page.locator(f"tr[id='{name}'] a", has_text=re.compile("^Authorize$"))
        await link.click()
        await page.locator(f"tr[id='{name}'] a", has_text="Unauthorize").wait_for(timeout=30_000)


def pack_items() -> dict[str, dict]:
    pack = json.loads((ROOT / "lessons" / f"{LESSON}.lesson.json").read_text("utf-8"))
    return {item["prompt"]: item for item in pack["exercises"]}


async def answer_first_item(page, items: dict[str, dict]) -> str:
    """Practice tab: answer the first item rightly, as in tests/test_journey.py; the feedback."""
    await page.locator(".vs-student-tabs .lm-TabBar-tab", has_text="Practice").first.click()
    await page.locator(".vs-quiz-prompt").first.wait_for(state="visible", timeout=TIMEOUT_MS)
    item = items[(await page.inner_text(".vs-quiz-prompt")).strip()]
    key = item["answer"]
    if isinstance(key, list):
        for i, value in enumerate(key):
            await page.locator(".vs-quiz-match select").nth(i).select_option(label=value)
    elif item["options"]:
        await page.locator(".vs-quiz-options label").filter(
            has_text=re.compile("^" + re.escape(key) + "$")).first.click()
    else:
        await page.fill(".vs-quiz-text input", key)
    if item["type"] in ("cloze", "word-formation", "verb-form", "jumble", "wh"):
        await page.press(".vs-quiz-text input", "Enter")
    else:
        await page.click(".vs-quiz-check button, button.vs-quiz-check")
    await page.wait_for_function(
        "document.querySelector('.vs-quiz-feedback').innerText.trim().length > 0",
        timeout=TIMEOUT_MS)
    return await page.inner_text(".vs-quiz-feedback")


@dataclass
class StudentRun:
    name: str
    viewport: tuple[int, int]
    to_index: float = 0.0  # s from pressing Sign In until the lesson index shows
    to_lesson: float = 0.0  # s from pressing Sign In until the lesson's words are clickable
    index_in_view: bool = False
    who: str = ""
    word: str = ""
    feedback: str = ""
    errors: list[str] = field(default_factory=list)


async def student_lesson(browser, base: str, name: str, viewport: tuple[int, int],
                         items: dict[str, dict], query: str = "") -> StudentRun:
    """Sign in (already approved), land on the lesson index, open the lesson (`query` added to
    its URL), add a word, answer an item."""
    run = StudentRun(name, viewport)
    ctx = await browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    try:
        page = await ctx.new_page()
        page.on("pageerror", lambda exc: run.errors.append(str(exc)))
        start = time.monotonic()
        await sign_in(page, base, name)
        await page.wait_for_url(re.compile(rf"/user/{name}/voila/render/index\.ipynb"),
                                timeout=TIMEOUT_MS)
        run.index_in_view = await visible_in_viewport(page, ".vs-lesson-link", scroll=False)
        run.to_index = time.monotonic() - start
        link = page.locator(".vs-lesson-link", has_text=re.compile("remote", re.I)).first
        if query:
            await page.goto(f"{base}/user/{name}/voila/render/{LESSON}.ipynb{query}",
                            timeout=TIMEOUT_MS)
        else:
            await link.click()
        await page.locator(".vs-reader .vs-word").first.wait_for(state="visible",
                                                                 timeout=TIMEOUT_MS)
        run.to_lesson = time.monotonic() - start
        run.who = (await page.inner_text(".vs-login-who")).strip()
        word = page.locator(".vs-reader .vs-word").nth(12)
        await word.scroll_into_view_if_needed()
        run.word = (await word.inner_text()).strip()
        await word.click()
        await page.locator(READY_CARD).first.wait_for(timeout=TIMEOUT_MS)
        await page.click(".vs-add-word button, button.vs-add-word")
        # a student who added this word before is told it is already there
        await page.locator(".vs-added, .vs-already-added").first.wait_for(timeout=TIMEOUT_MS)
        run.feedback = await answer_first_item(page, items)
    finally:
        await ctx.close()
    return run


async def run_dashboard(page, expect: int) -> None:
    """In the teacher's JupyterLab (class-dashboard.ipynb open): Run All Cells, as a teacher
    does from the Run menu, until the dashboard counts `expect` students."""
    page.set_default_timeout(TIMEOUT_MS)
    await page.locator(".jp-NotebookPanel").first.wait_for(timeout=TIMEOUT_MS)
    await page.get_by_text(re.compile(r"Python 3 \(ipykernel\) \| Idle")).first.wait_for(
        timeout=TIMEOUT_MS)
    for attempt in range(3):
        await page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Run$")).click()
        await page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$")).click()
        try:
            await page.locator(".vs-dash-n").first.wait_for(state="visible", timeout=60_000)
            break
        except Exception:  # noqa: BLE001 - the menu opened before Lab was ready: once more
            if attempt == 2:
                raise
    await page.wait_for_function(
        f"document.querySelector('.vs-dash-n').innerText.trim() === '{expect}'",
        timeout=TIMEOUT_MS)


async def launch(pw):
    return await pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

