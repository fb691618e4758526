"""The charts' look and their offline renderer: the palettes, one meaning per colour
across the book (actor types, the Council's decision; grey for marks of no category), the
Vega-Lite theme, the HTML a chart becomes on a page (a container and its spec as inert
JSON, drawn by the site's ``pf-charts.js`` with the vendored Vega, with a narrow variant
for phones: nothing is fetched from outside the site, and the output is byte-stable for
nbval), and accessible tables.
"""

from __future__ import annotations

import hashlib
import html
import json

import altair as alt
import pandas as pd

#: Okabe-Ito, a colour-blind-safe palette (black left out; yellow last: low contrast on white).
#: The default for charts made outside the book; the book's figures use the scales below.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442"]

# One meaning per colour, across the whole book. A colour stands for one category of one
# variable, in every chart that shows it; marks that stand for no category are NEUTRAL.
# Two variables that would need more colours are shown another way: the lead's being
# Western, and the region of a country, group the rows of their charts under headings.

#: The three actor types (Okabe-Ito vermilion, blue, bluish green), in every chart.
ACTOR_COLOURS = {"bilateral": "#D55E00", "regional": "#0072B2", "multinational": "#009E73"}
#: The Council's decision: two shades of one hue used for nothing else, dark for the
#: stronger act (Paul Tol's wine, Okabe-Ito reddish purple); told apart by lightness alone.
COUNCIL_COLOURS = {"authorized": "#882255", "recognized": "#CC79A7"}
#: Marks that stand for no category: counts per lead or country, the survival curve, the
#: map's circles, the marker of a force still deployed (contrast 8:1 on white).
NEUTRAL = "#4D4D4D"
#: Reference lines and their labels (a mean, the report's figure).
ANNOTATION = "#222222"
#: The map: land without a force, and countries with at least one (greys: the circles carry the count).
LAND = "#E4E4E4"
HOST = "#B3B3B3"
#: Every categorical scale, by the title its legend shows: colour -> meaning is one-to-one.
COLOUR_SCALES = {"Actor type": ACTOR_COLOURS, "Council decision": COUNCIL_COLOURS}
#: The marker drawn at the end of the bar of a force still deployed (a legend shows it).
STILL_DEPLOYED_SHAPE = "triangle-right"


def colour_scale(meaning: str) -> alt.Scale:
    """The colour scale of one of COLOUR_SCALES ("Actor type", "Council decision")."""
    colours = COLOUR_SCALES[meaning]
    return alt.Scale(domain=list(colours), range=list(colours.values()))


FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
#: Charts take the width of the page's content column.
WIDTH = "container"
#: The chart fills the width; its height is the plot's (titles, axes and legends add to it).
AUTOSIZE = alt.AutoSizeParams(type="fit-x", contains="padding")
#: Below this content width (CSS pixels), a figure with a narrow variant (labels above the
#: bars, shorter axes) is drawn with it; pf-charts.js reads it from the page.
NARROW_BELOW = 560


def theme() -> dict:
    """The publication's Vega-Lite config: readable fonts, the palette, no chart border."""
    return {
        "config": {
            "font": FONT,
            "view": {"stroke": None, "continuousHeight": 300},
            "range": {"category": PALETTE},
            "title": {"fontSize": 15, "anchor": "start", "subtitleColor": "#444", "subtitleFontSize": 12},
            "axis": {"labelFontSize": 12, "titleFontSize": 13, "labelColor": "#222", "titleColor": "#222"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", "labelLimit": 320},
            "background": "white",
        }
    }


def layered(layers: list, title: str, subtitle: str | list[str], height, narrow: bool = False) -> alt.LayerChart:
    """The layers as one chart the width of the page, its title stating the finding; on
    a phone (``narrow``) each legend lists its entries one under the other."""
    chart = alt.layer(*layers, title=alt.Title(title, subtitle=subtitle)).properties(
        width=WIDTH, height=height, autosize=AUTOSIZE
    )
    return chart.configure_legend(direction="vertical") if narrow else chart


def count_axis() -> alt.Axis:
    """An axis of counts of forces: whole numbers only."""
    return alt.Axis(tickMinStep=1, format="d")


def room_for_counts(values) -> alt.Scale:
    """A scale of counts reaching a little beyond the largest, for the number written after its bar."""
    return alt.Scale(domain=[0, int(max(values)) * 1.08 + 0.6], nice=False)


#: Vega (not Vega-Lite) settings the charts need, which Vega-Lite passes on to Vega but
#: whose schema does not allow them: legends below a chart are stacked, not put side by
#: side (side by side, two legends are cut on a phone).
VEGA_CONFIG = {"legend": {"layout": {"bottom": {"direction": "vertical", "anchor": "start", "margin": 8}}}}


def finish(spec: dict) -> dict:
    """A chart's spec as the book draws and exports it: VEGA_CONFIG merged in."""
    config = spec.setdefault("config", {})
    for key, value in VEGA_CONFIG.items():
        config[key] = {**config.get(key, {}), **value}
    return spec


def _stable_json(obj) -> str:
    """JSON with sorted keys, safe inside <script>: no '<', '>' or '&' survive."""
    text = json.dumps(obj, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def chart_html(spec: dict, label: str, narrow: dict | None = None) -> str:
    """HTML for one chart: a container and its spec as inert JSON; with ``narrow``, also
    the spec pf-charts.js draws instead in a container narrower than NARROW_BELOW. The
    narrow spec leaves out the datasets the first one carries (Altair names a dataset by
    its content): pf-charts.js takes them from there."""
    body = _stable_json(spec)
    cid = "pf-chart-" + hashlib.sha1(body.encode()).hexdigest()[:12]
    out = (
        f'<div class="pf-chart" id="{cid}" data-label="{html.escape(label)}"></div>\n'
        f'<script type="application/json" class="pf-chart-spec" data-for="{cid}">{body}</script>'
    )
    if narrow is not None:
        shared = spec.get("datasets", {})
        datasets = {k: v for k, v in narrow.get("datasets", {}).items() if shared.get(k) != v}
        narrow = {**narrow, "datasets": datasets} if datasets else {k: v for k, v in narrow.items() if k != "datasets"}
        out += (
            f'\n<script type="application/json" class="pf-chart-narrow" data-for="{cid}" '
            f'data-below="{NARROW_BELOW}">{_stable_json(narrow)}</script>'
        )
    return out


def _renderer(spec: dict, **_):
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text", "")
    if isinstance(title, list):
        title = " ".join(title)
    return {"text/html": chart_html(finish(spec), str(title or "Chart")), "text/plain": "<Chart>"}


def enable() -> None:
    """Use the publication's theme and its offline renderer for Altair charts.

    The renderer's output (a container and its spec) is drawn by the site's
    ``pf-charts.js`` and, in ``make lab``, by the JupyterLab extension in
    ``jupyter/labextensions/parallel-forces-lab``: one output for both. Another Altair
    renderer can be chosen with ``PF_CHART_RENDERER`` (e.g. ``svg``); Altair's ``default``
    emits Vega-Lite 6, which JupyterLab 4's own Vega renderer does not draw.
    """
    import os

    alt.theme.register("parallel_forces", enable=True)(theme)
    alt.renderers.register("parallel_forces", _renderer)
    alt.renderers.enable(os.environ.get("PF_CHART_RENDERER", "parallel_forces"))
    alt.data_transformers.disable_max_rows()


def table_html(
    data: pd.DataFrame, caption: str, links: dict[str, str] | None = None, html_columns: frozenset[str] = frozenset()
) -> str:
    """An accessible HTML table with every cell escaped; ``links`` maps a first-column
    value to a URL; cells of ``html_columns`` are trusted HTML built by the caller
    (already escaped), e.g. links to force records."""
    cols = list(data.columns)
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in cols)
    rows = []
    for rec in data.itertuples(index=False):
        cells = []
        for i, (col, v) in enumerate(zip(cols, rec)):
            text = "" if (not isinstance(v, (list, tuple)) and pd.isna(v)) else str(v)
            cell = text if col in html_columns else html.escape(text)
            if i == 0 and links and text in links:
                cell = f'<a href="{html.escape(links[text])}">{cell}</a>'
            cells.append(f'<th scope="row">{cell}</th>' if i == 0 else f"<td>{cell}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table class="pf-table"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
