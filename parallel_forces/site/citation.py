"""Citations: version, authors and date come from CITATION.cff, and only from there."""

from __future__ import annotations

import functools
import html

import yaml

from .paths import ROOT


@functools.lru_cache(maxsize=None)
def cff() -> dict:
    """The parsed CITATION.cff at the repository root."""
    with open(ROOT / "CITATION.cff", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def authors_text() -> str:
    names = []
    for a in cff()["authors"]:
        names.append(a.get("name") or f"{a.get('family-names', '')}, {a.get('given-names', '')}".strip(", "))
    return "; ".join(names)


def year() -> str:
    return str(cff()["date-released"])[:4]


def permalink(path: str) -> str:
    """Stable address of a page or anchor below the site's root URL."""
    return cff()["url"].rstrip("/") + "/" + path.lstrip("/")


def citation_line(item_title: str, path: str) -> str:
    c = cff()
    return f"{authors_text()} ({year()}). {item_title}. In: {c['title']}, version {c['version']}. {permalink(path)}"


def bibtex(key: str, item_title: str, path: str) -> str:
    c = cff()
    return (
        f"@misc{{{key},\n"
        f"  author = {{{{{authors_text()}}}}},\n"
        f"  title = {{{item_title}}},\n"
        f"  howpublished = {{{c['title']}, version {c['version']}}},\n"
        f"  year = {{{year()}}},\n"
        f"  url = {{{permalink(path)}}}\n"
        f"}}"
    )


def cite_block_html(key: str, item_title: str, path: str, heading: str = "Cite this figure") -> str:
    """A <details> block with the one-line citation and a BibTeX entry, escaped."""
    return (
        f'<details class="pf-cite"><summary>{html.escape(heading)}</summary>'
        f"<p>{html.escape(citation_line(item_title, path))}</p>"
        f"<pre>{html.escape(bibtex(key, item_title, path))}</pre></details>"
    )


def figure_citation_html(figure) -> str:
    page = getattr(figure, "page", None) or "notebooks/"
    return cite_block_html(f"pf-{figure.id}", f"Figure: {figure.title}", f"{page}#fig-{figure.id}")
