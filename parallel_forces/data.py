"""Loading the data typed, and the fields derived from it, in one place.

Derived fields (every one documented in the book's "About the data" chapter):

- ``ongoing``: no end month (the Annex says "to present").
- ``end_effective``: the end month, or the reference month for a force still deployed.
- ``duration_months``: whole months from ``start`` to ``end_effective``.
- ``start_year``, ``decade`` (``"1990s"``).
- ``lead_western``: the lead (or one of joint leads) is one of the conventions' Western leads.
- ``p5_leads``: the P5 member(s) leading or named among the launching actors.
- ``label``: the short name, with the place added where two forces share it (ECOMOG).
- ``first_instrument_kind``: ``resolution``, ``presidential statement`` or ``none``.
"""

from __future__ import annotations

import pandas as pd

from . import paths
from .settings import Conventions, load_conventions
from .validate import validate_or_raise

ACTOR_TYPES = ["bilateral", "regional", "multinational"]
MANDATE_TYPES = ["military stabilization", "crisis response", "insurance or deterrence", "capacity building"]
AUTHORIZATIONS = ["authorized", "recognized"]
P5 = ["China", "France", "Russia", "United Kingdom", "United States"]
#: Words that name a P5 member in the "actors" cell.
_P5_NAMES = {
    "China": ["China"],
    "France": ["France", "French"],
    "Russia": ["Russia", "Russian"],
    "United Kingdom": ["United Kingdom", "UK", "British"],
    "United States": ["United States", "US", "U.S."],
}


def read_forces(path=None) -> pd.DataFrame:
    """Read parallel_forces.csv as strings, without validation or derivation."""
    return pd.read_csv(path or paths.FORCES_CSV, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def type_forces(raw: pd.DataFrame) -> pd.DataFrame:
    """Give the columns their types: monthly periods, dates, categories, booleans."""
    df = raw.copy()
    df["start"] = pd.PeriodIndex(df["start"], freq="M")
    df["end"] = pd.PeriodIndex(df["end"].replace("", None), freq="M")
    df["sc_first_date"] = pd.to_datetime(df["sc_first_date"].replace("", None), format="%Y-%m-%d")
    df["actor_type"] = pd.Categorical(df["actor_type"], categories=ACTOR_TYPES)
    df["authorization"] = pd.Categorical(df["authorization"], categories=AUTHORIZATIONS)
    df["confidence"] = pd.Categorical(df["confidence"], categories=["high", "low"])
    df["chapter_vii"] = df["chapter_vii"].map({"true": True, "false": False}).astype(bool)
    df["annex_page"] = df["annex_page"].astype(int)
    return df


def months_between(start: pd.Period, end: pd.Period) -> int:
    """Whole months from ``start`` to ``end`` (1994-06 to 1994-08 is 2)."""
    return (end.year - start.year) * 12 + (end.month - start.month)


def _p5_in(actors: str, lead: str) -> list[str]:
    import re

    found = []
    for member, words in _P5_NAMES.items():
        if member in lead.split(";") or any(re.search(rf"\b{re.escape(w)}\b", actors) for w in words):
            found.append(member)
    return found


def derive(df: pd.DataFrame, conventions: Conventions | None = None) -> pd.DataFrame:
    """Add the derived fields to a typed frame, under the given conventions."""
    conv = conventions or load_conventions()
    ref = pd.Period(conv.reference_month, freq="M")
    df = df.copy()
    dup = df["short_name"].duplicated(keep=False)
    df["label"] = df["short_name"].where(~dup, df["short_name"] + " (" + df["place"] + ")")
    df["ongoing"] = df["end"].isna()
    df["end_effective"] = df["end"].where(~df["ongoing"], ref)
    df["duration_months"] = [months_between(s, e) for s, e in zip(df["start"], df["end_effective"])]
    df["duration_years"] = df["duration_months"] / 12
    df["start_year"] = [p.year for p in df["start"]]
    df["decade"] = [f"{y // 10 * 10}s" for y in df["start_year"]]
    df["lead_western"] = [any(x in conv.western_leads for x in lead.split(";")) for lead in df["lead"]]
    df["p5_leads"] = [";".join(_p5_in(a, l)) for a, l in zip(df["actors"], df["lead"])]
    first = df["sc_instruments"].str.split(";").str[0].fillna("")
    df["first_instrument_kind"] = [
        "resolution" if f.startswith("Resolution") else "presidential statement" if f.startswith("Presidential") else "none"
        for f in first
    ]
    df["cold_war_era"] = [str(s) < conv.cold_war_end for s in df["start"]]
    if conv.merge_serval_barkhane:
        df = merge_serval_barkhane(df)
    return df


def merge_serval_barkhane(df: pd.DataFrame) -> pd.DataFrame:
    """Count Operations Serval and Barkhane as one force: Serval's start, Barkhane's end."""
    serval = df.index[df["id"] == "operation-serval"]
    barkhane = df.index[df["id"] == "operation-barkhane"]
    if len(serval) != 1 or len(barkhane) != 1:
        return df
    s, b = serval[0], barkhane[0]
    df = df.copy()
    df.loc[b, "start"] = df.loc[s, "start"]
    df.loc[b, "start_year"] = df.loc[s, "start_year"]
    df.loc[b, "decade"] = df.loc[s, "decade"]
    df.loc[b, "duration_months"] = months_between(df.loc[b, "start"], df.loc[b, "end_effective"])
    df.loc[b, "duration_years"] = df.loc[b, "duration_months"] / 12
    df.loc[b, "short_name"] = "Operations Serval and Barkhane"
    df.loc[b, "label"] = "Operations Serval and Barkhane"
    return df.drop(index=s).reset_index(drop=True)


def load_forces(conventions: Conventions | None = None, validate: bool = True) -> pd.DataFrame:
    """The dataset, validated, typed and with every derived field.

    Raises :class:`parallel_forces.validate.DataError` if the data package has problems.
    """
    if validate:
        validate_or_raise(paths.DATAPACKAGE)
    return derive(type_forces(read_forces()), conventions)


def load_mandates() -> pd.DataFrame:
    """mandates.csv: the Council's words for each force, keyed by ``id``."""
    return pd.read_csv(paths.MANDATES_CSV, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def explode_list(df: pd.DataFrame, column: str, sep: str = ";") -> pd.DataFrame:
    """One row per item of a ``sep``-separated column (e.g. a force per mandate type)."""
    out = df.assign(**{column: df[column].str.split(sep)}).explode(column)
    return out[out[column] != ""].reset_index(drop=True)
