"""Charts: the shared theme, the offline renderer, and the figure object.

Every chart in the book is a :class:`Figure`: a stable ``id``, a title, a one-sentence
text alternative, the Altair chart and exactly the data it draws. Shown in a
notebook, a figure renders as

- a container that the site's ``pf-charts.js`` fills with the vendored Vega
  (nothing is fetched from outside the site; the output is byte-stable for nbval),
- a "data table" a screen reader can reach (escaped HTML),
- links to the SVG, PNG, PDF and CSV exported at build time, and a citation.

Figures are registered with :func:`register` so the exporter can rebuild each one
from the data without running the notebooks.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
from typing import Callable

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


#: How many force names an aggregated mark's tooltip lists before "and N more": a chart of
#: aggregates must not grow with the number of rows (see bench/README.md).
TOOLTIP_NAMES = 12


def name_list(names, limit: int = TOOLTIP_NAMES) -> str:
    """Names joined with commas, the first ``limit`` of them, then "and N more"."""
    names = list(names)
    if len(names) <= limit:
        return ", ".join(names)
    return ", ".join(names[:limit]) + f" and {len(names) - limit} more"


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

    With ``PF_CHART_RENDERER=default`` (as ``make lab`` sets) JupyterLab's own
    renderer draws instead, so charts show while exploring.
    """
    import os

    alt.theme.register("parallel_forces", enable=True)(theme)
    alt.renderers.register("parallel_forces", _renderer)
    alt.renderers.enable(os.environ.get("PF_CHART_RENDERER", "parallel_forces"))
    alt.data_transformers.disable_max_rows()


def table_html(data: pd.DataFrame, caption: str, links: dict[str, str] | None = None,
               html_columns: frozenset[str] = frozenset()) -> str:
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


@dataclasses.dataclass
class Figure:
    """A publishable chart: id, title, text alternative, chart and the data it draws."""

    id: str
    title: str
    description: str
    chart: alt.TopLevelMixin
    data: pd.DataFrame
    #: The page showing the figure, relative to the site root (for links and permalinks).
    page: str = "notebooks/"

    @property
    def page_depth(self) -> int:
        return self.page.count("/")

    def spec(self) -> dict:
        return self.chart.to_dict()

    def _repr_mimebundle_(self, include=None, exclude=None):
        from .citation import figure_citation_html

        up = "../" * self.page_depth
        base = f"{up}downloads/figures/{self.id}"
        links = " · ".join(
            f'<a href="{base}.{ext}" download>{label}</a>'
            for ext, label in [("svg", "SVG"), ("png", "PNG"), ("pdf", "PDF"), ("csv", "Data (CSV)")]
        )
        parts = [
            f'<figure class="pf-figure" id="fig-{self.id}">',
            chart_html(self.spec(), f"{self.title}. {self.description}"),
            f'<figcaption><strong>{html.escape(self.title)}.</strong> {html.escape(self.description)}</figcaption>',
            f'<p class="pf-downloads">Download: {links}</p>',
            '<details class="pf-data"><summary>Data table</summary>',
            table_html(self.data, f"Data shown in: {self.title}"),
            "</details>",
            figure_citation_html(self),
            "</figure>",
        ]
        return {"text/html": "\n".join(parts), "text/plain": f"<Figure {self.id}: {self.title}>"}


FIGURES: dict[str, Callable[..., Figure]] = {}


def register(figure_id: str):
    """Decorator: register a function ``(forces) -> Figure`` under ``figure_id``."""

    def wrap(fn):
        FIGURES[figure_id] = fn
        return fn

    return wrap
