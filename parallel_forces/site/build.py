"""Steps around ``jupyter-book build``.

Before: Jupyter Book's execution cache is keyed on code cells only, and Sphinx
re-reads only pages whose source changed, so after an edit to the data (or the
package, or a convention) a plain rebuild could publish stale numbers. The
prebuild step fingerprints everything the results depend on and wipes
``_build`` when the fingerprint moved. It also generates the pages made from data.

After: the downloads, then the fingerprint is recorded (only a build that got
this far counts as current). Nothing else touches the built pages: their citations
and accessibility fixes are made during the build by :mod:`.sphinx_ext`.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from .. import config

FINGERPRINT_FILE = ".pf-fingerprint"


def _code_cells(nb_path: Path) -> str:
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")


def fingerprint(cfg: config.Config) -> str:
    """Hash of the data, the package, the conventions, the pins, the notebooks' code and the
    addresses the pages print (base URL, repository)."""
    root = cfg.paths.root
    h = hashlib.sha256()
    files = sorted(cfg.paths.data.rglob("*")) + sorted((root / "parallel_forces").rglob("*"))
    files += [root / "requirements.txt", cfg.paths.citation_file]
    for f in files:
        if f.is_file() and "__pycache__" not in f.parts:
            h.update(f.relative_to(root if root in f.parents else f.parents[1]).as_posix().encode())
            h.update(f.read_bytes())
    for nb in sorted((root / "notebooks").glob("*.ipynb")):
        h.update(nb.name.encode())
        h.update(_code_cells(nb).encode())
    # Both editions' conventions: every chapter compares the current edition with the Annex's.
    for edition in config.EDITIONS:
        h.update(cfg.conventions.with_edition(edition).describe().encode())
    h.update(f"{cfg.site_url or ''}\n{cfg.repository_url or ''}".encode())
    return h.hexdigest()


def prebuild(cfg: config.Config) -> None:
    build = cfg.paths.build
    stamp = build / FINGERPRINT_FILE
    current = fingerprint(cfg)
    previous = stamp.read_text().strip() if stamp.exists() else None
    if build.exists() and previous != current:
        print(
            "prebuild: data, package, conventions or notebook code changed since the last "
            "complete build: rebuilding from scratch so nothing stale is published."
        )
        shutil.rmtree(build)
    from .pages import generate_pages

    generate_pages(cfg)
    print(f"prebuild: generated pages under {cfg.paths.generated.relative_to(cfg.paths.root)}")


def postbuild(cfg: config.Config) -> None:
    from ..claims.engine import export_audit
    from ..data import load_forces
    from .export import export_all

    html = cfg.paths.html
    if not (html / "index.html").exists():
        raise SystemExit("postbuild: _build/html/index.html is missing: the book build did not finish.")
    stamp = cfg.paths.build / FINGERPRINT_FILE
    current = fingerprint(cfg)
    done = stamp.exists() and stamp.read_text().strip() == current
    downloads = cfg.paths.downloads
    if done and (downloads / "key-figures.csv").exists():
        print("postbuild: inputs unchanged since the last complete build: downloads are current")
        return
    forces = load_forces(cfg)
    written = export_all(cfg, downloads, forces)
    written.append(export_audit(downloads, forces, cfg))
    print(f"postbuild: wrote {len(written)} downloads under {downloads.relative_to(cfg.paths.root)}")
    stamp.write_text(current + "\n")
