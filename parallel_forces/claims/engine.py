"""Run the claims audit: each claim of ``data/claims.yaml`` is read in one or more ways;
each reading runs a check of :mod:`parallel_forces.claims.checks` with its parameters; the verdict follows
from the readings' results, by one rule (:func:`verdict`).

- *holds*: every reading the Annex can decide holds;
- *holds on some readings*: some hold and some do not;
- *does not hold*: every reading can be decided, and none holds;
- *cannot be checked from the Annex*: no reading can be decided from the data, or none of
  those that can holds while another cannot be decided (the claim says what would be needed).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import yaml

from .. import config
from ..config import Conventions
from ..data import derive, load_claims, load_mandates
from . import checks, citations  # noqa: F401  (both register their checks)
from .vocabulary import CHECKS, Context

HOLDS = "holds"
SOME = "holds on some readings"
FAILS = "does not hold"
UNCHECKABLE = "cannot be checked from the Annex"
VERDICTS = (HOLDS, SOME, FAILS, UNCHECKABLE)
#: The documents, as the audit names them.
DOCUMENTS = {
    "ipi-2019": "Novosseloff and Sharland, Partners and Competitors: Forces Operating in Parallel "
    "to UN Peace Operations (International Peace Institute, 2019)",
    "sherman-2020": "Sherman, Sarfati and Dahir, The Future of UN Peacekeeping and Parallel Operations (2020)",
}
DOCUMENT_SHORT = {
    "ipi-2019": "Novosseloff and Sharland (IPI, 2019)",
    "sherman-2020": "Sherman, Sarfati and Dahir (2020)",
}
#: The columns of claims-audit.csv.
AUDIT_COLUMNS = ["id", "document", "page", "section", "quote", "verdict", "readings", "forces", "note"]
AUDIT_FILE = "claims-audit.csv"


def verdict(results: list[bool | None]) -> str:
    """The headline verdict from the readings' results (None: the data cannot decide)."""
    decided = [r for r in results if r is not None]
    if not decided:
        return UNCHECKABLE
    if all(decided):
        return HOLDS
    if any(decided):
        return SOME
    # No decided reading holds: "does not hold" only if no reading is left that might.
    return FAILS if len(decided) == len(results) else UNCHECKABLE


@dataclasses.dataclass
class ReadingResult:
    reading: str
    holds: bool | None
    result: str
    forces: list[str]


@dataclasses.dataclass
class ClaimResult:
    claim: dict
    readings: list[ReadingResult]

    @property
    def verdict(self) -> str:
        return verdict([r.holds for r in self.readings])

    @property
    def forces(self) -> list[str]:
        return list(dict.fromkeys(i for r in self.readings for i in r.forces))


class Auditor:
    """Runs readings against the data, re-deriving it when a reading sets a convention."""

    def __init__(self, typed: pd.DataFrame, mandates: pd.DataFrame, conventions: Conventions):
        self.typed = typed.merge(mandates, on="id", how="left").fillna(
            {"decision_text": "", "un_operation_instruments": ""}
        )
        self.conventions = conventions
        self._frames: dict[Conventions, pd.DataFrame] = {}

    def frame(self, conv: Conventions) -> pd.DataFrame:
        if conv not in self._frames:
            self._frames[conv] = derive(self.typed, conv)
        return self._frames[conv]

    def run_reading(self, claim: dict, reading: dict) -> ReadingResult:
        params = {**claim.get("params", {}), **reading.get("params", {})}
        overrides = {k: config.coerce(k, v) for k, v in params.pop("conventions", {}).items()}
        conv = dataclasses.replace(self.conventions, **overrides)
        name = reading.get("check", claim.get("check"))
        if name == "none":
            return ReadingResult(reading["reading"], None, reading.get("result", claim.get("needed", "")), [])
        holds, text, ids = CHECKS[name](Context(self.frame(conv), conv), **params)
        return ReadingResult(reading["reading"], None if holds is None else bool(holds), text, list(ids))

    def run(self, claim: dict) -> ClaimResult:
        return ClaimResult(claim, [self.run_reading(claim, r) for r in claim["readings"]])


def audit(
    typed: pd.DataFrame, mandates: pd.DataFrame, conventions: Conventions, claims: list[dict]
) -> list[ClaimResult]:
    """Every claim checked, in the file's order."""
    auditor = Auditor(typed, mandates, conventions)
    return [auditor.run(c) for c in claims]


def audit_table(results: list[ClaimResult], labels: dict[str, str]) -> pd.DataFrame:
    """One row per claim, as published in claims-audit.csv: the readings as
    "reading: result (holds)" lines, the forces as their ids."""
    rows = []
    for r in results:
        c = r.claim
        rows.append(
            {
                "id": c["id"],
                "document": c["document"],
                "page": c["page"],
                "section": c["section"],
                "quote": c["quote"],
                "verdict": r.verdict,
                "readings": "\n".join(f"{x.reading}: {outcome(x.holds)}. {x.result}" for x in r.readings),
                "forces": ", ".join(r.forces),
                "note": c.get("note", ""),
            }
        )
    return pd.DataFrame(rows, columns=AUDIT_COLUMNS)


def outcome(holds: bool | None) -> str:
    return "cannot be decided from the Annex" if holds is None else "holds" if holds else "does not hold"


def verdict_counts(results: list[ClaimResult]) -> dict[str, int]:
    counts = {v: 0 for v in VERDICTS}
    for r in results:
        counts[r.verdict] += 1
    return counts


def run_all(cfg: config.Config, typed: pd.DataFrame | None = None, edition: str | None = None) -> list[ClaimResult]:
    """The audit under the settings in force, of the edition in force or ``edition`` (reads
    the data through :mod:`parallel_forces.data`)."""
    from ..data import load_typed

    edition = edition or cfg.conventions.edition
    typed = load_typed(cfg, edition=edition) if typed is None else typed
    conv = cfg.conventions.with_edition(edition)
    return audit(typed, load_mandates(cfg.paths, edition), conv, load_claims(cfg.paths))


#: The columns of the table of claims whose verdict the years since have moved.
CHANGE_COLUMNS = ["id", "document", "page", "quote", "verdict_annex", "verdict_current", "readings", "forces"]


def verdict_changes(before: list[ClaimResult], after: list[ClaimResult]) -> pd.DataFrame:
    """The claims whose verdict differs between two audits of the same claims (the Annex
    edition against the current one, or two versions of the data): each with both verdicts,
    the readings whose outcome moved ("reading: before → after. result after") and the forces
    behind the result after."""
    rows = []
    for a, b in zip(before, after):
        if a.verdict == b.verdict:
            continue
        moved = [
            f"{y.reading}: {outcome(x.holds)} → {outcome(y.holds)}. {y.result}"
            for x, y in zip(a.readings, b.readings)
            if x.holds != y.holds
        ]
        c = b.claim
        rows.append(
            {
                "id": c["id"],
                "document": c["document"],
                "page": c["page"],
                "quote": c["quote"],
                "verdict_annex": a.verdict,
                "verdict_current": b.verdict,
                "readings": "\n".join(moved),
                "forces": ", ".join(b.forces),
            }
        )
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def edition_changes(cfg: config.Config) -> tuple[pd.DataFrame, int]:
    """The claims whose verdict the years since the report have moved: the audit run on the
    Annex edition and on the current one, under the same conventions. Returns the table
    (:func:`verdict_changes`) and the number of claims checked."""
    before, after = run_all(cfg, edition="annex"), run_all(cfg, edition="current")
    return verdict_changes(before, after), len(before)


def export_audit(out_dir: Path | str, forces: pd.DataFrame, cfg: config.Config) -> Path:
    """Write ``claims-audit.csv`` under ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    p = out / AUDIT_FILE
    results = run_all(cfg)
    audit_table(results, dict(zip(forces["id"], forces["label"]))).to_csv(
        p, index=False, lineterminator="\n", encoding="utf-8"
    )
    return p


def dump_claims(claims: list[dict]) -> str:
    """The claims as YAML (for tools that rewrite the file)."""
    return yaml.safe_dump(claims, sort_keys=False, allow_unicode=True, width=100)
