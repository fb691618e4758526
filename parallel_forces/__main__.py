"""Command line: ``python -m parallel_forces --help``."""

from __future__ import annotations

import argparse
import sys


def _validate(args) -> int:
    from .validate import validate

    checked, problems = validate(args.path)
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"Validation failed: {len(problems)} problem(s); nothing was built from this data.", file=sys.stderr)
        return 1
    print(f"Data valid: {checked} rows checked.")
    return 0


def _key_figures(args) -> int:
    from .keyfigures import key_figures

    table = key_figures()
    if args.format == "json":
        print(table.to_json(orient="records", indent=2, force_ascii=False))
    else:
        print(table.to_csv(index=False), end="")
    return 0


def _export(args) -> int:
    from .export import export_all

    for path in export_all(args.out):
        print(path)
    return 0


def _prebuild(args) -> int:
    from .build import prebuild

    prebuild()
    return 0


def _postbuild(args) -> int:
    from .build import postbuild

    postbuild()
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m parallel_forces",
        description="Validate, summarise and export the parallel forces dataset.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check the data package (schema and cross-field rules)",
                       description="Check data/datapackage.json and its tables. Exits 0 and says how many rows "
                                   "it checked, or exits 1 and lists every problem with file, line, id and column.")
    p.add_argument("path", nargs="?", default=None, help="a datapackage.json or the folder holding it (default: data/)")
    p.set_defaults(func=_validate)

    p = sub.add_parser("key-figures", help="print the key figures (CSV or JSON)",
                       description="Compute the publication's key figures from the data under the current conventions.")
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.set_defaults(func=_key_figures)

    p = sub.add_parser("export", help="write every download: figures, data, key figures",
                       description="Export each registered figure (SVG, PNG, PDF, CSV), the dataset "
                                   "(CSV, JSON, XLSX with a codebook) and the key figures into a folder.")
    p.add_argument("--out", default=None, help="output folder (default: _build/html/downloads)")
    p.set_defaults(func=_export)

    p = sub.add_parser("prebuild", help="before the book build: invalidate stale caches, generate pages",
                       description="Wipe the build when data, package or conventions changed since the last "
                                   "build, and generate the pages made from data (a page per force, the data dictionary).")
    p.set_defaults(func=_prebuild)

    p = sub.add_parser("postbuild", help="after the book build: exports and page fixes",
                       description="Write the downloads into _build/html and record the build's fingerprint.")
    p.set_defaults(func=_postbuild)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except Exception as exc:  # a clear sentence, not a traceback, for data problems
        from .validate import DataError

        if isinstance(exc, DataError):
            print(exc, file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
