"""The conventions the analyses rest on, named in one place.

Each has the report's choice as its default. A researcher changes one with an
environment variable (``PF_REFERENCE_MONTH=2019-12``) or in a ``conventions.toml``
file at the repository root (``reference_month = "2019-12"``); the environment
wins over the file. Every page that depends on a convention prints the value
it used (see :meth:`Conventions.describe`).
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from pathlib import Path

from .paths import ROOT

#: Conventions file read when present (not committed; copy ``conventions.example.toml``).
CONVENTIONS_FILE = ROOT / "conventions.toml"


@dataclasses.dataclass(frozen=True)
class Conventions:
    """Named analysis conventions.

    Attributes:
        reference_month: month up to which forces still deployed are counted
            ("YYYY-MM"); the report was finished in September 2019.
        western_leads: leads counted as "Western" (states and organizations).
        cold_war_end: first month counted as "after the Cold War" ("YYYY-MM").
        merge_serval_barkhane: count Operations Serval and Barkhane as one force.
    """

    reference_month: str = "2019-09"
    western_leads: tuple[str, ...] = (
        "France", "United Kingdom", "United States", "Australia", "Netherlands", "NATO", "EU",
    )
    cold_war_end: str = "1989-11"
    merge_serval_barkhane: bool = False

    def describe(self) -> str:
        """One sentence naming every convention in force, for a page to print."""
        merge = "counted as one force" if self.merge_serval_barkhane else "counted as two forces"
        return (
            f"Conventions: forces still deployed are counted to {self.reference_month}; "
            f"Western leads are {', '.join(self.western_leads)}; the Cold War ends before "
            f"{self.cold_war_end}; Operations Serval and Barkhane are {merge}."
        )

    def is_default(self) -> bool:
        return self == Conventions()


_ENV = {
    "reference_month": "PF_REFERENCE_MONTH",
    "western_leads": "PF_WESTERN_LEADS",
    "cold_war_end": "PF_COLD_WAR_END",
    "merge_serval_barkhane": "PF_MERGE_SERVAL_BARKHANE",
}


def _coerce(name: str, value):
    if name == "western_leads":
        if isinstance(value, str):
            value = [v.strip() for v in value.split(";") if v.strip()]
        return tuple(value)
    if name == "merge_serval_barkhane":
        if isinstance(value, str):
            value = value.strip().lower() in {"1", "true", "yes"}
        return bool(value)
    value = str(value).strip()
    import re

    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        raise ValueError(f"Convention {name} must be a month as YYYY-MM, not {value!r}.")
    return value


def load_conventions(file: Path | None = None, environ=None) -> Conventions:
    """Read the conventions: defaults, then ``conventions.toml``, then ``PF_*`` variables."""
    environ = os.environ if environ is None else environ
    file = CONVENTIONS_FILE if file is None else Path(file)
    values: dict = {}
    if file.exists():
        with open(file, "rb") as fh:
            raw = tomllib.load(fh)
        unknown = set(raw) - set(_ENV)
        if unknown:
            raise ValueError(f"{file}: unknown convention(s) {sorted(unknown)}; known: {sorted(_ENV)}.")
        values.update(raw)
    for name, var in _ENV.items():
        if environ.get(var):
            values[name] = environ[var]
    return Conventions(**{k: _coerce(k, v) for k, v in values.items()})
