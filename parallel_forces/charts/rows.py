"""Lists of named bars (forces, leads, countries, mandates), laid out for the width they
are drawn at.

On a wide page a row's name stands on the axis beside its bar, with room for the longest
name, so that no name is cut. On a phone the names would leave the bars a third of the
width: there (``narrow``) the axis is dropped, and each name is written above its bar,
across the chart's whole width (cut, if ever, at that width, with the name in a tooltip).
Headings among the rows (a region, Western or not) group them, in bold.
"""

from __future__ import annotations

import dataclasses
import json

import altair as alt
import pandas as pd

from ..formatting import capital
from .theme import NEUTRAL, count_axis, layered, room_for_counts

#: The names' font size, and the width of a character at that size (px), a little generous,
#: to size the axis so that the longest name fits.
NAME_FONT = 11
CHAR_PX = 6.8
#: Above a bar on a phone: the name's line, the gap under it, and the gap under the bar (px).
NAME_LINE, NAME_GAP, ROW_GAP = 14, 3, 4
NAME_COLOUR = "#222222"


@dataclasses.dataclass(frozen=True)
class Rows:
    """Rows named by ``field``, in the order of ``domain``; ``headings`` are rows of the
    domain that hold no bar and group the rows under them."""

    field: str
    domain: list[str]
    narrow: bool
    bar: int = 9
    headings: tuple[str, ...] = ()

    @property
    def step(self) -> int:
        """The height of a row (px)."""
        return NAME_LINE + NAME_GAP + self.bar + ROW_GAP if self.narrow else round(self.bar * 1.5)

    @property
    def offset(self) -> float:
        """How far below the row's middle its bar's middle sits (px): under the name, on a phone."""
        return (NAME_LINE + NAME_GAP + self.bar / 2) - self.step / 2 if self.narrow else 0

    def y(self) -> alt.Y:
        scale = alt.Scale(domain=list(self.domain))
        if self.narrow:
            return alt.Y(f"{self.field}:N", scale=scale, axis=None)
        longest = max(len(str(name)) for name in self.domain)
        axis = alt.Axis(labelLimit=round(CHAR_PX * longest) + 12, labelFontSize=NAME_FONT, ticks=False, labelPadding=6)
        if self.headings:
            test = f"indexof({json.dumps(list(self.headings))}, datum.value) >= 0"
            axis.labelFontWeight = {"condition": {"test": test, "value": "bold"}, "value": "normal"}
        return alt.Y(f"{self.field}:N", scale=scale, title=None, axis=axis)

    def bar_mark(self, **kwargs) -> dict:
        """Mark properties of a bar (or a point) in a row: its thickness and place."""
        return {"height": self.bar, "yOffset": self.offset, **kwargs}

    def height(self) -> alt.Step:
        return alt.Step(self.step)

    def names(self, data: pd.DataFrame, title: str) -> list[alt.Chart]:
        """On a phone, the layers that write each row's name above its bar, and the
        headings in bold; on a wide page none (the axis names the rows)."""
        if not self.narrow:
            return []
        named = data[[self.field]].drop_duplicates()
        named = named[~named[self.field].isin(self.headings)]
        texts = [(named, "normal")]
        if self.headings:
            texts.append((pd.DataFrame({self.field: list(self.headings)}), "bold"))
        # Each name over a white halo of itself: grid and reference lines pass behind it.
        return [self._text(frame, title, weight, halo) for halo in (True, False) for frame, weight in texts]

    def _text(self, data: pd.DataFrame, title: str, weight: str, halo: bool) -> alt.Chart:
        look = {"stroke": "white", "strokeWidth": 3, "strokeJoin": "round", "color": "white"} if halo else {}
        return (
            alt.Chart(data)
            .mark_text(
                align="left",
                baseline="bottom",
                dy=NAME_LINE - self.step / 2,
                fontSize=NAME_FONT,
                fontWeight=weight,
                limit={"expr": "width"},
                **{"color": NAME_COLOUR, **look},
            )
            .encode(x=alt.value(0), y=self.y(), text=f"{self.field}:N", tooltip=[alt.Tooltip(self.field, title=title)])
        )

    def counts(self, data: pd.DataFrame, x: alt.X, tooltip: list) -> alt.Chart:
        """The number at the end of each bar (``x``: the bars' own x)."""
        return (
            alt.Chart(data)
            .mark_text(align="left", dx=3, yOffset=self.offset, color=NAME_COLOUR, fontSize=NAME_FONT)
            .encode(y=self.y(), x=x, text=x.shorthand, tooltip=tooltip)
        )


def counted_bars(
    data: pd.DataFrame,
    field: str,
    groups: list[tuple[str, pd.DataFrame]],
    *,
    x_title: str,
    tooltip: list,
    title: str,
    subtitle: str,
):
    """``draw(narrow)`` for a count of forces per row of ``field`` (column ``forces``),
    its number after each bar; ``groups`` gives each heading and the rows under it, in order."""
    groups = [(heading, part) for heading, part in groups if len(part)]
    headings = tuple(heading for heading, _ in groups)
    domain = [name for heading, part in groups for name in [heading, *part[field]]]

    def draw(narrow: bool) -> alt.LayerChart:
        rows = Rows(field, domain, narrow, headings=headings)
        x = alt.X("forces:Q", title=x_title, axis=count_axis(), scale=room_for_counts(data["forces"]))
        bars = alt.Chart(data).mark_bar(**rows.bar_mark(color=NEUTRAL)).encode(y=rows.y(), x=x, tooltip=tooltip)
        layers = [bars, rows.counts(data, x, tooltip), *rows.names(data, capital(field))]
        return layered(layers, title, subtitle, rows.height(), narrow)

    return draw
