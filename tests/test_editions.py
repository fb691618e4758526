"""A build with each edition passes the browser test.

The default build (``make book``: the Annex edition) is what every browser test reads. Here a
copy of the repository is built once with ``PF_EDITION=current``, and the browser checks of
``tests/test_browser.py`` (offline, no console error, every chart drawn, axe-core, downloads,
phone width) run on it, on every page whose content the edition changes: the chapters, the
explore page, the page on the update, About the data, the home page, and the records of a force
the update ends, of one still deployed and of a force deployed since (every record page is built
from one template, which the default build's browser test checks on every force). About two and
a half minutes on an idle machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import copy_repo

ROOT = Path(__file__).resolve().parent.parent


def _make_book(repo: Path, **env_vars) -> None:
    env = dict(os.environ, PYTHONPATH=str(repo), **env_vars)
    for var in ("PF_REFERENCE_MONTH", "PF_SITE_DIR", "PF_BROWSER_PAGES"):
        env.pop(var, None)
    # -o: the shared .venv is already set up; never reinstall the package from the copy.
    r = subprocess.run(["make", "-o", ".venv/.installed", "book"], cwd=repo, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]


#: Records checked in the current edition's build: a force the update ends (with a successor),
#: one still deployed, and one deployed since 2019 (still deployed, no Chapter VII known).
RECORDS = ("amisom", "kfor", "aussom")


def edition_pages(html: Path) -> list[str]:
    """The pages whose content depends on the edition."""
    pages = [p.relative_to(html).as_posix() for p in sorted((html / "notebooks").glob("*.html"))]
    pages += ["book/index.html", "book/explore.html", "book/since-2019.html", "book/about-data.html"]
    pages += [f"book/generated/forces/{fid}.html" for fid in RECORDS]
    missing = [p for p in pages if not (html / p).exists()]
    assert not missing, missing
    return pages


@pytest.mark.slow
def test_current_edition_build_passes_the_browser_checks(tmp_path):
    repo = copy_repo(tmp_path / "current")
    _make_book(repo, PF_EDITION="current")
    html = repo / "_build" / "html"
    # The pages show the current edition, and the downloads still cover both.
    durations = (html / "notebooks" / "02-durations.html").read_text(encoding="utf-8")
    assert "the current edition" in durations and "Since the report" in durations
    kf = pd.read_csv(html / "downloads" / "key-figures.csv")
    assert set(kf["edition"]) == {"annex", "current"}
    assert (html / "downloads" / "parallel_forces.csv").read_bytes() == (
        ROOT / "data" / "parallel_forces.csv"
    ).read_bytes()
    explore = (html / "book" / "explore.html").read_text(encoding="utf-8")
    assert 'data-id="aussom"' in explore and 'data-edition="since 2019"' in explore

    env = dict(os.environ, PF_SITE_DIR=str(html), PF_BROWSER_PAGES=",".join(edition_pages(html)))
    r = subprocess.run(
        [sys.executable, "-m", "pytest", str(ROOT / "tests" / "test_browser.py"), "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-2000:]
