"""`make hub`'s serving step as a teacher starts it: the Makefile target, the set-up of the
proxy, the store, the hub answering on 127.0.0.1, and nothing left after Ctrl-C (SIGTERM)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request

import pytest

from . import support as S

pytestmark = [pytest.mark.hub, pytest.mark.slow]


def test_make_serve_hub_starts_and_stops_a_hub(hub_ready, tmp_path):
    ports = (S.free_port(), S.free_port(), S.free_port())
    env = S.hub_env(tmp_path / "hub", str(tmp_path / "learning.sqlite3"), "7B", ports)
    env.pop("VOCABSPHERE_HUB_PORT")  # make sets it from HUB_PORT
    log = tmp_path / "make-hub.log"
    cmd = ["make", "--no-print-directory", "serve-hub", f"HUB_PORT={ports[0]}",
           f"VENV={S.BIN.parent}"]
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, cwd=S.ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    hub = S.Hub(f"http://127.0.0.1:{ports[0]}", tmp_path / "hub", log, ports[1], proc)
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, log.read_text()[-3000:]
            try:
                with urllib.request.urlopen(hub.base + "/hub/login", timeout=2) as r:
                    if r.status == 200 and b"Sign In" in r.read():
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.3)
        text = log.read_text()
        assert f"JupyterHub on http://127.0.0.1:{ports[0]}" in text
        assert f"learner store: {tmp_path}/learning.sqlite3" in text
        assert "sign up as 'teacher' first" in text
        assert (tmp_path / "learning.sqlite3").exists()  # created and migrated before the hub
        assert "Starting service 'idle-culler'" in text
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
        S.stop_hub(hub)  # nothing of this hub may be left
