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
    from .config import load
    from .data import load_editions
    from .keyfigures import by_edition

    cfg = load()
    editions = load_editions(cfg)
    if args.edition != "both":
        editions = {args.edition: editions[args.edition]}
    table = by_edition(editions, cfg.conventions)
    if args.format == "json":
        print(table.to_json(orient="records", indent=2, force_ascii=False))
    else:
        print(table.to_csv(index=False), end="")
    return 0


def _diff(args) -> int:
    from .config import load
    from .diff import compare, report

    editions = ("annex", "current") if args.edition == "both" else (args.edition,)
    result = compare(args.old, args.new, load().conventions, claims=not args.no_claims, editions=editions)
    print(report(result, args.old, args.new))
    return 1 if result.problems else 0


def _export(args) -> int:
    from .config import load
    from .site.export import export_all

    for path in export_all(load(), args.out):
        print(path)
    return 0


def _prebuild(args) -> int:
    from .config import load
    from .site.build import prebuild

    prebuild(load())
    return 0


def _postbuild(args) -> int:
    from .config import load
    from .site.build import postbuild

    postbuild(load())
    return 0


def _release(args) -> int:
    from .config import load
    from .release import ReleaseError, release, verify

    try:
        archive = release(load(), args.out)
    except ReleaseError as exc:
        print(exc, file=sys.stderr)
        return 1
    problems = verify(archive)
    for p in problems:
        print(p, file=sys.stderr)
    print(f"Release written: {archive} (checksums {'verified' if not problems else 'WRONG'})")
    return 1 if problems else 0


def _changes(args) -> int:
    from .config import load
    from .release import cell_changes, changes_markdown

    print(changes_markdown(cell_changes(args.old, args.new or load().paths.data)), end="")
    return 0


#: (name, function, help, description, [(flags, add_argument options)]) of each command.
COMMANDS = [
    (
        "validate",
        _validate,
        "check the data package (schema and cross-field rules)",
        "Check data/datapackage.json and its tables. Exits 0 and says how many rows it checked, or exits 1 "
        "and lists every problem with file, line, id and column.",
        [
            (
                ["path"],
                {"nargs": "?", "default": None, "help": "a datapackage.json or the folder holding it (default: data/)"},
            )
        ],
    ),
    (
        "key-figures",
        _key_figures,
        "print the key figures (CSV or JSON)",
        "Compute the publication's key figures from the data under the current conventions, for the Annex "
        "edition and the current one (column edition), as downloads/key-figures.csv holds them.",
        [
            (["--format"], {"choices": ["csv", "json"], "default": "csv"}),
            (["--edition"], {"choices": ["annex", "current", "both"], "default": "both"}),
        ],
    ),
    (
        "diff",
        _diff,
        "compare two versions of the data: rows, cells, key figures, claims",
        "Compare two versions of the data package (two folders holding a datapackage.json): the rows added "
        "and removed and the cells changed in each table, the key figures of both editions before and after, "
        "and the claims of the audit whose verdict moves. Exits 1 if either version does not validate.",
        [
            (["old"], {"help": "the folder of the data before the change (e.g. a copy of data/)"}),
            (["new"], {"help": "the folder of the data after the change"}),
            (["--no-claims"], {"action": "store_true", "help": "skip the audit (faster)"}),
            (
                ["--edition"],
                {"choices": ["annex", "current", "both"], "default": "both", "help": "the editions the audit runs on"},
            ),
        ],
    ),
    (
        "export",
        _export,
        "write every download: figures, data, key figures",
        "Export each registered figure (SVG, PNG, PDF, CSV), the dataset (CSV, JSON, XLSX with a codebook) "
        "and the key figures into a folder.",
        [(["--out"], {"default": None, "help": "output folder (default: _build/html/downloads)"})],
    ),
    (
        "prebuild",
        _prebuild,
        "before the book build: invalidate stale caches, generate pages",
        "Wipe the build when data, package or conventions changed since the last build, and generate the "
        "pages made from data (a page per force, the data dictionary).",
        [],
    ),
    (
        "postbuild",
        _postbuild,
        "after the book build: write the downloads",
        "Write the downloads into _build/html and record the build's fingerprint.",
        [],
    ),
    (
        "release",
        _release,
        "write the release archive of this version, with checksums and Zenodo metadata",
        "Write dist/parallel-forces-VERSION.zip (data package, codebook, figures, key figures, claims audit, "
        "the built site; SHA256SUMS and .zenodo.json inside), its .sha256 and .zenodo.json beside it, then "
        "verify the checksums. Needs a current build (make book) and a CHANGELOG.md section for the version.",
        [(["--out"], {"default": "dist", "help": "output folder (default: dist)"})],
    ),
    (
        "changes",
        _changes,
        "list the cells that differ from another copy of the data package (for CHANGELOG.md)",
        "Compare an older copy of the data package with this one (or NEW), cell by cell, and print a Markdown "
        "table: table, row id, column and the words that changed.",
        [
            (["old"], {"help": "folder of the older data package (e.g. from `git worktree add` of a tag)"}),
            (["new"], {"nargs": "?", "default": None, "help": "folder of the newer one (default: data/)"}),
        ],
    ),
]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m parallel_forces",
        description="Validate, summarise and export the parallel forces dataset.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, func, short, long, arguments in COMMANDS:
        p = sub.add_parser(name, help=short, description=long)
        for flags, options in arguments:
            p.add_argument(*flags, **options)
        p.set_defaults(func=func)

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
