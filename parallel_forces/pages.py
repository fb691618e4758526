"""Pages generated from the data at build time (never written by hand):
the data dictionary (from the schema) and a record page per force."""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pandas as pd

from . import paths
from .citation import cite_block_html
from .data import load_forces, load_mandates
from .export import codebook


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


def force_page(rec: dict, mandate: dict | None) -> str:
    fid = rec["id"]
    title = _md_escape(rec["short_name"])
    rows = []
    for col, label in FIELD_LABELS:
        value = rec.get(col, "")
        if col == "end" and not value:
            value = "still deployed when the report was written (Annex: “to present”)"
        rows.append(f"<tr><th scope=\"row\">{html.escape(label)}</th><td>{html.escape(str(value))}</td></tr>")
    words = ""
    if mandate:
        paras = [p.strip() for p in mandate["decision_text"].split("\n\n") if p.strip()]
        words = "\n".join(f"<blockquote><p>{html.escape(p)}</p></blockquote>" for p in paras)
        words = (f"<p>{html.escape(rec['sc_instruments'] or 'No Council instrument')}"
                 f"{' (' + html.escape(rec['sc_first_date']) + ')' if rec['sc_first_date'] else ''}:</p>\n" + words)
        if mandate.get("un_operation_instruments"):
            words += (f"\n<p>The UN operation it ran beside ({html.escape(rec['un_operations'])}) was set up by "
                      f"{html.escape(mandate['un_operation_instruments'])}.</p>")
    cite = cite_block_html(f"pf-force-{fid}", f"Record: {rec['short_name']}",
                           f"book/generated/forces/{fid}.html", heading="Cite this record")
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

## Cite this record

```{{raw}} html
{cite}
```
"""


def generate_pages(out: Path) -> list[Path]:
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    (out / "forces").mkdir(parents=True)
    written = []
    p = out / "data-dictionary.html"
    p.write_text(data_dictionary_html() + "\n", encoding="utf-8")
    written.append(p)
    raw = pd.read_csv(paths.FORCES_CSV, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    mandates = {r["id"]: r for r in load_mandates().to_dict(orient="records")}
    for rec in raw.to_dict(orient="records"):
        p = out / "forces" / f"{rec['id']}.md"
        p.write_text(force_page(rec, mandates.get(rec["id"])), encoding="utf-8")
        written.append(p)
    return written
