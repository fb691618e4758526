"""The dataset as a workbook a researcher opens without fixing anything.

Each table of the data package is a sheet whose cells carry the type the schema gives the
column (``datapackage.json``): integers as numbers, ``date`` as dates, ``yearmonth`` as the
first day of the month shown ``yyyy-mm``, booleans as TRUE/FALSE, empty cells empty. Every
text cell is written as text, never as a formula, whatever it begins with (``=``, ``+``,
``-``, ``@``): a spreadsheet that ran a cell of the data would be an attack, not a download.
Headers are bold and frozen, every sheet has filters, columns are as wide as their content
allows (capped; in the data sheets a column wraps only if its cells hold line breaks, so a
row stays one line; in the codebook and citation sheets long texts wrap). Two more sheets: the codebook, and ``citation`` (how to cite the
dataset, its version, licence, source, and the SHA-256 of the files it was made from).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .. import config
from ..data import read_tables
from . import citation, urls

#: Widest a column gets (characters); longer texts wrap within it.
MAX_WIDTH = 60
#: Documents' dates are fixed so that two exports are byte-identical.
STAMP = dt.datetime(2000, 1, 1)
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def typed(value: str, field: dict):
    """A CSV cell as the schema types it: int, float, bool, date or text; None when empty."""
    if value == "":
        return None
    kind = field.get("type", "string")
    if kind == "integer":
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "boolean":
        return value in field.get("trueValues", ["true"])
    if kind == "date":
        return dt.datetime.strptime(value, field.get("format", "%Y-%m-%d").replace("default", "%Y-%m-%d")).date()
    if kind == "yearmonth":
        year, month = value.split("-")
        return dt.date(int(year), int(month), 1)
    return value


NUMBER_FORMATS = {"date": "yyyy-mm-dd", "yearmonth": "yyyy-mm"}


def _set(cell: Cell, value, number_format: str | None = None) -> None:
    """Put ``value`` in ``cell``; text is always text (openpyxl would read "=..." as a formula)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    if number_format:
        cell.number_format = number_format


def _width(values) -> int:
    longest = max((max((len(line) for line in str(v).split("\n")), default=0) for v in values), default=0)
    return min(max(longest + 2, 8), MAX_WIDTH)


def write_table(
    ws, header: list[str], rows: list[list], formats: list[str | None] | None = None, freeze="B2", wrap=False
):
    """A sheet with a bold, frozen header row, filters and readable widths; a capped column wraps
    if ``wrap`` or if its cells hold line breaks."""
    formats = formats or [None] * len(header)
    for j, name in enumerate(header, start=1):
        _set(ws.cell(row=1, column=j), name)
        ws.cell(row=1, column=j).font = BOLD
    for i, row in enumerate(rows, start=2):
        for j, (value, fmt) in enumerate(zip(row, formats), start=1):
            _set(ws.cell(row=i, column=j), value, fmt if value is not None else None)
    for j, name in enumerate(header, start=1):
        column = [r[j - 1] for r in rows]
        shown = [v.strftime("%Y-%m-%d") if isinstance(v, dt.date) else v for v in column if v is not None]
        width = _width([name, *shown])
        ws.column_dimensions[get_column_letter(j)].width = width
        if width == MAX_WIDTH and (wrap or any("\n" in v for v in shown if isinstance(v, str))):
            for i in range(2, len(rows) + 2):
                ws.cell(row=i, column=j).alignment = WRAP
    if freeze:
        ws.freeze_panes = freeze
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def citation_rows(paths: config.Paths, cite: citation.Citation, package: dict) -> list[list[str]]:
    """What the ``citation`` sheet says: the dataset's citation, version, licence and source."""
    licence = "; ".join(f"{x.get('title', x['name'])} ({x['name']}), {x.get('path', '')}" for x in package["licenses"])
    rows = [
        ["Title", cite.title],
        ["Version", cite.version],
        ["Released", cite.date],
        ["Cite as", cite.line("The dataset", urls.download("parallel_forces.xlsx"))],
    ]
    note = cite.permalink_note(urls.download("parallel_forces.xlsx"))
    if note:
        rows.append(["Permalink", note.removeprefix("Permalink: ")])
    rows += [
        ["Licence", licence],
        ["Source", "; ".join(s["title"] for s in package.get("sources", []))],
        ["Credit", "Credit the source report's authors whenever you use these data, and cite the report as well."],
        ["Sheets", "parallel_forces: one row per force; mandates: the Council's words; codebook: every column"],
    ]
    for res in package["resources"]:
        rows.append([f"SHA-256 of {res['path']}", _sha256(paths.data / res["path"])])
    return rows


def write_workbook(
    out: Path, paths: config.Paths, cite: citation.Citation, codebook: pd.DataFrame, current: pd.DataFrame | None = None
) -> Path:
    """The workbook of the data package at ``paths.data`` (see the module's docstring), with a
    sheet ``current_edition`` when ``current`` (the current edition's rows) is given: typed as
    the Annex's fields, its extra columns as text."""
    package = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    wb = Workbook()
    wb.remove(wb.active)
    tables = read_tables(paths.datapackage)
    sheets = [(res["name"], res["schema"]["fields"], raw) for res, raw in tables.values()]
    if current is not None:
        known = {f["name"]: f for f in tables["parallel_forces"][0]["schema"]["fields"]}
        fields = [known.get(c, {"name": c, "type": "string"}) for c in current.columns]
        sheets.insert(len(tables), ("current_edition", fields, current))
    for name, fields, raw in sheets:
        header = [f["name"] for f in fields]
        rows = [[typed(r[f["name"]], f) for f in fields] for r in raw.to_dict(orient="records")]
        write_table(wb.create_sheet(name), header, rows, [NUMBER_FORMATS.get(f["type"]) for f in fields])
    book = codebook.astype(str)
    write_table(wb.create_sheet("codebook"), list(book.columns), book.values.tolist(), freeze="A2", wrap=True)
    ws = wb.create_sheet("citation")
    write_table(ws, ["What", "Value"], citation_rows(paths, cite, package), freeze="A2", wrap=True)
    ws.column_dimensions["B"].width = 100
    props = wb.properties
    props.title, props.creator, props.version = package.get("title", cite.title), cite.authors_text, cite.version
    props.description = cite.line("The dataset", urls.download("parallel_forces.xlsx"))
    props.created = props.modified = STAMP
    wb.save(out)
    return out
