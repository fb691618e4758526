"""The publication's key figures, machine-readable: one function, used by the
notebooks (glued into the prose) and by the build (published as CSV and JSON)."""

from __future__ import annotations

import pandas as pd

from . import analysis
from . import formatting as fmt
from .config import Conventions


def key_figures(forces: pd.DataFrame, conventions: Conventions) -> pd.DataFrame:
    """Table with columns ``name, value, unit, description, chapter``."""
    conv = conventions
    f = forces
    votes = analysis.vote_summary(f)
    ref = conv.reference_month
    rows = [
        ("forces_total", len(f), "forces", "Parallel forces listed in the Annex", "types"),
        (
            "duration_mean_years",
            round(f["duration_years"].mean(), 2),
            "years",
            f"Mean duration, whole months from start to end, forces still deployed counted to {fmt.month(ref)}",
            "durations",
        ),
        (
            "duration_median_years",
            round(f["duration_years"].median(), 2),
            "years",
            f"Median duration, forces still deployed counted to {fmt.month(ref)}",
            "durations",
        ),
        (
            "duration_km_median_years",
            round(analysis.km_median_months(f) / 12, 2),
            "years",
            "Kaplan-Meier median duration, ongoing forces right-censored",
            "durations",
        ),
        (
            "still_deployed_count",
            int(f["ongoing"].sum()),
            "forces",
            f"Forces the Annex lists as still deployed ('to present'), counted to {fmt.month(ref)}",
            "durations",
        ),
        (
            "authorized_count",
            int((f["authorization"] == "authorized").sum()),
            "forces",
            "Forces the Council authorized",
            "council",
        ),
        (
            "recognized_count",
            int((f["authorization"] == "recognized").sum()),
            "forces",
            "Forces the Council only recognized (welcomed, noted, commended, called upon...)",
            "council",
        ),
        (
            "chapter_vii_count",
            int(f["chapter_vii"].sum()),
            "forces",
            "Forces whose quoted Council decision invokes Chapter VII",
            "council",
        ),
        (
            "unanimous_first_vote_count",
            votes["unanimous"],
            "forces",
            "Forces whose first Council resolution was adopted unanimously",
            "council",
        ),
        (
            "share_bilateral",
            round(analysis.actor_type_share(f, "bilateral"), 4),
            "fraction",
            "Share of all forces launched by one state (bilateral)",
            "actors",
        ),
        (
            "share_regional",
            round(analysis.actor_type_share(f, "regional"), 4),
            "fraction",
            "Share of all forces launched by a regional organization or alliance",
            "actors",
        ),
        (
            "share_multinational",
            round(analysis.actor_type_share(f, "multinational"), 4),
            "fraction",
            "Share of all forces launched by a multinational coalition",
            "actors",
        ),
        (
            "share_western_lead",
            round(float(f["lead_western"].mean()), 4),
            "fraction",
            "Share of all forces with a Western lead (see the conventions)",
            "actors",
        ),
    ]
    columns = ["name", "value", "unit", "description", "chapter"]
    # An object column keeps counts as integers ("44", not "44.0") beside the shares.
    return pd.DataFrame({c: pd.Series([r[i] for r in rows], dtype=object) for i, c in enumerate(columns)})


def display(value, unit: str) -> str:
    """A key figure as a reader sees it: shares as percentages, years to one decimal."""
    if unit == "fraction":
        return fmt.pct(value)
    return fmt.number(value)
