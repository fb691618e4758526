"""Versions and releases: what a citation can name, and the archive a version is deposited as.

One version names the dataset and the book together. It is written in ``CITATION.cff`` (the
source the cite blocks read), and repeated, checked equal by :func:`versions` and the tests, in
``data/datapackage.json``, ``pyproject.toml`` and ``parallel_forces.__version__``;
``CHANGELOG.md`` has a section for it that lists the data changes row by row
(:func:`cell_changes` finds them: ``python -m parallel_forces changes OLD_DATA_DIR``).

:func:`release` (``make release``) writes ``dist/parallel-forces-VERSION.zip``, byte-stable,
holding the data package and its codebook, the spreadsheet and JSON exports, every figure, the
key figures, the claims audit and the built site, with ``SHA256SUMS`` (every file's SHA-256, as
``sha256sum -c`` reads it) and a ``.zenodo.json`` (Zenodo's deposit metadata, so that the
version can be given a DOI); beside it the archive's own ``.sha256`` and the ``.zenodo.json``.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import tomllib
import zipfile
from pathlib import Path

import yaml

from . import __version__, config
from .site import citation
from .site.templating import render

#: Zip entries' time (the zip format's earliest), so that one release is byte-identical to the next.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
#: Files from the repository's root that travel with the data.
ROOT_FILES = ["CITATION.cff", "CHANGELOG.md", "LICENSE", "LICENSE-DATA.md"]
#: Exports taken from the built site's downloads, and where they go in the archive.
EXPORTS = ["parallel_forces.xlsx", "parallel_forces.json", "key-figures.csv", "key-figures.json", "claims-audit.csv"]


class ReleaseError(Exception):
    """A release cannot be made (versions disagree, the site is not built or not current)."""


def versions(cfg: config.Config) -> dict[str, str]:
    """The version as each file states it (they must agree)."""
    root = cfg.paths.root
    cff = yaml.safe_load(cfg.paths.citation_file.read_text(encoding="utf-8"))
    package = json.loads(cfg.paths.datapackage.read_text(encoding="utf-8"))
    out = {"CITATION.cff": str(cff["version"]), "datapackage.json": str(package.get("version"))}
    if (root / "pyproject.toml").exists():
        out["pyproject.toml"] = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"][
            "version"
        ]
    out["parallel_forces.__version__"] = __version__
    return out


def changelog_versions(text: str) -> list[str]:
    """The versions CHANGELOG.md has a section for (``## 0.2.0 (2026-11-29)``), newest first."""
    return re.findall(r"^## (\d+\.\d+\.\d+)\b", text, re.M)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _bibliography(root: Path) -> list[dict]:
    """The works in references.bib: key, authors, year, title, publisher, url."""
    from pybtex.database import parse_file

    works = []
    for key, entry in parse_file(str(root / "references.bib")).entries.items():
        f = entry.fields
        works.append(
            {
                "key": key,
                "authors": [str(p) for p in entry.persons.get("author", [])],
                "year": f.get("year", ""),
                "title": f.get("title", "").replace("{", "").replace("}", ""),
                "publisher": f.get("institution") or f.get("publisher", ""),
                "url": f.get("url", ""),
            }
        )
    return works


#: How each work of references.bib relates to the dataset, in Zenodo's vocabulary.
RELATIONS = {"novosseloff2019partners": "isDerivedFrom", "sherman2020future": "cites"}


def zenodo_metadata(cfg: config.Config, cite: citation.Citation) -> dict:
    """The deposit metadata Zenodo reads from ``.zenodo.json`` (its legacy deposit schema)."""
    cff = yaml.safe_load(cfg.paths.citation_file.read_text(encoding="utf-8"))
    package = json.loads(cfg.paths.datapackage.read_text(encoding="utf-8"))
    works = _bibliography(cfg.paths.root)
    related = [
        {"identifier": w["url"], "relation": RELATIONS.get(w["key"], "cites"), "scheme": "url"}
        for w in works
        if w["url"]
    ]
    if cfg.site_url:
        related.append({"identifier": cfg.site_url, "relation": "isDocumentedBy", "scheme": "url"})
    if cfg.repository_url:
        related.append({"identifier": cfg.repository_url, "relation": "isSupplementTo", "scheme": "url"})
    description = render("release_description.html.j2", package=package, cite=cite).strip()
    return {
        "upload_type": "dataset",
        "title": cite.title,
        "version": cite.version,
        "publication_date": cite.date,
        "creators": [{"name": name} for name in cite.authors],
        "description": description,
        "access_right": "open",
        "license": str(cff.get("license", "CC-BY-4.0")).lower(),
        "keywords": list(cff.get("keywords", [])),
        "related_identifiers": related,
        "references": [f"{'; '.join(w['authors'])} ({w['year']}). {w['title']}. {w['publisher']}." for w in works],
        "notes": "Data, text and figures: CC BY 4.0. Code: MIT. Credit the source report's authors whenever "
        "you use the data.",
    }


def _files(cfg: config.Config, cite: citation.Citation) -> dict[str, bytes]:
    """Every file of the archive, by its path inside it."""
    from .site.export import codebook

    paths = cfg.paths
    html = paths.html
    files: dict[str, bytes] = {}
    for f in sorted(paths.data.iterdir()):
        if f.is_file():
            files[f"data/{f.name}"] = f.read_bytes()
    files["data/codebook.csv"] = codebook(paths).to_csv(index=False, lineterminator="\n").encode()
    for name in ROOT_FILES:
        if (paths.root / name).exists():
            files[name] = (paths.root / name).read_bytes()
    for name in EXPORTS:
        files[f"exports/{name}"] = (paths.downloads / name).read_bytes()
    for f in sorted((paths.downloads / "figures").iterdir()):
        if f.is_file():  # a folder left by an older build is not a figure
            files[f"figures/{f.name}"] = f.read_bytes()
    for f in sorted(html.rglob("*")):
        if f.is_file():
            files[f"site/{f.relative_to(html).as_posix()}"] = f.read_bytes()
    files[".zenodo.json"] = (json.dumps(zenodo_metadata(cfg, cite), indent=2, ensure_ascii=False) + "\n").encode()
    files["README.md"] = render("release_readme.md.j2", cite=cite, exports=EXPORTS).encode()
    return files


def _check(cfg: config.Config) -> None:
    found = versions(cfg)
    if len(set(found.values())) != 1:
        raise ReleaseError("The version differs between files: " + ", ".join(f"{k} {v}" for k, v in found.items()))
    version = found["CITATION.cff"]
    changelog = cfg.paths.root / "CHANGELOG.md"
    if not changelog.exists() or version not in changelog_versions(changelog.read_text(encoding="utf-8")):
        raise ReleaseError(f"CHANGELOG.md has no section for version {version}: record the data changes first.")
    from .site.build import FINGERPRINT_FILE, fingerprint

    stamp = cfg.paths.build / FINGERPRINT_FILE
    if not (cfg.paths.html / "index.html").exists() or not stamp.exists():
        raise ReleaseError("The site is not built: run `make book` first.")
    if stamp.read_text().strip() != fingerprint(cfg):
        raise ReleaseError("The built site is older than the data, package or settings: run `make book` again.")


def release(cfg: config.Config, out: Path | str = "dist") -> Path:
    """Write the release archive of the version in CITATION.cff into ``out``; return its path."""
    _check(cfg)
    cite = citation.from_config(cfg)
    name = f"parallel-forces-{cite.version}"
    files = _files(cfg, cite)
    files["SHA256SUMS"] = "".join(f"{_sha256(data)}  {path}\n" for path, data in sorted(files.items())).encode()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    archive = out / f"{name}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path, data in sorted(files.items()):
            info = zipfile.ZipInfo(f"{name}/{path}", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    (out / f"{archive.name}.sha256").write_text(f"{_sha256(archive.read_bytes())}  {archive.name}\n", encoding="utf-8")
    (out / ".zenodo.json").write_bytes(files[".zenodo.json"])
    return archive


def verify(archive: Path | str) -> list[str]:
    """Problems with a release archive: its own checksum, and every file against SHA256SUMS."""
    archive = Path(archive)
    problems = []
    beside = archive.with_name(archive.name + ".sha256")
    if not beside.exists():
        problems.append(f"{beside.name} is missing")
    elif beside.read_text().split()[0] != _sha256(archive.read_bytes()):
        problems.append(f"{archive.name} does not match {beside.name}")
    with zipfile.ZipFile(archive) as zf:
        prefix = zf.namelist()[0].split("/", 1)[0] + "/"
        listed = {}
        for line in zf.read(prefix + "SHA256SUMS").decode().splitlines():
            digest, path = line.split("  ", 1)
            listed[path] = digest
        present = {n.removeprefix(prefix) for n in zf.namelist()} - {"SHA256SUMS"}
        for path in sorted(present - set(listed)):
            problems.append(f"{path} is not in SHA256SUMS")
        for path, digest in sorted(listed.items()):
            if path not in present:
                problems.append(f"{path} is listed in SHA256SUMS but missing")
            elif _sha256(zf.read(prefix + path)) != digest:
                problems.append(f"{path} does not match its SHA-256")
    return problems


# --- What changed in the data, row by row -------------------------------------------------


def _words_changed(old: str, new: str) -> str:
    """The words that differ between two versions of a cell, as «removed» → «added» pieces."""
    a, b = old.split(" "), new.split(" ")
    pieces = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            gone, came = " ".join(a[i1:i2]), " ".join(b[j1:j2])
            pieces.append(
                f"«{gone}» → «{came}»" if gone and came else f"removed «{gone}»" if gone else f"added «{came}»"
            )
    return "; ".join(pieces)


def cell_changes(old_dir: Path | str, new_dir: Path | str) -> list[dict[str, str]]:
    """Every cell that differs between two copies of the data package, table by table and row
    by row (rows keyed by each table's primary key, compared by :func:`.diff.table_diff`):
    ``table``, ``id``, ``column``, ``before``, ``after`` and the ``change`` in words (rows
    added or removed appear with column ``(row)``)."""
    from .data import read_tables
    from .diff import table_diff

    old_dir, new_dir = Path(old_dir), Path(new_dir)
    # An old copy without its own datapackage.json is read with the new one's table list.
    old_package = old_dir / "datapackage.json" if (old_dir / "datapackage.json").exists() else None
    older = read_tables(old_package or new_dir / "datapackage.json", old_dir)
    older = {res["path"]: table for res, table in older.values()}
    out = []
    for res, table in read_tables(new_dir / "datapackage.json").values():
        d = table_diff(res["name"], res["path"], older.get(res["path"]), table, res["schema"].get("primaryKey", ["id"]))
        row = {"table": res["path"], "column": "(row)", "before": "", "after": ""}
        out += [{**row, "id": k, "change": "row added"} for k in d.added]
        out += [{**row, "id": k, "change": "row removed"} for k in d.removed]
        out += [
            {"table": res["path"], "id": k, "column": c, "before": a, "after": b, "change": _words_changed(a, b)}
            for k, c, a, b in d.cells
        ]
    return out


def changes_markdown(changes: list[dict[str, str]]) -> str:
    """A CHANGELOG table of :func:`cell_changes`."""
    if not changes:
        return "No cell changed.\n"
    esc = lambda s: s.replace("|", "\\|").replace("\n", " ")  # noqa: E731
    lines = ["| table | row (id) | column | change |", "| --- | --- | --- | --- |"]
    lines += [f"| {c['table']} | `{c['id']}` | {c['column']} | {esc(c['change'])} |" for c in changes]
    return "\n".join(lines) + "\n"
