"""The researcher's paths: re-run a downloaded notebook, change the data and get
the right book, change a convention and see it used.

The data-change test builds a copy of the repository three times with `make book`
(about a minute each): it is the proof that a stale figure or number is never
published after an edit under data/.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import copy_repo
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def glued(nb) -> dict[str, str]:
    out = {}
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            name = o.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                out[name] = o["data"]["application/papermill.record/text/plain"].strip("'")
    return out


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_download_resolves_and_runs(nb_path, tmp_path):
    """Each notebook page offers its .ipynb (not .ipynb.txt), and that file runs
    top to bottom in the project's environment, from any folder."""
    page = (SITE / "notebooks" / f"{nb_path.stem}.html").read_text(encoding="utf-8")
    link = f"../_sources/notebooks/{nb_path.stem}.ipynb"
    assert f'href="{link}"' in page, f"{nb_path.stem}: no .ipynb download link"
    downloaded = SITE / "_sources" / "notebooks" / f"{nb_path.stem}.ipynb"
    nb = nbformat.read(downloaded, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]


def test_convention_change_moves_durations_and_is_stated(tmp_path):
    """PF_REFERENCE_MONTH=2019-12: the durations chapter's numbers move, and the
    page says which convention it used."""
    nb_path = ROOT / "notebooks" / "02-durations.ipynb"
    runs = {}
    for month in ("", "2019-12"):
        nb = nbformat.read(nb_path, as_version=4)
        env_before = os.environ.get("PF_REFERENCE_MONTH")
        os.environ["PF_REFERENCE_MONTH"] = month
        try:
            NotebookClient(
                nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
            ).execute()
        finally:
            if env_before is None:
                os.environ.pop("PF_REFERENCE_MONTH", None)
            else:
                os.environ["PF_REFERENCE_MONTH"] = env_before
        text = "\n".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells for o in c.get("outputs", []))
        runs[month] = (glued(nb), text)
    default, later = runs[""], runs["2019-12"]
    assert default[0]["dur_reference"] == "September 2019" and later[0]["dur_reference"] == "December 2019"
    assert float(later[0]["dur_mean"]) >= float(default[0]["dur_mean"])
    assert "counted to 2019-12" in later[1] and "differ from the report's defaults" in later[1]
    assert "counted to 2019-09" in default[1] and "differ from" not in default[1]


def test_fingerprint_moves_with_data_and_conventions(monkeypatch):
    from parallel_forces import config
    from parallel_forces.site import build

    base = build.fingerprint(config.load())
    monkeypatch.setenv("PF_REFERENCE_MONTH", "2019-12")
    assert build.fingerprint(config.load()) != base
    monkeypatch.delenv("PF_REFERENCE_MONTH")
    assert build.fingerprint(config.load()) == base


# --- change the data, get the right book ---------------------------------------


def _make_book(repo: Path):
    env = dict(os.environ, PYTHONPATH=str(repo))
    env.pop("PF_REFERENCE_MONTH", None)
    # -o: the shared .venv is already set up; never reinstall the package from the copy.
    r = subprocess.run(["make", "-o", ".venv/.installed", "book"], cwd=repo, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]


def _state(repo: Path) -> dict:
    html = repo / "_build" / "html"
    kf = pd.read_csv(html / "downloads" / "key-figures.csv")
    kf = kf[kf["edition"] == "annex"].set_index("name")["value"]  # the edition the chapters show
    dur = pd.read_csv(html / "downloads" / "figures" / "durations.csv").set_index("id")
    page = (html / "notebooks" / "02-durations.html").read_text(encoding="utf-8")
    record = (html / "book" / "generated" / "forces" / "operation-licorne.html").read_text(encoding="utf-8")
    return {
        "mean": float(kf["duration_mean_years"]),
        "licorne_months": int(dur.loc["operation-licorne", "months"]),
        "page": page,
        "record": record,
        "kf_bytes": (html / "downloads" / "key-figures.csv").read_bytes(),
        "dur_bytes": (html / "downloads" / "figures" / "durations.csv").read_bytes(),
    }


def _set_end(repo: Path, fid: str, end: str) -> str:
    path = repo / "data" / "parallel_forces.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    old = next(r["end"] for r in rows if r["id"] == fid)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({**r, "end": end} if r["id"] == fid else r)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return old


@pytest.mark.slow
def test_data_change_reaches_every_page(tmp_path):
    repo = copy_repo(tmp_path / "main")
    original = (repo / "data" / "parallel_forces.csv").read_bytes()
    _make_book(repo)
    before = _state(repo)
    n = len(pd.read_csv(repo / "data" / "parallel_forces.csv"))

    old_end = _set_end(repo, "operation-licorne", "2017-01")  # two years later
    assert old_end == "2015-01"
    _make_book(repo)
    after = _state(repo)
    assert after["licorne_months"] == before["licorne_months"] + 24
    assert after["mean"] == pytest.approx(before["mean"] + 24 / n / 12, abs=0.006)
    assert _page_mean(after) == f"{after['mean']:.1f}" != _page_mean(before)
    assert "2017-01" in after["record"]

    (repo / "data" / "parallel_forces.csv").write_bytes(original)
    _make_book(repo)
    restored = _state(repo)
    assert restored["kf_bytes"] == before["kf_bytes"]
    assert restored["dur_bytes"] == before["dur_bytes"]
    assert "2017-01" not in restored["record"] and "2015-01" in restored["record"]
    assert _page_mean(restored) == _page_mean(before)


def _page_mean(state: dict) -> str:
    """The mean duration as the durations chapter prints it."""
    m = re.search(r'<span class="pasted-text">([0-9.]+)</span> years on average', state["page"])
    assert m, "the durations chapter no longer prints its mean"
    return m.group(1)
