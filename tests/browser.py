"""Real-browser helpers: a Voila server on 127.0.0.1 and Debian's Chromium via Playwright."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync",
                 "--disable-quic"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_serving(proc: subprocess.Popen, base: str, timeout: float,
                       ready: Callable[[], bool] = lambda: True) -> None:
    """Poll `base` until it answers and `ready()` holds; a server that exits or takes longer
    than `timeout` seconds is an error."""
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode}")
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            if ready():
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("server did not start in time")
        time.sleep(0.3)


@dataclass
class VoilaServer:
    """A running Voila: its base URL, process and log file."""

    base: str
    proc: subprocess.Popen
    log: Path

    def text(self) -> str:
        return self.log.read_text("utf-8", "replace")


@contextmanager
def voila_server(directory: Path, env: dict | None = None, timeout: float = 90,
                 ready: str | None = None) -> Iterator[str]:
    """Serve `directory` with Voila; yields the base URL; always stops the server.

    `ready`: a notebook whose preheated kernel pool must be filled first (a classroom server
    is started before the lesson). When the test fails inside the block, the end of Voila's
    log is printed, so a CI failure shows what the server was doing."""
    with voila_process(directory, env=env, timeout=timeout, ready=ready) as server:
        yield server.base


@contextmanager
def voila_process(directory: Path, env: dict | None = None, timeout: float = 90,
                  ready: str | None = None, args: Iterable[str] = (),
                  port: int | None = None) -> Iterator[VoilaServer]:
    """`voila_server` that also gives the process and log, with extra command-line `args`
    (e.g. a shorter culler) and a chosen `port` (a restarted server keeps its address)."""
    port = port or free_port()
    log_file = tempfile.NamedTemporaryFile("w+", prefix=f"voila-{port}-", suffix=".log", delete=False)
    log_path = Path(log_file.name)
    proc = subprocess.Popen(
        [sys.executable, "-m", "voila", "--no-browser", "--Voila.ip=127.0.0.1", f"--port={port}",
         "--show_tracebacks=True", *args, str(directory)],
        cwd=ROOT, stdout=log_file, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(proc, base, timeout, lambda: not ready or (
            f"Kernel pool of {ready} is filled" in log_path.read_text("utf-8", "replace")))
        yield VoilaServer(base, proc, log_path)
    except BaseException:
        tail = log_path.read_text("utf-8", "replace").splitlines()[-80:]
        print(f"--- end of the Voila log ({log_path}, kept) ---", *tail, sep="\n", file=sys.stderr)
        log_path = None
        raise
    finally:
        stop_process_group(proc)
        log_file.close()
        if log_path is not None:
            log_path.unlink()


def stop_process_group(proc: subprocess.Popen, timeout: float = 15) -> None:
    """SIGTERM the server's process group (Voila and its kernels), SIGKILL after `timeout`."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    try:  # kernels left behind by a server that was killed
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def kernel_processes() -> dict[str, int]:
    """Kernel id -> pid of every ipykernel on the machine whose connection file names its id."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        match = re.search(r"kernel-([0-9a-f-]{36})\.json", cmd)
        if "ipykernel" in cmd and match:
            found[match.group(1)] = int(entry.name)
    return found


def page_kernel_id(page) -> str:
    """The kernel id a Voila page is connected to (from the page's own config)."""
    return page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")


@contextmanager
def chromium() -> Iterator[object]:
    """Headless Debian Chromium through Playwright (for several contexts: several students)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (make test installs it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def browser_page() -> Iterator[tuple[object, list[str]]]:
    """A fresh headless Chromium page and the list of page errors it raised."""
    with chromium() as browser:
        errors: list[str] = []
        page = browser.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        yield page, errors
