"""Where the forces deployed: the world map (the report's Figure 1) and a bar chart.

The country shapes are world-atlas 2.0.2 (Natural Earth 1:110m, ISO 3166-1 numeric
ids), shipped in ``resources/countries-110m.json`` and carried inline in the chart:
nothing is fetched from the network. To keep the page light the topology is
trimmed once, deterministically, before it goes into a chart (:func:`world_topology`):

- Antarctica is dropped (no force deployed there; it takes a sixth of the map's height);
- three shapes Natural Earth draws apart and that have no ISO 3166-1 code (Kosovo,
  Somaliland, Northern Cyprus) are drawn as part of the ISO country that contains
  them (Serbia, Somalia, Cyprus), as the data's ISO codes do: the data code Kosovo
  as SRB (see the data README), so Kosovo's two forces colour Serbia's shape, and
  Kosovo's outline stays visible inside it;
- coordinates are re-quantized to a coarser grid and each arc simplified
  (Douglas-Peucker) by less than a pixel at the export width; shared borders stay
  shared, because arcs are simplified once each.

Every country keeps its shape, for context. A country of deployment whose ISO code
has no shape in the 110m file (small island states such as Comoros or Singapore)
cannot be drawn: it is left off the map, named in the map's description, and still
counted in :func:`forces_by_country` and in the bar chart.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path

import altair as alt
import pandas as pd
import pycountry

from .charts import PALETTE, WIDTH, Figure, name_list, register
from .data import explode_list

TOPOJSON = Path(__file__).resolve().parent / "resources" / "countries-110m.json"
#: Shapes left out of the map: Antarctica (ISO numeric 010).
DROPPED_SHAPES = {"010": "Antarctica"}
#: Natural Earth shapes without an ISO 3166-1 code, drawn as part of the ISO country
#: (numeric id) that contains them.
UNCODED_SHAPES = {"Kosovo": "688", "Somaliland": "706", "N. Cyprus": "196"}
#: Coarser grid: one step of the new grid is this many steps of the file's 1e5 grid
#: (0.18 degrees of longitude, 0.085 of latitude).
QUANTIZE_STEP = 50
#: Douglas-Peucker tolerance, in steps of the new grid (about 0.3 degrees: half a
#: pixel on a 640-pixel-wide world map).
SIMPLIFY_TOLERANCE = 2

#: Short English names where the ISO 3166-1 name is long or inverted.
NAMES = {
    "COD": "DR Congo",
    "SRB": "Serbia (incl. Kosovo)",
}
#: UN M49 regions ("Standard country or area codes for statistical use") of the
#: countries in the data. A code missing here is shown as "not classified"
#: (tests/test_map.py checks that every code in the data is classified).
REGIONS = {
    "AFG": "Asia", "BIH": "Europe", "CAF": "Africa", "CIV": "Africa", "COD": "Africa",
    "GEO": "Asia", "HTI": "Americas", "IRQ": "Asia", "LBR": "Africa", "MLI": "Africa",
    "RWA": "Africa", "SLE": "Africa", "SOM": "Africa", "SRB": "Europe", "TCD": "Africa",
    "TJK": "Asia", "TLS": "Asia",
}
#: Countries whose name takes "the" in running text.
WITH_ARTICLE = {"CAF", "COD"}
#: The countries the report names as hosting a parallel force "as of September 2019"
#: (Afghanistan, the Central African Republic, Iraq, Kosovo, Mali and Somalia), in the
#: data's codes: its "six UN peace operations" sentence in the section on context.
REPORT_ONGOING = ("AFG", "CAF", "IRQ", "SRB", "MLI", "SOM")
UNCLASSIFIED = "not classified"
REGION_ORDER = ["Africa", "Asia", "Europe", "Americas", "Oceania", UNCLASSIFIED]
REGION_SCALE = alt.Scale(domain=REGION_ORDER, range=PALETTE[: len(REGION_ORDER)])

LAND = "#dedede"          # countries without a force
DEPLOYED = "#a6cbe6"      # countries with at least one force (light blue)
CIRCLE = "#0072B2"        # Okabe-Ito blue: 5:1 contrast on white
#: The map fills a 640-pixel width (the export) and, on a phone, leaves little blank.
MAP_HEIGHT = 260


# --- country table ---------------------------------------------------------------

def iso_numeric(iso3: str) -> str:
    """ISO 3166-1 numeric code (``"004"``) of an alpha-3 code; ValueError if unknown."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        raise ValueError(f"{iso3!r} is not an ISO 3166-1 alpha-3 code")
    return country.numeric


def country_name(iso3: str) -> str:
    """A short English name: :data:`NAMES`, else pycountry's common or ISO name."""
    if iso3 in NAMES:
        return NAMES[iso3]
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        raise ValueError(f"{iso3!r} is not an ISO 3166-1 alpha-3 code")
    return getattr(country, "common_name", None) or country.name


def _labelled(forces: pd.DataFrame) -> pd.DataFrame:
    """id, name, start, countries: the name is ``label`` (ECOMOG with its place) when
    the frame has it, else ``short_name``."""
    name = "label" if "label" in forces.columns else "short_name"
    return forces[["id", name, "start", "countries"]].rename(columns={name: "name"})


def forces_by_country(forces: pd.DataFrame) -> pd.DataFrame:
    """One row per country of deployment: country, iso3, iso_numeric, region, forces
    (how many) and names (their labels, comma-separated, by start month).

    A force deployed in several countries (EUFOR Chad/CAR) counts once in each, so
    the ``forces`` column can sum to more than the number of forces. Sorted by
    number of forces (most first), then country name.
    """
    rows = explode_list(_labelled(forces), "countries")
    rows = rows.sort_values(["start", "name", "id"], kind="stable")
    g = (
        rows.groupby("countries", sort=True)
        .agg(forces=("id", "size"), names=("name", name_list))
        .reset_index()
        .rename(columns={"countries": "iso3"})
    )
    g["country"] = [country_name(c) for c in g["iso3"]]
    g["iso_numeric"] = [iso_numeric(c) for c in g["iso3"]]
    g["region"] = [REGIONS.get(c, UNCLASSIFIED) for c in g["iso3"]]
    g["forces"] = g["forces"].astype(int)
    g = g.sort_values(["forces", "country"], ascending=[False, True], kind="stable")
    return g[["country", "iso3", "iso_numeric", "region", "forces", "names"]].reset_index(drop=True)


def in_prose(iso3: str) -> str:
    """The country's name as a sentence uses it ("the Central African Republic")."""
    name = country_name(iso3)
    return f"the {name}" if iso3 in WITH_ARTICLE else name


def forces_by_region(forces: pd.DataFrame) -> pd.DataFrame:
    """Forces per UN M49 region: a force counts once in each region it deployed in.
    Columns region, forces, names; regions in :data:`REGION_ORDER`, empty ones left out."""
    rows = explode_list(_labelled(forces), "countries")
    rows["region"] = [REGIONS.get(c, UNCLASSIFIED) for c in rows["countries"]]
    rows = rows.drop_duplicates(["id", "region"]).sort_values(["start", "name", "id"], kind="stable")
    out = []
    for region in REGION_ORDER:
        sub = rows[rows["region"] == region]
        if len(sub):
            out.append({"region": region, "forces": len(sub), "names": ", ".join(sub["name"])})
    return pd.DataFrame(out, columns=["region", "forces", "names"])


def _join(items: list[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def deployment_summary(forces: pd.DataFrame) -> dict[str, str]:
    """The numbers the chapter's prose quotes, formatted as strings (keys unprefixed).

    ``africa``/``elsewhere``: forces with at least one country of deployment in
    Africa / with none; ``ongoing_*``: countries hosting a force with no end month;
    ``report_only``/``data_only``: differences from the report's list of countries
    with a parallel force in September 2019 (:data:`REPORT_ONGOING`).
    """
    table = forces_by_country(forces)
    regions = forces_by_region(forces).set_index("region")
    counts = sorted(set(table["forces"]), reverse=True)

    def with_count(k: int) -> str:
        return _join([in_prose(c) for c in table.loc[table["forces"] == k, "iso3"]])

    exploded = explode_list(forces, "countries")
    africa = exploded.loc[exploded["countries"].map(REGIONS.get) == "Africa", "id"].nunique()
    n = len(forces)
    ongoing = sorted(set(explode_list(forces[forces["ongoing"]], "countries")["countries"]))
    multi = _labelled(forces).loc[forces["countries"].str.contains(";"), "name"].tolist()
    americas = regions.loc["Americas", "names"] if "Americas" in regions.index else ""
    report_only = sorted(set(REPORT_ONGOING) - set(ongoing), key=country_name)
    ended = explode_list(forces, "countries")
    ended = ended[ended["countries"].isin(report_only)].sort_values(["end", "start"], kind="stable")
    ended_names = [f"{name} (ended {end.strftime('%B %Y')})" if not pd.isna(end) else name
                   for name, end in zip(_labelled(ended)["name"], ended["end"])]
    return {
        "n_forces": str(n),
        "n_countries": str(len(table)),
        "country_rows": str(int(table["forces"].sum())),
        "multi_country": _join(multi) or "none",
        "top_country": with_count(counts[0]) if counts else "",
        "top_count": str(counts[0]) if counts else "0",
        "second_country": with_count(counts[1]) if len(counts) > 1 else "",
        "second_count": str(counts[1]) if len(counts) > 1 else "",
        "single_countries": str(int((table["forces"] == 1).sum())),
        "africa": str(africa),
        "africa_pct": f"{100 * africa / n:.0f}" if n else "0",
        "elsewhere": str(n - africa),
        "africa_countries": str(int((table["region"] == "Africa").sum())),
        "americas_names": americas or "none",
        "ongoing_n": str(len(ongoing)),
        "ongoing_countries": _join([in_prose(c) for c in sorted(ongoing, key=country_name)]),
        "report_only": _join([in_prose(c) for c in report_only]) or "none",
        "report_only_forces": _join(ended_names) or "none",
        "data_only": _join([in_prose(c) for c in sorted(set(ongoing) - set(REPORT_ONGOING), key=country_name)]) or "none",
    }


# --- shapes ------------------------------------------------------------------------

def _raw_topology() -> dict:
    return json.loads(TOPOJSON.read_text(encoding="utf-8"))


def _decode(arc: list[list[int]]) -> list[tuple[int, int]]:
    x = y = 0
    out = []
    for dx, dy in arc:
        x += dx
        y += dy
        out.append((x, y))
    return out


def _polygons(geom: dict) -> list[list[list[int]]]:
    if geom["type"] == "Polygon":
        return [geom["arcs"]]
    if geom["type"] == "MultiPolygon":
        return list(geom["arcs"])
    return []


def _simplify(pts: list[tuple[int, int]], tol: float) -> list[tuple[int, int]]:
    """Douglas-Peucker, keeping both ends; a closed arc is split at its farthest point."""
    if len(pts) < 3:
        return pts
    if pts[0] == pts[-1]:
        x0, y0 = pts[0]
        far = max(range(len(pts)), key=lambda i: ((pts[i][0] - x0) ** 2 + (pts[i][1] - y0) ** 2, -i))
        if far == 0:
            return pts
        return _simplify(pts[: far + 1], tol)[:-1] + _simplify(pts[far:], tol)
    (x1, y1), (x2, y2) = pts[0], pts[-1]
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy)
    best, index = -1.0, 0
    for i in range(1, len(pts) - 1):
        px, py = pts[i]
        d = abs(dy * (px - x1) - dx * (py - y1)) / length if length else math.hypot(px - x1, py - y1)
        if d > best:
            best, index = d, i
    if best <= tol:
        return [pts[0], pts[-1]]
    return _simplify(pts[: index + 1], tol)[:-1] + _simplify(pts[index:], tol)


@functools.lru_cache(maxsize=4)
def _world_topology_json(step: int, tolerance: float) -> str:
    topo = _raw_topology()
    geoms = []
    parts: dict[str, list] = {}
    for g in topo["objects"]["countries"]["geometries"]:
        gid = g.get("id")
        if gid in DROPPED_SHAPES:
            continue
        if not gid:
            name = g["properties"]["name"]
            if name not in UNCODED_SHAPES:
                raise ValueError(f"shape {name!r} has no ISO code and no parent in UNCODED_SHAPES")
            parts.setdefault(UNCODED_SHAPES[name], []).extend(_polygons(g))
            continue
        geoms.append({"type": g["type"], "id": gid, "properties": {"name": g["properties"]["name"]},
                      "arcs": g["arcs"]})
    for g in geoms:
        if g["id"] in parts:
            g["arcs"] = _polygons(g) + parts.pop(g["id"])
            g["type"] = "MultiPolygon"
    if parts:
        raise ValueError(f"no shape for the parents {sorted(parts)} of uncoded shapes")

    used: set[int] = set()

    def collect(a):
        if isinstance(a, int):
            used.add(a if a >= 0 else ~a)
        else:
            for b in a:
                collect(b)

    for g in geoms:
        collect(g["arcs"])
    new_index = {old: new for new, old in enumerate(sorted(used))}

    def remap(a):
        if isinstance(a, int):
            return new_index[a] if a >= 0 else ~new_index[~a]
        return [remap(b) for b in a]

    arcs = []
    for old in sorted(used):
        pts = [(round(x / step), round(y / step)) for x, y in _decode(topo["arcs"][old])]
        dedup = [pts[0]] + [p for p, q in zip(pts[1:], pts) if p != q]
        if len(dedup) == 1:
            dedup.append(dedup[0])
        simple = _simplify(dedup, tolerance)
        if simple[0] == simple[-1] and len(simple) < 4:  # an island ring needs a triangle
            simple = dedup
        arcs.append([list(simple[0])] + [[b[0] - a[0], b[1] - a[1]] for a, b in zip(simple, simple[1:])])
    for g in geoms:
        g["arcs"] = remap(g["arcs"])
    sx, sy = topo["transform"]["scale"]
    out = {
        "type": "Topology",
        "transform": {"scale": [sx * step, sy * step], "translate": topo["transform"]["translate"]},
        "objects": {"countries": {"type": "GeometryCollection", "geometries": geoms}},
        "arcs": arcs,
    }
    return json.dumps(out, separators=(",", ":"), sort_keys=True)


def world_topology(step: int = QUANTIZE_STEP, tolerance: float = SIMPLIFY_TOLERANCE) -> dict:
    """The trimmed world topology (a fresh copy each call); object ``countries``."""
    return json.loads(_world_topology_json(step, tolerance))


def shape_ids() -> set[str]:
    """ISO numeric ids that have a shape on the map."""
    return {g["id"] for g in world_topology()["objects"]["countries"]["geometries"]}


def _rings_lonlat(topo: dict, polygon: list[list[int]]) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    rings = []
    for ring in polygon:
        pts: list[tuple[int, int]] = []
        for a in ring:
            seg = _decode(topo["arcs"][a if a >= 0 else ~a])
            if a < 0:
                seg = seg[::-1]
            pts.extend(seg if not pts else seg[1:])
        rings.append([(x * sx + tx, y * sy + ty) for x, y in pts])
    return rings


def _area_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    a /= 2
    if a == 0:
        xs, ys = zip(*ring)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a), cx / (6 * a), cy / (6 * a)


@functools.lru_cache(maxsize=1)
def _centroids() -> dict[str, tuple[float, float]]:
    """Longitude, latitude of the centroid of each country's largest polygon
    (mainland France, not French Guiana), from the full-resolution file."""
    topo = _raw_topology()
    out = {}
    for g in topo["objects"]["countries"]["geometries"]:
        if not g.get("id"):
            continue
        best = max((_area_centroid(_rings_lonlat(topo, p)[0]) for p in _polygons(g)), default=None)
        if best:
            out[g["id"]] = (round(best[1], 2), round(best[2], 2))
    return out


def map_data(table: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The rows of :func:`forces_by_country` that can be drawn, with longitude and
    latitude of their circle, and the names of the countries without a shape."""
    ids, centroids = shape_ids(), _centroids()
    drawn = table["iso_numeric"].isin(ids) & table["iso_numeric"].isin(centroids.keys())
    data = table[drawn].copy()
    data["longitude"] = [centroids[i][0] for i in data["iso_numeric"]]
    data["latitude"] = [centroids[i][1] for i in data["iso_numeric"]]
    return data.reset_index(drop=True), list(table.loc[~drawn, "country"])


# --- figures -----------------------------------------------------------------------

def _count_phrase(n: int) -> str:
    return f"{n} force" if n == 1 else f"{n} forces"


def _notes(forces: pd.DataFrame, table: pd.DataFrame, missing: list[str]) -> str:
    """The caveats a reader of the map needs, computed from the data."""
    notes = []
    if "SRB" in set(table["iso3"]):
        notes.append("Kosovo, which has no ISO 3166-1 code, is coded as Serbia (SRB) in the data and drawn "
                     "as part of Serbia")
    multi = _labelled(forces).loc[forces["countries"].str.contains(";"), "name"].tolist()
    if multi:
        notes.append(f"a force deployed in more than one country ({', '.join(multi)}) is counted in each")
    text = " " + "; ".join(notes) + "." if notes else ""
    if missing:
        text += f" Not drawn (no shape at this scale): {', '.join(missing)}."
    return text[:2].upper() + text[2:] if text else ""


@register("deployment-map")
def deployment_map_figure(forces: pd.DataFrame) -> Figure:
    table = forces_by_country(forces)
    data, missing = map_data(table)
    topo = alt.InlineData(values=world_topology(), format=alt.DataFormat(type="topojson", feature="countries"))
    top = int(data["forces"].max()) if len(data) else 1
    tooltip = [alt.Tooltip("country:N", title="Country"),
               alt.Tooltip("forces:Q", title="Number of forces"),
               alt.Tooltip("names:N", title="Forces")]

    land = alt.Chart().mark_geoshape(fill=LAND, stroke="white", strokeWidth=0.5).encode(
        tooltip=[alt.Tooltip("properties.name:N", title="Country")])
    deployed = (
        alt.Chart()
        .transform_lookup(lookup="id", from_=alt.LookupData(data=data, key="iso_numeric",
                                                            fields=["country", "forces", "names"]))
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
            size=alt.Size("forces:Q", title="Forces in the country",
                          scale=alt.Scale(domain=[0, top], range=[0, 520], zero=True),
                          legend=alt.Legend(values=sorted({1, (top + 1) // 2, top}), symbolFillColor=CIRCLE,
                                            orient="bottom-left", direction="horizontal", titleFontWeight="normal",
                                            symbolStrokeColor="white", symbolOpacity=0.8)),
            order=alt.Order("forces:Q", sort="descending"),
            tooltip=tooltip,
        )
    )
    n_forces = len(forces)
    chart = (
        alt.layer(land, deployed, circles, data=topo,
                  title=alt.Title("Where parallel forces deployed",
                                  subtitle=[f"Countries of deployment of the {n_forces} forces in",
                                            "the IPI Annex. Shaded: at least one force;",
                                            "circle area: number of forces"]))
        .project(type="equalEarth")
        .properties(width=WIDTH, height=MAP_HEIGHT)
    )
    lead = data.iloc[0] if len(data) else None
    desc = (f"World map of the {len(data)} countries where the {n_forces} forces deployed, each marked by a "
            f"circle sized by its number of forces")
    if lead is not None:
        desc += f"; the most deployed in {in_prose(lead['iso3'])} ({_count_phrase(int(lead['forces']))})"
    desc += "." + _notes(forces, table, missing)
    return Figure("deployment-map", "Where parallel forces deployed", desc, chart, data,
                  page="notebooks/05-where.html")


@register("forces-by-country")
def forces_by_country_figure(forces: pd.DataFrame) -> Figure:
    data = forces_by_country(forces)
    order = list(data["country"])
    tooltip = [alt.Tooltip("country:N", title="Country"), alt.Tooltip("region:N", title="Region"),
               alt.Tooltip("forces:Q", title="Number of forces"), alt.Tooltip("names:N", title="Forces")]
    regions = [r for r in REGION_ORDER if r in set(data["region"])]
    base = alt.Chart(data).encode(
        y=alt.Y("country:N", title=None, sort=order, axis=alt.Axis(labelLimit=170)),
        x=alt.X("forces:Q", title="Number of forces", axis=alt.Axis(tickMinStep=1, format="d"),
                scale=alt.Scale(domain=[0, int(data["forces"].max()) + 0.6], nice=False)),
        tooltip=tooltip,
    )
    bars = base.mark_bar().encode(
        color=alt.Color("region:N", title="Region (UN M49)",
                        scale=alt.Scale(domain=regions, range=[PALETTE[REGION_ORDER.index(r)] for r in regions]),
                        legend=alt.Legend(orient="bottom", columns=2, titleFontWeight="normal")))
    labels = base.mark_text(align="left", dx=3, color="#222", fontSize=11).encode(text="forces:Q")
    chart = (
        alt.layer(bars, labels,
                  title=alt.Title("Parallel forces by country",
                                  subtitle=["A force deployed in two countries", "counts in each"]))
        .properties(width=WIDTH, height=alt.Step(18))
    )
    lead = data.iloc[0]
    desc = (f"Bar chart of the number of forces in each of the {len(data)} countries of deployment, "
            f"from {in_prose(lead['iso3'])} ({_count_phrase(int(lead['forces']))}) down; colour shows the UN M49 region.")
    return Figure("forces-by-country", "Parallel forces by country", desc, chart, data,
                  page="notebooks/05-where.html")
