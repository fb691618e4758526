"""A publishable chart (:class:`Figure`) and the registry the exporter rebuilds figures from.

Every chart in the book is a :class:`Figure`: a stable ``id``, a title, a one-sentence
text alternative, the Altair chart and exactly the data it draws. Shown in a notebook,
it renders as a container that the site's ``pf-charts.js`` fills with the vendored Vega,
a data table a screen reader can reach, download links and a citation.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable

import altair as alt
import pandas as pd

from .theme import chart_html, table_html


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

    def spec(self) -> dict:
        return self.chart.to_dict()

    def _repr_mimebundle_(self, include=None, exclude=None):
        from ..site.citation import figure_citation_html
        from ..site.urls import download, url

        base = url(download(f"figures/{self.id}"), self.page)
        links = " · ".join(
            f'<a href="{base}.{ext}" download>{label}</a>'
            for ext, label in [("svg", "SVG"), ("png", "PNG"), ("pdf", "PDF"), ("csv", "Data (CSV)")]
        )
        parts = [
            f'<figure class="pf-figure" id="fig-{self.id}">',
            chart_html(self.spec(), f"{self.title}. {self.description}"),
            f"<figcaption><strong>{html.escape(self.title)}.</strong> {html.escape(self.description)}</figcaption>",
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
    """Decorator: register a function ``(forces, conventions) -> Figure`` under ``figure_id``."""

    def wrap(fn):
        FIGURES[figure_id] = fn
        return fn

    return wrap
