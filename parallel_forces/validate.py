"""Validation of the data package: readable file, schema, then cross-field rules.

Every problem becomes a :class:`Problem` naming the file, the CSV line, the row's
``id``, the column and the bad value, printed as one plain sentence. Nothing
is built from a table that has a problem.

The schema (types, formats, enums, required, unique, primary key, patterns) lives in
``data/datapackage.json`` and is checked with frictionless, except the patterns, which
are matched here against the whole cell; the rules on text the schema cannot say (a
cell that is only whitespace, control characters) and the rules that span fields or
tables (end not before start, votes that add up, codes that exist, the foreign key of
mandates.csv) are written here; those of the update since 2019 in
:mod:`parallel_forces.validate_update`, which :func:`validate` calls. The CSV files are
read through :func:`parallel_forces.data.read_rows`: only the data module reads the CSVs.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
from pathlib import Path

import pycountry
from frictionless import Resource, Schema

from . import config

#: Organizations accepted as a ``lead`` (states are checked against ISO 3166).
KNOWN_ORGANIZATIONS = {"NATO", "EU", "AU", "ECOWAS", "ECCAS", "CIS", "G5 Sahel", "OAU", "SADC", "IGAD"}
#: A resolution's vote may be left empty only when the note says the Annex prints none.
NO_VOTE_MARK = "Annex gives no vote"
#: Earliest date accepted anywhere (the UN Charter) and the report's date.
EARLIEST_MONTH = "1945-01"
LATEST_MONTH = "2019-11"
COUNCIL_SIZE = 15


@dataclasses.dataclass
class Problem:
    """One problem in one cell (or one file), in words a person can act on."""

    file: str
    message: str
    line: int | None = None
    id: str | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.id:
            where.append(f"id '{self.id}'")
        if self.column:
            where.append(f"column '{self.column}'")
        text = ", ".join(where) + ": " + self.message
        if self.value is not None:
            text += f" (value: {self.value!r})"
        return text + ("" if text.endswith(".") else ".")


class DataError(ValueError):
    """Raised when the data package has problems; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclasses.dataclass
class Table:
    """A CSV read as text: header, rows (lists of strings) and each row's first line."""

    file: str
    header: list[str]
    rows: list[list[str]]
    lines: list[int]

    def records(self) -> list[dict[str, str]]:
        return [dict(zip(self.header, r)) for r in self.rows]


def _display(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_csv(path: Path, fields: list[str]) -> tuple[Table | None, list[Problem]]:
    """Read a CSV strictly: UTF-8 (a BOM is fine), CRLF or LF, RFC 4180 quoting,
    the expected columns in the expected order, every row as wide as the header.

    The file itself is read by :func:`parallel_forces.data.read_rows`: only the data
    module reads the CSVs."""
    from .data import read_rows  # here, not at the top: data imports this module

    name = _display(path)
    try:
        header, numbered = read_rows(path)
    except OSError as exc:
        return None, [Problem(name, f"cannot be read ({exc.strerror or exc})")]
    except ValueError as exc:
        message, line = (list(exc.args) + [None, None])[:2]
        return None, [Problem(name, str(message), line=line)]
    if not header:
        return None, [Problem(name, "the file is empty; it must start with a header row")]
    lines = [line for line, _ in numbered]
    rows = [row for _, row in numbered]

    problems: list[Problem] = []
    header = [h.strip() for h in header]
    missing = [f for f in fields if f not in header]
    for col in header:
        if col not in fields:
            close = difflib.get_close_matches(col, missing, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; expected columns: {', '.join(fields)}"
            problems.append(Problem(name, f"unknown column{hint}", line=1, column=col))
    for col in missing:
        problems.append(Problem(name, "required column is missing from the header", line=1, column=col))
    if not problems and header != fields:
        problems.append(Problem(name, f"columns are out of order; expected: {', '.join(fields)}", line=1))
    for row, line in zip(rows, lines):
        if len(row) != len(header):
            rid = row[0] if row else None
            problems.append(
                Problem(name, f"row has {len(row)} cells but the header has {len(header)} columns", line=line, id=rid)
            )
    if problems:
        return None, problems
    return Table(name, header, rows, lines), []


def _without_patterns(schema_descriptor: dict) -> dict:
    """The schema for frictionless: no foreign keys (they span tables: checked by
    check_mandates_rules) and no patterns (frictionless anchors a pattern as
    ``^pattern$``, which lets ``unanimous|...`` accept "unanimousXYZ" and lets ``$``
    accept a trailing line break: checked in full by check_text)."""
    fields = []
    for field in schema_descriptor["fields"]:
        cons = {k: v for k, v in field.get("constraints", {}).items() if k != "pattern"}
        fields.append({**field, "constraints": cons})
    return {**{k: v for k, v in schema_descriptor.items() if k != "foreignKeys"}, "fields": fields}


def check_schema(table: Table, schema_descriptor: dict) -> list[Problem]:
    """Check types, formats, enums, required, unique and primary key with frictionless."""
    schema = Schema.from_descriptor(_without_patterns(schema_descriptor))
    report = Resource(data=[table.header] + table.rows, schema=schema).validate()
    problems = []
    key = (schema_descriptor.get("primaryKey") or ["id"])[0]
    fields = {f["name"]: f for f in schema_descriptor["fields"]}
    for task in report.tasks:
        for err in task.errors:
            row_number = getattr(err, "row_number", None)
            idx = row_number - 2 if row_number else None
            line = table.lines[idx] if idx is not None and 0 <= idx < len(table.lines) else None
            rid = table.rows[idx][0] if line else None
            column = getattr(err, "field_name", None)
            cell = getattr(err, "cell", None)
            if err.type == "primary-key":
                column, cell = key, rid
                msg = "duplicate id: another row already has this id" if cell else "id is empty"
            elif err.type == "unique-error":
                msg = "duplicate value: another row already has it"
            elif err.type == "type-error":
                field = fields.get(column, {})
                expected = {
                    "yearmonth": "a month as YYYY-MM",
                    "date": "a date as YYYY-MM-DD",
                    "integer": "a whole number",
                    "boolean": "true or false",
                }.get(field.get("type"), field.get("type"))
                msg = f"is not {expected}"
            elif err.type == "constraint-error":
                cons = fields.get(column, {}).get("constraints", {})
                if "enum" in cons:
                    msg = f"unknown category; allowed: {', '.join(cons['enum'])}"
                elif cell in (None, "") and cons.get("required"):
                    msg, cell = "is required but empty", None
                else:
                    msg = f"breaks the rule {err.note}"
            else:
                msg = err.note or err.message
            problems.append(Problem(table.file, msg, line=line, id=rid, column=column, value=cell))
    return problems


#: Control characters: C0 (U+0000 to U+001F), DEL and C1 (U+0080 to U+009F).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: Characters of _CONTROL allowed in a column whose cells hold paragraphs.
_LAYOUT = {"\t", "\n", "\r"}
#: The columns whose cells may hold line breaks (and tabs): paragraphs of the Council's words.
MULTILINE_FIELDS = {"decision_text"}


def _excerpt(cell: str, pos: int, width: int = 30) -> str:
    if len(cell) <= 2 * width:
        return cell
    lo, hi = max(0, pos - width), min(len(cell), pos + width)
    return ("…" if lo else "") + cell[lo:hi] + ("…" if hi < len(cell) else "")


def check_text(table: Table, schema_descriptor: dict) -> list[Problem]:
    """Rules on the text of every cell of a string column, which the schema alone misses:
    a cell that is only whitespace, a control character, and each ``pattern`` matched
    against the whole cell (as Table Schema means it), not only its beginning."""
    problems = []
    fields = {f["name"]: f for f in schema_descriptor["fields"]}
    for row, line in zip(table.rows, table.lines):
        rid = row[0] if row else None
        for column, cell in zip(table.header, row):
            field = fields.get(column, {})
            if field.get("type", "string") != "string" or cell == "":
                continue

            def bad(message, value=cell):
                problems.append(Problem(table.file, message, line=line, id=rid, column=column, value=value))

            cons = field.get("constraints", {})
            if not cell.strip():
                bad(
                    "is required but holds only whitespace"
                    if cons.get("required")
                    else "holds only whitespace; leave it empty or give a value"
                )
                continue
            multiline = column in MULTILINE_FIELDS
            found = [
                (m.start(), m.group()) for m in _CONTROL.finditer(cell) if not (multiline and m.group() in _LAYOUT)
            ]
            if found:
                pos, char = found[0]
                name = {"\t": "a tab", "\n": "a line break", "\r": "a carriage return"}.get(char, "a control character")
                allowed = (
                    "only tabs and line breaks are allowed in this column"
                    if multiline
                    else "this column holds one line of printable text"
                )
                more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
                bad(f"contains {name} (U+{ord(char):04X}) at character {pos + 1}{more}; {allowed}", _excerpt(cell, pos))
                continue
            pattern = cons.get("pattern")
            if pattern and not re.fullmatch(pattern, cell):
                bad(f"does not match the pattern '{pattern}' in full")
    return problems


def _month(value: str) -> str | None:
    return value if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value or "") else None


def _known_country(code: str) -> bool:
    return pycountry.countries.get(alpha_3=code) is not None


def _known_lead(lead: str) -> bool:
    if lead in KNOWN_ORGANIZATIONS:
        return True
    try:
        pycountry.countries.lookup(lead)
        return True
    except LookupError:
        return False


def check_forces_rules(
    table: Table, latest: str = LATEST_MONTH, since: str | None = None, edition_date: bool = False
) -> list[Problem]:
    """Rules that span fields of parallel_forces.csv, or of the update's forces.csv.

    ``latest`` is the last month a start or an end may have: the report's month for the
    Annex, the newest source's month (the date of the edition, ``edition_date``) for the
    update. ``since``, for the update's new rows, is the Annex's last month: a new force
    starts after it, has no Annex page and may leave its lead empty only with low confidence."""
    problems = []
    dated = edition_date or since is not None
    when = f"the newest source ({latest}), the date of the edition" if dated else f"the report ({latest})"
    for rec, line in zip(table.records(), table.lines):

        def bad(column, message, value=None):
            problems.append(
                Problem(
                    table.file,
                    message,
                    line=line,
                    id=rec["id"],
                    column=column,
                    value=rec.get(column) if value is None else value,
                )
            )

        start, end = _month(rec["start"]), _month(rec["end"])
        if start and start < EARLIEST_MONTH:
            bad("start", f"is earlier than {EARLIEST_MONTH}, before the United Nations existed")
        if start and start > latest:
            bad("start", f"is later than {when}")
        if end and end > latest:
            bad("end", f"is later than {when}; leave it empty for a force still deployed")
        if since is not None:
            if start and start <= since:
                bad(
                    "start",
                    f"is not after the Annex ({since}): a force that started earlier belongs in the Annex, "
                    "or in rejected.csv with the reason",
                )
            if rec.get("annex_page"):
                bad("annex_page", "must be empty: the force is not in the Annex")
            if not rec["lead"] and rec["confidence"] != "low":
                bad("lead", "is empty (no source names a lead) but confidence is not 'low'")
        if start and end and end < start:
            bad("end", f"is before the start ({start})")
        first = rec["sc_first_date"]
        if first and re.fullmatch(r"\d{4}-\d{2}-\d{2}", first) and first < EARLIEST_MONTH + "-01":
            bad("sc_first_date", f"is earlier than {EARLIEST_MONTH}, before the Security Council existed")
        instruments = [i for i in rec["sc_instruments"].split(";") if i]
        if instruments and not first:
            bad("sc_first_date", "is empty although the row lists Council instruments")
        if first and not instruments:
            bad("sc_instruments", "is empty although the row gives a date for the first instrument")
        if len(set(instruments)) != len(instruments):
            bad("sc_instruments", "lists the same instrument twice")
        vote, abst = rec["vote"], [a for a in rec["abstainers"].split(";") if a]
        if instruments and instruments[0].startswith("Resolution") and not vote and NO_VOTE_MARK not in rec["note"]:
            bad(
                "vote",
                "is empty although the first instrument is a resolution "
                f'(if the Annex prints no vote, say "{NO_VOTE_MARK}" in the note)',
            )
        if instruments and instruments[0].startswith("Presidential") and vote:
            bad("vote", "is given although the first instrument is a presidential statement, which is not voted")
        if not instruments and vote:
            bad("vote", "is given although the row lists no Council instrument")
        m = re.fullmatch(r"(\d+)-(\d+)-(\d+)", vote)
        if m:
            f, a, ab = map(int, m.groups())
            if f + a + ab > COUNCIL_SIZE:
                bad("vote", f"adds up to {f + a + ab}, more than the Council's {COUNCIL_SIZE} members")
            if ab != len(abst):
                bad("abstainers", f"names {len(abst)} state(s) but the vote records {ab} abstention(s)")
        elif abst:
            bad("abstainers", "names abstaining states but the vote is not a split vote")
        for code in filter(None, rec["countries"].split(";")):
            if re.fullmatch(r"[A-Z]{3}", code) and not _known_country(code):
                bad("countries", "is not an ISO 3166-1 alpha-3 country code", value=code)
        if not rec["actors"] and rec["confidence"] != "low":
            bad("actors", "is empty (the Annex cell was not found) but confidence is not 'low'")
        unknown = [x for x in rec["lead"].split(";") if x and not _known_lead(x)]
        if unknown:
            bad(
                "lead",
                "unknown lead: neither a country name nor a known organization "
                f"({', '.join(sorted(KNOWN_ORGANIZATIONS))})",
            )
        types = [t for t in rec["mandate_types"].split(";") if t]
        if len(set(types)) != len(types):
            bad("mandate_types", "lists the same mandate type twice")
    return problems


def check_mandates_rules(
    mandates: Table, force_ids: list[str], forces_file: str = "parallel_forces.csv"
) -> list[Problem]:
    """The foreign key of mandates.csv, both ways: every force has its words."""
    problems = []
    ids = set(force_ids)
    seen = set()
    for rec, line in zip(mandates.records(), mandates.lines):
        seen.add(rec["id"])
        if rec["id"] and rec["id"] not in ids:
            problems.append(
                Problem(
                    mandates.file,
                    f"no force in {forces_file} has this id",
                    line=line,
                    id=rec["id"],
                    column="id",
                    value=rec["id"],
                )
            )
    for fid in force_ids:
        if fid not in seen:
            problems.append(Problem(mandates.file, f"has no row for this force of {forces_file}", id=fid, column="id"))
    return problems


#: What ``validate`` takes, said when it is given something else.
EXPECTED = "validate expects a datapackage.json or the folder holding it"


def _package_of_csv(csv_path: Path) -> tuple[Path, Problem | None]:
    """The datapackage.json beside a CSV that it lists as a resource, or the reason there is none."""
    beside = csv_path.parent / "datapackage.json"
    why = None
    if not csv_path.exists():
        why = "does not exist"
    elif not beside.exists():
        why = "is a CSV file and there is no datapackage.json beside it"
    else:
        try:
            listed = [r.get("path") for r in json.loads(beside.read_text(encoding="utf-8")).get("resources", [])]
        except (OSError, ValueError, AttributeError):
            listed = None  # the package itself is unreadable: validating it says why
        if listed is not None and not any(
            isinstance(p, str) and (beside.parent / p).resolve() == csv_path.resolve() for p in listed
        ):
            why = f"is a CSV file that the datapackage.json beside it ({_display(beside)}) does not list"
    if why:
        return beside, Problem(
            _display(csv_path), f"{why}; {EXPECTED} (a CSV of the package validates the whole package)"
        )
    return beside, None


def validate(datapackage: Path | str | None = None) -> tuple[int, list[Problem]]:
    """Validate the data package; return (rows checked, problems).

    ``datapackage`` is a datapackage.json, the folder holding it, or one of the package's
    CSV files (then the whole package beside it is validated: its tables are checked
    against each other). Default: the configured data/datapackage.json.
    """
    dp_path = Path(datapackage) if datapackage else config.load_paths().datapackage
    if dp_path.is_dir():
        dp_path = dp_path / "datapackage.json"
    elif dp_path.suffix.lower() == ".csv":
        dp_path, problem = _package_of_csv(dp_path)
        if problem:
            return 0, [problem]
    if not dp_path.exists():
        return 0, [Problem(_display(dp_path), f"does not exist; {EXPECTED}")]
    try:
        descriptor = json.loads(dp_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return 0, [Problem(_display(dp_path), f"cannot be read as JSON ({exc}); {EXPECTED}")]
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return 0, [Problem(_display(dp_path), f"is not a data package (it has no list of 'resources'); {EXPECTED}")]
    resources = {r["name"]: r for r in descriptor["resources"]}
    problems: list[Problem] = []
    tables: dict[str, Table] = {}
    for name, res in resources.items():
        fields = [f["name"] for f in res["schema"]["fields"]]
        table, probs = read_csv(dp_path.parent / res["path"], fields)
        problems += probs
        if table is not None:
            problems += check_schema(table, res["schema"])
            problems += check_text(table, res["schema"])
            tables[name] = table
    if "parallel_forces" in tables:
        problems += check_forces_rules(tables["parallel_forces"])
        if "mandates" in tables:
            ids = [r[0] for r in tables["parallel_forces"].rows]
            problems += check_mandates_rules(tables["mandates"], ids)
    # Here, not at the top: validate_update imports this module (Problem, Table, the row rules).
    from .validate_update import SINCE, check_since

    if any(name in tables for name in SINCE.values()):
        problems += check_since(tables, {name: res["schema"] for name, res in resources.items()})
    checked = sum(len(t.rows) for t in tables.values())
    return checked, problems


def validate_or_raise(datapackage: Path | str | None = None) -> int:
    """Validate and raise :class:`DataError` listing every problem."""
    checked, problems = validate(datapackage)
    if problems:
        raise DataError(problems)
    return checked
