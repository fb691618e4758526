"""What the pages show of the update since September 2019 (``data/since-2019/``): the
fragments of the page "Since the report" (the new forces, what became of the forces the
Annex lists as still deployed, every changed cell, the rows of low confidence, the
candidates rejected and every source), and the "Since the report" part of a force's record.

Every value is formatted by :mod:`parallel_forces.formatting`, every link made by
:mod:`.urls`, every fragment rendered by a Jinja2 template with autoescape on.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from .. import config
from .. import formatting as fmt
from ..config import ROW_EDITIONS
from . import urls
from .templating import Link, Links, render

#: The page the fragments are included in (links are made relative to it).
PAGE = urls.SINCE
#: How the update's own fields read.
FACT_LABELS = {
    "still_deployed_as_of": "Still deployed as of",
    "successor": "Successor",
    "un_operation_closed": "UN operation beside it withdrew",
}


def _ids(cell: str) -> list[str]:
    return [x for x in str(cell).split(";") if x]


def source_links(cell: str, page: str) -> Links:
    """A ``source`` cell as links to the sources' anchors on the update's page."""
    return Links(tuple(Link(urls.url(urls.source_anchor(s), page), s) for s in _ids(cell)))


def _record(fid: str, labels: dict[str, str], page: str) -> Link:
    return Link(urls.url(urls.record(fid), page), labels.get(fid, fid))


def field_label(field: str, titles: dict[str, str]) -> str:
    return FACT_LABELS.get(field) or titles.get(field, field)


def value_text(field: str, value: str, labels: dict[str, str]) -> str:
    """An update's value as a reader reads it (a month, a date, a force's name)."""
    if not value:
        return ""
    if field == "successor":
        return labels.get(value, value)
    if field in ("end", "start", "un_operation_closed"):
        return fmt.month(value)
    if field == "still_deployed_as_of":
        return fmt.date(value) if len(value) == 10 else fmt.month(value)
    return fmt.cell_list(value) if ";" in value else value.replace("/", ", ")


def _annex_value(field: str, annex: dict, conventions: config.Conventions) -> str:
    if field in FACT_LABELS:
        return "not in the Annex"
    value = annex.get(field, "")
    if field == "end" and not value:
        return f"to present (still deployed in {fmt.month(conventions.reference_month)})"
    return value_text(field, value, {})


@dataclasses.dataclass(frozen=True)
class SinceIndex:
    """What every record's "Since the report" part needs, looked up by force id and made
    once for all pages (a record page must not cost a pass over every row)."""

    labels: dict[str, str]
    annex: dict[str, dict]
    updates: dict[str, list[dict]]
    new: dict[str, dict]


def since_index(rows: pd.DataFrame, since: dict[str, pd.DataFrame], annex_raw: pd.DataFrame) -> SinceIndex:
    """The :class:`SinceIndex` of ``rows`` (both editions), the update's tables and the Annex's rows."""
    updates: dict[str, list[dict]] = {}
    for u in since["updates"].to_dict(orient="records"):
        updates.setdefault(u["force_id"], []).append(u)
    return SinceIndex(
        labels=dict(zip(rows["id"], rows["label"])),
        annex={r["id"]: r for r in annex_raw.to_dict(orient="records")},
        updates=updates,
        new={r["id"]: r for r in since["forces"].to_dict(orient="records")},
    )


def record_since(fid: str, index: SinceIndex, titles: dict[str, str], conventions: config.Conventions) -> dict | None:
    """The "Since the report" part of a force's record: for a row of the Annex, each cell
    the update changes or adds (what the Annex gives, what the update gives, its confidence,
    its sources and note); for a row of the update, its sources. None when there is nothing.
    ``index`` is :func:`since_index` of the rows, made once for every page."""
    page = urls.record(fid)
    labels = index.labels
    annex = index.annex.get(fid)
    table = [
        [
            field_label(u["field"], titles),
            _annex_value(u["field"], annex, conventions) if annex else "",
            value_text(u["field"], u["value"], labels),
            u["confidence"],
            source_links(u["source"], page),
            u["note"],
        ]
        for u in index.updates.get(fid, [])
    ]
    rec = index.new.get(fid)
    if annex is None and rec is None:
        return None
    if annex is not None and not table:
        return {
            "intro": "The update since September 2019 changes nothing in this row: the force had ended when "
            "the report was written.",
            "rows": [],
            "sources": [],
        }
    if annex is not None:
        shown = "the Annex's" if conventions.edition == "annex" else "the current edition's"
        intro = (
            f"The values above are {shown}. What the update since September 2019 records for this force, "
            "each cell with its sources (the current edition applies it; the Annex file is never edited):"
        )
        return {
            "intro": intro,
            "caption": f"Since the report: {fmt.plural(len(table), 'cell')} the update changes or adds",
            "columns": ["Field", "The Annex", "The update", "Confidence", "Sources", "Note"],
            "rows": table,
            "sources": [],
        }
    return {
        "intro": "This force is not in the Annex: it deployed after September 2019 and is a row of the update "
        "since the report, sourced cell by cell (its note above says what each cell rests on).",
        "caption": f"What the update records later for {labels.get(fid, fid)}",
        "columns": ["Field", "The Annex", "The update", "Confidence", "Sources", "Note"],
        "rows": table,
        "sources": [Link(urls.url(urls.source_anchor(s), page), s) for s in dict.fromkeys(_ids(rec["source"]))],
    }


def _table(caption: str, columns: list[str], rows: list[list]) -> str:
    return render("table.html.j2", caption=caption, columns=columns, rows=rows).strip("\n")


def _first(rec: dict) -> str:
    instruments = _ids(rec["sc_instruments"])
    if not instruments:
        return "none"
    date = fmt.date(rec["sc_first_date"])
    return f"{instruments[0]} ({date})" if date else instruments[0]


def page_parts(
    rows: pd.DataFrame, since: dict[str, pd.DataFrame], annex_raw: pd.DataFrame, titles: dict[str, str], conventions
) -> dict[str, str]:
    """The fragments of the page "Since the report" (``book/since-2019.md`` includes them)."""
    labels = dict(zip(rows["id"], rows["label"]))
    current = conventions.with_edition("current")
    new = since["forces"].to_dict(orient="records")
    ups = since["updates"]
    annex = annex_raw.set_index("id").to_dict(orient="index")
    open_ids = [fid for fid, rec in annex.items() if not rec["end"]]

    new_rows = [
        [
            _record(r["id"], labels, PAGE),
            fmt.month(r["start"]),
            fmt.month(r["end"]) or current.still_deployed,
            r["place"],
            fmt.cell_list(r["lead"]) or fmt.NOT_NAMED,
            r["un_operations"].replace("/", ", "),
            r["authorization"],
            _first(r),
            fmt.vote(r["vote"]) if r["vote"] else "no vote",
            r["confidence"],
        ]
        for r in new
    ]

    def fact(fid: str, field: str) -> str:
        hit = ups[(ups["force_id"] == fid) & (ups["field"] == field)]
        return hit["value"].iloc[0] if len(hit) else ""

    fate_rows = []
    for fid in open_ids:
        mine = ups[ups["force_id"] == fid]
        end, as_of = fact(fid, "end"), fact(fid, "still_deployed_as_of")
        now = (
            f"ended in {fmt.month(end)}"
            if end
            else f"still deployed (newest evidence: {value_text('still_deployed_as_of', as_of, labels)})"
            if as_of
            else "no news in stored sources"
        )
        successor = fact(fid, "successor")
        closed = fact(fid, "un_operation_closed")
        fate_rows.append(
            [
                _record(fid, labels, PAGE),
                now,
                _record(successor, labels, PAGE) if successor else "none found",
                f"withdrew in {fmt.month(closed)}" if closed else "no withdrawal recorded",
                "low" if (mine["confidence"] == "low").any() else "high",
                source_links(";".join(mine["source"]), PAGE),
            ]
        )
    change_rows = [
        [
            _record(u["force_id"], labels, PAGE),
            field_label(u["field"], titles),
            _annex_value(u["field"], annex[u["force_id"]], conventions) if u["force_id"] in annex else "",
            value_text(u["field"], u["value"], labels),
            u["confidence"],
            source_links(u["source"], PAGE),
            u["note"],
        ]
        for u in ups.to_dict(orient="records")
    ]
    low = [[_record(r["id"], labels, PAGE), "the whole row", r["note"]] for r in new if r["confidence"] == "low"]
    low += [
        [_record(u["force_id"], labels, PAGE), field_label(u["field"], titles), u["note"]]
        for u in ups.to_dict(orient="records")
        if u["confidence"] == "low"
    ]
    rejected = since["rejected"].to_dict(orient="records")
    words = since["mandates"].to_dict(orient="records")
    sources = since["sources"].to_dict(orient="records")
    ended = sum(1 for r in fate_rows if r[1].startswith("ended"))
    return {
        "new-forces.html": _table(
            f"The {fmt.plural(len(new_rows), 'force')} deployed since September 2019 beside a UN peace operation, "
            "with a Council decision",
            [
                "Force",
                "Start",
                "End",
                "Place",
                "Lead",
                "UN operation(s)",
                "Council decision",
                "First instrument",
                "Vote",
                "Confidence",
            ],
            new_rows,
        ),
        "fate.html": _table(
            f"The {len(fate_rows)} forces the Annex lists as still deployed: {ended} have ended since",
            ["Force", "Since the report", "Successor", "UN operation beside it", "Confidence", "Sources"],
            fate_rows,
        ),
        "changes.html": _table(
            f"Every cell the update changes or adds ({len(change_rows)})",
            ["Force", "Field", "The Annex", "The update", "Confidence", "Sources", "Note"],
            change_rows,
        ),
        "words.html": _table(
            "The Council's words for the new forces, where a stored source quotes them",
            ["Force", "The words (fragments marked …)", "Sources", "Note"],
            [
                [
                    _record(w["id"], labels, PAGE),
                    w["decision_text"].replace("\n\n", " / ") or "none quoted in stored sources",
                    source_links(w["source"], PAGE),
                    w["note"],
                ]
                for w in words
            ],
        ),
        "low-confidence.html": _table(
            f"The {len(low)} rows and cells of low confidence", ["Force", "Row or cell", "Why"], low
        ),
        "rejected.html": _table(
            f"The {fmt.plural(len(rejected), 'candidate')} considered and rejected",
            ["Candidate", "Country", "Reason", "Sources"],
            [[r["candidate"], r["country"], r["reason"], source_links(r["source"], PAGE)] for r in rejected],
        ),
        "sources.html": render(
            "sources.html.j2",
            caption=f"The {fmt.plural(len(sources), 'source')} of the update",
            sources=[
                {
                    "id": s["id"],
                    "url": s["url"],
                    "title": s["title"],
                    "date": fmt.date(s["date"]) or "no date shown",
                    "passage": s["passage"],
                }
                for s in sources
            ],
        ).strip("\n"),
    }


def row_edition(value: str) -> str:
    """A row's edition as a record shows it."""
    return "the Annex (2019)" if value == ROW_EDITIONS["annex"] else "the update since September 2019"


def summaries(rows: pd.DataFrame, index: SinceIndex) -> dict[str, str]:
    """One line per force on what the update records for it ("ended in March 2022;
    succeeded by ATMIS"), for the explore table; "" for a force it says nothing about."""
    labels = index.labels
    out = {}
    for fid in rows["id"]:
        mine = {u["field"]: u["value"] for u in index.updates.get(fid, [])}
        parts = ["new since September 2019"] if fid in index.new else []
        if mine.get("end"):
            parts.append(f"ended in {fmt.month(mine['end'])}")
        elif mine.get("still_deployed_as_of"):
            parts.append(f"still deployed ({value_text('still_deployed_as_of', mine['still_deployed_as_of'], {})})")
        if mine.get("successor"):
            parts.append(f"succeeded by {labels.get(mine['successor'], mine['successor'])}")
        if mine.get("un_operation_closed"):
            parts.append(f"its UN operation withdrew in {fmt.month(mine['un_operation_closed'])}")
        if mine.get("un_operations"):
            parts.append(f"now beside {mine['un_operations'].replace('/', ', ')}")
        out[fid] = "; ".join(parts)
    return out
