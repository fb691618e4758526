"""The claims audit: the claims file's shape, every quote against its seed, the verdict rule,
each check on a small frame whose answers are worked out by hand, and the published CSV."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from test_data import frame

from parallel_forces import config
from parallel_forces.claims import checks, citations, engine, render
from parallel_forces.claims.vocabulary import CHECKS, Context
from parallel_forces.config import Conventions
from parallel_forces.data import derive, load_claims, type_forces

CLAIMS = load_claims()


# --- the claims file -----------------------------------------------------------------------


def test_every_claim_has_a_page_a_reading_and_a_known_check():
    for c in CLAIMS:
        assert isinstance(c["page"], int) and c["page"] > 0, c["id"]
        assert c["readings"], c["id"]
        for r in c["readings"]:
            name = r.get("check", c.get("check"))
            assert name == "none" or name in CHECKS, (c["id"], name)
        if c.get("check") == "none" and all("check" not in r for r in c["readings"]):
            assert c.get("needed"), f"{c['id']}: an uncheckable claim says what would be needed"


def test_claims_file_rejects_a_claim_without_page(tmp_path):
    bad = tmp_path / "claims.yaml"
    bad.write_text(
        "- {id: x, document: ipi-2019, page: 'p. 3', section: s, quote: q, check: none, readings: [{reading: r}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="printed page"):
        load_claims(config.make_paths(data=tmp_path))


def normalise(text: str) -> str:
    """Whitespace collapsed; hyphens between letters removed (the extraction lost some at line
    breaks, 'SecretaryGeneral'); curly quotes straightened; footnote markers fused to a word
    or closing mark ('(NATO21)') removed. Applied to both the seed and the quote."""
    text = text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}))
    text = re.sub(r"(?<=[A-Za-z])-\s*(?=[A-Za-z])", "", text)
    text = re.sub(r"(?<=[A-Za-z\)\.,\"'])\d{1,3}(?![\d,])", "", text)
    return re.sub(r"\s+", " ", text).strip()


def test_every_quote_is_in_its_seed(seed_text):
    seeds = {doc: normalise(seed_text(doc)) for doc in ("ipi-2019", "sherman-2020")}
    missing = [c["id"] for c in CLAIMS if normalise(c["quote"]) not in seeds[c["document"]]]
    assert not missing, f"quotes not found in their seed text: {missing}"


def test_normalise_matches_line_break_artefacts():
    assert normalise("Secretary-General") == normalise("SecretaryGeneral")
    assert normalise("(NATO)") in normalise("recognize (NATO21) and")


# --- the verdict follows from the readings --------------------------------------------------


@pytest.mark.parametrize(
    "results, expected",
    [
        ([True, True], engine.HOLDS),
        ([True, None], engine.HOLDS),
        ([True, False], engine.SOME),
        ([False, False], engine.FAILS),
        ([False, None], engine.UNCHECKABLE),
        ([None], engine.UNCHECKABLE),
    ],
)
def test_verdict_rule(results, expected):
    assert engine.verdict(results) == expected


def test_published_verdicts_follow_from_their_readings():
    cfg = config.load()
    for r in engine.run_all(cfg):
        holds = [x.holds for x in r.readings]
        if r.verdict == engine.FAILS:  # "does not hold" only when no reading holds
            assert True not in holds, r.claim["id"]
        if r.verdict == engine.HOLDS:
            assert False not in holds and True in holds, r.claim["id"]
        if r.verdict == engine.SOME:
            assert True in holds and False in holds, r.claim["id"]
        if r.verdict == engine.UNCHECKABLE:
            assert True not in holds and None in holds, r.claim["id"]


# --- the checks on a frame worked out by hand ---------------------------------------------------


def typed():
    return type_forces(
        frame(
            {
                "id": "a",
                "short_name": "A",
                "start": "1992-10",
                "end": "1993-01",
                "lead": "NATO",
                "actor_type": "regional",
                "countries": "BIH",
                "sc_instruments": "Resolution 781",
                "sc_first_date": "1992-10-09",
                "mandate_types": "military stabilization",
                "authorization": "recognized",
            },
            {
                "id": "b",
                "short_name": "B",
                "start": "2003-06",
                "end": "2003-09",
                "lead": "France",
                "actor_type": "bilateral",
                "countries": "COD",
                "mandate_types": "crisis response",
                "sc_first_date": "2003-05-30",
                "sc_instruments": "Resolution 1484",
                "vote": "unanimous",
            },
            {
                "id": "c",
                "short_name": "C",
                "start": "2014-01",
                "end": "",
                "lead": "AU",
                "actor_type": "regional",
                "countries": "SOM;IRQ",
                "mandate_types": "capacity building",
                "sc_first_date": "2014-02-01",
            },
        )
    )


MANDATES = pd.DataFrame(
    {
        "id": ["a", "b", "c"],
        "decision_text": ["flight ban", "Bunia until 1 September 2003", "welcomes the AU"],
        "un_operation_instruments": ["", "Resolution 1279 (1999-11-30)", ""],
    }
)


REFERENCE = Conventions(reference_month="2019-09")


def small(conv=REFERENCE):
    return Context(derive(typed().merge(MANDATES, on="id"), conv), conv)


def test_count_and_share():
    ctx = small()
    assert checks.count(ctx, where={"started_from": "2000-01"}, op=">", value=1)[0] is True
    assert checks.count(ctx, where={"started_from": "2000-01"}, op=">", value=2)[0] is False
    holds, text, ids = checks.share(ctx, where={"mandate_any": ["military stabilization", "crisis response"]})
    assert holds is True and ids == ["a", "b"] and "2 of 3" in text and "67%" in text


def test_trend_compares_shares_before_and_after():
    ctx = small()  # African-led: none of 2 before 2010, 1 of 1 since
    assert checks.trend(ctx, where={"lead_any": "$african"}, split="2010-01")[0] is True
    assert checks.trend(ctx, where={"lead_any": "$western"}, split="2010-01")[0] is False


def test_listed_complete_or_examples():
    ctx = small()
    where = {"actor_type": "regional"}
    assert checks.listed(ctx, where, ["a"], mode="equals")[0] is False
    assert checks.listed(ctx, where, ["a"], mode="includes")[0] is True


def test_row_fields():
    ctx = small()
    assert citations.row(ctx, "b", {"start": "2003-06", "lead": "France", "months": [2, 4]})[0] is True
    assert citations.row(ctx, "b", {"instrument": "Resolution 1484 (2003-05-30)"})[0] is True
    assert citations.row(ctx, "a", {"instrument": "Resolution 781 (1992-10-12)"})[0] is False
    assert citations.row(ctx, "c", {"end": None})[0] is True


def test_regions_read_the_middle_east_as_western_asia():
    ctx = small()
    holds, text, _ = checks.regions(ctx, named=["Europe", "Africa", "Middle East"], complete=True)
    assert holds is True and "Middle East: 1 force" in text
    assert checks.regions(ctx, named=["Europe", "Africa"], complete=True)[0] is False
    assert checks.regions(ctx, named=["Europe", "Africa"], complete=False)[0] is True


def test_conventions_per_reading_rederive_the_data():
    aud = engine.Auditor(typed(), MANDATES, Conventions())
    claim = {
        "check": "count",
        "params": {"where": {"decided_from": "$cold_war_end"}, "op": ">=", "value": 3},
        "readings": [
            {"reading": "from the fall of the Berlin Wall"},
            {"reading": "from a later month", "params": {"conventions": {"cold_war_end": "1992-11"}}},
        ],
    }
    result = aud.run(claim)
    assert [r.holds for r in result.readings] == [True, False] and result.verdict == engine.SOME


# --- what readers get -------------------------------------------------------------------------


def test_audit_html_escapes_and_links():
    cfg = config.load()
    results = engine.run_all(cfg)[:1]
    results[0].claim = dict(results[0].claim, quote="<script>alert(1)</script>")
    out = render.audit_html(results, {})
    assert "<script>alert" not in out and "&lt;script&gt;" in out
    assert 'href="#claim-' in out and "claims-audit.csv" in out


def test_audit_csv_has_page_readings_and_forces(tmp_path):
    cfg = config.load()
    from parallel_forces.data import load_forces

    p = engine.export_audit(tmp_path, load_forces(cfg), cfg)
    table = pd.read_csv(p, dtype=str, keep_default_na=False)
    assert list(table.columns) == engine.AUDIT_COLUMNS and len(table) == len(CLAIMS)
    assert (table["page"] != "").all() and (table["readings"] != "").all()
    assert set(table["verdict"]) <= set(engine.VERDICTS)
