"""Real-browser helpers: a Voila server on 127.0.0.1 and Debian's Chromium via Playwright."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # harness.py, also for benchmarks
from harness import (CHROMIUM, CHROMIUM_ARGS, ROOT, Server, free_port,  # noqa: E402,F401
                     kernel_processes, kernels_of, pool_filled, rss_mb, serve, stop_process_group,
                     voila_command, wait_for_log, wait_until_serving)

VoilaServer = Server  # the name the browser tests use


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
                  port: int | None = None) -> Iterator[Server]:
    """`voila_server` that also gives the process and log, with extra command-line `args`
    (e.g. a shorter culler) and a chosen `port` (a restarted server keeps its address)."""
    port = port or free_port()
    log = Path(tempfile.mkstemp(prefix=f"voila-{port}-", suffix=".log")[1])
    try:
        with serve(voila_command(directory, port, args), log, port=port, timeout=timeout,
                   env={**os.environ, **(env or {})},
                   ready=pool_filled(ready) if ready else lambda _s: True) as server:
            yield server
    except BaseException:
        tail = log.read_text("utf-8", "replace").splitlines()[-80:]
        print(f"--- end of the Voila log ({log}, kept) ---", *tail, sep="\n", file=sys.stderr)
        raise
    log.unlink(missing_ok=True)


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
