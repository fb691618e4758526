"""Validation: each rule on a corrupted copy of the real data, and the message it gives.

Every test copies data/ to a temporary folder, breaks one thing, and checks that
`python -m parallel_forces validate` exits 1 with a sentence naming the file, the
line, the id, the column and the bad value (and no traceback).
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from parallel_forces.validate import validate

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture
def data_copy(tmp_path):
    dst = tmp_path / "data"
    shutil.copytree(DATA, dst)
    return dst


def rows(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return reader.fieldnames, list(reader)


def write(path: Path, header, records, **kw):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, lineterminator=kw.get("eol", "\n"))
    w.writeheader()
    w.writerows(records)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


def corrupt(data_dir: Path, index: int, **changes) -> dict:
    """Change cells of one row of parallel_forces.csv; return the changed row."""
    header, recs = rows(data_dir / "parallel_forces.csv")
    recs[index].update(changes)
    write(data_dir / "parallel_forces.csv", header, recs)
    return recs[index]


def run_cli(path: Path):
    return subprocess.run([sys.executable, "-m", "parallel_forces", "validate", str(path)],
                          capture_output=True, text=True, cwd=ROOT)


def messages(data_dir: Path) -> list[str]:
    checked, problems = validate(data_dir)
    return [str(p) for p in problems]


def test_shipped_data_is_valid():
    result = run_cli(DATA)
    assert result.returncode == 0, result.stderr
    header, recs = rows(DATA / "parallel_forces.csv")
    _, mand = rows(DATA / "mandates.csv")
    assert f"{len(recs) + len(mand)} rows checked" in result.stdout


def test_bad_date_names_file_line_id_column_value(data_copy):
    rec = corrupt(data_copy, 1, start="1992-13")
    result = run_cli(data_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"parallel_forces.csv, line 3, id '{rec['id']}', column 'start': is not a month as YYYY-MM (value: '1992-13')" in result.stderr


def test_end_before_start(data_copy):
    rec = corrupt(data_copy, 0, end="1989-01")
    msgs = messages(data_copy)
    assert any(f"line 2, id '{rec['id']}', column 'end': is before the start" in m for m in msgs), msgs


def test_unknown_category(data_copy):
    corrupt(data_copy, 2, actor_type="unilateral")
    msgs = messages(data_copy)
    assert any("column 'actor_type': unknown category; allowed: bilateral, regional, multinational (value: 'unilateral')" in m
               for m in msgs), msgs


def test_duplicate_id(data_copy):
    header, recs = rows(data_copy / "parallel_forces.csv")
    dup = recs[0]["id"]
    recs[1]["id"] = dup
    write(data_copy / "parallel_forces.csv", header, recs)
    msgs = messages(data_copy)
    assert any(f"line 3, id '{dup}', column 'id': duplicate id" in m for m in msgs), msgs


def test_missing_column(data_copy):
    header, recs = rows(data_copy / "parallel_forces.csv")
    header = [h for h in header if h != "vote"]
    for r in recs:
        del r["vote"]
    write(data_copy / "parallel_forces.csv", header, recs)
    msgs = messages(data_copy)
    assert msgs == ["data/parallel_forces.csv, line 1, column 'vote': required column is missing from the header."] or \
        any("column 'vote': required column is missing from the header" in m for m in msgs), msgs


def test_misspelt_column_suggests_the_right_one(data_copy):
    path = data_copy / "parallel_forces.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",abstainers,", ",abstainer,", 1), encoding="utf-8")
    msgs = messages(data_copy)
    assert any("column 'abstainer': unknown column; did you mean 'abstainers'?" in m for m in msgs), msgs


def test_bad_encoding(data_copy):
    path = data_copy / "parallel_forces.csv"
    raw = path.read_bytes().replace("Resolution".encode(), "R\xe9solution".encode("latin-1"), 1)
    path.write_bytes(raw)
    msgs = messages(data_copy)
    assert len(msgs) == 1 and "is not valid UTF-8" in msgs[0] and "line " in msgs[0], msgs


def test_empty_file(data_copy):
    (data_copy / "parallel_forces.csv").write_text("", encoding="utf-8")
    assert any("the file is empty" in m for m in messages(data_copy))


def test_broken_quoting(data_copy):
    path = data_copy / "parallel_forces.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[3] = lines[3].replace(",", ',"', 1)  # an opening quote never closed
    path.write_text("\n".join(lines), encoding="utf-8")
    msgs = messages(data_copy)
    assert msgs and all("parallel_forces.csv" in m for m in msgs), msgs


def test_ragged_row(data_copy):
    path = data_copy / "parallel_forces.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2] + ",extra"
    path.write_text("\n".join(lines), encoding="utf-8")
    msgs = messages(data_copy)
    assert any("line 3" in m and "row has 22 cells but the header has 21 columns" in m for m in msgs), msgs


def test_harmless_variants_pass(data_copy):
    header, recs = rows(data_copy / "parallel_forces.csv")
    write(data_copy / "parallel_forces.csv", header, list(reversed(recs)), eol="\r\n")
    path = data_copy / "parallel_forces.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert messages(data_copy) == []


def test_vote_on_presidential_statement_is_refused(data_copy):
    corrupt(data_copy, 0, sc_instruments="Presidential Statement 2000/24", vote="unanimous", abstainers="")
    assert any("column 'vote': is given although the first instrument is a presidential statement" in m
               for m in messages(data_copy))


def test_resolution_needs_a_vote(data_copy):
    corrupt(data_copy, 0, sc_instruments="Resolution 866", vote="", abstainers="")
    assert any("column 'vote': is empty although the first instrument is a resolution" in m for m in messages(data_copy))


def test_abstainers_must_match_the_vote(data_copy):
    corrupt(data_copy, 0, vote="13-0-2", abstainers="China")
    assert any("column 'abstainers': names 1 state(s) but the vote records 2 abstention(s)" in m for m in messages(data_copy))


def test_abstainers_only_on_split_vote(data_copy):
    corrupt(data_copy, 0, vote="unanimous", abstainers="China")
    assert any("column 'abstainers': names abstaining states but the vote is not a split vote" in m for m in messages(data_copy))


def test_vote_larger_than_council(data_copy):
    corrupt(data_copy, 0, vote="15-0-1", abstainers="China")
    assert any("more than the Council's 15 members" in m for m in messages(data_copy))


def test_date_before_1945(data_copy):
    corrupt(data_copy, 0, start="1944-12")
    assert any("column 'start': is earlier than 1945-01" in m for m in messages(data_copy))


def test_unknown_country_code(data_copy):
    corrupt(data_copy, 0, countries="LBR;XYZ")
    assert any("column 'countries': is not an ISO 3166-1 alpha-3 country code (value: 'XYZ')" in m for m in messages(data_copy))


def test_unknown_lead(data_copy):
    corrupt(data_copy, 0, lead="Atlantis League")
    assert any("column 'lead': unknown lead" in m for m in messages(data_copy))


def test_mandate_without_force(data_copy):
    header, recs = rows(data_copy / "mandates.csv")
    recs[0]["id"] = "no-such-force"
    write(data_copy / "mandates.csv", header, recs)
    msgs = messages(data_copy)
    assert any("mandates.csv, line 2, id 'no-such-force', column 'id': no force in parallel_forces.csv has this id" in m for m in msgs), msgs
    assert any("has no row for this force" in m for m in msgs), msgs


def test_required_cell_empty(data_copy):
    corrupt(data_copy, 0, place="")
    assert any("column 'place': is required but empty" in m for m in messages(data_copy))


def test_build_refuses_bad_data(data_copy):
    """The loader the notebooks use raises with the same messages."""
    import os

    corrupt(data_copy, 0, start="not a month")
    env = dict(os.environ, PF_DATA_DIR=str(data_copy))
    result = subprocess.run([sys.executable, "-c", "import parallel_forces as pf; pf.load_forces()"],
                            capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode != 0
    assert "column 'start': is not a month as YYYY-MM" in result.stderr
