"""Citations: version, authors and date come from CITATION.cff, and only from there; the
address a permalink starts with comes from the site's base URL (``cfg.site_url``, the one
setting ``PF_SITE_URL``).

A :class:`Citation` is read once from the file the caller names (``cfg.paths.citation_file``)
and gives the one-line citation, the BibTeX entry, the ``citation_*`` meta tags and the
"Cite" block (template ``cite.html.j2``) for any page or anchor of the site. Without a base
URL (a local build) nothing shows a made-up address: the citation stops at the version, and
the block says how the permalink is formed once the site is published.
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
    """What CITATION.cff says about the work, and where the site lives: enough to cite any part of it."""

    authors: tuple[str, ...]
    year: str
    title: str
    version: str
    #: The site's base URL ("https://host/path/"), or None before the site is published.
    url: str | None = None
    date: str = ""
    license: str = ""

    @classmethod
    def from_cff(cls, data: dict, site_url: str | None = None) -> Citation:
        names = tuple(
            a.get("name") or f"{a.get('family-names', '')}, {a.get('given-names', '')}".strip(", ")
            for a in data["authors"]
        )
        date = str(data["date-released"])
        return cls(names, date[:4], data["title"], str(data["version"]), site_url, date, data.get("license", ""))

    @property
    def authors_text(self) -> str:
        return "; ".join(self.authors)

    def permalink(self, path: str) -> str | None:
        """Stable address of a page or anchor below the site's root URL (None when unpublished)."""
        return self.url.rstrip("/") + "/" + path.lstrip("/") if self.url else None

    def permalink_note(self, path: str) -> str:
        """How the permalink is formed, for a build that has no base URL ("" when it has one)."""
        if self.url:
            return ""
        return (
            f"Permalink: once the site is published, the site's address followed by {path.lstrip('/')} "
            "(a build with PF_SITE_URL set shows it in full)."
        )

    def line(self, item_title: str, path: str) -> str:
        text = f"{self.authors_text} ({self.year}). {item_title}. In: {self.title}, version {self.version}."
        link = self.permalink(path)
        return f"{text} {link}" if link else text

    def bibtex(self, key: str, item_title: str, path: str) -> str:
        link = self.permalink(path)
        return (
            f"@misc{{{key},\n"
            f"  author = {{{{{self.authors_text}}}}},\n"
            f"  title = {{{item_title}}},\n"
            f"  howpublished = {{{self.title}, version {self.version}}},\n"
            f"  year = {{{self.year}}}" + (f",\n  url = {{{link}}}\n" if link else "\n") + "}"
        )

    def meta(self, item_title: str, path: str) -> list[tuple[str, str]]:
        """The ``citation_*`` meta tags of a page, as (name, content) pairs (no public URL when unpublished)."""
        tags = [("citation_title", item_title), ("citation_publication_date", self.year)]
        if self.url:
            tags.append(("citation_public_url", self.permalink(path)))
        tags.append(("citation_publisher", self.title))
        return tags + [("citation_author", a) for a in self.authors]

    def block(self, key: str, item_title: str, path: str, heading: str = "Cite this figure") -> dict[str, str]:
        """What a "Cite" block shows (the context of template ``cite.html.j2``)."""
        return {
            "heading": heading,
            "line": self.line(item_title, path),
            "note": self.permalink_note(path),
            "bibtex": self.bibtex(key, item_title, path),
        }

    def block_html(self, key: str, item_title: str, path: str, heading: str = "Cite this figure") -> str:
        """A <details> block with the one-line citation and a BibTeX entry, escaped."""
        return render("cite.html.j2", **self.block(key, item_title, path, heading)).rstrip("\n")


@functools.cache
def load(file: Path, site_url: str | None = None) -> Citation:
    """The citation in ``file`` (a CITATION.cff), for a site published at ``site_url``; read once."""
    with open(file, encoding="utf-8") as fh:
        return Citation.from_cff(yaml.safe_load(fh), site_url)


def from_config(cfg: config.Config) -> Citation:
    """The citation of the settings in force: their CITATION.cff and base URL."""
    return load(cfg.paths.citation_file, cfg.site_url)


def figure_citation_html(figure, citation: Citation | None = None) -> str:
    """The "Cite this figure" block under a chart. A figure shown in a notebook has no
    settings to hand, so by default the settings in force are read (the repository's own
    CITATION.cff, and the base URL ``PF_SITE_URL`` the build runs with)."""
    citation = citation or load(config.make_paths().citation_file, config.load_site_url())
    page = getattr(figure, "page", None) or urls.NOTEBOOKS
    return citation.block_html(f"pf-{figure.id}", f"Figure: {figure.title}", urls.figure(figure.id, page))
