"""The claims audit: each kind of check on small hand-made frames (it can hold and not
hold), the registry against data/claims.csv, the quotes against the seed texts, and
the published CSV.

Frames are made from the real rows as strings (data/parallel_forces.csv and
data/mandates.csv), changed cell by cell, then typed and derived exactly as
``load_forces`` does.
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pandas as pd
import pytest

from parallel_forces import claims
from parallel_forces.data import derive, read_forces, type_forces
from parallel_forces.settings import Conventions

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("PF_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
SEED_FILES = {"ipi-2019": "000_8e950b9ca6988bf2.txt", "sherman-2020": "001_a899653c452f7fe3.txt"}
DEFAULT = Conventions()


def make(changes: dict[str, dict[str, str]] | None = None, keep=None, drop=(), conventions=DEFAULT,
         text: dict[str, str] | None = None) -> pd.DataFrame:
    """The real rows as strings, with ``changes`` (id -> column -> new string) applied,
    limited to ``keep`` ids and without ``drop`` ids, typed and derived; ``text`` replaces
    a force's decision_text."""
    raw = read_forces()
    mandates = pd.read_csv(ROOT / "data" / "mandates.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for fid, cols in (changes or {}).items():
        assert fid in set(raw["id"]), fid
        for col, value in cols.items():
            if col in raw.columns:
                raw.loc[raw["id"] == fid, col] = value
            else:
                mandates.loc[mandates["id"] == fid, col] = value
    for fid, value in (text or {}).items():
        mandates.loc[mandates["id"] == fid, "decision_text"] = value
    if keep is not None:
        raw = raw[raw["id"].isin(keep)]
    raw = raw[~raw["id"].isin(drop)].reset_index(drop=True)
    forces = derive(type_forces(raw), conventions)
    return claims.prepare(forces.merge(mandates, on="id", how="left").fillna({"decision_text": "",
                                                                              "un_operation_instruments": ""}))


def verdict(claim_id, forces=None, conventions=DEFAULT):
    return claims.check(claim_id, make() if forces is None else forces, conventions).verdict


@pytest.fixture(scope="module")
def real():
    return make()


# --- counts -------------------------------------------------------------------------

def test_count_more_than_forty(real):
    assert verdict("more-than-forty", real) == claims.HOLDS
    assert verdict("more-than-forty", make(keep=list(real["id"][:40]))) == claims.FAILS


def test_count_ignores_forces_first_decided_before_the_cold_war_ends(real):
    ids = list(real["id"][:41])
    early = {i: {"sc_first_date": "1989-05-01"} for i in ids[:1]}  # before the default's 1989-11
    assert verdict("more-than-forty", make(keep=ids)) == claims.HOLDS
    assert verdict("more-than-forty", make(early, keep=ids)) == claims.FAILS


def test_some_forty_since_1992():
    assert verdict("some-forty-since-1992") == claims.HOLDS
    assert verdict("some-forty-since-1992", make({"unitaf": {"sc_first_date": "1991-06-01"}})) == claims.FAILS
    assert verdict("some-forty-since-1992", make(keep=list(make()["id"][:30]))) == claims.FAILS


# --- orderings in time ---------------------------------------------------------------

def test_cold_war_convention_decides_and_is_reported(real):
    # The default (the report's own reading: ECOMOG, August 1990, counts as after the Cold War).
    res = claims.check("all-since-cold-war", real, DEFAULT)
    assert res.verdict == claims.HOLDS
    assert "the book's default" in res.convention
    assert any(v.startswith(claims.FAILS) for k, v in res.by_convention.items() if "1991-12" in k)
    ussr = Conventions(cold_war_end="1991-12")
    res = claims.check("all-since-cold-war", make(conventions=ussr), ussr)
    assert res.verdict == claims.FAILS and res.forces == ["ecomog-liberia"]
    assert claims.check("all-since-cold-war", make({"ecomog-liberia": {"start": "1993-01"}}, conventions=ussr),
                        ussr).verdict == claims.HOLDS


def test_first_recognized_is_keyed_on_the_council_decision():
    assert verdict("first-recognized-sky-monitor") == claims.HOLDS
    assert verdict("first-recognized-sky-monitor", make({"unitaf": {"sc_first_date": "1992-01-15"}})) == claims.FAILS


def test_res_1528_first_bilateral_force():
    assert verdict("res-1528-first-member-state") == claims.HOLDS
    earlier = make({"operation-sangaris": {"sc_first_date": "2003-01-01"}})
    assert verdict("res-1528-first-member-state", earlier) == claims.FAILS


def test_deployed_before_un_holds_or_cannot_be_checked():
    assert verdict("deployed-before-un") == claims.UNCHECKABLE
    early = make({"unitaf": {"start": "1992-01"}, "operation-uphold-democracy": {"start": "1993-01"},
                  "eufor-chad-car": {"start": "2007-01"}})
    assert verdict("deployed-before-un", early) == claims.HOLDS


def test_six_ongoing_in_september_2019():
    assert verdict("six-ongoing-sept-2019") == claims.FAILS
    assert verdict("six-ongoing-sept-2019", make({"mnf-iraq": {"end": ""}})) == claims.HOLDS


def test_a_date_in_the_annex_against_the_text():
    assert verdict("interfet-feb-2000") == claims.HOLDS
    assert verdict("interfet-feb-2000", make({"interfet": {"end": "2000-05"}})) == claims.FAILS
    assert verdict("fn19-licorne-2284") == claims.FAILS
    assert verdict("fn19-licorne-2284", make({"operation-licorne": {"end": "2016-06"}})) == claims.HOLDS


# --- averages and durations ----------------------------------------------------------------

def test_average_duration():
    assert verdict("avg-duration-seven-years") == claims.FAILS
    seven = {i: {"start": "2010-01", "end": "2017-01"} for i in read_forces()["id"]}
    assert verdict("avg-duration-seven-years", make(seven)) == claims.HOLDS


def test_average_duration_reports_each_reference_month(real):
    res = claims.check("avg-duration-seven-years", real, DEFAULT)
    assert any("2019-12" in k for k in res.by_convention)
    assert "still deployed left out" in " ".join(res.by_convention)


def test_temporary_forces_few_months():
    assert verdict("temporary-few-months") == claims.HOLDS
    assert verdict("temporary-few-months", make({"rrf": {"end": "1997-12"}})) == claims.FAILS


def test_artemis_three_months_within_a_month():
    assert verdict("artemis-three-months") == claims.HOLDS
    assert verdict("artemis-three-months", make({"operation-artemis": {"end": "2004-05"}})) == claims.FAILS


# --- shares and majorities ---------------------------------------------------------------------

def test_majority_western():
    assert verdict("majority-western") == claims.HOLDS
    western = make()
    western_ids = list(western[western["lead_western"]]["id"])
    assert verdict("majority-western", make({i: {"lead": "AU"} for i in western_ids[:20]})) == claims.FAILS


def test_western_leads_convention_is_used():
    narrow = Conventions(western_leads=("France",))
    assert claims.check("majority-western", make(conventions=narrow), narrow).verdict == claims.FAILS


def test_most_use_force():
    assert verdict("most-need-use-force") == claims.HOLDS
    ids = list(read_forces()["id"][:25])
    assert verdict("most-need-use-force", make({i: {"mandate_types": "capacity building"} for i in ids})) == claims.FAILS


def test_safety_net_depends_on_merging_serval_and_barkhane(real):
    res = claims.check("safety-net-bilateral", real, DEFAULT)
    assert res.verdict == claims.HOLDS
    assert any(k.endswith("one force") and v.startswith(claims.FAILS) for k, v in res.by_convention.items())
    merged = Conventions(merge_serval_barkhane=True)
    assert claims.check("safety-net-bilateral", make(conventions=merged), merged).verdict == claims.FAILS


def test_african_shift_and_rare():
    assert verdict("african-shift-rare") == claims.HOLDS
    many = make({i: {"lead": "AU"} for i in ["eufor-car", "eutm-car", "eumam-car", "eucap-sahel-mali",
                                              "eutm-mali", "eutm-somalia", "eupol-afghanistan"]})
    assert verdict("african-shift-rare", many) == claims.FAILS


def test_handful_african_none_asian():
    assert verdict("handful-african-none-asian") == claims.HOLDS
    assert verdict("handful-african-none-asian", make({"isf": {"lead": "China"}})) == claims.FAILS
    with pytest.raises(ValueError, match="no region"):
        verdict("handful-african-none-asian", make({"isf": {"lead": "Atlantis"}}))


def test_nato_majority_of_1990s_organisation_led():
    assert verdict("nato-majority-1990s") == claims.HOLDS
    assert verdict("nato-majority-1990s", make({"sfor": {"lead": "CIS"}, "kfor": {"lead": "CIS"}})) == claims.FAILS


# --- lists of forces with a property ---------------------------------------------------------------

def test_recognized_exceptions_complete_list():
    assert verdict("recognized-exceptions-rrf-isf-g5") == claims.FAILS
    others = ["operation-sky-monitor", "ecomog-liberia", "cis-tajikistan", "cis-georgia", "operation-united-shield",
              "ecomog-sierra-leone", "operation-palliser", "micopax"]
    assert verdict("recognized-exceptions-rrf-isf-g5",
                   make({i: {"authorization": "authorized"} for i in others})) == claims.HOLDS


def test_france_five_by_name():
    assert verdict("france-five-bilateral") == claims.HOLDS
    assert verdict("france-five-bilateral", make({"operation-palliser": {"lead": "France"}})) == claims.FAILS


def test_geographic_footprint_reads_the_list_as_complete():
    assert verdict("geographic-footprint") == claims.FAILS
    assert verdict("geographic-footprint", make(drop=["operation-uphold-democracy"])) == claims.HOLDS


def test_named_member_states():
    assert verdict("named-member-states") == claims.HOLDS
    assert verdict("named-member-states", make(text={"cis-georgia": "Welcomes the contribution of a force."})) == claims.FAILS


def test_four_of_five_permanent_members():
    assert verdict("four-of-five-p5") == claims.HOLDS
    assert verdict("four-of-five-p5", make({"rrf": {"actors": "China"}})) == claims.FAILS


# --- votes and the Council's words -------------------------------------------------------------

def test_votes():
    assert verdict("rrf-not-unanimous") == claims.HOLDS
    assert verdict("rrf-not-unanimous", make({"rrf": {"vote": "unanimous", "abstainers": ""}})) == claims.FAILS
    assert verdict("rrf-not-unanimous", make({"rrf": {"vote": "14-0-0", "abstainers": ""}})) == claims.FAILS
    assert verdict("turquoise-divided") == claims.HOLDS
    assert verdict("turquoise-divided", make({"operation-turquoise": {"abstainers": "Brazil;China"}})) == claims.FAILS


def test_words_in_the_decision_text():
    assert verdict("res-794-no-us") == claims.HOLDS
    assert verdict("res-794-no-us", make(text={"unitaf": "Welcomes the offer of the United States."})) == claims.FAILS
    assert verdict("nato-not-named") == claims.FAILS
    assert verdict("nato-not-named", make(text={"resolute-support-mission": "Welcomes the mission."})) == claims.HOLDS


def test_coordination_requested_by_every_authorizing_decision(real):
    res = claims.check("all-authorizing-coordination", real, DEFAULT)
    assert res.verdict == claims.FAILS and "operation-turquoise" in res.forces
    assert verdict("all-authorizing-coordination", make(drop=res.forces)) == claims.HOLDS


def test_presidential_statement_words():
    assert verdict("fn18-palliser-prst") == claims.HOLDS
    assert verdict("fn18-palliser-prst", make({"operation-palliser": {"sc_instruments": "Resolution 1313"}})) == claims.FAILS


# --- the registry, the file, the audit ---------------------------------------------------------

def test_uncheckable_claims_say_so(real):
    table = claims.load_claims()
    for cid in table[table["kind"] == "uncheckable"]["id"]:
        res = claims.check(cid, real, DEFAULT)
        assert res.verdict == claims.UNCHECKABLE and res.explanation


def test_every_claim_has_a_function_and_every_function_a_claim():
    ids = set(claims.load_claims()["id"])
    assert ids == set(claims.CLAIMS)
    with pytest.raises(KeyError, match="no check function"):
        claims.check("no-such-claim", make(), DEFAULT)


def test_at_least_25_claims_in_both_documents():
    table = claims.load_claims()
    assert len(table) >= 25
    assert set(table["document"]) == set(claims.DOCUMENTS)
    assert set(table["kind"]) == {"checkable", "uncheckable"}


def test_audit_columns_and_verdicts():
    table = claims.audit()
    assert list(table.columns) == claims.AUDIT_COLUMNS
    assert set(table["verdict"]) <= set(claims.VERDICTS)
    assert table["computed"].str.len().min() > 0 and table["explanation"].str.len().min() > 0
    assert list(table["id"]) == list(claims.load_claims()["id"])


def test_every_check_runs_on_a_partial_frame():
    for keep in [list(read_forces()["id"][:12]), list(read_forces()["id"][-12:])]:
        f = make(keep=keep)
        for cid in claims.CLAIMS:
            assert claims.check(cid, f, DEFAULT).verdict in claims.VERDICTS, cid


def test_export_is_deterministic(tmp_path):
    a = claims.export_audit(tmp_path / "a")
    b = claims.export_audit(tmp_path / "b")
    assert a.name == "claims-audit.csv"
    assert a.read_bytes() == b.read_bytes() and b"\r\n" not in a.read_bytes()
    with open(a, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == claims.AUDIT_COLUMNS and len(rows) == len(claims.load_claims()) + 1


def test_claims_csv_rejects_a_bad_kind(tmp_path):
    bad = tmp_path / "claims.csv"
    bad.write_text("id,document,section,quote,kind\nx,ipi-2019,s,q,maybe\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown kind"):
        claims.load_claims(bad)


def test_claim_html_escapes_and_shows_the_verdict_as_text():
    row = claims.audit(detail=True).iloc[0].to_dict()
    row["quote"] = "<script>alert(1)</script>"
    out = claims.claim_html(row, 1)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "Verdict</dt><dd><strong>" in out and row["verdict"] in out


# --- the quotes are the seeds' words ------------------------------------------------------------

def normalise(text: str) -> str:
    """Whitespace collapsed; hyphens between letters removed (the extraction lost some at line
    breaks, 'SecretaryGeneral'); curly quotes straightened; footnote markers fused to a word
    or closing mark ('(NATO21)') removed. Applied to both the seed and the quote."""
    text = text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}))
    text = re.sub(r"(?<=[A-Za-z])-\s*(?=[A-Za-z])", "", text)
    text = re.sub(r"(?<=[A-Za-z\)\.,\"'])\d{1,3}(?![\d,])", "", text)
    return re.sub(r"\s+", " ", text).strip()


def test_every_quote_is_in_its_seed():
    if not SEEDS.is_dir():
        pytest.skip(f"seed texts not found at {SEEDS} (set PF_SEEDS_DIR)")
    seeds = {doc: normalise((SEEDS / name).read_text(encoding="utf-8")) for doc, name in SEED_FILES.items()}
    missing = [c.id for c in claims.load_claims().itertuples() if normalise(c.quote) not in seeds[c.document]]
    assert not missing, f"quotes not found in their seed text: {missing}"


def test_normalise_matches_line_break_artefacts():
    assert normalise("Secretary-General") == normalise("SecretaryGeneral")
    assert normalise("(NATO)") in normalise("recognize (NATO21) and")
