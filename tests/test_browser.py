"""Every page of the built site in headless Chromium, network off: no request
leaves the site, no console error, every chart draws, every download resolves,
and axe-core finds no serious or critical violation, in light mode on a laptop and
in dark mode on a 390-px phone, where no page may scroll sideways. The menu toggles
open the sidebars when tapped; print shows the content and not the controls; a first
view stays within its weight budget."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import SITE, site_pages

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
PAGES = site_pages() if SITE.exists() else []
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
#: First view, every file the page loads compressed with gzip -6, in KiB (issue 16).
BUDGET_KIB = {"landing": 300, "chapter": 600}


def _open(watch, site_url, page, mode: str = "light", **ctx):
    w = watch(**ctx)
    if mode != "light":  # the theme reads the reader's choice from localStorage before drawing
        w.context.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    w.page.goto(f"{site_url}/{page}", wait_until="load")
    n = w.page.locator(".pf-chart").count()
    if n:
        w.page.wait_for_function(
            "() => [...document.querySelectorAll('.pf-chart')].every(e => e.querySelector('svg, canvas'))",
            timeout=15000,
        )
    w.page.wait_for_load_state("networkidle", timeout=60000)  # generous: a loaded machine is slow
    w.page.wait_for_timeout(50)  # let DOMContentLoaded fix-ups run
    return w, n


def _axe(w, page: str, mode: str) -> None:
    w.page.add_script_tag(content=AXE)
    result = w.page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], f"{page} ({mode} mode): axe violations {bad}"


def _clean(w, page: str) -> None:
    assert w.outside == [], f"{page} requested outside the site: {w.outside}"
    assert w.errors == [], f"{page} logged console errors: {w.errors}"
    assert w.failed == [], f"{page} has requests that failed: {w.failed}"


@pytest.mark.parametrize("page", PAGES)
def test_page_offline_clean_drawn_accessible(watch, site_url, page):
    """On a laptop, in light mode: nothing outside the site, no console error, every
    chart drawn, and no serious or critical axe-core violation (colour contrast included)."""
    w, charts = _open(watch, site_url, page, viewport=LAPTOP)
    _clean(w, page)
    drawn = w.page.locator(".pf-chart svg, .pf-chart canvas").count()
    assert drawn >= charts, f"{page}: {charts} chart container(s) but only {drawn} drew"
    _axe(w, page, "light")


@pytest.mark.parametrize("page", PAGES)
def test_page_on_a_phone_in_dark_mode(watch, site_url, page):
    """On a 390-px phone, in dark mode: the page does not scroll sideways, no chart is
    wider than the screen, and axe-core (colour contrast included) finds nothing serious."""
    w, charts = _open(watch, site_url, page, mode="dark", viewport=PHONE)
    _clean(w, page)
    assert w.page.evaluate("document.documentElement.dataset.theme") == "dark"
    overflow = w.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page} scrolls sideways by {overflow}px on a 390px screen"
    widths = w.page.evaluate(
        "() => [...document.querySelectorAll('.pf-chart svg')].map(s => s.getBoundingClientRect().right)"
    )
    assert all(r <= PHONE["width"] for r in widths), f"{page}: a chart overflows a 390px screen: {widths}"
    # A table wider than the screen scrolls inside a focusable, named region.
    loose = w.page.evaluate(
        """() => [...document.querySelectorAll('.bd-article table')].filter(t => {
               const wide = t.getBoundingClientRect().width > t.parentElement.getBoundingClientRect().width + 1;
               const box = t.closest('.pf-table-scroll, .pst-scrollable-table-container, .pf-data, .cell_output');
               return wide && !box;
           }).map(t => (t.caption ? t.caption.textContent : t.className).slice(0, 60))"""
    )
    assert loose == [], f"{page}: wide tables without a scroll region: {loose}"
    _axe(w, page, "dark")


@pytest.mark.parametrize("page", PAGES)
def test_downloads_resolve(page, site_url):
    import urllib.request

    html = (SITE / page).read_text(encoding="utf-8")
    links = re.findall(r'href="([^"#]+)"[^>]*\bdownload\b', html)
    links += re.findall(r'href="([^"#]*downloads/[^"#]+)"', html)
    links += re.findall(r'href="([^"#]*_sources/[^"#]+)"', html)
    for link in sorted(set(links)):
        if link.startswith(("http://", "https://", "mailto:")):
            continue
        url = urljoin(f"{site_url}/{page}", link)
        with urllib.request.urlopen(url) as resp:
            assert resp.status == 200, f"{page}: download {link} answered {resp.status}"
            assert resp.read(1) is not None


def _sidebar_state(page, side: str) -> dict:
    return page.evaluate(
        """side => {
            const bar = document.getElementById(`pst-${side}-sidebar`);
            const modal = document.getElementById(`pst-${side}-sidebar-modal`);
            const r = bar.getBoundingClientRect();
            return {
                modalOpen: !!(modal && modal.open),
                modalLinks: modal ? [...modal.querySelectorAll('a')].filter(a => a.checkVisibility()).length : 0,
                inline: getComputedStyle(bar).visibility === 'visible' && r.right > 0 && r.width > 0,
            };
        }""",
        side,
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_one_search_box_and_no_empty_bar_above_the_page(watch, site_url, width):
    """The page starts with its own header: no theme navbar above it (pydata-sphinx-theme
    0.17 fills an unset navbar_persistent with a second search field), one search control."""
    w, _ = _open(watch, site_url, "notebooks/02-durations.html", viewport={"width": width, "height": 800})
    p = w.page
    assert p.evaluate("document.getElementById('pst-header').getBoundingClientRect().height") == 0
    assert p.locator(".search-button-field:visible, .search-button:visible").count() == 1


@pytest.mark.parametrize("width", [390, 1280])
def test_menu_toggles_open_the_sidebars(watch, site_url, width):
    """Tapping the visible menu buttons opens the sidebars (pydata-sphinx-theme issue 2451:
    the themes listen on a hidden twin; vendor_static/pf-page.js connects the visible ones).
    On a phone each opens its sidebar as a dialog; on a laptop the site navigation is shown
    and the button hides and shows it again; "On this page" is always shown there."""
    page = "notebooks/02-durations.html"
    w, _ = _open(watch, site_url, page, viewport={"width": width, "height": 800}, has_touch=True)
    p = w.page
    for side in ("primary", "secondary"):
        button = p.locator(f".bd-header-article .{side}-toggle")
        if width < 992:
            assert button.is_visible(), f"{side} toggle not shown at {width}px"
            assert not _sidebar_state(p, side)["modalOpen"]
            button.tap()
            p.wait_for_function(f"() => document.getElementById('pst-{side}-sidebar-modal').open", timeout=5000)
            state = _sidebar_state(p, side)
            assert state["modalLinks"] >= (10 if side == "primary" else 2), f"{side} sidebar opened empty: {state}"
            p.keyboard.press("Escape")
            p.wait_for_function(f"() => !document.getElementById('pst-{side}-sidebar-modal').open", timeout=5000)
        elif side == "primary":
            assert button.is_visible()
            assert _sidebar_state(p, side)["inline"], "the site navigation is not shown on a laptop"
            button.tap()
            p.wait_for_function(
                "() => getComputedStyle(document.getElementById('pst-primary-sidebar')).visibility === 'hidden'"
            )
            button.tap()
            p.wait_for_function(
                "() => getComputedStyle(document.getElementById('pst-primary-sidebar')).visibility === 'visible'"
            )
            assert _sidebar_state(p, side)["inline"]
            assert p.locator("#pst-primary-sidebar a:visible").count() >= 10
        else:
            assert _sidebar_state(p, side)["inline"], "'On this page' is not shown on a laptop"
    _clean(w, page)


def test_print_shows_content_not_controls(watch, site_url):
    """Printed, a chapter shows its text, charts, data tables and citations (the collapsed
    blocks open), and no button, menu, toggle or notebook code."""
    page = "notebooks/02-durations.html"
    w, charts = _open(watch, site_url, page, viewport=LAPTOP)
    p = w.page
    assert charts and p.locator(".cell_input").count() > 0
    p.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    p.emulate_media(media="print")
    shown = p.evaluate(
        """() => {
            const seen = sel => [...document.querySelectorAll(sel)].filter(e => e.checkVisibility()).length;
            return {
                charts: seen('.pf-chart svg.marks'), tables: seen('.pf-data table.pf-table'),
                cite: seen('.pf-cite-page pre'), figureCites: seen('.pf-figure .pf-cite pre'),
                code: seen('.cell_input'), buttons: seen('button'), header: seen('.bd-header-article'),
                sidebars: seen('.bd-sidebar-primary') + seen('.bd-sidebar-secondary'),
                closed: [...document.querySelectorAll('details:not([open])')].filter(d => !d.closest('.vega-embed')).length,
            };
        }"""
    )
    assert shown["charts"] == charts and shown["tables"] == charts, shown
    assert shown["cite"] == 1 and shown["figureCites"] == charts, shown
    assert shown["code"] == shown["buttons"] == shown["header"] == shown["sidebars"] == 0, shown
    assert shown["closed"] == 0, shown
    pdf = p.pdf(format="A4")
    assert pdf[:4] == b"%PDF" and len(pdf) > 10_000
    p.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert p.evaluate("() => document.querySelectorAll('.pf-cite-page details[open]').length") == 0
    _clean(w, page)


def _kind(page: str) -> str | None:
    return "landing" if page == "book/index.html" else "chapter" if page.startswith("notebooks/") else None


@pytest.mark.parametrize("page", [p for p in PAGES if _kind(p)])
def test_first_view_within_budget(watch, site_url, page):
    """Every byte a first visit loads comes from the site, and, compressed with gzip -6,
    a chapter weighs at most 600 KiB and the landing page at most 300 KiB (bench/weight.py
    reports every page type)."""
    w = watch(viewport=LAPTOP)
    bodies: dict[str, bytes] = {}
    w.page.on("response", lambda r: bodies.__setitem__(r.url, r.body()) if r.url.startswith(site_url) else None)
    assert w.page.goto(f"{site_url}/{page}", wait_until="load").ok
    if w.page.locator(".pf-chart").count():
        w.page.wait_for_function(
            "() => [...document.querySelectorAll('.pf-chart')].every(e => e.querySelector('svg, canvas'))",
            timeout=15000,
        )
    w.page.wait_for_load_state("networkidle")
    _clean(w, page)
    kib = sum(len(gzip.compress(b, compresslevel=6)) for b in bodies.values()) / 1024
    heavy = sorted(bodies, key=lambda u: -len(bodies[u]))[:3]
    assert kib <= BUDGET_KIB[_kind(page)], f"{page}: {kib:.0f} KiB compressed; heaviest {heavy}"
    loaded = {u.split("?")[0].rsplit("/", 1)[-1] for u in bodies}
    assert not loaded & {"fontawesome.js", "searchindex.js"}, (
        f"{page} loads {loaded & {'fontawesome.js', 'searchindex.js'}}"
    )
