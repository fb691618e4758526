"""The charts' look and their offline renderer: the colour-blind-safe palette, the
Vega-Lite theme, the HTML a chart becomes on a page (a container and its spec as inert
JSON, drawn by the site's ``pf-charts.js`` with the vendored Vega: nothing is fetched
from outside the site, and the output is byte-stable for nbval), and accessible tables.
"""

from __future__ import annotations

import hashlib
import html
import json

import altair as alt
import pandas as pd

#: Okabe-Ito, a colour-blind-safe palette (black left out; yellow last: low contrast on white).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442"]
#: Fixed colours for the three actor types, used in every chart.
ACTOR_COLOURS = {"bilateral": "#D55E00", "regional": "#0072B2", "multinational": "#009E73"}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
#: Charts fit a 390-pixel phone screen: the page's content column is narrower than that.
WIDTH = "container"


def theme() -> dict:
    """The publication's Vega-Lite config: readable fonts, the palette, no chart border."""
    return {
        "config": {
            "font": FONT,
            "view": {"stroke": None, "continuousHeight": 300},
            "range": {"category": PALETTE},
            "title": {"fontSize": 15, "anchor": "start", "subtitleColor": "#444", "subtitleFontSize": 12},
            "axis": {"labelFontSize": 12, "titleFontSize": 13, "labelColor": "#222", "titleColor": "#222"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
            "background": "white",
        }
    }


def _stable_json(obj) -> str:
    """JSON with sorted keys, safe inside <script>: no '<', '>' or '&' survive."""
    text = json.dumps(obj, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def chart_html(spec: dict, label: str) -> str:
    """HTML for one chart: a container and its spec as inert JSON."""
    body = _stable_json(spec)
    cid = "pf-chart-" + hashlib.sha1(body.encode()).hexdigest()[:12]
    return (
        f'<div class="pf-chart" id="{cid}" data-label="{html.escape(label)}"></div>\n'
        f'<script type="application/json" class="pf-chart-spec" data-for="{cid}">{body}</script>'
    )


def _renderer(spec: dict, **_):
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text", "")
    return {"text/html": chart_html(spec, str(title or "Chart")), "text/plain": "<Chart>"}


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
