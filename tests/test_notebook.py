"""The example notebook runs top to bottom on the mirror's store through the facade.

Its own cells assert the BIS figures they show (WS_TC, one decimal); this test
executes every cell with nbclient in a fresh kernel and fails on any error.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "examples" / \
    "china_cycle_and_us_scenario.ipynb"


def test_example_notebook_executes_without_errors() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError naming the cell that failed
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("text/html" in o.get("data", {}) for o in outputs)  # tables rendered
    saved = [c for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code"]
    assert all(not c.outputs for c in saved), "commit the notebook without outputs"
