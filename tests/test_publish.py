"""Publishing: every figure a downloadable, citable object; exports byte-stable;
CITATION.cff valid; text from the data escaped wherever it is shown."""

from __future__ import annotations

import filecmp
import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from conftest import SITE, site_pages

import parallel_forces as pf
from parallel_forces import charts, config
from parallel_forces import formatting as fmt
from parallel_forces.charts import figures  # noqa: F401  (registers the figures)
from parallel_forces.site.export import export_all

ROOT = Path(__file__).resolve().parent.parent
CFG = config.load()
CFFCONVERT = ROOT / ".venv-tools" / "bin" / "cffconvert"


def test_citation_cff_is_valid():
    if not CFFCONVERT.exists():
        pytest.fail("cffconvert missing: `make test` installs it into .venv-tools")
    ok = subprocess.run(
        [str(CFFCONVERT), "--validate", "-i", str(ROOT / "CITATION.cff")], capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr


def test_cff_validator_rejects_a_broken_file(tmp_path):
    if not CFFCONVERT.exists():
        pytest.fail("cffconvert missing: `make test` installs it into .venv-tools")
    broken = tmp_path / "CITATION.cff"
    broken.write_text(
        (ROOT / "CITATION.cff").read_text().replace("cff-version: 1.2.0", "cff-version: 1.2.0\nauthors: nobody")
    )
    bad = subprocess.run([str(CFFCONVERT), "--validate", "-i", str(broken)], capture_output=True, text=True)
    assert bad.returncode != 0


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(path).pages)


def test_two_exports_are_identical(tmp_path):
    """SVG, PNG, CSV, JSON and XLSX byte for byte; PDF (font objects vary in order) by its text."""
    a, b = tmp_path / "a", tmp_path / "b"
    files_a = export_all(CFG, a)
    export_all(CFG, b)
    assert files_a
    for fa in files_a:
        fb = b / fa.relative_to(a)
        if fa.suffix == ".pdf":
            assert _pdf_text(fa) == _pdf_text(fb), fa.name
        else:
            assert filecmp.cmp(fa, fb, shallow=False), f"{fa.relative_to(a)} differs between two exports"


def test_every_figure_is_exported_and_offered_on_its_page():
    if not (SITE / "index.html").exists():
        pytest.fail("run `make book` first")
    forces = pf.load_forces(CFG)
    for fid, build in sorted(charts.FIGURES.items()):
        fig = build(forces, CFG.conventions)
        for ext in ("svg", "png", "pdf", "csv"):
            assert (SITE / "downloads" / "figures" / f"{fid}.{ext}").stat().st_size > 0, (fid, ext)
        page = (SITE / fig.page).read_text(encoding="utf-8")
        assert f'id="fig-{fid}"' in page, f"{fid} is not shown on {fig.page}"
        for ext in ("svg", "png", "pdf", "csv"):
            assert f"downloads/figures/{fid}.{ext}" in page
        assert "Cite this figure" in page and f"#fig-{fid}" in page


def test_figure_csv_is_the_data_drawn():
    forces = pf.load_forces(CFG)
    fig = charts.FIGURES["starts-by-year"](forces, CFG.conventions)
    assert int(fig.data["forces"].sum()) == len(forces)
    spec = fig.spec()
    inline = [d for d in spec.get("datasets", {}).values()]
    assert inline and len(inline[0]) == len(fig.data)


MARKUP = '<script>alert("x")</script><b>bold</b> & "quotes"'


def test_markup_in_the_data_is_shown_as_text():
    """A note, a name and actors holding markup come out escaped in every place
    they are shown: record page, tables, chart specs, citations."""
    from parallel_forces.site import citation
    from parallel_forces.site.pages import force_page

    forces = pf.load_forces(CFG)
    raw = pf.data.read_forces(CFG.paths.forces_csv)
    rec = raw.iloc[0].to_dict()
    rec.update(note=MARKUP, short_name=MARKUP, actors=MARKUP)
    page = force_page(
        rec,
        {"decision_text": MARKUP, "un_operation_instruments": MARKUP},
        forces,
        CFG.conventions,
        citation.load(CFG.paths.citation_file),
    )
    assert "<script>" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;" in page
    # The heading is MyST: every markup character backslash-escaped, no HTML entity.
    assert '\n# \\<script\\>alert("x")\\</script\\>\\<b\\>bold\\</b\\> \\& "quotes", ' in page
    tampered = forces.copy()
    tampered.loc[0, "label"] = MARKUP
    html = charts.FIGURES["durations"](tampered, CFG.conventions)._repr_mimebundle_()["text/html"]
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert" in html  # the data table
    assert "\\u003cscript\\u003e" in html  # the spec, inert inside <script type=application/json>


def test_markup_renders_as_text_in_the_browser(watch, site_url, tmp_path):
    """The chart renderer and table draw markup as literal text in Chromium."""
    forces = pf.load_forces(CFG)
    tampered = forces.copy()
    tampered.loc[0, "label"] = MARKUP
    html = charts.FIGURES["durations"](tampered, CFG.conventions)._repr_mimebundle_()["text/html"]
    target = SITE / "_static" / "pf-escape-test.html"
    target.write_text(
        '<!doctype html><html lang="en" data-content_root="../"><head><meta charset="utf-8"><title>t</title>'
        '<script src="pf-charts.js"></script></head><body><main>' + html + "</main></body></html>",
        encoding="utf-8",
    )
    try:
        w = watch()
        alerts = []
        w.page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
        w.page.goto(f"{site_url}/_static/pf-escape-test.html")
        w.page.wait_for_function("() => document.querySelector('.pf-chart svg')", timeout=15000)
        assert alerts == []
        assert w.page.locator("table.pf-table b").count() == 0
        assert MARKUP in w.page.locator("table.pf-table").first.text_content()
        assert w.errors == [] and w.outside == []
    finally:
        target.unlink(missing_ok=True)


def test_search_works_offline(watch, site_url):
    """The site search runs offline and ranks the book above the API reference: "Barkhane"
    finds its record first and the chapters before any API entry; a query only the API
    answers still finds it."""
    w = watch()
    w.page.goto(f"{site_url}/search.html?q=Barkhane")
    w.page.wait_for_selector("#search-results li", timeout=15000)
    w.page.wait_for_function("() => !document.querySelector('#search-results.search-in-progress')", timeout=15000)
    hits = w.page.eval_on_selector_all("#search-results li > a", "as => as.map(a => a.getAttribute('href'))")
    assert hits and "generated/forces/operation-barkhane" in hits[0], hits
    api = [i for i, h in enumerate(hits) if h.startswith("book/api")]
    book = [i for i, h in enumerate(hits) if h.startswith("notebooks/")]
    assert book and (not api or max(book) < min(api)), hits
    w.page.goto(f"{site_url}/search.html?q=load_forces")
    w.page.wait_for_selector("#search-results li", timeout=15000)
    assert w.page.locator("#search-results li > a[href^='book/api']").count() >= 1
    assert w.outside == [] and w.errors == []


def test_name_list_caps_long_lists():
    assert fmt.name_list(["A", "B"]) == "A, B"
    assert fmt.name_list([str(i) for i in range(15)], limit=12) == "0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 3 more"


@pytest.mark.parametrize(
    "fid",
    [
        "starts-by-year",
        "mandate-types",
        "actor-types-by-decade",
        "leads",
        "authorization-by-decade",
        "forces-by-country",
        "deployment-map",
    ],
)
def test_aggregate_charts_do_not_grow_with_rows(fid):
    """A chart of aggregates stops growing with the rows: once every tooltip's list of
    names is capped, 30 times the Annex weighs what 10 times does (copies, fresh ids)."""
    import json

    import pandas as pd

    forces = pf.load_forces(CFG)

    def scaled(n):
        return pd.concat(
            [forces.assign(id=forces["id"] + f"-x{k}", label=forces["label"] + f" {k}") for k in range(n)],
            ignore_index=True,
        )

    small = len(json.dumps(charts.FIGURES[fid](scaled(10), CFG.conventions).spec()))
    large = len(json.dumps(charts.FIGURES[fid](scaled(30), CFG.conventions).spec()))
    # Only digits grow (counts, "and N more"): 15% allows that, a linear growth would be 200%.
    assert large < 1.15 * small, f"{fid}: spec grows from {small} to {large} bytes from 10x to 30x the rows"


def test_reader_tables_show_titles_and_commas():
    """Record pages and the About-the-data tables name fields as a reader reads them and
    show lists comma-separated: no raw field name in a heading, no ';' list."""
    import re

    from parallel_forces.site import citation, pages

    forces = pf.load_forces(CFG)
    mandates = pf.load_mandates(CFG.paths)
    raw = pf.data.read_forces(CFG.paths.forces_csv)
    rrf = raw[raw["id"] == "rrf"].iloc[0].to_dict()
    page = pages.force_page(rrf, None, forces, CFG.conventions, citation.load(CFG.paths.citation_file))
    assert "<td>France, Netherlands, United Kingdom</td>" in page and "France;Netherlands" not in page
    neighbours = page.split("<caption>Forces beside the same UN operation(s)</caption>", 1)[1]
    assert re.findall(r'<th scope="col">([^<]*)</th>', neighbours) == [
        "Force",
        "Start",
        "End",
        "UN operation(s)",
        "Actor type",
    ]
    # One hand coding flipped: the disagreement is listed by the field's title, as yes/no.
    kfor = forces["id"] == "kfor"
    flipped = forces.assign(chapter_vii=forces["chapter_vii"].where(~kfor, ~forces.loc[kfor, "chapter_vii"].iloc[0]))
    parts = pages.about_data_parts(flipped, mandates, pages.field_titles(CFG.paths))
    check = parts["rule-check.html"]
    assert "<strong>1 disagreement</strong>" in check and "× Authorization and Chapter VII)" in check
    headings = ["Force", "Field", "Rule", "Hand coding", "The words", "Reason"]
    assert re.findall(r'<th scope="col">([^<]*)</th>', check) == headings
    row = re.search(r"<tbody><tr>(.*?)</tr>", check).group(1)
    assert '<a href="generated/forces/kfor.html">KFOR</a>' in row
    rule = "yes" if forces.loc[kfor, "chapter_vii"].iloc[0] else "no"  # the data agree with the rule
    hand = {"yes": "no", "no": "yes"}[rule]
    assert f"<td>Chapter VII</td><td>{rule}</td><td>{hand}</td>" in row and "chapter_vii" not in check
    assert re.findall(r'<th scope="col">([^<]*)</th>', parts["notes.html"]) == ["Force", "Confidence", "Note"]
    assert re.findall(r'<th scope="col">([^<]*)</th>', parts["low-confidence.html"]) == ["Force", "Note"]
    dictionary = pages.data_dictionary_html(CFG.paths)
    assert "<td>parallel_forces.csv</td>" in dictionary and "<td>required, unique, pattern" in dictionary


# --- Citation and the theme's accessibility, made at build time by site/sphinx_ext.py --------


def _built(page: str) -> str:
    if not (SITE / "index.html").exists():
        pytest.fail("run `make book` first")
    return (SITE / page).read_text(encoding="utf-8")


def test_figure_cite_block_is_escaped_and_one_line():
    """Notebook outputs hold the figure's cite block, compared byte for byte by nbval: it
    stays one line, and a title's markup is escaped."""
    from types import SimpleNamespace

    from parallel_forces.site.citation import figure_citation_html, load

    cite = load(CFG.paths.citation_file, CFG.site_url)
    block = figure_citation_html(SimpleNamespace(id="x", title=MARKUP, page="notebooks/01-types.html"))
    assert block.startswith('<details class="pf-cite"><summary>Cite this figure</summary><p>')
    assert block.endswith("</pre></details>") and "\n" not in block.split("<pre>")[0]
    assert "<script>" not in block and "&lt;script&gt;" in block
    # The permalink, or (no base URL) the path it is formed from.
    assert (cite.permalink("notebooks/01-types.html#fig-x") or "notebooks/01-types.html#fig-x") in block
    assert block.count("@misc{pf-x,") == 1


def test_every_document_page_is_citable():
    """Each page made from a document ends its article with one "Cite this page" block and
    carries citation_* meta tags with its permalink; pages Sphinx makes itself do not."""
    import html as html_lib
    import re

    from parallel_forces.site.citation import load

    cite = load(CFG.paths.citation_file, CFG.site_url)
    pages = [p for p in site_pages() if p not in ("search.html", "index.html", "py-modindex.html")]
    assert "book/generated/forces/kfor.html" in pages and "notebooks/01-types.html" in pages
    for page in pages:
        text = _built(page)
        title = html_lib.unescape(re.search(r"<title>(.*?) &#8212;", text).group(1))
        head, body = text.split("</head>", 1)
        if cite.url:
            assert f'<meta name="citation_public_url" content="{cite.permalink(page)}">' in head, page
        else:  # no made-up address: the block says how the permalink is formed
            assert "citation_public_url" not in head and f"followed by {page} (a build" in body, page
        meta_title = re.search(r'<meta name="citation_title" content="([^"]*)">', head).group(1)
        assert html_lib.unescape(meta_title) == title, page
        assert head.count('<meta name="citation_author"') == len(cite.authors), page
        assert body.count('<section class="pf-cite-page"') == 1, page
        block = body.split('<section class="pf-cite-page"', 1)[1]
        # The block closes the article: nothing but the section's end and white space before </article>.
        assert re.match(r"[^>]*>.*?</section>\s*</article>", block, re.S), page
        key = "pf-" + page.rsplit("/", 1)[-1].removesuffix(".html")
        assert f"@misc{{{key}," in block, page
    for page in ("search.html", "genindex.html", "py-modindex.html"):
        assert "pf-cite-page" not in _built(page) and "citation_title" not in _built(page)


def test_theme_markup_is_fixed_in_every_page():
    """The theme's markup that axe-core flags (see tests/test_browser.py) is fixed by the
    build itself: template overrides and the extension's page-context hook."""
    import re

    references = _built("book/references.html")
    assert 'class="citation-list"' in references  # the page this is about has a bibliography
    for page in site_pages():
        text = _built(page)
        for button in re.findall(r'<button class="btn[^"]*search-button[^>]*>', text):
            assert "aria-label" not in button, (page, button)
        assert not re.search(r'<i class="theme-switch[^>]*title=', text), page
        assert 'role="list" class="citation-list"' not in text, page
        for summary in re.findall(r"<summary[^>]*>\s*<span class=\"toctree-toggle\"", text):
            assert 'aria-label="Show or hide the pages of this section"' in summary, page


def test_extension_in_a_small_project(tmp_path):
    """The extension alone, in a minimal Sphinx project with the same theme: meta tags and
    cite block escaped, nested toggles named, the bibliography without role="list"."""
    from sphinx.cmd.build import build_main

    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "conf.py").write_text(
        'project = "t"\nhtml_theme = "sphinx_book_theme"\n'
        'extensions = ["sphinxcontrib.bibtex", "parallel_forces.site.sphinx_ext"]\n'
        'bibtex_bibfiles = ["refs.bib"]\n',
        encoding="utf-8",
    )
    (src / "refs.bib").write_text("@book{k, author = {A. Author}, title = {T}, year = {2019}, publisher = {P}}\n")
    (src / "index.rst").write_text("Home\n====\n\n.. toctree::\n\n   part\n", encoding="utf-8")
    (src / "part.rst").write_text(
        "Tom & <b>Jerry</b>\n==================\n\nSee :cite:p:`k`.\n\n.. toctree::\n\n   leaf\n\n.. bibliography::\n",
        encoding="utf-8",
    )
    (src / "leaf.rst").write_text("Leaf\n====\n\nText.\n", encoding="utf-8")
    assert build_main(["-b", "html", "-q", "-W", str(src), str(out)]) == 0
    part = (out / "part.html").read_text(encoding="utf-8")
    head, body = part.split("</head>", 1)
    assert '<meta name="citation_title" content="Tom &amp; &lt;b&gt;Jerry&lt;/b&gt;">' in head
    section = body.split('<section class="pf-cite-page" aria-label="Cite this page">', 1)[1].split("</section>")[0]
    assert "Tom &amp; &lt;b&gt;Jerry&lt;/b&gt;. In:" in section and "<b>" not in section
    assert '<div class="citation-list">' in body and 'role="list"' not in body
    assert '<summary aria-label="Show or hide the pages of this section">' in (out / "leaf.html").read_text()
    assert 'title="Search" aria-label="Search"' not in part
    assert "pf-cite-page" not in (out / "search.html").read_text(encoding="utf-8")


# --- Records: titles, index, sidebar, links to the figures ------------------------------


def test_record_titles_are_unique_and_say_name_years_place():
    from parallel_forces.site.pages import record_title

    raw = pf.data.read_forces(CFG.paths.forces_csv)
    titles = [record_title(r) for r in raw.to_dict(orient="records")]
    assert len(set(titles)) == len(titles)
    ecomog = {r["id"]: record_title(r) for r in raw.to_dict(orient="records") if r["short_name"] == "ECOMOG"}
    assert ecomog == {
        "ecomog-liberia": "ECOMOG, 1990–1998, Liberia",
        "ecomog-sierra-leone": "ECOMOG, 1997–1998, Sierra Leone",
    }
    assert fmt.year_span("2003-06", "2003-09") == "2003"
    assert fmt.year_span("2014-08", "") == "since 2014"


@pytest.mark.skipif(not (SITE / "book" / "forces.html").exists(), reason="site not built")
def test_records_index_sorted_with_years_and_place_and_not_in_the_sidebar():
    import html as html_lib
    import re

    # Every force on record: the Annex's rows (the default build shows them as the Annex
    # gives them) and the forces deployed since 2019.
    raw = pd.concat(
        [pf.data.read_forces(CFG.paths.forces_csv), pf.data.read_csv(CFG.paths.since / "forces.csv")],
        ignore_index=True,
    )
    index = _built("book/forces.html")
    table = index.split('<table class="pf-table">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(
        r'<tr><th scope="row"><a href="generated/forces/([^"]+)\.html">([^<]*)</a></th><td>([^<]*)</td><td>([^<]*)</td>',
        table,
    )
    assert len(rows) == len(raw)
    names = [html_lib.unescape(n) for _, n, _, _ in rows]
    assert names == sorted(names, key=str.casefold)
    by_id = raw.set_index("id")
    for fid, _, years, place in rows:
        assert years == fmt.year_span(by_id.loc[fid, "start"], by_id.loc[fid, "end"])
        assert html_lib.unescape(place) == by_id.loc[fid, "place"]
    # The sidebar lists the records' index, never a record: page size does not grow with the rows.
    pages = [p for p in site_pages() if '<nav class="bd-links bd-docs-nav"' in _built(p)]
    assert len(pages) > len(raw)
    for page in pages:
        nav = _built(page).split('<nav class="bd-links bd-docs-nav"', 1)[1].split("</nav>", 1)[0]
        assert "generated/forces/" not in nav, page
        assert "forces.html" in nav or page == "book/forces.html", page


@pytest.mark.skipif(not (SITE / "book" / "forces.html").exists(), reason="site not built")
def test_record_pages_link_to_the_figures_that_place_them():
    import posixpath
    import re

    from parallel_forces.site.pages import CHAPTERS

    for page in sorted((SITE / "book" / "generated" / "forces").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        block = text.split('<ul class="pf-chapters">', 1)[1].split("</ul>", 1)[0]
        links = re.findall(r'<a href="([^"]+)">', block)
        assert len(links) == len(CHAPTERS), page.name
        for link in links:
            path, _, frag = link.partition("#")
            assert frag.startswith("fig-"), (page.name, link)
            target = SITE / posixpath.normpath(posixpath.join("book/generated/forces", path))
            assert f'id="{frag}"' in target.read_text(encoding="utf-8"), (page.name, link)


def test_record_timeline_is_capped_and_links_to_all():
    """With many forces beside one UN operation (the data five times over), a record's
    timeline shows the force and the others nearest in time, at most NEIGHBOURS_SHOWN, and
    the table links to all of them on the explore page: a page does not grow with the rows."""
    import json
    import re

    import pandas as pd

    from parallel_forces.site.pages import NEIGHBOURS_SHOWN, neighbours

    forces = pf.load_forces(CFG)
    many = pd.concat([forces] + [forces.assign(id=forces["id"] + f"-x{i}") for i in range(1, 5)], ignore_index=True)
    chart, table = neighbours("operation-barkhane", many, CFG.conventions)
    spec = json.loads(re.search(r'class="pf-chart-spec"[^>]*>(.*?)</script>', str(chart), re.S).group(1))
    rows = spec["datasets"]["neighbours"]
    beside = int((many["un_operations"] == "MINUSMA").sum())
    assert beside > NEIGHBOURS_SHOWN
    assert len(rows) == len(table["rows"]) == NEIGHBOURS_SHOWN
    assert [r["this force"] for r in rows].count("this force") == 1
    assert table["total"] == beside
    assert (
        table["caption"] == f"The {NEIGHBOURS_SHOWN} of the {beside} forces beside MINUSMA nearest in time to this one"
    )
    assert [link.href for link in table["more"]] == ["../../explore.html?search=MINUSMA"]
    # The data as they are: every force shown, no link.
    chart, table = neighbours("operation-barkhane", forces, CFG.conventions)
    assert table["more"] == [] and table["total"] == len(table["rows"]) <= NEIGHBOURS_SHOWN


def test_record_chapter_vii_says_what_it_rests_on():
    """An Annex row's Chapter VII is coded from the quoted words, so a record never shows a
    bare "false" (KFOR's Resolution 1244 is quoted without its preamble); a row of the update
    says its source; an unknown one says so."""
    shown = {
        fid: re.search(r"Chapter VII</th><td>([^<]*)</td>", _built(f"book/generated/forces/{fid}.html")).group(1)
        for fid in ("kfor", "operation-turquoise", "atmis", "aussom")
    }
    assert shown == {
        "kfor": "not named in the quoted words",
        "operation-turquoise": "yes, in the quoted words",
        "atmis": "yes (the UN&#39;s account of the meeting)",
        "aussom": "not known (no stored source says)",
    }
