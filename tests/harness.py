"""One harness for real servers: start on a free 127.0.0.1 port, wait, read /proc, stop.

Used by the browser tests (tests/browser.py), the serving tests (tests/serving/) and
benchmarks/serving.py, so every server is started and torn down the same way: in its own
process group, SIGTERM then SIGKILL, kernels included. No pytest here (benchmarks import it).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

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
class Server:
    """A running server: its base URL, process and log file."""

    base: str
    proc: subprocess.Popen
    log: Path

    def text(self) -> str:
        return self.log.read_text("utf-8", "replace")

    def wait_for(self, needle: str, count: int = 1, timeout: float = 120) -> str:
        """The log once `needle` has appeared `count` times in it."""
        return wait_for_log(self.log, needle, timeout, count)


def wait_for_log(log: Path, text: str, timeout: float = 60, count: int = 1) -> str:
    """The log once `text` has appeared `count` times in it."""
    deadline = time.monotonic() + timeout
    while (content := log.read_text("utf-8", "replace")).count(text) < count:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{text!r} x{count} not in the server log:\n{content[-3000:]}")
        time.sleep(0.2)
    return content


def stop_process_group(proc: subprocess.Popen, timeout: float = 15) -> None:
    """SIGTERM the server's process group (the server and its kernels), SIGKILL after `timeout`."""
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


@contextmanager
def serve(cmd: list[str], log: Path, *, port: int, cwd: Path = ROOT,
          env: dict[str, str] | None = None, timeout: float = 90,
          ready: Callable[[Server], bool] = lambda _s: True) -> Iterator[Server]:
    """Run `cmd` (serving on 127.0.0.1:`port`) in its own process group with its output in
    `log`; yield once it answers and `ready(server)` holds; always stop it."""
    out = open(log, "w")
    proc = subprocess.Popen(cmd, cwd=cwd, env=env if env is not None else dict(os.environ),
                            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}", proc, log)
    try:
        try:
            wait_until_serving(proc, server.base, timeout, lambda: ready(server))
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}: {server.text()[-3000:]}") from None
        yield server
    finally:
        stop_process_group(proc)
        out.close()


def voila_command(directory: Path | str, port: int, args: Iterable[str] = ()) -> list[str]:
    return [sys.executable, "-m", "voila", "--no-browser", "--Voila.ip=127.0.0.1",
            f"--port={port}", "--show_tracebacks=True", *args, str(directory)]


def pool_filled(notebook: str) -> Callable[[Server], bool]:
    """A `ready` test: the preheated kernel pool of `notebook` is filled."""
    return lambda server: f"Kernel pool of {notebook} is filled" in server.text()


def processes() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, command line), read from /proc (no psutil needed)."""
    out = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            out[int(entry.name)] = (int(stat.rsplit(")", 1)[1].split()[1]), cmd)
    return out


def _kernel_id(cmd: str) -> str | None:
    match = re.search(r"kernel-([0-9a-f-]{36})\.json", cmd)
    return match.group(1) if "ipykernel" in cmd and match else None


def kernels_of(server_pid: int) -> dict[str, int]:
    """Kernel id -> pid of every ipykernel below the server."""
    procs = processes()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _cmd) in procs.items():
        children.setdefault(ppid, []).append(pid)
    found, todo = {}, [server_pid]
    while todo:
        for child in children.get(todo.pop(), []):
            todo.append(child)
            kid = _kernel_id(procs[child][1])
            if kid:
                found[kid] = child
    return found


def kernel_processes() -> dict[str, int]:
    """Kernel id -> pid of every ipykernel on the machine."""
    return {kid: pid for pid, (_ppid, cmd) in processes().items() if (kid := _kernel_id(cmd))}


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "ROOT", "Server", "free_port", "kernel_processes",
           "kernels_of", "pool_filled", "processes", "rss_mb", "serve", "stop_process_group",
           "voila_command", "wait_for_log", "wait_until_serving"]
