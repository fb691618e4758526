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

A real home (the site's base URL is one setting, ``cfg.site_url`` from ``PF_SITE_URL``):

- with a base URL, ``html_baseurl`` (every page's canonical link), sphinxext-opengraph
  (``og:*`` tags with a per-page description; a chart page's preview image is the PNG of its
  first figure, other pages show the site's image) with Twitter card tags, and sphinx-sitemap
  (``sitemap.xml``); without one, none of them is loaded, so no page shows a made-up address;
- always a favicon (``static/favicon.svg``) linked from every page, a ``robots.txt`` (naming
  the sitemap when there is one) and the site's entry page (the root ``index.html``, written
  here before sphinx-external-toc would write a bare redirect: with a base URL it names the
  first page's canonical address);
- MyST substitutions for the pages that name the repository or explain permalinks
  (``{{ pf_repository }}``, ``{{ pf_permalinks }}``, ``{{ pf_cite_book }}``).

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
import html
import re
from pathlib import Path

from markupsafe import Markup

from .. import config
from . import citation, icons, urls
from .templating import SPHINX_TEMPLATES, render

#: The site's icon (every page links it, so no browser asks for a missing /favicon.ico).
FAVICON = Path(__file__).resolve().parent / "static" / "favicon.svg"
#: The preview image of a page that shows no figure (the landing page's timeline).
SITE_IMAGE = urls.download("figures/timeline.png")
#: A figure as the chart pages show it (charts/figure.py): its id and caption title.
_FIGURE = re.compile(r'<figure class="pf-figure" id="fig-([a-z0-9-]+)">.*?<figcaption><strong>(.*?)</strong>', re.S)
#: A page's own description (docutils writes content before name, a template the other way).
_DESCRIPTION = re.compile(r'<meta\s+(?:content="([^"]*)"\s+name="description"|name="description"\s+content="([^"]*)")')

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


def substitutions(cfg: config.Config, cite: citation.Citation) -> dict[str, str]:
    """MyST substitutions (Markdown) for the pages that name the repository or explain
    permalinks: nothing in them is an address unless the settings give it."""
    repo = cfg.repository_url
    work = cite.line("Parallel Forces", "")
    if cite.url:
        permalinks = (
            f"Each permalink is the site's address, <{cite.url}>, followed by the page's path "
            "(this page: `book/reproduce.html`) and, for a figure, its anchor (`#fig-` and the figure's id)."
        )
    else:
        permalinks = (
            "This copy of the book was built without a base URL, so its Cite blocks end at the version: "
            "once the site is published (the publishing workflow sets `PF_SITE_URL` to the GitHub Pages "
            "address), each permalink is the site's address followed by the page's path (this page: "
            "`book/reproduce.html`) and, for a figure, its anchor (`#fig-` and the figure's id)."
        )
    return {
        "pf_repository": f"[the source repository]({repo}) (`git clone {repo}`)"
        if repo
        else "the source repository this book is built from",
        "pf_permalinks": permalinks,
        "pf_cite_book": work,
    }


def configure(app, sphinx_config, *, cfg: config.Config, cite: citation.Citation) -> None:
    """Theme overrides first on ``templates_path`` (the themes append their own), the favicon,
    the substitutions and, with a base URL, the canonical links, Open Graph and sitemap settings."""
    sphinx_config.templates_path.insert(0, str(SPHINX_TEMPLATES))
    if not sphinx_config.html_search_scorer:  # rank the API reference below the book's pages
        sphinx_config.html_search_scorer = str(SEARCH_SCORER)
    sphinx_config.html_favicon = str(FAVICON)
    if "myst_substitutions" in sphinx_config:  # MyST is loaded (the book; not a bare Sphinx project)
        sphinx_config.myst_substitutions = {**(sphinx_config.myst_substitutions or {}), **substitutions(cfg, cite)}
    if cfg.site_url:
        sphinx_config.html_baseurl = cfg.site_url
        sphinx_config.ogp_site_url = cfg.site_url
        sphinx_config.ogp_site_name = sphinx_config.html_title or sphinx_config.project
        sphinx_config.ogp_image = SITE_IMAGE
        sphinx_config.ogp_social_cards = {"enable": False}  # no images drawn at build time
        sphinx_config.sitemap_url_scheme = "{link}"
        sphinx_config.sitemap_excludes = ["search.html", "genindex.html", "py-modindex.html"]


def share_tags(app, pagename: str, templatename: str, context: dict, doctree, *, cite: citation.Citation) -> None:
    """Before sphinxext-opengraph reads the page's fields: a chart page's preview image (the PNG
    of its first figure), the page's own description where it has one, and the Twitter card."""
    if doctree is None or not cite.url:
        return
    fields = dict(context.get("meta") or {})
    body = str(context.get("body", ""))
    figure = _FIGURE.search(body)
    if figure:
        fields["og:image"] = cite.permalink(urls.download(f"figures/{figure.group(1)}.png"))
        fields["og:image:alt"] = "Chart: " + html.unescape(Markup(figure.group(2)).striptags()).rstrip(".")
    described = _DESCRIPTION.search(context.get("metatags", ""))
    if described:
        fields["og:description"] = html.unescape(described.group(1) or described.group(2))
    context["meta"] = fields
    context["metatags"] = context.get("metatags", "") + '<meta name="twitter:card" content="summary_large_image" />\n'


def write_root_files(app, exception, *, cfg: config.Config) -> None:
    """robots.txt at the site's root (everything may be crawled; the sitemap, when there is one),
    and the entry page ``index.html`` when the first page is elsewhere (``book/index.html``)."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    lines = ["User-agent: *", "Allow: /"]
    if cfg.site_url:
        lines.append(f"Sitemap: {cfg.site_url}sitemap.xml")
    (out / "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if app.config.root_doc != "index":
        target = app.builder.get_target_uri(app.config.root_doc)
        page = render(
            "redirect.html.j2",
            title=app.config.html_title or app.config.project,
            target=target,
            canonical=cfg.site_url + target if cfg.site_url else "",
        )
        (out / "index.html").write_text(page, encoding="utf-8")


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


def build_records_outside_the_toc(app, config) -> None:
    """Build the record pages without putting them in the table of contents.

    In the toctree, every page's sidebar resolved every record (pydata-sphinx-theme walks the
    whole tree before it prunes it to one level): 2.8 s of CPU per page at 100 times the data,
    hours for the site. The records are reached from the records index (book/forces.md), the
    explore page, the chapters and the search; their pages say ``orphan: true``.
    sphinx-external-toc (``only_build_toc_files``) excludes every file missing from _toc.yml at
    config-inited priority 900; this handler runs after it and lets the records back in."""
    records = urls.RECORDS + "/"
    config.exclude_patterns = [p for p in config.exclude_patterns if not p.startswith(records)]


def setup(app):
    cfg = config.load()
    cite = citation.from_config(cfg)
    if cfg.site_url:  # absolute addresses only: without a base URL, no tags and no sitemap
        app.setup_extension("sphinxext.opengraph")
        app.setup_extension("sphinx_sitemap")
    app.connect("config-inited", functools.partial(configure, cfg=cfg, cite=cite))
    app.connect("config-inited", build_records_outside_the_toc, priority=950)
    # Before sphinxext-opengraph's handler (priority 500), which reads the fields set here.
    app.connect("html-page-context", functools.partial(share_tags, cite=cite), priority=400)
    app.connect("builder-inited", on_builder_inited)
    # After the themes' handlers (priority 500 and 501), which put the toctree functions in place.
    app.connect("html-page-context", functools.partial(on_page, cite=cite), priority=900)
    # Before sphinx-external-toc's (priority 500), which writes a bare redirect if none exists.
    app.connect("build-finished", functools.partial(write_root_files, cfg=cfg), priority=400)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
