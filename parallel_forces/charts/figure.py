"""A publishable chart (:class:`Figure`) and the registry the exporter rebuilds figures from.

Every chart in the book is a :class:`Figure`: a stable ``id``, a title, a one-sentence
text alternative, the Altair chart and exactly the data it draws, and optionally the
chart's narrow variant for phones. Shown in a notebook, it renders as a container that
the site's ``pf-charts.js`` fills with the vendored Vega, a data table a screen reader
can reach, download links and a citation. :func:`figure` makes one from a function that
draws the chart at either width.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable

import altair as alt
import pandas as pd

from .theme import chart_html, finish, table_html


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
    #: The chart drawn in a container narrower than ``theme.NARROW_BELOW``, or None for the same chart.
    narrow: alt.TopLevelMixin | None = None

    def spec(self) -> dict:
        return finish(self.chart.to_dict())

    def narrow_spec(self) -> dict | None:
        return None if self.narrow is None else finish(self.narrow.to_dict())

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
            chart_html(self.spec(), f"{self.title}. {self.description}", self.narrow_spec()),
            f"<figcaption><strong>{html.escape(self.title)}.</strong> {html.escape(self.description)}</figcaption>",
            f'<p class="pf-downloads">Download: {links}</p>',
            '<details class="pf-data"><summary>Data table</summary>',
            table_html(self.data, f"Data shown in: {self.title}"),
            "</details>",
            figure_citation_html(self),
            "</figure>",
        ]
        return {"text/html": "\n".join(parts), "text/plain": f"<Figure {self.id}: {self.title}>"}


def figure(
    figure_id: str, title: str, description: str, draw: Callable[[bool], alt.TopLevelMixin], data, page: str
) -> Figure:
    """A Figure whose chart ``draw(narrow)`` draws for a wide page and for a phone (kept
    only where the two differ)."""
    wide, narrow = draw(False), draw(True)
    if narrow.to_dict() == wide.to_dict():
        narrow = None
    return Figure(figure_id, title, description, wide, data, page=page, narrow=narrow)


FIGURES: dict[str, Callable[..., Figure]] = {}


def register(figure_id: str):
    """Decorator: register a function ``(forces, conventions) -> Figure`` under ``figure_id``."""

    def wrap(fn):
        FIGURES[figure_id] = fn
        return fn

    return wrap
