"""The class dashboard notebook runs headless without an error (demo store, no env)."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "class-dashboard.ipynb"


def test_class_dashboard_notebook_executes(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("VOCABSPHERE_DB", raising=False)
    monkeypatch.delenv("VOCABSPHERE_CLASS", raising=False)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "strip outputs"
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    shown = "".join(str(o.get("data", {})) for o in outputs)
    assert "application/vnd.jupyter.widget-view+json" in shown  # the dashboard rendered
    assert "point_biserial" in shown  # and the researcher's DataFrame
