"""The vocabulary the claims are written in: the forces a reading selects (:func:`select`
and its ``CONDITIONS``), the bounds it compares with, and the registry of checks
(``CHECKS``, filled by :mod:`parallel_forces.claims.checks` and
:mod:`parallel_forces.claims.citations`). A new claim is a row of ``data/claims.yaml``
written in these words, not new code.
"""

from __future__ import annotations

import dataclasses
import operator
import re

import pandas as pd

from .. import formatting as fmt
from .. import reference
from ..config import Conventions


@dataclasses.dataclass
class Context:
    forces: pd.DataFrame
    conventions: Conventions

    def names(self, ids, limit: int = 12) -> str:
        """Force labels in prose, the first ``limit`` of them then "and N more"."""
        labels = dict(zip(self.forces["id"], self.forces["label"]))
        shown = [labels.get(i, i) for i in ids]
        if len(shown) > limit:
            return ", ".join(shown[:limit]) + f" and {len(shown) - limit} more"
        return fmt.names(shown)

    def row(self, fid: str) -> pd.Series:
        hit = self.forces[self.forces["id"] == fid]
        if hit.empty:
            raise KeyError(f"claims: no force {fid!r} in the data (after the conventions {self.conventions}).")
        return hit.iloc[0]


CHECKS = {}


def check(fn):
    CHECKS[fn.__name__] = fn
    return fn


def _items(cell: str, sep: str = ";") -> list[str]:
    return [x for x in str(cell).split(sep) if x]


def _month(ctx: Context, value: str) -> pd.Period:
    """A month; "$cold_war_end", "$reference" or "$years_before:N" (N years before the
    reference month) follow the conventions ("$reference" is the month to which the edition
    in force counts forces still deployed: the report's month for the Annex)."""
    conv = ctx.conventions
    if value == "$cold_war_end":
        return pd.Period(conv.cold_war_end, "M")
    if value == "$reference":
        return pd.Period(conv.counted_to, "M")
    if value.startswith("$years_before:"):
        return pd.Period(conv.counted_to, "M") - 12 * int(value.split(":")[1])
    return pd.Period(value, "M")


def _leads(ctx: Context, value) -> set[str]:
    named = {"$western": ctx.conventions.western_leads, "$african": reference.AFRICAN_LEADS}
    out = set()
    for v in [value] if isinstance(value, str) else value:
        out |= set(named.get(v, [v]))
    return out


def _words(text: str, words) -> bool:
    return any(re.search(rf"\b{re.escape(w)}\b", text) for w in words)


def _own_territory(lead: str, countries: str) -> bool:
    leads = _items(lead)
    members = reference.MEMBERS.get(leads[0], frozenset()) if len(leads) == 1 else frozenset()
    return bool(members) and set(_items(countries)) <= members


CONDITIONS = {
    "ids": lambda f, c, v: f["id"].isin(v),
    "lead_any": lambda f, c, v: f["lead"].map(lambda x: bool(set(_items(x)) & _leads(c, v))),
    "actor_type": lambda f, c, v: f["actor_type"].astype(str).isin([v] if isinstance(v, str) else v),
    "mandate_any": lambda f, c, v: f["mandate_types"].map(lambda x: bool(set(_items(x)) & set(v))),
    "mandate_only": lambda f, c, v: f["mandate_types"].map(lambda x: set(_items(x)) <= set(v)),
    "authorization": lambda f, c, v: f["authorization"].astype(str) == v,
    "ongoing": lambda f, c, v: f["ongoing"] == v,
    "started_from": lambda f, c, v: f["start"] >= _month(c, v),
    "started_before": lambda f, c, v: f["start"] < _month(c, v),
    "decided_from": lambda f, c, v: f["sc_first_date"].dt.to_period("M") >= _month(c, v),
    "decided_before": lambda f, c, v: f["sc_first_date"].dt.to_period("M") < _month(c, v),
    "deployed_in": lambda f, c, v: (f["start"] <= _month(c, v)) & (f["end"].isna() | (f["end"] >= _month(c, v))),
    "decade": lambda f, c, v: f["decade"] == v,
    "countries_any": lambda f, c, v: f["countries"].map(lambda x: bool(set(_items(x)) & set(v))),
    "region_any": lambda f, c, v: f["countries"].map(lambda x: any(reference.region(i) in v for i in _items(x))),
    "un_operation_any": lambda f, c, v: f["un_operations"].map(lambda x: bool(set(_items(x, "/")) & set(v))),
    "words_in_decision": lambda f, c, v: f["decision_text"].map(lambda t: _words(t, v)),
    "words_in_actors": lambda f, c, v: f["actors"].map(lambda t: _words(t, v)),
    "p5_any": lambda f, c, v: f["p5_leads"].map(lambda x: bool(set(_items(x)) & set(v))),
    "max_months": lambda f, c, v: f["duration_months"] <= v,
    "min_months": lambda f, c, v: f["duration_months"] >= v,
    "split_vote": lambda f, c, v: f["vote"].map(_dissent) == v,
    "first_instrument": lambda f, c, v: f["first_instrument_kind"] == v,
    "chapter_vii": lambda f, c, v: (f["chapter_vii"] == v).fillna(False),
    "own_territory": lambda f, c, v: pd.Series(
        [_own_territory(a, b) == v for a, b in zip(f["lead"], f["countries"])], index=f.index
    ),
}


def _dissent(vote: str) -> bool | None:
    """True when a member voted against or abstained; None when no vote is given."""
    if not vote:
        return None
    if vote == "unanimous":
        return False
    _, against, abstained = (int(x) for x in vote.split("-"))
    return against + abstained > 0


def select(ctx: Context, where: dict | None = None, exclude: dict | None = None) -> pd.DataFrame:
    """The forces meeting every condition of ``where`` and not all of ``exclude``."""
    f = ctx.forces
    mask = pd.Series(True, index=f.index)
    for key, value in (where or {}).items():
        if key not in CONDITIONS:
            raise KeyError(f"claims: unknown condition {key!r}; known: {sorted(CONDITIONS)}.")
        mask &= CONDITIONS[key](f, ctx, value).astype(bool)
    if exclude:
        mask &= ~select(ctx, exclude)["id"].pipe(lambda s: f["id"].isin(s))
    return f[mask]


OPS = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le, "==": operator.eq}


def _compare(x, op: str, value) -> bool:
    if op == "between":
        return value[0] <= x <= value[1]
    return bool(OPS[op](x, value))


def _bound(op: str, value, share=False) -> str:
    show = (lambda v: fmt.pct(v)) if share else (lambda v: fmt.number(v))
    if op == "between":
        return f"between {show(value[0])} and {show(value[1])}"
    return f"{op} {show(value)}"
