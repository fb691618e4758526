"""Where the forces deployed: the world map (the report's Figure 1) and a bar chart.

The country shapes are world-atlas 2.0.2 (Natural Earth 1:110m, ISO 3166-1 numeric
ids), trimmed once by ``scripts/make_map_topology.py`` into
``resources/world-trimmed.json`` (Antarctica dropped; Kosovo, Somaliland and Northern
Cyprus, which have no ISO 3166-1 code, drawn as part of Serbia, Somalia and Cyprus, as
the data's codes do; arcs simplified by less than a pixel) and carried inline in the
chart: nothing is fetched from the network and nothing is simplified while the book
builds. Each circle sits at the centroid of the country's largest polygon, which the
same script writes to ``resources/world-centroids.json``.

Every country keeps its shape, for context. A country of deployment whose ISO code
has no shape in the 110m file (small island states such as Comoros or Singapore)
cannot be drawn: it is left off the map, named in the map's description, and still
counted in :func:`forces_by_country` and in the bar chart.

Country names, regions and the report's list of countries are facts of
:mod:`parallel_forces.reference`; lists are written by :mod:`parallel_forces.formatting`.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import altair as alt
import pandas as pd

from ..config import Conventions
from ..data import explode_list
from ..formatting import listing, month, name_list, names, plural
from ..reference import REGION_ORDER, REPORT_ONGOING_COUNTRIES, country_in_prose, country_name, iso_numeric, region
from .figure import Figure, register
from .theme import PALETTE, WIDTH

RESOURCES = Path(__file__).resolve().parent / "resources"
#: The trimmed TopoJSON (object ``countries``), written by scripts/make_map_topology.py.
TOPOLOGY = RESOURCES / "world-trimmed.json"
#: ``{iso numeric: [longitude, latitude]}`` of each shape's circle, written by the same script.
CENTROIDS = RESOURCES / "world-centroids.json"

LAND = "#dedede"  # countries without a force
DEPLOYED = "#a6cbe6"  # countries with at least one force (light blue)
CIRCLE = "#0072B2"  # Okabe-Ito blue: 5:1 contrast on white
#: The map fills a 640-pixel width (the export) and, on a phone, leaves little blank.
MAP_HEIGHT = 260


# --- country table ---------------------------------------------------------------


def _labelled(forces: pd.DataFrame) -> pd.DataFrame:
    """id, name, start, end, ongoing, countries: the name is ``label`` (ECOMOG with its
    place) when the frame has it, else ``short_name``."""
    name = "label" if "label" in forces.columns else "short_name"
    return forces[["id", name, "start", "end", "ongoing", "countries"]].rename(columns={name: "name"})


def _rows(forces: pd.DataFrame) -> pd.DataFrame:
    """One row per force and country of deployment (``iso3``), with the country's UN M49
    ``region``, by start month, then name. A KeyError names a country with no region."""
    rows = explode_list(_labelled(forces), "countries").rename(columns={"countries": "iso3"})
    rows["region"] = [region(c) for c in rows["iso3"]]
    return rows.sort_values(["start", "name", "id"], kind="stable")


def _multi_country(forces: pd.DataFrame) -> list[str]:
    """The names of the forces deployed in more than one country."""
    return _labelled(forces).loc[forces["countries"].str.contains(";"), "name"].tolist()


def forces_by_country(forces: pd.DataFrame) -> pd.DataFrame:
    """One row per country of deployment: country, iso3, iso_numeric, region, forces
    (how many) and names (their labels, comma-separated, by start month).

    A force deployed in several countries (EUFOR Chad/CAR) counts once in each, so
    the ``forces`` column can sum to more than the number of forces. Sorted by
    number of forces (most first), then country name.
    """
    g = (
        _rows(forces)
        .groupby("iso3", sort=True)
        .agg(forces=("id", "size"), names=("name", name_list), region=("region", "first"))
        .reset_index()
    )
    g["country"] = [country_name(c) for c in g["iso3"]]
    g["iso_numeric"] = [iso_numeric(c) for c in g["iso3"]]
    g["forces"] = g["forces"].astype(int)
    g = g.sort_values(["forces", "country"], ascending=[False, True], kind="stable")
    return g[["country", "iso3", "iso_numeric", "region", "forces", "names"]].reset_index(drop=True)


def forces_by_region(forces: pd.DataFrame) -> pd.DataFrame:
    """Forces per UN M49 region: a force counts once in each region it deployed in.
    Columns region, forces, names; regions in REGION_ORDER, empty ones left out."""
    rows = _rows(forces).drop_duplicates(["id", "region"])
    out = []
    for name in REGION_ORDER:
        sub = rows[rows["region"] == name]
        if len(sub):
            out.append({"region": name, "forces": len(sub), "names": listing(sub["name"])})
    return pd.DataFrame(out, columns=["region", "forces", "names"])


def deployment_summary(forces: pd.DataFrame) -> dict[str, str]:
    """The numbers the chapter's prose quotes, formatted as strings (keys unprefixed).

    ``africa``/``elsewhere``: forces with at least one country of deployment in
    Africa / with none; ``ongoing_*``: countries hosting a force with no end month;
    ``report_only``/``data_only``: differences from the countries the report names as
    hosting a parallel force in its own month (``reference.REPORT_ONGOING_COUNTRIES``,
    a fixed fact, not the reference-month convention).
    """
    table = forces_by_country(forces)
    rows = _rows(forces)
    per_region = rows.drop_duplicates(["id", "region"])
    counts = sorted(set(table["forces"]), reverse=True)

    def with_count(k: int) -> str:
        return names(country_in_prose(c) for c in table.loc[table["forces"] == k, "iso3"])

    def in_prose(codes: set[str]) -> str:
        return names(country_in_prose(c) for c in sorted(codes, key=country_name))

    africa = int((per_region["region"] == "Africa").sum())
    n = len(forces)
    ongoing = set(rows.loc[rows["ongoing"], "iso3"])
    report = set(REPORT_ONGOING_COUNTRIES)
    ended = rows[rows["iso3"].isin(report - ongoing)].drop_duplicates("id").sort_values(["end", "start"], kind="stable")
    return {
        "n_forces": str(n),
        "n_countries": str(len(table)),
        "country_rows": str(int(table["forces"].sum())),
        "multi_country": names(_multi_country(forces)),
        "top_country": with_count(counts[0]) if counts else "",
        "top_count": str(counts[0]) if counts else "0",
        "second_country": with_count(counts[1]) if len(counts) > 1 else "",
        "second_count": str(counts[1]) if len(counts) > 1 else "",
        "single_countries": str(int((table["forces"] == 1).sum())),
        "africa": str(africa),
        "africa_pct": f"{100 * africa / n:.0f}" if n else "0",
        "elsewhere": str(n - africa),
        "africa_countries": str(int((table["region"] == "Africa").sum())),
        "americas_names": names(per_region.loc[per_region["region"] == "Americas", "name"]),
        "ongoing_n": str(len(ongoing)),
        "ongoing_countries": in_prose(ongoing),
        "report_only": in_prose(report - ongoing),
        "report_only_forces": names(f"{name} (ended {month(end)})" for name, end in zip(ended["name"], ended["end"])),
        "data_only": in_prose(ongoing - report),
    }


# --- shapes ------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _topology_text() -> str:
    return TOPOLOGY.read_text(encoding="utf-8")


def world_topology() -> dict:
    """The trimmed world topology (a fresh copy each call); object ``countries``."""
    return json.loads(_topology_text())


@functools.lru_cache(maxsize=1)
def shape_ids() -> frozenset[str]:
    """ISO numeric ids that have a shape on the map."""
    return frozenset(g["id"] for g in world_topology()["objects"]["countries"]["geometries"])


@functools.lru_cache(maxsize=1)
def _centroids() -> dict[str, tuple[float, float]]:
    """Longitude, latitude of each shape's circle (the centroid of its largest polygon)."""
    return {k: tuple(v) for k, v in json.loads(CENTROIDS.read_text(encoding="utf-8")).items()}


def map_data(table: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The rows of :func:`forces_by_country` that can be drawn, with longitude and
    latitude of their circle, and the names of the countries without a shape."""
    centroids = _centroids()
    drawn = table["iso_numeric"].isin(shape_ids())
    data = table[drawn].copy()
    data["longitude"] = [centroids[i][0] for i in data["iso_numeric"]]
    data["latitude"] = [centroids[i][1] for i in data["iso_numeric"]]
    return data.reset_index(drop=True), list(table.loc[~drawn, "country"])


# --- figures -----------------------------------------------------------------------


def _lead(table: pd.DataFrame) -> str:
    """The first country of a country table in prose, with its count: "Mali (6 forces)"."""
    first = table.iloc[0]
    return f"{country_in_prose(first['iso3'])} ({plural(int(first['forces']), 'force')})"


def _notes(forces: pd.DataFrame, table: pd.DataFrame, missing: list[str]) -> str:
    """The caveats a reader of the map needs, computed from the data."""
    notes = []
    if "SRB" in set(table["iso3"]):
        notes.append(
            "Kosovo, which has no ISO 3166-1 code, is coded as Serbia (SRB) in the data and drawn as part of Serbia"
        )
    multi = _multi_country(forces)
    if multi:
        notes.append(f"a force deployed in more than one country ({names(multi)}) is counted in each")
    text = " " + "; ".join(notes) + "." if notes else ""
    if missing:
        text += f" Not drawn (no shape at this scale): {names(missing)}."
    return text[:2].upper() + text[2:] if text else ""


@register("deployment-map")
def deployment_map_figure(forces: pd.DataFrame, conv: Conventions) -> Figure:
    table = forces_by_country(forces)
    data, missing = map_data(table)
    topo = alt.InlineData(values=world_topology(), format=alt.DataFormat(type="topojson", feature="countries"))
    top = int(data["forces"].max()) if len(data) else 1
    tooltip = [
        alt.Tooltip("country:N", title="Country"),
        alt.Tooltip("forces:Q", title="Number of forces"),
        alt.Tooltip("names:N", title="Forces"),
    ]

    land = (
        alt.Chart()
        .mark_geoshape(fill=LAND, stroke="white", strokeWidth=0.5)
        .encode(tooltip=[alt.Tooltip("properties.name:N", title="Country")])
    )
    deployed = (
        alt.Chart()
        .transform_lookup(
            lookup="id", from_=alt.LookupData(data=data, key="iso_numeric", fields=["country", "forces", "names"])
        )
        .transform_filter("isValid(datum.forces)")
        .mark_geoshape(fill=DEPLOYED, stroke="white", strokeWidth=0.5)
        .encode(tooltip=tooltip)
    )
    circles = (
        alt.Chart(data)
        .mark_circle(color=CIRCLE, opacity=0.8, stroke="white", strokeWidth=1)
        .encode(
            longitude="longitude:Q",
            latitude="latitude:Q",
            size=alt.Size(
                "forces:Q",
                title="Forces in the country",
                scale=alt.Scale(domain=[0, top], range=[0, 520], zero=True),
                legend=alt.Legend(
                    values=sorted({1, (top + 1) // 2, top}),
                    symbolFillColor=CIRCLE,
                    orient="bottom-left",
                    direction="horizontal",
                    titleFontWeight="normal",
                    symbolStrokeColor="white",
                    symbolOpacity=0.8,
                ),
            ),
            order=alt.Order("forces:Q", sort="descending"),
            tooltip=tooltip,
        )
    )
    n_forces = len(forces)
    chart = (
        alt.layer(
            land,
            deployed,
            circles,
            data=topo,
            title=alt.Title(
                "Where parallel forces deployed",
                subtitle=[
                    f"Countries of deployment of the {n_forces} forces in",
                    "the IPI Annex. Shaded: at least one force;",
                    "circle area: number of forces",
                ],
            ),
        )
        .project(type="equalEarth")
        .properties(width=WIDTH, height=MAP_HEIGHT)
    )
    desc = (
        f"World map of the {len(data)} countries where the {n_forces} forces deployed, each marked by a "
        f"circle sized by its number of forces"
    )
    if len(data):
        desc += f"; the most deployed in {_lead(data)}"
    desc += "." + _notes(forces, table, missing)
    return Figure("deployment-map", "Where parallel forces deployed", desc, chart, data, page="notebooks/05-where.html")


@register("forces-by-country")
def forces_by_country_figure(forces: pd.DataFrame, conv: Conventions) -> Figure:
    data = forces_by_country(forces)
    order = list(data["country"])
    tooltip = [
        alt.Tooltip("country:N", title="Country"),
        alt.Tooltip("region:N", title="Region"),
        alt.Tooltip("forces:Q", title="Number of forces"),
        alt.Tooltip("names:N", title="Forces"),
    ]
    regions = [r for r in REGION_ORDER if r in set(data["region"])]
    base = alt.Chart(data).encode(
        y=alt.Y("country:N", title=None, sort=order, axis=alt.Axis(labelLimit=170)),
        x=alt.X(
            "forces:Q",
            title="Number of forces",
            axis=alt.Axis(tickMinStep=1, format="d"),
            scale=alt.Scale(domain=[0, int(data["forces"].max()) + 0.6], nice=False),
        ),
        tooltip=tooltip,
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "region:N",
            title="Region (UN M49)",
            scale=alt.Scale(domain=regions, range=[PALETTE[REGION_ORDER.index(r)] for r in regions]),
            legend=alt.Legend(orient="bottom", columns=2, titleFontWeight="normal"),
        )
    )
    labels = base.mark_text(align="left", dx=3, color="#222", fontSize=11).encode(text="forces:Q")
    chart = alt.layer(
        bars,
        labels,
        title=alt.Title("Parallel forces by country", subtitle=["A force deployed in two countries", "counts in each"]),
    ).properties(width=WIDTH, height=alt.Step(18))
    desc = (
        f"Bar chart of the number of forces in each of the {len(data)} countries of deployment, "
        f"from {_lead(data)} down; colour shows the UN M49 region."
    )
    return Figure("forces-by-country", "Parallel forces by country", desc, chart, data, page="notebooks/05-where.html")
