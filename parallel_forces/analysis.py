"""The computations behind the analysis chapters, each a small tested function.

Every function takes the frame from :func:`parallel_forces.data.load_forces` and
returns a number or a small table; notebooks display and glue the results.
"""

from __future__ import annotations

import re

import pandas as pd

from . import formatting as fmt
from .config import Conventions
from .data import explode_list, months_between
from .reference import ORG_STATES, P5, REPORT_MONTH, STATE_WORDS

# --- durations ---------------------------------------------------------------


def duration_summary(forces: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Mean and median duration (months and years) and counts, overall or by a column."""
    data = explode_list(forces, "mandate_types") if by == "mandate_types" else forces
    groups = (
        [("all forces", data)] if by is None else [(str(k), g) for k, g in data.groupby(by, observed=True, sort=True)]
    )
    rows = []
    for key, g in groups:
        rows.append(
            {
                "group": key,
                "forces": len(g),
                "still deployed": int(g["ongoing"].sum()),
                "mean (years)": fmt.years(g["duration_months"].mean()),
                "median (years)": fmt.years(g["duration_months"].median()),
            }
        )
    return pd.DataFrame(rows)


def kaplan_meier(forces: pd.DataFrame):
    """A fitted lifelines Kaplan-Meier estimator of duration, ongoing forces censored."""
    from lifelines import KaplanMeierFitter

    kmf = KaplanMeierFitter(label="parallel forces")
    kmf.fit(forces["duration_months"], event_observed=~forces["ongoing"])
    return kmf


def km_median_months(forces: pd.DataFrame) -> float:
    """Kaplan-Meier median duration in months (inf if never reached)."""
    return float(kaplan_meier(forces).median_survival_time_)


#: The year that splits the forces into the report's two waves (the 1990s, and what followed).
SECOND_WAVE = 2000


def median_months_by_wave(forces: pd.DataFrame, split: int = SECOND_WAVE) -> tuple[float, float]:
    """Median duration in months of the forces that deployed before ``split`` and of those
    that deployed from it on (forces still deployed counted to the reference month)."""
    first = forces["start_year"] < split
    return float(forces.loc[first, "duration_months"].median()), float(forces.loc[~first, "duration_months"].median())


def km_curve(forces: pd.DataFrame) -> pd.DataFrame:
    """The Kaplan-Meier step curve as a table: months, share still deployed."""
    kmf = kaplan_meier(forces)
    sf = kmf.survival_function_.reset_index()
    sf.columns = ["months", "share still deployed"]
    sf["years"] = sf["months"] / 12
    return sf


def durations_to(forces: pd.DataFrame, month: str) -> pd.Series:
    """Each force's duration in months with the forces still deployed counted to ``month``."""
    ref = pd.Period(month, freq="M")
    return pd.Series(
        [months_between(s, ref if on else e) for s, e, on in zip(forces["start"], forces["end"], forces["ongoing"])],
        index=forces.index,
    )


def reference_sensitivity(
    forces: pd.DataFrame, conventions: Conventions, months=(REPORT_MONTH, "2019-12")
) -> pd.DataFrame:
    """Mean and median duration with the forces still deployed counted to each month (the
    conventions' own month first), and with them left out. The frame's other conventions
    (Serval and Barkhane merged or not) are kept. A month before a force still deployed
    started is skipped (the current edition's forces since 2019 cannot be counted to 2019)."""
    rows = []
    latest_start = forces.loc[forces["ongoing"], "start"].max() if forces["ongoing"].any() else None
    for m in dict.fromkeys([conventions.counted_to, *months]):
        if latest_start is not None and pd.Period(m, freq="M") < latest_start:
            continue
        d = durations_to(forces, m)
        rows.append(
            {
                "forces still deployed": f"counted to {fmt.month(m)}",
                "forces": len(d),
                "mean (years)": fmt.years(d.mean()),
                "median (years)": fmt.years(d.median()),
            }
        )
    done = forces.loc[~forces["ongoing"], "duration_months"]
    rows.append(
        {
            "forces still deployed": "left out",
            "forces": len(done),
            "mean (years)": fmt.years(done.mean()),
            "median (years)": fmt.years(done.median()),
        }
    )
    return pd.DataFrame(rows)


# --- actors ------------------------------------------------------------------


def shares(forces: pd.DataFrame, column: str, order=None) -> pd.DataFrame:
    """Count and share of all forces for each value of ``column`` (an empty value reads
    ``formatting.NOT_NAMED``)."""
    counts = forces[column].astype(str).replace("", fmt.NOT_NAMED).value_counts()
    if order is not None:
        counts = counts.reindex(order, fill_value=0)
    else:
        counts = counts.sort_values(ascending=False, kind="stable")
    out = counts.rename_axis(column).reset_index(name="forces")
    out["share"] = out["forces"] / len(forces)
    return out


def actor_type_share(forces: pd.DataFrame, actor_type: str) -> float:
    """Share of all forces launched by the given actor type."""
    return float((forces["actor_type"].astype(str) == actor_type).mean())


def p5_involvement(forces: pd.DataFrame, mandates: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each P5 member: the forces it led; those it led or is named among the launching
    actors of; and, more widely, those whose quoted Council decision names it or whose lead
    is an organization the report credits to it (Russia for the CIS force in Georgia).
    The ``*_ids`` columns hold the force ids."""
    if "decision_text" not in forces.columns:
        forces = forces.merge(mandates[["id", "decision_text"]], on="id", how="left").fillna({"decision_text": ""})
    rows = []
    for m in P5:
        led = forces["lead"].map(lambda x: m in x.split(";"))
        named = forces["p5_leads"].map(lambda x: m in x.split(";"))
        wide = (
            named
            | forces["decision_text"].map(lambda t: _names_state(t, m))
            | forces["lead"].map(lambda x: any(m in ORG_STATES.get(i, ()) for i in x.split(";")))
        )
        rows.append(
            {
                "member": m,
                "led": int(led.sum()),
                "led or named among actors": int(named.sum()),
                "also named by the Council or through an organization": int(wide.sum()),
                "forces": fmt.listing(forces.loc[wide, "label"]),
                "named_ids": list(forces.loc[named, "id"]),
                "wide_ids": list(forces.loc[wide, "id"]),
            }
        )
    return pd.DataFrame(rows)


def _names_state(text: str, member: str) -> bool:
    return any(re.search(rf"\b{re.escape(w)}\b", text) for w in STATE_WORDS[member])


# --- the Security Council ------------------------------------------------------


def authorization_counts(forces: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Authorized vs recognized, overall or cross-tabulated by ``by``."""
    if by is None:
        return shares(forces, "authorization", order=["authorized", "recognized"])
    return pd.crosstab(forces[by].astype(str), forces["authorization"].astype(str)).reset_index()


def vote_summary(forces: pd.DataFrame) -> dict:
    """Votes on the first resolution: counts of unanimous and split votes, and who abstained."""
    res = forces[forces["first_instrument_kind"] == "resolution"]
    counted = res[res["vote"].str.fullmatch(r"\d+-\d+-\d+")]
    dissent = counted["vote"].map(lambda v: sum(int(x) for x in v.split("-")[1:]) > 0)
    split = counted[dissent]
    no_dissent = counted[~dissent]
    abst = explode_list(split, "abstainers")
    return {
        "first_resolutions": len(res),
        "unanimous": int((res["vote"] == "unanimous").sum()),
        "split": len(split),
        "split_forces": list(split["id"]),
        "no_dissent_not_all_voting": len(no_dissent),
        "no_dissent_forces": list(no_dissent["id"]),
        "with_abstentions": int((split["abstainers"] != "").sum()),
        "vote_not_given": int((res["vote"] == "").sum()),
        "presidential_statements": int((forces["first_instrument_kind"] == "presidential statement").sum()),
        "no_instrument": int((forces["first_instrument_kind"] == "none").sum()),
        "abstainers": abst["abstainers"].value_counts().rename_axis("state").reset_index(name="abstentions"),
    }


def council_lag_months(forces: pd.DataFrame) -> pd.Series:
    """Months from a force's start to its first Council instrument (negative: the
    Council spoke before the force deployed)."""
    first = forces["sc_first_date"].dt.to_period("M")
    return pd.Series(
        [None if pd.isna(f) else (f.year - s.year) * 12 + (f.month - s.month) for s, f in zip(forces["start"], first)],
        index=forces.index,
        dtype="Float64",
    )


def share(mask: pd.Series) -> float:
    return float(mask.mean()) if len(mask) else float("nan")


# --- types -------------------------------------------------------------------

#: Forces the report's Table 1 names as examples of each mandate type (section "Mandates").
TABLE1_EXAMPLES = {
    "military stabilization": [
        "isaf",
        "ifor",
        "sfor",
        "kfor",
        "operation-barkhane",
        "g5-sahel-joint-force",
        "amisom",
        "operation-sky-monitor",
        "operation-deny-flight",
    ],
    "crisis response": [
        "operation-sangaris",
        "operation-licorne",
        "operation-artemis",
        "eufor-drc",
        "operation-palliser",
        "operation-united-shield",
        "interfet",
        "isf",
        "rrf",
    ],
    "insurance or deterrence": ["operation-licorne", "eufor-drc", "operation-barkhane", "isf"],
    "capacity building": ["eupol-afghanistan", "eutm-mali", "eucap-sahel-mali"],
}


def forces_by_category(forces: pd.DataFrame, column: str, order: list[str]) -> pd.DataFrame:
    """For each category of a (possibly ';'-separated) column: count and the forces, by start."""
    data = explode_list(forces, column) if forces[column].astype(str).str.contains(";").any() else forces
    rows = []
    for cat in order:
        sub = data[data[column].astype(str) == cat].sort_values(["start", "id"])
        rows.append({column: cat, "forces": len(sub), "ids": list(sub["id"]), "names": ", ".join(sub["short_name"])})
    return pd.DataFrame(rows)


def table1_check(forces: pd.DataFrame) -> pd.DataFrame:
    """The report's Table 1 examples against the data: is each example coded with its type?"""
    rows = []
    by_id = forces.set_index("id")
    for mtype, ids in TABLE1_EXAMPLES.items():
        for fid in ids:
            coded = by_id.loc[fid, "mandate_types"].split(";") if fid in by_id.index else []
            rows.append({"mandate type": mtype, "id": fid, "in data": fid in by_id.index, "coded so": mtype in coded})
    return pd.DataFrame(rows)


# --- UN operations -------------------------------------------------------------


def un_operation_dates(mandates: pd.DataFrame) -> pd.Series:
    """Earliest date quoted in each force's "UN peace operation" cell (NaT if none)."""
    dates = mandates.set_index("id")["un_operation_instruments"].str.findall(r"\((\d{4}-\d{2}-\d{2})\)")
    return dates.apply(lambda ds: pd.Timestamp(min(ds)) if ds else pd.NaT)


def timing_vs_un(forces: pd.DataFrame, mandates: pd.DataFrame) -> pd.DataFrame:
    """Did the force deploy before, in the same month as, or after the earliest Council
    instrument quoted for the UN operation beside it?"""
    un = un_operation_dates(mandates)
    out = forces[["id", "short_name", "start", "un_operations"]].copy()
    out["un_instrument_date"] = out["id"].map(un)
    un_month = out["un_instrument_date"].dt.to_period("M")

    def rel(s, u):
        if pd.isna(u):
            return "unknown"
        return "before" if s < u else "same month" if s == u else "after"

    out["force deployed"] = [rel(s, u) for s, u in zip(out["start"], un_month)]
    return out


def council_timing(forces: pd.DataFrame) -> pd.DataFrame:
    """Per force: months from deployment to first Council instrument, and its kind."""
    out = forces[
        ["id", "short_name", "label", "start", "sc_first_date", "first_instrument_kind", "authorization"]
    ].copy()
    out["lag (months)"] = council_lag_months(forces)
    out["council spoke"] = [
        "no instrument"
        if pd.isna(l)
        else "before deployment"
        if l < 0
        else "same month"
        if l == 0
        else "after deployment"
        for l in out["lag (months)"]
    ]
    return out
