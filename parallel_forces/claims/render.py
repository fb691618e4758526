"""The audit on the chapter page: a one-line-per-claim summary table linked to each claim's
details (collapsed), rendered with the site's Jinja2 template ``claims-audit.html.j2``."""

from __future__ import annotations

import pandas as pd

from .. import formatting as fmt
from ..site import urls
from ..site.templating import render
from .engine import AUDIT_COLUMNS, AUDIT_FILE, DOCUMENT_SHORT, DOCUMENTS, VERDICTS, ClaimResult, outcome

#: CSS class of each verdict (colour and mark in pf.css).
VERDICT_CLASS = dict(zip(VERDICTS, ["holds", "some", "fails", "unchecked"]))
#: Words of a quote shown in the summary table.
SHORT_WORDS = 18


def short_quote(quote: str, words: int = SHORT_WORDS) -> str:
    parts = quote.split()
    return quote if len(parts) <= words else " ".join(parts[:words]) + " …"


def audit_html(results: list[ClaimResult], labels: dict[str, str], page: str = urls.AUDIT, start: int = 1) -> str:
    claims = []
    for n, r in enumerate(results, start):
        c = r.claim
        claims.append(
            {
                "number": n,
                "id": c["id"],
                "quote": c["quote"],
                "short_quote": short_quote(c["quote"]),
                "page": c["page"],
                "section": c["section"],
                "document": DOCUMENTS[c["document"]],
                "verdict": r.verdict,
                "verdict_title": fmt.capital(r.verdict),
                "verdict_class": VERDICT_CLASS[r.verdict],
                "readings": [
                    {"reading": x.reading, "outcome": outcome(x.holds), "result": x.result} for x in r.readings
                ],
                "note": c.get("note", ""),
                "needed": c.get("needed", ""),
                "settled": c.get("settled", ""),
                "forces": [{"label": labels.get(i, i), "href": urls.url(urls.record(i), page)} for i in r.forces],
            }
        )
    return render(
        "claims-audit.html.j2",
        claims=claims,
        caption="Every claim, its page in the report and its verdict (the number opens its details)",
        download_href=urls.url(urls.download(AUDIT_FILE), page),
        download_name=AUDIT_FILE,
        columns=fmt.listing(AUDIT_COLUMNS),
    )


def verdict_table(results: list[ClaimResult]) -> pd.DataFrame:
    """Claims per document and verdict, with totals (every verdict a column, zeros kept)."""
    rows = []
    for doc in [*DOCUMENTS, None]:
        sub = [r for r in results if doc is None or r.claim["document"] == doc]
        rows.append(
            {
                "document": "both documents" if doc is None else DOCUMENT_SHORT[doc],
                "claims": len(sub),
                **{v: sum(r.verdict == v for r in sub) for v in VERDICTS},
            }
        )
    return pd.DataFrame(rows)
