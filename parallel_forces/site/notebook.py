"""Small helpers the notebooks use to show results: accessible tables with links to
each force's record page, the conventions in force, and glued numbers."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML, Markdown

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
