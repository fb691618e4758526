"""A package that works where it is installed: the wheel carries the data package, so a new
user's `pip install .` then `pf.load_forces()` works from any folder.

The wheel is built from a copy of the repository (without build isolation: the build backend
comes from the project's environment, as everything here works offline) and installed, without
its dependencies, into a fresh virtual environment; the dependencies come from the project's
environment through a path file (a `.pth` line adds its site-packages, and nothing of the
project: not its folder, not the editable install). From a folder outside the repository, with
no PYTHONPATH, the installed package loads the data, validates it and exports the downloads.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, copy_repo


def _run(cmd, cwd, env=None) -> str:
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    assert r.returncode == 0, f"{' '.join(map(str, cmd))}:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
    return r.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(python of a fresh venv holding the installed wheel, the wheel, a folder outside the repo)."""
    base = tmp_path_factory.mktemp("wheel")
    src = copy_repo(base / "src", venv=False)
    wheels = base / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "--no-index", "-q",
          "-w", wheels, src], base)  # fmt: skip
    (wheel,) = wheels.glob("parallel_forces-*.whl")
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], base)
    python = venv / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel], base)
    purelib = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], base).strip()
    Path(purelib, "project-environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    return python, wheel, elsewhere


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PF_") and k != "PYTHONPATH"}
    return env


def test_wheel_carries_the_data_package(installed):
    _, wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    data = ROOT / "data"
    for f in sorted(p for p in data.rglob("*") if p.is_file()):
        assert f"parallel_forces/_data/{f.relative_to(data).as_posix()}" in names, f
    assert "parallel_forces/_data/since-2019/sources.csv" in names
    assert "parallel_forces/_data/CITATION.cff" in names
    assert "parallel_forces/site/static/favicon.svg" in names


def test_installed_package_loads_validates_exports_from_any_folder(installed):
    python, _, elsewhere = installed
    out = _run(
        [python, "-c", "import parallel_forces as pf; f = pf.load_forces(); "
         "print(pf.__file__); print(len(f)); print(pf.config.load().paths.data)"],
        elsewhere, _env(),
    ).split("\n")  # fmt: skip
    assert str(elsewhere.parent / "venv") in out[0] and str(ROOT) not in out[0]
    assert int(out[1]) == sum(1 for _ in open(ROOT / "data" / "parallel_forces.csv", encoding="utf-8")) - 1
    assert out[2].endswith("parallel_forces/_data")
    assert "Data valid" in _run([python, "-m", "parallel_forces", "validate"], elsewhere, _env())
    _run([python, "-m", "parallel_forces", "export", "--out", "downloads"], elsewhere, _env())
    downloads = elsewhere / "downloads"
    assert (downloads / "parallel_forces.csv").read_bytes() == (ROOT / "data" / "parallel_forces.csv").read_bytes()
    for name in ("parallel_forces.xlsx", "key-figures.csv", "figures/timeline.png", "forces/kfor.json"):
        assert (downloads / name).stat().st_size > 0, name
