"""First-view weight of the built site's pages, as a reader's browser loads them.

A fresh visit (empty cache) to each page in headless Chromium; every response from the
site until the charts have drawn and the network is idle is counted twice: its bytes, and
its bytes compressed with gzip level 6 (what a web server sends with ``gzip on``). Any
request that leaves the site is listed under ``outside`` (there should be none).

Budgets (issue 16): a chapter at most 600 KiB compressed, the landing page at most 300 KiB.

Usage: .venv/bin/python bench/weight.py [_build/html] [--json OUT] [--page PAGE ...]
Also used by bench/run.py (``first_view_gzip_kib:<page>`` in results.json).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import socketserver
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("PF_CHROMIUM", "/usr/bin/chromium"))
#: Compressed first-view budgets in KiB, by page kind.
BUDGET_KIB = {"landing": 300, "chapter": 600}


def gzip_len(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_kind(rel: str) -> str:
    if rel == "book/index.html":
        return "landing"
    if rel.startswith("notebooks/"):
        return "chapter"
    if rel.startswith("book/generated/forces/"):
        return "record"
    return "page"


def pages_of_every_type(site: Path) -> list[str]:
    """The landing page, every chapter, the explore page, About the data, the records'
    index, the search page and one record page (the first by name)."""
    pages = ["book/index.html"]
    pages += sorted(p.relative_to(site).as_posix() for p in (site / "notebooks").glob("*.html"))
    pages += [p for p in ("book/explore.html", "book/about-data.html", "book/forces.html") if (site / p).exists()]
    records = sorted((site / "book" / "generated" / "forces").glob("*.html"))
    if records:
        pages.append(records[0].relative_to(site).as_posix())
    pages.append("search.html")
    return [p for p in pages if (site / p).exists()]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass


def first_view(site: Path, pages: list[str], chromium: Path = CHROMIUM) -> dict:
    """Per page: requests, raw and gzip -6 bytes of every response from the site, the files."""
    from playwright.sync_api import sync_playwright

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out = {}
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(
                executable_path=str(chromium), headless=True, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
            )
            for rel in pages:
                ctx = b.new_context(viewport={"width": 1280, "height": 900})
                got: dict[str, bytes] = {}
                outside: list[str] = []

                def on_response(r, got=got):
                    if r.url.startswith(base):
                        try:
                            got[r.url.split("#")[0]] = r.body()
                        except Exception:
                            pass

                def route(r, outside=outside):
                    if r.request.url.startswith(base) or r.request.url.startswith("data:"):
                        r.continue_()
                    else:
                        outside.append(r.request.url)
                        r.abort()

                ctx.route("**/*", route)
                pg = ctx.new_page()
                pg.on("response", on_response)
                pg.goto(base + rel, wait_until="load")
                if pg.locator(".pf-chart").count():
                    try:
                        pg.wait_for_function(
                            "() => [...document.querySelectorAll('.pf-chart')]"
                            ".every(e => e.querySelector('svg, canvas'))",
                            timeout=30000,
                        )
                    except Exception:
                        pass
                pg.wait_for_load_state("networkidle")
                ctx.close()
                files = {u[len(base) :].split("?")[0]: (len(d), gzip_len(d)) for u, d in got.items()}
                out[rel] = {
                    "kind": page_kind(rel),
                    "requests": len(got),
                    "bytes": sum(r for r, _ in files.values()),
                    "gzip_bytes": sum(g for _, g in files.values()),
                    "outside": outside,
                    "files_gzip_bytes": dict(sorted(((f, g) for f, (_, g) in files.items()), key=lambda x: -x[1])),
                }
            b.close()
    finally:
        server.shutdown()
    return out


def over_budget(result: dict) -> list[str]:
    bad = []
    for rel, w in result.items():
        limit = BUDGET_KIB.get(w["kind"])
        if limit and w["gzip_bytes"] > limit * 1024:
            bad.append(f"{rel}: {w['gzip_bytes'] / 1024:.0f} KiB > {limit} KiB")
    return bad


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", nargs="?", default=str(ROOT / "_build" / "html"))
    ap.add_argument("--page", action="append", help="a page relative to the site (default: every type)")
    ap.add_argument("--files", action="store_true", help="list each page's files")
    ap.add_argument("--json", help="write the full result here")
    args = ap.parse_args(argv)
    site = Path(args.site)
    res = first_view(site, args.page or pages_of_every_type(site))
    print(f"{'page':<48} {'kind':<8} {'req':>4} {'raw KiB':>8} {'gzip KiB':>9}")
    for rel, w in res.items():
        print(f"{rel:<48} {w['kind']:<8} {w['requests']:>4} {w['bytes'] / 1024:>8.0f} {w['gzip_bytes'] / 1024:>9.0f}")
        if args.files:
            for f, g in w["files_gzip_bytes"].items():
                print(f"    {g / 1024:>7.1f}  {f}")
        if w["outside"]:
            print(f"    OUTSIDE THE SITE: {w['outside']}")
    bad = over_budget(res)
    for b in bad:
        print("over budget:", b)
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
