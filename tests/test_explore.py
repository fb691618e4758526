"""The "Explore the data" page: the static table (every force, every value escaped,
controls made from the data) and, in headless Chromium with the network off, the
search, filters, sorting, page address, CSV download, keyboard use, the page
without JavaScript, and axe-core."""

from __future__ import annotations

import csv
import html.parser
import io
import re
from pathlib import Path

import pytest
from conftest import SITE

from parallel_forces.config import Conventions
from parallel_forces.data import derive, read_forces, type_forces
from parallel_forces.site import explore
from parallel_forces.site.explore import COLUMNS

CONV = Conventions()

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
PAGE = "book/explore.html"
HEADINGS = [title for _, title in COLUMNS]
#: The label of the "still deployed" filter under the default conventions.
DEPLOYED = "Still deployed in September 2019"


def explore_html(forces, conventions=CONV, **kwargs):
    return explore.explore_html(forces, conventions, **kwargs)


def explore_page_md(forces, conventions=CONV, **kwargs):
    return explore.explore_page_md(forces, conventions, **kwargs)


def frame(edit=None, keep=None):
    """The real rows as strings, optionally edited (``edit(raw)``) or cut to the ids in
    ``keep``, then typed and derived as ``load_forces`` does (default conventions)."""
    raw = read_forces()
    if keep is not None:
        raw = raw[raw["id"].isin(keep)].reset_index(drop=True)
    if edit:
        edit(raw)
    return derive(type_forces(raw), CONV)


@pytest.fixture(scope="module")
def forces():
    return frame()


@pytest.fixture(scope="module")
def published():
    """The rows the built page shows: both editions (the Annex's rows, then the rows since
    2019), as the build makes them."""
    from parallel_forces import config
    from parallel_forces.data import load_all_rows

    return load_all_rows(config.load(), validate=False)


def deployed_label(rows) -> str:
    """The label of the "still deployed" filter for these rows."""
    select = next(s for s in explore._context(rows, CONV, PAGE)["selects"] if s["name"] == "deployed")
    return select["label"]


class Page(html.parser.HTMLParser):
    """What the tests need from the markup: rows (their attributes and cell texts),
    the options of each select, the labels, the header cells."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self.options, self.labels, self.headers, self.links = [], {}, {}, [], []
        self.ids = []
        self._select = self._label = self._cell = None
        self._row = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "tr" and "data-id" in a:
            self._row = {"attrs": a, "cells": []}
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "th" and a.get("scope") == "col":
            self.headers.append(a)
        elif tag == "select":
            self._select = a["name"]
            self.options[self._select] = []
        elif tag == "option" and self._select:
            self.options[self._select].append(a["value"])
        elif tag == "label":
            self._label = a["for"]
            self._text = []
        elif tag == "a" and self._row is not None:
            self.links.append(a["href"])

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row["cells"].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        elif tag == "select":
            self._select = None
        elif tag == "label" and self._label:
            self.labels[self._label] = "".join(self._text).strip()
            self._label = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._label:
            self._text.append(data)


def parse(text: str) -> Page:
    p = Page()
    p.feed(text)
    p.close()
    return p


# --- The static page -------------------------------------------------------------


def test_every_force_has_one_row_in_data_order(forces):
    page = parse(explore_html(forces))
    assert [r["attrs"]["data-id"] for r in page.rows] == list(forces["id"])
    assert [r["cells"][0] for r in page.rows] == list(forces["label"])
    assert all(len(r["cells"]) == len(COLUMNS) for r in page.rows)
    assert page.links == [f"generated/forces/{i}.html" for i in forces["id"]]
    # The two ECOMOG forces are told apart by their label.
    assert {"ECOMOG (Liberia)", "ECOMOG (Sierra Leone)"} <= {r["cells"][0] for r in page.rows}


def test_table_structure_caption_headers_and_sort_buttons(forces):
    text = explore_html(forces)
    page = parse(text)
    assert [h["data-label"] for h in page.headers] == HEADINGS
    assert all(h["scope"] == "col" for h in page.headers)
    assert text.count('<button type="button" class="pf-sort">') == len(COLUMNS)
    assert re.search(
        r'<table class="pf-table pf-explore"[^>]*><caption id="pf-explore-caption">'
        rf'Parallel forces, one per row: <span class="pf-explore-state">all {len(forces)}, '
        r"in the order of the Annex</span></caption>",
        text,
    )
    # No sort order is claimed in the markup: the Annex's order, unsorted.
    assert not re.search(r"<th[^>]*aria-sort", text)
    # The scroll wrapper is reachable by keyboard and named by the caption.
    assert re.search(
        r'<div class="pf-table-scroll" role="region" tabindex="0" '
        r'aria-labelledby="pf-explore-caption">',
        text,
    )
    # The form is inert without script, so hidden until pf-explore.js shows it.
    assert re.search(r"<form [^>]*\bhidden>", text)
    assert f'role="status" aria-live="polite" aria-atomic="true">{len(forces)} of {len(forces)} forces shown<' in text
    assert "Download what is shown (CSV)" in text
    assert re.search(r"<noscript><p>[^<]*need JavaScript", text)


def test_every_control_is_labelled(forces):
    page = parse(explore_html(forces))
    controls = ["pf-explore-search"] + [f"pf-explore-{n}" for n in ("actor", "lead", "decade", "auth", "deployed")]
    for cid in controls:
        assert cid in page.ids
        assert page.labels.get(cid), f"{cid} has no label"
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"


def test_cells_show_the_data(forces):
    page = parse(explore_html(forces))
    by_id = {r["attrs"]["data-id"]: r for r in page.rows}
    kfor, rrf, palliser, deny = by_id["kfor"], by_id["rrf"], by_id["operation-palliser"], by_id["operation-deny-flight"]
    assert kfor["cells"][1:3] == ["1999-06", "still deployed"] and kfor["attrs"]["data-deployed"] == "yes"
    assert rrf["cells"][4] == "France, Netherlands, United Kingdom"
    assert rrf["attrs"]["data-lead"] == "France;Netherlands;United Kingdom"
    assert deny["cells"][6] == "UNPROFOR/UNPF"
    assert deny["cells"][8] == "Resolution 816 (1993-03-31)"
    assert palliser["cells"][8].startswith("Presidential Statement 2000/24")
    assert palliser["cells"][9] == "not given"
    ongoing = [r["attrs"]["data-id"] for r in page.rows if r["attrs"]["data-deployed"] == "yes"]
    assert ongoing == list(forces.loc[forces["ongoing"], "id"])


def test_options_come_from_the_data(forces):
    page = parse(explore_html(forces))
    leads = sorted({x for v in forces["lead"] for x in v.split(";")}, key=str.casefold)
    assert page.options["lead"] == [""] + leads
    assert page.options["actor"] == [""] + [
        a for a in ["bilateral", "regional", "multinational"] if a in set(forces["actor_type"].astype(str))
    ]
    assert page.options["decade"] == [""] + sorted(set(forces["decade"]))
    assert page.options["auth"] == [""] + ["authorized", "recognized"]
    assert page.options["deployed"] == ["", "yes", "no"]
    # A smaller frame offers only what it holds.
    small = frame(keep=["kfor", "operation-palliser", "rrf"])
    p2 = parse(explore_html(small))
    assert p2.options["lead"] == ["", "France", "NATO", "Netherlands", "United Kingdom"]
    assert p2.options["actor"] == ["", "bilateral", "regional", "multinational"]
    assert p2.options["decade"] == ["", "1990s", "2000s"]
    assert len(p2.rows) == 3


def test_markup_in_the_data_is_escaped():
    def edit(raw):
        raw.loc[raw["id"] == "kfor", "short_name"] = "<script>alert(1)</script>"
        raw.loc[raw["id"] == "kfor", "place"] = 'Kosovo" onmouseover="alert(2)'
        raw.loc[raw["id"] == "kfor", "lead"] = 'NATO & <b>"friends"</b>'
        raw.loc[raw["id"] == "kfor", "name"] = "<img src=x onerror=alert(3)>"

    forces = frame(edit)
    text = explore_html(forces)
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert 'onmouseover="alert' not in text and "<img" not in text and "<b>" not in text
    assert "Kosovo&#34; onmouseover=&#34;alert(2)" in text  # the quote cannot close an attribute
    page = parse(text)
    kfor = next(r for r in page.rows if r["attrs"]["data-id"] == "kfor")
    assert kfor["cells"][0] == "<script>alert(1)</script>"  # shown as text, not run
    assert kfor["attrs"]["data-lead"] == 'NATO & <b>"friends"</b>'
    assert 'NATO & <b>"friends"</b>' in page.options["lead"]
    assert "<script>alert(1)</script>" not in explore_page_md(forces)


def test_links_follow_where_the_page_is_published(forces):
    text = explore_html(forces)
    assert 'href="generated/forces/kfor.html"' in text
    assert 'href="../downloads/parallel_forces.csv" download' in text
    elsewhere = explore_html(forces, page="book/generated/explore.html")
    assert 'href="forces/kfor.html"' in elsewhere
    assert 'href="../../downloads/parallel_forces.csv" download' in elsewhere


def test_deployed_filter_and_intro_follow_the_reference_month(forces):
    page = parse(explore_html(forces))
    assert page.labels["pf-explore-deployed"] == DEPLOYED
    later = Conventions(reference_month="2019-12")
    assert parse(explore_html(forces, later)).labels["pf-explore-deployed"] == "Still deployed in December 2019"
    assert "whether it was still deployed in December 2019\n" in explore_page_md(forces, later)


def test_styles_live_in_the_site_stylesheet(forces):
    assert "<style" not in explore_page_md(forces)
    css = (Path(__file__).resolve().parent.parent / "vendor_static" / "pf.css").read_text(encoding="utf-8")
    for rule in (".pf-explore-form[hidden]", "table.pf-explore th:first-child", ".pf-table-scroll"):
        assert rule in css


def test_output_is_deterministic(forces):
    assert explore_html(forces) == explore_html(forces.copy())
    assert explore_html(forces) == explore_html(frame())


def test_page_source(forces):
    md = explore_page_md(forces)
    assert re.search(r"^# Explore the data$", md, re.M)
    assert "```{raw} html\n" in md and md.rstrip().endswith("```")
    assert explore_html(forces) in md
    assert "$" not in md  # would become math


# --- In the browser --------------------------------------------------------------


# Skipped at collection, before the site fixtures (which fail when _build/html is missing).
built = pytest.mark.skipif(
    not (SITE / PAGE).exists(), reason=f"{PAGE} is not built yet (add book/explore to _toc.yml and build)"
)


def _open(watch, site_url, query="", **ctx):
    w = watch(**ctx)
    w.page.goto(f"{site_url}/{PAGE}{query}", wait_until="load")
    w.page.wait_for_selector("#pf-explore-form:not([hidden])")
    return w


def _visible(page) -> list[str]:
    return page.eval_on_selector_all("#pf-explore-table tbody tr:not([hidden])", "rs => rs.map(r => r.dataset.id)")


def _column(page, key) -> list[str]:
    """The sort values (else the text) of one column, over the rows shown, in order."""
    return page.evaluate(
        """key => {
            const ths = [...document.querySelectorAll('#pf-explore-table thead th')];
            const i = ths.findIndex(th => th.dataset.key === key);
            return [...document.querySelectorAll('#pf-explore-table tbody tr:not([hidden])')].map(tr => {
                const c = tr.cells[i];
                return c.hasAttribute('data-sort-value') ? c.getAttribute('data-sort-value') : c.textContent.trim();
            });
        }""",
        key,
    )


def _aria_sort(page) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('#pf-explore-table thead th')]
        .filter(th => th.hasAttribute('aria-sort')).map(th => [th.dataset.key, th.getAttribute('aria-sort')]))""")


def _query(page) -> dict[str, str]:
    from urllib.parse import parse_qsl, urlsplit

    return dict(parse_qsl(urlsplit(page.url).query))


def _clean(w):
    assert w.outside == [], f"requests outside the site: {w.outside}"
    assert w.errors == [], f"console errors: {w.errors}"
    assert w.failed == [], f"failed requests: {w.failed}"


def _ids(forces, mask) -> list[str]:
    return list(forces.loc[mask, "id"])


def _leads(forces, lead):
    return forces["lead"].str.split(";").apply(lambda xs: lead in xs)


@built
def test_browser_search_and_filters_update_rows_count_and_address(watch, site_url, published):
    forces = published
    from playwright.sync_api import expect

    w = _open(watch, site_url)
    page, total = w.page, len(forces)
    status = page.locator("#pf-explore-status")
    expect(status).to_have_text(f"{total} of {total} forces shown")
    assert _visible(page) == list(forces["id"])

    page.get_by_label("Search the forces").fill("kosovo")
    expected = _ids(forces, forces["place"].str.contains("Kosovo") | forces["name"].str.contains("Kosovo"))
    assert len(expected) >= 2
    expect(status).to_have_text(f"{len(expected)} of {total} forces shown")
    assert _visible(page) == expected
    assert _query(page) == {"search": "kosovo"}

    # A word matches at the start of a word: "mali" finds the forces in Mali, not Somalia.
    page.get_by_label("Search the forces").fill("mali")
    expected = _ids(forces, forces["place"] == "Mali")
    assert len(expected) >= 2 and not forces.loc[forces["place"] == "Somalia"].empty
    expect(status).to_have_text(f"{len(expected)} of {total} forces shown")
    assert _visible(page) == expected
    # ...and a word at the start of a cell counts too (the place after the end date).
    page.get_by_label("Search the forces").fill("soma")
    expect(status).to_have_text(f"{int((forces['place'] == 'Somalia').sum())} of {total} forces shown")

    # Accents and case do not matter: "cote" finds Côte d’Ivoire.
    page.get_by_label("Search the forces").fill("COTE D'IVOIRE")
    expected = _ids(forces, forces["place"] == "Côte d’Ivoire")
    expect(status).to_have_text(f"{len(expected)} of {total} forces shown")
    assert _visible(page) == expected

    page.get_by_label("Search the forces").fill("")
    page.get_by_label("Actor type").select_option("regional")
    page.get_by_label("Lead").select_option("EU")
    mask = (forces["actor_type"] == "regional") & _leads(forces, "EU")
    expect(status).to_have_text(f"{int(mask.sum())} of {total} forces shown")
    assert _visible(page) == _ids(forces, mask)
    assert _query(page) == {"actor": "regional", "lead": "EU"}

    page.get_by_label(deployed_label(forces)).select_option("yes")
    page.get_by_label("Decade it began").select_option("2010s")
    page.get_by_label("Council decision").select_option("recognized")
    mask &= forces["ongoing"] & (forces["decade"] == "2010s") & (forces["authorization"] == "recognized")
    assert mask.sum() > 0
    expect(status).to_have_text(f"{int(mask.sum())} of {total} forces shown")
    assert _visible(page) == _ids(forces, mask)
    assert _query(page) == {
        "actor": "regional",
        "lead": "EU",
        "decade": "2010s",
        "auth": "recognized",
        "deployed": "yes",
    }

    # A joint lead matches each of its members (the RRF under the Netherlands).
    page.get_by_role("button", name="Clear filters").click()
    expect(status).to_have_text(f"{total} of {total} forces shown")
    assert _query(page) == {}
    page.get_by_label("Lead").select_option("Netherlands")
    assert _visible(page) == _ids(forces, _leads(forces, "Netherlands"))
    page.get_by_label("Lead").select_option("")
    page.get_by_label(deployed_label(forces)).select_option("no")
    assert _visible(page) == _ids(forces, ~forces["ongoing"])

    # Enter in the search box does not submit the form (no reload, state kept).
    page.get_by_label("Search the forces").fill("nato")
    page.get_by_label("Search the forces").press("Enter")
    assert _query(page) == {"search": "nato", "deployed": "no"}
    _clean(w)


@built
def test_browser_sort_by_header_button(watch, site_url, published):
    forces = published
    from playwright.sync_api import expect

    w = _open(watch, site_url)
    page = w.page
    start = page.get_by_role("button", name="Start", exact=True)
    start.click()
    assert _aria_sort(page) == {"start": "ascending"}
    values = _column(page, "start")
    assert values == sorted(values) and len(values) == len(forces)
    assert _query(page) == {"sort": "start", "dir": "asc"}
    expect(page.locator("#pf-explore-status")).to_contain_text("sorted by Start, ascending")

    start.click()
    assert _aria_sort(page) == {"start": "descending"}
    values = _column(page, "start")
    assert values == sorted(values, reverse=True)
    assert _query(page) == {"sort": "start", "dir": "desc"}

    # End: forces still deployed come after every month.
    page.get_by_role("button", name="End", exact=True).click()
    assert _aria_sort(page) == {"end": "ascending"}
    ends = page.eval_on_selector_all(
        "#pf-explore-table tbody tr:not([hidden]) td:nth-child(3)", "cs => cs.map(c => c.textContent)"
    )
    n_ongoing = int(forces["ongoing"].sum())
    assert all(e.startswith("still deployed") for e in ends[-n_ongoing:])  # each at its edition's date
    assert ends[:-n_ongoing] == sorted(ends[:-n_ongoing])

    # First instrument sorts by its date; the vote keeps empty cells last both ways.
    page.get_by_role("button", name="First instrument", exact=True).click()
    dates = _column(page, "instrument")
    assert dates == sorted(dates)
    vote = page.get_by_role("button", name="Vote", exact=True)
    for direction in ("ascending", "descending"):
        vote.click()
        assert _aria_sort(page) == {"vote": direction}
        votes = _column(page, "vote")
        n_empty = votes.count("")
        assert n_empty > 0 and votes[-n_empty:] == [""] * n_empty

    # Sorting works on a filtered view and keeps the filter.
    page.get_by_label("Actor type").select_option("bilateral")
    page.get_by_role("button", name="Force", exact=True).click()
    labels = _column(page, "force")
    assert sorted(labels) == sorted(forces.loc[forces["actor_type"] == "bilateral", "label"])
    assert labels == sorted(labels, key=str.casefold)
    _clean(w)


@built
def test_browser_address_restores_the_view(watch, site_url, published):
    forces = published
    from playwright.sync_api import expect

    query = "?search=operation&actor=bilateral&deployed=no&sort=start&dir=desc"
    w = _open(watch, site_url, query)
    page = w.page
    assert page.get_by_label("Search the forces").input_value() == "operation"
    assert page.get_by_label("Actor type").input_value() == "bilateral"
    assert page.get_by_label(deployed_label(forces)).input_value() == "no"
    mask = (
        (forces["actor_type"] == "bilateral")
        & ~forces["ongoing"]
        & forces["label"].str.lower().str.contains("operation")
    )
    expected = forces.loc[mask].sort_values("start", ascending=False, kind="stable")["id"].tolist()
    assert _visible(page) == expected
    assert _aria_sort(page) == {"start": "descending"}
    expect(page.locator("#pf-explore-status")).to_have_text(
        f"{len(expected)} of {len(forces)} forces shown, sorted by Start, descending"
    )
    assert page.locator("#pf-explore-table caption").text_content() == (
        f"Parallel forces, one per row: {len(expected)} of {len(forces)}, sorted by Start, descending"
    )
    # Reloading keeps it.
    page.reload(wait_until="load")
    page.wait_for_selector("#pf-explore-form:not([hidden])")
    assert _visible(page) == expected

    # Values that are not options, and unknown sort keys, are ignored.
    page.goto(f"{site_url}/{PAGE}?actor=%3Cscript%3E&sort=nonsense&lead=Nobody", wait_until="load")
    page.wait_for_selector("#pf-explore-form:not([hidden])")
    assert _visible(page) == list(forces["id"])
    assert _aria_sort(page) == {}
    _clean(w)


@built
def test_browser_download_gives_the_rows_shown(watch, site_url, published):
    forces = published
    w = _open(watch, site_url, "?lead=France&sort=start&dir=asc", accept_downloads=True)
    page = w.page
    shown = _visible(page)
    assert shown == forces.loc[_leads(forces, "France")].sort_values("start", kind="stable")["id"].tolist()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download what is shown (CSV)").click()
    download = info.value
    assert download.suggested_filename == "parallel-forces-filtered.csv"
    text = Path(download.path()).read_bytes().decode("utf-8")
    assert "\r\n" in text and not text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["id"] + HEADINGS
    assert [r[0] for r in rows[1:]] == shown
    by_id = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    rrf = by_id["rrf"]
    assert rrf["Lead"] == "France, Netherlands, United Kingdom"  # a comma, quoted
    assert rrf["Force"] == "RRF" and rrf["Start"] == "1995-07"
    assert by_id["operation-barkhane"]["End"] == "still deployed in September 2019"

    # "not given" on the page is an empty cell in the file.
    page.get_by_label("Lead").select_option("United Kingdom")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download what is shown (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_bytes().decode("utf-8"), newline="")))
    assert [r["id"] for r in rows] == _visible(page)
    assert {r["id"]: r["Vote"] for r in rows}["operation-palliser"] == ""

    # An empty view downloads the header alone.
    page.get_by_label("Search the forces").fill("no force has this text")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download what is shown (CSV)").click()
    assert Path(info.value.path()).read_bytes().decode("utf-8") == ",".join(["id"] + HEADINGS) + "\r\n"
    _clean(w)


@built
def test_browser_keyboard_sorts_with_enter_and_space(watch, site_url):
    w = _open(watch, site_url)
    page = w.page
    page.get_by_label("Search the forces").focus()
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.closest('th')?.dataset.key") == "start":
            break
    else:
        pytest.fail("Tab never reached the Start sort button")
    page.keyboard.press("Enter")
    assert _aria_sort(page) == {"start": "ascending"}
    page.keyboard.press("Space")
    assert _aria_sort(page) == {"start": "descending"}
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Start"
    _clean(w)


@built
def test_browser_without_javascript_the_whole_table_is_there(watch, site_url, published):
    forces = published
    w = watch(java_script_enabled=False)
    w.page.goto(f"{site_url}/{PAGE}", wait_until="load")
    assert w.page.locator("#pf-explore-table tbody tr").count() == len(forces)
    assert _visible(w.page) == list(forces["id"])
    assert w.page.locator("#pf-explore-form").is_hidden()
    # (Playwright turns script execution off but the parser still treats <noscript> as
    # inert, so its note is checked in the markup, not on screen.)
    assert "<noscript>" in w.page.content()
    assert w.outside == []


@built
def test_browser_phone_width_and_axe(watch, site_url):
    w = _open(watch, site_url, "?actor=regional&sort=end&dir=desc", viewport={"width": 390, "height": 844})
    page = w.page
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    scroll = page.locator(".pf-table-scroll")
    assert scroll.evaluate("e => e.scrollWidth > e.clientWidth"), "the table should scroll inside its wrapper"
    assert scroll.get_attribute("tabindex") == "0"
    page.wait_for_load_state("networkidle")
    page.add_script_tag(content=AXE)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], f"axe violations {bad}"
    _clean(w)


@built
def test_browser_other_pages_are_untouched(watch, site_url):
    w = watch()
    w.page.goto(f"{site_url}/book/index.html", wait_until="load")
    w.page.wait_for_load_state("networkidle")
    assert w.page.locator("table.pf-enhanced").count() == 0
    _clean(w)


@built
def test_browser_edition_filter_marks_the_rows_since_2019(watch, site_url, published):
    from playwright.sync_api import expect

    w = _open(watch, site_url, "?edition=since%202019")
    page = w.page
    new = _ids(published, published["edition"] == "since 2019")
    assert new and _visible(page) == new
    expect(page.locator("#pf-explore-status")).to_have_text(f"{len(new)} of {len(published)} forces shown")
    page.get_by_label("Edition", exact=True).select_option("annex")
    assert _visible(page) == _ids(published, published["edition"] == "annex")
    _clean(w)
