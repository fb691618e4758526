"""``make lab``: JupyterLab on the chapters, offline, with the project's kernel.

Run as ``python -m parallel_forces.lab`` (``make lab`` does); ``tests/test_lab.py`` starts
JupyterLab with the same :func:`command` and :func:`environment`. What a researcher gets:

- the file browser opens on ``notebooks/``, the chapters; their ``python3`` kernel runs on
  this environment's Python (Jupyter starts a ``python`` kernel with the server's own
  interpreter) and import this checkout's ``parallel_forces``;
- the server listens on 127.0.0.1 only, with no token: nothing but this machine reaches it,
  and no token prompt;
- charts drawn and numbers in the prose: the extension in
  ``jupyter/labextensions/parallel-forces-lab`` draws each figure with the Vega files vendored
  in ``vendor_static/vendor`` and shows each ``{glue:text}`` role's value; jupyterlab-myst
  (in requirements.txt) renders the MyST markdown. The kernel's outputs are the book's own;
  nothing is added to the notebooks;
- no request outside the machine: ``jupyter/labconfig`` (on ``JUPYTER_CONFIG_PATH``) and the
  flags below turn off JupyterLab's news feed and update check;
- ``--allow-root`` when run as root (CI and containers).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
#: Read by JupyterLab as the folder of federated extensions it loads besides its own.
EXTENSIONS = ROOT / "jupyter" / "labextensions"
#: A Jupyter configuration folder: ``labconfig/default_setting_overrides.json``.
CONFIG = ROOT / "jupyter"


def command(root_dir: Path | str = NOTEBOOKS, port: int | None = None, open_browser: bool = True) -> list[str]:
    """The command that starts JupyterLab for the researcher."""
    args = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={root_dir}",
        "--ServerApp.ip=127.0.0.1",
        "--IdentityProvider.token=",
        f"--LabApp.extra_labextensions_path={EXTENSIONS}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if port is not None:
        args += [f"--ServerApp.port={port}", "--ServerApp.port_retries=0"]
    if not open_browser:
        args.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")
    return args


def _prepend(path: Path, value: str) -> str:
    return os.pathsep.join([str(path)] + [p for p in value.split(os.pathsep) if p])


def environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment JupyterLab and its kernels run in: ``base`` (default ``os.environ``)
    with the project's Jupyter configuration folder first on ``JUPYTER_CONFIG_PATH``, and
    this checkout first on ``PYTHONPATH``, so that the kernels import this checkout's
    ``parallel_forces`` even when the environment's editable install points at another copy."""
    env = dict(os.environ if base is None else base)
    env["JUPYTER_CONFIG_PATH"] = _prepend(CONFIG, env.get("JUPYTER_CONFIG_PATH", ""))
    env["PYTHONPATH"] = _prepend(ROOT, env.get("PYTHONPATH", ""))
    return env


def main() -> None:
    vega = EXTENSIONS / "parallel-forces-lab" / "static" / "vendor" / "vega.min.js"
    if not vega.exists():
        sys.exit(f"{vega} is missing: it links to vendor_static/vendor, the Vega files the book vendors")
    cmd = command()
    os.execve(cmd[0], cmd, environment())


if __name__ == "__main__":
    main()
