"""The claims audit: each sentence of the two seed documents that the Annex data can
confirm or refute, checked by a function.

``data/claims.csv`` lists the claims by hand (id, document, section, the exact words,
and whether the Annex could check them). This module holds the checks: ``CLAIMS``
maps each claim id to a function ``(forces, conventions) -> ClaimResult``. Nothing
here types a verdict: every verdict is computed from the dataset.

How vague words are read is fixed once, in the constants below, each citing the words
it interprets. Where a claim turns on a convention (where the Cold War ends, which
leads count as Western, whether Serval and Barkhane are one force, the reference
month) or on a reading of the sentence (is a list complete, or only examples?), the
function computes the result under each and says which one the verdict uses: the
conventions it was given (the book's defaults unless a researcher changed them) and
the reading stated in its explanation.

:func:`audit` runs every check and returns one row per claim;
:func:`export_audit` writes it as ``claims-audit.csv``; :func:`claim_html` and
:func:`summary_html` render it for the chapter.
"""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path
from typing import Callable

import pandas as pd

from . import paths
from .data import derive, load_forces, load_mandates
from .settings import Conventions, load_conventions

# --- verdicts, documents, columns --------------------------------------------------

HOLDS = "holds"
FAILS = "does not hold"
UNCHECKABLE = "cannot be checked from the annex"
VERDICTS = (HOLDS, FAILS, UNCHECKABLE)
KINDS = ("checkable", "uncheckable")

#: The two seed documents, as the chapter names them.
DOCUMENTS = {
    "ipi-2019": "Novosseloff and Sharland, Partners and Competitors: Forces Operating in Parallel "
                "to UN Peace Operations (International Peace Institute, 2019)",
    "sherman-2020": "Sherman, Sarfati and Dahir, The Future of UN Peacekeeping and Parallel "
                    "Operations (2020)",
}
#: Short names for tables.
DOCUMENT_SHORT = {"ipi-2019": "Novosseloff and Sharland (IPI, 2019)",
                  "sherman-2020": "Sherman, Sarfati and Dahir (2020)"}
CLAIM_COLUMNS = ["id", "document", "section", "quote", "kind"]
AUDIT_COLUMNS = ["id", "document", "section", "quote", "verdict", "computed", "explanation"]
AUDIT_FILE = "claims-audit.csv"

# --- how vague words are read ---------------------------------------------------------

#: "more than forty parallel forces": strictly more than 40.
MORE_THAN_FORTY = 40
#: "Some forty parallel deployments" (Sherman et al.): about forty, read as 35 to 45.
SOME_FORTY = (35, 45)
#: "most", "the majority", "generally", "largely": more than half.
MAJORITY = 0.5
#: "a few occasions", "only a handful", "remain rare": at most a quarter of the forces
#: counted against (a count word read against the whole, as the report compares groups).
FEW_SHARE = 0.25
#: "an average duration of seven years": a mean that rounds to seven years.
SEVEN_YEARS = (6.5, 7.5)
#: "deployed only for a few months": at most six months.
FEW_MONTHS = 6
#: "ranging from several months to many years": the shortest under a year, the longest
#: at least ten years.
SEVERAL_MONTHS_MAX = 11
MANY_YEARS_MIN = 10
#: "(three months)": the Annex dates are months, so a month difference is exact only to
#: plus or minus one.
MONTH_TOLERANCE = 1
#: "in the last two decades": the twenty years before the reference month.
TWO_DECADES = 20
#: "over the last seventy years": the seventy years before the reference month.
SEVENTY_YEARS = 70
#: "since 1992" (Sherman et al.): no first Council decision before 1 January 1992.
SINCE_1992 = "1992-01-01"
#: "Resolution 2284 in 2016" (footnote 19): the year the last renewal was adopted.
RES_2284_YEAR = 2016
#: "As of September 2019": the month of the claim, fixed by its words.
AS_OF = "2019-09"

#: Where the Cold War ends, the two reasonable conventions (the book's is in Conventions).
COLD_WAR_ENDS = {"1989-11": "fall of the Berlin Wall", "1991-12": "dissolution of the USSR"}

#: Mandate types (the report's Table 1) whose forces use force.
FORCE_TYPES = ("military stabilization", "crisis response")
#: Leads that are African states or organizations ("the African Union and subregional
#: organizations in Africa"); the G5 Sahel is counted, with a variant without it.
AFRICAN_LEADS = ("AU", "ECOWAS", "ECCAS", "G5 Sahel")
#: The continent of each lead, for "none by Asian or Latin American states". A lead not
#: listed here stops the check with an error, so new data force a decision.
LEAD_REGION = {
    "France": "Europe", "United Kingdom": "Europe", "Netherlands": "Europe",
    "United States": "North America", "Australia": "Oceania", "NATO": "Europe and North America",
    "EU": "Europe", "AU": "Africa", "ECOWAS": "Africa", "ECCAS": "Africa", "G5 Sahel": "Africa",
    "CIS": "Eurasia", "Russia": "Eurasia", "China": "Asia", "India": "Asia", "Brazil": "Latin America",
}
#: The region of each country of deployment (ISO 3166-1 alpha-3; Kosovo is coded SRB in the
#: data). Georgia is put in Europe; Afghanistan, Tajikistan and Timor-Leste in Asia.
REGION = {
    "BIH": "Europe", "SRB": "Europe", "GEO": "Europe",
    "AFG": "Asia", "TJK": "Asia", "TLS": "Asia",
    "IRQ": "Middle East",
    "HTI": "Americas",
    **{c: "Africa" for c in ["SOM", "LBR", "RWA", "SLE", "CIV", "COD", "TCD", "CAF", "MLI",
                             "BFA", "MRT", "NER"]},
}
COUNTRY_NAMES = {
    "BIH": "Bosnia and Herzegovina", "SRB": "Kosovo (coded SRB)", "GEO": "Georgia", "AFG": "Afghanistan",
    "TJK": "Tajikistan", "TLS": "Timor-Leste", "IRQ": "Iraq", "HTI": "Haiti", "SOM": "Somalia",
    "LBR": "Liberia", "RWA": "Rwanda", "SLE": "Sierra Leone", "CIV": "Côte d’Ivoire",
    "COD": "DR Congo", "TCD": "Chad", "CAF": "Central African Republic", "MLI": "Mali",
    "BFA": "Burkina Faso", "MRT": "Mauritania", "NER": "Niger",
}
#: Member states of the organizations that lead forces, among the countries in the data
#: (outside knowledge: the Annex does not list members). NATO and the EU have none of them.
MEMBERS = {
    "AU": {c for c, r in REGION.items() if r == "Africa"},
    "ECOWAS": {"LBR", "SLE", "CIV", "MLI", "BFA", "NER"},
    "ECCAS": {"CAF", "TCD", "COD"},
    "G5 Sahel": {"MLI", "BFA", "TCD", "MRT", "NER"},
    "CIS": {"GEO", "TJK"},
    "NATO": set(),
    "EU": set(),
}
#: Words that name a state in the Council's words (decision_text) or the actors cell.
STATE_WORDS = {
    "France": ["France", "French"],
    "United Kingdom": ["United Kingdom", "British"],
    "United States": ["United States"],
    "Russia": ["Russian Federation", "Russia"],
    "China": ["China", "Chinese"],
    "Australia": ["Australia"],
    "Netherlands": ["Netherlands", "Dutch"],
    "Portugal": ["Portugal"],
    "New Zealand": ["New Zealand"],
    "Malaysia": ["Malaysia"],
}
P5 = ["China", "France", "Russia", "United Kingdom", "United States"]
#: Asian and Latin American states and groupings looked for among contributors (actors cell).
ASIAN_LATAM_STATES = ["Association of Southeast Asian Nations", "Bangladesh", "Brazil", "China", "India",
                      "Indonesia", "Japan", "Malaysia", "Nepal", "Pakistan", "Philippines", "Singapore",
                      "Thailand", "Argentina", "Chile", "Uruguay"]
#: Member states of an organization lead that the Council may name for it (Russia for the
#: CIS, as the report itself says of the CIS force in Georgia).
ORG_STATES = {"CIS": {"Russia"}}

#: The Annex rows the sentences name (the report's names mapped by hand to row ids).
TEMPORARY_EXAMPLES = {  # temporary-few-months
    "unitaf": "UNITAF in Somalia", "operation-uphold-democracy": "Operation Uphold Democracy in Haiti",
    "rrf": "RRF in the former Yugoslavia", "interfet": "INTERFET in Timor-Leste",
    "operation-palliser": "Operation Palliser in Sierra Leone", "operation-artemis": "Operation Artemis",
    "eufor-drc": "EUFOR in the DRC",
}
BEFORE_UN_EXAMPLES = {  # deployed-before-un
    "unitaf": "UNITAF in Somalia", "operation-uphold-democracy": "Operation Uphold Democracy in Haiti",
    "operation-licorne": "Operation Licorne in Côte d’Ivoire", "eufor-chad-car": "EUFOR in Chad/CAR",
    "operation-sangaris": "Operation Sangaris in CAR",
}
RECOGNIZED_EXCEPTIONS = ("rrf", "isf", "g5-sahel-joint-force")  # recognized-exceptions-rrf-isf-g5
FRANCE_FIVE = ("operation-turquoise", "operation-licorne", "operation-sangaris",
               "operation-serval", "operation-barkhane")  # france-five-bilateral
#: sherman-mandate-examples: each example and the Table 1 mandate type its words describe.
#: "reinforcement when peacekeepers are unable to adequately respond" is Table 1's crisis
#: response ("provide reinforcement when there is a crisis"); "a deterrent capacity" is
#: insurance or deterrence; "combat operations beyond the remit of UN peacekeeping" is
#: military stabilization ("beyond the remit or capabilities"). Operation Joint Endeavor is
#: IFOR's operation name (outside knowledge: the Annex says only IFOR).
SHERMAN_EXAMPLES = {
    "operation-sky-monitor": ("Operation Sky Monitor", "crisis response"),
    "ifor": ("Operation Joint Endeavor (IFOR)", "crisis response"),
    "operation-artemis": ("Operation Artemis", "crisis response"),
    "eufor-drc": ("the EU force in the DRC", "insurance or deterrence"),
    "operation-barkhane": ("Operation Barkhane", "military stabilization"),
    "g5-sahel-joint-force": ("the G5 Sahel Joint Force", "military stabilization"),
    "amisom": ("the African Union Mission in Somalia", "military stabilization"),
}
#: fn13-support-examples: (row id, name, lead or None, UN operations named, year or None).
SUPPORT_EXAMPLES = [
    ("operation-sky-monitor", "Operation Sky Monitor", "NATO", ["UNPROFOR"], 1992),
    ("operation-deny-flight", "Operation Deny Flight", "NATO", ["UNPROFOR", "UNPF"], 1995),
    ("operation-turquoise", "Operation Turquoise", None, ["UNAMIR"], 1994),
    ("operation-licorne", "Operation Licorne", None, ["MINUCI", "UNOCI"], None),
    ("isaf", "ISAF", "NATO", ["UNAMA"], None),
]

#: Derived columns that :func:`parallel_forces.data.derive` recomputes.
_DERIVED = ["label", "ongoing", "end_effective", "duration_months", "duration_years", "start_year", "decade",
            "lead_western", "p5_leads", "first_instrument_kind", "cold_war_era"]


# --- the result --------------------------------------------------------------------

@dataclasses.dataclass
class ClaimResult:
    """What a check found.

    Attributes:
        verdict: ``holds``, ``does not hold`` or ``cannot be checked from the annex``.
        computed: the value the data give, in words.
        explanation: how it was checked and why the verdict follows.
        forces: ids of the forces behind the computed value.
        by_convention: result under each convention or reading, when one matters.
        convention: which of those the verdict uses.
    """

    verdict: str
    computed: str
    explanation: str
    forces: list[str] = dataclasses.field(default_factory=list)
    by_convention: dict[str, str] = dataclasses.field(default_factory=dict)
    convention: str = ""

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"Verdict {self.verdict!r} is not one of {VERDICTS}.")


ClaimFunction = Callable[[pd.DataFrame, Conventions], ClaimResult]
CLAIMS: dict[str, ClaimFunction] = {}


def claim(*ids: str):
    """Decorator: register a check under one or more claim ids (repeated claims share one)."""

    def wrap(fn):
        for i in ids:
            if i in CLAIMS:
                raise ValueError(f"Claim {i!r} has two functions.")
            CLAIMS[i] = fn
        return fn

    return wrap


# --- helpers -----------------------------------------------------------------------

def _verdict(ok: bool | None) -> str:
    return UNCHECKABLE if ok is None else HOLDS if ok else FAILS


def _pct(x: float, digits: int = 0) -> str:
    return f"{x * 100:.{digits}f}%"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _date(ts) -> str:
    return "no date" if pd.isna(ts) else f"{ts.day} {ts:%B %Y}"


def _month(p) -> str:
    return "ongoing" if pd.isna(p) else pd.Period(p, freq="M").strftime("%B %Y")


def _names(df: pd.DataFrame) -> str:
    col = "display_name" if "display_name" in df.columns else "short_name"
    return ", ".join(df[col]) if len(df) else "none"


def _n(r) -> str:
    """A force's display name (its short name, with the place where two forces share it)."""
    return r["display_name"] if "display_name" in r.index else r["short_name"]


def _sentence(text: str, test) -> str:
    """The first sentence (or ';'-clause) of ``text`` for which ``test`` is true, without its final stop."""
    return next((p for p in re.split(r"(?<=[.;])\s+", text) if test(p)), "").rstrip(".;")


def _ids(df: pd.DataFrame) -> list[str]:
    return list(df["id"])


def _leads(lead: str) -> list[str]:
    return [x for x in lead.split(";") if x]


def _has_type(df: pd.DataFrame, types) -> pd.Series:
    return df["mandate_types"].apply(lambda s: any(t in s.split(";") for t in types)).astype(bool)


def _mask(df: pd.DataFrame, fn) -> pd.Series:
    """``fn(row)`` for each row, as a boolean Series (empty frames included)."""
    return pd.Series([bool(fn(r)) for _, r in df.iterrows()], index=df.index, dtype=bool)


def _row(df: pd.DataFrame, fid: str):
    hit = df[df["id"] == fid]
    return None if hit.empty else hit.iloc[0]


def _mentions(text: str, words) -> bool:
    return any(re.search(rf"\b{re.escape(w)}\b", text) for w in words)


def _instrument_dates(cell: str) -> list[pd.Timestamp]:
    return [pd.Timestamp(d) for d in re.findall(r"\((\d{4}-\d{2}-\d{2})\)", cell or "")]


def _split_vote(vote: str) -> bool | None:
    """True if any member voted against or abstained; None when there was no vote."""
    if not vote:
        return None
    if vote == "unanimous":
        return False
    f, a, ab = (int(x) for x in vote.split("-"))
    return a + ab > 0


def prepare(forces: pd.DataFrame) -> pd.DataFrame:
    """The forces with the Council's words (mandates.csv) joined on, if not there yet, and a
    ``display_name`` (the short name, with the place where two forces share it)."""
    out = forces
    if not {"decision_text", "un_operation_instruments"} <= set(forces.columns):
        m = load_mandates()
        out = forces.drop(columns=[c for c in ["decision_text", "un_operation_instruments"] if c in forces],
                          errors="ignore").merge(m, on="id", how="left")
        out[["decision_text", "un_operation_instruments"]] = \
            out[["decision_text", "un_operation_instruments"]].fillna("")
    if "display_name" not in out.columns:
        out = out.copy()
        dup = out["short_name"].duplicated(keep=False)
        out["display_name"] = [f"{n} ({p})" if d else n for n, p, d in zip(out["short_name"], out["place"], dup)]
    return out


def rederive(forces: pd.DataFrame, conventions: Conventions) -> pd.DataFrame:
    """The same forces with the derived fields recomputed under other conventions.

    A frame that already counts Serval and Barkhane as one force cannot be split again.
    """
    out = derive(forces.drop(columns=[c for c in _DERIVED + ["display_name"] if c in forces.columns]), conventions)
    return prepare(out)


def _label(field: str, value) -> str:
    if field == "cold_war_end":
        return f"Cold War ends {value} ({COLD_WAR_ENDS.get(value, 'custom')})"
    if field == "merge_serval_barkhane":
        return "Serval and Barkhane counted as one force" if value else "Serval and Barkhane counted as two forces"
    if field == "reference_month":
        return f"forces still deployed counted to {value}"
    if field == "western_leads":
        return "Western leads: " + ", ".join(value)
    return f"{field} = {value}"


def _sensitivity(forces, conv, field: str, values, core) -> tuple[dict[str, str], str]:
    """Run ``core(frame, conventions) -> (ok, short)`` under each value of one convention.

    Returns the by-convention dict and the label of the value ``conv`` uses.
    """
    own = getattr(conv, field)
    seen, out = [], {}
    for v in [own, *values]:
        if v in seen:
            continue
        seen.append(v)
        c = dataclasses.replace(conv, **{field: v})
        f = forces if v == own else rederive(forces, c)
        ok, short = core(f, c)
        out[_label(field, v)] = f"{_verdict(ok)}: {short}"
    used = _label(field, own) + (" (the book's default)" if getattr(Conventions(), field) == own else "")
    return out, used


def _merge(*parts: tuple[dict, str]) -> tuple[dict, str]:
    d, used = {}, []
    for by, u in parts:
        d.update(by)
        used.append(u)
    return d, "; ".join(used)


def _window_start(conv: Conventions, years: int) -> pd.Period:
    return pd.Period(conv.reference_month, freq="M") - 12 * years


def _uncheckable(reason: str, context: str = "", forces=()) -> ClaimResult:
    return ClaimResult(UNCHECKABLE, context or "no field in the Annex data", reason, list(forces))


# --- counts and time ------------------------------------------------------------------

def _pairs_merged(f: pd.DataFrame) -> int:
    """How many rows fewer if Sky Monitor/Deny Flight and IFOR/SFOR each count as one."""
    ids = set(f["id"])
    return sum(a in ids and b in ids for a, b in [("operation-sky-monitor", "operation-deny-flight"), ("ifor", "sfor")])


@claim("more-than-forty")
def more_than_forty(forces, conv):
    def core(f, c):
        after = f[f["sc_first_date"] >= pd.Timestamp(c.cold_war_end + "-01")]
        return len(after) > MORE_THAN_FORTY, f"{len(after)} forces"

    f = forces
    after = f[f["sc_first_date"] >= pd.Timestamp(conv.cold_war_end + "-01")]
    n = len(after)
    by, used = _merge(_sensitivity(f, conv, "cold_war_end", list(COLD_WAR_ENDS), core),
                      _sensitivity(f, conv, "merge_serval_barkhane", [False, True], core))
    merged = rederive(f, dataclasses.replace(conv, merge_serval_barkhane=True))
    m = len(merged[merged["sc_first_date"] >= pd.Timestamp(conv.cold_war_end + "-01")]) - _pairs_merged(merged)
    by["Serval+Barkhane, Sky Monitor+Deny Flight and IFOR+SFOR each counted as one force"] = \
        f"{_verdict(m > MORE_THAN_FORTY)}: {m} forces"
    return ClaimResult(
        _verdict(n > MORE_THAN_FORTY),
        f"{n} of the Annex's {len(f)} forces were first authorized or recognized by the Council in "
        f"{_month(pd.Period(conv.cold_war_end, 'M'))} or later (earliest: {_n(after.sort_values('sc_first_date').iloc[0]) if n else 'none'}, "
        f"{_date(after['sc_first_date'].min())}).",
        f"Counts the Annex rows whose first Council decision (sc_first_date) falls after the end of the Cold War; "
        f"'more than forty' means at least {MORE_THAN_FORTY + 1}.",
        _ids(after), by, used)


@claim("more-than-forty-seventy-years")
def more_than_forty_seventy(forces, conv):
    f = forces
    since = _window_start(conv, SEVENTY_YEARS)
    inside = f[f["start"] >= since]
    ok = len(f) > MORE_THAN_FORTY and len(inside) == len(f)
    by, used = _sensitivity(f, conv, "merge_serval_barkhane", [False, True],
                            lambda g, c: (len(g) > MORE_THAN_FORTY, f"{len(g)} forces"))
    first = f.sort_values("start").iloc[0]
    return ClaimResult(
        _verdict(ok),
        f"{len(f)} forces in the Annex; the earliest deployed in {_month(first['start'])} ({_n(first)}), "
        f"within the seventy years before {conv.reference_month}.",
        f"Counts the Annex rows (more than {MORE_THAN_FORTY}) and checks that every one deployed after "
        f"{since}. The sentence points to the Annex itself.",
        _ids(f), by, used)


@claim("some-forty-since-1992")
def some_forty_since_1992(forces, conv):
    f = forces
    lo, hi = SOME_FORTY
    early = f[f["sc_first_date"] < pd.Timestamp(SINCE_1992)]
    first = f.sort_values("sc_first_date").iloc[0]
    ok = lo <= len(f) <= hi and early.empty
    by, used = _sensitivity(f, conv, "merge_serval_barkhane", [False, True],
                            lambda g, c: (lo <= len(g) <= hi and early.empty, f"{len(g)} forces"))
    return ClaimResult(
        _verdict(ok),
        f"{len(f)} forces authorized or recognized by the Council; the earliest Council decision is dated "
        f"{_date(first['sc_first_date'])} ({_n(first)}); {len(early)} before 1992.",
        f"'Some forty' is read as {lo} to {hi}; 'since 1992' as no first Council decision before 1992.",
        _ids(f), by, used)


@claim("all-since-cold-war")
def all_since_cold_war(forces, conv):
    def core(f, c):
        before = f[f["start"] < pd.Period(c.cold_war_end, "M")]
        return before.empty, (f"{len(before)} started earlier ({_names(before)})" if len(before) else "none earlier")

    f = forces
    before = f[f["start"] < pd.Period(conv.cold_war_end, "M")]
    first = f.sort_values("start").iloc[0]
    by, used = _sensitivity(f, conv, "cold_war_end", list(COLD_WAR_ENDS), core)
    return ClaimResult(
        _verdict(before.empty),
        f"The earliest deployment is {_n(first) if _n(first) != first['short_name'] else first['short_name'] + ' (' + first['place'] + ')'}, {_month(first['start'])}; "
        f"{_count(len(before), 'force')} deployed before {conv.cold_war_end}.",
        "Compares each force's deployment month (start) with the end of the Cold War. Forces deployed between "
        "the fall of the Berlin Wall and the dissolution of the USSR: "
        + (_names(f[(f["start"] >= pd.Period("1989-11", "M")) & (f["start"] < pd.Period("1991-12", "M"))])) + ".",
        _ids(before) or [first["id"]], by, used)


@claim("first-recognized-sky-monitor")
def first_recognized(forces, conv):
    f = forces
    first = f.sort_values("sc_first_date").iloc[0]
    checks = {
        "1992": first["sc_first_date"].year == 1992,
        "former Yugoslavia": "Yugoslavia" in first["place"],
        "beside UNPROFOR": "UNPROFOR" in first["un_operations"].split("/"),
        "a flight ban (no-fly zone)": "flight" in first["decision_text"].lower(),
    }
    by_start = f.sort_values("start").iloc[0]
    ok = all(checks.values())
    return ClaimResult(
        _verdict(ok),
        f"The earliest first Council decision is for {_n(first)}: {first['sc_instruments'].split(';')[0]} "
        f"of {_date(first['sc_first_date'])}, place {first['place']}, beside {first['un_operations']}. "
        + "; ".join(f"{k}: {'yes' if v else 'no'}" for k, v in checks.items()) + ".",
        "'Recognized by the council' is read as the date of the force's first Council decision. The report's "
        "footnote 8 dates Resolution 781 12 October 1992; the Annex gives "
        + ", ".join(f"{_date(d)}" for d in f.loc[f["sc_instruments"].str.split(";").str[0] == "Resolution 781",
                                                  "sc_first_date"]) + ".",
        [first["id"]],
        {"by first Council decision": f"{_verdict(ok)}: {_n(first)}",
         "by deployment month": f"{_verdict(by_start['id'] == first['id'])}: {_n(by_start)} deployed first "
                                f"({_month(by_start['start'])}), recognized only on {_date(by_start['sc_first_date'])}"},
        "by first Council decision")


@claim("nato-first-actor")
def nato_first_actor(forces, conv):
    f = forces
    first = f.sort_values("sc_first_date").iloc[0]
    nato = f[f["lead"] == "NATO"]
    dayton = nato[(nato["sc_first_date"].dt.year == 1995) & nato["decision_text"].str.contains("Peace Agreement")]
    air = "flight" in first["decision_text"].lower() or "air" in first["decision_text"].lower()
    ok = first["lead"] == "NATO" and air and not dayton.empty
    by_start = f.sort_values("start").iloc[0]
    return ClaimResult(
        _verdict(ok),
        f"The earliest Council delegation is {_n(first)} ({first['lead']}, {first['place']}, "
        f"{_date(first['sc_first_date'])}); NATO forces implementing the 1995 Peace Agreement: {_names(dayton)}"
        + (f" ({_date(dayton['sc_first_date'].min())})" if len(dayton) else "") + ".",
        "'Delegated' is read as the date of the force's first Council decision: the first must be NATO's, about "
        "flights, and a NATO force must be authorized in 1995 under the Peace Agreement (Dayton).",
        [first["id"]] + _ids(dayton),
        {"by first Council decision": _verdict(ok),
         "by deployment month": f"{_verdict(by_start['lead'] == 'NATO' and ok)}: {_n(by_start)} "
                                f"({by_start['lead']}) deployed first, {_month(by_start['start'])}"},
        "by first Council decision")


@claim("six-ongoing-sept-2019")
def six_ongoing(forces, conv):
    f = forces
    m = pd.Period(AS_OF, "M")
    on = f[(f["start"] <= m) & (f["end"].isna() | (f["end"] >= m))]
    countries = sorted({c for cs in on["countries"] for c in cs.split(";")})
    named = {"AFG", "CAF", "IRQ", "SRB", "MLI", "SOM"}
    missing, extra = sorted(named - set(countries)), sorted(set(countries) - named)
    return ClaimResult(
        _verdict(not missing and not extra),
        f"{len(on)} forces were deployed in {_month(pd.Period(AS_OF, 'M'))}, in {len(countries)} countries: "
        f"{', '.join(COUNTRY_NAMES.get(c, c) for c in countries)}."
        + (f" None in {', '.join(COUNTRY_NAMES.get(c, c) for c in missing)}." if missing else "")
        + (f" Also in {', '.join(COUNTRY_NAMES.get(c, c) for c in extra)}." if extra else ""),
        "Takes the forces deployed in September 2019 (the Annex's 'to present') and compares their countries "
        "with the six named (one UN operation each)."
        + "".join(f" The Annex's forces in {COUNTRY_NAMES.get(c, c)}: "
                  + "; ".join(f"{_n(r)}, {_month(r['start'])} to {_month(r['end'])}"
                              for _, r in f[f["countries"].str.split(";").apply(lambda cs: c in cs).astype(bool)].iterrows())
                  + "." for c in missing),
        _ids(on))


def _regions(f: pd.DataFrame) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for fid, cs in zip(f["id"], f["countries"]):
        for c in cs.split(";"):
            if c not in REGION:
                raise ValueError(f"Country {c!r} (force {fid}) has no region in parallel_forces.claims.REGION.")
            out.setdefault(REGION[c], []).append(fid)
    return out


@claim("geographic-footprint")
def geographic_footprint(forces, conv):
    f = forces
    regions = _regions(f)
    named = {"Europe", "Asia", "Middle East", "Africa"}
    missing, extra = sorted(named - set(regions)), sorted(set(regions) - named)
    extra_ids = sorted({i for r in extra for i in regions[r]})
    counts = "; ".join(f"{r}: {len(set(ids))}" for r, ids in sorted(regions.items()))
    complete = not missing and not extra
    each = not missing
    return ClaimResult(
        _verdict(complete),
        f"Forces by region of deployment: {counts}."
        + (f" Outside the four named regions: {_names(f[f['id'].isin(extra_ids)])} ({', '.join(extra)})." if extra else ""),
        "Maps each country of deployment to a region. The verdict reads the list of regions as complete "
        "(the rule used for every list not introduced by 'e.g.'); read as examples, each named region has forces.",
        extra_ids or _ids(f),
        {"the list of regions is complete": _verdict(complete),
         "each named region has at least one force": _verdict(each)},
        "the list of regions is complete")


# --- durations -----------------------------------------------------------------------

@claim("duration-range")
def duration_range(forces, conv):
    def core(f, c):
        lo, hi = f.loc[f["duration_months"].idxmin()], f.loc[f["duration_months"].idxmax()]
        return (lo["duration_months"] <= SEVERAL_MONTHS_MAX and hi["duration_months"] >= 12 * MANY_YEARS_MIN,
                f"{lo['duration_months']} to {hi['duration_months']} months")

    f = forces
    lo, hi = f.loc[f["duration_months"].idxmin()], f.loc[f["duration_months"].idxmax()]
    ok, _ = core(f, conv)
    by, used = _sensitivity(f, conv, "reference_month", ["2019-09", "2019-12"], core)
    return ClaimResult(
        _verdict(ok),
        f"Shortest: {_n(lo)}, {_count(lo['duration_months'], 'month')}; longest: {_n(hi)}, "
        f"{hi['duration_months']} months ({hi['duration_months'] / 12:.1f} years"
        f"{', still deployed' if hi['ongoing'] else ''}).",
        f"Durations are whole months from start to end (forces still deployed counted to {conv.reference_month}). "
        f"'Several months' is read as a shortest force under a year, 'many years' as a longest of at least "
        f"{MANY_YEARS_MIN} years.",
        [lo["id"], hi["id"]], by, used)


@claim("avg-duration-seven-years")
def average_duration(forces, conv):
    lo, hi = SEVEN_YEARS

    def core(f, c):
        mean = f["duration_months"].mean() / 12
        return lo <= mean < hi, f"mean {mean:.1f} years over {len(f)} forces"

    f = forces
    mean, median = f["duration_months"].mean() / 12, f["duration_months"].median() / 12
    done = f[~f["ongoing"]]
    by, used = _merge(_sensitivity(f, conv, "reference_month", ["2019-09", "2019-12"], core),
                      _sensitivity(f, conv, "merge_serval_barkhane", [False, True], core))
    by["forces still deployed left out"] = f"{_verdict(lo <= done['duration_months'].mean() / 12 < hi)}: " \
                                           f"mean {done['duration_months'].mean() / 12:.1f} years over {len(done)} forces"
    return ClaimResult(
        _verdict(lo <= mean < hi),
        f"Mean duration {mean:.1f} years (median {median:.1f}) over {len(f)} forces, "
        f"{int(f['ongoing'].sum())} of them still deployed and counted to {conv.reference_month}.",
        f"Durations are whole months from start to end; 'an average duration of seven years' holds for a mean "
        f"from {lo} to under {hi} years. Figure 2 of the report, which the sentence cites, is not in the text.",
        _ids(f), by, used)


@claim("temporary-few-months")
def temporary_few_months(forces, conv):
    f = forces
    parts, bad, ids = [], [], []
    for fid, name in TEMPORARY_EXAMPLES.items():
        r = _row(f, fid)
        if r is None:
            bad.append(f"{name}: not in the data")
            continue
        ids.append(fid)
        parts.append(f"{_n(r)} {r['duration_months']}")
        if r["ongoing"] or r["duration_months"] > FEW_MONTHS:
            bad.append(f"{_n(r)}: {r['duration_months']} months")
    return ClaimResult(
        _verdict(not bad),
        "Months deployed: " + ", ".join(parts) + "." + (f" Longer than {FEW_MONTHS}: " + "; ".join(bad) + "." if bad else ""),
        f"Each named force must have ended within {FEW_MONTHS} months ('a few months'). Whether the UN "
        "took over afterwards is not an Annex field and is not checked.",
        ids)


@claim("artemis-three-months")
def artemis_three_months(forces, conv):
    r = _row(forces, "operation-artemis")
    if r is None:
        return ClaimResult(FAILS, "Operation Artemis is not in the data.", "The check needs the Artemis row.")
    checks = {
        f"{r['duration_months']} months, within {MONTH_TOLERANCE} of three": abs(r["duration_months"] - 3) <= MONTH_TOLERANCE,
        "beside MONUC": "MONUC" in r["un_operations"].split("/"),
        "Bunia named in its mandate": "Bunia" in r["decision_text"],
    }
    return ClaimResult(
        _verdict(all(checks.values()) and not r["ongoing"]),
        f"Operation Artemis: {_month(r['start'])} to {_month(r['end'])}; "
        + "; ".join(f"{k}: {'yes' if v else 'no'}" for k, v in checks.items()) + ".",
        f"The Annex gives months, so a month difference can be off by one; three months plus or minus "
        f"{MONTH_TOLERANCE} holds."
        + "".join(f" Its quoted mandate runs '{m}'." for m in re.findall(r"until \d{1,2} \w+ \d{4}", r["decision_text"])[:1]),
        [r["id"]])


@claim("interfet-feb-2000")
def interfet_february_2000(forces, conv):
    r = _row(forces, "interfet")
    if r is None:
        return ClaimResult(FAILS, "INTERFET is not in the data.", "The check needs the INTERFET row.")
    ok = not r["ongoing"] and str(r["end"]) == "2000-02"
    return ClaimResult(_verdict(ok), f"INTERFET: {_month(r['start'])} to {_month(r['end'])}.",
                       "The force's end month in the Annex must be February 2000. The re-hatting itself is not an Annex field.",
                       [r["id"]])


def _deploy_check(fid, name, month, lead=None, country=None, year_only=False):
    def check(forces, conv):
        r = _row(forces, fid)
        if r is None:
            return ClaimResult(FAILS, f"{name} is not in the data.", "The check needs this row.")
        checks = {f"deployed {month}": (r["start_year"] == int(month) if year_only else str(r["start"]) == month)}
        if lead:
            checks[f"led by {lead}"] = lead in _leads(r["lead"])
        if country:
            checks[f"in {COUNTRY_NAMES[country]}"] = country in r["countries"].split(";")
        return ClaimResult(
            _verdict(all(checks.values())),
            f"{_n(r)}: led by {r['lead']}, {r['place']}, deployed {_month(r['start'])}; "
            + "; ".join(f"{k}: {'yes' if v else 'no'}" for k, v in checks.items()) + ".",
            "Compares the Annex row's start month, lead and country with the sentence.", [r["id"]])

    return check


CLAIMS["palliser-may-2000"] = _deploy_check("operation-palliser", "Operation Palliser", "2000-05", "United Kingdom", "SLE")
CLAIMS["licorne-sept-2002"] = _deploy_check("operation-licorne", "Operation Licorne", "2002-09", "France", "CIV")


@claim("us-somalia-haiti")
def us_somalia_haiti(forces, conv):
    f = forces
    us = f[f["lead"].apply(lambda x: "United States" in _leads(x)).astype(bool) & (f["actor_type"].astype(str) == "multinational")]
    hits = {}
    for country, year in [("SOM", 1992), ("HTI", 1994)]:
        m = us[us["countries"].str.split(";").apply(lambda cs: country in cs).astype(bool) & (us["start_year"] == year)]
        hits[f"{COUNTRY_NAMES[country]} ({year})"] = m
    ok = all(len(m) for m in hits.values())
    return ClaimResult(
        _verdict(ok),
        "; ".join(f"{k}: {_names(m)}" for k, m in hits.items()) + ".",
        "Looks for US-led multinational forces deployed in Somalia in 1992 and in Haiti in 1994.",
        sorted({i for m in hits.values() for i in m["id"]}))


@claim("cis-georgia-1994-2008")
def cis_georgia(forces, conv):
    f = forces
    rows = f[(f["lead"] == "CIS") & f["countries"].str.contains("GEO")]
    if rows.empty:
        return ClaimResult(FAILS, "No CIS-led force in Georgia in the data.", "The check needs that row.")
    r = rows.iloc[0]
    checks = {"beside UNOMIG": "UNOMIG" in r["un_operations"].split("/"),
              "from 1994": r["start_year"] == 1994,
              "to 2008": (not r["ongoing"]) and r["end"].year == 2008}
    return ClaimResult(
        _verdict(all(checks.values())),
        f"{_n(r)}: {_month(r['start'])} to {_month(r['end'])}, beside {r['un_operations']}; "
        + "; ".join(f"{k}: {'yes' if v else 'no'}" for k, v in checks.items()) + ".",
        "Compares the CIS force in Georgia's years and UN operation with the sentence.", [r["id"]])


@claim("cis-georgia-tajikistan")
def cis_georgia_tajikistan(forces, conv):
    f = forces
    cis = f[f["lead"] == "CIS"]
    found = {}
    for country, op in [("GEO", "UNOMIG"), ("TJK", "UNMOT")]:
        found[f"{COUNTRY_NAMES[country]} beside {op}"] = cis[cis["countries"].str.contains(country)
                                                            & cis["un_operations"].str.contains(op)]
    return ClaimResult(
        _verdict(all(len(m) for m in found.values())),
        "; ".join(f"{k}: {_names(m)}" for k, m in found.items()) + ".",
        "Looks for CIS-led forces beside the UN missions in Georgia (UNOMIG) and Tajikistan (UNMOT).",
        _ids(cis))


@claim("deployed-before-un")
def deployed_before_un(forces, conv):
    f = forces
    lines, confirmed, undetermined, ids = [], [], [], []
    first_ok = []
    for fid, name in BEFORE_UN_EXAMPLES.items():
        r = _row(f, fid)
        if r is None:
            undetermined.append(name)
            lines.append(f"{name}: not in the data")
            continue
        ids.append(fid)
        dates = _instrument_dates(r["un_operation_instruments"])
        if not dates:
            undetermined.append(_n(r))
            lines.append(f"{_n(r)}: no UN-operation decision dated in the Annex")
            continue
        latest, earliest = max(dates).to_period("M"), min(dates).to_period("M")
        before = r["start"] < latest
        first_ok.append(r["start"] < earliest)
        (confirmed if before else undetermined).append(_n(r))
        lines.append(f"{_n(r)} deployed {_month(r['start'])}, UN operation ({r['un_operations']}) "
                     f"established {_month(latest)}")
    ok = None if undetermined else True
    return ClaimResult(
        _verdict(ok),
        "; ".join(lines) + f". Deployed before the UN operation was established: {', '.join(confirmed) or 'none'}; "
        f"UN operation established first: {', '.join(undetermined) or 'none'}.",
        "The Annex dates the decision that established each UN operation (the latest one quoted in the row's UN "
        "operation cell), not the day its troops deployed. A force that started before that decision confirms the "
        "sentence; for a force that started after it, the Annex cannot say whether the UN operation had deployed "
        "yet, so the claim as a whole cannot be checked from it.",
        ids,
        {"against the latest UN operation listed": _verdict(ok),
         "against the first UN operation listed": _verdict(True if all(first_ok) and len(first_ok) == len(BEFORE_UN_EXAMPLES) else None)},
        "against the latest UN operation listed")


@claim("fn19-licorne-2284")
def licorne_2284(forces, conv):
    r = _row(forces, "operation-licorne")
    if r is None:
        return ClaimResult(FAILS, "Operation Licorne is not in the data.", "The check needs the Licorne row.")
    end_year = None if r["ongoing"] else r["end"].year
    listed = "2284" in r["sc_instruments"] or "2284" in r["decision_text"]
    ok = listed or end_year is None or end_year >= RES_2284_YEAR
    return ClaimResult(
        _verdict(ok),
        f"The Annex gives Operation Licorne {_month(r['start'])} to {_month(r['end'])} and quotes "
        f"{r['sc_instruments'].replace(';', ', ')}; Resolution 2284 is {'' if listed else 'not '}among them.",
        f"A renewal of Licorne's mandate in {RES_2284_YEAR} needs the force to run to {RES_2284_YEAR}; the Annex "
        "ends it earlier. The Annex lists no renewals; a French force that stayed beside UNOCI under another name "
        "would not be Operation Licorne's row (the footnote and the Annex disagree; the verdict follows the Annex).",
        [r["id"]])


@claim("untaet-oct-1999")
def untaet_october_1999(forces, conv):
    r = _row(forces, "interfet")
    if r is None:
        return ClaimResult(FAILS, "INTERFET is not in the data.", "The check needs the INTERFET row.")
    dates = _instrument_dates(r["un_operation_instruments"])
    beside = "UNTAET" in r["un_operations"].split("/")
    oct99 = any(d.year == 1999 and d.month == 10 for d in dates)
    return ClaimResult(
        _verdict(beside and oct99),
        f"INTERFET ran beside {r['un_operations']}; the UN-operation decisions quoted: "
        f"{r['un_operation_instruments'].replace(';', ', ')}.",
        "UNTAET must be among INTERFET's UN operations, with a UN-operation decision of October 1999. The "
        "report's footnote 34 cites Resolution 1271 of 22 October 1999; compare the Annex's decisions above.",
        [r["id"]])


# --- mandates and the use of force ---------------------------------------------------------

@claim("most-need-use-force", "most-use-force-introduction", "offensive-operations")
def most_use_force(forces, conv):
    f = forces
    force = f[_has_type(f, FORCE_TYPES)]
    wider = f[_has_type(f, FORCE_TYPES + ("insurance or deterrence",))]
    share = len(force) / len(f)
    return ClaimResult(
        _verdict(share > MAJORITY),
        f"{len(force)} of {len(f)} forces ({_pct(share)}) have a force-using mandate (military stabilization or "
        f"crisis response); the other {len(f) - len(force)} are capacity-building missions only.",
        "Counts forces whose mandate types (the report's Table 1) include military stabilization or crisis "
        "response; 'most' means more than half. Mandate types not given in Table 1 were coded from the Annex "
        "mandate (a judgement; see each force's note).",
        _ids(force),
        {"military stabilization or crisis response": f"{_verdict(share > MAJORITY)}: {_pct(share)}",
         "also insurance or deterrence": f"{_verdict(len(wider) / len(f) > MAJORITY)}: {_pct(len(wider) / len(f))}"},
        "military stabilization or crisis response")


@claim("training-recognized-force-authorized")
def training_recognized(forces, conv):
    f = forces
    cap = f[f["mandate_types"] == "capacity building"]
    cap_auth = cap[cap["authorization"].astype(str) == "authorized"]
    force = f[_has_type(f, FORCE_TYPES)]
    auth = force[force["authorization"].astype(str) == "authorized"]
    share = len(auth) / len(force) if len(force) else 0.0
    ok = cap_auth.empty and share > MAJORITY
    return ClaimResult(
        _verdict(ok),
        f"{len(cap) - len(cap_auth)} of {len(cap)} capacity-building missions were only recognized"
        + (f" (authorized: {_names(cap_auth)})" if len(cap_auth) else "")
        + f"; {len(auth)} of {len(force)} force-using forces were authorized ({_pct(share)}).",
        "Every force whose only mandate is capacity building must be 'recognized', and more than half of the "
        "forces with a force-using mandate 'authorized'. The authorization field is coded from the verbs of the "
        "Council's quoted decision.",
        _ids(cap) + _ids(auth))


@claim("recognized-exceptions-rrf-isf-g5")
def recognized_exceptions(forces, conv):
    f = forces
    rec = f[_has_type(f, FORCE_TYPES) & (f["authorization"].astype(str) == "recognized")]
    named = set(RECOGNIZED_EXCEPTIONS)
    named_ok = named <= set(rec["id"])
    others = rec[~rec["id"].isin(named)]
    complete = named_ok and others.empty
    return ClaimResult(
        _verdict(complete),
        f"{len(rec)} forces with a force-using mandate were only recognized: {_names(rec)}. "
        f"The three named are {'all' if named_ok else 'not all'} among them; {len(others)} others are not named.",
        "The sentence lists the exceptions after a colon, not as examples, so the verdict reads the list as "
        "complete: the forces using force that were only recognized must be exactly the RRF, the ISF and the G5 "
        "Sahel Joint Force.",
        _ids(rec),
        {"the list of exceptions is complete": _verdict(complete),
         "the three named forces are exceptions": _verdict(named_ok)},
        "the list of exceptions is complete")


@claim("safety-net-bilateral")
def safety_net(forces, conv):
    def core(f, c):
        ins = f[_has_type(f, ("insurance or deterrence",))]
        bi = ins[ins["actor_type"].astype(str) == "bilateral"]
        share = len(bi) / len(ins) if len(ins) else 0.0
        return share > MAJORITY, f"{len(bi)} of {len(ins)} ({_pct(share)})"

    f = forces
    ins = f[_has_type(f, ("insurance or deterrence",))]
    bi = ins[ins["actor_type"].astype(str) == "bilateral"]
    ok, short = core(f, conv)
    by, used = _sensitivity(f, conv, "merge_serval_barkhane", [False, True], core)
    return ClaimResult(
        _verdict(ok),
        f"Forces with an insurance or deterrence ('safety net') mandate: {_names(ins)}; bilateral: {short} "
        f"({_names(bi)}).",
        "Among forces coded 'insurance or deterrence' (Table 1's insurance forces), more than half must be "
        "bilateral ('generally'). Counting Serval and Barkhane as one force changes the answer.",
        _ids(ins), by, used)


@claim("sherman-mandate-examples")
def sherman_examples(forces, conv):
    f = forces
    good, bad, ids = [], [], []
    for fid, (name, wanted) in SHERMAN_EXAMPLES.items():
        r = _row(f, fid)
        if r is None:
            bad.append(f"{name}: not in the data")
            continue
        ids.append(fid)
        types = r["mandate_types"].split(";")
        (good if wanted in types else bad).append(f"{name} ({r['mandate_types']}; the sentence implies {wanted})")
    return ClaimResult(
        _verdict(not bad),
        (f"Coded as the sentence implies: {len(good)} of {len(SHERMAN_EXAMPLES)}. ")
        + (f"Coded otherwise: {'; '.join(bad)}." if bad else ""),
        "Reinforcement when peacekeepers cannot respond is the report's 'crisis response', a deterrent capacity "
        "its 'insurance or deterrence', combat operations beyond UN peacekeeping its 'military stabilization' "
        "(Table 1's own definitions). The verdict compares each example with the dataset's mandate types, which "
        "follow Table 1 of the IPI report.",
        ids)


# --- actors ----------------------------------------------------------------------------

def _western(f: pd.DataFrame, leads) -> pd.Series:
    return f["lead"].apply(lambda x: any(l in leads for l in _leads(x))).astype(bool)


def _western_variants(conv: Conventions):
    return [conv.western_leads, tuple(x for x in conv.western_leads if x != "Australia")]


@claim("majority-western", "western-led-information", "eu-western-remit")
def majority_western(forces, conv):
    def core(f, c):
        s = _western(f, c.western_leads).mean()
        return s > MAJORITY, _pct(s)

    f = forces
    w = f[_western(f, conv.western_leads)]
    share = len(w) / len(f)
    by, used = _sensitivity(f, conv, "western_leads", _western_variants(conv), core)
    others = f[~f["id"].isin(w["id"])]
    return ClaimResult(
        _verdict(share > MAJORITY),
        f"{len(w)} of {len(f)} forces ({_pct(share)}) had a Western lead; the others: {_names(others)}.",
        "A force counts as Western when its lead (or one of joint leads) is a Western state or NATO or the EU "
        "(the conventions' list); 'the majority' or 'most' means more than half.",
        _ids(w), by, used)


@claim("western-generally-shift")
def western_shift(forces, conv):
    def part(f, c, years):
        w = _western(f, c.western_leads)
        cut = _window_start(c, years)
        recent, earlier = f["start"] >= cut, f["start"] < cut
        sr = w[recent].mean() if recent.any() else float("nan")
        se = w[earlier].mean() if earlier.any() else float("nan")
        return w.mean(), sr, se, cut

    f = forces
    share, sr, se, cut = part(f, conv, TWO_DECADES)
    ok = share > MAJORITY and sr < se
    by = {}
    for years in (TWO_DECADES, 10):
        s, r_, e_, c_ = part(f, conv, years)
        by[f"'recent years' = the last {years} years (from {c_})"] = \
            f"{_verdict(s > MAJORITY and r_ < e_)}: Western share {_pct(r_, 1)} of forces started since, {_pct(e_, 1)} before"
    return ClaimResult(
        _verdict(ok),
        f"Western-led: {_pct(share)} of all forces; {_pct(sr, 1)} of forces deployed from {cut} on, against {_pct(se, 1)} "
        f"of those deployed before.",
        "'Generally launched by Western states or organizations' holds with a Western share above half. 'Started "
        "to shift in recent years' needs the Western share of forces deployed recently to be lower than before; "
        "'recent years' is read as the last two decades, the body's own words for the same shift (see the Actors "
        "section).",
        _ids(f[_western(f, conv.western_leads)]), by,
        f"'recent years' = the last {TWO_DECADES} years (from {cut})")


@claim("four-of-five-p5")
def four_of_five_p5(forces, conv):
    f = forces
    rows = {}
    led_only = {}
    for m in P5:
        by_lead = f[f["p5_leads"].str.split(";").apply(lambda xs: m in xs).astype(bool)]
        by_text = f[f["decision_text"].apply(lambda t: _mentions(t, STATE_WORDS[m])).astype(bool)]
        rows[m] = sorted(set(by_lead["display_name"]) | set(by_text["display_name"]))
        led_only[m] = list(by_lead["display_name"])
    inv = [m for m in P5 if rows[m]]
    inv_led = [m for m in P5 if led_only[m]]
    ok = len(inv) == 4
    return ClaimResult(
        _verdict(ok),
        "; ".join(f"{m}: {', '.join(rows[m][:4]) + (' …' if len(rows[m]) > 4 else '') if rows[m] else 'none'}"
                  for m in P5) + f". Involved: {len(inv)} of 5.",
        "A permanent member counts when it leads a force, is named among the launching actors, or is named in the "
        "Council's quoted decision."
        + "".join(f" {m} is named only in the Council's words: "
                  + "; ".join(f"{_n(r)}, '{_sentence(r['decision_text'], lambda p: _mentions(p, STATE_WORDS[m]))}'"
                              for _, r in f[f["decision_text"].apply(lambda t: _mentions(t, STATE_WORDS[m])).astype(bool)].iterrows())
                  + "." for m in inv if m not in inv_led),
        sorted(set(f[f["p5_leads"] != ""]["id"]) | {i for i, t in zip(f["id"], f["decision_text"]) if _mentions(t, STATE_WORDS["Russia"])}),
        {"lead, actors or the Council's words": f"{_verdict(ok)}: {len(inv)} ({', '.join(inv)})",
         "lead or actors only": f"{_verdict(len(inv_led) == 4)}: {len(inv_led)} ({', '.join(inv_led)})"},
        "lead, actors or the Council's words")


def _african(f: pd.DataFrame, leads=AFRICAN_LEADS) -> pd.Series:
    return f["lead"].apply(lambda x: any(l in leads for l in _leads(x))).astype(bool)


@claim("african-shift-rare")
def african_shift(forces, conv):
    def evaluate(f, c, leads):
        a = _african(f, leads)
        cut = _window_start(c, TWO_DECADES)
        recent, earlier = f["start"] >= cut, f["start"] < cut
        nr, ne = int(a[recent].sum()), int(a[earlier].sum())
        sr = nr / recent.sum() if recent.any() else 0.0
        se = ne / earlier.sum() if earlier.any() else 0.0
        rare = a.mean() <= FEW_SHARE
        ok = nr > ne and sr > se and rare
        return ok, (f"{nr} African-led forces from {cut} ({_pct(sr)} of forces deployed since) against {ne} before "
                    f"({_pct(se)}); {int(a.sum())} of {len(f)} in all ({_pct(a.mean())})"), cut

    f = forces
    ok, short, cut = evaluate(f, conv, AFRICAN_LEADS)
    ok2, short2, _ = evaluate(f, conv, tuple(x for x in AFRICAN_LEADS if x != "G5 Sahel"))
    by, used = _sensitivity(f, conv, "reference_month", ["2019-09", "2019-12"],
                            lambda g, c: evaluate(g, c, AFRICAN_LEADS)[:2])
    by["G5 Sahel not counted as African-led"] = f"{_verdict(ok2)}: {short2}"
    w = _western(f, conv.western_leads)
    recent = f["start"] >= cut
    return ClaimResult(
        _verdict(ok),
        short + ".",
        f"African-led means led by the AU, ECOWAS, ECCAS or the G5 Sahel. 'Started to shift in the last two "
        f"decades' needs more African-led forces, and a larger share, from {cut} on than before; 'remain rare' a "
        f"share of all forces of at most {_pct(FEW_SHARE)}. For context, the Western share did not fall: "
        f"{_pct(w[recent].mean())} of forces deployed since {cut}, {_pct(w[~recent].mean())} before.",
        _ids(f[_african(f)]), by, used)


@claim("handful-african-none-asian")
def handful_african(forces, conv):
    f = forces
    for lead in f["lead"]:
        for l in _leads(lead):
            if l not in LEAD_REGION:
                raise ValueError(f"Lead {l!r} has no region in parallel_forces.claims.LEAD_REGION.")
    a = f[_african(f)]
    share = len(a) / len(f)

    def asian(f, cis):
        regions = {"Asia", "Latin America"} | ({"Eurasia"} if cis else set())
        return f[f["lead"].apply(lambda x: any(LEAD_REGION[l] in regions for l in _leads(x))).astype(bool)]

    as0, as1 = asian(f, False), asian(f, True)
    ok = share <= FEW_SHARE and as0.empty
    return ClaimResult(
        _verdict(ok),
        f"{len(a)} of {len(f)} forces ({_pct(share)}) were launched by African states or organizations "
        f"({_names(a)}); {len(as0)} by Asian or Latin American states"
        + (f" ({_names(as0)})" if len(as0) else "") + ".",
        f"'Only a handful' is read as at most {_pct(FEW_SHARE)} of the forces; 'launched by' as the lead. The CIS is "
        "counted as Eurasian, not Asian. Asian or Latin American states named only among contributors: "
        + (", ".join(f"{_n(r)} ({', '.join(w for w in ASIAN_LATAM_STATES if w in r['actors'])})"
                     for _, r in f.iterrows() if any(w in r["actors"] for w in ASIAN_LATAM_STATES)) or "none") + ".",
        _ids(a) + _ids(as0),
        {"the CIS is not an Asian organization": _verdict(ok),
         "the CIS (with Central Asian members) counted as Asian": f"{_verdict(share <= FEW_SHARE and as1.empty)}: "
                                                                  f"{len(as1)} ({_names(as1)})"},
        "the CIS is not an Asian organization")


@claim("ecomog-micopax-not-relieved")
def ecomog_micopax(forces, conv):
    f = forces
    results, overlap, ids = [], [], []
    for lead, country, op in [("ECOWAS", "SLE", "UNAMSIL"), ("ECCAS", "CAF", "BINUCA")]:
        rows = f[(f["lead"] == lead) & f["countries"].str.contains(country)]
        if rows.empty:
            results.append(False)
            overlap.append(False)
            continue
        r = rows.iloc[0]
        ids.append(r["id"])
        ops = r["un_operations"].split("/")
        results.append(op in ops)
        dates = _instrument_dates(r["un_operation_instruments"])
        if op in ops and len(dates) == len(ops):
            est = dates[ops.index(op)].to_period("M")
            overlap.append(est <= r["end_effective"])
        else:
            overlap.append(op in ops)
    text = []
    for fid in ids:
        r = _row(f, fid)
        text.append(f"{_n(r)} ({COUNTRY_NAMES.get(r['countries'].split(';')[0])}, {_month(r['start'])} to "
                    f"{_month(r['end'])}) beside {r['un_operations']} ({r['un_operation_instruments'].replace(';', ', ')})")
    return ClaimResult(
        _verdict(all(results)),
        "; ".join(text) + ".",
        "The UN operation cell of each row must name the mission. A second reading also needs the periods to "
        "overlap in the Annex's own dates (the force still deployed when the mission's establishing decision, "
        "matched by position in the UN operation cell, was taken). 'Not relieved by a UN peace operation' is "
        "not an Annex field.",
        ids,
        {"the Annex pairs each force with the mission": _verdict(all(results)),
         "the Annex's dates overlap": _verdict(all(overlap))},
        "the Annex pairs each force with the mission")


def _launching_states(r) -> set[str]:
    states = {l for l in _leads(r["lead"]) if l in STATE_WORDS}
    states |= {s for s, words in STATE_WORDS.items() if _mentions(r["actors"], words)}
    for l in _leads(r["lead"]):
        states |= ORG_STATES.get(l, set())
    return states


def _named_states(r) -> set[str]:
    """Launching states of the force that the Council's quoted decision names."""
    return {s for s in _launching_states(r) if _mentions(r["decision_text"], STATE_WORDS[s])}


@claim("named-member-states")
def named_member_states(forces, conv):
    f = forces
    named = f[_mask(f, lambda r: bool(_named_states(r)))]
    share = len(named) / len(f)
    ex = {}
    for fid, words, label in [("cis-georgia", STATE_WORDS["Russia"], "Russia for the CIS force in Georgia"),
                              ("operation-licorne", STATE_WORDS["France"], "France for Licorne"),
                              ("operation-barkhane", STATE_WORDS["France"], "France for Barkhane")]:
        r = _row(f, fid)
        ex[label] = r is not None and _mentions(r["decision_text"], words)
    exact = {}
    for fid in ["operation-licorne", "operation-barkhane"]:
        r = _row(f, fid)
        exact[fid] = r is not None and "French forces" in r["decision_text"]
    ok = all(ex.values()) and share <= FEW_SHARE
    ok_exact = ok and all(exact.values())
    return ClaimResult(
        _verdict(ok),
        f"The Council's quoted words name a state that launched the force for {len(named)} of {len(f)} forces "
        f"({_pct(share)}): {_names(named)}. Examples: "
        + "; ".join(f"{k}: {'named' if v else 'not named'}" for k, v in ex.items())
        + ". The words 'French forces': "
        + "; ".join(f"{_n(_row(f, k)) if _row(f, k) is not None else k}: {'yes' if v else 'no'}" for k, v in exact.items()) + ".",
        f"'On a few occasions' is read as at most {_pct(FEW_SHARE)} of the forces. A state counts when it leads "
        "the force, is named among its launching actors, or is a member of the leading organization (Russia for "
        "the CIS), and the Council's quoted decision names it. The verdict checks that the state is named, not "
        "the exact words in quotation marks"
        + "".join(f"; for {_n(r)} the Annex quotes {r['sc_instruments'].replace(';', ', ')}, which says '"
                  + ", ".join(sorted(set(re.findall(r"French \w+", r["decision_text"])))) + "'"
                  for fid, ok_ in exact.items() if not ok_ for r in [_row(f, fid)] if r is not None) + ".",
        _ids(named),
        {"the state is named": _verdict(ok), "the exact words 'French forces'": _verdict(ok_exact)},
        "the state is named")


@claim("res-1528-first-member-state")
def res_1528_first(forces, conv):
    f = forces
    r = _row(f, "operation-licorne")
    if r is None:
        return ClaimResult(FAILS, "Operation Licorne is not in the data.", "The check needs the Licorne row.")
    own = (r["sc_instruments"].split(";")[0] == "Resolution 1528" and r["sc_first_date"].year == 2004
           and "UNOCI" in r["un_operations"].split("/") and "Resolution 1528" in r["un_operation_instruments"])
    auth = f[f["authorization"].astype(str) == "authorized"]
    bilateral = auth[auth["actor_type"].astype(str) == "bilateral"].sort_values("sc_first_date")
    first_bi = bilateral.iloc[0] if len(bilateral) else None
    any_state = auth[auth["decision_text"].apply(lambda t: any(_mentions(t, w) for w in STATE_WORDS.values())).astype(bool)]
    any_state = any_state.sort_values("sc_first_date")
    first_any = any_state.iloc[0] if len(any_state) else None
    ok = own and first_bi is not None and first_bi["id"] == r["id"]
    ok_any = own and first_any is not None and first_any["id"] == r["id"]
    return ClaimResult(
        _verdict(ok),
        f"Licorne's first Council decision: {r['sc_instruments'].split(';')[0]} of {_date(r['sc_first_date'])}, "
        f"which also established UNOCI: {'yes' if own else 'no'}. Earliest authorized bilateral force: "
        f"{_n(first_bi) if first_bi is not None else 'none'}. Earliest authorizing decision that names "
        f"any state: {_n(first_any) + ' (' + _date(first_any['sc_first_date']) + ')' if first_any is not None else 'none'}.",
        "A 'member state's parallel force' is read as a bilateral force; the verdict needs Licorne to be the "
        "earliest authorized one, and its first decision to be Resolution 1528 establishing UNOCI. Read more "
        "widely, as any authorizing decision that names a state, an earlier decision may qualify"
        + (f": {_n(first_any)}'s, '"
           + _sentence(first_any["decision_text"],
                       lambda p: any(_mentions(p, w) for w in STATE_WORDS.values()) and "uthoriz" in p)
           + "'" if first_any is not None and first_any["id"] != r["id"] else "") + ".",
        [r["id"]] + ([first_any["id"]] if first_any is not None and first_any["id"] != r["id"] else []),
        {"first authorized bilateral force": _verdict(ok),
         "first authorizing decision naming any state's forces": _verdict(ok_any)},
        "first authorized bilateral force")


@claim("res-794-no-us")
def res_794(forces, conv):
    f = forces
    rows = f[f["sc_instruments"].str.split(";").apply(lambda xs: "Resolution 794" in xs).astype(bool)]
    if rows.empty:
        return ClaimResult(FAILS, "No force in the data cites Resolution 794.", "The check needs UNITAF's row.")
    r = rows.iloc[0]
    us = _mentions(r["decision_text"], STATE_WORDS["United States"] + ["US", "U.S."])
    return ClaimResult(
        _verdict(not us),
        f"{_n(r)} (led by {r['lead']}): Resolution 794 of {_date(r['sc_first_date'])}; the quoted "
        f"decision {'names' if us else 'does not name'} the United States"
        + (" (it speaks of 'a Member State')" if "a Member State" in r["decision_text"] else "") + ".",
        "Searches the Annex's quotation of Resolution 794 for the United States. The Annex quotes excerpts.",
        [r["id"]])


def _org_named(r) -> bool:
    words = {"NATO": ["NATO", "North Atlantic"], "EU": ["European Union", "EU"], "AU": ["African Union", "AU"]}
    return any(_mentions(r["decision_text"], words.get(l, [l])) for l in _leads(r["lead"]))


@claim("nato-not-named")
def nato_not_named(forces, conv):
    f = forces
    nato = f[f["lead"] == "NATO"]
    partners = f[f["lead"].isin(["AU", "EU"])]
    nato_named = nato[_mask(nato, _org_named)]
    part_named = partners[_mask(partners, _org_named)]
    auth_named = nato_named[nato_named["authorization"].astype(str) == "authorized"]
    pshare = len(part_named) / len(partners) if len(partners) else 0.0
    ok = nato_named.empty and pshare > MAJORITY
    ok_auth = auth_named.empty and pshare > MAJORITY
    return ClaimResult(
        _verdict(ok),
        f"NATO is named in the Council's quoted words for {len(nato_named)} of {len(nato)} NATO-led forces"
        + (f" ({_names(nato_named)})" if len(nato_named) else "")
        + f"; the AU or EU for {len(part_named)} of {len(partners)} of theirs ({_pct(pshare)}).",
        "The verdict needs no NATO-led force's quoted decision to name NATO, and most AU- and EU-led forces' to name "
        "their organization."
        + "".join(f" {_n(r)} ({r['sc_instruments'].split(';')[0]}): '"
                  + _sentence(r["decision_text"], lambda p: "NATO" in p or "North Atlantic" in p)
                  + "'." for _, r in nato_named.iterrows()),
        _ids(nato_named) or _ids(nato),
        {"any NATO-led force": _verdict(ok), "only the forces the Council authorized": _verdict(ok_auth)},
        "any NATO-led force")


@claim("bilateral-p5-led")
def bilateral_p5(forces, conv):
    f = forces
    bi = f[f["actor_type"].astype(str) == "bilateral"]
    p5 = bi[bi["lead"].apply(lambda x: any(l in P5 for l in _leads(x))).astype(bool)]
    p3 = bi[bi["lead"].apply(lambda x: any(l in ("France", "United Kingdom", "United States") for l in _leads(x))).astype(bool)]
    share = len(p5) / len(bi) if len(bi) else 0.0
    ok = share > MAJORITY and len(p3) == len(p5)
    return ClaimResult(
        _verdict(ok),
        f"{len(p5)} of {len(bi)} bilateral forces ({_pct(share)}) were led by a permanent member: "
        + "; ".join(f"{l}: {_names(p5[p5['lead'] == l])}" for l in sorted(set(p5["lead"]))) + ".",
        "Among bilateral forces, more than half must have a permanent member as lead, and those leads must be "
        "France, the UK or the US. Why they intervened (to evacuate nationals) is not an Annex field.",
        _ids(bi))


@claim("france-five-bilateral")
def france_five(forces, conv):
    def core(f, c):
        fr = f[f["lead"] == "France"]
        return len(fr) == 5, f"{len(fr)} ({_names(fr)})"

    f = forces
    fr = f[f["lead"] == "France"]
    ok = len(fr) == 5 and set(fr["id"]) == set(FRANCE_FIVE)
    bi = fr[fr["actor_type"].astype(str) == "bilateral"]
    by, used = _sensitivity(f, conv, "merge_serval_barkhane", [False, True], core)
    by["only forces coded bilateral (Table 2)"] = f"{_verdict(len(bi) == 5)}: {len(bi)} ({_names(bi)})"
    return ClaimResult(
        _verdict(ok),
        f"{len(fr)} forces had France as sole lead: {_names(fr)} ({len(bi)} of them coded bilateral).",
        "Counts forces whose lead is France alone; the five must be the five named. By actor type (the report's "
        "Table 2) some are not bilateral: "
        + (", ".join(f"{_n(r)} ({r['actor_type']})" for _, r in fr[fr['actor_type'].astype(str) != 'bilateral'].iterrows()) or "none") + ".",
        _ids(fr), by, used)


@claim("turquoise-divided")
def turquoise_divided(forces, conv):
    r = _row(forces, "operation-turquoise")
    if r is None:
        return ClaimResult(FAILS, "Operation Turquoise is not in the data.", "The check needs the Turquoise row.")
    split = _split_vote(r["vote"])
    nz = "New Zealand" in r["abstainers"].split(";")
    un = "UNAMIR" in r["un_operations"].split("/")
    return ClaimResult(
        _verdict(bool(split) and nz and un),
        f"{r['sc_instruments'].split(';')[0]} ({_date(r['sc_first_date'])}) was adopted {r['vote']}; abstaining: "
        f"{r['abstainers'].replace(';', ', ') or 'none'}; beside {r['un_operations']}.",
        "The vote must be split (an abstention or a vote against), with New Zealand among the abstainers.",
        [r["id"]])


@claim("rrf-not-unanimous")
def rrf_not_unanimous(forces, conv):
    r = _row(forces, "rrf")
    if r is None:
        return ClaimResult(FAILS, "The RRF is not in the data.", "The check needs the RRF row.")
    split = _split_vote(r["vote"])
    return ClaimResult(
        _verdict(bool(split)),
        f"{r['sc_instruments'].split(';')[0]} ({_date(r['sc_first_date'])}) was adopted {r['vote'] or 'without a vote'}"
        f"; abstaining: {r['abstainers'].replace(';', ', ') or 'none'}.",
        "The vote on the resolution recognizing the RRF must not be unanimous.", [r["id"]])


@claim("fn18-palliser-prst")
def palliser_prst(forces, conv):
    r = _row(forces, "operation-palliser")
    if r is None:
        return ClaimResult(FAILS, "Operation Palliser is not in the data.", "The check needs the Palliser row.")
    instruments = r["sc_instruments"].split(";")
    checks = {
        "only a presidential statement": all(i.startswith("Presidential Statement") for i in instruments),
        "July 2000": r["sc_first_date"].year == 2000 and r["sc_first_date"].month == 7,
        "appreciation to the United Kingdom for the valuable logistical support provided":
            "appreciation to the united kingdom for the valuable logistical support provided" in r["decision_text"].lower(),
    }
    return ClaimResult(
        _verdict(all(checks.values())),
        f"Operation Palliser: {', '.join(instruments)} of {_date(r['sc_first_date'])}; "
        + "; ".join(f"{k}: {'yes' if v else 'no'}" for k, v in checks.items()) + ".",
        "The force's only Council instrument must be a presidential statement of July 2000 containing the words "
        "the footnote quotes (compared in the present tense, as the statement words them).",
        [r["id"]])


# --- the Council's words ------------------------------------------------------------------

@claim("all-authorizing-coordination")
def all_coordination(forces, conv):
    f = forces
    auth = f[f["authorization"].astype(str) == "authorized"]
    loose = auth[~auth["decision_text"].str.contains("coordinat", case=False)]
    strict_re = r"appropriate (?:coordination )?(?:mechanisms|means)|full cooperation and close coordination"
    strict = auth[~auth["decision_text"].str.contains(strict_re, case=False, regex=True)]
    return ClaimResult(
        _verdict(loose.empty),
        f"{len(auth) - len(loose)} of {len(auth)} authorized forces' quoted decisions mention coordination; "
        f"{len(loose)} do not: {_names(loose)}. With the quoted phrases themselves: {len(auth) - len(strict)} of {len(auth)}.",
        "Searches the Annex's quotation of each authorizing decision (the sentence cites the Annex's table) for any "
        "word in 'coordinat-'. The Annex quotes excerpts, so a decision may request coordination in a paragraph "
        "the Annex leaves out.",
        _ids(loose),
        {"any word in 'coordinat-'": _verdict(loose.empty),
         "the quoted phrases ('appropriate mechanisms or means', 'full cooperation and close coordination')": _verdict(strict.empty)},
        "any word in 'coordinat-'")


@claim("fn3-unendorsed-examples")
def unendorsed_examples(forces, conv):
    f = forces
    names = " ".join(f["name"]) + " " + " ".join(f["short_name"])
    absent = {n: n.lower() not in names.lower() for n in ["Multinational Force and Observers", "Hebron"]}
    eu_cap = f[(f["lead"] == "EU") & (f["mandate_types"] == "capacity building")]
    welcomed = eu_cap[eu_cap["authorization"].astype(str).isin(["recognized", "authorized"])]
    pages = f"{f['annex_page'].min()}–{f['annex_page'].max()}"
    ok = all(absent.values()) and welcomed.empty
    return ClaimResult(
        _verdict(ok),
        f"The Multinational Force and Observers and the Temporary International Presence in Hebron are "
        f"{'absent from' if all(absent.values()) else 'in'} the Annex; {len(welcomed)} EU capacity-building "
        f"missions in it were welcomed by the Council: {_names(welcomed)}. (The Annex runs over pages {pages}; "
        f"the footnote cites p. 28.)",
        "The Annex lists only forces the Council authorized or recognized, so it cannot confirm what was not "
        "endorsed; but it can refute a category: read as 'EU capacity-building missions' in general, the "
        "example conflicts with the EU missions the Council welcomed. The IPI report says 'some EU training or "
        "police missions'. Whether unendorsed forces used force is not in the Annex.",
        _ids(welcomed),
        {"'EU capacity-building missions' as a category": _verdict(ok),
         "'some EU capacity-building missions'": UNCHECKABLE},
        "'EU capacity-building missions' as a category")


@claim("fn13-support-examples")
def support_examples(forces, conv):
    f = forces
    lines, within_ok, start_ok, ids = [], True, True, []
    for fid, name, lead, ops, year in SUPPORT_EXAMPLES:
        r = _row(f, fid)
        if r is None:
            lines.append(f"{name}: not in the data")
            within_ok = start_ok = False
            continue
        ids.append(fid)
        ok = set(ops) <= set(r["un_operations"].split("/")) and (lead is None or lead in _leads(r["lead"]))
        end_year = r["end_effective"].year
        w = ok and (year is None or r["start_year"] <= year <= end_year)
        s = ok and (year is None or r["start_year"] == year)
        within_ok &= w
        start_ok &= s
        lines.append(f"{_n(r)}: {r['lead']}, beside {r['un_operations']}, {r['start_year']}–"
                     f"{'' if r['ongoing'] else end_year}" + ("" if w else " (does not match)"))
    return ClaimResult(
        _verdict(within_ok),
        "; ".join(lines) + ".",
        "Each example must have the named lead and UN operations in the Annex, and be deployed in the year "
        "given: the verdict reads the year as one in which the force was deployed ('in support of ... in 1995'), "
        "not necessarily the year it began.",
        ids,
        {"the year falls within the deployment": _verdict(within_ok),
         "the year is the year of deployment": _verdict(start_ok)},
        "the year falls within the deployment")


# --- organizations ---------------------------------------------------------------------------

@claim("regional-led-most")
def regional_led_most(forces, conv):
    f = forces
    reg = f[f["actor_type"].astype(str) == "regional"]
    wide = f[(f["actor_type"].astype(str) == "regional") | (f["lead"] == "G5 Sahel")]
    share = len(reg) / len(f)
    return ClaimResult(
        _verdict(share > MAJORITY),
        f"{len(reg)} of {len(f)} forces ({_pct(share)}) were led by a regional or subregional organization or alliance.",
        "Share of forces of actor type 'regional' (Table 2); 'most' means more than half. The sentence is about "
        "peace support operations in general; the Annex checks it only for forces beside UN operations.",
        _ids(reg),
        {"actor type regional": f"{_verdict(share > MAJORITY)}: {_pct(share)}",
         "also the G5 Sahel Joint Force (coded multinational)": f"{_verdict(len(wide) / len(f) > MAJORITY)}: {_pct(len(wide) / len(f))}"},
        "actor type regional")


@claim("nato-majority-1990s")
def nato_majority_1990s(forces, conv):
    f = forces
    nineties = f[f["decade"] == "1990s"]
    orgs = nineties[nineties["actor_type"].astype(str) == "regional"]
    nato = nineties[nineties["lead"] == "NATO"]
    s_org = len(nato) / len(orgs) if len(orgs) else 0.0
    s_all = len(nato) / len(nineties) if len(nineties) else 0.0
    aueu = f[f["lead"].isin(["AU", "EU"])]
    by_dec = aueu["decade"].value_counts()
    later = all(y >= 2000 for y in aueu["start_year"]) and by_dec.get("2000s", 0) > by_dec.get("1990s", 0)
    ok = s_org > MAJORITY and later
    return ClaimResult(
        _verdict(ok),
        f"Forces deployed in the 1990s: {len(nineties)}; led by an organization: {len(orgs)}; by NATO: {len(nato)} "
        f"({_pct(s_org)} of those led by organizations, {_pct(s_all)} of all). AU- and EU-led forces: "
        + ", ".join(f"{by_dec.get(d, 0)} in the {d}" for d in ["1990s", "2000s", "2010s"]) + ".",
        "In its paragraph the sentence speaks of operations led by regional organizations, so the verdict reads "
        "'a majority of the operations' as of those led by organizations; AU and EU forces must start only from "
        "2000 and be more numerous in the 2000s than in the 1990s.",
        _ids(nato),
        {"of the 1990s forces led by organizations": _verdict(ok),
         "of all 1990s forces": _verdict(s_all > MAJORITY and later)},
        "of the 1990s forces led by organizations")


def _in_own_territory(r) -> bool:
    leads = _leads(r["lead"])
    return len(leads) == 1 and leads[0] in MEMBERS and set(r["countries"].split(";")) <= MEMBERS[leads[0]] \
        and bool(MEMBERS[leads[0]])


@claim("regional-within-own-territory")
def within_own_territory(forces, conv):
    f = forces
    own = f[_mask(f, _in_own_territory)]

    def counts(lo, hi):
        sel = f[(f["start_year"] >= lo) & (f["start_year"] <= hi)]
        o = own[(own["start_year"] >= lo) & (own["start_year"] <= hi)]
        return len(o), (len(o) / len(sel) if len(sel) else 0.0)

    n1, s1 = counts(2010, 2019)
    n0, s0 = counts(2000, 2009)
    m1, _ = counts(2007, 2019)
    m0, _ = counts(1990, 2006)
    ok = n1 > n0
    return ClaimResult(
        _verdict(ok),
        f"Regional or subregional forces deployed in their own member states: {len(own)} ({_names(own)}). "
        f"Deployed 2010–2019: {n1} ({_pct(s1)} of forces deployed then); 2000–2009: {n0} ({_pct(s0)}).",
        "Membership of each organization is outside knowledge (the Annex does not list members); NATO and the EU "
        "deployed outside their members. 'Recently' is read as the last decade of the data against the one "
        "before, and 'an increase' as more such forces. The Annex holds only forces beside UN operations: of the "
        "sentence's examples, the Multinational Joint Task Force against Boko Haram is "
        + ("in it." if f["name"].str.contains("Boko Haram|Multinational Joint Task Force", regex=True).any() else "not in it."),
        _ids(own),
        {"count, 2010–2019 against 2000–2009": f"{_verdict(ok)}: {n1} against {n0}",
         "share of forces deployed, 2010–2019 against 2000–2009": f"{_verdict(s1 > s0)}: {_pct(s1)} against {_pct(s0)}",
         "count, 2007–2019 against 1990–2006": f"{_verdict(m1 > m0)}: {m1} against {m0}"},
        "count, 2010–2019 against 2000–2009")


# --- figures the Annex does not hold ------------------------------------------------------

@claim("isaf-150000")
def isaf_150000(forces, conv):
    r = _row(forces, "isaf")
    ctx = f"ISAF ran from {_month(r['start'])} to {_month(r['end'])}, so it was deployed in June 2011." if r is not None else ""
    return _uncheckable("The Annex has no field for the number of personnel.", ctx, [r["id"]] if r is not None else [])


@claim("punch-forces-1000-2000")
def punch_forces(forces, conv):
    return _uncheckable("The Annex has no field for the number of personnel or experts, nor for contributors' nationality.")


@claim("nato-five-times-bigger")
def nato_five_times(forces, conv):
    nato = forces[forces["lead"] == "NATO"]
    return _uncheckable("The Annex gives neither the size of the forces nor that of the UN operations beside them.",
                        f"NATO led {len(nato)} forces in the Annex ({_names(nato)}); their size is not recorded.", _ids(nato))


@claim("interfet-11000")
def interfet_11000(forces, conv):
    r = _row(forces, "interfet")
    ctx = ""
    if r is not None:
        ctx = (f"The checkable part holds: INTERFET is coded {r['actor_type']}, led by {r['lead']}. "
               "The number of personnel is not in the Annex.")
    return _uncheckable("The Annex has no field for the number of personnel.", ctx, [r["id"]] if r is not None else [])


@claim("palliser-1200")
def palliser_1200(forces, conv):
    r = _row(forces, "operation-palliser")
    ctx = ""
    if r is not None:
        ctx = (f"Operation Palliser deployed {_month(r['start'])} beside {r['un_operations']}, as the sentence says; "
               "the number of soldiers is not in the Annex.")
    return _uncheckable("The Annex has no field for the number of soldiers.", ctx, [r["id"]] if r is not None else [])


@claim("france-30th-of-122")
def france_30th(forces, conv):
    return _uncheckable("The rank concerns contributions to UN-led operations (the report's Figure 3), which the "
                        "Annex of parallel forces does not record.")


@claim("france-vast-majority")
def france_vast_majority(forces, conv):
    f = forces
    fr = f[f["p5_leads"].str.split(";").apply(lambda xs: "France" in xs).astype(bool)]
    return _uncheckable(
        "The Annex names the launching actors, not every contributing state, so France's contributions to NATO, "
        "EU and other forces cannot be counted from it.",
        f"France leads or is named among the launching actors of {len(fr)} of {len(f)} forces ({_names(fr)}): a "
        "lower bound only.", _ids(fr))


@claim("fewer-than-ten-not-endorsed")
def fewer_than_ten(forces, conv):
    return _uncheckable("The Annex lists only forces the Council authorized or recognized; it has no data on "
                        "deployments the Council did not endorse.")


# --- the audit ---------------------------------------------------------------------------

def load_claims(path: Path | None = None) -> pd.DataFrame:
    """data/claims.csv, checked: the columns, unique ids, known documents and kinds."""
    path = Path(path) if path else paths.DATA_DIR / "claims.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if list(df.columns) != CLAIM_COLUMNS:
        raise ValueError(f"{path}: columns must be {CLAIM_COLUMNS}, not {list(df.columns)}.")
    dup = df["id"][df["id"].duplicated()].tolist()
    if dup:
        raise ValueError(f"{path}: duplicate claim ids {dup}.")
    for col, allowed in [("document", DOCUMENTS), ("kind", KINDS)]:
        bad = df.loc[~df[col].isin(list(allowed)), ["id", col]].values.tolist()
        if bad:
            raise ValueError(f"{path}: unknown {col} in {bad}; allowed: {list(allowed)}.")
    return df


def check(claim_id: str, forces: pd.DataFrame | None = None, conventions: Conventions | None = None) -> ClaimResult:
    """Run the check of one claim."""
    if claim_id not in CLAIMS:
        raise KeyError(f"Claim {claim_id!r} in data/claims.csv has no check function: add one to "
                       f"parallel_forces.claims.CLAIMS.")
    conv = conventions or load_conventions()
    f = prepare(load_forces(conv) if forces is None else forces)
    return CLAIMS[claim_id](f, conv)


def _explanation(res: ClaimResult) -> str:
    text = res.explanation
    if res.by_convention:
        text += f" Verdict under: {res.convention}. Under each convention or reading: " + "; ".join(
            f"{k}: {v}" for k, v in res.by_convention.items()) + "."
    return text


def audit(forces: pd.DataFrame | None = None, conventions: Conventions | None = None,
          detail: bool = False) -> pd.DataFrame:
    """Check every claim of data/claims.csv; one row per claim, in the file's order.

    Columns: ``id, document, section, quote, verdict, computed, explanation``; with
    ``detail=True`` also ``kind, force_ids, force_names, by_convention, convention`` and
    ``explanation_short`` (the explanation without the conventions, which the chapter lists).
    Raises KeyError for a claim with no function, ValueError if an uncheckable claim
    gets another verdict.
    """
    conv = conventions or load_conventions()
    f = prepare(load_forces(conv) if forces is None else forces)
    names = dict(zip(f["id"], f["display_name"]))
    claims = load_claims()
    rows = []
    for c in claims.itertuples(index=False):
        res = check(c.id, f, conv)
        if c.kind == "uncheckable" and res.verdict != UNCHECKABLE:
            raise ValueError(f"Claim {c.id!r} is marked uncheckable in claims.csv but its check says {res.verdict!r}.")
        row = {"id": c.id, "document": c.document, "section": c.section, "quote": c.quote,
               "verdict": res.verdict, "computed": res.computed, "explanation": _explanation(res)}
        if detail:
            row.update(kind=c.kind, force_ids=list(res.forces),
                       force_names=[names.get(i, i) for i in res.forces],
                       by_convention=dict(res.by_convention), convention=res.convention,
                       explanation_short=res.explanation)
        rows.append(row)
    cols = AUDIT_COLUMNS + (["kind", "force_ids", "force_names", "by_convention", "convention",
                             "explanation_short"] if detail else [])
    return pd.DataFrame(rows, columns=cols)


def export_audit(out_dir: Path | str, forces: pd.DataFrame | None = None) -> Path:
    """Write ``claims-audit.csv`` (the seven audit columns) under ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    p = out / AUDIT_FILE
    audit(forces)[AUDIT_COLUMNS].to_csv(p, index=False, lineterminator="\n", encoding="utf-8")
    return p


def verdict_counts(table: pd.DataFrame) -> dict[str, int]:
    """How many claims got each verdict (every verdict listed, zero included)."""
    return {v: int((table["verdict"] == v).sum()) for v in VERDICTS}


# --- HTML for the chapter -----------------------------------------------------------------

_MARK = {HOLDS: "✓", FAILS: "✗", UNCHECKABLE: "–"}
_COLOUR = {HOLDS: "#009E73", FAILS: "#D55E00", UNCHECKABLE: "#777777"}


def claim_html(row, number: int | None = None) -> str:
    """One claim as a block: its words, source, what the data say, the forces, the verdict."""
    e = html.escape
    get = row.get if hasattr(row, "get") else (lambda k, d=None: getattr(row, k, d))
    verdict = get("verdict")
    names = list(get("force_names", []) or [])
    ids = list(get("force_ids", []) or [])
    by = dict(get("by_convention", {}) or {})
    title = f"Claim {number}" if number is not None else "Claim"
    # Each force named links to its record page (the chapter is notebooks/06-audit.html).
    linked = [f'<a href="../book/generated/forces/{e(i)}.html">{e(n)}</a>' for i, n in zip(ids, names)] \
        if len(ids) == len(names) else [e(n) for n in names]
    forces_html = ", ".join(linked) if names else "none"
    if len(names) > 12:
        forces_html = f"<details><summary>{len(names)} forces</summary>{forces_html}</details>"
    parts = [
        f'<section class="pf-claim" id="claim-{e(get("id"))}" '
        f'style="border-left:4px solid {_COLOUR[verdict]};padding-left:0.8rem;margin:1.5rem 0">',
        f'<h3>{e(title)}: {e(verdict)} <small>({e(get("id"))})</small></h3>',
        f'<blockquote><p>{e(get("quote"))}</p></blockquote>',
        f'<p><strong>Source:</strong> {e(DOCUMENTS.get(get("document"), get("document")))}; '
        f'section: {e(get("section"))}.</p>',
        '<dl>',
        f'<dt>What the data say</dt><dd>{e(get("computed"))}</dd>',
        f'<dt>Forces behind it</dt><dd>{forces_html}</dd>',
        f'<dt>How it was checked</dt><dd>{e(get("explanation_short", get("explanation")))}</dd>',
    ]
    if by:
        items = "".join(f"<li>{e(k)}: {e(v)}</li>" for k, v in by.items())
        parts.append(f'<dt>Under each convention or reading</dt><dd><ul>{items}</ul>'
                     f'The verdict uses: {e(get("convention", ""))}.</dd>')
    parts += [f'<dt>Verdict</dt><dd><strong>{_MARK[verdict]} {e(verdict)}</strong></dd>', '</dl>', '</section>']
    return "\n".join(parts)


def claims_html(table: pd.DataFrame, start: int = 1) -> str:
    """Every claim of ``table`` (from ``audit(detail=True)``) as blocks, numbered from ``start``."""
    return "\n".join(claim_html(r, start + i) for i, (_, r) in enumerate(table.iterrows()))


def summary_table(table: pd.DataFrame) -> pd.DataFrame:
    """The summary shown to readers: one line per claim (its number, id, source, verdict);
    the values are in each claim's block and in the CSV."""
    out = table[["id", "document", "verdict"]].copy()
    out.insert(0, "claim", [f"{i}" for i in range(1, len(out) + 1)])
    return out


def summary_html(table: pd.DataFrame) -> str:
    """An accessible table of every claim and its verdict, linked to its block."""
    from .charts import table_html

    s = summary_table(table)
    links = {c: f"#claim-{i}" for c, i in zip(s["claim"], s["id"])}
    return table_html(s, "Every claim and its verdict (the number links to the claim's block)", links=links)


#: The chapter's page, relative to the site root (for the link to the download).
PAGE = "notebooks/06-audit.html"


def download_html(page: str = PAGE) -> str:
    """A link to the published audit CSV from ``page``."""
    up = "../" * page.count("/")
    return (f'<p class="pf-downloads">Download the audit: <a href="{up}downloads/{AUDIT_FILE}" download>'
            f'{AUDIT_FILE}</a> (columns: {", ".join(AUDIT_COLUMNS)}).</p>')


def verdict_table(table: pd.DataFrame) -> pd.DataFrame:
    """Claims per document and verdict, with totals (every verdict a column, zeros kept)."""
    rows = []
    for doc in list(DOCUMENTS) + ["all"]:
        sub = table if doc == "all" else table[table["document"] == doc]
        rows.append({"document": "both documents" if doc == "all" else DOCUMENT_SHORT[doc],
                     "claims": len(sub), **verdict_counts(sub)})
    return pd.DataFrame(rows)
