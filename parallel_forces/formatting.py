"""The one formatter: how numbers, shares, durations, dates and lists read, in prose,
tables, tooltips, alt texts and exports alike. Nothing else formats a value for a reader.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable

import pandas as pd

#: Decimals shown for durations in years and for means.
YEAR_DIGITS = 1


def number(x, digits: int = YEAR_DIGITS) -> str:
    """An integer as an integer ("44"), any other number with ``digits`` decimals ("4.9")."""
    if x is None or pd.isna(x):
        return ""
    if isinstance(x, numbers.Integral):
        return f"{int(x)}"
    return f"{float(x):.{digits}f}"


def count(x) -> str:
    """A count, never with a decimal point ("44", not "44.0")."""
    return f"{int(x)}"


def years(months) -> str:
    """A duration given in months, in years to one decimal ("20.2")."""
    return f"{months / 12:.{YEAR_DIGITS}f}"


def years_text(months) -> str:
    """ "20.2 years", "1 month", "5 months" for durations under a year."""
    if months < 12:
        return plural(int(months), "month")
    return f"{years(months)} years"


def pct(share: float, digits: int = 0) -> str:
    """A share (0..1) as a percentage: "77%"."""
    if share is None or pd.isna(share):
        return ""
    return f"{share * 100:.{digits}f}%"


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def month(value) -> str:
    """A month ("1994-06", a Period, a Timestamp) as "June 1994"; "" if missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return ""
    return pd.Period(value, freq="M").strftime("%B %Y")


def date(value) -> str:
    """A day as "12 October 1992"; "" if missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return ""
    ts = pd.Timestamp(value)
    return f"{ts.day} {ts:%B %Y}"


def names(items: Iterable[str], empty: str = "none") -> str:
    """A list in prose: "a", "a and b", "a, b and c"."""
    items = [str(i) for i in items]
    if not items:
        return empty
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def listing(items: Iterable[str]) -> str:
    """A list in a table cell or export: comma-separated ("a, b, c")."""
    return ", ".join(str(i) for i in items)


#: How an empty category reads in a table or a chart (a force of the update since 2019 whose
#: lead no source names).
NOT_NAMED = "none named"


def cell_list(value: str) -> str:
    """A ';'-separated data cell as a reader sees it: comma-separated."""
    return listing(x for x in str(value).split(";") if x)


def name_list(items: Iterable[str], limit: int = 12) -> str:
    """Names joined with commas, the first ``limit`` of them, then "and N more" (so that an
    aggregated chart's tooltip does not grow with the number of rows)."""
    items = list(items)
    if len(items) <= limit:
        return listing(items)
    return listing(items[:limit]) + f" and {len(items) - limit} more"


def vote(value: str) -> str:
    """A vote cell as a reader sees it: "unanimous", "13 in favour, 0 against, 2 abstentions"."""
    if not value:
        return "no vote given"
    if value == "unanimous":
        return "unanimous"
    f, a, ab = value.split("-")
    return f"{f} in favour, {a} against, {plural(int(ab), 'abstention')}"


def end(value, conventions) -> str:
    """An end month, or the label of a force still deployed under the conventions."""
    return month(value) if month(value) else conventions.still_deployed


def year_span(start, end) -> str:
    """The years a force was deployed: "1990–1998", "2003" (one year), "since 2014" (no end)."""
    first = str(start)[:4]
    if end is None or (not isinstance(end, str) and pd.isna(end)) or str(end) == "":
        return f"since {first}"
    last = str(end)[:4]
    return first if last == first else f"{first}–{last}"


def capital(text: str) -> str:
    """The text with its first letter capitalized and the rest kept ("Still deployed in September 2019")."""
    return text[:1].upper() + text[1:]


#: The actor types as prose names them (the words of the report's Table 2).
ACTOR_TYPE_PROSE = {
    "bilateral": "single states",
    "regional": "regional organizations and alliances",
    "multinational": "coalitions of the willing",
}


def actor_type(value: str) -> str:
    """An actor type in prose: "regional" -> "regional organizations and alliances"."""
    return ACTOR_TYPE_PROSE.get(str(value), str(value))
