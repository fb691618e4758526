"""The book's figures, one registered function each: ``(forces) -> Figure``.

Each function aggregates in pandas first, so a chart carries only the numbers it
draws, then builds the Altair chart with the shared theme.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .charts import ACTOR_COLOURS, WIDTH, Figure, register
from .data import ACTOR_TYPES

ACTOR_SCALE = alt.Scale(domain=ACTOR_TYPES, range=[ACTOR_COLOURS[a] for a in ACTOR_TYPES])


def starts_by_year(forces: pd.DataFrame) -> pd.DataFrame:
    """Number of forces starting each year, by actor type, with their names."""
    g = (
        forces.groupby(["start_year", "actor_type"], observed=True)
        .agg(forces=("id", "size"), names=("short_name", lambda s: ", ".join(s)))
        .reset_index()
        .rename(columns={"start_year": "year", "actor_type": "actor type"})
    )
    g["actor type"] = g["actor type"].astype(str)
    return g


@register("starts-by-year")
def starts_by_year_figure(forces: pd.DataFrame) -> Figure:
    data = starts_by_year(forces)
    chart = (
        alt.Chart(data, title=alt.Title("Parallel forces by year of deployment", subtitle="Forces in the IPI Annex, by actor type"))
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="Year the force deployed",
                    scale=alt.Scale(domain=list(range(int(data["year"].min()), int(data["year"].max()) + 1))),
                    axis=alt.Axis(labelAngle=-90, labelOverlap=True)),
            y=alt.Y("sum(forces):Q", title="Forces deployed", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color("actor type:N", title="Actor type", scale=ACTOR_SCALE),
            tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("actor type:N", title="Actor type"),
                     alt.Tooltip("forces:Q", title="Forces"), alt.Tooltip("names:N", title="Forces")],
        )
        .properties(width=WIDTH, height=260)
    )
    busiest = data.groupby("year")["forces"].sum()
    desc = (f"Bar chart of the {int(data['forces'].sum())} forces by the year they deployed, "
            f"from {data['year'].min()} to {data['year'].max()}; the busiest year, {busiest.idxmax()}, saw {busiest.max()} deploy.")
    return Figure("starts-by-year", "Parallel forces by year of deployment", desc, chart, data, page="notebooks/01-types.html")
