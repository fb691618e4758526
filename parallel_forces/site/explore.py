"""The "Explore the data" page: every force in one table that a reader can search,
filter, sort, link to and download.

The table is complete static HTML: without JavaScript a reader (or a search
engine, or a screen reader) still gets every force and every column. The site's
``vendor_static/pf-explore.js`` enhances it when it finds ``table.pf-explore``:
it shows the filter form (``hidden`` in the markup, since it does nothing without
script), filters and sorts the rows, keeps the state in the page address and
builds the CSV of the rows shown. Nothing is fetched from anywhere.

Every value from the data is HTML-escaped; the output depends only on the data
(no random ids, no dates), so rebuilding gives the same bytes.
"""

from __future__ import annotations

import html
import posixpath

import pandas as pd

#: Where the page is published, relative to the site root (links are made relative to it).
PAGE = "book/explore.html"
#: A force's record page and the dataset downloads, relative to the site root.
RECORD_PAGE = "book/generated/forces/{id}.html"
DOWNLOADS = "downloads/"


def _relative(target: str, page: str) -> str:
    """``target`` (relative to the site root) as a link from ``page``."""
    rel = posixpath.relpath(target, posixpath.dirname(page) or ".")
    return rel + "/" if target.endswith("/") else rel

#: (key, heading) of each column, in order. The key names the column in the page
#: address (``?sort=start``) and in the script.
COLUMNS = [
    ("force", "Force"),
    ("start", "Start"),
    ("end", "End"),
    ("place", "Place"),
    ("lead", "Lead"),
    ("actor", "Actor type"),
    ("un", "UN operation(s)"),
    ("auth", "Council decision"),
    ("instrument", "First instrument"),
    ("vote", "Vote"),
]

#: Sort value of "still deployed" in the End column: after every real month.
_ONGOING_SORT = "9999-12"

CSS = """
.pf-explore-form { margin: 1rem 0; padding: 0.75rem; border: 1px solid #ccc; border-radius: 4px; }
.pf-explore-form[hidden] { display: none; }
.pf-explore-controls { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr));
  gap: 0.6rem 1rem; align-items: end; }
.pf-explore-field { display: flex; flex-direction: column; min-width: 0; }
.pf-explore-field.pf-explore-search { grid-column: 1 / -1; }
.pf-explore-field.pf-explore-search input { max-width: 32rem; }
.pf-explore-field label { font-size: 0.85rem; font-weight: 600; margin-bottom: 0.15rem; }
.pf-explore-field input, .pf-explore-field select { font: inherit; font-size: 0.9rem; padding: 0.25rem 0.35rem;
  border: 1px solid #767676; border-radius: 3px; background: #fff; color: #222; max-width: 100%; }
.pf-explore-hint { font-size: 0.85rem; margin: 0.2rem 0 0.5rem; color: var(--pst-color-text-muted, #444); }
.pf-explore-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-top: 0.7rem; }
.pf-explore-actions button { font: inherit; font-size: 0.9rem; padding: 0.3rem 0.7rem; border: 1px solid #0a5a8c;
  border-radius: 3px; background: #fff; color: #0a5a8c; cursor: pointer; }
.pf-explore-actions button.pf-explore-download { background: #0a5a8c; color: #fff; }
.pf-explore-status { font-weight: 600; margin: 0.5rem 0; }
.pf-table-scroll { max-width: 100%; overflow-x: auto; margin: 0.5rem 0 1rem; }
.pf-table-scroll:focus-visible, .pf-sort:focus-visible, .pf-explore-form :focus-visible { outline: 2px solid #0a5a8c; outline-offset: 2px; }
table.pf-explore { min-width: 56rem; }
table.pf-explore th[scope="row"] { font-weight: 600; }
table.pf-explore thead th { vertical-align: bottom; white-space: nowrap; }
table.pf-explore td.pf-nowrap { white-space: nowrap; }
table.pf-explore .pf-none { color: var(--pst-color-text-muted, #555); font-style: italic; }
.pf-sort { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0.1rem 0; text-align: left; cursor: default; }
table.pf-enhanced .pf-sort { cursor: pointer; text-decoration: underline dotted; text-underline-offset: 0.2em; }
.pf-sort-icon { display: inline-block; width: 1em; margin-left: 0.2em; text-align: center; }
table.pf-enhanced th .pf-sort-icon::after { content: "\\2195"; color: #767676; }
table.pf-enhanced th[aria-sort="ascending"] .pf-sort-icon::after { content: "\\25B2"; color: inherit; }
table.pf-enhanced th[aria-sort="descending"] .pf-sort-icon::after { content: "\\25BC"; color: inherit; }
table.pf-explore th:first-child { position: sticky; left: 0; z-index: 1; background: var(--pst-color-background, #fff);
  box-shadow: inset -1px 0 0 #ccc; }
/* This page has no "On this page" sidebar: let the table use the room kept for it. */
.bd-main .bd-content:not(:has(.bd-sidebar-secondary)) .bd-article-container { max-width: 100%; }
"""


def _e(value) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _text(value) -> str:
    return "" if _missing(value) else str(value)


def _month(value) -> str:
    """A month as YYYY-MM, from a Period, a timestamp or a string; '' if missing."""
    if _missing(value):
        return ""
    if isinstance(value, pd.Period):
        return value.strftime("%Y-%m")
    return str(value)[:7]


def _date(value) -> str:
    if _missing(value):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)[:10]


def _split(value: str) -> list[str]:
    return [v.strip() for v in _text(value).split(";") if v.strip()]


def _ordered(values, order=None) -> list[str]:
    """The distinct non-empty values, in ``order`` when given (categories), else sorted."""
    present = {v for v in values if v}
    if order is not None:
        known = [v for v in order if v in present]
        return known + sorted(present - set(known), key=str.casefold)
    return sorted(present, key=lambda v: (v.casefold(), v))


def _categories(series: pd.Series):
    return [str(c) for c in series.cat.categories] if isinstance(series.dtype, pd.CategoricalDtype) else None


def _select(name: str, label: str, options: list[str], field: str, multi: bool = False,
            labels: dict[str, str] | None = None) -> str:
    opts = ['<option value="">Any</option>']
    opts += [f'<option value="{_e(v)}">{_e((labels or {}).get(v, v))}</option>' for v in options]
    multi_attr = ' data-multi=";"' if multi else ""
    return (
        f'<div class="pf-explore-field"><label for="pf-explore-{name}">{_e(label)}</label>'
        f'<select id="pf-explore-{name}" name="{name}" data-field="{field}"{multi_attr}>'
        + "".join(opts) + "</select></div>"
    )


def _row(rec: dict, page: str = PAGE) -> str:
    fid = _text(rec["id"])
    label = _text(rec.get("label")) or _text(rec.get("short_name")) or fid
    start = _month(rec.get("start"))
    end = _month(rec.get("end"))
    ongoing = bool(rec.get("ongoing")) if not _missing(rec.get("ongoing")) else not end
    leads = _split(rec.get("lead"))
    instruments = _split(rec.get("sc_instruments"))
    first = instruments[0] if instruments else ""
    first_date = _date(rec.get("sc_first_date"))
    vote = _text(rec.get("vote"))
    actor = _text(rec.get("actor_type"))
    auth = _text(rec.get("authorization"))
    decade = _text(rec.get("decade")) or (f"{int(start[:4]) // 10 * 10}s" if start else "")
    # Words a search should find although no column shows them: the Annex's full
    # name, the launching actors, every Council instrument, the countries' codes, and
    # the UN operations as written in the data ("UNPROFOR/UNPF").
    extra = " ".join(_text(rec.get(c)) for c in ("name", "actors", "sc_instruments", "countries", "un_operations"))

    href = _relative(RECORD_PAGE.format(id=fid), page)
    cells = [f'<th scope="row"><a href="{_e(href)}">{_e(label)}</a></th>']
    cells.append(f'<td class="pf-nowrap">{_e(start)}</td>')
    if ongoing:
        cells.append(f'<td class="pf-nowrap" data-sort-value="{_ONGOING_SORT}">still deployed</td>')
    else:
        cells.append(f'<td class="pf-nowrap">{_e(end)}</td>')
    cells.append(f"<td>{_e(rec.get('place'))}</td>")
    cells.append(f"<td>{_e(', '.join(leads))}</td>")
    cells.append(f"<td>{_e(actor)}</td>")
    un_ops = "/<wbr>".join(_e(part) for part in _text(rec.get("un_operations")).split("/"))
    cells.append(f"<td>{un_ops}</td>")
    cells.append(f"<td>{_e(auth)}</td>")
    if first:
        shown = f"{first} ({first_date})" if first_date else first
        cells.append(f'<td data-sort-value="{_e(first_date)}">{_e(shown)}</td>')
    else:
        cells.append('<td class="pf-none" data-sort-value="" data-csv="">none</td>')
    if vote:
        cells.append(f"<td>{_e(vote)}</td>")
    else:
        cells.append('<td class="pf-none" data-sort-value="" data-csv="">not given</td>')

    attrs = {
        "data-id": fid,
        "data-actor": actor,
        "data-lead": ";".join(leads),
        "data-decade": decade,
        "data-auth": auth,
        "data-deployed": "yes" if ongoing else "no",
        "data-search": extra,
    }
    attr_text = "".join(f' {k}="{_e(v)}"' for k, v in attrs.items())
    return f"<tr{attr_text}>" + "".join(cells) + "</tr>"


def explore_html(forces: pd.DataFrame, page: str = PAGE) -> str:
    """The explore page's HTML: filter form (enhanced by pf-explore.js), live count,
    download button and the full table of ``forces`` (one row each, data order).

    ``page`` is where the page is published, relative to the site root; links to the
    record pages and the downloads are made relative to it."""
    total = len(forces)
    actor_opts = _ordered([_text(v) for v in forces["actor_type"]], _categories(forces["actor_type"]))
    auth_opts = _ordered([_text(v) for v in forces["authorization"]], _categories(forces["authorization"]))
    lead_opts = _ordered([x for v in forces["lead"] for x in _split(v)])
    if "decade" in forces.columns:
        decades = [_text(v) for v in forces["decade"]]
    else:
        decades = [f"{int(_month(s)[:4]) // 10 * 10}s" for s in forces["start"]]
    decade_opts = _ordered(decades)

    controls = [
        '<div class="pf-explore-field pf-explore-search">'
        '<label for="pf-explore-search">Search the forces</label>'
        # Not "q" in the address: Sphinx's searchtools.js runs a site search on any page
        # whose address has ?q= (and sphinx_highlight.js reads ?highlight=).
        '<input type="search" id="pf-explore-search" name="search" autocomplete="off" spellcheck="false" '
        'aria-describedby="pf-explore-hint"></div>',
        _select("actor", "Actor type", actor_opts, "actor"),
        _select("lead", "Lead", lead_opts, "lead", multi=True),
        _select("decade", "Decade it began", decade_opts, "decade"),
        _select("auth", "Council decision", auth_opts, "auth"),
        _select("deployed", "Still deployed in 2019", ["yes", "no"], "deployed"),
    ]
    form = (
        '<form class="pf-explore-form" id="pf-explore-form" role="search" '
        'aria-label="Filter the forces" hidden>'
        '<p class="pf-explore-hint" id="pf-explore-hint">Search keeps the rows that contain every word '
        "you type; it also looks in each force’s full name in the Annex, its launching actors and all "
        "its Council instruments. Sort with the button in a column heading. The page address keeps "
        "your filters, so a view can be shared.</p>"
        f'<div class="pf-explore-controls">{"".join(controls)}</div>'
        '<div class="pf-explore-actions">'
        '<button type="button" class="pf-explore-download" id="pf-explore-download">'
        "Download what is shown (CSV)</button>"
        '<button type="button" class="pf-explore-reset" id="pf-explore-reset">Clear filters</button>'
        "</div></form>"
    )
    status = (f'<p class="pf-explore-status" id="pf-explore-status" role="status" aria-live="polite" '
              f'aria-atomic="true">{total} of {total} forces shown</p>')
    noscript = (
        "<noscript><p>Searching, filtering and sorting this table need JavaScript; "
        "the complete table is below.</p></noscript>"
    )
    head = "".join(
        f'<th scope="col" data-key="{key}" data-label="{_e(title)}"><button type="button" class="pf-sort">'
        f'{_e(title)}<span class="pf-sort-icon" aria-hidden="true"></span></button></th>'
        for key, title in COLUMNS
    )
    rows = "\n".join(_row(rec, page) for rec in forces.to_dict(orient="records"))
    dl = _relative(DOWNLOADS, page)
    table = (
        '<div class="pf-table-scroll" role="region" tabindex="0" aria-labelledby="pf-explore-caption">'
        '<table class="pf-table pf-explore" id="pf-explore-table" data-form="pf-explore-form" '
        'data-status="pf-explore-status" data-download="pf-explore-download" data-reset="pf-explore-reset" '
        'data-filename="parallel-forces-filtered.csv">'
        f'<caption id="pf-explore-caption">Parallel forces, one per row: '
        f'<span class="pf-explore-state">all {total}, in the order of the Annex</span></caption>'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody></table></div>"
    )
    downloads = (
        '<p class="pf-downloads">The whole dataset: '
        f'<a href="{dl}parallel_forces.csv" download>CSV</a> · '
        f'<a href="{dl}parallel_forces.json" download>JSON</a> · '
        f'<a href="{dl}parallel_forces.xlsx" download>Excel, with codebook</a></p>'
    )
    return "\n".join([f"<style>{CSS}</style>", noscript, form, status, table, downloads]) + "\n"


def explore_page_md(forces: pd.DataFrame, page: str = PAGE) -> str:
    """MyST source of the "Explore the data" page (written at build time), for
    publication at ``page`` (relative to the site root, e.g. ``book/explore.html``)."""
    body = explore_html(forces, page)
    return f"""---
myst:
  html_meta:
    description: "Search, filter, sort and download the {len(forces)} forces of the parallel forces dataset"
---

(explore-the-data)=
# Explore the data

Every force in the dataset in one table. Search it, filter it by actor type, lead,
the decade it began, the Security Council's decision and whether it was still deployed
when the report was written in 2019, sort it by any column, share the address of what you
see, and download the rows shown. Each name opens the force's record.

```{{raw}} html
{body}```
"""
