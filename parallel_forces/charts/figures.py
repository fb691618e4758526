"""The book's figures, one registered function each: ``(forces, conventions) -> Figure``.

Each function aggregates in pandas first, so a chart carries only the numbers it draws;
its title states the finding, computed from those numbers, and its subtitle what is
drawn. It draws the chart for a wide page and for a phone (``narrow``: the rows' names
above the bars, see :mod:`.rows`); colours come from :mod:`.theme`, one meaning each, through
the encodings the figures share (:mod:`.encodings`).

The time-based figures (the timeline, the durations, the Kaplan-Meier curve) are in
:mod:`.durations`, the map's in :mod:`.map`: importing this module registers every figure.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import analysis
from .. import formatting as fmt
from ..config import Conventions
from ..data import MANDATE_TYPES, explode_list
from ..formatting import name_list
from .encodings import ACTOR, COUNCIL, actor_colour, council_colour, most, tips
from .figure import Figure, figure, register
from .rows import Rows, counted_bars
from .theme import NEUTRAL, count_axis, layered

# --- chapter 1: types -------------------------------------------------------------------


def starts_by_year(forces: pd.DataFrame) -> pd.DataFrame:
    """Number of forces starting each year, by actor type, with their names."""
    g = (
        forces.groupby(["start_year", "actor_type"], observed=True)
        .agg(forces=("id", "size"), names=("label", name_list))
        .reset_index()
        .rename(columns={"start_year": "year", "actor_type": "actor type"})
    )
    g["actor type"] = g["actor type"].astype(str)
    return g


@register("starts-by-year")
def starts_by_year_figure(forces: pd.DataFrame, conv: Conventions) -> Figure:
    data = starts_by_year(forces)
    years = list(range(int(data["year"].min()), int(data["year"].max()) + 1))
    busiest, top = most(data.groupby("year")["forces"].sum())
    title = (
        f"The busiest year was {busiest[0]}: {top} forces deployed"
        if len(busiest) == 1
        else f"The busiest years were {fmt.names(busiest)}: {top} forces deployed in each"
    )

    def draw(narrow: bool) -> alt.LayerChart:
        # On a phone a label every five years, level (not the first, which would meet the
        # y axis's 0); on a page every year, upright.
        axis = (
            alt.Axis(labelAngle=0, values=[y for y in years[1:] if y % 5 == 0])
            if narrow
            else alt.Axis(labelAngle=-90, labelOverlap=True)
        )
        bars = (
            alt.Chart(data)
            .mark_bar()
            .encode(
                x=alt.X("year:O", title="Year the force deployed", scale=alt.Scale(domain=years), axis=axis),
                y=alt.Y("sum(forces):Q", title="Forces deployed", axis=count_axis()),
                color=actor_colour(),
                tooltip=tips(
                    ("year:O", "Year"), ("actor type:N", ACTOR), ("forces:Q", "Forces"), ("names:N", "Forces")
                ),
            )
        )
        return layered([bars], title, "Forces in the IPI Annex by the year they deployed, by actor type", 240, narrow)

    desc = (
        f"Bar chart of the {int(data['forces'].sum())} forces by the year they deployed, "
        f"from {data['year'].min()} to {data['year'].max()}; the busiest year, {busiest[0]}, saw {top} deploy."
    )
    return figure(
        "starts-by-year", "Parallel forces by year of deployment", desc, draw, data, "notebooks/01-types.html"
    )


@register("mandate-types")
def mandate_types_figure(forces: pd.DataFrame, conv: Conventions) -> Figure:
    """Forces per mandate type (a force can have two types), by actor type."""
    data = (
        explode_list(forces, "mandate_types")
        .groupby(["mandate_types", "actor_type"], observed=True)
        .agg(forces=("id", "size"), names=("label", name_list))
        .reset_index()
        .rename(columns={"mandate_types": "mandate type", "actor_type": "actor type"})
    )
    data["actor type"] = data["actor type"].astype(str)
    totals = data.groupby("mandate type")["forces"].sum().reindex(MANDATE_TYPES, fill_value=0)
    leaders, top = most(totals)
    title = (
        f"{fmt.capital(leaders[0])} was the most common mandate: {top} of {len(forces)} forces"
        if len(leaders) == 1
        else f"{fmt.capital(fmt.names(leaders))} were the most common mandates: {top} of {len(forces)} forces each"
    )

    def draw(narrow: bool) -> alt.LayerChart:
        rows = Rows("mandate type", MANDATE_TYPES, narrow, bar=20)
        bars = (
            alt.Chart(data)
            .mark_bar(**rows.bar_mark())
            .encode(
                y=rows.y(),
                x=alt.X("sum(forces):Q", title="Forces", axis=count_axis()),
                color=actor_colour(),
                tooltip=tips(
                    ("mandate type:N", "Mandate type"),
                    ("actor type:N", ACTOR),
                    ("forces:Q", "Forces"),
                    ("names:N", "Forces"),
                ),
            )
        )
        subtitle = "Forces by the report's Table 1 mandate types, by actor type; a force may have two types"
        return layered([bars, *rows.names(data, "Mandate type")], title, subtitle, rows.height(), narrow)

    desc = "Stacked bars of forces by mandate type: " + "; ".join(f"{k} {v}" for k, v in totals.items()) + "."
    return figure("mandate-types", "Mandates of parallel forces", desc, draw, data, "notebooks/01-types.html")


# --- chapters 3 and 4: actors, the Council ----------------------------------------------


def _decade_bars(forces: pd.DataFrame, column: str, label: str, colour: alt.Color) -> tuple[pd.DataFrame, alt.Chart]:
    """Forces per decade of deployment, stacked by the categories of ``column``."""
    data = (
        forces.groupby(["decade", column], observed=True)
        .agg(forces=("id", "size"), names=("label", name_list))
        .reset_index()
        .rename(columns={column: label})
    )
    data[label] = data[label].astype(str)
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("decade:O", title="Decade of deployment", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("sum(forces):Q", title="Forces", axis=count_axis()),
            color=colour,
            tooltip=[
                alt.Tooltip("decade:O", title="Decade"),
                alt.Tooltip(f"{label}:N", title=fmt.capital(label)),
                alt.Tooltip("forces:Q", title="Forces"),
                alt.Tooltip("names:N", title="Forces"),
            ],
        )
    )
    return data, chart


@register("actor-types-by-decade")
def actor_types_by_decade_figure(forces: pd.DataFrame, conv: Conventions) -> Figure:
    """Forces by decade of deployment and actor type."""
    data, bars = _decade_bars(forces, "actor_type", "actor type", actor_colour())
    per_decade = data.sort_values(["decade", "forces"], ascending=[True, False]).drop_duplicates("decade")
    leaders = list(dict.fromkeys(per_decade["actor type"]))
    if len(leaders) == 1:
        in_all = int(data.loc[data["actor type"] == leaders[0], "forces"].sum())
        title = (
            f"{fmt.capital(fmt.actor_type(leaders[0]))} launched the most forces in every decade, "
            f"{in_all} of {len(forces)} in all"
        )
    else:
        title = "The most forces per decade: " + "; ".join(
            f"{d}, {fmt.actor_type(a)}" for d, a in zip(per_decade["decade"], per_decade["actor type"])
        )
    totals = data.groupby("decade")["forces"].sum()
    desc = (
        "Stacked bars of forces per decade: "
        + "; ".join(f"{k} {v}" for k, v in totals.items())
        + ", coloured by actor type."
    )
    return figure(
        "actor-types-by-decade",
        "Who launched parallel forces, by decade",
        desc,
        lambda narrow: layered([bars], title, "Forces by decade of deployment and actor type", 240, narrow),
        data,
        "notebooks/03-actors.html",
    )


@register("leads")
def leads_figure(forces: pd.DataFrame, conv: Conventions) -> Figure:
    """Forces per lead (joint leads shown as launched), grouped: Western leads, then the others."""
    data = (
        forces.groupby("lead")
        .agg(forces=("id", "size"), names=("label", name_list), western=("lead_western", "first"))
        .reset_index()
    )
    data["lead"] = data["lead"].map(fmt.cell_list).replace("", fmt.NOT_NAMED)
    data["Western lead"] = data["western"].map({True: "Western", False: "non-Western"})
    data = data.drop(columns="western").sort_values(["forces", "lead"], ascending=[False, True]).reset_index(drop=True)
    western = int(data.loc[data["Western lead"] == "Western", "forces"].sum())
    total = int(data["forces"].sum())
    groups = [
        (f"{heading}: {fmt.plural(int(part['forces'].sum()), 'force')}", part)
        for heading, part in [
            ("Western leads", data[data["Western lead"] == "Western"]),
            ("Other leads", data[data["Western lead"] == "non-Western"]),
        ]
    ]
    draw = counted_bars(
        data,
        "lead",
        groups,
        x_title="Forces",
        tooltip=tips(("lead:N", "Lead"), ("Western lead:N", "Lead is"), ("forces:Q", "Forces"), ("names:N", "Forces")),
        title=f"{fmt.pct(western / total)} of the forces had a Western lead ({western} of {total})",
        subtitle="Forces per lead state or organization; a Western lead as the book's conventions define it",
    )
    desc = (
        f"Horizontal bars of forces per lead: {data['lead'].iloc[0]} led the most ({data['forces'].iloc[0]}); "
        f"{western} of {total} forces had a Western lead."
    )
    return figure("leads", "Who led parallel forces", desc, draw, data, "notebooks/03-actors.html")


@register("authorization-by-decade")
def authorization_by_decade_figure(forces: pd.DataFrame, conv: Conventions) -> Figure:
    """Authorized vs only recognized, by decade of deployment."""
    data, bars = _decade_bars(forces, "authorization", "council decision", council_colour())
    tot = data.groupby("council decision")["forces"].sum()
    authorized, recognized = int(tot.get("authorized", 0)), int(tot.get("recognized", 0))
    other = "the other " if authorized + recognized == len(forces) else ""
    title = f"The Council authorized {authorized} of the {len(forces)} forces and only recognized {other}{recognized}"
    desc = f"Stacked bars per decade: {authorized} forces authorized and {recognized} only recognized in all."
    subtitle = "Authorized, or only recognized (welcomed, noted, called upon...), by decade of deployment"
    return figure(
        "authorization-by-decade",
        "Authorized or recognized, by decade",
        desc,
        lambda narrow: layered([bars], title, subtitle, 240, narrow),
        data,
        "notebooks/04-council.html",
    )


@register("council-lag")
def council_lag_figure(forces: pd.DataFrame, conv: Conventions) -> Figure:
    """Months from deployment to the first Council instrument, per force: a dot at the
    month, on a stem from the month of deployment; ringed on low-confidence rows."""
    t = analysis.council_timing(forces).sort_values(["lag (months)", "id"])
    data = pd.DataFrame(
        {
            "force": t["label"],
            "id": t["id"],
            "lag (months)": t["lag (months)"].astype(int),
            "first instrument": t["first_instrument_kind"],
            "council decision": t["authorization"].astype(str),
            "council spoke": t["council spoke"],
            "confidence": t["id"].map(dict(zip(forces["id"], forces["confidence"].astype(str)))),
        }
    )
    counts = data["council spoke"].value_counts()
    when = {
        "same month": "in the month of deployment",
        "after deployment": "after deployment",
        "before deployment": "before deployment",
    }
    (usual, *_), n = most(counts.reindex(list(when), fill_value=0))
    title = f"The Council first spoke {when[usual]} for {n} of {len(data)} forces"

    def draw(narrow: bool) -> alt.LayerChart:
        rows = Rows("force", list(data["force"]), narrow)
        tooltip = tips(
            ("force:N", "Force"),
            ("lag (months):Q", "Months"),
            ("confidence:N", "Row confidence"),
            ("first instrument:N", "First instrument"),
            ("council decision:N", COUNCIL),
        )
        x = alt.X("lag (months):Q", title="Months from deployment", axis=alt.Axis(orient="top"))
        zero = alt.Chart(pd.DataFrame({"lag (months)": [0]})).mark_rule(color=NEUTRAL).encode(x="lag (months):Q")
        stems = (
            alt.Chart(data)
            .mark_bar(**rows.bar_mark(height=2))
            .encode(y=rows.y(), x=x, x2=alt.datum(0), color=council_colour(), tooltip=tooltip)
        )
        dots = (
            alt.Chart(data)
            .mark_point(filled=True, size=55, opacity=1, yOffset=rows.offset)
            .encode(y=rows.y(), x=x, color=council_colour(), tooltip=tooltip)
        )
        # A ring around the dot of a low-confidence row, which a legend of its own shows.
        ringed = "Low-confidence row of the data"
        rings = (
            alt.Chart(data)
            .transform_filter("datum.confidence == 'low'")
            .transform_calculate(row=f"'{ringed}'")
            .mark_point(filled=False, color=NEUTRAL, size=190, strokeWidth=1.3, opacity=1, yOffset=rows.offset)
            .encode(
                y=rows.y(),
                x=x,
                shape=alt.Shape("row:N", title=None, scale=alt.Scale(domain=[ringed], range=["circle"])),
                tooltip=tooltip,
            )
        )
        subtitle = "Months from deployment to the Council's first instrument on the force (negative: before)"
        low = [rings] if (data["confidence"] == "low").any() else []
        layers = [zero, stems, dots, *low, *rows.names(data, "Force")]
        return layered(layers, title, subtitle, rows.height(), narrow)

    desc = (
        f"Dots per force on a line from the month of deployment: the Council's first instrument came before "
        f"deployment for {int(counts.get('before deployment', 0))} forces, in the month of deployment for "
        f"{int(counts.get('same month', 0))}, and after it for {int(counts.get('after deployment', 0))}."
    )
    low = data[data["confidence"] == "low"].sort_values("lag (months)", key=abs, ascending=False)
    if len(low):
        desc += (
            " Dots on low-confidence rows (ringed): "
            + fmt.listing(f"{n} ({m} months)" for n, m in zip(low["force"], low["lag (months)"]))
            + "."
        )
    return figure("council-lag", "When the Council first spoke", desc, draw, data, "notebooks/04-council.html")


# Figures defined in their own modules register themselves on import; the chapters'
# notebooks call the time-based ones through this module (``figures.timeline_figure``).
from . import map  # noqa: E402,F401
from .durations import durations_figure, kaplan_meier_figure, timeline_figure  # noqa: E402,F401
