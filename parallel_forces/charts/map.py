"""Where the forces deployed: the world map (the report's Figure 1) and a bar chart.

The country shapes are world-atlas 2.0.2 (Natural Earth 1:110m, ISO 3166-1 numeric
ids), trimmed once by ``scripts/make_map_topology.py`` into
``resources/world-trimmed.json`` (Antarctica dropped; Kosovo, Somaliland and Northern
Cyprus, which have no ISO 3166-1 code, drawn as part of Serbia, Somalia and Cyprus, as
the data's codes do; arcs simplified by less than a pixel) and carried inline in the
chart: nothing is fetched from the network and nothing is simplified while the book
builds. Each circle sits at the centroid of the country's largest polygon, which the
same script writes to ``resources/world-centroids.json``.

The map is cropped to the part of the world where forces deployed, and circles that
would overlap at the width the map is drawn at are moved apart (:func:`dodge`), each
on a thin line from its country. Every country keeps its shape, for context. A country of deployment whose ISO code
has no shape in the 110m file (small island states such as Comoros or Singapore)
cannot be drawn: it is left off the map, named in the map's description, and still
counted in :func:`forces_by_country` and in the bar chart.

Country names, regions and the report's list of countries are facts of
:mod:`parallel_forces.reference`; lists are written by :mod:`parallel_forces.formatting`.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path

import altair as alt
import pandas as pd

from ..config import Conventions
from ..data import explode_list
from ..formatting import capital, listing, month, name_list, names, plural
from ..reference import REGION_ORDER, REPORT_ONGOING_COUNTRIES, country_in_prose, country_name, iso_numeric, region
from .figure import Figure, figure, register
from .rows import counted_bars
from .theme import AUTOSIZE, HOST, LAND, NEUTRAL, WIDTH

RESOURCES = Path(__file__).resolve().parent / "resources"
#: The trimmed TopoJSON (object ``countries``), written by scripts/make_map_topology.py.
TOPOLOGY = RESOURCES / "world-trimmed.json"
#: ``{iso numeric: [longitude, latitude]}`` of each shape's circle, written by the same script.
CENTROIDS = RESOURCES / "world-centroids.json"

#: The map's height on a page and on a phone (px): the cropped map fills either width.
MAP_HEIGHT = {False: 270, True: 150}
#: The narrowest map each variant is drawn at (px): circles are kept apart at that width,
#: and so at any wider one. The wide variant is drawn from theme.NARROW_BELOW on.
NOMINAL_WIDTH = {False: 520, True: 250}
#: The largest circle's area (px²), and the space kept between two circles (px).
CIRCLE_AREA = {False: 520, True: 240}
CIRCLE_GAP = 1.5
#: How far the map reaches beyond the outermost circles (degrees of longitude, latitude).
MARGIN = (9, 8)


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


# --- keeping circles apart ----------------------------------------------------------

# Equal Earth (Šavrič, Patterson and Jenny 2018), as d3-geo, and so Vega, draws it.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Projected x, y (y up, unit scale) of a longitude and latitude in degrees."""
    t = math.asin(_M * math.sin(math.radians(lat)))
    t2 = t * t
    t6 = t2**3
    x = math.radians(lon) * math.cos(t) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    return x, t * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))


def equal_earth_invert(x: float, y: float) -> tuple[float, float]:
    """Longitude and latitude (degrees) of a projected point: Newton's method, as d3 does."""
    t = y
    for _ in range(20):
        t2 = t * t
        t6 = t2**3
        step = (t * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2)) - y) / (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2))
        t -= step
        if abs(step) < 1e-12:
            break
    t2 = t * t
    lam = _M * x * (_A1 + 3 * _A2 * t2 + t2**3 * (7 * _A3 + 9 * _A4 * t2)) / math.cos(t)
    return math.degrees(lam), math.degrees(math.asin(math.sin(t) / _M))


def fit_points(data: pd.DataFrame) -> list[tuple[float, float]]:
    """The points the map is fitted to: the circles' countries, MARGIN beyond them."""
    dx, dy = MARGIN
    lon, lat = data["longitude"], data["latitude"]
    west, east, south, north = lon.min() - dx, lon.max() + dx, max(lat.min() - dy, -89), min(lat.max() + dy, 89)
    # Equal Earth is widest at the equator: the box's sides are fitted there when it spans it.
    middle = 0.0 if south < 0 < north else (south if abs(south) < abs(north) else north)
    return [(west, south), (east, south), (west, north), (east, north), (west, middle), (east, middle)]


def pixels_per_unit(points: list[tuple[float, float]], width: float, height: float) -> float:
    """The scale at which Vega fits ``points`` into width x height (d3's fitSize)."""
    xs, ys = zip(*(equal_earth(lon, lat) for lon, lat in points))
    return min(width / (max(xs) - min(xs)), height / (max(ys) - min(ys)))


def dodge(data: pd.DataFrame, radii: list[float], scale: float, rounds: int = 400) -> list[tuple[float, float]]:
    """Where to draw each circle (longitude, latitude) so that none overlaps another at
    ``scale`` pixels per projected unit: each pair that overlaps is pushed apart (a large
    circle moves less than a small one), and each circle is pulled back towards its country."""
    home = [tuple(scale * v for v in equal_earth(lon, lat)) for lon, lat in zip(data["longitude"], data["latitude"])]
    at = [list(p) for p in home]
    for k in range(rounds):
        pull = 0.05 if k < rounds * 0.75 else 0.0
        for p, h in zip(at, home):
            p[0] += (h[0] - p[0]) * pull
            p[1] += (h[1] - p[1]) * pull
        for i in range(len(at)):
            for j in range(i + 1, len(at)):
                dx, dy = at[j][0] - at[i][0], at[j][1] - at[i][1]
                dist = math.hypot(dx, dy)
                need = radii[i] + radii[j] + CIRCLE_GAP
                if dist >= need:
                    continue
                if dist < 1e-9:
                    dx, dy, dist = 0.0, 1.0, 1.0
                share_i = radii[j] ** 2 / (radii[i] ** 2 + radii[j] ** 2)
                push = (need - dist) / dist
                at[i][0] -= dx * push * share_i
                at[i][1] -= dy * push * share_i
                at[j][0] += dx * push * (1 - share_i)
                at[j][1] += dy * push * (1 - share_i)
    return [equal_earth_invert(x / scale, y / scale) for x, y in at]


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


def _top_region(forces: pd.DataFrame) -> str:
    """The finding of the map: the region where most forces deployed, with its count."""
    regions = forces_by_region(forces).sort_values("forces", ascending=False, kind="stable")
    if not len(regions):
        return "No force deployed"
    name, k, n = regions["region"].iloc[0], int(regions["forces"].iloc[0]), len(forces)
    if k > n / 2:
        return f"Most forces deployed in {name}: {k} of {n}"
    return f"More forces deployed in {name} than in any other region: {k} of {n}"


@register("deployment-map")
def deployment_map_figure(forces: pd.DataFrame, conv: Conventions) -> Figure:
    table = forces_by_country(forces)
    data, missing = map_data(table)
    topo = alt.InlineData(values=world_topology(), format=alt.DataFormat(type="topojson", feature="countries"))
    top = int(data["forces"].max()) if len(data) else 1
    n_forces = len(forces)
    points = fit_points(data) if len(data) else [(-180, -60), (180, 85)]
    fit = {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPoint", "coordinates": points}}
    tooltip = [
        alt.Tooltip("country:N", title="Country"),
        alt.Tooltip("forces:Q", title="Number of forces"),
        alt.Tooltip("names:N", title="Forces"),
    ]

    def draw(narrow: bool) -> alt.LayerChart:
        area = CIRCLE_AREA[narrow]
        radii = [math.sqrt(area * k / top / math.pi) for k in data["forces"]]
        scale = pixels_per_unit(points, NOMINAL_WIDTH[narrow], MAP_HEIGHT[narrow])
        placed = dodge(data, radii, scale)
        circles_at = data.assign(
            **{
                "circle longitude": [round(p[0], 3) for p in placed],
                "circle latitude": [round(p[1], 3) for p in placed],
            }
        )
        moved = [
            math.dist(equal_earth(lon, lat), equal_earth(*p)) * scale > 2
            for lon, lat, p in zip(data["longitude"], data["latitude"], placed)
        ]
        land = (
            alt.Chart()
            .mark_geoshape(fill=LAND, stroke="white", strokeWidth=0.5, clip=True)
            .encode(tooltip=[alt.Tooltip("properties.name:N", title="Country")])
        )
        hosts = (
            alt.Chart()
            .transform_lookup(
                lookup="id", from_=alt.LookupData(data=data, key="iso_numeric", fields=["country", "forces", "names"])
            )
            .transform_filter("isValid(datum.forces)")
            .mark_geoshape(fill=HOST, stroke="white", strokeWidth=0.5, clip=True)
            .encode(tooltip=tooltip)
        )
        leaders = (
            alt.Chart(circles_at[moved])
            .mark_rule(color=NEUTRAL, strokeWidth=1)
            .encode(
                longitude="longitude:Q",
                latitude="latitude:Q",
                longitude2="circle longitude:Q",
                latitude2="circle latitude:Q",
                tooltip=tooltip,
            )
        )
        circles = (
            alt.Chart(circles_at)
            .mark_circle(color=NEUTRAL, opacity=0.85, stroke="white", strokeWidth=1)
            .encode(
                longitude="circle longitude:Q",
                latitude="circle latitude:Q",
                size=alt.Size(
                    "forces:Q",
                    title="Forces in the country",
                    scale=alt.Scale(domain=[0, top], range=[0, area], zero=True),
                    legend=alt.Legend(
                        values=sorted({1, (top + 1) // 2, top}),
                        symbolFillColor=NEUTRAL,
                        direction="horizontal",
                        titleFontWeight="normal",
                        symbolStrokeColor="white",
                        symbolOpacity=0.85,
                    ),
                ),
                order=alt.Order("forces:Q", sort="descending"),
                tooltip=tooltip,
            )
        )
        title = alt.Title(
            _top_region(forces),
            subtitle=[
                f"Countries of deployment of the {n_forces} forces in the IPI Annex",
                "Shaded: at least one force; circle area: number of forces; a line joins a circle moved off its country",
            ],
        )
        return (
            alt.layer(land, hosts, leaders, circles, data=topo, title=title)
            .project(type="equalEarth", fit=fit)
            .properties(width=WIDTH, height=MAP_HEIGHT[narrow], autosize=AUTOSIZE)
        )

    desc = (
        f"Map of the {len(data)} countries where the {n_forces} forces deployed, each marked by a "
        f"circle sized by its number of forces"
    )
    if len(data):
        desc += f"; the most deployed in {_lead(data)}"
    desc += "." + _notes(forces, table, missing)
    return figure("deployment-map", "Where parallel forces deployed", desc, draw, data, "notebooks/05-where.html")


@register("forces-by-country")
def forces_by_country_figure(forces: pd.DataFrame, conv: Conventions) -> Figure:
    """Forces per country, grouped under their UN M49 regions (headings give each region's
    forces, a force counted once per region)."""
    data = forces_by_country(forces)
    per_region = forces_by_region(forces).set_index("region")["forces"]
    groups = [
        (f"{name}: {plural(int(per_region[name]), 'force')}", data[data["region"] == name])
        for name in REGION_ORDER
        if name in per_region.index
    ]
    first = [country_in_prose(c) for c in data.loc[data["forces"] == data["forces"].max(), "iso3"]]
    title = f"{capital(names(first))} hosted the most forces: {int(data['forces'].max())}"
    rest = data[data["forces"] < data["forces"].max()]
    if len(rest):
        then = [country_in_prose(c) for c in rest.loc[rest["forces"] == rest["forces"].max(), "iso3"]]
        title += f"; then {names(then)}, {int(rest['forces'].max())}"
    draw = counted_bars(
        data,
        "country",
        groups,
        x_title="Number of forces",
        tooltip=[
            alt.Tooltip("country:N", title="Country"),
            alt.Tooltip("region:N", title="Region"),
            alt.Tooltip("forces:Q", title="Number of forces"),
            alt.Tooltip("names:N", title="Forces"),
        ],
        title=title,
        subtitle="Forces per country of deployment, under UN M49 regions; a force in two countries counts in each",
    )
    desc = (
        f"Bar chart of the number of forces in each of the {len(data)} countries of deployment, "
        f"from {_lead(data)} down, grouped by UN M49 region."
    )
    return figure("forces-by-country", "Parallel forces by country", desc, draw, data, "notebooks/05-where.html")
