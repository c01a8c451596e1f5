"""Logging: one logger per module under "toolkit", and where its records go.

In a kernel (a student page under Voila, the teacher's notebook) records go to the kernel
process's own stderr, which Voila and Jupyter print in the server's log: a student never sees
a traceback, the person running the server does. The command line writes tracebacks to a
log file and prints one line naming it.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
ROOT = "toolkit"


def _has(handler_type: type[logging.Handler]) -> bool:
    return any(type(h) is handler_type for h in logging.getLogger(ROOT).handlers)


def to_server_log(level: int = logging.INFO) -> None:
    """Send toolkit records to the process's real stderr (once): the server log in a kernel."""
    logger = logging.getLogger(ROOT)
    if not _has(logging.StreamHandler):
        handler = logging.StreamHandler(sys.__stderr__)
        handler.setFormatter(logging.Formatter(FORMAT))
        logger.addHandler(handler)
    logger.setLevel(level)


def log_file() -> Path:
    """$VOCABSPHERE_LOG, else toolkit.log beside the language data in the environment."""
    env = os.environ.get("VOCABSPHERE_LOG")
    return Path(env) if env else Path(sys.prefix) / "share" / "vocabsphere" / "toolkit.log"


def to_file(path: Path | None = None, level: int = logging.INFO) -> Path:
    """Send toolkit records to a file (once); returns its path."""
    path = path or log_file()
    logger = logging.getLogger(ROOT)
    if not _has(logging.FileHandler):
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter(FORMAT))
        logger.addHandler(handler)
    logger.setLevel(level)
    return path


__all__ = ["log_file", "to_file", "to_server_log"]
