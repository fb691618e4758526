"""Publishing: every figure a downloadable, citable object; exports byte-stable;
CITATION.cff valid; text from the data escaped wherever it is shown."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
from pathlib import Path

import pytest

import parallel_forces as pf
from parallel_forces import charts, figures  # noqa: F401  (registers the figures)
from parallel_forces.export import export_all

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
CFFCONVERT = ROOT / ".venv-tools" / "bin" / "cffconvert"


def test_citation_cff_is_valid():
    if not CFFCONVERT.exists():
        pytest.fail("cffconvert missing: `make test` installs it into .venv-tools")
    ok = subprocess.run([str(CFFCONVERT), "--validate", "-i", str(ROOT / "CITATION.cff")], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr


def test_cff_validator_rejects_a_broken_file(tmp_path):
    if not CFFCONVERT.exists():
        pytest.fail("cffconvert missing: `make test` installs it into .venv-tools")
    broken = tmp_path / "CITATION.cff"
    broken.write_text((ROOT / "CITATION.cff").read_text().replace("cff-version: 1.2.0", "cff-version: 1.2.0\nauthors: nobody"))
    bad = subprocess.run([str(CFFCONVERT), "--validate", "-i", str(broken)], capture_output=True, text=True)
    assert bad.returncode != 0


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(path).pages)


def test_two_exports_are_identical(tmp_path):
    """SVG, PNG, CSV, JSON and XLSX byte for byte; PDF (font objects vary in order) by its text."""
    a, b = tmp_path / "a", tmp_path / "b"
    files_a = export_all(a)
    export_all(b)
    assert files_a
    for fa in files_a:
        fb = b / fa.relative_to(a)
        if fa.suffix == ".pdf":
            assert _pdf_text(fa) == _pdf_text(fb), fa.name
        else:
            assert filecmp.cmp(fa, fb, shallow=False), f"{fa.relative_to(a)} differs between two exports"


def test_every_figure_is_exported_and_offered_on_its_page():
    if not (SITE / "index.html").exists():
        pytest.fail("run `make book` first")
    forces = pf.load_forces()
    for fid, build in sorted(charts.FIGURES.items()):
        fig = build(forces)
        for ext in ("svg", "png", "pdf", "csv"):
            assert (SITE / "downloads" / "figures" / f"{fid}.{ext}").stat().st_size > 0, (fid, ext)
        page = (SITE / fig.page).read_text(encoding="utf-8")
        assert f'id="fig-{fid}"' in page, f"{fid} is not shown on {fig.page}"
        for ext in ("svg", "png", "pdf", "csv"):
            assert f"downloads/figures/{fid}.{ext}" in page
        assert "Cite this figure" in page and f"#fig-{fid}" in page


def test_figure_csv_is_the_data_drawn():
    forces = pf.load_forces()
    fig = charts.FIGURES["starts-by-year"](forces)
    assert int(fig.data["forces"].sum()) == len(forces)
    spec = fig.spec()
    inline = [d for d in spec.get("datasets", {}).values()]
    assert inline and len(inline[0]) == len(fig.data)


MARKUP = '<script>alert("x")</script><b>bold</b> & "quotes"'


def test_markup_in_the_data_is_shown_as_text():
    """A note, a name and actors holding markup come out escaped in every place
    they are shown: record page, tables, chart specs, citations."""
    from parallel_forces.pages import force_page

    forces = pf.load_forces()
    raw = pf.data.read_forces()
    rec = raw.iloc[0].to_dict()
    rec.update(note=MARKUP, short_name=MARKUP, actors=MARKUP)
    page = force_page(rec, {"decision_text": MARKUP, "un_operation_instruments": ""}, forces)
    assert "<script>" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;" in page
    tampered = forces.copy()
    tampered.loc[0, "label"] = MARKUP
    html = charts.FIGURES["durations"](tampered)._repr_mimebundle_()["text/html"]
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert" in html  # the data table
    assert "\\u003cscript\\u003e" in html  # the spec, inert inside <script type=application/json>


def test_markup_renders_as_text_in_the_browser(watch, site_url, tmp_path):
    """The chart renderer and table draw markup as literal text in Chromium."""
    forces = pf.load_forces()
    tampered = forces.copy()
    tampered.loc[0, "label"] = MARKUP
    html = charts.FIGURES["durations"](tampered)._repr_mimebundle_()["text/html"]
    target = SITE / "_static" / "pf-escape-test.html"
    vendor = "vendor/"
    target.write_text(
        '<!doctype html><html lang="en" data-content_root="../"><head><meta charset="utf-8"><title>t</title>'
        '<script src="pf-charts.js"></script></head><body><main>' + html + "</main></body></html>", encoding="utf-8")
    try:
        w = watch()
        alerts = []
        w.page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
        w.page.goto(f"{site_url}/_static/pf-escape-test.html")
        w.page.wait_for_function("() => document.querySelector('.pf-chart svg')", timeout=15000)
        assert alerts == []
        assert w.page.locator("table.pf-table b").count() == 0
        assert MARKUP in w.page.locator("table.pf-table").first.text_content()
        assert w.errors == [] and w.outside == []
    finally:
        target.unlink(missing_ok=True)


def test_search_works_offline(watch, site_url):
    w = watch()
    w.page.goto(f"{site_url}/search.html?q=Barkhane")
    w.page.wait_for_selector("#search-results li", timeout=15000)
    assert w.page.locator("#search-results li").count() >= 1
    assert w.outside == [] and w.errors == []


def test_name_list_caps_long_lists():
    assert charts.name_list(["A", "B"]) == "A, B"
    assert charts.name_list([str(i) for i in range(15)], limit=12) == "0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 3 more"


@pytest.mark.parametrize("fid", ["starts-by-year", "mandate-types", "actor-types-by-decade", "leads",
                                 "authorization-by-decade", "forces-by-country", "deployment-map"])
def test_aggregate_charts_do_not_grow_with_rows(fid):
    """A chart of aggregates stops growing with the rows: once every tooltip's list of
    names is capped, 30 times the Annex weighs what 10 times does (copies, fresh ids)."""
    import json

    import pandas as pd

    forces = pf.load_forces()

    def scaled(n):
        return pd.concat([forces.assign(id=forces["id"] + f"-x{k}", label=forces["label"] + f" {k}")
                          for k in range(n)], ignore_index=True)

    small = len(json.dumps(charts.FIGURES[fid](scaled(10)).spec()))
    large = len(json.dumps(charts.FIGURES[fid](scaled(30)).spec()))
    # Only digits grow (counts, "and N more"): 15% allows that, a linear growth would be 200%.
    assert large < 1.15 * small, f"{fid}: spec grows from {small} to {large} bytes from 10x to 30x the rows"
