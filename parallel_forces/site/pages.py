"""Pages generated from the data at build time (never written by hand):
the data dictionary (from the schema) and a record page per force."""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pandas as pd

from . import paths
from . import coding
from .charts import ACTOR_COLOURS, chart_html, enable, table_html
from .citation import cite_block_html, permalink
from .data import ACTOR_TYPES, load_forces, load_mandates
from .export import codebook

#: The chapters a force page links back to (every chapter places every force).
CHAPTERS = [
    ("notebooks/01-types", "Types of parallel force", "its mandate and actor type, and its bar on the timeline"),
    ("notebooks/02-durations", "How long they stay", "its duration"),
    ("notebooks/03-actors", "Who deploys them", "its lead"),
    ("notebooks/04-council", "How the Security Council handled them", "its authorization, vote and timing"),
    ("notebooks/05-where", "Where they deployed", "its country on the map"),
]


def _md_escape(text: str) -> str:
    """Text from the data shown in Markdown: HTML-escaped, and MyST's markup characters neutralised."""
    out = html.escape(str(text))
    for ch in "\\`*_[]{}<>|#$":
        out = out.replace(ch, "\\" + ch)
    return out


def data_dictionary_html() -> str:
    cb = codebook()
    rows = []
    for r in cb.itertuples(index=False):
        rows.append(
            f"<tr><th scope=\"row\"><code>{html.escape(r.column)}</code></th><td>{html.escape(r.table)}</td>"
            f"<td>{html.escape(r.type)}</td><td>{html.escape(r.rules)}</td><td>{html.escape(r.description)}</td></tr>"
        )
    return (
        '<table class="pf-table"><caption>Data dictionary, generated from data/datapackage.json</caption>'
        '<thead><tr><th scope="col">Column</th><th scope="col">Table</th><th scope="col">Type</th>'
        '<th scope="col">Rules</th><th scope="col">Description</th></tr></thead><tbody>'
        + "".join(rows) + "</tbody></table>"
    )


FIELD_LABELS = [
    ("name", "Name in the Annex"), ("short_name", "Short name"), ("start", "Start"), ("end", "End"),
    ("place", "Place"), ("countries", "Countries (ISO 3166)"), ("actors", "Actors launching operation"),
    ("lead", "Lead"), ("actor_type", "Actor type"), ("un_operations", "UN peace operation(s)"),
    ("sc_instruments", "Council instruments"), ("sc_first_date", "Date of first instrument"),
    ("vote", "Vote on first resolution"), ("abstainers", "Abstaining"), ("authorization", "Authorization"),
    ("chapter_vii", "Chapter VII"), ("mandate_types", "Mandate types"), ("annex_page", "Annex page"),
    ("confidence", "Confidence"), ("note", "Note"),
]


def neighbours_chart(fid: str, forces: pd.DataFrame) -> str:
    """A small timeline: this force and every other force beside the same UN operation(s)."""
    import altair as alt

    enable()
    ops = set(forces.set_index("id").loc[fid, "un_operations"].split("/"))
    near = forces[forces["un_operations"].str.split("/").apply(lambda xs: bool(ops & set(xs)))]
    near = near.sort_values(["start", "id"])
    data = pd.DataFrame({
        "force": near["label"], "start": near["start"].astype(str), "end": near["end_effective"].astype(str),
        "UN operations": near["un_operations"], "actor type": near["actor_type"].astype(str),
        "this force": (near["id"] == fid).map({True: "this force", False: "other force"}),
    })
    chart = (
        alt.Chart(data, title=alt.Title(f"Beside {', '.join(sorted(ops))}", subtitle="This force and the other parallel forces beside the same UN operation(s)"))
        .mark_bar(height=10)
        .encode(
            x=alt.X("start:T", title="Year", axis=alt.Axis(format="%Y", labelOverlap=True)),
            x2="end:T",
            y=alt.Y("force:N", sort=list(data["force"]), title=None, axis=alt.Axis(labelLimit=140)),
            color=alt.Color("actor type:N", title="Actor type",
                            scale=alt.Scale(domain=ACTOR_TYPES, range=[ACTOR_COLOURS[a] for a in ACTOR_TYPES])),
            stroke=alt.Stroke("this force:N", legend=None, scale=alt.Scale(domain=["this force", "other force"], range=["#000", "transparent"])),
            strokeWidth=alt.value(2),
            tooltip=[alt.Tooltip("force:N", title="Force"), alt.Tooltip("start:N", title="Start"), alt.Tooltip("end:N", title="End"),
                     alt.Tooltip("UN operations:N", title="UN operations")],
        )
        .properties(width="container", height=max(60, 18 * len(data)))
    )
    label = (f"Timeline of {len(data)} parallel force(s) beside {', '.join(sorted(ops))}, "
             f"from {data['start'].min()[:4]} to {data['end'].max()[:4]}; this force is outlined.")
    return chart_html(chart.to_dict(), label) + "\n" + table_html(data, "Forces beside the same UN operation(s)")


def force_page(rec: dict, mandate: dict | None, forces: pd.DataFrame | None = None) -> str:
    fid = rec["id"]
    title = _md_escape(rec["short_name"])
    rows = []
    for col, label in FIELD_LABELS:
        value = rec.get(col, "")
        if col == "end" and not value:
            value = "still deployed when the report was written (Annex: “to present”)"
        rows.append(f"<tr><th scope=\"row\">{html.escape(label)}</th><td>{html.escape(str(value))}</td></tr>")
    mentioned = ""
    words = ""
    if mandate:
        paras = [p.strip() for p in mandate["decision_text"].split("\n\n") if p.strip()]
        words = "\n".join(f"<blockquote><p>{html.escape(p)}</p></blockquote>" for p in paras)
        words = (f"<p>{html.escape(rec['sc_instruments'] or 'No Council instrument')}"
                 f"{' (' + html.escape(rec['sc_first_date']) + ')' if rec['sc_first_date'] else ''}:</p>\n" + words)
        if mandate.get("un_operation_instruments"):
            words += (f"\n<p>The UN operation it ran beside ({html.escape(rec['un_operations'])}) was set up by "
                      f"{html.escape(mandate['un_operation_instruments'])}.</p>")
    timeline = neighbours_chart(fid, forces) if forces is not None else ""
    chapters = "\n".join(f"- [{title}](../../../{path}.ipynb): {what}" for path, title, what in CHAPTERS)
    cite = cite_block_html(f"pf-force-{fid}", f"Record: {rec['short_name']}",
                           f"book/generated/forces/{fid}.html", heading="Citation and BibTeX")
    return f"""---
myst:
  html_meta:
    description: "Record of {html.escape(rec['short_name'])} in the parallel forces dataset"
---

({fid})=
# {title}

```{{raw}} html
<table class="pf-table pf-record"><caption>Record <code>{html.escape(fid)}</code></caption><tbody>
{''.join(rows)}
</tbody></table>
<p class="pf-downloads">Download this record: <a href="../../../downloads/forces/{html.escape(fid)}.csv" download>CSV</a> · <a href="../../../downloads/forces/{html.escape(fid)}.json" download>JSON</a></p>
```

## The Security Council's words

```{{raw}} html
{words}
```

## Beside the UN operation

```{{raw}} html
{timeline}
```

## Where the chapters discuss it

{chapters}

## Cite this record

```{{raw}} html
{cite}
```
"""


class _Writer:
    """Writes a generated file only when its content changed, so a no-change rebuild
    leaves modification times alone and Sphinx re-reads nothing."""

    def __init__(self):
        self.paths: list[Path] = []

    def write(self, path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        self.paths.append(path)


def generate_pages(out: Path) -> list[Path]:
    out = Path(out)
    w = _Writer()
    _generate(out, w)
    # Remove what this run did not write (a force whose id changed, say).
    keep = {p.resolve() for p in w.paths}
    if out.exists():
        for stale in [p for p in out.rglob("*") if p.is_file() and p.resolve() not in keep]:
            stale.unlink()
    return w.paths


def _generate(out: Path, w: "_Writer") -> None:
    w.write(out / "data-dictionary.html", data_dictionary_html() + "\n")
    raw = pd.read_csv(paths.FORCES_CSV, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    mandates = {r["id"]: r for r in load_mandates().to_dict(orient="records")}
    forces = load_forces()
    for rec in raw.to_dict(orient="records"):
        w.write(out / "forces" / f"{rec['id']}.md", force_page(rec, mandates.get(rec["id"]), forces))
    from .explore import explore_page_md

    # The explore page sits beside the prose (book/explore.md, not committed: see .gitignore).
    w.write(paths.ROOT / "book" / "explore.md", explore_page_md(forces))
    w.write(out / "environment.html", environment_html() + "\n")
    for name, content in about_data_parts(forces).items():
        w.write(out / name, content + "\n")


def _record_links(ids, forces: pd.DataFrame, prefix: str = "generated/forces/") -> list[str]:
    labels = forces.set_index("id")["label"]
    return [f'<a href="{prefix}{html.escape(i)}.html">{html.escape(labels[i])}</a>' for i in ids]


def about_data_parts(forces: pd.DataFrame) -> dict[str, str]:
    """HTML fragments of the About-the-data page made from the data: the low-confidence
    rows, every note, and the rule-versus-hand comparison."""
    low = forces[forces["confidence"] == "low"]
    low_t = pd.DataFrame({"force": _record_links(low["id"], forces), "note": low["note"]})
    notes = forces[forces["note"] != ""]
    notes_t = pd.DataFrame({"force": _record_links(notes["id"], forces), "confidence": notes["confidence"].astype(str),
                            "note": notes["note"]})
    comp = coding.compare(forces, load_mandates())
    dis = comp[~comp["agree"]]
    summary = (f"<p>The rule and the hand coding were compared on {len(comp)} cells "
               f"({len(forces)} forces × authorization and Chapter VII): "
               f"<strong>{len(dis)} disagreement(s)</strong>.</p>")
    if len(dis):
        dis_t = pd.DataFrame({"force": _record_links(dis["id"], forces), "column": dis["column"],
                              "rule": dis["rule"].astype(str), "hand coding": dis["hand"].astype(str),
                              "the words": dis["evidence"], "reason": dis["reason"]})
        summary += table_html(dis_t, "Where the rule and the hand coding disagree", html_columns=frozenset({"force"}))
    return {
        "low-confidence.html": table_html(low_t, f"The {len(low)} low-confidence rows", html_columns=frozenset({"force"})),
        "notes.html": table_html(notes_t, f"Every note ({len(notes)} rows)", html_columns=frozenset({"force"})),
        "rule-check.html": summary,
    }


#: Packages whose versions the environment page reports.
REPORTED_PACKAGES = ["jupyter-book", "sphinx", "myst-nb", "sphinx-book-theme", "pandas", "numpy", "altair",
                     "vl-convert-python", "frictionless", "lifelines", "pycountry", "openpyxl", "nbclient",
                     "ipykernel", "nbval", "pytest", "playwright"]


def environment_html() -> str:
    """Python and package versions of the environment building the book."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    rows = [("Python", platform.python_version())]
    for name in REPORTED_PACKAGES:
        try:
            rows.append((name, version(name)))
        except PackageNotFoundError:
            rows.append((name, "not installed"))
    return table_html(pd.DataFrame(rows, columns=["package", "version"]), "Versions used to build this book")
