"""The update since September 2019 (data/since-2019/) and the two editions.

Every new row and changed cell has its sources; the Annex edition is read from the Annex
file alone and no update changes it; corrupted copies of the update's files give a clear
sentence (file, line, id, column, value); the current edition, its conventions, its key
figures, its pages and downloads; the audit on both editions; ``python -m parallel_forces diff``.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from parallel_forces import config, keyfigures
from parallel_forces.config import Conventions
from parallel_forces.data import (
    current_raw,
    derive,
    load_editions,
    load_forces,
    load_typed,
    read_forces,
    read_since,
    type_forces,
)
from parallel_forces.validate import validate

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SINCE = DATA / "since-2019"


def rows(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return reader.fieldnames, list(reader)


def write(path: Path, header, records) -> None:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    w.writeheader()
    w.writerows(records)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


def edit(path: Path, match: dict, **changes) -> None:
    """Change the cells of the rows of ``path`` that match every item of ``match``."""
    header, recs = rows(path)
    hit = [r for r in recs if all(r[k] == v for k, v in match.items())]
    assert hit, f"no row of {path.name} matches {match}"
    for r in hit:
        r.update(changes)
    write(path, header, recs)


def append(path: Path, **cells) -> None:
    header, recs = rows(path)
    write(path, header, recs + [{h: cells.get(h, "") for h in header}])


def messages(folder: Path) -> list[str]:
    return [str(p) for p in validate(folder)[1]]


@pytest.fixture
def data_copy(tmp_path):
    dst = tmp_path / "data"
    shutil.copytree(DATA, dst)
    return dst


def cfg_for(folder: Path, **conventions) -> config.Config:
    from parallel_forces.data import newest_source_month

    paths = config.make_paths(data=folder)
    conv = Conventions(**conventions)
    return config.Config(paths, dataclasses.replace(conv, newest_source_month=newest_source_month(paths) or ""))


# --- every new row and changed cell has its sources -----------------------------------


def test_every_new_row_and_changed_cell_has_a_source_in_the_sources_table():
    since = read_since(config.make_paths())
    known = set(since["sources"]["id"])
    assert len(known) == len(since["sources"]), "source ids are unique"
    for table, key in [("forces", "id"), ("updates", "force_id"), ("rejected", "candidate")]:
        for rec in since[table].to_dict(orient="records"):
            cited = [s for s in rec["source"].split(";") if s]
            assert cited, f"{table}.csv: {rec[key]} names no source"
            assert set(cited) <= known, f"{table}.csv: {rec[key]} names unknown sources {set(cited) - known}"
    for rec in since["mandates"].to_dict(orient="records"):
        if rec["decision_text"]:  # the Council's words, verbatim: each quote has its source
            assert rec["source"] and set(rec["source"].split(";")) <= known, rec["id"]
        else:  # none quoted: the cell stays empty and says so
            assert rec["note"], rec["id"]
    # Every source is relied on, and has an address, a title and the passage relied on.
    for s in since["sources"].to_dict(orient="records"):
        assert s["url"].startswith(("http://", "https://")) and s["title"] and s["passage"], s["id"]
    assert validate(DATA)[1] == []


def test_every_annex_force_still_deployed_in_2019_has_news_or_says_why():
    """Each force the Annex lists as still deployed gets an end or a 'still deployed as of'."""
    annex = read_forces()
    updates = read_since(config.make_paths())["updates"]
    for fid in annex.loc[annex["end"] == "", "id"]:
        fields = set(updates.loc[updates["force_id"] == fid, "field"])
        assert fields & {"end", "still_deployed_as_of"}, fid


def test_new_rows_are_after_the_annex_and_not_in_it():
    since = read_since(config.make_paths())
    annex_ids = set(read_forces()["id"])
    assert not set(since["forces"]["id"]) & annex_ids
    assert (since["forces"]["start"] > "2019-09").all()
    assert (since["forces"]["annex_page"] == "").all()


# --- the Annex edition: read from the Annex file alone, unchanged by the update --------


def test_annex_edition_is_read_from_the_annex_file_alone(data_copy):
    cfg = cfg_for(data_copy)
    before = load_forces(cfg, edition="annex")
    expected = derive(type_forces(read_forces(data_copy / "parallel_forces.csv")), cfg.conventions)
    pd.testing.assert_frame_equal(before, expected)
    # Change every value of the update and remove its new rows: the Annex edition does not move.
    for u in rows(data_copy / "since-2019" / "updates.csv")[1]:
        if u["field"] == "end":
            edit(data_copy / "since-2019" / "updates.csv", {"force_id": u["force_id"], "field": "end"}, value="2025-01")
    shutil.rmtree(data_copy / "since-2019")
    after = load_forces(cfg_for(data_copy), validate=False, edition="annex")
    pd.testing.assert_frame_equal(before.drop(columns="counted_to"), after.drop(columns="counted_to"))


def test_no_update_changes_the_annex_file_or_its_rows():
    digest = hashlib.sha256((DATA / "parallel_forces.csv").read_bytes()).hexdigest()
    paths = config.make_paths()
    annex = read_forces(paths.forces_csv).set_index("id")
    current = current_raw(paths)
    assert hashlib.sha256((DATA / "parallel_forces.csv").read_bytes()).hexdigest() == digest
    updated = {(u["force_id"], u["field"]) for u in read_since(paths)["updates"].to_dict(orient="records")}
    rows_annex = current[current["edition"] == "annex"].set_index("id")
    assert list(rows_annex.index) == list(annex.index), "the Annex's rows, in the Annex's order, first"
    for fid, rec in annex.iterrows():
        for column, value in rec.items():
            if rows_annex.loc[fid, column] != value:
                assert (fid, column) in updated, f"{fid}.{column} differs from the Annex without an update"
    # Each changed cell is listed in the row's `updated` column.
    for fid, column in updated:
        if column in annex.columns:
            assert column in rows_annex.loc[fid, "updated"].split(";")


# --- corrupted copies of the update give clear errors ---------------------------------

CORRUPTIONS = [
    (
        "updates.csv",
        {"force_id": "amisom", "field": "end"},
        {"source": "src-no-such-source"},
        "since-2019/updates.csv, line 4, id 'amisom', column 'source': names a source that is not in",
    ),
    (
        "updates.csv",
        {"force_id": "amisom", "field": "end"},
        {"value": "2022-13"},
        "since-2019/updates.csv, line 4, id 'amisom', column 'value': is not a month as YYYY-MM (value: '2022-13')",
    ),
    (
        "updates.csv",
        {"force_id": "amisom", "field": "end"},
        {"value": "2027-01"},
        "id 'amisom', column 'value': is later than the newest source (2026-01), the date of the edition",
    ),
    (
        "updates.csv",
        {"force_id": "amisom", "field": "end"},
        {"value": "2006-01"},
        "id 'amisom', column 'value': is before the start (2007-01) (value: '2006-01')",
    ),
    (
        "updates.csv",
        {"force_id": "amisom", "field": "end"},
        {"force_id": "no-such-force"},
        "id 'no-such-force', column 'force_id': names no force of parallel_forces.csv or since-2019/forces.csv",
    ),
    (
        "updates.csv",
        {"force_id": "amisom", "field": "end"},
        {"field": "name"},
        "id 'amisom', column 'field': is not a field an update may change; allowed:",
    ),
    (
        "updates.csv",
        {"force_id": "amisom", "field": "successor"},
        {"value": "no-such-force"},
        "id 'amisom', column 'value': is not the id of a force of either edition (value: 'no-such-force')",
    ),
    (
        "updates.csv",
        {"force_id": "eutm-somalia", "field": "un_operations"},
        {"value": "unsom"},
        "id 'eutm-somalia', column 'value': does not match the pattern",
    ),
    (
        "forces.csv",
        {"id": "atmis"},
        {"start": "2019-04"},
        "since-2019/forces.csv, line 2, id 'atmis', column 'start': is not after the Annex (2019-09)",
    ),
    (
        "forces.csv",
        {"id": "atmis"},
        {"id": "amisom"},
        "id 'amisom', column 'id': is also the id of a force of parallel_forces.csv",
    ),
    (
        "forces.csv",
        {"id": "atmis"},
        {"annex_page": "38"},
        "id 'atmis', column 'annex_page': must be empty: the force is not in the Annex (value: '38')",
    ),
    (
        "forces.csv",
        {"id": "atmis"},
        {"lead": ""},
        "id 'atmis', column 'lead': is empty (no source names a lead) but confidence is not 'low'",
    ),
    (
        "forces.csv",
        {"id": "atmis"},
        {"source": ""},
        "id 'atmis', column 'source': is required but empty",
    ),
    (
        "forces.csv",
        {"id": "atmis"},
        {"end": "2026-05"},
        "id 'atmis', column 'end': is later than the newest source (2026-01), the date of the edition",
    ),
    (
        "mandates.csv",
        {"id": "atmis"},
        {"id": "no-such-force"},
        "since-2019/mandates.csv, line 2, id 'no-such-force', column 'id': no force in",
    ),
    (
        "sources.csv",
        {"id": "src-sc14847"},
        {"date": "31 March 2022"},
        "since-2019/sources.csv, line 3, id 'src-sc14847', column 'date': is not a date as YYYY-MM-DD",
    ),
]


@pytest.mark.parametrize(("file", "match", "changes", "expected"), CORRUPTIONS, ids=[c[3][:50] for c in CORRUPTIONS])
def test_corrupted_copy_gives_a_clear_error(data_copy, file, match, changes, expected):
    edit(data_copy / "since-2019" / file, match, **changes)
    found = messages(data_copy)
    assert any(expected in m for m in found), found


def test_a_source_relied_on_nowhere_is_refused(data_copy):
    append(
        data_copy / "since-2019" / "sources.csv", id="src-unused", url="https://example.org/", title="T", passage="P"
    )
    assert any("id 'src-unused', column 'id': is relied on nowhere" in m for m in messages(data_copy))


def test_still_deployed_after_an_end_is_refused(data_copy):
    append(
        data_copy / "since-2019" / "updates.csv",
        force_id="amisom",
        field="still_deployed_as_of",
        value="2023-01-01",
        source="src-sc14847",
        confidence="high",
        note="x",
    )
    assert any("says the force is still deployed although its end is 2022-03" in m for m in messages(data_copy))


def test_the_cli_names_the_update_file_and_exits_1(data_copy):
    edit(data_copy / "since-2019" / "forces.csv", {"id": "aussom"}, vote="14-0-2")
    r = subprocess.run(
        [sys.executable, "-m", "parallel_forces", "validate", str(data_copy)], capture_output=True, text=True, cwd=ROOT
    )
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "since-2019/forces.csv, line 3, id 'aussom', column 'abstainers': names 1 state(s)" in r.stderr


# --- the current edition and its conventions ------------------------------------------


def test_current_edition_applies_the_update_and_marks_each_row():
    cfg = config.load()
    editions = load_editions(cfg)
    annex, current = editions["annex"], editions["current"]
    since = read_since(cfg.paths)
    assert len(current) == len(annex) + len(since["forces"])
    assert set(annex["edition"]) == {"annex"}
    assert current["edition"].tolist() == ["annex"] * len(annex) + ["since 2019"] * len(since["forces"])
    amisom = current.set_index("id").loc["amisom"]
    assert str(amisom["end"]) == "2022-03" and amisom["successor"] == "atmis" and amisom["updated"] == "end"
    # Forces still deployed are counted to the newest source's month.
    newest = max(d for d in since["sources"]["date"] if d)[:7]
    assert cfg.conventions.with_edition("current").counted_to == newest
    assert set(current.loc[current["ongoing"], "end_effective"].astype(str)) == {newest}
    assert set(annex.loc[annex["ongoing"], "end_effective"].astype(str)) == {"2019-09"}


def test_edition_conventions_from_environment():
    env = {"PF_EDITION": "current", "PF_CURRENT_REFERENCE_MONTH": "2025-06"}
    conv = config.load_conventions(file=Path("/nonexistent"), environ=env)
    assert conv.edition == "current" and conv.counted_to == "2025-06"
    assert "the current edition" in conv.describe() and "counted to 2025-06" in conv.describe()
    assert Conventions().describe().startswith("Conventions: forces still deployed are counted to 2019-09")
    with pytest.raises(ValueError, match="PF_EDITION"):
        config.load_conventions(file=Path("/nonexistent"), environ={"PF_EDITION": "latest"})
    cfg = config.load(environ=env)
    assert load_forces(cfg, validate=False)["edition"].iloc[-1] == "since 2019"


def test_key_figures_of_both_editions():
    cfg = config.load()
    editions = load_editions(cfg)
    table = keyfigures.by_edition(editions, cfg.conventions)
    assert list(table.columns)[0] == "edition" and set(table["edition"]) == {"annex", "current"}
    annex = table[table["edition"] == "annex"].drop(columns="edition").reset_index(drop=True)
    pd.testing.assert_frame_equal(annex, keyfigures.key_figures(editions["annex"], cfg.conventions))
    shown = keyfigures.compare_editions(table, cfg.conventions, "durations")
    assert list(shown.columns) == ["key figure", "Annex (September 2019)", "Current (January 2026)"]
    assert shown["key figure"].tolist()[:2] == ["Forces", "Still deployed at the edition's date"]


def test_audit_runs_on_both_editions_and_lists_moved_verdicts():
    from parallel_forces.claims import engine

    changes, total = engine.edition_changes(config.load())
    assert total > 0 and list(changes.columns) == engine.CHANGE_COLUMNS
    assert not changes.empty and (changes["verdict_annex"] != changes["verdict_current"]).all()
    assert changes["readings"].str.contains("→").all()


def test_annex_typed_has_plain_types_and_current_nullable_ones():
    cfg = config.load()
    annex, current = load_typed(cfg, edition="annex"), load_typed(cfg, edition="current")
    assert annex["chapter_vii"].dtype == bool and annex["annex_page"].dtype == "int64"
    assert str(current["chapter_vii"].dtype) == "boolean" and str(current["annex_page"].dtype) == "Int64"


# --- pages and downloads cover both editions ------------------------------------------


def test_downloads_cover_both_editions(tmp_path):
    from parallel_forces.site.export import CURRENT_CSV, export_dataset, export_force_records, export_key_figures

    cfg = config.load()
    export_dataset(tmp_path, cfg.paths)
    assert validate(tmp_path)[1] == [], "the downloaded package validates where it lands"
    current = pd.read_csv(tmp_path / CURRENT_CSV, dtype=str, keep_default_na=False)
    assert set(current["edition"]) == {"annex", "since 2019"}
    export_key_figures(tmp_path, load_editions(cfg), cfg.conventions)
    kf = pd.read_csv(tmp_path / "key-figures.csv")
    assert kf.columns[0] == "edition" and set(kf["edition"]) == {"annex", "current"}
    written = export_force_records(tmp_path / "forces", cfg.paths)
    assert (tmp_path / "forces" / "aussom.csv") in written
    rec = json.loads((tmp_path / "forces" / "amisom.json").read_text(encoding="utf-8"))
    assert rec["edition"] == "annex" and rec["end"] == ""  # the Annex edition's row
    rec = json.loads((tmp_path / "forces" / "aussom.json").read_text(encoding="utf-8"))
    assert rec["edition"] == "since 2019" and rec["source"]


def test_since_page_parts_and_records():
    from parallel_forces.data import load_all_rows
    from parallel_forces.site import pages, since

    cfg = config.load()
    rows = load_all_rows(cfg)
    tables = read_since(cfg.paths)
    parts = since.page_parts(rows, tables, read_forces(), pages.field_titles(cfg.paths), cfg.conventions)
    assert set(parts) >= {"new-forces.html", "fate.html", "rejected.html", "sources.html", "low-confidence.html"}
    for candidate in tables["rejected"]["candidate"]:
        assert candidate.replace("&", "&amp;").replace("'", "&#39;") in parts["rejected.html"]
    for sid in tables["sources"]["id"]:
        assert f'<tr id="{sid}">' in parts["sources.html"]
    index = since.since_index(rows, tables, read_forces())
    part = since.record_since("amisom", index, pages.field_titles(cfg.paths), cfg.conventions)
    assert part["rows"][0][0] == "End" and part["rows"][0][2] == "March 2022"
    assert since.summaries(rows, index)["amisom"] == "ended in March 2022; succeeded by ATMIS"


# --- python -m parallel_forces diff ---------------------------------------------------


def test_diff_reports_cells_key_figures_and_claims(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(DATA, old)
    shutil.copytree(DATA, new)
    edit(new / "parallel_forces.csv", {"id": "operation-licorne"}, actor_type="regional")
    edit(new / "since-2019" / "updates.csv", {"force_id": "amisom", "field": "end"}, value="2023-03")
    r = subprocess.run(
        [sys.executable, "-m", "parallel_forces", "diff", str(old), str(new), "--edition", "annex"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "parallel_forces.csv: 0 rows added, 0 removed, 1 cell changed" in out
    assert "operation-licorne, actor_type: 'bilateral' -> 'regional'" in out
    assert "amisom / end, value: '2022-03' -> '2023-03'" in out
    assert "annex: Share launched by one state (share_bilateral): 11.4% -> 9.1%" in out
    assert "current: Mean duration (years) (duration_mean_years)" in out
    assert "annex: table2-bilateral (p. " in out and "holds -> holds on some readings" in out


def test_diff_of_identical_data_and_of_invalid_data(tmp_path):
    from parallel_forces.diff import compare, report

    new = tmp_path / "new"
    shutil.copytree(DATA, new)
    same = compare(DATA, new, Conventions(), claims=False)
    assert not any(t.changed for t in same.tables) and same.key_figures.empty
    assert "No row or cell differs." in report(same, DATA, new)
    edit(new / "since-2019" / "forces.csv", {"id": "atmis"}, start="not a month")
    bad = compare(DATA, new, Conventions(), claims=False)
    assert "new" in bad.problems and "does not validate" in report(bad, DATA, new)
