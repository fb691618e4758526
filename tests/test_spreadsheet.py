"""The downloads a researcher opens without fixing: the workbook typed, with frozen headers,
filters, readable widths, a codebook and a citation sheet, and no cell ever a formula (tried on
a corrupted copy of the data); the CSV downloads keep every value exactly as in the data."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from conftest import SITE

from parallel_forces import config
from parallel_forces.site import citation
from parallel_forces.site.export import export_dataset, export_force_records

CFG = config.load()
#: Text cells a spreadsheet would read as formulas if it were careless.
HOSTILE = ['=HYPERLINK("http://127.0.0.1/x","click")', "+1+1", "-2+3", "@SUM(1,2)", "=1+1"]


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _resources() -> list[dict]:
    return json.loads(CFG.paths.datapackage.read_text(encoding="utf-8"))["resources"]


def _fields() -> dict[str, list[dict]]:
    return {r["name"]: r["schema"]["fields"] for r in _resources()}


@pytest.fixture(scope="module")
def workbook():
    path = SITE / "downloads" / "parallel_forces.xlsx"
    if not path.exists():
        pytest.fail("run `make book` first")
    return openpyxl.load_workbook(path)


def test_sheets_headers_filters_widths(workbook):
    # A sheet per table of the data package, in its order, then the current edition (the
    # Annex with the update since 2019 applied), the codebook and the citation.
    fields = _fields()
    assert workbook.sheetnames == [*fields, "current_edition", "codebook", "citation"]
    for name in workbook.sheetnames:
        ws = workbook[name]
        assert ws.freeze_panes in ("A2", "B2"), name  # the header row stays in view
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}", name
        assert all(c.font.bold for c in ws[1]), name
        widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
        assert all(8 <= w <= 100 for w in widths), (name, widths)
    for name, flds in fields.items():
        assert [c.value for c in workbook[name][1]] == [f["name"] for f in flds]


def test_cells_carry_their_types(workbook):
    """Every cell is what the schema says the column holds, and equals the CSV's value."""
    fields = _fields()
    for name, flds in fields.items():
        ws = workbook[name]
        rows = _rows(CFG.paths.data / next(r["path"] for r in _resources() if r["name"] == name))
        assert ws.max_row == len(rows) + 1
        for i, row in enumerate(rows, start=2):
            for j, f in enumerate(flds, start=1):
                cell, text = ws.cell(i, j), row[f["name"]]
                if text == "":
                    assert cell.value is None, (name, i, f["name"])
                elif f["type"] == "integer":
                    assert cell.data_type == "n" and cell.value == int(text)
                elif f["type"] == "boolean":
                    assert cell.data_type == "b" and cell.value is (text == "true")
                elif f["type"] == "date":
                    assert cell.is_date and cell.value.date() == dt.date.fromisoformat(text)
                    assert cell.number_format == "yyyy-mm-dd"
                elif f["type"] == "yearmonth":
                    assert cell.is_date and cell.value.strftime("%Y-%m") == text and cell.number_format == "yyyy-mm"
                else:
                    assert cell.data_type == "s" and cell.value == text, (name, i, f["name"])
    forces = workbook["parallel_forces"]
    header = [c.value for c in forces[1]]
    assert isinstance(forces.cell(2, header.index("start") + 1).value, dt.datetime)
    assert isinstance(forces.cell(2, header.index("annex_page") + 1).value, int)


def test_citation_sheet_names_version_licence_and_citation(workbook):
    cff = yaml.safe_load(CFG.paths.citation_file.read_text(encoding="utf-8"))
    sheet = {r[0]: r[1] for r in workbook["citation"].iter_rows(min_row=2, values_only=True)}
    cite = citation.from_config(CFG)
    assert sheet["Version"] == str(cff["version"]) == workbook.properties.version
    assert sheet["Cite as"] == cite.line("The dataset", "downloads/parallel_forces.xlsx")
    assert "CC-BY-4.0" in sheet["Licence"] and "creativecommons.org/licenses/by/4.0" in sheet["Licence"]
    assert "Novosseloff" in sheet["Source"]
    for name in ("parallel_forces.csv", "mandates.csv"):
        assert sheet[f"SHA-256 of {name}"] == hashlib.sha256((CFG.paths.data / name).read_bytes()).hexdigest()


def test_csv_downloads_keep_every_value():
    if not (SITE / "downloads").exists():
        pytest.fail("run `make book` first")
    for name in ("parallel_forces.csv", "mandates.csv", "datapackage.json"):
        assert (SITE / "downloads" / name).read_bytes() == (CFG.paths.data / name).read_bytes(), name
    mandates = {r["id"]: r for r in _rows(CFG.paths.mandates_csv)}
    for row in _rows(CFG.paths.forces_csv):
        (record,) = _rows(SITE / "downloads" / "forces" / f"{row['id']}.csv")
        expected = {**row, **mandates.get(row["id"], {})}
        # The Annex's cells exactly (the default build shows the Annex edition), marked with
        # the row's edition; the update's own columns follow.
        assert {k: record[k] for k in expected} == expected, row["id"]
        assert record["edition"] == "annex", row["id"]


def test_a_corrupted_copy_is_written_as_text_never_as_formulas(tmp_path):
    """Cells beginning with = + - @ in a copy of the data: the workbook holds them as text (no
    formula anywhere in its XML), and the CSV downloads hold them exactly."""
    data = tmp_path / "data"
    shutil.copytree(CFG.paths.data, data)
    rows = _rows(data / "parallel_forces.csv")
    for row, bad in zip(rows, HOSTILE):
        row["note"] = bad
        row["name"] = bad
    rows[-1]["actors"] = HOSTILE[0]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (data / "parallel_forces.csv").write_text(buf.getvalue(), encoding="utf-8")
    paths = config.make_paths(data=data)
    out = tmp_path / "out"
    export_dataset(out, paths, citation.load(paths.citation_file))
    export_force_records(out / "forces", paths)

    with zipfile.ZipFile(out / "parallel_forces.xlsx") as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any("<f>" in z.read(n).decode() or "<f " in z.read(n).decode() for n in sheets)
    ws = openpyxl.load_workbook(out / "parallel_forces.xlsx")["parallel_forces"]
    header = [c.value for c in ws[1]]
    for i, bad in enumerate(HOSTILE, start=2):
        for column in ("note", "name"):
            cell = ws.cell(i, header.index(column) + 1)
            assert cell.data_type == "s" and cell.value == bad, (column, bad)
    assert ws.cell(len(rows) + 1, header.index("actors") + 1).value == HOSTILE[0]

    assert (out / "parallel_forces.csv").read_bytes() == (data / "parallel_forces.csv").read_bytes()
    assert [r["note"] for r in _rows(out / "parallel_forces.csv")][: len(HOSTILE)] == HOSTILE
    for row in rows[: len(HOSTILE)]:
        (record,) = _rows(out / "forces" / f"{row['id']}.csv")
        assert record["note"] == row["note"] and record["name"] == row["name"]
