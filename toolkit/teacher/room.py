"""One classroom on one machine: the students' link as text and QR code, and `make teach`.

`make teach` runs `python -m toolkit.teacher.room`: the students' Voila (exactly `make serve`) and the
teacher's JupyterLab (a token, 127.0.0.1, notebooks/ open on the class dashboard) with the same
`VOCABSPHERE_DB` and `VOCABSPHERE_CLASS`, stopped together. The link goes to the lesson index
through `VOCABSPHERE_STUDENT_LINK`, so the index page shows the same QR code the terminal does.
The link and its QR code come from `toolkit.student.link` (the index page shows them too).
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

from toolkit.student.link import LINK_ENV, qr_text, student_link

DASHBOARD_PATH = "/lab/tree/notebooks/class-dashboard.ipynb"


def banner(student: str) -> str:
    return "\n".join(["", f"Students: open {student}", "          or scan:", qr_text(student)])


def _stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    deadline = time.monotonic() + 20
    for proc in procs:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def main(argv: list[str] | None = None) -> int:
    """Start the room (students' Voila + teacher's JupyterLab); stop both on Ctrl-C or SIGTERM."""
    parser = argparse.ArgumentParser(prog="python -m toolkit.teacher.room", description=main.__doc__)
    parser.add_argument("--port", type=int, default=8866, help="the students' Voila port")
    parser.add_argument("--teach-port", type=int, default=8888, help="the teacher's JupyterLab port")
    parser.add_argument("--host", default="127.0.0.1", help="the address both servers listen on")
    parser.add_argument("--link-host", default=None,
                        help="the host name in the students' link (default: --host)")
    parser.add_argument("--venv", default=str(Path(sys.executable).parent.parent))
    parser.add_argument("--print-link", action="store_true",
                        help="only print the students' link and its QR code")
    args = parser.parse_args(argv)
    link = student_link(args.link_host or args.host, args.port)
    if args.print_link:  # `make serve`: the link it gave Voila, else the one for --host/--port
        print(banner(os.environ.get(LINK_ENV) or link), flush=True)
        return 0
    store = os.environ.get("VOCABSPHERE_DB") or str(Path("var/learning.sqlite3").resolve())
    token = os.environ.get("VOCABSPHERE_TEACH_TOKEN") or secrets.token_urlsafe(18)
    # `make teach` exports the link with LINK_HOST (--host may be 0.0.0.0, no address for phones)
    link = os.environ.get(LINK_ENV) or link
    env = {**os.environ, "VOCABSPHERE_DB": store, LINK_ENV: link}
    bin_dir = Path(args.venv) / "bin"
    teacher = f"http://{args.host}:{args.teach_port}{DASHBOARD_PATH}?token={token}"
    procs: list[subprocess.Popen] = []
    stopping = False

    def on_signal(_sig, _frame) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        procs.append(subprocess.Popen(
            ["make", "--no-print-directory", "serve", f"PORT={args.port}", f"VENV={args.venv}",
             f"HOST={args.host}"], env=env, start_new_session=True))
        procs.append(subprocess.Popen(
            [str(bin_dir / "jupyter-lab"), "--no-browser", f"--ServerApp.ip={args.host}",
             f"--ServerApp.port={args.teach_port}", "--ServerApp.port_retries=0",
             f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={Path.cwd()}",
             f"--ServerApp.default_url={DASHBOARD_PATH}", f"--LabApp.default_url={DASHBOARD_PATH}",
             *(["--allow-root"] if os.geteuid() == 0 else [])],
            env=env, start_new_session=True))
        # `make serve` prints the students' link and QR code itself
        print(f"\nTeacher: JupyterLab on the class dashboard (learner store: {store}); keep this "
              f"link to yourself:\n  {teacher}\nCtrl-C stops both servers.\n", flush=True)
        while not stopping and all(p.poll() is None for p in procs):
            time.sleep(0.3)
        failed = [p for p in procs if p.poll() not in (None, 0)]
        return 1 if failed and not stopping else 0
    finally:
        _stop(procs)


if __name__ == "__main__":
    raise SystemExit(main())
