"""Pages generated from the data at build time (never written by hand): a record page
per force of either edition, the data dictionary (from the schema), the About-the-data
fragments (low-confidence rows, every note, the rule check), the fragments of the page on
the update since 2019 (:mod:`.since`), the environment table and the explore page.

The markup is in Jinja2 templates (``templates/``, autoescape on); this module gathers
what they show, formatted for a reader by :mod:`parallel_forces.formatting`, with every
internal link made by :mod:`.urls`.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import json
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
from markupsafe import Markup

from .. import coding, config
from .. import formatting as fmt
from ..charts import ACTOR_COLOURS, chart_html, enable
from ..data import ACTOR_TYPES, all_rows_raw, load_all_rows, load_forces, load_mandates, load_since, read_forces
from . import citation, since, urls
from .export import codebook
from .templating import Code, Link, render

#: The chapters a force page links to (every chapter places every force), each at the
#: figure that shows the force: (chapter, figure id, chapter title, what the figure shows).
CHAPTERS = [
    ("notebooks/01-types.html", "timeline", "Types of parallel force", "its bar on the timeline, by actor type"),
    ("notebooks/02-durations.html", "durations", "How long they stay", "its duration"),
    ("notebooks/03-actors.html", "leads", "Who deploys them", "its lead"),
    (
        "notebooks/04-council.html",
        "council-lag",
        "How the Security Council handled them",
        "when the Council first spoke, and its decision",
    ),
    ("notebooks/05-where.html", "deployment-map", "Where they deployed", "its country on the map"),
]

FIELD_LABELS = [
    ("edition", "Edition"),
    ("name", "Name"),
    ("short_name", "Short name"),
    ("start", "Start"),
    ("end", "End"),
    ("place", "Place"),
    ("countries", "Countries (ISO 3166)"),
    ("actors", "Actors launching operation"),
    ("lead", "Lead"),
    ("actor_type", "Actor type"),
    ("un_operations", "UN peace operation(s)"),
    ("sc_instruments", "Council instruments"),
    ("sc_first_date", "Date of first instrument"),
    ("vote", "Vote on first resolution"),
    ("abstainers", "Abstaining"),
    ("authorization", "Authorization"),
    ("chapter_vii", "Chapter VII"),
    ("mandate_types", "Mandate types"),
    ("annex_page", "Annex page"),
    ("confidence", "Confidence"),
    ("note", "Note"),
]
#: Fields that hold a ';'-separated list (shown comma-separated).
LIST_FIELDS = frozenset({"countries", "lead", "sc_instruments", "abstainers", "mandate_types"})


def table_html(caption: str, columns: list[str], rows: list[list]) -> str:
    """An accessible table (template ``table.html.j2``); a cell is text, a :class:`Link` or a :class:`Code`."""
    return render("table.html.j2", caption=caption, columns=columns, rows=rows).strip("\n")


def _schema(paths: config.Paths) -> dict:
    return json.loads(paths.datapackage.read_text(encoding="utf-8"))


def field_titles(paths: config.Paths) -> dict[str, str]:
    """Each field's human title, from the schema ("chapter_vii" -> "Chapter VII")."""
    return {f["name"]: f.get("title", f["name"]) for r in _schema(paths)["resources"] for f in r["schema"]["fields"]}


def data_dictionary_html(paths: config.Paths) -> str:
    """Every column of every table; for the update's forces.csv, which has the Annex's
    columns, only the columns it adds or defines differently."""
    files = {r["name"]: r.get("path", r["name"]) for r in _schema(paths)["resources"]}
    book = codebook(paths)
    annex = book[book["table"] == "parallel_forces"].set_index("column")
    same = [
        (r.table == "since_2019_forces" and r.column in annex.index and tuple(annex.loc[r.column]) == tuple(r[1:]))
        for r in book.itertuples(index=False)
    ]
    rows = [
        [
            Code(r.column),
            files.get(r.table, r.table),
            r.type,
            fmt.listing(r.rules.split("; ")) if r.rules else "",
            r.description,
        ]
        for r, skip in zip(book.itertuples(index=False), same)
        if not skip
    ]
    return table_html(
        "Data dictionary, generated from data/datapackage.json (since-2019/forces.csv has every column of "
        "parallel_forces.csv: only those it adds or defines differently are listed for it)",
        ["Column", "Table", "Type", "Rules", "Description"],
        rows,
    )


#: A record page's timeline shows at most this many forces beside its UN operation(s): the
#: force and the others nearest to it in time; the table says how many there are in all and
#: links to them on the explore page. (No force of the Annex has more than six.)
NEIGHBOURS_SHOWN = 12
_NEIGHBOURS_DATA = "neighbours"


@functools.cache
def _neighbours_spec() -> dict:
    """The neighbours timeline's Vega-Lite spec without its data, title text, row order or
    height, made once with Altair; each record page fills in its own (an Altair chart built
    and validated per page cost 0.2 s, a quarter of an hour at 100 times the data)."""
    import altair as alt

    enable()
    chart = (
        alt.Chart(
            alt.NamedData(_NEIGHBOURS_DATA),
            # The subtitle in two short lines and the legend in a column: the chart fits a phone.
            title=alt.Title(
                "Beside",
                subtitle=["This force (outlined) and the other parallel", "forces beside the same UN operation(s)"],
            ),
        )
        .mark_bar(height=10)
        .encode(
            x=alt.X("start:T", title="Year", axis=alt.Axis(format="%Y", labelOverlap=True)),
            x2="drawn to:T",
            y=alt.Y("force:N", title=None, axis=alt.Axis(labelLimit=140)),
            color=alt.Color(
                "actor type:N",
                title="Actor type",
                scale=alt.Scale(domain=ACTOR_TYPES, range=[ACTOR_COLOURS[a] for a in ACTOR_TYPES]),
                legend=alt.Legend(direction="vertical"),
            ),
            stroke=alt.Stroke(
                "this force:N",
                legend=None,
                scale=alt.Scale(domain=["this force", "other force"], range=["#000", "transparent"]),
            ),
            strokeWidth=alt.value(2),
            tooltip=[
                alt.Tooltip("force:N", title="Force"),
                alt.Tooltip("start:N", title="Start"),
                alt.Tooltip("end:N", title="End"),
                alt.Tooltip("UN operations:N", title="UN operations"),
            ],
        )
        .properties(width="container", height=60)
    )
    return chart.to_dict()


@dataclasses.dataclass(frozen=True)
class Beside:
    """What the record pages' timelines need of every force, made once for all pages:
    each force's row as the chart and table show it, and the forces beside each UN operation."""

    rows: list[dict]
    by_operation: dict[str, list[int]]
    by_id: dict[str, int]


def beside_index(forces: pd.DataFrame, conventions: config.Conventions) -> Beside:
    rows, by_operation = [], {}
    for i, r in enumerate(forces.itertuples(index=False)):
        rows.append(
            {
                "id": r.id,
                "month": r.start.ordinal,
                "force": r.label,
                "start": str(r.start),
                "drawn to": str(r.end_effective),
                # Rows of both editions carry the month each is counted to.
                "end": fmt.month(r.end) or f"still deployed in {fmt.month(r.counted_to)}"
                if hasattr(r, "counted_to")
                else fmt.end(r.end, conventions),
                "UN operations": r.un_operations,
                "actor type": str(r.actor_type),
            }
        )
        for op in r.un_operations.split("/"):
            by_operation.setdefault(op, []).append(i)
    return Beside(rows, by_operation, {r["id"]: i for i, r in enumerate(rows)})


def neighbours(
    fid: str, forces: pd.DataFrame, conventions: config.Conventions, index: Beside | None = None
) -> tuple[Markup, dict]:
    """A small timeline of this force and the other forces beside the same UN operation(s),
    at most ``NEIGHBOURS_SHOWN`` of them, the nearest in time: the chart's HTML and its table
    (caption, columns, rows, and links to all of them when some are left out) for the record
    template. ``index`` is :func:`beside_index` of ``forces``, made once for every page."""
    index = beside_index(forces, conventions) if index is None else index
    me = index.rows[index.by_id[fid]]
    ops = sorted(set(me["UN operations"].split("/")))
    near = [index.rows[i] for i in sorted({i for op in ops for i in index.by_operation.get(op, [])})]
    total = len(near)
    if total > NEIGHBOURS_SHOWN:
        near = sorted(near, key=lambda r: (r["id"] != fid, abs(r["month"] - me["month"]), r["id"]))
        near = near[:NEIGHBOURS_SHOWN]
    near = sorted(near, key=lambda r: (r["month"], r["id"]))
    columns = ["force", "start", "drawn to", "end", "UN operations", "actor type"]
    data = [
        {**{c: r[c] for c in columns}, "this force": "this force" if r["id"] == fid else "other force"} for r in near
    ]
    beside = fmt.listing(ops)
    spec = copy.deepcopy(_neighbours_spec())
    spec["title"]["text"] = f"Beside {beside}"
    spec["encoding"]["y"]["sort"] = [r["force"] for r in data]
    spec["height"] = max(60, 18 * len(data))
    spec["datasets"] = {_NEIGHBOURS_DATA: data}
    label = (
        f"Timeline of {len(data)} parallel force(s) beside {beside}, "
        f"from {min(r['start'] for r in data)[:4]} to {max(r['drawn to'] for r in data)[:4]}; this force is outlined."
    )
    caption = "Forces beside the same UN operation(s)"
    more = []
    if total > len(data):
        caption = f"The {len(data)} of the {total} forces beside {beside} nearest in time to this one"
        page = urls.record(fid)
        more = [Link(urls.url(urls.EXPLORE, page) + "?" + urlencode({"search": op}), op) for op in ops]
    table = {
        "caption": caption,
        "columns": ["Force", "Start", "End", "UN operation(s)", "Actor type"],
        "rows": [[r["force"], r["start"], r["end"], r["UN operations"], r["actor type"]] for r in data],
        "total": total,
        "more": more,
    }
    # The chart's container and its spec as inert JSON, escaped by charts.chart_html.
    return Markup(chart_html(spec, label)), table


def _field_value(rec: dict, col: str, conventions: config.Conventions, counted_to: str | None = None) -> str:
    value = str(rec.get(col, ""))
    new = rec.get("edition", "annex") != config.ROW_EDITIONS["annex"]
    if col == "edition":
        return since.row_edition(value or config.ROW_EDITIONS["annex"])
    if col == "end" and not value:
        label = f"still deployed in {fmt.month(counted_to)}" if counted_to else conventions.still_deployed
        if rec.get("still_deployed_as_of"):
            as_of = since.value_text("still_deployed_as_of", rec["still_deployed_as_of"], {})
            return f"{label} (newest evidence: {as_of})"
        return label if new else f"{label} (Annex: “to present”)"
    if col == "annex_page" and not value and new:
        return "not in the Annex"
    if col == "chapter_vii":
        # The Annex's rows are coded from the quoted words, which often leave out the preamble
        # where a resolution says it acts under Chapter VII: "false" is not "not Chapter VII".
        if not value:
            return "not known (no stored source says)"
        if new:
            return "yes (the UN's account of the meeting)" if value == "true" else "no (per its sources)"
        return "yes, in the quoted words" if value == "true" else "not named in the quoted words"
    if col == "lead" and not value:
        return f"{fmt.NOT_NAMED} (see the note)"
    return fmt.cell_list(value) if col in LIST_FIELDS else value


def _words(rec: dict, mandate: dict | None) -> dict | None:
    """The Council's words for the record page, or None when mandates.csv has no row."""
    if not mandate:
        return None
    return {
        "instruments": fmt.cell_list(rec["sc_instruments"]) or "No Council instrument",
        "date": rec["sc_first_date"],
        "paragraphs": [p.strip() for p in mandate["decision_text"].split("\n\n") if p.strip()],
        "note": mandate.get("note", ""),
        "un_operations": rec["un_operations"],
        "un_instruments": mandate.get("un_operation_instruments") or "",
    }


def record_title(rec: dict) -> str:
    """A record page's title, unique among the records: name, years and place
    ("ECOMOG, 1990–1998, Liberia"; "Operation Barkhane, since 2014, Sahel")."""
    return f"{rec['short_name']}, {fmt.year_span(rec['start'], rec['end'])}, {rec['place']}"


def force_page(
    rec: dict,
    mandate: dict | None,
    forces: pd.DataFrame,
    conventions: config.Conventions,
    cite: citation.Citation,
    index: Beside | None = None,
    since_part: dict | None = None,
) -> str:
    """The MyST source of a force's record page (template ``record.md.j2``). ``forces`` may
    hold the rows of both editions (:func:`parallel_forces.data.load_all_rows`); ``index`` as
    for :func:`neighbours`."""
    fid = rec["id"]
    page = urls.record(fid)
    title = record_title(rec)
    chart, table = neighbours(fid, forces, conventions, index)
    counted = forces.set_index("id")["counted_to"].get(fid) if "counted_to" in forces.columns else None
    return render(
        "record.md.j2",
        fid=fid,
        title=title,
        short_name=rec["short_name"],
        fields=[(label, _field_value(rec, col, conventions, counted)) for col, label in FIELD_LABELS],
        downloads=[Link(urls.url(urls.download(f"forces/{fid}.{ext}"), page), ext.upper()) for ext in ("csv", "json")],
        words=_words(rec, mandate),
        since=since_part,
        since_page=urls.url(urls.SINCE, page),
        records_index=urls.url(urls.RECORDS_INDEX, page),
        explore=urls.url(urls.EXPLORE, page),
        in_chapters=conventions.edition == "current" or rec.get("edition", "annex") == config.ROW_EDITIONS["annex"],
        chart=chart,
        neighbours=table,
        chapters=[
            {"href": urls.url(urls.figure(fig, chapter), page), "title": name, "what": what}
            for chapter, fig, name, what in CHAPTERS
        ],
        cite=cite.block(f"pf-force-{fid}", f"Record: {title}", page, heading="Citation and BibTeX"),
    )


def records_index_html(raw: pd.DataFrame) -> str:
    """The records' index (book/forces.md): every force by name, with its years and place,
    linked to its record."""
    recs = sorted(raw.to_dict(orient="records"), key=lambda r: (r["short_name"].casefold(), str(r["start"])))
    rows = [
        [
            Link(urls.url(urls.record(r["id"]), urls.RECORDS_INDEX), r["short_name"]),
            fmt.year_span(r["start"], r["end"]),
            r["place"],
            fmt.cell_list(r["lead"]),
        ]
        for r in recs
    ]
    return table_html(f"The {len(rows)} forces on record, by name", ["Force", "Years", "Place", "Lead"], rows)


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


def generate_pages(cfg: config.Config) -> list[Path]:
    out = cfg.paths.generated
    w = _Writer()
    _generate(cfg, w)
    # Remove what this run did not write (a force whose id changed, say).
    keep = {p.resolve() for p in w.paths}
    if out.exists():
        for stale in [p for p in out.rglob("*") if p.is_file() and p.resolve() not in keep]:
            stale.unlink()
    return w.paths


def _generate(cfg: config.Config, w: _Writer) -> None:
    from .explore import explore_page_md

    out = cfg.paths.generated
    w.write(out / "data-dictionary.html", data_dictionary_html(cfg.paths) + "\n")
    # Records and the explore page cover both editions: the Annex's rows as the edition in
    # force gives them, then the rows since 2019. make book validated the data just before.
    raw = all_rows_raw(cfg.paths, cfg.conventions.edition)
    w.write(out / "records-index.html", records_index_html(raw) + "\n")
    rows = load_all_rows(cfg, validate=False)
    annex_raw = read_forces(cfg.paths.forces_csv)
    since_tables = load_since(cfg.paths)
    titles = field_titles(cfg.paths)
    mandates_table = load_mandates(cfg.paths)
    words = load_mandates(cfg.paths, edition="current").merge(
        since_tables["mandates"][["id", "note"]], on="id", how="left"
    )
    mandates = {r["id"]: r for r in words.fillna("").to_dict(orient="records")}
    cite = citation.from_config(cfg)
    index = beside_index(rows, cfg.conventions)
    updates = since.since_index(rows, since_tables, annex_raw)
    for rec in raw.to_dict(orient="records"):
        part = since.record_since(rec["id"], updates, titles, cfg.conventions)
        page = force_page(rec, mandates.get(rec["id"]), rows, cfg.conventions, cite, index, part)
        w.write(out / "forces" / f"{rec['id']}.md", page)
    # The explore page sits beside the prose (book/explore.md, not committed: see .gitignore).
    shown = rows.assign(since_summary=rows["id"].map(since.summaries(rows, updates)))
    w.write(cfg.paths.root / "book" / "explore.md", explore_page_md(shown, cfg.conventions))
    w.write(out / "environment.html", environment_html() + "\n")
    # About the data describes the Annex's transcription: its fragments are the Annex's.
    annex = load_forces(cfg, validate=False, edition="annex")
    for name, content in about_data_parts(annex, mandates_table, titles).items():
        w.write(out / name, content + "\n")
    for name, content in since.page_parts(rows, since_tables, annex_raw, titles, cfg.conventions).items():
        w.write(out / "since-2019" / name, content + "\n")


def _force_rows(rows: pd.DataFrame, columns: list[str], forces: pd.DataFrame) -> list[list]:
    """Table rows led by the force's name linked to its record (from the About-the-data page)."""
    labels = forces.set_index("id")["label"]
    return [
        [Link(urls.url(urls.record(r["id"]), urls.ABOUT_DATA), labels[r["id"]]), *(r[c] for c in columns)]
        for r in rows.to_dict(orient="records")
    ]


def _yes_no(value) -> str:
    """A coding as a reader sees it: a boolean as "yes"/"no", anything else as written."""
    return ("yes" if value else "no") if isinstance(value, bool) else str(value)


def about_data_parts(forces: pd.DataFrame, mandates: pd.DataFrame, titles: dict[str, str]) -> dict[str, str]:
    """HTML fragments of the About-the-data page made from the data: the low-confidence
    rows, every note, and the rule-versus-hand comparison. ``titles`` names each field
    for a reader (:func:`field_titles`)."""
    low = forces[forces["confidence"] == "low"]
    notes = forces[forces["note"] != ""].assign(confidence=lambda d: d["confidence"].astype(str))
    comp = coding.compare(forces, mandates)
    dis = comp[~comp["agree"]].assign(
        field=lambda d: d["column"].map(lambda c: titles.get(c, c)),
        rule=lambda d: d["rule"].map(_yes_no),
        hand=lambda d: d["hand"].map(_yes_no),
    )
    rule_check = render(
        "rule_check.html.j2",
        cells=len(comp),
        forces=len(forces),
        compared=fmt.names([titles.get(c, c) for c in comp["column"].unique()]),
        disagreements=fmt.plural(len(dis), "disagreement"),
        columns=["Force", "Field", "Rule", "Hand coding", "The words", "Reason"],
        rows=_force_rows(dis, ["field", "rule", "hand", "evidence", "reason"], forces),
    )
    return {
        "low-confidence.html": table_html(
            f"The {len(low)} low-confidence rows", ["Force", "Note"], _force_rows(low, ["note"], forces)
        ),
        "notes.html": table_html(
            f"Every note ({len(notes)} rows)",
            ["Force", "Confidence", "Note"],
            _force_rows(notes, ["confidence", "note"], forces),
        ),
        "rule-check.html": rule_check.strip("\n"),
    }


#: Packages whose versions the environment page reports.
REPORTED_PACKAGES = [
    "jupyter-book",
    "sphinx",
    "myst-nb",
    "sphinx-book-theme",
    "pandas",
    "numpy",
    "altair",
    "vl-convert-python",
    "frictionless",
    "lifelines",
    "pycountry",
    "openpyxl",
    "nbclient",
    "ipykernel",
    "nbval",
    "pytest",
    "playwright",
]


def environment_html() -> str:
    """Python and package versions of the environment building the book."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    rows = [["Python", platform.python_version()]]
    for name in REPORTED_PACKAGES:
        try:
            rows.append([name, version(name)])
        except PackageNotFoundError:
            rows.append([name, "not installed"])
    return table_html("Versions used to build this book", ["Package", "Version"], rows)
