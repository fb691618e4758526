"""Trim the world topology for the map, once: the book loads the result and never
simplifies a shape while it builds.

Input: ``parallel_forces/charts/resources/countries-110m.json``, world-atlas 2.0.2
(Natural Earth 1:110m, ISO 3166-1 numeric ids), kept unchanged beside its licence
(``LICENSE-world-atlas.txt``, which also covers the files written here) so that this
script can be run again. Output, in the same folder (or in ``OUT_DIR``):

- ``world-trimmed.json``: the TopoJSON the map carries inline (object ``countries``);
- ``world-centroids.json``: ``{iso numeric: [longitude, latitude]}``, where each
  country's circle goes: the centroid of its largest polygon (mainland France, not
  French Guiana), from the full-resolution shapes, rounded to 0.01 degree.

The trimming:

- Antarctica is dropped (no force deployed there; it takes a sixth of the map's height);
- three shapes Natural Earth draws apart and that have no ISO 3166-1 code (Kosovo,
  Somaliland, Northern Cyprus) become part of the ISO country that contains them
  (Serbia, Somalia, Cyprus), as the data's ISO codes do (the data code Kosovo as SRB),
  and keep their outline inside it;
- coordinates are re-quantized to a coarser grid and each arc simplified
  (Douglas-Peucker) by less than a pixel at the export width; shared borders stay
  shared, because arcs are simplified once each.

Both files are compact JSON with sorted keys: the same input gives the same bytes
(``tests/test_map.py`` checks that the files in the package are this script's output).

Usage: python scripts/make_map_topology.py [OUT_DIR]
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "parallel_forces" / "charts" / "resources"
SOURCE = RESOURCES / "countries-110m.json"
TRIMMED = "world-trimmed.json"
CENTROIDS = "world-centroids.json"
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


def decode(arc: list[list[int]]) -> list[tuple[int, int]]:
    """A delta-encoded TopoJSON arc as absolute grid points."""
    x = y = 0
    out = []
    for dx, dy in arc:
        x += dx
        y += dy
        out.append((x, y))
    return out


def polygons(geom: dict) -> list[list[list[int]]]:
    """A geometry's polygons, each a list of rings of arc indices."""
    if geom["type"] == "Polygon":
        return [geom["arcs"]]
    if geom["type"] == "MultiPolygon":
        return list(geom["arcs"])
    return []


def simplify(pts: list[tuple[int, int]], tol: float) -> list[tuple[int, int]]:
    """Douglas-Peucker, keeping both ends; a closed arc is split at its farthest point."""
    if len(pts) < 3:
        return pts
    if pts[0] == pts[-1]:
        x0, y0 = pts[0]
        far = max(range(len(pts)), key=lambda i: ((pts[i][0] - x0) ** 2 + (pts[i][1] - y0) ** 2, -i))
        if far == 0:
            return pts
        return simplify(pts[: far + 1], tol)[:-1] + simplify(pts[far:], tol)
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
    return simplify(pts[: index + 1], tol)[:-1] + simplify(pts[index:], tol)


def _arc_indices(a) -> list[int]:
    """Every arc index in a nested ``arcs`` member, as a non-negative index."""
    if isinstance(a, int):
        return [a if a >= 0 else ~a]
    return [i for b in a for i in _arc_indices(b)]


def _countries(topo: dict) -> list[dict]:
    """The coded shapes, Antarctica dropped and the uncoded shapes merged into their parent."""
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
            parts.setdefault(UNCODED_SHAPES[name], []).extend(polygons(g))
            continue
        geoms.append({"type": g["type"], "id": gid, "properties": {"name": g["properties"]["name"]}, "arcs": g["arcs"]})
    for g in geoms:
        if g["id"] in parts:
            g["arcs"] = polygons(g) + parts.pop(g["id"])
            g["type"] = "MultiPolygon"
    if parts:
        raise ValueError(f"no shape for the parents {sorted(parts)} of uncoded shapes")
    return geoms


def trim(topo: dict, step: int = QUANTIZE_STEP, tolerance: float = SIMPLIFY_TOLERANCE) -> dict:
    """The trimmed topology: only the arcs the kept shapes use, re-quantized and simplified."""
    geoms = _countries(topo)
    used = sorted({i for g in geoms for i in _arc_indices(g["arcs"])})
    new_index = {old: new for new, old in enumerate(used)}

    def remap(a):
        if isinstance(a, int):
            return new_index[a] if a >= 0 else ~new_index[~a]
        return [remap(b) for b in a]

    arcs = []
    for old in used:
        pts = [(round(x / step), round(y / step)) for x, y in decode(topo["arcs"][old])]
        dedup = [pts[0]] + [p for p, q in zip(pts[1:], pts) if p != q]
        if len(dedup) == 1:
            dedup.append(dedup[0])
        simple = simplify(dedup, tolerance)
        if simple[0] == simple[-1] and len(simple) < 4:  # an island ring needs a triangle
            simple = dedup
        arcs.append([list(simple[0])] + [[b[0] - a[0], b[1] - a[1]] for a, b in zip(simple, simple[1:])])
    for g in geoms:
        g["arcs"] = remap(g["arcs"])
    sx, sy = topo["transform"]["scale"]
    return {
        "type": "Topology",
        "transform": {"scale": [sx * step, sy * step], "translate": topo["transform"]["translate"]},
        "objects": {"countries": {"type": "GeometryCollection", "geometries": geoms}},
        "arcs": arcs,
    }


def rings_lonlat(topo: dict, polygon: list[list[int]]) -> list[list[tuple[float, float]]]:
    """A polygon's rings as longitude, latitude points."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    rings = []
    for ring in polygon:
        pts: list[tuple[int, int]] = []
        for a in ring:
            seg = decode(topo["arcs"][a if a >= 0 else ~a])
            if a < 0:
                seg = seg[::-1]
            pts.extend(seg if not pts else seg[1:])
        rings.append([(x * sx + tx, y * sy + ty) for x, y in pts])
    return rings


def area_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Area (square degrees), longitude and latitude of the centroid of a ring."""
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


def centroids(topo: dict, ids: set[str]) -> dict[str, list[float]]:
    """Longitude, latitude of the centroid of the largest polygon of each shape in ``ids``,
    from the shapes of ``topo`` as drawn there (Serbia without Kosovo's outline)."""
    out = {}
    for g in topo["objects"]["countries"]["geometries"]:
        if g.get("id") not in ids:
            continue
        best = max((area_centroid(rings_lonlat(topo, p)[0]) for p in polygons(g)), default=None)
        if best:
            out[g["id"]] = [round(best[1], 2), round(best[2], 2)]
    return out


def _dump(value) -> bytes:
    return (json.dumps(value, separators=(",", ":"), sort_keys=True) + "\n").encode("utf-8")


def write(out_dir: Path = RESOURCES, source: Path = SOURCE) -> list[Path]:
    """Write the trimmed topology and the centroids into ``out_dir``; the paths written."""
    raw = json.loads(Path(source).read_text(encoding="utf-8"))
    trimmed = trim(raw)
    ids = {g["id"] for g in trimmed["objects"]["countries"]["geometries"]}
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, value in [(TRIMMED, trimmed), (CENTROIDS, centroids(raw, ids))]:
        path = out_dir / name
        path.write_bytes(_dump(value))
        written.append(path)
    return written


def main(argv: list[str]) -> None:
    for path in write(Path(argv[0]) if argv else RESOURCES):
        print(f"wrote {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1:])
