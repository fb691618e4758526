"""The map chapter: the country table, the shapes it is drawn on, and the figures.

Expected values are facts from outside the code (ISO 3166-1 numeric codes, UN M49
regions, where countries lie) or counted by hand from the small frames below."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pandas as pd
import pytest

import parallel_forces as pf
from parallel_forces import reference
from parallel_forces.charts import map as fm
from parallel_forces.config import Conventions

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "make_map_topology.py"


def _frame(rows):
    """A minimal forces frame: id, short_name, start, countries, ongoing (and end:
    a year after the start, none when ongoing)."""
    df = pd.DataFrame(rows, columns=["id", "short_name", "start", "countries", "ongoing"])
    df["start"] = pd.PeriodIndex(df["start"], freq="M")
    df["end"] = [pd.NaT if o else s + 12 for s, o in zip(df["start"], df["ongoing"])]
    df["end"] = pd.PeriodIndex(df["end"], freq="M")
    return df


@pytest.fixture
def small():
    return _frame(
        [
            ("b", "Beta", "2005-01", "MLI", False),
            ("a", "Alpha", "2001-06", "MLI", True),
            ("c", "Gamma", "2008-01", "TCD;CAF", False),
            ("d", "Delta", "1999-06", "SRB", True),
            ("e", "Epsilon", "2010-03", "MLI", False),
        ]
    )


@pytest.fixture(scope="module")
def forces():
    return pf.load_forces()


@pytest.fixture(scope="module")
def script():
    """scripts/make_map_topology.py, imported from its path."""
    spec = importlib.util.spec_from_file_location("make_map_topology", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def raw(script):
    return json.loads(script.SOURCE.read_text(encoding="utf-8"))


def test_forces_by_country_counts_names_and_codes(small):
    t = fm.forces_by_country(small).set_index("iso3")
    assert t.loc["MLI", "forces"] == 3
    assert t.loc["MLI", "names"] == "Alpha, Beta, Epsilon"  # by start, not by row order
    assert t.loc["MLI", "iso_numeric"] == "466"
    assert t.loc["MLI", "country"] == "Mali"
    # a force in two countries counts once in each
    assert t.loc["TCD", "forces"] == 1 and t.loc["CAF", "forces"] == 1
    assert t.loc["CAF", "names"] == "Gamma" and t.loc["CAF", "iso_numeric"] == "140"
    assert t.loc["SRB", "country"] == "Serbia (incl. Kosovo)" and t.loc["SRB", "iso_numeric"] == "688"
    assert t["forces"].sum() == len(small) + 1
    assert t.loc["MLI", "region"] == "Africa" and t.loc["SRB", "region"] == "Europe"


def test_forces_by_country_order_and_columns(small):
    t = fm.forces_by_country(small)
    assert list(t.columns) == ["country", "iso3", "iso_numeric", "region", "forces", "names"]
    assert list(t["iso3"]) == ["MLI", "CAF", "TCD", "SRB"]  # most forces first, then by name
    assert t["iso_numeric"].str.fullmatch(r"\d{3}").all()


def test_regions_are_un_m49():
    # UN M49 puts Georgia and Iraq in (Western) Asia, Haiti in the Americas.
    t = fm.forces_by_country(
        _frame(
            [
                ("g", "G", "1994-06", "GEO", False),
                ("i", "I", "2003-03", "IRQ", False),
                ("h", "H", "1994-09", "HTI", False),
            ]
        )
    ).set_index("iso3")
    assert t.loc["GEO", "region"] == "Asia" and t.loc["IRQ", "region"] == "Asia"
    assert t.loc["HTI", "region"] == "Americas"


def test_unknown_code_is_an_error():
    with pytest.raises((KeyError, ValueError), match="XKX"):  # not an ISO 3166-1 code
        fm.forces_by_country(_frame([("k", "K", "2000-01", "XKX", False)]))
    with pytest.raises(KeyError, match="COM.*M49"):  # an ISO code without a region
        fm.forces_by_country(_frame([("c", "C", "2000-01", "COM", False)]))


def test_forces_by_region_counts_a_force_once_per_region(small):
    r = fm.forces_by_region(small).set_index("region")
    assert list(r.index) == ["Africa", "Europe"]
    assert r.loc["Africa", "forces"] == 4  # Alpha, Beta, Gamma (two African countries, once), Epsilon
    assert r.loc["Europe", "forces"] == 1
    assert r.loc["Africa", "names"] == "Alpha, Beta, Gamma, Epsilon"


def test_summary(small):
    s = fm.deployment_summary(small)
    assert s["n_forces"] == "5" and s["n_countries"] == "4" and s["country_rows"] == "6"
    assert s["top_country"] == "Mali" and s["top_count"] == "3"
    assert s["second_country"] == "the Central African Republic, Chad and Serbia (incl. Kosovo)"
    assert s["second_count"] == "1" and s["single_countries"] == "3"
    assert s["africa"] == "4" and s["elsewhere"] == "1" and s["africa_pct"] == "80"
    assert s["africa_countries"] == "3" and s["americas_names"] == "none"
    assert s["multi_country"] == "Gamma"
    assert s["ongoing_n"] == "2"
    assert s["ongoing_countries"] == "Mali and Serbia (incl. Kosovo)"
    assert s["report_only"] == "Afghanistan, the Central African Republic, Iraq and Somalia"
    assert s["report_only_forces"] == "Gamma (ended January 2009)"
    assert s["data_only"] == "none"


def test_summary_against_the_reports_six_countries():
    # The report: Afghanistan, the Central African Republic, Iraq, Kosovo, Mali and Somalia.
    df = _frame(
        [
            ("k", "Kappa", "2002-01", "AFG;IRQ", False),
            ("l", "Lambda", "2000-01", "IRQ", False),
            ("t", "Tau", "2014-01", "TCD", True),
            ("h", "Eta", "1994-09", "HTI", False),
            ("i", "Iota", "1995-01", "HTI", False),
        ]
    )
    s = fm.deployment_summary(df)
    assert s["ongoing_countries"] == "Chad" and s["data_only"] == "Chad"
    assert s["report_only"] == (
        "Afghanistan, the Central African Republic, Iraq, Mali, Serbia (incl. Kosovo) and Somalia"
    )
    # each force once, by end month: Lambda ends 2001-01, Kappa 2003-01
    assert s["report_only_forces"] == "Lambda (ended January 2001) and Kappa (ended January 2003)"
    assert s["americas_names"] == "Eta and Iota" and s["multi_country"] == "Kappa"
    assert s["africa"] == "1" and s["elsewhere"] == "4"


# --- shapes ---------------------------------------------------------------------------


def test_every_country_in_the_data_has_a_shape_a_centroid_and_a_region(forces):
    t = fm.forces_by_country(forces)
    assert set(t["iso3"]) <= set(reference.M49), "add the new country to reference.M49"
    missing = sorted(set(t["iso_numeric"]) - fm.shape_ids())
    assert missing == [], f"no shape in countries-110m.json for {missing}"
    data, not_drawn = fm.map_data(t)
    assert not_drawn == [] and len(data) == len(t)
    assert data["longitude"].between(-180, 180).all() and data["latitude"].between(-90, 90).all()


def test_centroids_fall_inside_the_right_part_of_the_world(forces):
    data, _ = fm.map_data(fm.forces_by_country(forces))
    at = data.set_index("iso3")
    assert 15 < at.loc["MLI", "latitude"] < 22 and -5 < at.loc["MLI", "longitude"] < 2
    assert 19 < at.loc["SRB", "longitude"] < 22 and 43 < at.loc["SRB", "latitude"] < 45
    assert at.loc["TLS", "longitude"] > 124 and at.loc["HTI", "longitude"] < -71
    # France's circle is on the mainland, not in French Guiana (its largest polygon)
    assert fm._centroids()["250"][1] > 42


def test_a_country_without_a_shape_is_listed_but_not_drawn(monkeypatch):
    # Comoros (COM, ISO 174, M49 Eastern Africa) is one of the small states absent from
    # the 110m atlas; give it its region as a new country of deployment would get it.
    monkeypatch.setitem(reference.M49, "COM", ("Africa", "Eastern Africa"))
    assert "174" not in fm.shape_ids()
    df = _frame([("m", "Mali force", "2013-01", "MLI", True), ("c", "Comoros force", "2008-03", "COM", False)])
    t = fm.forces_by_country(df)
    assert set(t["iso3"]) == {"MLI", "COM"}
    assert t.set_index("iso3").loc["COM", "region"] == "Africa"
    data, missing = fm.map_data(t)
    assert list(data["iso3"]) == ["MLI"] and missing == ["Comoros"]
    fig = fm.deployment_map_figure(df, Conventions())
    assert list(fig.data["iso3"]) == ["MLI"]
    assert "Not drawn (no shape at this scale): Comoros." in fig.description
    assert "COM" in set(fm.forces_by_country_figure(df, Conventions()).data["iso3"])


def test_trimmed_topology_files_are_the_scripts_output(script, tmp_path):
    written = script.write(tmp_path)
    assert [p.name for p in written] == [fm.TOPOLOGY.name, fm.CENTROIDS.name]
    for path in written:
        assert path.read_bytes() == (fm.RESOURCES / path.name).read_bytes(), (
            f"{path.name} is stale: run python scripts/make_map_topology.py"
        )


def test_trimmed_topology(raw):
    raw_geoms = raw["objects"]["countries"]["geometries"]
    topo = fm.world_topology()
    geoms = topo["objects"]["countries"]["geometries"]
    ids = [g["id"] for g in geoms]
    assert all(ids), "every shape has an ISO numeric id (uncoded shapes merged)"
    assert "010" not in ids  # Antarctica dropped
    assert set(ids) == {g["id"] for g in raw_geoms if g.get("id")} - {"010"}
    assert len(ids) == len(set(ids))
    # Kosovo is part of Serbia's shape, Somaliland of Somalia's
    by_id = {g["id"]: g for g in geoms}
    assert by_id["688"]["type"] == "MultiPolygon" and len(by_id["688"]["arcs"]) == 2
    assert by_id["706"]["type"] == "MultiPolygon"
    n_arcs = len(topo["arcs"])

    def indices(a):
        return [a] if isinstance(a, int) else [i for b in a for i in indices(b)]

    assert all(0 <= (i if i >= 0 else ~i) < n_arcs for g in geoms for i in indices(g["arcs"]))
    assert len(json.dumps(topo, separators=(",", ":"))) < 60_000
    # one circle position per shape, so that every drawn country has one
    assert set(fm._centroids()) == fm.shape_ids()


def test_every_country_of_deployment_keeps_an_area_after_simplification(forces, script):
    topo = fm.world_topology()
    by_id = {g["id"]: g for g in topo["objects"]["countries"]["geometries"]}
    for num in fm.forces_by_country(forces)["iso_numeric"]:
        areas = [script.area_centroid(script.rings_lonlat(topo, p)[0])[0] for p in script.polygons(by_id[num])]
        assert max(areas) > 0.1, num  # square degrees; Timor-Leste, the smallest, has about 0.9


def test_simplify_keeps_the_ends_and_drops_points_within_the_tolerance(script):
    line = [(0, 0), (5, 1), (10, 0), (15, 8), (20, 0)]
    assert script.simplify(line, 2) == [(0, 0), (10, 0), (15, 8), (20, 0)]
    assert script.simplify(line, 10) == [(0, 0), (20, 0)]


# --- figures --------------------------------------------------------------------------


def test_map_figure_is_offline_deterministic_and_draws_its_data(forces):
    fig = fm.deployment_map_figure(forces, Conventions())
    spec = fig.spec()
    text = json.dumps(spec, sort_keys=True)
    assert '"url"' not in text  # nothing fetched
    assert text == json.dumps(fm.deployment_map_figure(forces, Conventions()).spec(), sort_keys=True)
    assert spec["data"]["format"] == {"feature": "countries", "type": "topojson"}
    # the chart carries the trimmed file as it is
    assert spec["datasets"][spec["data"]["name"]] == json.loads(fm.TOPOLOGY.read_text(encoding="utf-8"))
    assert spec["projection"]["type"] == "equalEarth"
    assert spec["width"] == "container"
    assert list(fig.data["iso3"]) == list(fm.forces_by_country(forces)["iso3"])
    assert {"longitude", "latitude", "forces", "names", "country"} <= set(fig.data.columns)
    assert fig.page == "notebooks/05-where.html"
    assert "Kosovo" in fig.description
    assert len(json.dumps(spec, separators=(",", ":"))) < 70_000


def test_map_description_names_every_multi_country_force_in_prose():
    df = _frame([("x", "Xi", "2000-01", "TCD;CAF", False), ("y", "Ypsilon", "2001-01", "MLI;TCD", False)])
    desc = fm.deployment_map_figure(df, Conventions()).description
    assert "A force deployed in more than one country (Xi and Ypsilon) is counted in each." in desc
    assert "the most deployed in Chad (2 forces)" in desc


def test_figures_are_registered():
    from parallel_forces.charts import FIGURES

    assert FIGURES["deployment-map"] is fm.deployment_map_figure
    assert FIGURES["forces-by-country"] is fm.forces_by_country_figure


def test_bar_figure_data_is_the_country_table(forces):
    fig = fm.forces_by_country_figure(forces, Conventions())
    pd.testing.assert_frame_equal(fig.data, fm.forces_by_country(forces))
    tips = {t["title"] for layer in fig.spec()["layer"] for t in layer["encoding"]["tooltip"]}
    assert {"Country", "Number of forces", "Forces"} <= tips
