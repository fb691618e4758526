"""Shared fixtures: the built site served on 127.0.0.1, and headless Chromium
(Debian's /usr/bin/chromium driven by Playwright) with every request outside the
site blocked and recorded."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import subprocess
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The built site the browser tests read: ``_build/html``, or another build (``PF_SITE_DIR``:
#: the current edition's build of a copy, see tests/test_editions.py).
SITE = Path(os.environ.get("PF_SITE_DIR") or ROOT / "_build" / "html")
CHROMIUM = os.environ.get("PF_CHROMIUM", "/usr/bin/chromium")
#: The one setting for where the seed texts (the report and the follow-up paper) are:
#: tests that compare with them skip, saying so, when they are absent.
SEEDS_DIR = Path(os.environ.get("PF_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
SEED_FILES = {"ipi-2019": "000_8e950b9ca6988bf2.txt", "sherman-2020": "001_a899653c452f7fe3.txt"}


@pytest.fixture(scope="session")
def seed_text():
    """``seed_text(document)``: the seed's text, or a skip naming PF_SEEDS_DIR."""

    def read(document: str) -> str:
        path = SEEDS_DIR / SEED_FILES[document]
        if not path.exists():
            pytest.skip(f"seed text {path} not found: set PF_SEEDS_DIR to the folder holding the report's text")
        return path.read_text(encoding="utf-8")

    return read


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url():
    if not (SITE / "index.html").exists():
        pytest.fail("_build/html is missing: run `make book` (make test does) before the browser tests")
    handler = functools.partial(_Quiet, directory=str(SITE))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium with apt-get")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


class PageWatch:
    """A page whose outside requests are blocked and whose console errors are kept."""

    def __init__(self, browser, site_url, **context_args):
        self.context = browser.new_context(**context_args)
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.failed: list[str] = []

        def route(r):
            if r.request.url.startswith(site_url):
                r.continue_()
            else:
                self.outside.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(r.url) if r.url.startswith(site_url) else None)

    def close(self):
        self.context.close()


@pytest.fixture
def watch(browser, site_url):
    created = []

    def make(**kwargs):
        w = PageWatch(browser, site_url, **kwargs)
        created.append(w)
        return w

    yield make
    for w in created:
        w.close()


def copy_repo(dst: Path, venv: bool = True) -> Path:
    """A copy of the repository's files (tracked, and untracked but not ignored) at ``dst``,
    with the shared .venv linked in and the seeds beside it."""
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    for f in filter(None, files):
        src = ROOT / f
        if src.is_file():
            (dst / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst / f)
    if venv:
        (dst / ".venv").symlink_to(ROOT / ".venv")
    # The seeds live beside the repository; the copy needs them at the same place.
    shared = ROOT.parent / "shared"
    if shared.exists() and not (dst.parent / "shared").exists():
        (dst.parent / "shared").symlink_to(shared)
    return dst


def site_pages(site: Path = SITE) -> list[str]:
    """Every content page of the built site, relative to its root (or only the pages
    ``PF_BROWSER_PAGES`` lists, comma-separated)."""
    chosen = os.environ.get("PF_BROWSER_PAGES")
    if chosen:
        return [p for p in chosen.split(",") if p]
    skip = {"genindex.html", "search.html"}
    pages = [
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith(("_static", "downloads", "_sources"))
    ]
    return sorted(p for p in pages if p not in skip) + ["search.html"]
