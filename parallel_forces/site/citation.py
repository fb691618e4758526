"""Citations: version, authors and date come from CITATION.cff, and only from there.

A :class:`Citation` is read once from the file the caller names (``cfg.paths.citation_file``)
and gives the one-line citation, the BibTeX entry, the ``citation_*`` meta tags and the
"Cite" block (template ``cite.html.j2``) for any page or anchor of the site.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

import yaml

from .. import config
from . import urls
from .templating import render


@dataclasses.dataclass(frozen=True)
class Citation:
    """What CITATION.cff says about the work: enough to cite any part of it."""

    authors: tuple[str, ...]
    year: str
    title: str
    version: str
    url: str

    @classmethod
    def from_cff(cls, data: dict) -> Citation:
        names = tuple(
            a.get("name") or f"{a.get('family-names', '')}, {a.get('given-names', '')}".strip(", ")
            for a in data["authors"]
        )
        return cls(names, str(data["date-released"])[:4], data["title"], str(data["version"]), data["url"])

    @property
    def authors_text(self) -> str:
        return "; ".join(self.authors)

    def permalink(self, path: str) -> str:
        """Stable address of a page or anchor below the site's root URL."""
        return self.url.rstrip("/") + "/" + path.lstrip("/")

    def line(self, item_title: str, path: str) -> str:
        return (
            f"{self.authors_text} ({self.year}). {item_title}. In: {self.title}, "
            f"version {self.version}. {self.permalink(path)}"
        )

    def bibtex(self, key: str, item_title: str, path: str) -> str:
        return (
            f"@misc{{{key},\n"
            f"  author = {{{{{self.authors_text}}}}},\n"
            f"  title = {{{item_title}}},\n"
            f"  howpublished = {{{self.title}, version {self.version}}},\n"
            f"  year = {{{self.year}}},\n"
            f"  url = {{{self.permalink(path)}}}\n"
            f"}}"
        )

    def meta(self, item_title: str, path: str) -> list[tuple[str, str]]:
        """The ``citation_*`` meta tags of a page, as (name, content) pairs."""
        tags = [
            ("citation_title", item_title),
            ("citation_publication_date", self.year),
            ("citation_public_url", self.permalink(path)),
            ("citation_publisher", self.title),
        ]
        return tags + [("citation_author", a) for a in self.authors]

    def block(self, key: str, item_title: str, path: str, heading: str = "Cite this figure") -> dict[str, str]:
        """What a "Cite" block shows (the context of template ``cite.html.j2``)."""
        return {"heading": heading, "line": self.line(item_title, path), "bibtex": self.bibtex(key, item_title, path)}

    def block_html(self, key: str, item_title: str, path: str, heading: str = "Cite this figure") -> str:
        """A <details> block with the one-line citation and a BibTeX entry, escaped."""
        return render("cite.html.j2", **self.block(key, item_title, path, heading)).rstrip("\n")


@functools.cache
def load(file: Path) -> Citation:
    """The citation in ``file`` (a CITATION.cff), read once per file."""
    with open(file, encoding="utf-8") as fh:
        return Citation.from_cff(yaml.safe_load(fh))


def figure_citation_html(figure, citation: Citation | None = None) -> str:
    """The "Cite this figure" block under a chart. A figure shown in a notebook has no
    settings to hand, so by default the repository's own CITATION.cff is read (the file
    is not a convention: it never changes with the environment)."""
    citation = citation or load(config.make_paths().citation_file)
    page = getattr(figure, "page", None) or urls.NOTEBOOKS
    return citation.block_html(f"pf-{figure.id}", f"Figure: {figure.title}", urls.figure(figure.id, page))
