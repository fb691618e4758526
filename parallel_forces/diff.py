"""What a change to the data does to the published numbers: ``python -m parallel_forces
diff OLD_DIR NEW_DIR`` compares two versions of the data package (two folders holding a
``datapackage.json``) and says

- which rows were added or removed and which cells changed, table by table (each table
  keyed by the primary key its schema declares);
- the key figures of each edition before and after (only those that move);
- the claims of the audit whose verdict moves, in each edition (the new version's
  ``claims.yaml`` is run on both versions of the data, so that only the data differ).

A reviewer runs it on a proposed edit before it lands (see ``CONTRIBUTING.md``).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from . import config
from . import formatting as fmt
from .data import load_claims, load_editions, load_mandates, load_typed, newest_source_month, read_tables
from .keyfigures import LABELS, by_edition
from .validate import validate


@dataclasses.dataclass
class TableDiff:
    """One table's changes: keys of rows added and removed, and each changed cell."""

    name: str
    path: str
    added: list[str]
    removed: list[str]
    cells: list[tuple[str, str, str, str]]  # (key, column, before, after)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.cells)


@dataclasses.dataclass
class DataDiff:
    tables: list[TableDiff]
    key_figures: pd.DataFrame  # edition, name, before, after, unit
    claims: pd.DataFrame  # edition, id, page, quote, before, after
    problems: dict[str, list[str]]


def _key(row: dict, fields: list[str]) -> str:
    return " / ".join(row[f] for f in fields)


def table_diff(name: str, path: str, old: pd.DataFrame | None, new: pd.DataFrame | None, key: list[str]) -> TableDiff:
    """The rows added and removed and the cells changed between two versions of a table."""
    before = {_key(r, key): r for r in (old.to_dict(orient="records") if old is not None else [])}
    after = {_key(r, key): r for r in (new.to_dict(orient="records") if new is not None else [])}
    cells = []
    for k in before.keys() & after.keys():
        for column in dict.fromkeys([*before[k], *after[k]]):
            a, b = before[k].get(column, ""), after[k].get(column, "")
            if a != b:
                cells.append((k, column, a, b))
    order = list(after) + [k for k in before if k not in after]
    cells.sort(key=lambda c: (order.index(c[0]), c[1]))
    return TableDiff(
        name,
        path,
        [k for k in after if k not in before],
        [k for k in before if k not in after],
        cells,
    )


def _cfg(folder: Path, conventions: config.Conventions) -> config.Config:
    paths = config.make_paths(data=folder)
    return config.Config(paths, dataclasses.replace(conventions, newest_source_month=newest_source_month(paths) or ""))


def compare(
    old_dir: Path | str,
    new_dir: Path | str,
    conventions: config.Conventions,
    claims: bool = True,
    editions: tuple[str, ...] = config.EDITIONS,
) -> DataDiff:
    """Compare two versions of the data package under the same conventions; the claims are
    run on ``editions`` (both by default)."""
    old_dir, new_dir = Path(old_dir), Path(new_dir)
    problems = {}
    for label, folder in (("old", old_dir), ("new", new_dir)):
        _, found = validate(folder)
        if found:
            problems[label] = [str(p) for p in found]
    if problems:
        return DataDiff([], pd.DataFrame(), pd.DataFrame(), problems)

    before = read_tables(old_dir / "datapackage.json")
    after = read_tables(new_dir / "datapackage.json")
    tables = []
    for name in dict.fromkeys([*after, *before]):
        res, new = after.get(name, (None, None))
        res_old, old = before.get(name, (None, None))
        res = res or res_old
        key = res["schema"].get("primaryKey") or [res["schema"]["fields"][0]["name"]]
        tables.append(table_diff(name, res["path"], old, new, key))

    cfg_old, cfg_new = _cfg(old_dir, conventions), _cfg(new_dir, conventions)
    kf_old = by_edition(load_editions(cfg_old, validate=False), cfg_old.conventions)
    kf_new = by_edition(load_editions(cfg_new, validate=False), cfg_new.conventions)
    merged = kf_old.merge(kf_new, on=["edition", "name", "unit"], suffixes=("_before", "_after"))
    moved = merged[merged["value_before"].astype(float) != merged["value_after"].astype(float)]
    key_figures = moved.rename(columns={"value_before": "before", "value_after": "after"})[
        ["edition", "name", "before", "after", "unit"]
    ].reset_index(drop=True)

    claim_rows = []
    if claims:
        from .claims.engine import audit

        claim_list = load_claims(cfg_new.paths)
        for edition in editions:
            results = []
            for cfg in (cfg_old, cfg_new):
                typed = load_typed(cfg, validate=False, edition=edition)
                conv = cfg.conventions.with_edition(edition)
                results.append(audit(typed, load_mandates(cfg.paths, edition), conv, claim_list))
            for a, b in zip(*results):
                if a.verdict != b.verdict:
                    c = b.claim
                    claim_rows.append(
                        {
                            "edition": edition,
                            "id": c["id"],
                            "page": c["page"],
                            "quote": c["quote"],
                            "before": a.verdict,
                            "after": b.verdict,
                        }
                    )
    columns = ["edition", "id", "page", "quote", "before", "after"]
    return DataDiff(tables, key_figures, pd.DataFrame(claim_rows, columns=columns), {})


def report(d: DataDiff, old_dir, new_dir) -> str:
    """The comparison as plain text, for a reviewer."""
    lines = [f"Comparing the data in {old_dir} (before) with {new_dir} (after)."]
    if d.problems:
        for label, found in d.problems.items():
            lines.append(f"The {label} version does not validate ({fmt.plural(len(found), 'problem')}):")
            lines += [f"  {p}" for p in found]
        return "\n".join(lines)
    lines += ["", "Rows and cells"]
    changed = [t for t in d.tables if t.changed]
    if not changed:
        lines.append("  No row or cell differs.")
    for t in changed:
        lines.append(
            f"  {t.path}: {fmt.plural(len(t.added), 'row')} added, {len(t.removed)} removed, "
            f"{fmt.plural(len(t.cells), 'cell')} changed"
        )
        lines += [f"    + {k}" for k in t.added]
        lines += [f"    - {k}" for k in t.removed]
        for k, column, a, b in t.cells:
            lines.append(f"    {k}, {column}: {_short(a)!r} -> {_short(b)!r}")
    lines += ["", "Key figures that move (both editions)"]
    if d.key_figures.empty:
        lines.append("  None moves.")
    for r in d.key_figures.to_dict(orient="records"):
        lines.append(
            f"  {r['edition']}: {LABELS.get(r['name'], r['name'])} ({r['name']}): "
            f"{_precise(r['before'], r['unit'])} -> {_precise(r['after'], r['unit'])}"
        )
    lines += ["", "Claims of the audit whose verdict moves"]
    if d.claims.empty:
        lines.append("  None moves.")
    for r in d.claims.to_dict(orient="records"):
        lines.append(f"  {r['edition']}: {r['id']} (p. {r['page']}): {r['before']} -> {r['after']}")
    return "\n".join(lines)


def _precise(value, unit: str) -> str:
    """A key figure with the precision the published file keeps, so a small move shows."""
    if unit == "fraction":
        return fmt.pct(value, digits=1)
    return fmt.number(value, digits=2)


def _short(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
