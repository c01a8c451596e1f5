"""A server process started like a teacher starts it, stopped with its whole process group."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/browser.py helpers
from browser import ROOT, free_port, wait_until_serving  # noqa: E402

VENV = Path(sys.executable).parent.parent  # the venv running the tests has voila in bin/


def kernel_pids(server_pid: int) -> set[int]:
    """ipykernel processes below the server (from /proc, no psutil needed)."""
    children: dict[int, list[int]] = {}
    cmdlines: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdlines[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [server_pid]
    while todo:
        for child in children.get(todo.pop(), []):
            todo.append(child)
            if "ipykernel" in cmdlines.get(child, ""):
                found.add(child)
    return found


@contextmanager
def served(cmd: list[str], cwd: Path, env: dict[str, str], log: Path,
           timeout: float = 90) -> Iterator[tuple[str, subprocess.Popen]]:
    """Run `cmd` with exactly `env` (serving on its PORT); yield the base URL; always stop it.

    The command runs in its own session so make and voila stop together; afterwards the
    kernels voila started must be gone too (a leaked kernel is a test failure).
    """
    port = int(env["PORT"])
    out = open(log, "w")
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out,
                            stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    kernels: set[int] = set()
    try:
        try:
            wait_until_serving(proc, base, timeout)
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}: {log.read_text()}") from None
        yield base, proc
        kernels = kernel_pids(proc.pid)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        out.close()
    deadline = time.monotonic() + 10
    while kernels and time.monotonic() < deadline:
        kernels = {pid for pid in kernels if Path(f"/proc/{pid}").exists()}
        time.sleep(0.2)
    assert not kernels, f"kernels left running after the server stopped: {kernels}"


def wait_for_log(log: Path, text: str, timeout: float = 60, count: int = 1) -> str:
    """The log once `text` has appeared `count` times in it."""
    deadline = time.monotonic() + timeout
    while (content := log.read_text()).count(text) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} not in the server log:\n{content[-3000:]}")
        time.sleep(0.2)
    return content


__all__ = ["ROOT", "VENV", "free_port", "kernel_pids", "served", "wait_for_log"]
