"""Each fact, setting and formatter has one home: the fixed facts in ``reference``, the
conventions in ``config``, the CSV reading in ``data``; labels follow the conventions."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from parallel_forces import config, formatting, reference
from parallel_forces.config import Conventions

PACKAGE = Path(__file__).resolve().parents[1] / "parallel_forces"


def sources():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).as_posix(), path.read_text(encoding="utf-8")


def test_facts_are_imported_from_their_one_home():
    from parallel_forces import analysis, data
    from parallel_forces.claims import checks

    assert analysis.P5 is reference.P5 and data.P5 is reference.P5
    assert checks.reference is reference
    assert reference.region("GEO") == reference.region("IRQ") == "Asia"  # UN M49, for the map and the audit
    assert reference.country_name("SRB") == "Serbia (incl. Kosovo)"


FACT_NAMES = {
    "P5",
    "STATE_WORDS",
    "M49",
    "REGIONS",
    "REGION",
    "COUNTRY_NAMES",
    "SHORT_NAMES",
    "NAMES",
    "WITH_ARTICLE",
    "REPORT_ONGOING",
    "REPORT_ONGOING_COUNTRIES",
    "MEMBERS",
    "LEAD_REGION",
    "AFRICAN_LEADS",
    "ORG_STATES",
    "COLD_WAR_ENDS",
}


def test_no_module_but_reference_defines_a_fact():
    found = []
    for name, text in sources():
        if name == "reference.py":
            continue
        for node in ast.walk(ast.parse(text)):
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign)
                else []
            )
            for t in targets:
                if isinstance(t, ast.Name) and t.id in FACT_NAMES:
                    found.append(f"{name}: {t.id}")
    assert not found, f"facts defined outside parallel_forces/reference.py: {found}"


def test_the_permanent_members_and_kosovo_are_spelled_out_once():
    pattern = re.compile(r'"China",\s*"France"|Kosovo \(coded|incl\. Kosovo')
    found = [name for name, text in sources() if pattern.search(text) and name != "reference.py"]
    assert not found, found


def test_convention_defaults_live_in_config_only():
    found = [
        name
        for name, text in sources()
        if name not in ("config.py", "reference.py") and re.search(r'"(1989-11|1991-12|2019-09)"', text)
    ]
    assert not found, f"a convention's value typed outside config.py: {found}"


def test_only_the_data_module_reads_csv_files():
    found = [
        name
        for name, text in sources()
        if name != "data.py" and re.search(r"\bread_csv\(|csv\.(reader|DictReader)\(", text) and name != "validate.py"
    ]
    assert not found, found
    # validate.py reads through data.read_rows only
    text = (PACKAGE / "validate.py").read_text(encoding="utf-8")
    assert "csv.reader(" not in text and "pd.read_csv(" not in text


def test_settings_are_loaded_only_at_entry_points():
    """Below the entry points, settings are passed down. Entry points: the command line, the
    build steps, the Sphinx extension, and the public functions a researcher calls with no
    argument (``load_forces()``, ``validate()``), which read the settings in force."""
    entry = {"__main__.py", "config.py", "site/build.py", "site/sphinx_ext.py", "data.py", "validate.py"}
    found = [
        name
        for name, text in sources()
        if name not in entry and re.search(r"\b(config\.)?load(_conventions|_paths)?\(\)", text)
    ]
    assert not found, f"settings fetched again below an entry point: {found}"


@pytest.mark.parametrize("value, text", [(44, "44"), (4.94, "4.9"), (0.7727, None)])
def test_one_formatter(value, text):
    if text:
        assert formatting.number(value) == text
    assert formatting.pct(0.7727) == "77%" and formatting.years(243) == "20.2"
    assert formatting.names(["a", "b", "c"]) == "a, b and c" and formatting.cell_list("a;b") == "a, b"
    assert formatting.month("2019-09") == "September 2019" and formatting.date("1992-10-09") == "9 October 1992"
    assert formatting.vote("14-0-0") == "14 in favour, 0 against, 0 abstentions"


def test_figure_labels_follow_the_reference_month():
    """Under another reference month, no figure's title, axis, legend or text alternative
    still says 2019 where the month should have moved."""
    from parallel_forces.charts import FIGURES, figures  # noqa: F401  (registers the figures)
    from parallel_forces.data import load_forces

    conv = Conventions(reference_month="2020-06")
    cfg = config.Config(config.load_paths(), conv)
    forces = load_forces(cfg)
    for fid, build in sorted(FIGURES.items()):
        fig = build(forces, conv)
        spec = fig.spec()
        texts = [fig.title, fig.description]
        for node in _walk(spec):
            if isinstance(node, dict):
                for key in ("title", "subtitle", "text"):
                    if isinstance(node.get(key), (str, list)):
                        texts += node[key] if isinstance(node[key], list) else [node[key]]
        stale = [t for t in texts if "2019" in str(t)]
        assert not stale, (fid, stale)
    assert conv.still_deployed == "still deployed in June 2020"


def _walk(obj):
    yield obj
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k not in ("datasets", "data", "values"):
                yield from _walk(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk(v)
