"""Validation of the update since 2019 (``data/since-2019/``): the rules that span its tables.

The update's tables are read and checked against their schema like every table of the
package (:func:`parallel_forces.validate.validate`); the rules here are those only the
update has: its new forces start after the Annex and keep the Annex's row rules up to the
date of the edition (the month of the newest dated source), its ids are unique across both
editions, each changed cell names a force and a field an update may change and keeps the
changed row valid, and every source is named where it is relied on, and relied on somewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .reference import REPORT_MONTH
from .validate import (
    LATEST_MONTH,
    Problem,
    Table,
    _month,
    check_forces_rules,
    check_mandates_rules,
    check_schema,
    check_text,
)

#: The Annex's last month (the report's month, a fixed fact): a force of the update since
#: 2019 starts after it.
ANNEX_LAST_MONTH = REPORT_MONTH
#: The update since 2019 (data/since-2019/): its tables, by resource name.
SINCE = {
    "forces": "since_2019_forces",
    "updates": "since_2019_updates",
    "mandates": "since_2019_mandates",
    "sources": "since_2019_sources",
    "rejected": "since_2019_rejected",
}
#: Facts an update may give that the Annex has no column for (see datapackage.json).
UPDATE_FIELDS = ("still_deployed_as_of", "successor", "un_operation_closed")
#: Annex columns an update may not change: the row's identity and its transcription.
FIXED_COLUMNS = ("id", "name", "annex_page", "confidence", "note")


def newest_source_month(dates: Iterable[str]) -> str | None:
    """The month of the newest dated source of the update, given the ``date`` cells of its
    sources.csv: the date of the current edition, or None when no source is dated (a date
    is YYYY-MM-DD; a cell in any other form dates nothing). The one home of this rule:
    :func:`parallel_forces.data.newest_source_month` reads the cells and calls it."""
    dated = [d for d in dates if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d)]
    return max(dated)[:7] if dated else None


def _source_ids(cell: str) -> list[str]:
    return [x for x in cell.split(";") if x]


def check_sources(tables: dict[str, Table]) -> list[Problem]:
    """The update's foreign keys to sources.csv: every id a ``source`` cell names exists, and
    every source is relied on (named in a ``source`` cell, a note or a reason)."""
    sources = tables[SINCE["sources"]]
    known = {r["id"] for r in sources.records()}
    used: set[str] = set()
    problems = []
    texts = []
    for name in ("forces", "updates", "mandates", "rejected"):
        table = tables.get(SINCE[name])
        if table is None:
            continue
        for rec, line in zip(table.records(), table.lines):
            rid = rec.get("id") or rec.get("force_id") or rec.get("candidate")
            for sid in _source_ids(rec.get("source", "")):
                used.add(sid)
                if sid not in known:
                    problems.append(
                        Problem(
                            table.file,
                            f"names a source that is not in {sources.file}; add it there (id, url, title, date, passage)",
                            line=line,
                            id=rid,
                            column="source",
                            value=sid,
                        )
                    )
            texts.append(rec.get("note", "") + " " + rec.get("reason", ""))
    mentioned = set(re.findall(r"src-[a-z0-9]+(?:-[a-z0-9]+)*", " ".join(texts)))
    for sid in sorted(mentioned - known):
        problems.append(
            Problem(sources.file, "a note names this source but it is not in the table", id=sid, column="id")
        )
    for rec, line in zip(sources.records(), sources.lines):
        if rec["id"] not in used | mentioned:
            problems.append(
                Problem(
                    sources.file,
                    "is relied on nowhere: no source cell, note or reason of the update names it",
                    line=line,
                    id=rec["id"],
                    column="id",
                )
            )
    return problems


def check_updates(tables: dict[str, Table], annex: Table, schema: dict, latest: str | None) -> list[Problem]:
    """The update's changed cells: each names a force, a field it may change and a value
    of that field's type; applied to the Annex rows, they keep the rows' own rules."""
    updates = tables[SINCE["updates"]]
    new = tables.get(SINCE["forces"])
    annex_recs = {r["id"]: r for r in annex.records()}
    new_recs = {r["id"]: r for r in new.records()} if new else {}
    columns = {f["name"]: f for f in schema["fields"]}
    problems = []
    merged: dict[str, dict] = {}
    where: dict[tuple[str, str], int] = {}
    for rec, line in zip(updates.records(), updates.lines):
        fid, field, value = rec["force_id"], rec["field"], rec["value"]

        def bad(message, column="value", val=None):
            problems.append(
                Problem(updates.file, message, line=line, id=fid, column=column, value=value if val is None else val)
            )

        if fid not in annex_recs and fid not in new_recs:
            bad("names no force of parallel_forces.csv or since-2019/forces.csv", column="force_id", val=fid)
            continue
        if field in UPDATE_FIELDS:
            if field == "successor":
                if value not in annex_recs and value not in new_recs:
                    bad("is not the id of a force of either edition")
                elif value == fid:
                    bad("names the force itself as its successor")
            elif field == "still_deployed_as_of":
                if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])(-\d{2})?", value):
                    bad("is not a date as YYYY-MM-DD (or a month as YYYY-MM)")
                elif latest and value[:7] > latest:
                    bad(f"is later than the newest source ({latest}), the date of the edition")
            elif not _month(value):
                bad("is not a month as YYYY-MM")
            elif latest and value > latest:
                bad(f"is later than the newest source ({latest}), the date of the edition")
            if field != "successor":
                merged.setdefault(fid, dict(annex_recs.get(fid) or new_recs[fid]))[field] = value
                where[(fid, field)] = line
            continue
        if field not in columns or field in FIXED_COLUMNS:
            allowed = [c for c in columns if c not in FIXED_COLUMNS] + list(UPDATE_FIELDS)
            bad(f"is not a field an update may change; allowed: {', '.join(allowed)}", column="field", val=field)
            continue
        if fid not in annex_recs:
            bad(
                "changes a cell of a force of since-2019/forces.csv: edit that row itself",
                column="force_id",
                val=fid,
            )
            continue
        cell = Table(updates.file, [field], [[value]], [line])
        for p in check_schema(cell, {"fields": [columns[field]]}) + check_text(cell, {"fields": [columns[field]]}):
            problems.append(Problem(updates.file, p.message, line=line, id=fid, column="value", value=value))
        merged.setdefault(fid, dict(annex_recs[fid]))[field] = value
        where[(fid, field)] = line

    # The Annex rows with their cells changed keep every rule of the Annex (up to the edition's date).
    def at(fid: str, field: str, message: str, value) -> Problem:
        return Problem(updates.file, message, line=where[(fid, field)], id=fid, column="value", value=value)

    for fid, rec in merged.items():
        if fid in annex_recs:
            header = list(annex.header)
            one = Table(updates.file, header, [[rec.get(h, "") for h in header]], [0])
            for p in check_forces_rules(one, latest=latest or LATEST_MONTH, edition_date=bool(latest)):
                if (fid, p.column) in where:
                    problems.append(at(fid, p.column, p.message, p.value))
        if rec.get("end") and (fid, "still_deployed_as_of") in where:
            message = f"says the force is still deployed although its end is {rec['end']}"
            problems.append(at(fid, "still_deployed_as_of", message, rec["still_deployed_as_of"]))
        closed = rec.get("un_operation_closed")
        if closed and _month(rec.get("start", "")) and closed < rec["start"]:
            problems.append(at(fid, "un_operation_closed", f"is before the force's start ({rec['start']})", closed))
    return problems


def check_since(tables: dict[str, Table], schemas: dict[str, dict]) -> list[Problem]:
    """Every rule of the update since 2019, given the tables that could be read."""
    problems = []
    sources = tables.get(SINCE["sources"])
    latest = newest_source_month(r.get("date", "") for r in sources.records()) if sources else None
    if sources and latest is None:
        problems.append(Problem(sources.file, "has no dated source: the edition's date is the newest source's date"))
    annex = tables.get("parallel_forces")
    new = tables.get(SINCE["forces"])
    if new is not None:
        problems += check_forces_rules(new, latest=latest or "9999-12", since=ANNEX_LAST_MONTH)
        if annex is not None:
            annex_ids = {r[0] for r in annex.rows}
            for rec, line in zip(new.records(), new.lines):
                if rec["id"] in annex_ids:
                    problems.append(
                        Problem(
                            new.file,
                            "is also the id of a force of parallel_forces.csv: ids are unique across both editions",
                            line=line,
                            id=rec["id"],
                            column="id",
                            value=rec["id"],
                        )
                    )
        if SINCE["mandates"] in tables:
            ids = [r[0] for r in new.rows]
            problems += check_mandates_rules(tables[SINCE["mandates"]], ids, forces_file=new.file)
    if SINCE["updates"] in tables and annex is not None:
        problems += check_updates(tables, annex, schemas["parallel_forces"], latest)
    if sources is not None:
        problems += check_sources(tables)
    return problems
