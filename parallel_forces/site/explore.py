"""The "Explore the data" page: every force in one table that a reader can search,
filter, sort, link to and download.

The table is complete static HTML: without JavaScript a reader (or a search
engine, or a screen reader) still gets every force and every column. The site's
``vendor_static/pf-explore.js`` enhances it when it finds ``table.pf-explore``:
it shows the filter form (``hidden`` in the markup, since it does nothing without
script), filters and sorts the rows, keeps the state in the page address and
builds the CSV of the rows shown. Nothing is fetched from anywhere. Its styles are
in ``vendor_static/pf.css``.

The markup is in the templates ``explore.html.j2`` and ``explore.md.j2`` (autoescape
on: every value from the data is escaped); this module gathers what they show. The
output depends only on the data (no random ids, no dates), so rebuilding gives the
same bytes.
"""

from __future__ import annotations

import pandas as pd

from .. import formatting as fmt
from . import urls
from .templating import Link, render

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
    ("edition", "Edition"),
    ("since", "Since the report"),
]

#: Sort value of "still deployed" in the End column: after every real month.
_ONGOING_SORT = "9999-12"

#: The dataset's downloads offered under the table: (file, label).
DOWNLOADS = [
    ("parallel_forces.csv", "CSV"),
    ("parallel_forces.json", "JSON"),
    ("parallel_forces.xlsx", "Excel, with codebook"),
]


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
    return _text(value)[:7]


def _date(value) -> str:
    """A day as YYYY-MM-DD, from a timestamp or a string; '' if missing."""
    return _text(value)[:10]


def _split(value: str) -> list[str]:
    return [v.strip() for v in _text(value).split(";") if v.strip()]


def _decade(start: str) -> str:
    return f"{int(start[:4]) // 10 * 10}s" if start else ""


def _ordered(values, order=None) -> list[str]:
    """The distinct non-empty values, in ``order`` when given (categories), else sorted."""
    present = {v for v in values if v}
    if order is not None:
        known = [v for v in order if v in present]
        return known + sorted(present - set(known), key=str.casefold)
    return sorted(present, key=lambda v: (v.casefold(), v))


def _options(series: pd.Series) -> list[str]:
    """The values a select offers for a column: its categories' order, else sorted."""
    order = [str(c) for c in series.cat.categories] if isinstance(series.dtype, pd.CategoricalDtype) else None
    return _ordered([_text(v) for v in series], order)


def _select(name: str, label: str, options: list[str], multi: bool = False) -> dict:
    """A filter of the form: the control's name is also the row attribute it reads
    (``data-<name>``); a multi filter matches any of a ';'-separated attribute."""
    return {"name": name, "label": label, "field": name, "options": options, "multi": multi}


def _row(rec: dict, page: str, months: int = 1) -> dict:
    """What the table shows of one force, and the row's attributes the script reads."""
    fid = _text(rec["id"])
    start, end = _month(rec.get("start")), _month(rec.get("end"))
    ongoing = bool(rec.get("ongoing")) if not _missing(rec.get("ongoing")) else not end
    leads = _split(rec.get("lead"))
    instruments = _split(rec.get("sc_instruments"))
    first_date = _date(rec.get("sc_first_date"))
    first = instruments[0] if instruments else ""
    actor, auth = _text(rec.get("actor_type")), _text(rec.get("authorization"))
    edition = _text(rec.get("edition")) or "annex"
    counted = _text(rec.get("counted_to"))
    # Words a search should find although no column shows them: the Annex's full
    # name, the launching actors, every Council instrument, the countries' codes, and
    # the UN operations as written in the data ("UNPROFOR/UNPF").
    extra = " ".join(_text(rec.get(c)) for c in ("name", "actors", "sc_instruments", "countries", "un_operations"))
    return {
        "attrs": [
            ("data-id", fid),
            ("data-edition", edition),
            ("data-actor", actor),
            ("data-lead", ";".join(leads)),
            ("data-decade", _text(rec.get("decade")) or _decade(start)),
            ("data-auth", auth),
            ("data-deployed", "yes" if ongoing else "no"),
            ("data-search", extra),
        ],
        "href": urls.url(urls.record(fid), page),
        "label": _text(rec.get("label")) or _text(rec.get("short_name")) or fid,
        "edition": edition,
        # With rows of both editions, each counted to its own edition's month, say which.
        "still": f"still deployed in {fmt.month(counted)}" if counted and months > 1 else "still deployed",
        "since": _text(rec.get("since_summary")),
        "start": start,
        "end": end,
        "ongoing": ongoing,
        "place": _text(rec.get("place")),
        "leads": fmt.listing(leads),
        "actor": actor,
        "auth": auth,
        "un_operations": _text(rec.get("un_operations")).split("/"),
        "first": f"{first} ({first_date})" if first and first_date else first,
        "first_date": first_date,
        "vote": _text(rec.get("vote")),
    }


def _context(forces: pd.DataFrame, conventions, page: str) -> dict:
    if "decade" in forces.columns:
        decades = [_text(v) for v in forces["decade"]]
    else:
        decades = [_decade(_month(s)) for s in forces["start"]]
    months = sorted({_text(m) for m in forces["counted_to"]} - {""}) if "counted_to" in forces.columns else []
    if len(months) > 1:
        # Rows of both editions, each counted to its own edition's month.
        still = "still deployed at its edition's date"
    else:
        still = conventions.still_deployed
    editions = [_text(v) or "annex" for v in forces["edition"]] if "edition" in forces.columns else ["annex"]
    selects = [
        _select("actor", "Actor type", _options(forces["actor_type"])),
        _select("lead", "Lead", _ordered([x for v in forces["lead"] for x in _split(v)]), multi=True),
        _select("decade", "Decade it began", _ordered(decades)),
        _select("auth", "Council decision", _options(forces["authorization"])),
        _select("deployed", still[:1].upper() + still[1:], ["yes", "no"]),
        _select("edition", "Edition", _ordered(editions, ["annex", "since 2019"])),
    ]
    return {
        "total": len(forces),
        "still_deployed": still,
        "columns": COLUMNS,
        "ongoing_sort": _ONGOING_SORT,
        "selects": selects,
        "rows": [_row(rec, page, len(months)) for rec in forces.to_dict(orient="records")],
        "downloads": [Link(urls.url(urls.download(name), page), label) for name, label in DOWNLOADS],
    }


def explore_html(forces: pd.DataFrame, conventions, page: str = urls.EXPLORE) -> str:
    """The explore page's HTML: filter form (enhanced by pf-explore.js), live count,
    download button and the full table of ``forces`` (one row each, data order).

    ``page`` is where the page is published, relative to the site root; links to the
    record pages and the downloads are made relative to it."""
    return render("explore.html.j2", **_context(forces, conventions, page))


def explore_page_md(forces: pd.DataFrame, conventions, page: str = urls.EXPLORE) -> str:
    """MyST source of the "Explore the data" page (written at build time), for
    publication at ``page`` (relative to the site root, e.g. ``book/explore.html``)."""
    return render("explore.md.j2", **_context(forces, conventions, page))
