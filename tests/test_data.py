"""Typed loading and each derived field, on small frames with known answers."""

from __future__ import annotations

import pandas as pd
import pytest

import parallel_forces as pf
from parallel_forces.config import Conventions, load_conventions
from parallel_forces.data import derive, months_between, type_forces

COLUMNS = [
    "id",
    "name",
    "short_name",
    "start",
    "end",
    "place",
    "countries",
    "actors",
    "lead",
    "actor_type",
    "un_operations",
    "sc_instruments",
    "sc_first_date",
    "vote",
    "abstainers",
    "authorization",
    "chapter_vii",
    "mandate_types",
    "annex_page",
    "confidence",
    "note",
]


def frame(*rows: dict) -> pd.DataFrame:
    base = {c: "" for c in COLUMNS}
    base.update(
        name="X",
        place="Somewhere",
        countries="MLI",
        actors="France",
        lead="France",
        actor_type="bilateral",
        un_operations="MINUSMA",
        authorization="recognized",
        chapter_vii="false",
        mandate_types="crisis response",
        annex_page="30",
        confidence="high",
    )
    return pd.DataFrame([{**base, **r} for r in rows], columns=COLUMNS)


def test_months_between():
    assert months_between(pd.Period("1994-06", "M"), pd.Period("1994-08", "M")) == 2
    assert months_between(pd.Period("1999-06", "M"), pd.Period("2019-09", "M")) == 243
    assert months_between(pd.Period("2000-12", "M"), pd.Period("2001-01", "M")) == 1


def test_types():
    df = type_forces(
        frame(
            {
                "id": "a",
                "short_name": "A",
                "start": "2013-01",
                "end": "2014-07",
                "sc_first_date": "2013-04-25",
                "chapter_vii": "true",
            }
        )
    )
    assert isinstance(df.loc[0, "start"], pd.Period) and str(df.loc[0, "end"]) == "2014-07"
    assert bool(df.loc[0, "chapter_vii"]) is True
    assert str(df["actor_type"].dtype) == "category"
    assert df.loc[0, "sc_first_date"] == pd.Timestamp("2013-04-25")


def test_ongoing_counted_to_reference_month():
    df = type_forces(
        frame(
            {"id": "a", "short_name": "A", "start": "2019-01", "end": ""},
            {"id": "b", "short_name": "B", "start": "2018-01", "end": "2018-07"},
        )
    )
    out = derive(df, Conventions(reference_month="2019-09"))
    assert list(out["ongoing"]) == [True, False]
    assert list(out["duration_months"]) == [8, 6]
    later = derive(df, Conventions(reference_month="2019-12"))
    assert list(later["duration_months"]) == [11, 6]


def test_decade_and_labels():
    df = type_forces(
        frame(
            {"id": "a", "short_name": "ECOMOG", "place": "Liberia", "start": "1990-08", "end": "1998-02"},
            {"id": "b", "short_name": "ECOMOG", "place": "Sierra Leone", "start": "1997-05", "end": "1998-07"},
            {"id": "c", "short_name": "KFOR", "start": "2000-01", "end": ""},
        )
    )
    out = derive(df, Conventions())
    assert list(out["decade"]) == ["1990s", "1990s", "2000s"]
    assert list(out["label"]) == ["ECOMOG (Liberia)", "ECOMOG (Sierra Leone)", "KFOR"]


def test_p5_and_western_leads():
    df = type_forces(
        frame(
            {
                "id": "a",
                "short_name": "A",
                "start": "1995-07",
                "end": "1995-12",
                "lead": "France;Netherlands;United Kingdom",
                "actors": "France, the Netherlands, and the UK",
            },
            {"id": "b", "short_name": "B", "start": "2007-01", "end": "", "lead": "AU", "actors": "African Union"},
            {
                "id": "c",
                "short_name": "C",
                "start": "2003-03",
                "end": "2011-12",
                "lead": "United States",
                "actors": "Coalition led by the US, including Australia and France",
            },
        )
    )
    out = derive(df, Conventions())
    assert list(out["lead_western"]) == [True, False, True]
    assert list(out["p5_leads"]) == ["France;United Kingdom", "", "France;United States"]
    narrow = derive(df, Conventions(western_leads=("United States",)))
    assert list(narrow["lead_western"]) == [False, False, True]


def test_first_instrument_kind():
    df = type_forces(
        frame(
            {
                "id": "a",
                "short_name": "A",
                "start": "2000-05",
                "end": "2000-09",
                "sc_instruments": "Presidential Statement 2000/24",
                "sc_first_date": "2000-07-17",
            },
            {
                "id": "b",
                "short_name": "B",
                "start": "1993-04",
                "end": "1995-12",
                "sc_instruments": "Resolution 816;Resolution 836",
                "sc_first_date": "1993-03-31",
                "vote": "14-0-1",
                "abstainers": "China",
            },
        )
    )
    assert list(derive(df, Conventions())["first_instrument_kind"]) == ["presidential statement", "resolution"]


def test_merge_serval_barkhane():
    df = type_forces(
        frame(
            {"id": "operation-serval", "short_name": "Serval", "start": "2013-01", "end": "2014-07"},
            {"id": "operation-barkhane", "short_name": "Barkhane", "start": "2014-08", "end": ""},
        )
    )
    merged = derive(df, Conventions(merge_serval_barkhane=True))
    assert len(merged) == 1
    assert str(merged.loc[0, "start"]) == "2013-01" and merged.loc[0, "duration_months"] == 80


def test_conventions_from_environment_and_file(tmp_path):
    f = tmp_path / "conventions.toml"
    f.write_text('reference_month = "2019-12"\nwestern_leads = ["NATO"]\n')
    conv = load_conventions(file=f, environ={})
    assert conv.reference_month == "2019-12" and conv.western_leads == ("NATO",)
    conv = load_conventions(file=f, environ={"PF_REFERENCE_MONTH": "2020-01", "PF_MERGE_SERVAL_BARKHANE": "true"})
    assert conv.reference_month == "2020-01" and conv.merge_serval_barkhane
    assert "2020-01" in conv.describe()
    with pytest.raises(ValueError, match="YYYY-MM"):
        load_conventions(file=tmp_path / "none.toml", environ={"PF_REFERENCE_MONTH": "Sept 2019"})
    bad = tmp_path / "bad.toml"
    bad.write_text('refrence_month = "2019-12"\n')
    with pytest.raises(ValueError, match="unknown convention"):
        load_conventions(file=bad, environ={})


def test_real_data_loads_typed():
    forces = pf.load_forces(Conventions())
    assert forces["id"].is_unique
    assert (forces["duration_months"] >= 0).all()
    assert forces.loc[forces["ongoing"], "end"].isna().all()
