"""The encodings and helpers the book's figures share: tooltips, the colours of actor type
and Council decision (one meaning each, from :mod:`.theme`), the marker of a force still
deployed, and the keys sharing the largest count (for a title that states the finding).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import formatting as fmt
from ..config import Conventions
from .rows import Rows
from .theme import NEUTRAL, STILL_DEPLOYED_SHAPE, colour_scale

ACTOR = "Actor type"
COUNCIL = "Council decision"


def tips(*fields: tuple[str, str]) -> list[alt.Tooltip]:
    """Tooltips from (field, title) pairs."""
    return [alt.Tooltip(field, title=title) for field, title in fields]


def actor_colour() -> alt.Color:
    """The colour of a force's actor type, with its legend."""
    return alt.Color("actor type:N", title=ACTOR, scale=colour_scale(ACTOR))


def council_colour(channel=alt.Color, **kwargs):
    """The colour of the Council's decision (authorized or only recognized), on ``channel``."""
    return channel("council decision:N", title=COUNCIL, scale=colour_scale(COUNCIL), **kwargs)


def most(counts: pd.Series) -> tuple[list[str], int]:
    """The keys sharing the largest value of ``counts``, and that value."""
    top = int(counts.max())
    return [str(k) for k, v in counts.items() if v == top], top


def still_deployed_marks(data: pd.DataFrame, x: alt.X, rows: Rows, conv: Conventions) -> alt.Chart:
    """A marker just after the bar of each force still deployed, with its legend."""
    label = fmt.capital(conv.still_deployed)
    marks = data[data["still deployed"] == "yes"].assign(status=label)
    return (
        alt.Chart(marks)
        .mark_point(filled=True, color=NEUTRAL, size=40, opacity=1, xOffset=5, yOffset=rows.offset)
        .encode(
            x=x,
            y=rows.y(),
            shape=alt.Shape(
                "status:N",
                title=None,
                scale=alt.Scale(domain=[label], range=[STILL_DEPLOYED_SHAPE]),
                legend=alt.Legend(symbolFillColor=NEUTRAL, symbolStrokeColor=NEUTRAL, symbolSize=60),
            ),
            tooltip=tips(("force:N", "Force"), ("status:N", "Status")),
        )
    )
