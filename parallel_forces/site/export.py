"""Downloads written at build time: each figure as SVG, PNG (2x), PDF and the CSV
of exactly what it draws; the dataset as CSV, JSON and XLSX with a codebook; the
update since 2019 (its files, and the current edition as CSV and JSON with an
``edition`` column); the key figures of both editions. SVG, PNG, CSV, JSON and XLSX are
byte-identical across builds; PDF is not (vl-convert writes font objects in varying order).
The CSV files are the data package's own, copied byte for byte; the XLSX is typed
(:mod:`.spreadsheet`)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import vl_convert as vlc

from .. import config
from ..charts import FIGURES, enable
from ..data import SINCE_TABLES, all_rows_raw, current_raw, load_editions, load_forces, load_mandates, read_forces
from ..keyfigures import by_edition
from . import citation, spreadsheet

#: The current edition's downloads (the Annex with the update since 2019 applied).
CURRENT_CSV = "parallel_forces-current.csv"
CURRENT_JSON = "parallel_forces-current.json"
#: The folder of the update's own files among the downloads (as in data/).
SINCE_DIR = "since-2019"

_CLIP_ID = re.compile(r"\bclip(\d+)\b")


def stable_svg(svg: str) -> str:
    """An SVG whose clip-path ids are numbered from 1 in order of appearance: vl-convert counts
    them per process, so the same chart exported twice would otherwise differ."""
    ids: dict[str, str] = {}
    return _CLIP_ID.sub(lambda m: "clip" + ids.setdefault(m.group(1), str(len(ids) + 1)), svg)


def export_figure(fig, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    spec = fig.spec()
    files = {
        "svg": stable_svg(vlc.vegalite_to_svg(spec)),
        "png": vlc.vegalite_to_png(spec, scale=2),
        "pdf": vlc.vegalite_to_pdf(spec),
    }
    written = []
    for ext, content in files.items():
        p = out / f"{fig.id}.{ext}"
        p.write_bytes(content.encode() if isinstance(content, str) else content)
        written.append(p)
    p = out / f"{fig.id}.csv"
    fig.data.to_csv(p, index=False, lineterminator="\n")
    written.append(p)
    return written


def figures_for_export(forces: pd.DataFrame, conventions: config.Conventions) -> list:
    from ..charts import figures  # noqa: F401  (registers the figures)

    # Exported charts have a fixed width: "container" has no meaning outside a page.
    out = []
    for _, build in sorted(FIGURES.items()):
        fig = build(forces, conventions)
        fig.chart = fig.chart.properties(width=640)
        out.append(fig)
    return out


def codebook(paths: config.Paths) -> pd.DataFrame:
    """The data dictionary, from the schema in datapackage.json."""
    dp = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    rows = []
    for res in dp["resources"]:
        for f in res["schema"]["fields"]:
            c = f.get("constraints", {})
            rules = []
            if c.get("required"):
                rules.append("required")
            if c.get("unique"):
                rules.append("unique")
            if "enum" in c:
                rules.append("one of: " + ", ".join(c["enum"]))
            if "pattern" in c:
                rules.append(f"pattern {c['pattern']}")
            rows.append(
                {
                    "table": res["name"],
                    "column": f["name"],
                    "title": f.get("title", ""),
                    "type": f["type"] + (f" ({f['format']})" if "format" in f else ""),
                    "rules": "; ".join(rules),
                    "description": f.get("description", ""),
                }
            )
    return pd.DataFrame(rows)


def export_dataset(out: Path, paths: config.Paths, cite: citation.Citation | None = None) -> list[Path]:
    """The data package as it is in data/ (the Annex's files, datapackage.json and the
    update's files under since-2019/, so the package validates where it is downloaded), the
    Annex as JSON, the current edition as CSV and JSON, and an XLSX with both editions and
    the codebook."""
    out.mkdir(parents=True, exist_ok=True)
    cite = cite or citation.load(paths.citation_file)
    written = []
    for name in ["parallel_forces.csv", "mandates.csv", "datapackage.json"]:
        written.append(Path(shutil.copy2(paths.data / name, out / name)))
    (out / SINCE_DIR).mkdir(exist_ok=True)
    for name in SINCE_TABLES:
        written.append(Path(shutil.copy2(paths.since / f"{name}.csv", out / SINCE_DIR / f"{name}.csv")))
    raw = read_forces(paths.forces_csv)
    p = out / "parallel_forces.json"
    p.write_text(json.dumps(raw.to_dict(orient="records"), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    written.append(p)
    current = current_raw(paths)
    p = out / CURRENT_CSV
    current.to_csv(p, index=False, lineterminator="\n")
    written.append(p)
    p = out / CURRENT_JSON
    p.write_text(json.dumps(current.to_dict(orient="records"), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    written.append(p)
    p = spreadsheet.write_workbook(out / "parallel_forces.xlsx", paths, cite, codebook(paths), current)
    _normalise_xlsx(p)
    written.append(p)
    return written


def _normalise_xlsx(path: Path) -> None:
    """Make an .xlsx byte-stable: fixed zip entry times and document dates
    (openpyxl stamps both with the time of writing)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as zin:
        entries = [(i.filename, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", data)
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, data)


def export_force_records(out: Path, paths: config.Paths, edition: str = "annex") -> list[Path]:
    """One CSV and one JSON per force of either edition: its row as ``edition`` gives it
    (marked with its own edition, ``annex`` or ``since 2019``), and the Council's words."""
    out.mkdir(parents=True, exist_ok=True)
    raw = all_rows_raw(paths, edition)
    mandates = load_mandates(paths, edition="current")
    merged = raw.merge(mandates, on="id", how="left").fillna("")
    written = []
    for i in range(len(merged)):
        row = merged.iloc[[i]]
        fid = row["id"].iloc[0]
        p = out / f"{fid}.csv"
        row.to_csv(p, index=False, lineterminator="\n")
        q = out / f"{fid}.json"
        q.write_text(
            json.dumps(row.to_dict(orient="records")[0], ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        written += [p, q]
    return written


def export_key_figures(out: Path, editions: dict[str, pd.DataFrame], conventions: config.Conventions) -> list[Path]:
    """key-figures.csv and .json: the key figures of both editions, column ``edition``."""
    kf = by_edition(editions, conventions)
    out.mkdir(parents=True, exist_ok=True)
    csv_p, json_p = out / "key-figures.csv", out / "key-figures.json"
    kf.to_csv(csv_p, index=False, lineterminator="\n")
    json_p.write_text(kf.to_json(orient="records", indent=1, force_ascii=False) + "\n", encoding="utf-8")
    return [csv_p, json_p]


def export_all(cfg: config.Config, out: Path | str | None = None, forces: pd.DataFrame | None = None) -> list[Path]:
    """Write every download under ``out`` (default ``_build/html/downloads``)."""
    out = Path(out) if out else cfg.paths.downloads
    enable()
    forces = load_forces(cfg) if forces is None else forces
    editions = load_editions(cfg, validate=False)
    written = (
        export_dataset(out, cfg.paths, citation.from_config(cfg))
        + export_key_figures(out, editions, cfg.conventions)
        + export_force_records(out / "forces", cfg.paths, cfg.conventions.edition)
    )
    for fig in figures_for_export(forces, cfg.conventions):
        written += export_figure(fig, out / "figures")
    return written
