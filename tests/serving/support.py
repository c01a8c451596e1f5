"""A server process started like a teacher starts it, stopped with its whole process group."""

from __future__ import annotations

import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/harness.py
from harness import ROOT, free_port, kernels_of, serve, wait_for_log  # noqa: E402

VENV = Path(sys.executable).parent.parent  # the venv running the tests has voila in bin/


@contextmanager
def served(cmd: list[str], cwd: Path, env: dict[str, str], log: Path,
           timeout: float = 90) -> Iterator[tuple[str, subprocess.Popen]]:
    """Run `cmd` with exactly `env` (serving on its PORT); yield the base URL; always stop it.

    The command runs in its own session so make and voila stop together; afterwards the
    kernels voila started must be gone too (a leaked kernel is a test failure).
    """
    kernels: set[int] = set()
    with serve(cmd, log, port=int(env["PORT"]), cwd=cwd, env=env, timeout=timeout) as server:
        yield server.base, server.proc
        kernels = set(kernels_of(server.proc.pid).values())
    deadline = time.monotonic() + 10
    while kernels and time.monotonic() < deadline:
        kernels = {pid for pid in kernels if Path(f"/proc/{pid}").exists()}
        time.sleep(0.2)
    assert not kernels, f"kernels left running after the server stopped: {kernels}"


__all__ = ["ROOT", "VENV", "free_port", "served", "wait_for_log"]
