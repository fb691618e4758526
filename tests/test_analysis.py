"""The computations the notebooks call, on frames with answers worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
from test_data import frame

import parallel_forces as pf
from parallel_forces import analysis, keyfigures
from parallel_forces.config import Conventions
from parallel_forces.data import derive, type_forces


def small():
    raw = frame(
        {
            "id": "a",
            "short_name": "A",
            "start": "2000-01",
            "end": "2001-01",
            "actor_type": "regional",
            "lead": "EU",
            "authorization": "authorized",
            "sc_instruments": "Resolution 1",
            "sc_first_date": "1999-12-15",
            "vote": "unanimous",
            "mandate_types": "crisis response;insurance or deterrence",
        },
        {
            "id": "b",
            "short_name": "B",
            "start": "2010-01",
            "end": "2013-01",
            "actor_type": "bilateral",
            "lead": "France",
            "sc_instruments": "Resolution 2",
            "sc_first_date": "2010-03-01",
            "vote": "13-0-2",
            "abstainers": "China;Russia",
        },
        {
            "id": "c",
            "short_name": "C",
            "start": "2019-03",
            "end": "",
            "actor_type": "regional",
            "lead": "AU",
            "sc_instruments": "Presidential Statement 2019/1",
            "sc_first_date": "2019-03-20",
            "mandate_types": "military stabilization",
        },
    )
    return raw, derive(type_forces(raw), Conventions(reference_month="2019-09"))


def test_duration_summary():
    _, f = small()  # durations: 12, 36, 6 months
    s = analysis.duration_summary(f).iloc[0]
    assert s["forces"] == 3 and s["still deployed"] == 1
    assert s["mean (years)"] == "1.5" and s["median (years)"] == "1.0"  # 18 and 12 months
    by = analysis.duration_summary(f, "actor_type").set_index("group")
    assert by.loc["regional", "mean (years)"] == "0.8"  # 9 months
    by_type = analysis.duration_summary(f, "mandate_types").set_index("group")
    assert by_type.loc["crisis response", "forces"] == 2 and by_type.loc["military stabilization", "forces"] == 1


def test_kaplan_meier_censors_ongoing():
    _, f = small()
    # Ended at 12 and 36 months; the ongoing force (6 months) is censored before either.
    # S(t) = 1 until 12, then 1/2, then 0 at 36: the median is 12 months.
    assert analysis.km_median_months(f) == 12.0


def test_reference_sensitivity():
    _, f = small()
    t = analysis.reference_sensitivity(f, Conventions(reference_month="2019-09"), months=("2019-12",)).set_index(
        "forces still deployed"
    )
    assert t.loc["counted to September 2019", "mean (years)"] == "1.5"  # (12 + 36 + 6) / 3 = 18 months
    assert t.loc["counted to December 2019", "mean (years)"] == "1.6"  # (12 + 36 + 9) / 3 = 19 months
    assert t.loc["left out", "forces"] == 2 and t.loc["left out", "mean (years)"] == "2.0"


def test_shares_and_votes():
    _, f = small()
    assert math.isclose(analysis.actor_type_share(f, "regional"), 2 / 3)
    sh = analysis.shares(f, "actor_type", order=["bilateral", "regional", "multinational"])
    assert list(sh["forces"]) == [1, 2, 0]
    v = analysis.vote_summary(f)
    assert (v["first_resolutions"], v["unanimous"], v["split"], v["presidential_statements"]) == (2, 1, 1, 1)
    assert dict(zip(v["abstainers"]["state"], v["abstainers"]["abstentions"])) == {"China": 1, "Russia": 1}


def test_council_lag_and_timing():
    _, f = small()
    assert list(analysis.council_lag_months(f)) == [-1, 2, 0]
    t = analysis.council_timing(f)
    assert list(t["council spoke"]) == ["before deployment", "after deployment", "same month"]
    mandates = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "decision_text": ["", "", ""],
            "un_operation_instruments": [
                "Resolution 9 (2000-05-01)",
                "",
                "Resolution 8 (2019-03-02);Resolution 7 (2018-01-01)",
            ],
        }
    )
    rel = analysis.timing_vs_un(f, mandates).set_index("id")["force deployed"]
    assert rel.to_dict() == {"a": "before", "b": "unknown", "c": "after"}


def test_p5_involvement():
    _, f = small()
    mandates = pd.DataFrame({"id": ["a", "b", "c"], "decision_text": ["", "", "welcomes the Russian Federation"]})
    p5 = analysis.p5_involvement(f, mandates).set_index("member")
    assert p5.loc["France", "led"] == 1 and p5.loc["China", "led or named among actors"] == 0
    # Named only in the Council's words: involved in the wide sense, not the narrow one.
    assert p5.loc["Russia", "led or named among actors"] == 0
    assert p5.loc["Russia", "also named by the Council or through an organization"] == 1


def test_a_vote_with_no_dissent_is_not_split():
    raw = frame(
        {
            "id": "g",
            "short_name": "G",
            "start": "1994-06",
            "end": "2008-08",
            "lead": "CIS",
            "sc_instruments": "Resolution 937",
            "sc_first_date": "1994-07-21",
            "vote": "14-0-0",
        },
        {
            "id": "h",
            "short_name": "H",
            "start": "1994-06",
            "end": "1994-08",
            "lead": "France",
            "sc_instruments": "Resolution 929",
            "sc_first_date": "1994-06-22",
            "vote": "10-0-5",
            "abstainers": "Brazil;China;New Zealand;Nigeria;Pakistan",
        },
    )
    v = analysis.vote_summary(derive(type_forces(raw), Conventions()))
    assert v["split_forces"] == ["h"] and v["no_dissent_forces"] == ["g"]


def test_key_figures_have_the_required_names():
    f = pf.load_forces(Conventions())
    kf = keyfigures.key_figures(f, Conventions()).set_index("name")
    required = [
        "forces_total",
        "duration_mean_years",
        "duration_median_years",
        "authorized_count",
        "recognized_count",
        "unanimous_first_vote_count",
        "still_deployed_count",
        "share_bilateral",
        "share_regional",
        "share_multinational",
    ]
    assert set(required) <= set(kf.index)
    assert kf.loc["forces_total", "value"] == len(f)
    assert math.isclose(
        kf.loc[["share_bilateral", "share_regional", "share_multinational"], "value"].sum(), 1, abs_tol=1e-3
    )
    assert kf.loc["authorized_count", "value"] + kf.loc["recognized_count", "value"] == len(f)


def test_table1_examples_are_coded_as_the_report_codes_them():
    check = analysis.table1_check(pf.load_forces(Conventions()))
    assert check["in data"].all() and check["coded so"].all(), check[~check["coded so"]]
