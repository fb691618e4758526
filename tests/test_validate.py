"""Validation: each rule on a corrupted copy of the real data, and the message it gives.

Every test copies data/ to a temporary folder, breaks one thing, and checks that
`python -m parallel_forces validate` exits 1 with a sentence naming the file, the
line, the id, the column and the bad value (and no traceback).
"""

from __future__ import annotations

import csv
import io
import json
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
    return subprocess.run(
        [sys.executable, "-m", "parallel_forces", "validate", str(path)], capture_output=True, text=True, cwd=ROOT
    )


def messages(data_dir: Path) -> list[str]:
    checked, problems = validate(data_dir)
    return [str(p) for p in problems]


def package_rows(data_dir: Path) -> int:
    """Rows of every table the package declares (the Annex's and the update's)."""
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    return sum(len(rows(data_dir / r["path"])[1]) for r in descriptor["resources"])


def test_shipped_data_is_valid():
    result = run_cli(DATA)
    assert result.returncode == 0, result.stderr
    header, recs = rows(DATA / "parallel_forces.csv")
    _, mand = rows(DATA / "mandates.csv")
    assert package_rows(DATA) > len(recs) + len(mand)  # the update since 2019 is validated too
    assert f"{package_rows(DATA)} rows checked" in result.stdout


def test_bad_date_names_file_line_id_column_value(data_copy):
    rec = corrupt(data_copy, 1, start="1992-13")
    result = run_cli(data_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        f"parallel_forces.csv, line 3, id '{rec['id']}', column 'start': is not a month as YYYY-MM (value: '1992-13')"
        in result.stderr
    )


def test_end_before_start(data_copy):
    rec = corrupt(data_copy, 0, end="1989-01")
    msgs = messages(data_copy)
    assert any(f"line 2, id '{rec['id']}', column 'end': is before the start" in m for m in msgs), msgs


def test_unknown_category(data_copy):
    corrupt(data_copy, 2, actor_type="unilateral")
    msgs = messages(data_copy)
    assert any(
        "column 'actor_type': unknown category; allowed: bilateral, regional, multinational (value: 'unilateral')" in m
        for m in msgs
    ), msgs


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
    assert msgs == [
        "data/parallel_forces.csv, line 1, column 'vote': required column is missing from the header."
    ] or any("column 'vote': required column is missing from the header" in m for m in msgs), msgs


def test_misspelt_column_suggests_the_right_one(data_copy):
    path = data_copy / "parallel_forces.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",abstainers,", ",abstainer,", 1), encoding="utf-8")
    msgs = messages(data_copy)
    assert any("column 'abstainer': unknown column; did you mean 'abstainers'?" in m for m in msgs), msgs


def test_bad_encoding(data_copy):
    path = data_copy / "parallel_forces.csv"
    raw = path.read_bytes().replace(b"Resolution", "R\xe9solution".encode("latin-1"), 1)
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
    assert any(
        "column 'vote': is given although the first instrument is a presidential statement" in m
        for m in messages(data_copy)
    )


def test_resolution_needs_a_vote(data_copy):
    corrupt(data_copy, 0, sc_instruments="Resolution 866", vote="", abstainers="")
    assert any(
        "column 'vote': is empty although the first instrument is a resolution" in m for m in messages(data_copy)
    )


def test_abstainers_must_match_the_vote(data_copy):
    corrupt(data_copy, 0, vote="13-0-2", abstainers="China")
    assert any(
        "column 'abstainers': names 1 state(s) but the vote records 2 abstention(s)" in m for m in messages(data_copy)
    )


def test_abstainers_only_on_split_vote(data_copy):
    corrupt(data_copy, 0, vote="unanimous", abstainers="China")
    assert any(
        "column 'abstainers': names abstaining states but the vote is not a split vote" in m
        for m in messages(data_copy)
    )


def test_vote_larger_than_council(data_copy):
    corrupt(data_copy, 0, vote="15-0-1", abstainers="China")
    assert any("more than the Council's 15 members" in m for m in messages(data_copy))


def test_date_before_1945(data_copy):
    corrupt(data_copy, 0, start="1944-12")
    assert any("column 'start': is earlier than 1945-01" in m for m in messages(data_copy))


def test_unknown_country_code(data_copy):
    corrupt(data_copy, 0, countries="LBR;XYZ")
    assert any(
        "column 'countries': is not an ISO 3166-1 alpha-3 country code (value: 'XYZ')" in m for m in messages(data_copy)
    )


def test_unknown_lead(data_copy):
    corrupt(data_copy, 0, lead="Atlantis League")
    assert any("column 'lead': unknown lead" in m for m in messages(data_copy))


def test_mandate_without_force(data_copy):
    header, recs = rows(data_copy / "mandates.csv")
    recs[0]["id"] = "no-such-force"
    write(data_copy / "mandates.csv", header, recs)
    msgs = messages(data_copy)
    assert any(
        "mandates.csv, line 2, id 'no-such-force', column 'id': no force in parallel_forces.csv has this id" in m
        for m in msgs
    ), msgs
    assert any("has no row for this force" in m for m in msgs), msgs


def test_required_cell_empty(data_copy):
    corrupt(data_copy, 0, place="")
    assert any("column 'place': is required but empty" in m for m in messages(data_copy))


def test_build_refuses_bad_data(data_copy):
    """The loader the notebooks use raises with the same messages."""
    import os

    corrupt(data_copy, 0, start="not a month")
    env = dict(os.environ, PF_DATA_DIR=str(data_copy))
    result = subprocess.run(
        [sys.executable, "-c", "import parallel_forces as pf; pf.load_forces()"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert result.returncode != 0
    assert "column 'start': is not a month as YYYY-MM" in result.stderr


# --- Patterns matched in full, whitespace-only and control characters, CSV paths, one reader ---


def schema_fields(data_dir: Path, resource: str = "parallel_forces") -> dict[str, dict]:
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in descriptor["resources"] if r["name"] == resource)
    return {f["name"]: f for f in res["schema"]["fields"]}


@pytest.mark.parametrize("vote", ["15-0-0x", "unanimousXYZ", "14-0-1 and more"])
def test_vote_that_only_begins_with_a_valid_one_is_refused(data_copy, vote):
    rec = corrupt(data_copy, 0, vote=vote, abstainers="")
    pattern = schema_fields(data_copy)["vote"]["constraints"]["pattern"]
    expected = (
        f"{data_copy / 'parallel_forces.csv'}, line 2, id '{rec['id']}', column 'vote': "
        f"does not match the pattern '{pattern}' in full (value: {vote!r})."
    )
    assert expected in messages(data_copy), messages(data_copy)


def test_pattern_is_anchored_by_the_validator_not_by_its_writing(data_copy):
    """An ungrouped alternation ('unanimous|...') must still be matched against the whole cell."""
    dp = data_copy / "datapackage.json"
    text = dp.read_text(encoding="utf-8")
    grouped = '"(unanimous|[0-9]{1,2}-[0-9]{1,2}-[0-9]{1,2})"'
    assert grouped in text
    dp.write_text(text.replace(grouped, '"unanimous|[0-9]{1,2}-[0-9]{1,2}-[0-9]{1,2}"'), encoding="utf-8")
    rec = corrupt(data_copy, 0, vote="unanimousXYZ", abstainers="")
    expected = (
        f"{data_copy / 'parallel_forces.csv'}, line 2, id '{rec['id']}', column 'vote': "
        "does not match the pattern 'unanimous|[0-9]{1,2}-[0-9]{1,2}-[0-9]{1,2}' in full (value: 'unanimousXYZ')."
    )
    assert expected in messages(data_copy), messages(data_copy)


def test_every_pattern_is_matched_in_full(data_copy):
    """Each pattern of the schema, on a valid cell followed by junk: each refused, with its column."""
    fields = schema_fields(data_copy)
    patterned = [name for name, f in fields.items() if "pattern" in f.get("constraints", {})]
    assert {"id", "countries", "un_operations", "sc_instruments", "vote", "mandate_types"} <= set(patterned)
    header, recs = rows(data_copy / "parallel_forces.csv")
    for name in patterned:
        recs[0][name] += "!"
    write(data_copy / "parallel_forces.csv", header, recs)
    msgs = messages(data_copy)
    for name in patterned:
        expected = (
            f"{data_copy / 'parallel_forces.csv'}, line 2, id '{recs[0]['id']}', column '{name}': "
            f"does not match the pattern '{fields[name]['constraints']['pattern']}' in full "
            f"(value: {recs[0][name]!r})."
        )
        assert expected in msgs, (name, msgs)


@pytest.mark.parametrize("column, value", [("name", "   "), ("short_name", "\t"), ("place", " "), ("lead", "  ")])
def test_required_text_that_is_only_whitespace_is_refused(data_copy, column, value):
    rec = corrupt(data_copy, 0, **{column: value})
    expected = (
        f"{data_copy / 'parallel_forces.csv'}, line 2, id '{rec['id']}', column '{column}': "
        f"is required but holds only whitespace (value: {value!r})."
    )
    assert expected in messages(data_copy), messages(data_copy)


def test_optional_text_that_is_only_whitespace_is_refused(data_copy):
    rec = corrupt(data_copy, 0, actors=" ")
    expected = (
        f"{data_copy / 'parallel_forces.csv'}, line 2, id '{rec['id']}', column 'actors': "
        "holds only whitespace; leave it empty or give a value (value: ' ')."
    )
    assert expected in messages(data_copy), messages(data_copy)


def test_decision_text_that_is_only_whitespace_is_refused(data_copy):
    header, recs = rows(data_copy / "mandates.csv")
    recs[0]["decision_text"] = " \n\n "
    write(data_copy / "mandates.csv", header, recs)
    expected = (
        f"{data_copy / 'mandates.csv'}, line 2, id '{recs[0]['id']}', column 'decision_text': "
        "is required but holds only whitespace (value: ' \\n\\n ')."
    )
    assert expected in messages(data_copy), messages(data_copy)


@pytest.mark.parametrize(
    "char, what",
    [
        ("\x00", "a control character (U+0000)"),
        ("\x1b", "a control character (U+001B)"),
        ("\x7f", "a control character (U+007F)"),
        ("\n", "a line break (U+000A)"),
        ("\t", "a tab (U+0009)"),
    ],
)
def test_control_character_in_a_one_line_column_is_refused(data_copy, char, what):
    value = f"Operation{char}Sky Monitor"
    rec = corrupt(data_copy, 0, name=value)
    expected = (
        f"{data_copy / 'parallel_forces.csv'}, line 2, id '{rec['id']}', column 'name': "
        f"contains {what} at character 10; this column holds one line of printable text (value: {value!r})."
    )
    assert expected in messages(data_copy), messages(data_copy)


def test_control_character_in_a_long_note_shows_where(data_copy):
    header, recs = rows(data_copy / "parallel_forces.csv")
    note = recs[0]["note"]
    recs[0]["note"] = note[:40] + "\x00" + note[40:]
    write(data_copy / "parallel_forces.csv", header, recs)
    excerpt = "…" + recs[0]["note"][10:70] + "…"
    expected = (
        f"{data_copy / 'parallel_forces.csv'}, line 2, id '{recs[0]['id']}', column 'note': "
        f"contains a control character (U+0000) at character 41; this column holds one line of printable text "
        f"(value: {excerpt!r})."
    )
    assert expected in messages(data_copy), messages(data_copy)


def test_control_character_in_decision_text_is_refused_but_line_breaks_and_tabs_are_not(data_copy):
    header, recs = rows(data_copy / "mandates.csv")
    recs[0]["decision_text"] = "Authorizes\tall\r\nnecessary\n\nmeans."
    recs[1]["decision_text"] = "Authorizes\x07all necessary means."
    write(data_copy / "mandates.csv", header, recs)
    msgs = messages(data_copy)
    # the first row now spans lines 2-5 (a CRLF and two LFs), so the second starts on line 6
    expected = (
        f"{data_copy / 'mandates.csv'}, line 6, id '{recs[1]['id']}', column 'decision_text': "
        "contains a control character (U+0007) at character 11; only tabs and line breaks are allowed "
        "in this column (value: 'Authorizes\\x07all necessary means.')."
    )
    assert msgs == [expected], msgs


def test_validate_given_a_csv_validates_its_package(data_copy, capsys):
    from parallel_forces.__main__ import main

    assert main(["validate", str(data_copy / "parallel_forces.csv")]) == 0
    out, err = capsys.readouterr()
    assert out == f"Data valid: {package_rows(data_copy)} rows checked.\n" and err == ""

    rec = corrupt(data_copy, 1, start="1992-13")
    assert main(["validate", str(data_copy / "mandates.csv")]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"{data_copy / 'parallel_forces.csv'}, line 3, id '{rec['id']}', column 'start': is not a month as YYYY-MM "
        "(value: '1992-13').",
        "Validation failed: 1 problem(s); nothing was built from this data.",
    ], err


def test_validate_given_a_loose_csv_says_what_it_expects(tmp_path, capsys):
    from parallel_forces.__main__ import main

    loose = tmp_path / "loose" / "parallel_forces.csv"
    loose.parent.mkdir()
    shutil.copy(DATA / "parallel_forces.csv", loose)
    assert main(["validate", str(loose)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines()[0] == (
        f"{loose}: is a CSV file and there is no datapackage.json beside it; validate expects a datapackage.json "
        "or the folder holding it (a CSV of the package validates the whole package)."
    )
    assert "JSON (" not in err and "Traceback" not in err


def test_validate_given_a_csv_the_package_does_not_list(data_copy, capsys):
    from parallel_forces.__main__ import main

    other = data_copy / "notes.csv"  # a CSV beside the package that it does not list
    other.write_text("id,text\nx,y\n", encoding="utf-8")
    assert main(["validate", str(other)]) == 1
    _, err = capsys.readouterr()
    assert err.splitlines()[0] == (
        f"{other}: is a CSV file that the datapackage.json beside it ({data_copy / 'datapackage.json'}) does not list; "
        "validate expects a datapackage.json or the folder holding it (a CSV of the package validates the whole package)."
    )


def test_only_the_data_module_reads_the_csvs():
    """validate.py reads no file itself but the JSON descriptor: CSVs come through data.read_rows.
    The rules of the update (validate_update.py) read no file at all."""
    import importlib
    import inspect

    from parallel_forces.data import read_rows

    v = importlib.import_module("parallel_forces.validate")  # the package re-exports a function of that name

    source = inspect.getsource(v)
    update = inspect.getsource(importlib.import_module("parallel_forces.validate_update"))
    for reader in ("csv.reader", "read_bytes", "open(", "pd.read_csv", "import csv"):
        assert reader not in source and reader not in update, reader
    assert "read_text(" not in update and "json.load" not in update
    assert "from .data import read_rows" in source
    header, numbered = read_rows(DATA / "mandates.csv")
    assert header == list(schema_fields(DATA, "mandates"))
    text = (DATA / "mandates.csv").read_text(encoding="utf-8")
    starts = [line for line, _ in numbered]
    assert starts[0] == 2 and starts == sorted(starts) and starts[-1] <= text.count("\n")
    lines = text.split("\n")
    assert all(lines[line - 1].startswith(row[0] + ",") for line, row in numbered)


def test_bad_encoding_after_a_bom_names_the_right_byte_and_line(data_copy):
    path = data_copy / "parallel_forces.csv"
    raw = path.read_bytes()
    third = raw.index(b"\n", raw.index(b"\n") + 1) + 1  # start of line 3
    path.write_bytes(b"\xef\xbb\xbf" + raw[:third] + b"\xff" + raw[third:])
    assert messages(data_copy) == [f"{path}, line 3: is not valid UTF-8 (byte 0xff); save the file as UTF-8."]
