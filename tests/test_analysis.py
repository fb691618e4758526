"""The computations the notebooks call, on frames with answers worked out by hand."""

from __future__ import annotations

import math

import pandas as pd

import parallel_forces as pf
from parallel_forces import analysis, keyfigures
from parallel_forces.data import derive, type_forces
from parallel_forces.settings import Conventions
from test_data import frame


def small():
    raw = frame(
        {"id": "a", "short_name": "A", "start": "2000-01", "end": "2001-01", "actor_type": "regional", "lead": "EU",
         "authorization": "authorized", "sc_instruments": "Resolution 1", "sc_first_date": "1999-12-15", "vote": "unanimous",
         "mandate_types": "crisis response;insurance or deterrence"},
        {"id": "b", "short_name": "B", "start": "2010-01", "end": "2013-01", "actor_type": "bilateral", "lead": "France",
         "sc_instruments": "Resolution 2", "sc_first_date": "2010-03-01", "vote": "13-0-2", "abstainers": "China;Russia"},
        {"id": "c", "short_name": "C", "start": "2019-03", "end": "", "actor_type": "regional", "lead": "AU",
         "sc_instruments": "Presidential Statement 2019/1", "sc_first_date": "2019-03-20",
         "mandate_types": "military stabilization"},
    )
    return raw, derive(type_forces(raw), Conventions(reference_month="2019-09"))


def test_duration_summary():
    _, f = small()  # durations: 12, 36, 6 months
    s = analysis.duration_summary(f).iloc[0]
    assert s["forces"] == 3 and s["still deployed"] == 1
    assert s["mean (months)"] == 18.0 and s["median (months)"] == 12.0
    by = analysis.duration_summary(f, "actor_type").set_index("group")
    assert by.loc["regional", "mean (months)"] == 9.0
    by_type = analysis.duration_summary(f, "mandate_types").set_index("group")
    assert by_type.loc["crisis response", "forces"] == 2 and by_type.loc["military stabilization", "forces"] == 1


def test_kaplan_meier_censors_ongoing():
    _, f = small()
    # Ended at 12 and 36 months; the ongoing force (6 months) is censored before either.
    # S(t) = 1 until 12, then 1/2, then 0 at 36: the median is 12 months.
    assert analysis.km_median_months(f) == 12.0


def test_reference_sensitivity():
    raw, _ = small()
    t = analysis.reference_sensitivity(raw, months=("2019-09", "2019-12")).set_index("ongoing forces")
    assert t.loc["counted to 2019-09", "mean (years)"] == round(54 / 3 / 12, 2)
    assert t.loc["counted to 2019-12", "mean (years)"] == round(57 / 3 / 12, 2)
    assert t.loc["left out", "forces"] == 2 and t.loc["left out", "mean (years)"] == 2.0


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
    mandates = pd.DataFrame({"id": ["a", "b", "c"], "decision_text": ["", "", ""],
                             "un_operation_instruments": ["Resolution 9 (2000-05-01)", "", "Resolution 8 (2019-03-02);Resolution 7 (2018-01-01)"]})
    rel = analysis.timing_vs_un(f, mandates).set_index("id")["force deployed"]
    assert rel.to_dict() == {"a": "before", "b": "unknown", "c": "after"}


def test_p5_involvement():
    _, f = small()
    p5 = analysis.p5_involvement(f).set_index("member")
    assert p5.loc["France", "led"] == 1 and p5.loc["China", "led or named among actors"] == 0


def test_key_figures_have_the_required_names():
    f = pf.load_forces(Conventions())
    kf = keyfigures.key_figures(f, Conventions()).set_index("name")
    required = ["forces_total", "duration_mean_years", "duration_median_years", "authorized_count",
                "recognized_count", "unanimous_first_vote_count", "ongoing_2019_count",
                "share_bilateral", "share_regional", "share_multinational"]
    assert set(required) <= set(kf.index)
    assert kf.loc["forces_total", "value"] == len(f)
    assert math.isclose(kf.loc[["share_bilateral", "share_regional", "share_multinational"], "value"].sum(), 1, abs_tol=1e-3)
    assert kf.loc["authorized_count", "value"] + kf.loc["recognized_count", "value"] == len(f)


def test_table1_examples_are_coded_as_the_report_codes_them():
    check = analysis.table1_check(pf.load_forces(Conventions()))
    assert check["in data"].all() and check["coded so"].all(), check[~check["coded so"]]
