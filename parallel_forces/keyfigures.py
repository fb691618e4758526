"""The publication's key figures, machine-readable: one function, used by the
notebooks (glued into the prose) and by the build (published as CSV and JSON), and the
same figures for both editions side by side (the chapters' "Since the report" sections,
``downloads/key-figures.csv`` with its ``edition`` column)."""

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
    ref = conv.counted_to
    listed = "listed in the Annex" if conv.edition == "annex" else "in the Annex and deployed since September 2019"
    to_present = "the Annex lists as still deployed ('to present')" if conv.edition == "annex" else "with no end month"
    rows = [
        ("forces_total", len(f), "forces", f"Parallel forces {listed}", "types"),
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
            f"Forces {to_present}, counted to {fmt.month(ref)}",
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


#: The key figures each chapter's "Since the report" section compares (beside the number of
#: forces and of forces still deployed, which every section shows).
CHAPTER_FIGURES = {
    "types": ["share_regional", "share_multinational", "share_bilateral"],
    "durations": ["duration_mean_years", "duration_median_years", "duration_km_median_years"],
    "actors": ["share_regional", "share_multinational", "share_bilateral", "share_western_lead"],
    "council": ["authorized_count", "recognized_count", "chapter_vii_count", "unanimous_first_vote_count"],
    "where": [],
}
#: What every section shows first.
COMMON_FIGURES = ["forces_total", "still_deployed_count"]
#: A key figure as a reader reads it in a comparison table.
LABELS = {
    "forces_total": "Forces",
    "still_deployed_count": "Still deployed at the edition's date",
    "duration_mean_years": "Mean duration (years)",
    "duration_median_years": "Median duration (years)",
    "duration_km_median_years": "Kaplan–Meier median duration (years)",
    "authorized_count": "Authorized by the Council",
    "recognized_count": "Only recognized by the Council",
    "chapter_vii_count": "Chapter VII invoked",
    "unanimous_first_vote_count": "First resolution unanimous",
    "share_bilateral": "Share launched by one state",
    "share_regional": "Share launched by a regional organization",
    "share_multinational": "Share launched by a coalition",
    "share_western_lead": "Share with a Western lead",
}


def by_edition(editions: dict[str, pd.DataFrame], conventions: Conventions) -> pd.DataFrame:
    """The key figures of each edition (``{"annex": frame, "current": frame}``) in one
    long table, its first column ``edition``: what ``downloads/key-figures.csv`` holds."""
    parts = [
        key_figures(frame, conventions.with_edition(edition)).assign(edition=edition)
        for edition, frame in editions.items()
    ]
    table = pd.concat(parts, ignore_index=True)
    return table[["edition", *[c for c in table.columns if c != "edition"]]]


def edition_heading(edition: str, conventions: Conventions) -> str:
    """An edition as a column heading: "Annex (September 2019)", "Current (January 2026)"."""
    name = "Annex" if edition == "annex" else "Current"
    return f"{name} ({fmt.month(conventions.with_edition(edition).counted_to)})"


def compare_editions(table: pd.DataFrame, conventions: Conventions, chapter: str | None = None) -> pd.DataFrame:
    """The two editions side by side, one row per key figure, as a reader reads them: the
    common figures then the chapter's (all of them with no ``chapter``). ``table`` is
    :func:`by_edition`'s."""
    names = COMMON_FIGURES + (CHAPTER_FIGURES[chapter] if chapter else [n for n in LABELS if n not in COMMON_FIGURES])
    wide = table.pivot(index="name", columns="edition", values="value")
    units = table.drop_duplicates("name").set_index("name")["unit"]
    out = pd.DataFrame({"key figure": [LABELS[n] for n in names]})
    for edition in ("annex", "current"):
        out[edition_heading(edition, conventions)] = [display(wide.loc[n, edition], units[n]) for n in names]
    return out


def display(value, unit: str) -> str:
    """A key figure as a reader sees it: shares as percentages, years to one decimal."""
    if unit == "fraction":
        return fmt.pct(value)
    return fmt.number(value)
