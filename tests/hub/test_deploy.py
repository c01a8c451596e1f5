"""deploy/: what can be checked without a cluster or docker (both absent here).

The hub configuration itself runs in tests/hub/test_hub.py; here the Kubernetes values and the
image definition are held to the same choices, and the proxy's set-up is checked.
"""

from __future__ import annotations

import json
import re
import subprocess

import yaml

from .support import PROXY, ROOT

DEPLOY = ROOT / "deploy"


def _local_config() -> str:
    return (DEPLOY / "jupyterhub_config.py").read_text()


def test_helm_values_make_the_same_choices_as_the_tested_hub():
    values = yaml.safe_load((DEPLOY / "z2jh-values.yaml").read_text())
    local = _local_config()
    student_page = re.search(r'STUDENT_PAGE = "([^"]+)"', local).group(1)
    teacher_page = re.search(r'TEACHER_PAGE = "([^"]+)"', local).group(1)
    hub, single = values["hub"], values["singleuser"]
    assert hub["config"]["JupyterHub"]["authenticator_class"] == "native"
    assert 'c.JupyterHub.authenticator_class = "native"' in local
    assert hub["config"]["NativeAuthenticator"]["allow_all"] is True
    assert single["defaultUrl"] == student_page
    assert single["extraEnv"]["VOCABSPHERE_DB"]["valueFrom"]["secretKeyRef"]["key"] == "url"
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] == 1800

    # the pre-spawn hook is valid Python and gives each role what the local hook gives
    namespace: dict = {"c": type("C", (), {"KubeSpawner": type("K", (), {})()})()}
    exec(compile(hub["extraConfig"]["vocabsphere-roles"], "extraConfig", "exec"), namespace)
    hook = namespace["c"].KubeSpawner.pre_spawn_hook
    for admin, page, role in ((False, student_page, "student"), (True, teacher_page, "teacher")):
        spawner = type("S", (), {})()
        spawner.user = type("U", (), {"admin": admin})()
        spawner.environment = {"VOCABSPHERE_CLASS": "7B"}
        hook(spawner)
        assert spawner.default_url == page
        assert spawner.environment["JUPYTER_CONFIG_PATH"].endswith(f"deploy/singleuser/{role}")
        assert spawner.environment["VOCABSPHERE_CLASS"] == "7B"
        assert (DEPLOY / "singleuser" / role / "jupyter_server_config.json").is_file()


def test_student_servers_have_no_jupyterlab_and_no_terminals():
    conf = json.loads((DEPLOY / "singleuser" / "student" / "jupyter_server_config.json").read_text())
    extensions = conf["ServerApp"]["jpserver_extensions"]
    assert extensions["voila"] is True and extensions["jupyterlab"] is False
    assert extensions["jupyter_server_terminals"] is False
    assert conf["VoilaExecutor"]["iopub_timeout"] == 60  # as voila.json (docs/serving.md)


def test_the_image_runs_the_projects_own_setup_and_checks_the_data():
    docker = (DEPLOY / "Dockerfile").read_text()
    assert "bash scripts/setup.sh" in docker and "toolkit data --check" in docker
    wanted = re.search(r'VOCABSPHERE_APT_PACKAGES="([^"]+)"', docker).group(1).split()
    setup = (ROOT / "scripts" / "setup.sh").read_text()
    default = re.search(r'APT_PACKAGES="\$\{VOCABSPHERE_APT_PACKAGES:-([^}]+)\}"', setup).group(1)
    assert set(wanted) <= set(default.split()) and "chromium" not in wanted
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".venv", ".hub", "var"} <= set(ignored)


def test_setup_hub_installs_the_locked_proxy_and_is_quick_the_second_time():
    lock = json.loads((DEPLOY / "proxy" / "package-lock.json").read_text())
    locked = lock["packages"]["node_modules/configurable-http-proxy"]["version"]
    run = subprocess.run(["bash", "scripts/setup-hub.sh"], cwd=ROOT, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    if not PROXY.exists():  # no npm here: the script said what to install
        assert "npm is missing" in run.stderr
        return
    again = subprocess.run(["bash", "scripts/setup-hub.sh"], cwd=ROOT, capture_output=True,
                           text=True, timeout=60)
    assert again.returncode == 0 and again.stdout == "" and again.stderr == ""
    version = subprocess.run([str(PROXY), "--version"], capture_output=True, text=True)
    assert version.stdout.strip() == locked == "5.3.0"
