"""Execute notebooks in place and store their outputs (for nbval and for
readers of the .ipynb). Timing metadata is not recorded, so a re-run on the same
data gives a byte-identical file. Usage: python scripts/execute_notebooks.py [NB ...]"""

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent

paths = [Path(p).resolve() for p in sys.argv[1:]] or sorted((ROOT / "notebooks").glob("*.ipynb"))
for path in paths:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb, timeout=600, kernel_name="python3", record_timing=False, resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    nbformat.write(nb, path)
    print(f"executed {path.relative_to(ROOT)}")
