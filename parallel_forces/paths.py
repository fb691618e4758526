"""Where things are: the repository root and its data folder.

``PF_DATA_DIR`` points the package at another copy of the data (used by the
benchmark and by tests that corrupt a copy).
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("PF_DATA_DIR", ROOT / "data"))
DATAPACKAGE = DATA_DIR / "datapackage.json"
FORCES_CSV = DATA_DIR / "parallel_forces.csv"
MANDATES_CSV = DATA_DIR / "mandates.csv"
BUILD_DIR = ROOT / "_build"
DOWNLOADS_DIR = BUILD_DIR / "html" / "downloads"
