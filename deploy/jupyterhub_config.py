"""JupyterHub for one school machine: `make hub` (jupyterhub -f deploy/jupyterhub_config.py).

Students sign up on the hub's page and the teacher approves them (NativeAuthenticator: no
outside service, bcrypt-hashed passwords, a pause after repeated wrong passwords). Each user
gets their own Jupyter server from the local spawner: students land on the lesson index in
Voila (the server extension, `/user/<name>/voila/render/index.ipynb`) with JupyterLab and
terminals switched off; the teacher (the hub admin) gets JupyterLab on notebooks/. Every
server and kernel gets the same `VOCABSPHERE_DB` and `VOCABSPHERE_CLASS`, and `JUPYTERHUB_USER`
from the hub, which the toolkit trusts over any name typed or put in a URL.

Settings come from the environment so that tests and `make hub` share this one file:

| variable | default | what |
|---|---|---|
| VOCABSPHERE_DB | `<repo>/var/learning.sqlite3` | the learner store: a SQLite path or a `postgresql://` URL |
| VOCABSPHERE_CLASS | `DEFAULT` | the class code every student of this hub is filed under |
| VOCABSPHERE_TEACHER | `teacher` | the admin's hub name (signs up first, approved at once) |
| VOCABSPHERE_HUB_DIR | `<repo>/var/hub` | hub database, cookie secret, one folder per user |
| VOCABSPHERE_HUB_PORT | `8000` | the public port on 127.0.0.1 (`VOCABSPHERE_HUB_IP` to change) |
| VOCABSPHERE_HUB_API_PORT / _PROXY_API_PORT | `8081` / `8001` | the hub's and the proxy's internal ports |
| VOCABSPHERE_HUB_CULL | `1800` | the idle culler stops a server this many seconds after its last activity |
| VOCABSPHERE_HUB_TEACHER_DIR | `<repo>` | the teacher's JupyterLab folder (holds notebooks/) |
| VOCABSPHERE_HUB_COOKIE_DAYS | `1` | how long a sign-in lasts (a school day, not JupyterHub's 14) |

SimpleLocalProcessSpawner runs every user's server as the hub's own Unix user: fine for one
class on a teacher's machine, no isolation between users who can run Python (see
docs/serving.md for the honest limits and what to use instead).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ENV = os.environ
HUB_DIR = Path(ENV.get("VOCABSPHERE_HUB_DIR") or ROOT / "var" / "hub").resolve()
STORE = ENV.get("VOCABSPHERE_DB") or str(ROOT / "var" / "learning.sqlite3")
CLASS = ENV.get("VOCABSPHERE_CLASS") or "DEFAULT"
TEACHER = (ENV.get("VOCABSPHERE_TEACHER") or "teacher").lower()
IP = ENV.get("VOCABSPHERE_HUB_IP") or "127.0.0.1"
PORT = int(ENV.get("VOCABSPHERE_HUB_PORT") or 8000)
API_PORT = int(ENV.get("VOCABSPHERE_HUB_API_PORT") or 8081)
PROXY_API_PORT = int(ENV.get("VOCABSPHERE_HUB_PROXY_API_PORT") or 8001)
CULL = int(ENV.get("VOCABSPHERE_HUB_CULL") or 1800)
TEACHER_DIR = Path(ENV.get("VOCABSPHERE_HUB_TEACHER_DIR") or ROOT).resolve()
PROXY = ROOT / ".hub" / "node_modules" / ".bin" / "configurable-http-proxy"
STUDENT_PAGE = "/voila/render/index.ipynb"
TEACHER_PAGE = "/lab/tree/notebooks/class-dashboard.ipynb"

HUB_DIR.mkdir(parents=True, exist_ok=True)
if not PROXY.exists():
    raise SystemExit(f"the JupyterHub proxy is missing ({PROXY}): run bash scripts/setup-hub.sh "
                     "(needs npm)")

c = get_config()  # type: ignore[name-defined]  # noqa: F821 - provided by JupyterHub

# --- where the hub listens and keeps its state --------------------------------------------------
c.JupyterHub.bind_url = f"http://{IP}:{PORT}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{API_PORT}"
c.JupyterHub.db_url = f"sqlite:///{HUB_DIR / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(HUB_DIR / "jupyterhub_cookie_secret")
c.JupyterHub.cookie_max_age_days = float(ENV.get("VOCABSPHERE_HUB_COOKIE_DAYS") or 1)
c.ConfigurableHTTPProxy.command = [str(PROXY)]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PROXY_API_PORT}"
c.ConfigurableHTTPProxy.pid_file = str(HUB_DIR / "proxy.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every user's server

# --- who may sign in -----------------------------------------------------------------------------
c.JupyterHub.authenticator_class = "native"
c.NativeAuthenticator.allow_all = True  # NativeAuthenticator itself admits only approved users
c.Authenticator.admin_users = {TEACHER}
c.NativeAuthenticator.minimum_password_length = 8
c.NativeAuthenticator.check_common_password = True
c.NativeAuthenticator.allowed_failed_logins = 5
c.NativeAuthenticator.seconds_before_next_try = 60

# --- one server per user, on this machine --------------------------------------------------------
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = str(HUB_DIR / "users" / "{username}")
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.ip = "127.0.0.1"
if os.geteuid() == 0:  # containers and CI run as root; Jupyter refuses that unless told
    c.Spawner.args = ["--allow-root"]
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = {
    "VOCABSPHERE_DB": STORE,
    "VOCABSPHERE_CLASS": CLASS,
    "PATH": f"{BIN}{os.pathsep}{ENV.get('PATH', '/usr/bin:/bin')}",
}
for key in ("VOCABSPHERE_DATA", "VOCABSPHERE_TZ", "PYTHONPATH"):
    if ENV.get(key):
        c.Spawner.environment[key] = ENV[key]


def _per_role(spawner) -> None:
    """Students: the lessons in Voila only; the teacher: JupyterLab on the repository."""
    teacher = spawner.user.admin
    role_dir = ROOT / "deploy" / "singleuser" / ("teacher" if teacher else "student")
    spawner.notebook_dir = str(TEACHER_DIR if teacher else ROOT / "lessons")
    spawner.default_url = TEACHER_PAGE if teacher else STUDENT_PAGE
    spawner.environment = {**spawner.environment, "JUPYTER_CONFIG_PATH": str(role_dir)}


c.Spawner.pre_spawn_hook = _per_role

# --- the idle culler: stops servers nobody used for CULL seconds ---------------------------------
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={CULL}",
                f"--cull-every={max(10, min(300, CULL // 3))}"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
