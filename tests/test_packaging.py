"""The project's shape: dependencies agree, the package is typed, the CI runs the README command."""

import re
import tomllib

from common import ROOT


def _name(req: str) -> str:
    return re.split(r"[<>=!~\[; ]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    for extra in project.get("optional-dependencies", {}).values():
        wanted |= {_name(r) for r in extra}
    env = (ROOT / "environment.yml").read_text()
    pip_block = env.split("- pip:", 1)[1]
    listed = {_name(line) for line in re.findall(r"^\s+- (\S[^\n]*)$", pip_block, re.M)}
    assert listed == wanted, f"only in environment.yml: {listed - wanted}; only in pyproject: {wanted - listed}"


def test_required_packages_are_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = {_name(r) for r in project["dependencies"]} | {
        _name(r) for r in project["optional-dependencies"]["test"]}
    assert {"jupyterlab", "ipywidgets", "voila", "textstat", "nltk", "pandas", "pytest"} <= names


def test_package_is_typed_and_layout_exists():
    assert (ROOT / "toolkit" / "py.typed").is_file()
    for d in ["toolkit", "lessons", "notebooks", "tests", "benchmarks"]:
        assert (ROOT / d).is_dir(), d


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and "make run" in readme
    assert re.search(r"^make test$", ci, re.M)


def test_test_folders_are_packages():
    """Each tests/ subfolder is a package, so its conftest never shadows another's."""
    folders = [d for d in (ROOT / "tests").iterdir() if d.is_dir() and any(d.glob("test_*.py"))]
    assert folders and all((d / "__init__.py").is_file() for d in folders), folders


def test_no_benchmark_script_shadows_an_installed_module(tmp_path) -> None:
    """A script runs with benchmarks/ first on sys.path: benchmarks/click.py once hid the
    `click` package spaCy imports, so every benchmark that parsed text crashed."""
    import os
    import subprocess
    import sys

    from common import ROOT

    names = sorted(p.stem for p in (ROOT / "benchmarks").glob("*.py"))
    code = ("import importlib.util, sys; "
            "print([n for n in sys.argv[1:] if importlib.util.find_spec(n) is not None])")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run([sys.executable, "-c", code, *names], capture_output=True, text=True,
                         cwd=tmp_path, env=env, check=True)
    assert out.stdout.strip() == "[]", f"benchmark scripts named like installed modules: {out.stdout}"
