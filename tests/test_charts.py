"""The charts as a reader sees them: one meaning per colour across the book, titles that
state a computed finding, names never cut on a wide page, map circles that do not overlap,
a narrow variant that shares its data; and, in Chromium at two phones' widths and a laptop's,
every chart's text inside its chart and no two labels on top of each other."""

from __future__ import annotations

import itertools
import json
import math
import re

import pytest
from conftest import SITE

import parallel_forces as pf
from parallel_forces.charts import FIGURES, figures, theme  # noqa: F401  (registers the figures)
from parallel_forces.charts import map as fm
from parallel_forces.charts import rows as rows_module

CFG = pf.config.load()
CHANNELS = ("color", "fill", "stroke")


@pytest.fixture(scope="module")
def built():
    forces = pf.load_forces(CFG)
    return {fid: build(forces, CFG.conventions) for fid, build in sorted(FIGURES.items())}


def _specs(fig):
    yield "wide", fig.spec()
    if fig.narrow is not None:
        yield "narrow", fig.narrow_spec()


def _nodes(obj):
    yield obj
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k not in ("datasets", "data", "values"):
                yield from _nodes(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _nodes(v)


def _colour_meanings(spec):
    """(colour, legend title, category) for every colour scale of the spec, and the
    constant colours its marks use."""
    scales, constants = [], set()
    for node in _nodes(spec):
        if not isinstance(node, dict):
            continue
        enc = node.get("encoding", {})
        for ch in CHANNELS:
            scale = enc.get(ch, {}).get("scale", {}) if isinstance(enc.get(ch), dict) else {}
            if "range" in scale:
                scales += [(c, enc[ch]["title"], d) for c, d in zip(scale["range"], scale["domain"])]
        mark = node.get("mark")
        if isinstance(mark, dict):
            constants |= {mark[k] for k in ("color", "fill", "stroke") if isinstance(mark.get(k), str)}
    return scales, constants


def test_one_meaning_per_colour_across_the_book(built):
    meaning: dict[str, set] = {}
    constants: set[str] = set()
    for fig in built.values():
        for _, spec in _specs(fig):
            scales, used = _colour_meanings(spec)
            constants |= used
            for colour, title, category in scales:
                meaning.setdefault(colour.upper(), set()).add((title, category))
    assert meaning, "no colour scale found"
    twice = {c: m for c, m in meaning.items() if len(m) > 1}
    assert not twice, f"colours with more than one meaning: {twice}"
    # A mark of one fixed colour never borrows a category's colour.
    assert not {c.upper() for c in constants} & set(meaning), constants & set(meaning)
    # Every categorical colour is one of the palettes defined in the theme.
    defined = {c.upper() for colours in theme.COLOUR_SCALES.values() for c in colours.values()}
    assert set(meaning) <= defined


def test_titles_state_a_computed_finding(built):
    for fid, fig in built.items():
        title = fig.spec()["title"]["text"]
        assert re.search(r"\d", title), f"{fid}: the title states no number: {title!r}"
        assert title != fig.title, f"{fid}: the chart's title only names the chart"


def test_wide_names_are_never_cut(built):
    """On a wide page each row name's axis has room for the longest name."""
    for fid, fig in built.items():
        for node in _nodes(fig.spec()):
            if isinstance(node, dict) and isinstance(node.get("y"), dict) and node["y"].get("type") == "nominal":
                y = node["y"]
                limit = (y.get("axis") or {}).get("labelLimit")
                if limit and "domain" in y.get("scale", {}):
                    longest = max(len(str(v)) for v in y["scale"]["domain"])
                    assert limit >= rows_module.CHAR_PX * longest, (fid, limit, longest)


def test_narrow_variant_carries_only_its_own_data(built):
    fig = built["deployment-map"]
    html = theme.chart_html(fig.spec(), "x", fig.narrow_spec())
    wide, narrow = re.findall(r'<script type="application/json" class="pf-chart-[a-z]+"[^>]*>(.*?)</script>', html)
    topology = next(iter(json.loads(wide)["datasets"].values()))
    assert len(narrow) < len(wide) / 3 and json.dumps(topology)[:200] not in narrow
    assert f'data-below="{theme.NARROW_BELOW}"' in html


@pytest.mark.parametrize("narrow", [False, True])
def test_map_circles_do_not_overlap(narrow):
    forces = pf.load_forces(CFG)
    data, _ = fm.map_data(fm.forces_by_country(forces))
    top = data["forces"].max()
    radii = [math.sqrt(fm.CIRCLE_AREA[narrow] * k / top / math.pi) for k in data["forces"]]
    points = fm.fit_points(data)
    scale = fm.pixels_per_unit(points, fm.NOMINAL_WIDTH[narrow], fm.MAP_HEIGHT[narrow])
    placed = [tuple(scale * v for v in fm.equal_earth(*p)) for p in fm.dodge(data, radii, scale)]
    for (a, ra), (b, rb) in itertools.combinations(zip(placed, radii), 2):
        assert math.dist(a, b) >= ra + rb, (a, b)
    # The circles stay near their countries.
    home = [tuple(scale * v for v in fm.equal_earth(x, y)) for x, y in zip(data["longitude"], data["latitude"])]
    assert max(math.dist(p, h) for p, h in zip(placed, home)) < 3 * max(radii)


def test_equal_earth_inverts():
    for lon, lat in [(0, 0), (-72.7, 18.9), (126, -8.8), (17.8, 44.2)]:
        back = fm.equal_earth_invert(*fm.equal_earth(lon, lat))
        assert back == pytest.approx((lon, lat), abs=1e-9)


# --- in the browser ----------------------------------------------------------------------

CHAPTERS = sorted(p.relative_to(SITE).as_posix() for p in SITE.glob("notebooks/0[1-5]-*.html")) if SITE.exists() else []

# Every text of each chart: outside its SVG (cut), or over another text of the same kind.
LAYOUT = """() => [...document.querySelectorAll('.pf-chart')].map(chart => {
  const svg = chart.querySelector('svg');
  const box = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim() && t.getAttribute('opacity') !== '0');
  const item = t => {
    const r = t.getBoundingClientRect();
    const group = t.closest('[class*="role-"]');
    return {text: t.textContent, role: group ? group.getAttribute('class') : '', x: r.left, y: r.top, r: r.right, b: r.bottom};
  };
  const items = texts.map(item);
  const cut = items.filter(i => i.x < box.left - 1 || i.r > box.right + 1 || i.y < box.top - 1 || i.b > box.bottom + 1);
  const over = [];
  for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) {
    const a = items[i], b = items[j];
    if (a.role !== b.role || !/axis-label|legend-label|title/.test(a.role)) continue;
    const dx = Math.min(a.r, b.r) - Math.max(a.x, b.x), dy = Math.min(a.b, b.b) - Math.max(a.y, b.y);
    if (dx > 1 && dy > 1) over.push([a.text, b.text]);
  }
  return {id: chart.closest('figure') ? chart.closest('figure').id : chart.id, width: box.width, cut: cut.map(i => i.text), over};
})"""


@pytest.mark.parametrize("width", [320, 390, 1280])
@pytest.mark.parametrize("page", CHAPTERS)
def test_charts_fit_their_width_and_texts_never_overlap(watch, site_url, page, width):
    w = watch(viewport={"width": width, "height": 900})
    w.page.goto(f"{site_url}/{page}", wait_until="load")
    w.page.wait_for_function(
        "() => [...document.querySelectorAll('.pf-chart')].every(e => e.getAttribute('data-drawn'))", timeout=20000
    )
    charts = w.page.evaluate(LAYOUT)
    assert charts
    for chart in charts:
        assert chart["width"] <= width, chart
        assert not chart["cut"], f"{page} at {width}px, {chart['id']}: text cut at the chart's edge: {chart['cut']}"
        assert not chart["over"], f"{page} at {width}px, {chart['id']}: labels on top of each other: {chart['over']}"
    assert w.errors == []
