"""The book's figures, one registered function each: ``(forces) -> Figure``.

Each function aggregates in pandas first, so a chart carries only the numbers it
draws, then builds the Altair chart with the shared theme.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import analysis
from .. import formatting as fmt
from ..config import Conventions
from ..data import ACTOR_TYPES, MANDATE_TYPES
from ..formatting import name_list
from ..reference import REPORT_MEAN_DURATION_YEARS
from .figure import Figure, register
from .theme import ACTOR_COLOURS, PALETTE, WIDTH


def tips(*fields: tuple[str, str]) -> list[alt.Tooltip]:
    """Tooltips from (field, title) pairs."""
    return [alt.Tooltip(field, title=title) for field, title in fields]


ACTOR_SCALE = alt.Scale(domain=ACTOR_TYPES, range=[ACTOR_COLOURS[a] for a in ACTOR_TYPES])


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
    chart = (
        alt.Chart(
            data,
            title=alt.Title("Parallel forces by year of deployment", subtitle="Forces in the IPI Annex, by actor type"),
        )
        .mark_bar()
        .encode(
            x=alt.X(
                "year:O",
                title="Year the force deployed",
                scale=alt.Scale(domain=list(range(int(data["year"].min()), int(data["year"].max()) + 1))),
                axis=alt.Axis(labelAngle=-90, labelOverlap=True),
            ),
            y=alt.Y("sum(forces):Q", title="Forces deployed", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color("actor type:N", title="Actor type", scale=ACTOR_SCALE),
            tooltip=tips(
                ("year:O", "Year"), ("actor type:N", "Actor type"), ("forces:Q", "Forces"), ("names:N", "Forces")
            ),
        )
        .properties(width=WIDTH, height=260)
    )
    busiest = data.groupby("year")["forces"].sum()
    desc = (
        f"Bar chart of the {int(data['forces'].sum())} forces by the year they deployed, "
        f"from {data['year'].min()} to {data['year'].max()}; the busiest year, {busiest.idxmax()}, saw {busiest.max()} deploy."
    )
    return Figure(
        "starts-by-year", "Parallel forces by year of deployment", desc, chart, data, page="notebooks/01-types.html"
    )


def _label(forces: pd.DataFrame) -> pd.Series:
    return forces["label"] + " (" + forces["un_operations"] + ")"


@register("timeline")
def timeline_figure(forces: pd.DataFrame, conv: Conventions) -> Figure:
    """The report's Figure 2: one bar per force from start to end, beside its UN operation(s)."""
    f = forces.sort_values(["start", "id"])
    data = pd.DataFrame(
        {
            "force": _label(f),
            "id": f["id"],
            "start": f["start"].astype(str),
            "drawn to": f["end_effective"].astype(str),
            "end": [fmt.end(e, conv) for e in f["end"]],
            "still deployed": f["ongoing"].map({True: "yes", False: "no"}),
            "actor type": f["actor_type"].astype(str),
            "UN operations": f["un_operations"],
            "months": f["duration_months"],
        }
    )
    order = list(data["force"])
    chart = (
        alt.Chart(
            data,
            title=alt.Title(
                "Timeline of parallel forces",
                subtitle="Each bar runs from deployment to end; label gives the UN operation beside it",
            ),
        )
        .mark_bar(height=9)
        .encode(
            x=alt.X("start:T", title="Year", axis=alt.Axis(format="%Y", labelOverlap=True)),
            x2="drawn to:T",
            y=alt.Y("force:N", sort=order, title=None, axis=alt.Axis(labelLimit=170, labelFontSize=10)),
            color=alt.Color("actor type:N", title="Actor type", scale=ACTOR_SCALE),
            opacity=alt.Opacity(
                "still deployed:N",
                title=fmt.capital(conv.still_deployed),
                scale=alt.Scale(domain=["no", "yes"], range=[1.0, 0.55]),
            ),
            tooltip=tips(
                ("force:N", "Force (UN operation)"),
                ("start:N", "Start"),
                ("end:N", "End"),
                ("still deployed:N", "Still deployed"),
                ("actor type:N", "Actor type"),
                ("months:Q", "Months"),
            ),
        )
        .properties(width=WIDTH, height=13 * len(data))
    )
    desc = (
        f"Horizontal bars for the {len(data)} forces from {data['start'].min()[:4]} to "
        f"{conv.counted_to[:4]}, ordered by start; {int(f['ongoing'].sum())} were {conv.still_deployed}."
    )
    return Figure("timeline", "Timeline of parallel forces", desc, chart, data, page="notebooks/01-types.html")


@register("mandate-types")
def mandate_types_figure(forces: pd.DataFrame, conv: Conventions) -> Figure:
    """Forces per mandate type (a force can have two types), by actor type."""
    ex = explode_list_typed(forces, "mandate_types")
    data = (
        ex.groupby(["mandate_types", "actor_type"], observed=True)
        .agg(forces=("id", "size"), names=("label", name_list))
        .reset_index()
        .rename(columns={"mandate_types": "mandate type", "actor_type": "actor type"})
    )
    data["actor type"] = data["actor type"].astype(str)
    chart = (
        alt.Chart(
            data,
            title=alt.Title("Mandates of parallel forces", subtitle="The report's Table 1 types; a force may have two"),
        )
        .mark_bar()
        .encode(
            y=alt.Y("mandate type:N", sort=MANDATE_TYPES, title=None),
            x=alt.X("sum(forces):Q", title="Forces", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color("actor type:N", title="Actor type", scale=ACTOR_SCALE),
            tooltip=tips(
                ("mandate type:N", "Mandate type"),
                ("actor type:N", "Actor type"),
                ("forces:Q", "Forces"),
                ("names:N", "Forces"),
            ),
        )
        .properties(width=WIDTH, height=170)
    )
    totals = data.groupby("mandate type")["forces"].sum().reindex(MANDATE_TYPES, fill_value=0)
    desc = "Stacked bars of forces by mandate type: " + "; ".join(f"{k} {v}" for k, v in totals.items()) + "."
    return Figure("mandate-types", "Mandates of parallel forces", desc, chart, data, page="notebooks/01-types.html")


def explode_list_typed(forces: pd.DataFrame, column: str) -> pd.DataFrame:
    from ..data import explode_list

    return explode_list(forces, column)


@register("durations")
def durations_figure(forces: pd.DataFrame, conv: Conventions) -> Figure:
    """Duration of every force, longest first, with the mean and the report's seven years."""
    f = forces.sort_values(["duration_months", "id"], ascending=[False, True])
    data = pd.DataFrame(
        {
            "force": f["label"],
            "id": f["id"],
            "years": (f["duration_months"] / 12).round(2),
            "years (rounded)": [fmt.years(m) for m in f["duration_months"]],
            "months": f["duration_months"],
            "actor type": f["actor_type"].astype(str),
            "still deployed": f["ongoing"].map({True: "yes", False: "no"}),
        }
    )
    mean_months = f["duration_months"].mean()
    mean_years = round(mean_months / 12, 2)
    rules = pd.DataFrame(
        {
            "years": [mean_years, float(REPORT_MEAN_DURATION_YEARS)],
            "line": [
                f"mean in the data: {fmt.years(mean_months)} years",
                f"report: {REPORT_MEAN_DURATION_YEARS} years",
            ],
        }
    )
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("force:N", sort=list(data["force"]), title=None, axis=alt.Axis(labelFontSize=10, labelLimit=130)),
            x=alt.X("years:Q", title=f"Years deployed (forces still deployed counted to {fmt.month(conv.counted_to)})"),
            color=alt.Color("actor type:N", title="Actor type", scale=ACTOR_SCALE),
            opacity=alt.Opacity(
                "still deployed:N", title="Still deployed", scale=alt.Scale(domain=["no", "yes"], range=[1.0, 0.55])
            ),
            tooltip=tips(
                ("force:N", "Force"),
                ("years (rounded):N", "Years"),
                ("months:Q", "Months"),
                ("still deployed:N", "Still deployed"),
            ),
        )
    )
    lines = (
        alt.Chart(rules)
        .mark_rule(strokeDash=[4, 3], color="#222", size=1.5)
        .encode(x="years:Q", tooltip=tips(("line:N", "Reference line")))
    )
    chart = alt.layer(bars, lines).properties(
        width=WIDTH,
        height=13 * len(data),
        title=alt.Title(
            "How long parallel forces stay",
            subtitle=["Dashed lines: the mean in the data and the report's seven years"],
        ),
    )
    desc = (
        f"Horizontal bars of the duration of each of the {len(data)} forces, from "
        f"{fmt.years(f['duration_months'].max())} years ({data['force'].iloc[0]}) down to "
        f"{fmt.years(f['duration_months'].min())}; the mean is {fmt.years(mean_months)} years against the "
        f"report's {REPORT_MEAN_DURATION_YEARS}."
    )
    fig_data = data.copy()
    return Figure(
        "durations", "How long parallel forces stay", desc, chart, fig_data, page="notebooks/02-durations.html"
    )


@register("kaplan-meier")
def kaplan_meier_figure(forces: pd.DataFrame, conv: Conventions) -> Figure:
    """Kaplan-Meier estimate of the share of forces still deployed after t years."""
    curve = analysis.km_curve(forces)
    data = curve.assign(
        **{"share still deployed": curve["share still deployed"].round(4), "years": curve["years"].round(3)}
    )[["years", "months", "share still deployed"]]
    med = analysis.km_median_months(forces)
    chart = (
        alt.Chart(
            data,
            title=alt.Title(
                "Share of forces still deployed, by years since deployment",
                subtitle=f"Kaplan-Meier estimate; forces {conv.still_deployed} are censored",
            ),
        )
        .mark_line(interpolate="step-after", color=PALETTE[0], strokeWidth=2.5)
        .encode(
            x=alt.X("years:Q", title="Years since deployment"),
            y=alt.Y(
                "share still deployed:Q",
                title="Share still deployed",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            tooltip=[
                alt.Tooltip("years:Q", title="Years", format=".1f"),
                alt.Tooltip("share still deployed:Q", title="Share still deployed", format=".0%"),
            ],
        )
        .properties(width=WIDTH, height=260)
    )
    desc = (
        f"A falling step curve: half of the forces had ended within {med / 12:.1f} years of deploying "
        "(Kaplan-Meier median, with the forces still deployed treated as censored)."
    )
    return Figure(
        "kaplan-meier",
        "Share of forces still deployed over time",
        desc,
        chart,
        data,
        page="notebooks/02-durations.html",
    )


def _decade_bars(
    forces: pd.DataFrame, column: str, label: str, scale: alt.Scale, title: str, subtitle: str
) -> tuple[pd.DataFrame, alt.Chart]:
    """Forces per decade of deployment, stacked by the categories of ``column``."""
    data = (
        forces.groupby(["decade", column], observed=True)
        .agg(forces=("id", "size"), names=("label", name_list))
        .reset_index()
        .rename(columns={column: label})
    )
    data[label] = data[label].astype(str)
    chart = (
        alt.Chart(data, title=alt.Title(title, subtitle=subtitle))
        .mark_bar()
        .encode(
            x=alt.X("decade:O", title="Decade of deployment", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("sum(forces):Q", title="Forces", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(f"{label}:N", title=fmt.capital(label), scale=scale),
            tooltip=[
                alt.Tooltip("decade:O", title="Decade"),
                alt.Tooltip(f"{label}:N", title=fmt.capital(label)),
                alt.Tooltip("forces:Q", title="Forces"),
                alt.Tooltip("names:N", title="Forces"),
            ],
        )
        .properties(width=WIDTH, height=240)
    )
    return data, chart


@register("actor-types-by-decade")
def actor_types_by_decade_figure(forces: pd.DataFrame, conv: Conventions) -> Figure:
    """Forces by decade of deployment and actor type."""
    data, chart = _decade_bars(
        forces,
        "actor_type",
        "actor type",
        ACTOR_SCALE,
        "Who launched parallel forces, by decade",
        "Forces by decade of deployment and actor type",
    )
    totals = data.groupby("decade")["forces"].sum()
    desc = (
        "Stacked bars of forces per decade: "
        + "; ".join(f"{k} {v}" for k, v in totals.items())
        + ", coloured by actor type."
    )
    return Figure(
        "actor-types-by-decade",
        "Who launched parallel forces, by decade",
        desc,
        chart,
        data,
        page="notebooks/03-actors.html",
    )


@register("leads")
def leads_figure(forces: pd.DataFrame, conv: Conventions) -> Figure:
    """Forces per lead (joint leads shown as launched)."""
    data = (
        forces.groupby("lead")
        .agg(forces=("id", "size"), names=("label", name_list), western=("lead_western", "first"))
        .reset_index()
    )
    data["lead"] = data["lead"].map(fmt.cell_list).replace("", fmt.NOT_NAMED)
    data["Western lead"] = data["western"].map({True: "Western", False: "non-Western"})
    data = data.drop(columns="western").sort_values(["forces", "lead"], ascending=[False, True]).reset_index(drop=True)
    chart = (
        alt.Chart(data, title=alt.Title("Who led parallel forces", subtitle="Forces per lead state or organization"))
        .mark_bar()
        .encode(
            y=alt.Y("lead:N", sort=list(data["lead"]), title=None, axis=alt.Axis(labelLimit=150)),
            x=alt.X("forces:Q", title="Forces", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(
                "Western lead:N",
                title="Lead",
                scale=alt.Scale(domain=["Western", "non-Western"], range=[PALETTE[0], PALETTE[1]]),
            ),
            tooltip=tips(("lead:N", "Lead"), ("forces:Q", "Forces"), ("names:N", "Forces")),
        )
        .properties(width=WIDTH, height=22 * len(data))
    )
    desc = (
        f"Horizontal bars of forces per lead: {data['lead'].iloc[0]} led the most ({data['forces'].iloc[0]}); "
        f"{int((data['Western lead'] == 'Western').mul(data['forces']).sum())} of {int(data['forces'].sum())} forces had a Western lead."
    )
    return Figure("leads", "Who led parallel forces", desc, chart, data, page="notebooks/03-actors.html")


@register("authorization-by-decade")
def authorization_by_decade_figure(forces: pd.DataFrame, conv: Conventions) -> Figure:
    """Authorized vs only recognized, by decade of deployment."""
    data, chart = _decade_bars(
        forces,
        "authorization",
        "council decision",
        alt.Scale(domain=["authorized", "recognized"], range=[PALETTE[0], PALETTE[1]]),
        "How the Security Council handled parallel forces",
        "Authorized, or only recognized (welcomed, noted, called upon...)",
    )
    tot = data.groupby("council decision")["forces"].sum()
    desc = (
        f"Stacked bars per decade: {int(tot.get('authorized', 0))} forces authorized and "
        f"{int(tot.get('recognized', 0))} only recognized in all."
    )
    return Figure(
        "authorization-by-decade",
        "Authorized or recognized, by decade",
        desc,
        chart,
        data,
        page="notebooks/04-council.html",
    )


@register("council-lag")
def council_lag_figure(forces: pd.DataFrame, conv: Conventions) -> Figure:
    """Months from deployment to the first Council instrument, per force."""
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
    chart = (
        alt.Chart(
            data,
            title=alt.Title(
                "When the Council first spoke",
                subtitle=[
                    "Months from deployment to the first Council instrument (negative: before)",
                    "Outlined bars rest on low-confidence rows of the data",
                ],
            ),
        )
        .mark_bar(strokeWidth=1.5)
        .encode(
            y=alt.Y("force:N", sort=list(data["force"]), title=None, axis=alt.Axis(labelFontSize=10, labelLimit=130)),
            x=alt.X("lag (months):Q", title="Months from deployment to first Council instrument"),
            color=alt.Color(
                "council decision:N",
                title="Council decision",
                scale=alt.Scale(domain=["authorized", "recognized"], range=[PALETTE[0], PALETTE[1]]),
            ),
            stroke=alt.Stroke(
                "confidence:N",
                title="Row confidence",
                scale=alt.Scale(domain=["high", "low"], range=["transparent", "#000"]),
            ),
            tooltip=tips(
                ("force:N", "Force"),
                ("lag (months):Q", "Months"),
                ("confidence:N", "Row confidence"),
                ("first instrument:N", "First instrument"),
                ("council decision:N", "Council decision"),
            ),
        )
        .properties(width=WIDTH, height=13 * len(data))
    )
    counts = data["council spoke"].value_counts()
    desc = (
        f"Diverging bars per force: the Council's first instrument came before deployment for "
        f"{int(counts.get('before deployment', 0))} forces, in the month of deployment for {int(counts.get('same month', 0))}, "
        f"and after it for {int(counts.get('after deployment', 0))}."
    )
    low = data[data["confidence"] == "low"].sort_values("lag (months)", key=abs, ascending=False)
    if len(low):
        desc += (
            " Bars on low-confidence rows (outlined): "
            + fmt.listing(f"{n} ({m} months)" for n, m in zip(low["force"], low["lag (months)"]))
            + "."
        )
    return Figure("council-lag", "When the Council first spoke", desc, chart, data, page="notebooks/04-council.html")


# Figures defined in their own modules register themselves on import.
from . import map  # noqa: E402,F401
