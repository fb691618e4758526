"""Settings, loaded once and passed down: where things are, and the conventions.

A build, a notebook or the command line calls :func:`load` once and hands the
result (or its ``conventions``) to every function that needs it; nothing below
the entry points reads the environment again.

Conventions each have the report's choice as default. A researcher changes one with
an environment variable (``PF_REFERENCE_MONTH=2019-12``) or in a ``conventions.toml``
at the repository root (``reference_month = "2019-12"``); the environment wins.
``PF_DATA_DIR`` points at another copy of the data package (tests, the benchmark).

Two editions share one schema: ``annex`` (the default), the Annex exactly as transcribed,
and ``current``, the Annex with the update since September 2019 applied (``data/since-2019/``).
``PF_EDITION`` selects the one every page shows; forces still deployed are counted to
``reference_month`` in the Annex edition and to ``current_reference_month`` in the current
one (by default the month of the newest source of the update: the date of the edition).

Where the site is published is one setting, ``PF_SITE_URL`` (the GitHub Pages workflow fills
it from the Pages address): permalinks, canonical links, Open Graph tags and the sitemap are
made from it, and without it no page shows a made-up address. ``PF_REPOSITORY_URL`` names
the source repository the same way (optional).

In a checkout the data package is ``data/`` at the root; an installed wheel carries a copy
of it as package data (``parallel_forces/_data``, see setup.py), read with importlib.resources.
"""

from __future__ import annotations

import dataclasses
import importlib.resources
import os
import re
import tomllib
from pathlib import Path

from . import formatting as fmt

ROOT = Path(__file__).resolve().parent.parent


def in_checkout(root: Path = ROOT) -> bool:
    """True in a copy of the repository (data/ and pyproject.toml at ``root``), False in an
    installed package."""
    return (root / "pyproject.toml").is_file() and (root / "data" / "datapackage.json").is_file()


def packaged_data() -> Path:
    """The data package shipped inside the installed package (``parallel_forces/_data``)."""
    return Path(str(importlib.resources.files(__package__) / "_data"))


@dataclasses.dataclass(frozen=True)
class Paths:
    """Every location the package reads or writes (make one with ``make_paths()``)."""

    root: Path
    data: Path
    datapackage: Path
    forces_csv: Path
    mandates_csv: Path
    claims_file: Path
    conventions_file: Path
    citation_file: Path
    since: Path
    generated: Path
    build: Path
    html: Path
    downloads: Path


def make_paths(root: Path | None = None, data: Path | None = None) -> Paths:
    """The locations below ``root``, with the data package in ``data`` (default ``root/data``).

    With no ``root``: the repository in a checkout; for an installed package the current
    folder (where exports go), with the data package and CITATION.cff shipped in the package."""
    installed = root is None and not in_checkout()
    root = (Path.cwd() if installed else ROOT) if root is None else Path(root)
    data = Path(data) if data else (packaged_data() if installed else root / "data")
    html = root / "_build" / "html"
    return Paths(
        root=root,
        data=data,
        datapackage=data / "datapackage.json",
        forces_csv=data / "parallel_forces.csv",
        mandates_csv=data / "mandates.csv",
        claims_file=data / "claims.yaml",
        since=data / "since-2019",
        conventions_file=root / "conventions.toml",
        citation_file=packaged_data() / "CITATION.cff" if installed else root / "CITATION.cff",
        generated=root / "book" / "generated",
        build=root / "_build",
        html=html,
        downloads=html / "downloads",
    )


@dataclasses.dataclass(frozen=True)
class Conventions:
    """Named analysis conventions.

    Attributes:
        reference_month: month up to which forces still deployed are counted
            ("YYYY-MM"); the report was finished in September 2019.
        western_leads: leads counted as "Western" (states and organizations).
        cold_war_end: first month counted as "after the Cold War" ("YYYY-MM").
        merge_serval_barkhane: count Operations Serval and Barkhane as one force.
        edition: ``annex`` (the Annex as transcribed) or ``current`` (with the update since
            September 2019 applied).
        current_reference_month: month to which the current edition counts forces still
            deployed; empty means the month of the newest source of the update (the date of
            the edition), which :func:`load` fills in as ``newest_source_month``.
    """

    reference_month: str = "2019-09"
    western_leads: tuple[str, ...] = (
        "France",
        "United Kingdom",
        "United States",
        "Australia",
        "Netherlands",
        "NATO",
        "EU",
    )
    cold_war_end: str = "1989-11"
    merge_serval_barkhane: bool = False
    edition: str = "annex"
    current_reference_month: str = ""
    #: The month of the newest source of the update (filled in by :func:`load`; not a
    #: convention a researcher sets, so it takes no part in comparing conventions).
    newest_source_month: str = dataclasses.field(default="", compare=False)

    def __post_init__(self):
        if self.edition not in EDITIONS:
            raise ValueError(f"Convention edition must be one of {', '.join(EDITIONS)}, not {self.edition!r}.")

    @property
    def counted_to(self) -> str:
        """The month to which the edition in force counts forces still deployed ("YYYY-MM")."""
        if self.edition == "annex":
            return self.reference_month
        month = self.current_reference_month or self.newest_source_month
        if not month:
            raise ValueError(
                "The current edition counts forces still deployed to the newest source of the update, "
                "but none is known: load the conventions with config.load() (or set PF_CURRENT_REFERENCE_MONTH)."
            )
        return month

    def with_edition(self, edition: str) -> Conventions:
        """The same conventions for the other edition (``annex`` or ``current``)."""
        return dataclasses.replace(self, edition=edition)

    def describe(self) -> str:
        """One sentence naming every convention in force, for a page to print."""
        merge = "counted as one force" if self.merge_serval_barkhane else "counted as two forces"
        # The Annex edition's sentence is the one the chapters have always printed.
        edition = "" if self.edition == "annex" else "the current edition (the Annex with the update since 2019); "
        return (
            f"Conventions: {edition}forces still deployed are counted to {self.counted_to}; "
            f"Western leads are {', '.join(self.western_leads)}; the Cold War ends before "
            f"{self.cold_war_end}; Operations Serval and Barkhane are {merge}."
        )

    def is_default(self) -> bool:
        return self == Conventions()

    @property
    def still_deployed(self) -> str:
        """The label of a force with no end month, e.g. "still deployed in September 2019"."""
        return f"still deployed in {fmt.month(self.counted_to)}"


#: The editions: the Annex as transcribed, and the Annex with the update since 2019.
EDITIONS = ("annex", "current")
#: How a row is marked in the ``edition`` column: the Annex's rows, and the rows since 2019.
ROW_EDITIONS = {"annex": "annex", "current": "since 2019"}


#: Each convention's environment variable.
ENV = {
    "reference_month": "PF_REFERENCE_MONTH",
    "western_leads": "PF_WESTERN_LEADS",
    "cold_war_end": "PF_COLD_WAR_END",
    "merge_serval_barkhane": "PF_MERGE_SERVAL_BARKHANE",
    "edition": "PF_EDITION",
    "current_reference_month": "PF_CURRENT_REFERENCE_MONTH",
}


def coerce(name: str, value):
    """A convention's value, from a string (environment, file) or a list, in its proper type."""
    if name == "western_leads":
        if isinstance(value, str):
            value = [v.strip() for v in value.split(";") if v.strip()]
        return tuple(value)
    if name == "merge_serval_barkhane":
        if isinstance(value, str):
            value = value.strip().lower() in {"1", "true", "yes"}
        return bool(value)
    if name == "edition":
        value = str(value).strip().lower()
        if value not in EDITIONS:
            raise ValueError(f"Convention edition (PF_EDITION) must be one of {', '.join(EDITIONS)}, not {value!r}.")
        return value
    value = str(value).strip()
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        raise ValueError(f"Convention {name} must be a month as YYYY-MM, not {value!r}.")
    return value


def load_conventions(file: Path | None = None, environ=None) -> Conventions:
    """Read the conventions: defaults, then ``conventions.toml``, then ``PF_*`` variables."""
    environ = os.environ if environ is None else environ
    file = make_paths().conventions_file if file is None else Path(file)
    values: dict = {}
    if file.exists():
        with open(file, "rb") as fh:
            raw = tomllib.load(fh)
        unknown = set(raw) - set(ENV)
        if unknown:
            raise ValueError(f"{file}: unknown convention(s) {sorted(unknown)}; known: {sorted(ENV)}.")
        values.update(raw)
    for name, var in ENV.items():
        if environ.get(var):
            values[name] = environ[var]
    return Conventions(**{k: coerce(k, v) for k, v in values.items()})


def load_paths(environ=None) -> Paths:
    environ = os.environ if environ is None else environ
    return make_paths(data=environ.get("PF_DATA_DIR") or None)


def site_url(value: str | None, name: str = "PF_SITE_URL") -> str | None:
    """The site's base URL as every address is made from it (``https://host/path/``), or None.
    Refuses anything but an absolute http(s) address."""
    value = (value or "").strip()
    if not value:
        return None
    if not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value):
        raise ValueError(f"{name} must be an absolute http(s) address such as https://host/path/, not {value!r}.")
    return value.rstrip("/") + "/"


def load_site_url(environ=None) -> str | None:
    """``PF_SITE_URL``, normalised (see :func:`site_url`)."""
    environ = os.environ if environ is None else environ
    return site_url(environ.get("PF_SITE_URL"))


@dataclasses.dataclass(frozen=True)
class Config:
    paths: Paths
    conventions: Conventions
    #: Where the site is published (``PF_SITE_URL``), ending in "/"; None for a local build.
    site_url: str | None = None
    #: The source repository's address (``PF_REPOSITORY_URL``), if known.
    repository_url: str | None = None


def load(environ=None) -> Config:
    """The paths, conventions and addresses in force: call once at an entry point, then pass down.

    The conventions carry the month of the newest source of the update since 2019 (the
    date of the current edition), read through :mod:`parallel_forces.data`."""
    from .data import newest_source_month  # here: data imports this module

    environ = os.environ if environ is None else environ
    repository = (site_url(environ.get("PF_REPOSITORY_URL"), "PF_REPOSITORY_URL") or "").rstrip("/") or None
    paths = load_paths(environ)
    conv = load_conventions(environ=environ)
    conv = dataclasses.replace(conv, newest_source_month=newest_source_month(paths) or "")
    return Config(paths, conv, load_site_url(environ), repository)
