"""Loading the data typed, and the fields derived from it, in one place.

Derived fields (every one documented in the book's "About the data" chapter):

- ``ongoing``: no end month (the Annex says "to present").
- ``counted_to``: the month to which the row's edition counts a force still deployed.
- ``end_effective``: the end month, or the reference month for a force still deployed.
- ``duration_months``: whole months from ``start`` to ``end_effective``.
- ``start_year``, ``decade`` (``"1990s"``).
- ``lead_western``: the lead (or one of joint leads) is one of the conventions' Western leads.
- ``p5_leads``: the P5 member(s) leading or named among the launching actors.
- ``label``: the short name, with the place added where two forces share it (ECOMOG).
- ``first_instrument_kind``: ``resolution``, ``presidential statement`` or ``none``.
- ``edition``: ``annex`` for a row of the Annex, ``since 2019`` for a row of the update.

Two editions (``config.EDITIONS``): the Annex edition is ``parallel_forces.csv`` alone; the
current edition is the same rows with the update's changed cells applied
(``since-2019/updates.csv``) and the update's new rows appended (``since-2019/forces.csv``),
with the columns ``source``, ``updated`` (the Annex columns the update changed),
``still_deployed_as_of``, ``successor`` and ``un_operation_closed``. Forces still deployed are
counted to the edition's month (``Conventions.counted_to``).
"""

from __future__ import annotations

import dataclasses
import re

import pandas as pd

from . import config as _config
from . import validate_update
from .config import ROW_EDITIONS, Config, Conventions
from .reference import P5, STATE_WORDS
from .validate import validate_or_raise

ACTOR_TYPES = ["bilateral", "regional", "multinational"]
MANDATE_TYPES = ["military stabilization", "crisis response", "insurance or deterrence", "capacity building"]
AUTHORIZATIONS = ["authorized", "recognized"]


def read_csv(path) -> pd.DataFrame:
    """A table of the data package as strings, exactly as written (no validation)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def read_forces(path=None) -> pd.DataFrame:
    """Read parallel_forces.csv as strings, without validation or derivation."""
    return read_csv(path or _config.load_paths().forces_csv)


def type_forces(raw: pd.DataFrame) -> pd.DataFrame:
    """Give the columns their types: monthly periods, dates, categories, booleans.

    A row of the update may leave ``chapter_vii`` unknown and has no ``annex_page``: those
    columns then take pandas' nullable types (``boolean``, ``Int64``); the Annex alone keeps
    plain booleans and integers."""
    df = raw.copy()
    if "edition" not in df.columns:
        df["edition"] = ROW_EDITIONS["annex"]
    df["start"] = pd.PeriodIndex(df["start"], freq="M")
    df["end"] = pd.PeriodIndex(df["end"].replace("", None), freq="M")
    df["sc_first_date"] = pd.to_datetime(df["sc_first_date"].replace("", None), format="%Y-%m-%d")
    df["actor_type"] = pd.Categorical(df["actor_type"], categories=ACTOR_TYPES)
    df["authorization"] = pd.Categorical(df["authorization"], categories=AUTHORIZATIONS)
    df["confidence"] = pd.Categorical(df["confidence"], categories=["high", "low"])
    chapter = df["chapter_vii"].map({"true": True, "false": False})
    df["chapter_vii"] = chapter.astype("boolean") if chapter.isna().any() else chapter.astype(bool)
    pages = pd.to_numeric(df["annex_page"].replace("", None))
    df["annex_page"] = pages.astype("Int64") if pages.isna().any() else pages.astype(int)
    return df


def months_between(start: pd.Period, end: pd.Period) -> int:
    """Whole months from ``start`` to ``end`` (1994-06 to 1994-08 is 2)."""
    return (end.year - start.year) * 12 + (end.month - start.month)


def _p5_in(actors: str, lead: str) -> list[str]:
    found = []
    for member in P5:
        words = STATE_WORDS[member]
        if member in lead.split(";") or any(re.search(rf"\b{re.escape(w)}\b", actors) for w in words):
            found.append(member)
    return found


def derive(df: pd.DataFrame, conventions: Conventions) -> pd.DataFrame:
    """Add the derived fields to a typed frame, under the given conventions."""
    conv = conventions
    ref = pd.Period(conv.counted_to, freq="M")
    df = df.copy()
    dup = df["short_name"].duplicated(keep=False)
    df["label"] = df["short_name"].where(~dup, df["short_name"] + " (" + df["place"] + ")")
    df["ongoing"] = df["end"].isna()
    df["counted_to"] = conv.counted_to
    df["end_effective"] = df["end"].where(~df["ongoing"], ref)
    df["duration_months"] = [months_between(s, e) for s, e in zip(df["start"], df["end_effective"])]
    df["duration_years"] = df["duration_months"] / 12
    df["start_year"] = [p.year for p in df["start"]]
    df["decade"] = [f"{y // 10 * 10}s" for y in df["start_year"]]
    df["lead_western"] = [any(x in conv.western_leads for x in lead.split(";")) for lead in df["lead"]]
    df["p5_leads"] = [";".join(_p5_in(a, l)) for a, l in zip(df["actors"], df["lead"])]
    first = df["sc_instruments"].str.split(";").str[0].fillna("")
    df["first_instrument_kind"] = [
        "resolution"
        if f.startswith("Resolution")
        else "presidential statement"
        if f.startswith("Presidential")
        else "none"
        for f in first
    ]
    df["cold_war_era"] = [str(s) < conv.cold_war_end for s in df["start"]]
    if conv.merge_serval_barkhane:
        df = merge_serval_barkhane(df)
    return df


def merge_serval_barkhane(df: pd.DataFrame) -> pd.DataFrame:
    """Count Operations Serval and Barkhane as one force: Serval's start, Barkhane's end."""
    serval = df.index[df["id"] == "operation-serval"]
    barkhane = df.index[df["id"] == "operation-barkhane"]
    if len(serval) != 1 or len(barkhane) != 1:
        return df
    s, b = serval[0], barkhane[0]
    df = df.copy()
    df.loc[b, "start"] = df.loc[s, "start"]
    df.loc[b, "start_year"] = df.loc[s, "start_year"]
    df.loc[b, "decade"] = df.loc[s, "decade"]
    df.loc[b, "duration_months"] = months_between(df.loc[b, "start"], df.loc[b, "end_effective"])
    df.loc[b, "duration_years"] = df.loc[b, "duration_months"] / 12
    df.loc[b, "short_name"] = "Operations Serval and Barkhane"
    df.loc[b, "label"] = "Operations Serval and Barkhane"
    return df.drop(index=s).reset_index(drop=True)


def load_forces(
    conventions: Conventions | Config | None = None,
    validate: bool = True,
    cfg: Config | None = None,
    edition: str | None = None,
) -> pd.DataFrame:
    """The dataset, validated, typed and with every derived field.

    With no argument the settings in force are read (``config.load()``): the entry point
    for a researcher. ``edition`` (``annex`` or ``current``) overrides the conventions'
    edition. Raises :class:`parallel_forces.validate.DataError` if the data package has
    problems.
    """
    if isinstance(conventions, Config):
        cfg, conventions = conventions, conventions.conventions
    cfg = cfg or _config.load()
    conv = conventions or cfg.conventions
    if edition:
        conv = conv.with_edition(edition)
    if not conv.newest_source_month:
        conv = dataclasses.replace(conv, newest_source_month=cfg.conventions.newest_source_month)
    return derive(load_typed(cfg, validate, conv.edition), conv)


def load_typed(cfg: Config, validate: bool = True, edition: str | None = None) -> pd.DataFrame:
    """The dataset of an edition (default: the conventions'), validated and typed, before
    any convention is applied. The Annex edition is read from ``parallel_forces.csv`` alone."""
    if validate:
        validate_or_raise(cfg.paths.datapackage)
    edition = edition or cfg.conventions.edition
    if edition == "annex":
        return type_forces(read_forces(cfg.paths.forces_csv))
    return type_forces(current_raw(cfg.paths))


def load_editions(cfg: Config, validate: bool = True) -> dict[str, pd.DataFrame]:
    """Both editions, derived under the conventions in force: ``{"annex": ..., "current": ...}``."""
    if validate:
        validate_or_raise(cfg.paths.datapackage)
    return {e: load_forces(cfg, validate=False, edition=e) for e in _config.EDITIONS}


def load_all_rows(cfg: Config, validate: bool = True) -> pd.DataFrame:
    """Every row of both editions, for the pages that cover both (the explore page, the
    records, the downloads): the Annex's rows as the edition in force gives them, then the
    rows since 2019 (each derived under its own edition's month)."""
    if validate:
        validate_or_raise(cfg.paths.datapackage)
    current = load_forces(cfg, validate=False, edition="current")
    if cfg.conventions.edition == "current":
        return current
    annex = load_forces(cfg, validate=False, edition="annex")
    new = current[current["edition"] == ROW_EDITIONS["current"]]
    return pd.concat([annex, new], ignore_index=True)


# --- the update since 2019 ---------------------------------------------------

#: The update's tables (files under ``data/since-2019/``), as its rules name them.
SINCE_TABLES = tuple(validate_update.SINCE)
#: Facts an update gives that the Annex has no column for.
UPDATE_FACTS = validate_update.UPDATE_FIELDS
#: Columns the current edition adds to the Annex's.
CURRENT_COLUMNS = ["edition", "source", "updated", *UPDATE_FACTS]


def read_since(paths: _config.Paths) -> dict[str, pd.DataFrame]:
    """The update's tables as strings, exactly as written (no validation)."""
    return {name: read_csv(paths.since / f"{name}.csv") for name in SINCE_TABLES}


def newest_source_month(paths: _config.Paths) -> str | None:
    """The month of the newest dated source of the update (the date of the current
    edition), or None when the data package has no update: the ``date`` cells of its
    sources.csv, under the rule of :func:`parallel_forces.validate_update.newest_source_month`."""
    path = paths.since / "sources.csv"
    if not path.exists():
        return None
    return validate_update.newest_source_month(read_csv(path)["date"])


def current_raw(paths: _config.Paths) -> pd.DataFrame:
    """The current edition as strings: the Annex's rows with the update's changed cells
    applied, then the update's new rows; every row marked with its edition."""
    annex = read_forces(paths.forces_csv)
    since = read_since(paths)
    annex = annex.assign(edition=ROW_EDITIONS["annex"], source="", updated="")
    new = since["forces"].assign(edition=ROW_EDITIONS["current"], updated="")
    rows = pd.concat([annex, new], ignore_index=True)
    for col in UPDATE_FACTS:
        rows[col] = ""
    index = {fid: i for i, fid in enumerate(rows["id"])}
    for u in since["updates"].to_dict(orient="records"):
        i = index[u["force_id"]]
        rows.loc[i, u["field"]] = u["value"]
        if u["field"] not in UPDATE_FACTS:
            rows.loc[i, "updated"] = ";".join(filter(None, [rows.loc[i, "updated"], u["field"]]))
        cited = rows.loc[i, "source"].split(";") + u["source"].split(";")
        rows.loc[i, "source"] = ";".join(dict.fromkeys(filter(None, cited)))
    return rows


def all_rows_raw(paths: _config.Paths, edition: str = "annex") -> pd.DataFrame:
    """Every row of both editions as strings, with the current edition's columns: the
    Annex's rows as ``edition`` gives them, then the rows since 2019 (what
    :func:`load_all_rows` derives; the per-force downloads are written from it)."""
    current = current_raw(paths)
    if edition == "current":
        return current
    annex = read_forces(paths.forces_csv).assign(edition=ROW_EDITIONS["annex"])
    new = current[current["edition"] == ROW_EDITIONS["current"]]
    return pd.concat([annex, new], ignore_index=True).fillna("")[list(current.columns)]


def load_since(paths: _config.Paths | None = None) -> dict[str, pd.DataFrame]:
    """The update's tables (forces, updates, mandates, sources, rejected) for the pages that
    show them, read as written."""
    return read_since(paths or _config.load_paths())


#: What every claim in data/claims.yaml must have.
CLAIM_KEYS = ("id", "document", "page", "section", "quote", "readings")
CLAIM_DOCUMENTS = ("ipi-2019", "sherman-2020")


def load_claims(paths: _config.Paths | None = None) -> list[dict]:
    """data/claims.yaml, checked: every key present, ids unique, a known document, a
    printed page, at least one reading with a name. A problem stops with a sentence
    naming the claim."""
    import yaml

    path = (paths or _config.load_paths()).claims_file
    claims = yaml.safe_load(path.read_text(encoding="utf-8"))
    seen = set()
    for i, c in enumerate(claims, 1):
        where = f"{path.name}, claim {i} ({c.get('id', 'no id')})"
        missing = [k for k in CLAIM_KEYS if k not in c]
        if missing:
            raise ValueError(f"{where}: missing {', '.join(missing)}.")
        if c["id"] in seen:
            raise ValueError(f"{where}: duplicate id.")
        seen.add(c["id"])
        if c["document"] not in CLAIM_DOCUMENTS:
            raise ValueError(f"{where}: unknown document {c['document']!r}; known: {CLAIM_DOCUMENTS}.")
        if not isinstance(c["page"], int) or c["page"] < 1:
            raise ValueError(f"{where}: page must be the printed page number, not {c['page']!r}.")
        if not c["readings"] or any(not r.get("reading") for r in c["readings"]):
            raise ValueError(f"{where}: every claim needs at least one named reading.")
        if any(not r.get("check", c.get("check")) for r in c["readings"]):
            raise ValueError(f"{where}: each reading needs a check (its own or the claim's).")
    return claims


def load_mandates(paths: _config.Paths | None = None, edition: str = "annex") -> pd.DataFrame:
    """mandates.csv: the Council's words for each force, keyed by ``id``; for the current
    edition, with the update's words for its new forces (the same three columns)."""
    paths = paths or _config.load_paths()
    annex = read_csv(paths.mandates_csv)
    if edition == "annex":
        return annex
    new = read_csv(paths.since / "mandates.csv")[list(annex.columns)]
    return pd.concat([annex, new], ignore_index=True)


def read_tables(datapackage, folder=None) -> dict[str, tuple[dict, pd.DataFrame]]:
    """Every table of a data package (its ``datapackage.json``), as strings exactly as written:
    ``{resource name: (resource, table)}``, in the package's order (the workbook, the changelog).
    The tables are read from ``folder`` (default: beside ``datapackage.json``); one missing
    there is left out."""
    import json
    from pathlib import Path

    datapackage = Path(datapackage)
    folder = Path(folder) if folder else datapackage.parent
    package = json.loads(datapackage.read_text(encoding="utf-8"))
    return {r["name"]: (r, read_csv(folder / r["path"])) for r in package["resources"] if (folder / r["path"]).exists()}


def explode_list(df: pd.DataFrame, column: str, sep: str = ";") -> pd.DataFrame:
    """One row per item of a ``sep``-separated column (e.g. a force per mandate type)."""
    out = df.assign(**{column: df[column].str.split(sep)}).explode(column)
    return out[out[column] != ""].reset_index(drop=True)


def read_rows(path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """A table of the data package read strictly as text, for validation: its header and
    each row with the CSV line it starts on (the header is line 1).

    UTF-8 (a BOM is fine), CRLF or LF line ends, RFC 4180 quoting; blank lines are skipped
    and an empty file gives an empty header. Raises ``OSError`` if the file cannot be read
    and ``ValueError(sentence, line)`` if it is not UTF-8 or its quoting is broken.
    Validation reads the CSVs through this function only (the loaders above use pandas).
    """
    import codecs
    import csv
    import io
    from pathlib import Path

    raw = Path(path).read_bytes()
    if not raw.strip():
        return [], []
    body = raw[len(codecs.BOM_UTF8) :] if raw.startswith(codecs.BOM_UTF8) else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        raise ValueError(f"is not valid UTF-8 (byte 0x{body[exc.start]:02x}); save the file as UTF-8", line) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    try:
        header = next(reader, [])
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            if any(cell.strip() for cell in row):  # else a blank line
                rows.append((start, row))
    except csv.Error as exc:
        raise ValueError(f"broken CSV quoting ({exc}); check the quotes on this line", reader.line_num) from None
    return header, rows
