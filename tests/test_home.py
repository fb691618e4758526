"""A real home: the site's base URL is one setting (PF_SITE_URL). Built with it, every page
has its canonical link, Open Graph and Twitter card tags and its permalinks, and the site a
sitemap; built without it (the build the other tests read), no page shows a made-up address.
The publishing workflow runs the README's commands; links out are where they should be.

The build with a base URL is made once, in a copy of the repository (its pages differ from the
local build's), into that copy's own _build. It reuses the local build's executed notebooks
(Jupyter Book's execution cache, matched by code): what that build checks (canonical, og:*,
sitemap, page cite blocks) is made by Sphinx, not by the notebooks; the figure cite blocks a
notebook prints under a base URL are checked directly (test_figure_cite_block_*).
"""

from __future__ import annotations

import functools
import html
import os
import re
import shutil
import socketserver
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SITE, PageWatch, _Quiet, copy_repo, site_pages

from parallel_forces import config
from parallel_forces.site import citation

BASE = "https://example.github.io/parallel-forces/"
REPOSITORY = "https://github.com/example/parallel-forces"
#: Addresses that would be made up: none may appear in a page built without a base URL.
PLACEHOLDERS = ["example.org", "example.com", "example.net", "example.github.io", "this repository>", "repository&gt;"]
#: Pages Sphinx makes itself: no canonical link is checked there, nor are they in the sitemap.
SPHINX_PAGES = {"search.html", "genindex.html", "py-modindex.html"}
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def _run(cmd: list[str], cwd: Path, env: dict) -> None:
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    assert r.returncode == 0, f"{' '.join(cmd)} failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> Path:
    """The site built with PF_SITE_URL (and PF_REPOSITORY_URL) set, as the workflow builds it."""
    if not (SITE / "index.html").exists():
        pytest.fail("run `make book` first")
    repo = copy_repo(tmp_path_factory.mktemp("published") / "repo")
    env = dict(os.environ, PYTHONPATH=str(repo), PF_SITE_URL=BASE, PF_REPOSITORY_URL=REPOSITORY)
    env.pop("PF_DATA_DIR", None)
    _run([sys.executable, "-m", "parallel_forces", "prebuild"], repo, env)
    cache = ROOT / "_build" / ".jupyter_cache"
    if cache.exists():
        shutil.copytree(cache, repo / "_build" / ".jupyter_cache")
    jb = str(Path(sys.executable).parent / "jupyter-book")
    _run([jb, "build", ".", "--warningiserror", "--nitpick", "--keep-going"], repo, env)
    # The downloads are the local build's: this build checks pages (of the exports, only the
    # workbook's permalink would differ).
    shutil.copytree(SITE / "downloads", repo / "_build" / "html" / "downloads")
    return repo / "_build" / "html"


def _head(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8").split("</head>", 1)[0]


def _meta(head: str, attr: str, name: str) -> str | None:
    m = re.search(rf'<meta {attr}="{re.escape(name)}" content="([^"]*)"', head)
    return html.unescape(m.group(1)) if m else None


def test_setting_is_checked():
    assert config.site_url("https://example.github.io/parallel-forces") == BASE
    assert config.site_url("") is None and config.site_url(None) is None
    for bad in ("example.github.io/x", "ftp://host/", "https://host/a b"):
        with pytest.raises(ValueError, match="PF_SITE_URL"):
            config.site_url(bad)
    cfg = config.load({"PF_SITE_URL": BASE, "PF_REPOSITORY_URL": REPOSITORY + "/"})
    assert cfg.site_url == BASE and cfg.repository_url == REPOSITORY
    assert config.load({}).site_url is None


def test_published_pages_use_the_base_url(published):
    """Every page: canonical link and og:url at its own address under the base URL, a description,
    a preview image on the site (a chart page's own first figure), Twitter card, citation URL."""
    pages = [p for p in site_pages(published) if p not in SPHINX_PAGES and p != "index.html"]
    assert "notebooks/01-types.html" in pages and "book/generated/forces/kfor.html" in pages
    for page in pages:
        head = _head(published, page)
        assert f'<link rel="canonical" href="{BASE}{page}" />' in head, page
        assert _meta(head, "property", "og:url") == BASE + page, page
        assert _meta(head, "property", "og:title"), page
        assert (_meta(head, "property", "og:description") or "").strip(), page
        assert _meta(head, "name", "twitter:card") == "summary_large_image", page
        assert _meta(head, "name", "citation_public_url") == BASE + page, page
        image = _meta(head, "property", "og:image")
        assert image and image.startswith(BASE + "downloads/figures/") and image.endswith(".png"), (page, image)
        assert (SITE / image.removeprefix(BASE)).is_file(), f"{page}: preview {image} is not a built file"
        body = (published / page).read_text(encoding="utf-8").split("</head>", 1)[1]
        figure = re.search(r'<figure class="pf-figure" id="fig-([a-z0-9-]+)"', body)
        if figure:  # a chart page shows its own first figure
            assert image == f"{BASE}downloads/figures/{figure.group(1)}.png", page
            assert _meta(head, "property", "og:image:alt").startswith("Chart: "), page
    record = _head(published, "book/generated/forces/kfor.html")
    assert (
        _meta(record, "property", "og:description")
        == "KFOR, since 1999, Kosovo: its record in the parallel forces dataset"
    )


def test_published_cite_blocks_and_entry_page(published):
    record = (published / "book" / "generated" / "forces" / "kfor.html").read_text(encoding="utf-8")
    assert (
        f"version {citation.load(config.make_paths().citation_file).version}. {BASE}book/generated/forces/kfor.html</p>"
        in record
    )
    assert f"url = {{{BASE}book/generated/forces/kfor.html}}" in record
    assert "pf-permalink-note" not in record
    reproduce = (published / "book" / "reproduce.html").read_text(encoding="utf-8")
    assert f"git clone {REPOSITORY}" in re.sub(r"<[^>]+>", "", reproduce) and f'href="{BASE}"' in reproduce
    entry = (published / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{BASE}book/index.html">' in entry


def test_sitemap_and_robots(published):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in ET.parse(published / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    expected = {BASE + p for p in site_pages(published) if p not in SPHINX_PAGES and p != "index.html"}
    assert set(locs) == expected and len(locs) == len(expected)
    robots = (published / "robots.txt").read_text()
    assert "User-agent: *" in robots and f"Sitemap: {BASE}sitemap.xml" in robots


def test_published_pages_load_nothing_from_outside(published, browser):
    """The tags name the published address, but nothing on a page loads from there (or anywhere
    outside the site): the site still works offline, from a folder served anywhere."""
    handler = functools.partial(_Quiet, directory=str(published))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        for page in ("book/index.html", "notebooks/01-types.html", "book/generated/forces/kfor.html"):
            w = PageWatch(browser, url)
            w.page.goto(f"{url}/{page}", wait_until="load")
            w.page.wait_for_load_state("networkidle")
            assert w.outside == [] and w.failed == [] and w.errors == [], (page, w.outside, w.failed, w.errors)
            w.close()
    finally:
        server.shutdown()
    for page in site_pages(published):
        text = (published / page).read_text(encoding="utf-8")
        loaded = re.findall(r'<(?:script|img|iframe)[^>]+src="(https?:[^"]+)"', text)
        loaded += re.findall(r'<link[^>]+rel="(?:stylesheet|icon|preload)"[^>]+href="(https?:[^"]+)"', text)
        assert loaded == [], (page, loaded)


# --- The local build (no base URL): the build every other test reads --------------------------


def _local(page: str) -> str:
    if not (SITE / "index.html").exists():
        pytest.fail("run `make book` first")
    return (SITE / page).read_text(encoding="utf-8")


def test_local_build_shows_no_made_up_address():
    """No page (nor download made from text) names an address that does not exist; cite blocks
    give the citation and how the permalink is formed; no canonical link, og:url or sitemap."""
    if config.load().site_url:
        pytest.skip("PF_SITE_URL is set: this test reads a local build")
    files = [p for p in SITE.rglob("*") if p.suffix in {".html", ".txt", ".xml", ".json", ".csv", ".ipynb", ".md"}]
    assert len(files) > 100
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace").lower()
        for word in PLACEHOLDERS:
            assert word not in text, f"{f.relative_to(SITE)} contains {word!r}"
    for page in site_pages():
        text = _local(page)
        assert 'rel="canonical"' not in text and 'property="og:url"' not in text, page
        assert "citation_public_url" not in text, page
    assert not (SITE / "sitemap.xml").exists()
    record = _local("book/generated/forces/kfor.html")
    note = "once the site is published, the site&#39;s address followed by book/generated/forces/kfor.html"
    assert note in record and "url = {" not in record
    reproduce = _local("book/reproduce.html")
    assert (
        "built without a base URL" in reproduce
        and '<code class="docutils literal notranslate"><span class="pre">PF_SITE_URL</span></code>' in reproduce
    )
    assert "Sitemap" not in (SITE / "robots.txt").read_text()


def test_figure_cite_block_with_and_without_a_base_url():
    from types import SimpleNamespace

    from parallel_forces.site.citation import figure_citation_html, load

    fig = SimpleNamespace(id="x", title="T", page="notebooks/01-types.html")
    local = load(config.make_paths().citation_file)
    block = figure_citation_html(fig, local)
    assert "http" not in block and "notebooks/01-types.html#fig-x" in block and "url =" not in block
    online = load(config.make_paths().citation_file, BASE)
    block = figure_citation_html(fig, online)
    assert f"{BASE}notebooks/01-types.html#fig-x</p>" in block
    assert f"url = {{{BASE}notebooks/01-types.html#fig-x}}" in block and "pf-permalink-note" not in block


def test_every_page_has_the_favicon_and_none_asks_for_a_missing_one(watch, site_url):
    assert (SITE / "_static" / "favicon.svg").is_file()
    for page in [p for p in site_pages() if p != "index.html"]:  # index.html only redirects
        icons = re.findall(r'<link rel="icon" href="([^"]+)"', _local(page))
        assert len(icons) == 1, page
        assert (SITE / page).parent.joinpath(icons[0]).resolve() == (SITE / "_static" / "favicon.svg").resolve()
    w = watch()
    asked, missing = [], []
    w.page.on("request", lambda r: asked.append(r.url))
    w.page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    for page in ("index.html", "book/reproduce.html"):
        w.page.goto(f"{site_url}/{page}", wait_until="load")
        w.page.wait_for_load_state("networkidle")
    assert not [u for u in asked if u.endswith("/favicon.ico")] and missing == []


# --- Links out ---------------------------------------------------------------------------------

REPORT = "https://www.ipinst.org/2019/11/parallel-forces-and-regionally-led-peace-enforcement-missions"
PAPER = "https://peacekeeping.un.org/sites/default/files/the_future_of_peacekeeping_and_parallel_operations.pdf"


def test_links_out():
    """The report at its publisher and the follow-up paper: in references.bib (url fields), on the
    References page and at the end of the landing page, which also name the source repository."""
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    assert f"url         = {{{REPORT}}}" in bib and f"url         = {{{PAPER}}}" in bib
    for page in ("book/references.html", "book/index.html"):
        text = _local(page)
        assert f'href="{REPORT}"' in text and f'href="{PAPER}"' in text, page
        assert "the source repository" in text, page
    landing = _local("book/index.html")
    assert landing.index(PAPER) > landing.index("Key figures")  # the block closes the page


# --- The publishing workflow ---------------------------------------------------------------------


def _readme_commands() -> list[str]:
    """The commands of the README's "The two commands" block."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## The two commands", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.split("#", 1)[0].strip()]


def test_workflow_runs_the_readme_commands_and_deploys_with_the_base_url():
    commands = _readme_commands()
    assert commands == ["make book", "make test"]
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    test, publish = flow["jobs"]["test"], flow["jobs"]["publish"]
    assert [s["run"] for s in test["steps"] if "run" in s] == ["make test"]
    assert publish["needs"] == "test" and "refs/heads/main" in publish["if"]
    assert publish["permissions"]["pages"] == "write" and publish["permissions"]["id-token"] == "write"
    steps = publish["steps"]
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    assert (
        uses.index("actions/configure-pages")
        < uses.index("actions/upload-pages-artifact")
        < uses.index("actions/deploy-pages")
    )
    pages_id = steps[uses.index("actions/configure-pages")]["id"]
    build = next(s for s in steps if s.get("run") == "make book")
    assert build["env"]["PF_SITE_URL"] == f"${{{{ steps.{pages_id}.outputs.base_url }}}}"
    assert steps.index(build) < uses.index("actions/upload-pages-artifact")
    assert steps[uses.index("actions/upload-pages-artifact")]["with"]["path"] == "_build/html"
    assert publish["environment"]["name"] == "github-pages"


def test_readme_says_how_to_publish_in_three_lines():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Publish\n", 1)[1].split("\n## ", 1)[0]
    steps = re.findall(r"^\d\. .+$", section, re.M)
    assert len(steps) == 3 and "GitHub Actions" in steps[1] and "PF_SITE_URL" in steps[2]
