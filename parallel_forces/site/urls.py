"""Every internal address of the site, made by one function.

Pages are named by their path from the site's root ("notebooks/01-types.html");
:func:`url` turns a target into the relative link a given page must use, so the
site works from any folder, from ``file://`` and under any base URL. :func:`source`
does the same for a link written in a MyST page to another source document, which
Sphinx checks and turns into the page's address itself.
"""

from __future__ import annotations

import posixpath

#: Where generated record pages, downloads and chapters live, from the site root.
RECORDS = "book/generated/forces"
DOWNLOADS = "downloads"
EXPLORE = "book/explore.html"
#: The records' index page (book/forces.md), which lists every record.
RECORDS_INDEX = "book/forces.html"
ABOUT_DATA = "book/about-data.html"
AUDIT = "notebooks/06-audit.html"
#: The page of the update since September 2019 (its forces, changed cells, rejected
#: candidates and sources, each source an anchor ``#src-...``).
SINCE = "book/since-2019.html"
#: The folder of the chapters, standing for any chapter page as the origin of a link
#: (every notebook sits in it, so a link is the same whichever chapter shows it).
NOTEBOOKS = "notebooks/"


def record(fid: str) -> str:
    """A force's record page."""
    return f"{RECORDS}/{fid}.html"


def source_anchor(sid: str) -> str:
    """A source of the update since 2019, on the page that lists them all."""
    return f"{SINCE}#{sid}"


def download(name: str) -> str:
    """A file under the downloads folder ("figures/timeline.svg")."""
    return f"{DOWNLOADS}/{name}"


def figure(fig_id: str, page: str) -> str:
    """A figure's anchor on the page that shows it."""
    return f"{page}#fig-{fig_id}"


def _relative(path: str, page: str) -> str:
    here = posixpath.dirname(page)
    return posixpath.relpath(path, here or ".") if path else posixpath.basename(page)


def url(target: str, page: str) -> str:
    """The link from ``page`` to ``target`` (both from the site root; ``target`` may carry
    a ``#fragment``; a notebook's ``.ipynb`` is linked as its ``.html``)."""
    path, _, frag = target.partition("#")
    if path.endswith(".ipynb"):
        path = path[: -len(".ipynb")] + ".html"
    return _relative(path, page) + (f"#{frag}" if frag else "")


def source(target: str, page: str) -> str:
    """The link, as written in the MyST source of ``page``, to the source document
    ``target`` ("notebooks/01-types.ipynb"): the suffix is kept, so that Sphinx checks
    the document exists (a broken link fails the strict build) and makes its address."""
    return _relative(target, page)
