"""Every page of the built site in headless Chromium, network off: no request
leaves the site, no console error, every chart draws, every download resolves,
and axe-core finds no serious or critical violation."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import SITE, site_pages

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
PAGES = site_pages() if SITE.exists() else []


def _open(watch, site_url, page, **ctx):
    w = watch(**ctx)
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


@pytest.mark.parametrize("page", PAGES)
def test_page_offline_clean_drawn_accessible(watch, site_url, page):
    """One load per page: nothing outside the site, no console error, every chart
    drawn, and no serious or critical axe-core violation."""
    w, charts = _open(watch, site_url, page)
    assert w.outside == [], f"{page} requested outside the site: {w.outside}"
    assert w.errors == [], f"{page} logged console errors: {w.errors}"
    assert w.failed == [], f"{page} has requests that failed: {w.failed}"
    drawn = w.page.locator(".pf-chart svg, .pf-chart canvas").count()
    assert drawn >= charts, f"{page}: {charts} chart container(s) but only {drawn} drew"
    w.page.add_script_tag(content=AXE)
    result = w.page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], f"{page}: axe violations {bad}"


@pytest.mark.parametrize("page", PAGES)
def test_downloads_resolve(page, site_url):
    import re
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


def test_phone_width_no_sideways_scroll(watch, site_url):
    for page in [p for p in PAGES if p.startswith("notebooks/")][:3] or ["book/index.html"]:
        w, _ = _open(watch, site_url, page, viewport={"width": 390, "height": 844})
        overflow = w.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{page} scrolls sideways by {overflow}px on a 390px screen"
        widths = w.page.evaluate(
            "() => [...document.querySelectorAll('.pf-chart svg')].map(s => s.getBoundingClientRect().right)"
        )
        assert all(r <= 390 for r in widths), f"{page}: a chart overflows a 390px screen: {widths}"
