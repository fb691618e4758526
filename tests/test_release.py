"""Versions a citation can name, and `make release`: one version everywhere, a CHANGELOG
section for it, an archive whose every file matches its SHA-256, and Zenodo metadata."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile

import jsonschema
import openpyxl
import pytest
import yaml
from conftest import ROOT, SITE

from parallel_forces import config, release
from parallel_forces.site import citation

CFG = config.load()

#: What Zenodo requires of a deposit's metadata (its legacy deposit schema, the part a
#: .zenodo.json must satisfy for a dataset with open access).
ZENODO = {
    "type": "object",
    "required": ["upload_type", "title", "creators", "description", "access_right", "license", "version"],
    "properties": {
        "upload_type": {"enum": ["dataset"]},
        "title": {"type": "string", "minLength": 1},
        "version": {"type": "string", "pattern": r"^\d+\.\d+\.\d+$"},
        "publication_date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "creators": {
            "type": "array",
            "minItems": 1,
            "items": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
        },
        "description": {"type": "string", "minLength": 20},
        "access_right": {"enum": ["open", "embargoed", "restricted", "closed"]},
        "license": {"type": "string", "pattern": "^[a-z0-9.-]+$"},
        "keywords": {"type": "array", "items": {"type": "string"}},
        "related_identifiers": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["identifier", "relation"],
                "properties": {"relation": {"enum": ["isDerivedFrom", "cites", "isDocumentedBy", "isSupplementTo"]}},
            },
        },
        "references": {"type": "array", "items": {"type": "string"}},
    },
}


def test_one_version_everywhere():
    """CITATION.cff, datapackage.json, pyproject.toml and the package agree; CHANGELOG.md has the
    version's section; the cite blocks and the workbook name it."""
    found = release.versions(CFG)
    assert len(set(found.values())) == 1, found
    version = found["CITATION.cff"]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert release.changelog_versions(changelog)[0] == version
    assert f"version {version}." in citation.from_config(CFG).line("x", "y")
    if (SITE / "downloads" / "parallel_forces.xlsx").exists():
        book = openpyxl.load_workbook(SITE / "downloads" / "parallel_forces.xlsx")
        assert book.properties.version == version
        assert dict(book["citation"].iter_rows(min_row=2, values_only=True))["Version"] == version


def test_cell_changes_lists_every_changed_cell(tmp_path):
    """What CHANGELOG.md lists, found cell by cell: Turquoise's actors as they were in 0.1.0 and
    as they are, a row removed, a row added."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(CFG.paths.data, old)
    shutil.copytree(CFG.paths.data, new)
    text = (old / "parallel_forces.csv").read_text(encoding="utf-8")
    assert text.count('Congo, Senegal)",France,') == 1  # the actors cell, before the lead
    (old / "parallel_forces.csv").write_text(
        text.replace('Congo, Senegal)",France,', 'Congo, and Senegal)",France,'), encoding="utf-8"
    )
    changes = release.cell_changes(old, new)
    assert [(c["id"], c["column"], c["change"]) for c in changes] == [
        ("operation-turquoise", "actors", "removed «and»")
    ]
    assert "| parallel_forces.csv | `operation-turquoise` | actors | removed «and» |" in release.changes_markdown(
        changes
    )
    lines = text.split("\n")
    (new / "parallel_forces.csv").write_text("\n".join([lines[0], *lines[2:]]), encoding="utf-8")
    first = lines[1].split(",", 1)[0]
    (old / "parallel_forces.csv").write_text(text, encoding="utf-8")
    assert [(c["id"], c["change"]) for c in release.cell_changes(old, new)] == [(first, "row removed")]
    assert [(c["id"], c["change"]) for c in release.cell_changes(new, old)] == [(first, "row added")]
    assert release.changes_markdown(release.cell_changes(old, old)) == "No cell changed.\n"


def test_release_refuses_disagreeing_versions(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(CFG.paths.data, root / "data")
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8").replace('version: "', 'version: "9')
    (root / "CITATION.cff").write_text(cff, encoding="utf-8")
    cfg = config.Config(config.make_paths(root), CFG.conventions)
    with pytest.raises(release.ReleaseError, match="version differs"):
        release.release(cfg, tmp_path / "dist")


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """`make release` (the book already built: `-o book` keeps make from rebuilding it)."""
    if not (SITE / "index.html").exists():
        pytest.fail("run `make book` first")
    out = tmp_path_factory.mktemp("dist")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run(
        ["make", "-o", "book", "release", f"RELEASE_DIR={out}", f"PY={sys.executable}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    version = release.versions(CFG)["CITATION.cff"]
    archive = out / f"parallel-forces-{version}.zip"
    assert archive.exists() and "checksums verified" in r.stdout
    return archive


def test_release_checksums_verify(released, tmp_path):
    """The archive matches its .sha256 and every file its line of SHA256SUMS, checked by
    sha256sum itself; a changed byte is caught."""
    assert release.verify(released) == []
    ok = subprocess.run(["sha256sum", "-c", released.name + ".sha256"], cwd=released.parent, capture_output=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    with zipfile.ZipFile(released) as zf:
        zf.extractall(tmp_path)
    folder = tmp_path / released.stem
    ok = subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    listed = {line.split("  ", 1)[1] for line in (folder / "SHA256SUMS").read_text().splitlines()}
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert listed == present
    tampered = tmp_path / "tampered" / released.name
    tampered.parent.mkdir()
    with zipfile.ZipFile(released) as zin, zipfile.ZipFile(tampered, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, data + b" " if info.filename.endswith("data/parallel_forces.csv") else data)
    shutil.copy(released.with_name(released.name + ".sha256"), tampered.with_name(tampered.name + ".sha256"))
    problems = release.verify(tampered)
    assert "data/parallel_forces.csv does not match its SHA-256" in problems
    assert any("does not match" in p and p.endswith(".sha256") for p in problems)


def test_release_holds_the_publication(released):
    with zipfile.ZipFile(released) as zf:
        names = {n.split("/", 1)[1] for n in zf.namelist()}
        zenodo = json.loads(zf.read(f"{released.stem}/.zenodo.json"))
        codebook = zf.read(f"{released.stem}/data/codebook.csv").decode()
    for name in (
        "data/parallel_forces.csv",
        "data/mandates.csv",
        "data/datapackage.json",
        "data/claims.yaml",
        "data/codebook.csv",
        "exports/parallel_forces.xlsx",
        "exports/key-figures.csv",
        "exports/claims-audit.csv",
        "figures/timeline.png",
        "figures/timeline.svg",
        "site/index.html",
        "site/book/index.html",
        "CITATION.cff",
        "CHANGELOG.md",
        "LICENSE-DATA.md",
        "README.md",
        ".zenodo.json",
        "SHA256SUMS",
    ):
        assert name in names, name
    assert codebook.startswith("table,column,title,type,rules,description\n")
    jsonschema.validate(zenodo, ZENODO)
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert zenodo["version"] == cff["version"] and zenodo["publication_date"] == str(cff["date-released"])
    assert zenodo["license"] == "cc-by-4.0" and zenodo["title"] == cff["title"]
    derived = [r for r in zenodo["related_identifiers"] if r["relation"] == "isDerivedFrom"]
    assert derived and derived[0]["identifier"].startswith("https://www.ipinst.org/")
    assert json.loads((released.parent / ".zenodo.json").read_text()) == zenodo


def test_release_is_byte_stable(released, tmp_path):
    """The same build released twice gives the same archive, byte for byte."""
    again = release.release(CFG, tmp_path)
    assert again.read_bytes() == released.read_bytes()
