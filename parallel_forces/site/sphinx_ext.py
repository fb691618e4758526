"""A small Sphinx extension: what every built page gets beyond the theme, made at build
time (registered in ``_config.yml`` under ``sphinx: config: extensions:``).

Citation (``html-page-context``, after the themes' own handlers):

- ``citation_*`` meta tags (title, date, permalink, publisher, authors) added to the
  page's ``metatags``, which the layout prints in ``<head>``;
- a "Cite this page" block (template ``cite_page.html.j2``) appended to the page's
  ``body``, so it closes the article.

Every page made from a source document (prose, notebook, record) gets both; pages
Sphinx makes itself (search, general index, module index) get neither. Version,
authors and date come from CITATION.cff (:mod:`.citation`), read once in :func:`setup`.

Accessibility of the theme's markup (axe-core flags these on a default Jupyter Book 1
page; ``tests/test_browser.py`` checks every page), fixed where the markup is made:

- **template overrides** (``templates/sphinx/``, put first on ``templates_path``): the
  two search buttons lose the ``aria-label`` that hid their visible text, and the
  colour-mode icons lose titles that contradicted the button's label
  (``label-content-name-mismatch``);
- **an ``html-page-context`` hook**: the sidebar's expand toggles are ``<summary>``
  elements holding only an icon, built in Python by pydata-sphinx-theme's
  ``generate_toctree_html`` (a BeautifulSoup tree); the hook wraps that context
  function so each empty ``<summary>`` of the tree gets a name (``summary-name``);
- **the same hook, on the page body**: docutils 0.21 wraps the bibliography's
  ``doc-biblioentry`` items in ``role="list"``, which a list may not contain
  (``aria-required-children``); the hook drops that role from the body's markup.

Weight (``builder-inited``): the page layout (``templates/sphinx/layout.html``) drops
``fontawesome.js`` and, outside the search page, the site search's index and tools,
through the ``pf_drop_scripts`` filter registered here; the theme's icon font is served
cut down to the icons the theme can show (:mod:`.icons`), from a folder under ``_build``
added to ``html_static_path``. The site search ranks the API reference below the book's
pages (``html_search_scorer``, ``SEARCH_SCORER``).

No built file is read back or rewritten: postbuild only writes the downloads.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from markupsafe import Markup

from .. import config
from . import citation, icons
from .templating import SPHINX_TEMPLATES, render

#: The accessible name of the sidebar's expand toggles.
TOGGLE_NAME = "Show or hide the pages of this section"
#: Ranks the API reference's entries below the book's pages in the site search.
SEARCH_SCORER = Path(__file__).resolve().parent / "search_scorer.js"
#: docutils' wrapper of a bibliography, and what it becomes.
BIBLIOGRAPHY = ('<div role="list" class="citation-list">', '<div class="citation-list">')


def page_key(path: str) -> str:
    """The BibTeX key of a page: ``pf-`` and its file name ("book/about-data.html" -> "pf-about-data")."""
    return "pf-" + (path.rsplit("/", 1)[-1].removesuffix(".html") or "index")


def name_toggles(soup):
    """Give a name to every <summary> of the sidebar (a BeautifulSoup tree, changed in place
    and returned) that has no text of its own."""
    for summary in soup.find_all("summary"):
        if not summary.get_text(strip=True) and not summary.get("aria-label"):
            summary["aria-label"] = TOGGLE_NAME
    return soup


def _named_toctree(generate):
    """Wrap pydata-sphinx-theme's ``generate_toctree_html`` so the sidebar's toggles are named."""

    @functools.wraps(generate)
    def wrapped(kind, *args, **kwargs):
        out = generate(kind, *args, **kwargs)
        return name_toggles(out) if kind == "sidebar" else out

    return wrapped


def on_page(app, pagename: str, templatename: str, context: dict, doctree, *, cite: citation.Citation) -> None:
    if "generate_toctree_html" in context:
        context["generate_toctree_html"] = _named_toctree(context["generate_toctree_html"])
    if "body" in context:
        context["body"] = context["body"].replace(*BIBLIOGRAPHY)
    title = Markup(context.get("title") or "").striptags()
    if doctree is None or not title:  # a page Sphinx makes itself (search, indices)
        return
    path = app.builder.get_target_uri(pagename)
    context["metatags"] = context.get("metatags", "") + render("citation_meta.html.j2", tags=cite.meta(title, path))
    # Plain strings: the body is markup already, and adding a Markup to it would escape it.
    block = render("cite_page.html.j2", **cite.block(page_key(path), title, path, heading="Cite this page"))
    context["body"] = str(context["body"]) + block


def add_templates(app, sphinx_config) -> None:
    """Put the theme overrides first on ``templates_path`` (the themes append their own);
    use the site's search scorer unless the configuration names another."""
    sphinx_config.templates_path.insert(0, str(SPHINX_TEMPLATES))
    if not sphinx_config.html_search_scorer:
        sphinx_config.html_search_scorer = str(SEARCH_SCORER)


def drop_scripts(markup, *names: str) -> Markup:
    """``markup`` without the ``<script src=…>`` tags loading any of the files ``names``."""
    out = str(markup)
    for name in names:
        tag = rf'[ \t]*<script\b[^>]*\bsrc="(?:[^"]*/)?{re.escape(name)}(?:\?[^"]*)?"[^>]*></script>\n?'
        out = re.sub(tag, "", out)
    return Markup(out)


def on_builder_inited(app) -> None:
    """The ``pf_drop_scripts`` template filter and the cut-down icon font on the static path."""
    templates = getattr(app.builder, "templates", None)
    if templates is not None and hasattr(templates, "environment"):
        templates.environment.filters["pf_drop_scripts"] = drop_scripts
    if app.builder.format == "html":
        folder = icons.write_static(Path(app.outdir).parent / "pf-static")
        app.config.html_static_path = [*app.config.html_static_path, str(folder)]


def setup(app):
    cfg = config.load()
    cite = citation.load(cfg.paths.citation_file)
    app.connect("config-inited", add_templates)
    app.connect("builder-inited", on_builder_inited)
    # After the themes' handlers (priority 500 and 501), which put the toctree functions in place.
    app.connect("html-page-context", functools.partial(on_page, cite=cite), priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
