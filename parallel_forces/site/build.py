"""Steps around ``jupyter-book build``.

Before: Jupyter Book's execution cache is keyed on code cells only, and Sphinx
re-reads only pages whose source changed, so after an edit to the data (or the
package, or a convention) a plain rebuild could publish stale numbers. The
prebuild step fingerprints everything the results depend on and wipes
``_build`` when the fingerprint moved. It also generates the pages made from data.

After: the downloads, then the fingerprint is recorded (only a build that got
this far counts as current).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from . import paths
from .settings import load_conventions

FINGERPRINT = paths.BUILD_DIR / ".pf-fingerprint"
GENERATED = paths.ROOT / "book" / "generated"


def _code_cells(nb_path: Path) -> str:
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")


def fingerprint() -> str:
    """Hash of the data, the package, the conventions, the pins and the notebooks' code."""
    h = hashlib.sha256()
    files = sorted(paths.DATA_DIR.glob("*")) + sorted((paths.ROOT / "parallel_forces").rglob("*.py"))
    files += [paths.ROOT / "requirements.txt", paths.ROOT / "CITATION.cff"]
    for f in files:
        if f.is_file():
            h.update(f.name.encode())
            h.update(f.read_bytes())
    for nb in sorted((paths.ROOT / "notebooks").glob("*.ipynb")):
        h.update(nb.name.encode())
        h.update(_code_cells(nb).encode())
    h.update(load_conventions().describe().encode())
    return h.hexdigest()


def prebuild() -> None:
    current = fingerprint()
    previous = FINGERPRINT.read_text().strip() if FINGERPRINT.exists() else None
    if paths.BUILD_DIR.exists() and previous != current:
        print("prebuild: data, package, conventions or notebook code changed since the last "
              "complete build: rebuilding from scratch so nothing stale is published.")
        shutil.rmtree(paths.BUILD_DIR)
    if previous != current:
        FINGERPRINT.unlink(missing_ok=True)
    from .pages import generate_pages

    for p in generate_pages(GENERATED):
        pass
    print(f"prebuild: generated pages under {GENERATED.relative_to(paths.ROOT)}")


#: Accessibility fixes to the theme's markup, applied to every built page (axe-core
#: flags these on a default Jupyter Book 1 page; see tests/test_browser.py).
HTML_FIXES = [
    # The search buttons' aria-label "Search" hides their visible text "Search Ctrl+K":
    # let the visible text be the accessible name (label-content-name-mismatch).
    ('title="Search" aria-label="Search" data-bs-placement', 'title="Search" data-bs-placement'),
    # The colour-mode icons carry titles that do not match the button's label.
    (' data-mode="light" title="Light"', ' data-mode="light"'),
    (' data-mode="dark"  title="Dark"', ' data-mode="dark"'),
    (' data-mode="auto"  title="System Settings"', ' data-mode="auto"'),
    # The sidebar's expand toggles are <summary> elements with only an icon (summary-name).
    ('<summary><span class="toctree-toggle"',
     '<summary aria-label="Show or hide the pages of this section"><span class="toctree-toggle"'),
    # docutils 0.21 marks the bibliography role="list" around doc-biblioentry items,
    # which a list may not contain (aria-required-children).
    ('<div role="list" class="citation-list">', '<div class="citation-list">'),
]


def cite_page_html(title: str, path: str) -> str:
    """The "Cite this page" block appended to every article, and citation_* meta tags."""
    import html as _html

    from .citation import authors_text, cff, cite_block_html, year

    key = "pf-" + (path.rsplit("/", 1)[-1].removesuffix(".html") or "index")
    block = cite_block_html(key, title, path, heading="Cite this page")
    return f'<section class="pf-cite-page" aria-label="Cite this page">{block}</section>'


def citation_meta(title: str, path: str) -> str:
    import html as _html

    from .citation import authors_text, cff, permalink, year

    tags = [("citation_title", title), ("citation_publication_date", year()),
            ("citation_public_url", permalink(path)), ("citation_publisher", cff()["title"])]
    tags += [("citation_author", a) for a in authors_text().split("; ")]
    return "".join(f'<meta name="{n}" content="{_html.escape(v)}">' for n, v in tags)


def fix_html(html_dir: Path) -> int:
    """Apply :data:`HTML_FIXES` to every page, add a "Cite this page" block and
    citation meta tags; return how many pages changed."""
    import html as _html
    import re

    changed = 0
    for page in html_dir.rglob("*.html"):
        rel = page.relative_to(html_dir).as_posix()
        if rel.startswith(("_static", "downloads")):
            continue
        text = page.read_text(encoding="utf-8")
        new = text
        for old, repl in HTML_FIXES:
            new = new.replace(old, repl)
        m = re.search(r"<title>(.*?) &#8212;", new)
        if m and "</article>" in new and "pf-cite-page" not in new and rel not in ("search.html", "genindex.html"):
            title = _html.unescape(m.group(1))
            new = new.replace("</article>", cite_page_html(title, rel) + "</article>", 1)
            new = new.replace("</head>", citation_meta(title, rel) + "</head>", 1)
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def postbuild() -> None:
    from .export import export_all

    html = paths.BUILD_DIR / "html"
    if not (html / "index.html").exists():
        raise SystemExit("postbuild: _build/html/index.html is missing: the book build did not finish.")
    fix_html(html)
    current = fingerprint()
    done = FINGERPRINT.exists() and FINGERPRINT.read_text().strip() == current
    if done and (paths.DOWNLOADS_DIR / "key-figures.csv").exists():
        print("postbuild: inputs unchanged since the last complete build: downloads are current")
        return
    from .claims import export_audit

    written = export_all(paths.DOWNLOADS_DIR)
    written.append(export_audit(paths.DOWNLOADS_DIR))
    print(f"postbuild: wrote {len(written)} downloads under {paths.DOWNLOADS_DIR.relative_to(paths.ROOT)}")
    FINGERPRINT.write_text(current + "\n")
