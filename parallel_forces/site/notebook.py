"""Small helpers the notebooks use to show results: accessible tables with links to
each force's record page, the conventions in force, glued numbers, and each chapter's
section "Since the report" (the two editions compared)."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML, Markdown

from .. import formatting as fmt
from ..charts import table_html
from . import urls


def record_link(fid: str, text: str, page: str = urls.NOTEBOOKS) -> str:
    """A force's name linked to its record page, from a chapter (``page``)."""
    return f'<a href="{html.escape(urls.url(urls.record(fid), page))}">{html.escape(text)}</a>'


def linked_names(ids: list[str], forces: pd.DataFrame) -> str:
    """Comma-separated force names, each linked to its record page (HTML)."""
    labels = forces.set_index("id")["label"]
    return ", ".join(record_link(i, labels[i]) for i in ids)


def table(data: pd.DataFrame, caption: str) -> HTML:
    """An accessible, escaped table (first column as row headers)."""
    return HTML(table_html(data, caption))


def forces_table(data: pd.DataFrame, caption: str, forces: pd.DataFrame, ids_column: str = "ids") -> HTML:
    """A table whose ``ids_column`` (lists of force ids) is shown as linked force names."""
    shown = data.drop(columns=[c for c in ("names",) if c in data.columns]).copy()
    shown[ids_column] = [linked_names(ids, forces) for ids in data[ids_column]]
    shown = shown.rename(columns={ids_column: "forces named"})
    return HTML(table_html(shown, caption, html_columns=frozenset({"forces named"})))


def conventions_note(conv) -> Markdown:
    """The conventions this page's numbers rest on, stated on the page."""
    tail = "" if conv.is_default() else " **These differ from the report's defaults.**"
    return Markdown(f"*{conv.describe()}*{tail}")


def glue_text(key: str, value) -> None:
    """Glue a formatted string (numbers are formatted before gluing)."""
    from myst_nb import glue

    glue(key, value if isinstance(value, str) else f"{value}", display=False)


def records_table(data: pd.DataFrame, caption: str, forces: pd.DataFrame) -> HTML:
    """A table of forces whose ``id`` column becomes the force's name linked to its record."""
    shown = data.copy()
    shown.insert(0, "force", [record_link(i, forces.set_index("id").loc[i, "label"]) for i in shown["id"]])
    shown = shown.drop(columns="id")
    return HTML(table_html(shown, caption, html_columns=frozenset({"force"})))


# --- "Since the report": the two editions compared -----------------------------------


def since_figures(cfg, chapter: str) -> pd.DataFrame:
    """A chapter's key figures in both editions, as a reader reads them (rows: the number of
    forces, of forces still deployed, then the chapter's own), from
    :func:`parallel_forces.keyfigures.by_edition`; for the map chapter, the countries of
    deployment and the forces in Africa (:func:`parallel_forces.charts.map.deployment_summary`)."""
    from .. import keyfigures
    from ..data import load_editions

    editions = load_editions(cfg, validate=False)
    table = keyfigures.compare_editions(keyfigures.by_edition(editions, cfg.conventions), cfg.conventions, chapter)
    if chapter == "where":
        from ..charts.map import deployment_summary

        summary = {e: deployment_summary(f) for e, f in editions.items()}
        extra = pd.DataFrame({"key figure": ["Countries of deployment", "Forces deployed in Africa"]})
        for e in editions:
            heading = keyfigures.edition_heading(e, cfg.conventions)
            extra[heading] = [summary[e]["n_countries"], f"{summary[e]['africa']} ({summary[e]['africa_pct']}%)"]
        table = pd.concat([table, extra], ignore_index=True)
    return table


def since_the_report(cfg, chapter: str, prefix: str) -> HTML:
    """The section "Since the report" of a chapter: glues what its prose quotes and returns
    the table comparing the two editions.

    Glued, under ``{prefix}_since_``: ``new`` (forces deployed since September 2019),
    ``open`` (forces the Annex lists as still deployed), ``ended`` (how many of them have
    ended since), ``month`` (the date of the current edition), and each key figure of the
    two editions the table shows as ``{name}_annex`` and ``{name}_current``
    (``forces_total_current``, ``duration_mean_years_annex``...), formatted as there."""
    from .. import keyfigures
    from ..config import ROW_EDITIONS
    from ..data import load_editions

    editions = load_editions(cfg, validate=False)
    annex, current = editions["annex"], editions["current"]
    figures = keyfigures.by_edition(editions, cfg.conventions)
    quoted = keyfigures.COMMON_FIGURES + keyfigures.CHAPTER_FIGURES[chapter]
    for r in figures[figures["name"].isin(quoted)].to_dict(orient="records"):
        glue_text(f"{prefix}_since_{r['name']}_{r['edition']}", keyfigures.display(r["value"], r["unit"]))
    open_ids = annex.loc[annex["ongoing"], "id"]
    ended = current[current["id"].isin(open_ids) & ~current["ongoing"]]
    glue_text(f"{prefix}_since_new", int((current["edition"] == ROW_EDITIONS["current"]).sum()))
    glue_text(f"{prefix}_since_open", len(open_ids))
    glue_text(f"{prefix}_since_ended", len(ended))
    glue_text(f"{prefix}_since_month", fmt.month(cfg.conventions.with_edition("current").counted_to))
    return table(since_figures(cfg, chapter), "The two editions compared: the Annex and the current edition")


def audit_since(cfg) -> HTML:
    """The audit's section on the years since the report: glues ``audit_since_moved`` (how
    many claims change verdict when run on the current edition) and ``audit_since_month``,
    and returns the table of those claims (:func:`parallel_forces.claims.engine.edition_changes`)."""
    from ..claims import engine

    changes, _ = engine.edition_changes(cfg)
    glue_text("audit_since_moved", len(changes))
    glue_text("audit_since_month", fmt.month(cfg.conventions.with_edition("current").counted_to))
    shown = pd.DataFrame(
        {
            "claim": changes["id"],
            "page": changes["page"],
            "the report's words": changes["quote"],
            "verdict on the Annex": changes["verdict_annex"],
            "verdict on the current edition": changes["verdict_current"],
            "what moved": changes["readings"].str.replace("\n", " / "),
        }
    )
    return table(shown, "Claims whose verdict the years since the report change")
