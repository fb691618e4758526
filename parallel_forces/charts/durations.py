"""The time-based figures: the timeline of the forces (chapter 1) and how long they stayed
(chapter 2: the durations, the Kaplan-Meier curve), registered like every figure
(``(forces, conventions) -> Figure``, see ``figures``).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import analysis
from .. import formatting as fmt
from ..config import Conventions
from ..reference import REPORT_MEAN_DURATION_YEARS
from .encodings import ACTOR, actor_colour, still_deployed_marks, tips
from .figure import Figure, figure, register
from .rows import Rows
from .theme import ANNOTATION, NEUTRAL, layered

SECOND_WAVE = analysis.SECOND_WAVE


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
    early, late = (fmt.years(m) for m in analysis.median_months_by_wave(forces, SECOND_WAVE))
    title = f"Forces of the 1990s stayed a median {early} years; those since {SECOND_WAVE}, {late} years"
    desc = (
        f"Horizontal bars for the {len(data)} forces from {data['start'].min()[:4]} to "
        f"{conv.counted_to[:4]}, ordered by start; {int(f['ongoing'].sum())} were {conv.still_deployed}. "
        f"Median duration of the forces that deployed before {SECOND_WAVE}: {early} years; since: {late} years."
    )
    # The scale runs from the first January to the end of the reference month (UTC, in ms).
    last = pd.Period(conv.counted_to, freq="M").end_time.normalize()
    domain = [pd.Timestamp(int(f["start_year"].min()), 1, 1).value // 10**6, last.value // 10**6]

    def draw(narrow: bool) -> alt.LayerChart:
        rows = Rows("force", list(data["force"]), narrow)
        scale = alt.Scale(domain=domain)
        axis = alt.Axis(format="%Y", orient="top", tickCount={"interval": "year", "step": 10 if narrow else 5})
        x = alt.X("start:T", title=None, scale=scale, axis=axis)
        bars = (
            alt.Chart(data)
            .mark_bar(**rows.bar_mark())
            .encode(
                x=x,
                x2="drawn to:T",
                y=rows.y(),
                color=actor_colour(),
                tooltip=tips(
                    ("force:N", "Force (UN operation)"),
                    ("start:N", "Start"),
                    ("end:N", "End"),
                    ("actor type:N", ACTOR),
                    ("months:Q", "Months"),
                ),
            )
        )
        ends = alt.X("drawn to:T")
        layers = [bars, still_deployed_marks(data, ends, rows, conv), *rows.names(data, "Force (UN operation)")]
        subtitle = "Each bar runs from deployment to end; the UN operation beside the force in brackets"
        return layered(layers, title, subtitle, rows.height(), narrow)

    return figure("timeline", "Timeline of parallel forces", desc, draw, data, "notebooks/01-types.html")


# --- chapter 2: durations ---------------------------------------------------------------


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
    mean, report = round(mean_months / 12, 2), float(REPORT_MEAN_DURATION_YEARS)
    compared = "as the report says" if fmt.years(mean_months) == f"{report:.1f}" else "not the report's"
    title = f"The forces stayed {fmt.years(mean_months)} years on average, {compared} {REPORT_MEAN_DURATION_YEARS}"
    # The two reference lines, told apart by their dashes, which a legend shows.
    lines = pd.DataFrame(
        {
            "years": [mean, report],
            "line": [
                f"Mean in the data: {fmt.years(mean_months)} years",
                f"The report: {REPORT_MEAN_DURATION_YEARS} years",
            ],
        }
    )

    def draw(narrow: bool) -> alt.LayerChart:
        rows = Rows("force", list(data["force"]), narrow)
        x = alt.X("years:Q", title="Years deployed", axis=alt.Axis(orient="top"))
        bars = (
            alt.Chart(data)
            .mark_bar(**rows.bar_mark())
            .encode(
                y=rows.y(),
                x=x,
                color=actor_colour(),
                tooltip=tips(
                    ("force:N", "Force"),
                    ("years (rounded):N", "Years"),
                    ("months:Q", "Months"),
                    ("still deployed:N", fmt.capital(conv.still_deployed)),
                ),
            )
        )
        rules = (
            alt.Chart(lines)
            .mark_rule(color=ANNOTATION, size=1.5)
            .encode(
                x=x,
                strokeDash=alt.StrokeDash(
                    "line:N",
                    title="Reference lines",
                    scale=alt.Scale(domain=list(lines["line"]), range=[[6, 0], [5, 3]]),
                    legend=alt.Legend(symbolType="stroke", symbolStrokeColor=ANNOTATION, symbolStrokeWidth=1.5),
                ),
                tooltip=tips(("line:N", "Reference line")),
            )
        )
        layers = [bars, still_deployed_marks(data, x, rows, conv), rules, *rows.names(data, "Force")]
        subtitle = "Years from deployment to end, longest first; forces still deployed counted to " + fmt.month(
            conv.counted_to
        )
        return layered(layers, title, subtitle, rows.height(), narrow)

    desc = (
        f"Horizontal bars of the duration of each of the {len(data)} forces, from "
        f"{fmt.years(f['duration_months'].max())} years ({data['force'].iloc[0]}) down to "
        f"{fmt.years(f['duration_months'].min())}; the mean is {fmt.years(mean_months)} years against the "
        f"report's {REPORT_MEAN_DURATION_YEARS}."
    )
    return figure("durations", "How long parallel forces stay", desc, draw, data, "notebooks/02-durations.html")


@register("kaplan-meier")
def kaplan_meier_figure(forces: pd.DataFrame, conv: Conventions) -> Figure:
    """Kaplan-Meier estimate of the share of forces still deployed after t years."""
    curve = analysis.km_curve(forces)
    data = curve.assign(
        **{"share still deployed": curve["share still deployed"].round(4), "years": curve["years"].round(3)}
    )[["years", "months", "share still deployed"]]
    med = analysis.km_median_months(forces)
    half = med != float("inf")
    title = (
        f"Half of the forces had ended within {fmt.years(med)} years of deploying"
        if half
        else f"More than half of the forces were still deployed after {fmt.years(data['months'].max())} years"
    )
    guide = pd.DataFrame({"years": [0.0, med / 12 if half else 0.0], "share": [0.5, 0.5]})

    def draw(narrow: bool) -> alt.LayerChart:
        line = (
            alt.Chart(data)
            .mark_line(interpolate="step-after", color=NEUTRAL, strokeWidth=2.5)
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
        )
        layers = [line]
        if half:
            said = "median" if narrow else "half had ended by"
            median = guide.iloc[[1]].assign(label=f"{said} {fmt.years(med)} years")
            layers += [
                alt.Chart(guide)
                .mark_line(strokeDash=[4, 3], color=ANNOTATION, strokeWidth=1)
                .encode(x="years:Q", y="share:Q"),
                alt.Chart(median)
                .mark_rule(strokeDash=[4, 3], color=ANNOTATION, strokeWidth=1)
                .encode(x="years:Q", y="share:Q", y2=alt.datum(0)),
                alt.Chart(median)
                .mark_text(align="left", dx=6, dy=-8, color=ANNOTATION, fontSize=11)
                .encode(x="years:Q", y="share:Q", text="label:N"),
            ]
        subtitle = f"Kaplan-Meier estimate of the share still deployed; forces {conv.still_deployed} are censored"
        return layered(layers, title, subtitle, 220 if narrow else 260, narrow)

    desc = (
        f"A falling step curve: half of the forces had ended within {med / 12:.1f} years of deploying "
        "(Kaplan-Meier median, with the forces still deployed treated as censored)."
    )
    return figure(
        "kaplan-meier", "Share of forces still deployed over time", desc, draw, data, "notebooks/02-durations.html"
    )
