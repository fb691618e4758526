"""Benchmark of the publication: build and rebuild times, test times, page weight,
growth with the data, and a peer, measured in the same run (``make bench``).

Everything runs in throw-away copies of the working tree (``git ls-files``, so
uncommitted work is included), never in the repository itself. Each copy uses the
repository's ``.venv``; ``PYTHONPATH`` points the editable package at the copy.

Each figure is the median of several runs; every comparison is a ratio of two
medians measured in this run, because absolute times on a shared machine are noisy.
Results go to ``bench/results.json`` and a short table to stdout. See bench/README.md.

Usage: .venv/bin/python bench/run.py [--runs 3] [--quick] [--no-tests] [--no-scale]
       [--no-peer] [--full-100x] [--keep] [--out bench/results.json]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import functools
import html
import http.server
import io
import json
import os
import platform
import re
import shutil
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
import weight as first_view_weight  # noqa: E402  (bench/weight.py, also run on its own)

BIN = ROOT / ".venv" / "bin"
PY = BIN / "python"
JB = BIN / "jupyter-book"
NBCONVERT = BIN / "jupyter-nbconvert"
CHROMIUM = Path(os.environ.get("PF_CHROMIUM", "/usr/bin/chromium"))
ANSI = re.compile(r"\x1b\[[0-9;]*m")
SCALES = (1, 10, 100)
#: A measurement whose first run takes longer than this is not repeated.
LONG_S = 90


class BenchError(RuntimeError):
    def __init__(self, msg: str, times: dict | None = None):
        super().__init__(msg)
        self.times = times or {}


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- copies


def make_copy(dest: Path) -> Path:
    """Copy the working tree's files (tracked and untracked-but-not-ignored) to dest."""
    dest.mkdir(parents=True)
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard", "-z"], check=True, capture_output=True
        ).stdout.decode()
        files = [f for f in out.split("\0") if f]
    except (OSError, subprocess.CalledProcessError):
        skip = {".venv", "_build", ".git", "generated", "work", "__pycache__", ".pytest_cache"}
        files = [
            str(p.relative_to(ROOT))
            for p in ROOT.rglob("*")
            if p.is_file() and not skip & set(p.relative_to(ROOT).parts)
        ]
    for f in files:
        src = ROOT / f
        if f.startswith("bench/work/") or not src.is_file():
            continue  # deleted in the working tree, or our own scratch
        (dest / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest / f)
    return dest


def clone(snapshot: Path, dest: Path) -> Path:
    """A copy of the snapshot taken at the start, so every copy in a run has the same files
    even if the working tree changes while the benchmark runs."""
    shutil.copytree(snapshot, dest, symlinks=True)
    for venv in (".venv", ".venv-tools"):  # as in a checkout: tests and make look for them at the root
        if (ROOT / venv).is_dir():
            (dest / venv).symlink_to(ROOT / venv)
    return dest


def env_for(copy: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PF_") and k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(copy)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    seeds = Path(os.environ.get("PF_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
    if seeds.is_dir():  # tests look beside the repository; a copy lives elsewhere
        env["PF_SEEDS_DIR"] = str(seeds)
    if "PF_CHROMIUM" in os.environ:
        env["PF_CHROMIUM"] = os.environ["PF_CHROMIUM"]
    return env


def clean(copy: Path) -> None:
    shutil.rmtree(copy / "_build", ignore_errors=True)
    shutil.rmtree(copy / "book" / "generated", ignore_errors=True)


def run(cmd, cwd: Path, timeout: float | None = 1800, check: bool = True) -> tuple[float, int, str]:
    """Run a command in a copy; return (seconds, exit code, output without colours)."""
    cmd = [str(c) for c in cmd]
    t0 = time.perf_counter()
    p = subprocess.Popen(
        cmd, cwd=cwd, env=env_for(cwd), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        raw, _ = p.communicate(timeout=timeout)
        rc, out = p.returncode, raw.decode(errors="replace")
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, 9)  # the command and its kernels: they run in their own session
        raw, _ = p.communicate()
        rc, out = -9, raw.decode(errors="replace") + f"\n[timed out after {timeout:.0f} s]"
    dt = time.perf_counter() - t0
    out = ANSI.sub("", out)
    if check and rc != 0:
        tail = "\n".join(out.splitlines()[-30:])
        raise BenchError(f"{' '.join(cmd[:4])}... exited {rc} in {cwd}:\n{tail}")
    return dt, rc, out


def median(xs):
    xs = [x for x in xs if x is not None]
    return round(statistics.median(xs), 3) if xs else None


def ratio(a, b):
    return round(a / b, 3) if a is not None and b else None


# --------------------------------------------------------------------------- the pipeline


#: Each build step runs under GNU time, which reports the largest resident set of the step's
#: process and of the children it waited for (the peak memory a machine must have).
PEAK_RSS = ["/usr/bin/time", "-f", "[peak-rss-kib %M]"] if Path("/usr/bin/time").exists() else []
STEPS = [
    ("validate", [PY, "-m", "parallel_forces", "validate"]),
    ("prebuild", [PY, "-m", "parallel_forces", "prebuild"]),
    ("jupyter_book", [JB, "build", ".", "--warningiserror", "--nitpick", "--keep-going"]),
    ("postbuild", [PY, "-m", "parallel_forces", "postbuild"]),
]


def pipeline(copy: Path, timeout: float | None = 1800) -> dict:
    """The steps of ``make book`` (after the venv exists), each timed; ``timeout`` bounds the whole."""
    times = {}
    deadline = time.monotonic() + (timeout or 10**7)
    for name, cmd in STEPS:
        left = deadline - time.monotonic()
        if left <= 0:
            raise BenchError(f"{name}: not started, the {timeout:.0f} s allowed for the build ran out", times)
        t0 = time.monotonic()
        try:
            dt, _, out = run([*PEAK_RSS, *cmd] if PEAK_RSS else cmd, copy, timeout=left)
        except BenchError as exc:
            times[name + "_stopped_after"] = round(time.monotonic() - t0, 3)
            raise BenchError(str(exc), times) from None
        times[name] = round(dt, 3)
        peak = re.findall(r"\[peak-rss-kib (\d+)\]", out)
        if peak:
            times[name + "_peak_rss_mib"] = round(int(peak[-1]) / 1024, 1)
        if name == "jupyter_book":
            m = re.search(r"updating environment: (\d+) added, (\d+) changed, (\d+) removed", out)
            if m:
                times["pages_read"] = int(m.group(1)) + int(m.group(2))
    times["total"] = round(sum(v for k, v in times.items() if k in dict(STEPS)), 3)
    peaks = [v for k, v in times.items() if k.endswith("_peak_rss_mib")]
    if peaks:
        times["peak_rss_mib"] = max(peaks)
    return times


def toc_files(copy: Path) -> list[str]:
    import yaml

    toc = yaml.safe_load((copy / "_toc.yml").read_text(encoding="utf-8"))
    found = []

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                found.append(node["file"])
            for key in ("root",):
                if key in node:
                    found.append(node[key])
            for v in node.values():
                if isinstance(v, (list, dict)):
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(toc)
    return list(dict.fromkeys(found))


def toc_notebooks(copy: Path) -> list[str]:
    return [f + ".ipynb" for f in toc_files(copy) if (copy / (f + ".ipynb")).exists()]


def set_execution_off(copy: Path) -> None:
    import yaml

    cfg_path = copy / "_config.yml"
    cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    cfg.setdefault("execute", {})["execute_notebooks"] = "off"
    cfg_path.write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True), encoding="utf-8")


def execute_notebooks(copy: Path, notebooks: list[str], write: bool, timeout: float = 1800) -> dict:
    """Execute notebooks with nbclient in a child process (the copy's package and data)."""
    cmd = [PY, Path(__file__).resolve(), "--_execute"] + (["--_write"] if write else []) + notebooks
    dt, _, out = run(cmd, copy, timeout=timeout)
    line = [l for l in out.splitlines() if l.startswith("{")][-1]
    res = json.loads(line)
    res["total"] = round(dt, 3)
    return res


def _execute_main(args) -> int:
    """Child: execute each notebook once, in its folder, like the build does."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    times, errors = {}, {}
    for nb_path in args.notebooks:
        path = Path(nb_path).resolve()
        nb = nbformat.read(path, as_version=4)
        t0 = time.perf_counter()
        try:
            NotebookClient(
                nb,
                timeout=600,
                kernel_name="python3",
                record_timing=False,
                resources={"metadata": {"path": str(path.parent)}},
            ).execute()
        except CellExecutionError as exc:
            errors[nb_path] = str(exc).strip().splitlines()[-1][:300]
        times[nb_path] = round(time.perf_counter() - t0, 3)
        if args._write and nb_path not in errors:
            nbformat.write(nb, path)
    print(json.dumps({"per_notebook": times, "errors": errors}))
    return 0


# --------------------------------------------------------------------------- page weight


def _refs(page_html: str) -> list[str]:
    refs = re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', page_html)
    refs += [
        h
        for tag in re.findall(r"<link\b[^>]*>", page_html)
        if re.search(r'rel="(stylesheet|preload|modulepreload)"', tag)
        for h in re.findall(r'href="([^"]+)"', tag)
    ]
    refs += re.findall(r'<img\b[^>]*\bsrc="([^"]+)"', page_html)
    return [r for r in refs if not r.startswith(("http:", "https:", "data:", "//"))]


def _resolve(site: Path, page: Path, ref: str) -> Path:
    return (page.parent / ref.split("?")[0].split("#")[0]).resolve()


def _spans(text: str, start_pat: str, end: str) -> list[str]:
    out = []
    for m in re.finditer(start_pat, text):
        j = text.find(end, m.start())
        if j > 0:
            out.append(text[m.start() : j + len(end)])
    return out


def _nbytes(s: str) -> int:
    return len(s.encode("utf-8"))


def figure_parts(page_html: str) -> dict:
    """Per chart on a page: bytes of its inline spec, rows of data it carries, bytes of its data table."""
    out = {}
    for fig in _spans(page_html, r'<figure class="pf-figure" id="fig-', "</figure>"):
        fid = re.match(r'<figure class="pf-figure" id="fig-([^"]+)"', fig).group(1)
        out[fid] = _chart_parts(fig)
    rest = page_html
    for fig in _spans(page_html, r'<figure class="pf-figure" id="fig-', "</figure>"):
        rest = rest.replace(fig, "")
    for i, spec in enumerate(_spans(rest, r'<script type="application/json" class="pf-chart-spec"', "</script>")):
        out[f"chart-{i + 1}-outside-figure"] = _chart_parts(spec)
    return out


def _chart_parts(fragment: str) -> dict:
    specs = _spans(fragment, r'<script type="application/json" class="pf-chart-spec"', "</script>")
    rows = 0
    for s in specs:
        body = html.unescape(s[s.find(">") + 1 : -len("</script>")])
        try:
            spec = json.loads(body)
        except ValueError:
            continue
        rows += sum(len(v) for v in (spec.get("datasets") or {}).values() if isinstance(v, list))
        rows += len((spec.get("data") or {}).get("values") or [])
    tables = _spans(fragment, r'<details class="pf-data">', "</details>")
    return {
        "spec_bytes": sum(map(_nbytes, specs)),
        "data_rows_in_spec": rows,
        "data_table_bytes": sum(map(_nbytes, tables)),
        "bytes": _nbytes(fragment),
    }


def page_weight(site: Path, pages: list[str]) -> dict:
    """Bytes each page loads that are its own, split by kind; shared files counted once."""
    result, shared = {}, {}
    vendor = sorted((site / "_static" / "vendor").glob("vega*.min.js"))
    for rel in pages:
        page = site / rel
        if not page.exists():
            continue
        text = page.read_text(encoding="utf-8")
        nav = _spans(text, r'<nav class="bd-links bd-docs-nav"', "</nav>")
        specs = _spans(text, r'<script type="application/json" class="pf-chart-spec"', "</script>")
        tables = _spans(text, r'<table class="pf-table', "</table>")
        own_assets, page_shared = {}, set()
        for ref in _refs(text):
            f = _resolve(site, page, ref)
            if not f.is_file():
                continue
            relf = f.relative_to(site.resolve()).as_posix()
            if relf.startswith("_static/") or relf == "searchindex.js":
                page_shared.add(relf)
            else:
                own_assets[relf] = f.stat().st_size
        if specs:  # pf-charts.js loads the vendored Vega files when a page has a chart
            page_shared.update(f.relative_to(site).as_posix() for f in vendor)
        for relf in page_shared:
            shared[relf] = (site / relf).stat().st_size
        html_bytes = page.stat().st_size
        nav_b, spec_b, table_b = sum(map(_nbytes, nav)), sum(map(_nbytes, specs)), sum(map(_nbytes, tables))
        result[rel] = {
            "own_bytes": html_bytes + sum(own_assets.values()),
            "html_bytes": html_bytes,
            "content_bytes": html_bytes - nav_b,
            "sidebar_nav_bytes": nav_b,
            "chart_spec_bytes": spec_b,
            "charts": len(specs),
            "table_bytes": table_b,
            "other_html_bytes": html_bytes - nav_b - spec_b - table_b,
            "own_asset_bytes": sum(own_assets.values()),
            "own_assets": dict(sorted(own_assets.items())),
            "shared_bytes_loaded": sum(shared[s] for s in page_shared),
            "figures": figure_parts(text),
        }
    return {
        "pages": result,
        "shared_files_bytes_once": sum(shared.values()),
        "shared_files": len(shared),
        "searchindex_bytes": shared.get("searchindex.js"),
        "vendored_vega_bytes": sum(f.stat().st_size for f in vendor),
    }


def browser_weight(site: Path, pages: list[str]) -> dict | None:
    """Cross-check in headless Chromium: bytes of every response a fresh visit loads."""
    if not CHROMIUM.exists():
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    out, everything = {}, {}
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
            )
            for rel in pages:
                if not (site / rel).exists():
                    continue
                ctx = b.new_context()
                got = {}

                def on_response(r, got=got):
                    if r.url.startswith(base):
                        try:
                            got[r.url.split("?")[0]] = len(r.body())
                        except Exception:
                            pass

                pg = ctx.new_page()
                pg.on("response", on_response)
                pg.goto(f"{base}/{rel}", wait_until="load")
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
                own = {u: n for u, n in got.items() if "/_static/" not in u and not u.endswith("/searchindex.js")}
                sh = {u: n for u, n in got.items() if u not in own}
                everything.update(sh)
                out[rel] = {"own_bytes": sum(own.values()), "shared_bytes": sum(sh.values()), "requests": len(got)}
            b.close()
    finally:
        server.shutdown()
    return {"pages": out, "shared_bytes_once": sum(everything.values())}


# --------------------------------------------------------------------------- scaled data


def scale_data(src: Path, dst: Path, k: int) -> dict:
    """parallel_forces.csv and mandates.csv k times over: copy i of a row gets id '<id>-x<i>'."""
    counts = {}
    for name in ("parallel_forces.csv", "mandates.csv"):
        text = (src / name).read_text(encoding="utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        header, body = rows[0], [r for r in rows[1:] if any(c.strip() for c in r)]
        out = [header]
        for i in range(k):
            for r in body:
                out.append([r[0] if i == 0 else f"{r[0]}-x{i}"] + r[1:])
        with open(dst / name, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(out)
        counts[name] = len(out) - 1
    return counts


# --------------------------------------------------------------------------- sections


def section_build(work: Path, snapshot: Path, n: int) -> dict:
    """Cold build against its floor, and the two rebuilds, interleaved run by run."""
    cold_copy = clone(snapshot, work / "cold")
    floor_copy = clone(snapshot, work / "floor")
    set_execution_off(floor_copy)
    notebooks = toc_notebooks(cold_copy)
    edit_nb = cold_copy / notebooks[0]
    original = edit_nb.read_bytes()
    cold, floor, rebuild, prose = [], [], [], []
    for i in range(n):
        for which in ("cold", "floor") if i % 2 == 0 else ("floor", "cold"):
            if which == "cold":
                log(f"cold build {i + 1}/{n}")
                clean(cold_copy)
                cold.append(pipeline(cold_copy))
                log(f"no-change rebuild {i + 1}/{n}")
                rebuild.append(pipeline(cold_copy))
                log(f"rebuild after a prose edit {i + 1}/{n}")
                edit_prose(edit_nb, f"Benchmark edit {i + 1}.")
                prose.append(pipeline(cold_copy))
                edit_nb.write_bytes(original)
                if i == n - 1:  # leave the copy as the working tree had it; restoring is a prose edit too
                    prose.append(pipeline(cold_copy))
            else:
                log(f"floor {i + 1}/{n}: nbclient + Sphinx with execution off")
                clean(floor_copy)
                t = {}
                for name, cmd in STEPS[:2]:
                    t[name] = round(run(cmd, floor_copy)[0], 3)
                ex = execute_notebooks(floor_copy, notebooks, write=True)
                if ex["errors"]:
                    raise BenchError(f"notebooks failed in the floor: {ex['errors']}")
                t["execute_nbclient"] = ex["total"]
                t["per_notebook"] = ex["per_notebook"]
                for name, cmd in STEPS[2:]:
                    t[name + ("_execution_off" if name == "jupyter_book" else "")] = round(run(cmd, floor_copy)[0], 3)
                t["total"] = round(sum(v for k, v in t.items() if isinstance(v, float)), 3)
                floor.append(t)

    def med(samples, key):
        return median([s.get(key) for s in samples])

    out = {
        "notebooks": notebooks,
        "prose_edit_notebook": notebooks[0],
        "cold_build": {
            "runs": len(cold),
            "median_s": med(cold, "total"),
            "median_steps_s": {k: med(cold, k) for k in ["validate", "prebuild", "jupyter_book", "postbuild"]},
            "samples": cold,
        },
        "floor": {
            "runs": len(floor),
            "median_s": med(floor, "total"),
            "median_steps_s": {
                k: med(floor, k)
                for k in ["validate", "prebuild", "execute_nbclient", "jupyter_book_execution_off", "postbuild"]
            },
            "median_per_notebook_s": {nb: median([s["per_notebook"][nb] for s in floor]) for nb in notebooks},
            "samples": floor,
        },
        "rebuild_no_change": {
            "runs": len(rebuild),
            "median_s": med(rebuild, "total"),
            "median_steps_s": {k: med(rebuild, k) for k in ["validate", "prebuild", "jupyter_book", "postbuild"]},
            "pages_read_by_sphinx": med(rebuild, "pages_read"),
            "samples": rebuild,
        },
        "rebuild_prose_edit": {
            "runs": len(prose),
            "median_s": med(prose, "total"),
            "median_steps_s": {k: med(prose, k) for k in ["validate", "prebuild", "jupyter_book", "postbuild"]},
            "pages_read_by_sphinx": med(prose, "pages_read"),
            "samples": prose,
        },
    }
    out["_cold_copy"] = cold_copy
    return out


def edit_prose(nb_path: Path, sentence: str) -> None:
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    md = [c for c in nb["cells"] if c["cell_type"] == "markdown"]
    cell = md[-1]
    src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    cell["source"] = src.rstrip("\n") + f"\n\n{sentence}\n"
    nb_path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _pytest_summary(out: str) -> dict:
    last = [l for l in out.splitlines() if re.search(r"\d+ (passed|failed|error|skipped)", l)]
    counts = {}
    if last:
        for num, kind in re.findall(r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed)", last[-1]):
            counts[kind] = int(num)
    return counts


def section_tests(copy: Path, n: int) -> dict:
    """Wall time of make test's pytest runs, split by kind, on the built copy."""
    kinds = {
        "unit": [PY, "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider", "-rfE", "--ignore=tests/test_browser.py"],
        "nbval": [PY, "-m", "pytest", "--nbval", "notebooks", "-q", "-p", "no:cacheprovider", "-rfE"],
        "browser": [PY, "-m", "pytest", "tests/test_browser.py", "-q", "-p", "no:cacheprovider", "-rfE"],
    }
    out = {}
    for kind, cmd in kinds.items():
        if kind == "browser" and not CHROMIUM.exists():
            out[kind] = {"runs": 0, "skipped": f"{CHROMIUM} missing (make test installs it)"}
            continue
        samples, counts, rc = [], {}, 0
        for i in range(n):
            log(f"tests: {kind} {i + 1}/{n}")
            dt, rc, text = run(cmd, copy, check=False)
            samples.append(round(dt, 3))
            counts = _pytest_summary(text)
            if rc != 0:
                log(f"tests: {kind} exited {rc}: {counts}")
            if i == 0 and dt > LONG_S and n > 1:
                break  # long: one run, recorded as such
        out[kind] = {
            "runs": len(samples),
            "median_s": median(samples),
            "samples": samples,
            "exit_code": rc,
            "counts": counts,
            "not_passed": [l.strip()[:300] for l in text.splitlines() if l.startswith(("FAILED ", "ERROR "))],
        }
    out["sum_of_medians_s"] = round(sum(v["median_s"] or 0 for v in out.values() if isinstance(v, dict)), 3)
    return out


def section_scale(
    work: Path,
    snapshot: Path,
    build: dict,
    weight_1x: dict,
    pages: list[str],
    n: int,
    limit: float,
    full_100x: bool,
    rebuild: bool = True,
) -> dict:
    notebooks = build["notebooks"]
    out = {"scales": {}}
    one = {
        "rows": None,
        "validate_s": None,
        "execute_notebooks_s": build["floor"]["median_steps_s"]["execute_nbclient"],
        "per_notebook_s": build["floor"]["median_per_notebook_s"],
        "build_s": build["cold_build"]["median_s"],
        "build_steps_s": build["cold_build"]["median_steps_s"],
        "build": "full (medians of the cold builds above)",
        "rebuild_no_change_s": build["rebuild_no_change"]["median_s"],
        "page_weight": weight_1x,
    }
    copy1 = build["_cold_copy"]
    one["validate_s"] = median([run(STEPS[0][1], copy1)[0] for _ in range(n)])
    with open(copy1 / "data" / "parallel_forces.csv", encoding="utf-8-sig", newline="") as fh:
        one["rows"] = sum(1 for _ in csv.reader(fh)) - 1
    out["scales"]["1x"] = one
    for k in SCALES[1:]:
        log(f"scale {k}x: copy and data")
        copy = clone(snapshot, work / f"x{k}")
        rows = scale_data(copy / "data", copy / "data", k)
        s = {"rows": rows["parallel_forces.csv"], "mandate_rows": rows["mandates.csv"]}
        log(f"scale {k}x: validate x{n}")
        vals = []
        for _ in range(n):
            dt, rc, text = run(STEPS[0][1], copy, check=False)
            vals.append(dt)
            if rc != 0:
                s["validate_error"] = text.strip().splitlines()[-3:]
                break
        s["validate_s"] = median(vals)
        log(f"scale {k}x: execute {len(notebooks)} notebooks (nbclient), and at 1x just before for the ratio")
        base = execute_notebooks(copy1, notebooks, write=False)
        s["execute_notebooks_1x_adjacent_s"] = base["total"]
        s["per_notebook_1x_adjacent_s"] = base["per_notebook"]
        ex = execute_notebooks(copy, notebooks, write=True, timeout=max(limit, 1800))
        s["execute_notebooks_s"] = ex["total"]
        s["per_notebook_s"] = ex["per_notebook"]
        if ex["errors"]:
            s["notebook_errors"] = ex["errors"]
        predicted = None
        if k > 10 and out["scales"].get("10x", {}).get("build_s") and out["scales"]["1x"].get("build_s"):
            # time = a * rows^b through the two measured scales (1x and 10x)
            import math

            b1, b10 = out["scales"]["1x"]["build_s"], out["scales"]["10x"]["build_s"]
            slope = math.log(b10 / b1) / math.log(10)
            predicted = round(b10 * (k / 10) ** slope, 1)
            s["build_predicted_s"] = predicted
            s["build_growth_exponent_1x_to_10x"] = round(slope, 3)
        if k == 10 or full_100x or (predicted is not None and predicted <= limit):
            allowed = limit if (k > 10 and not full_100x) else 4 * 3600
            log(f"scale {k}x: full build (make book steps), at most {allowed:.0f} s")
            clean(copy)
            t0 = time.perf_counter()
            try:
                s["build_steps_s"] = pipeline(copy, timeout=allowed)
                s["build_s"] = s["build_steps_s"]["total"]
                s["build"] = "full"
                if rebuild:
                    log(f"scale {k}x: no-change rebuild")
                    s["rebuild_no_change_steps_s"] = pipeline(copy, timeout=3600)
                    s["rebuild_no_change_s"] = s["rebuild_no_change_steps_s"]["total"]
            except BenchError as exc:
                site_forces = copy / "_build" / "html" / "book" / "generated" / "forces"
                written = len(list(site_forces.glob("*.html"))) if site_forces.exists() else 0
                s["build_attempt"] = {
                    "seconds": round(time.perf_counter() - t0, 1),
                    "steps_s": exc.times,
                    "error": str(exc)[-2000:],
                    "record_pages_written": written,
                }
                s["build"] = (
                    f"full build did not finish: stopped after {s['build_attempt']['seconds']} s "
                    f"({str(exc).splitlines()[0][:160]}); {written} of {s['rows']} record pages "
                    "had been written. Chapter pages come from a notebooks-only build (execution off, "
                    "outputs from the nbclient run above, toc reduced to the root page and the notebooks, "
                    "no -W), so their sidebar lacks the record pages: compare content_bytes, not html_bytes"
                )
                log(s["build"])
        else:
            why = (
                f"predicted {predicted} s from the 1x and 10x builds, over the {limit:.0f} s limit"
                if predicted is not None
                else "no 10x build to predict its time from"
            )
            s["build"] = (
                f"full build skipped: {why} (use --full-100x to run it); chapter pages come from a "
                "notebooks-only build (execution off, outputs from the nbclient run above, "
                "toc reduced to the root page and the notebooks, no -W), so their sidebar lacks "
                "the record pages: compare content_bytes, not html_bytes"
            )
        if "build_s" not in s:
            log(f"scale {k}x: notebooks-only build for page bytes")
            clean(copy)
            notebooks_only_toc(copy, notebooks)
            set_execution_off(copy)
            dt, rc, text = run([JB, "build", ".", "--keep-going"], copy, check=False)
            s["notebooks_only_build_s"] = round(dt, 3)
            if rc != 0:
                s["notebooks_only_build_error"] = text.strip().splitlines()[-5:]
        s["page_weight"] = page_weight(copy / "_build" / "html", pages)
        out["scales"][f"{k}x"] = s
    return out


def notebooks_only_toc(copy: Path, notebooks: list[str]) -> None:
    import yaml

    toc = {"format": "jb-book", "root": "book/index", "chapters": [{"file": nb[: -len(".ipynb")]} for nb in notebooks]}
    (copy / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")


def section_peer(copy: Path, work: Path, notebooks: list[str], n: int) -> dict:
    """Peer renderers of the same notebooks: Quarto if it installs, else nbconvert."""
    out = {"quarto": quarto_status(work)}
    if out["quarto"].get("executable"):
        samples = []
        for _ in range(n):
            t0 = time.perf_counter()
            for nb in notebooks:
                run([out["quarto"]["executable"], "render", nb, "--execute", "--to", "html"], copy)
            samples.append(round(time.perf_counter() - t0, 3))
        out["quarto"].update(runs=len(samples), median_s=median(samples), samples=samples)
    dest = work / "peer-nbconvert"
    samples = []
    for i in range(n):
        log(f"peer: nbconvert --execute --to html {i + 1}/{n}")
        shutil.rmtree(dest, ignore_errors=True)
        dt, _, _ = run([NBCONVERT, "--execute", "--to", "html", "--output-dir", dest] + notebooks, copy)
        samples.append(round(dt, 3))
    sizes = {p.name: p.stat().st_size for p in sorted(dest.glob("*.html"))}
    out["nbconvert"] = {
        "command": "jupyter nbconvert --execute --to html <notebooks>",
        "runs": len(samples),
        "median_s": median(samples),
        "samples": samples,
        "html_bytes": sizes,
        "note": "self-contained pages (CSS inline); the charts are not drawn there: the "
        "publication's pf-charts.js and vendored Vega are not included",
    }
    return out


def quarto_status(work: Path) -> dict:
    exe = shutil.which("quarto")
    if exe:
        v = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
        return {"installed": True, "executable": exe, "version": v}
    venv = work / "quarto-venv"
    log("peer: trying `pip install quarto-cli` in a throw-away venv")
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=120)
        p = subprocess.run(
            [str(venv / "bin" / "pip"), "install", "--no-deps", "-v", "--no-cache-dir", "quarto-cli"],
            capture_output=True,
            text=True,
            timeout=240,
        )
        text = p.stdout + p.stderr
        exe = venv / "bin" / "quarto"
        if p.returncode == 0 and exe.exists():
            ok = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60)
            if ok.returncode == 0:
                return {"installed": True, "executable": str(exe), "version": ok.stdout.strip()}
        lines = [
            l.strip()
            for l in text.splitlines()
            if re.search(r"Saved|Downloading https|Error downloading|quarto.cli-|Failed|ERROR|error:", l)
        ]
        return {
            "installed": False,
            "exit_code": p.returncode,
            "evidence": lines[:8],
            "reason": "quarto-cli on PyPI is a source package whose setup.py downloads the Quarto binary "
            "from github.com while building the wheel; the download fails here, so the build fails"
            if any("Error downloading" in l for l in lines)
            else "pip install quarto-cli failed",
        }
    except subprocess.TimeoutExpired:
        return {"installed": False, "reason": "pip install quarto-cli did not finish within 240 s"}
    except Exception as exc:  # noqa: BLE001 - report, do not stop the benchmark
        return {"installed": False, "reason": f"{type(exc).__name__}: {exc}"}


# --------------------------------------------------------------------------- machine and report


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    mem = None
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = round(kb / 1024 / 1024, 1)
    except (OSError, AttributeError):
        pass
    versions = {}
    for pkg in ["jupyter-book", "sphinx", "myst-nb", "nbclient", "nbconvert", "altair", "pandas", "frictionless"]:
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            pass
    return {
        "cpu_count": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_model": model,
        "memory_gb": mem,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def source_state() -> dict:
    def git(*a):
        try:
            return subprocess.run(
                ["git", "-C", str(ROOT), *a], capture_output=True, text=True, check=True
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return None

    return {
        "commit": git("rev-parse", "HEAD"),
        "uncommitted_files_included": len((git("status", "--porcelain") or "").splitlines()),
    }


def growth_findings(scale: dict) -> list[dict]:
    """Charts whose inline spec or data table grows with the rows, and why."""
    s1 = scale["scales"]["1x"]["page_weight"]["pages"]
    found = []
    prev = {}
    for k in [f"{x}x" for x in SCALES[1:]]:
        sk = scale["scales"].get(k, {}).get("page_weight", {}).get("pages", {})
        for page, w in sk.items():
            for fid, f in w["figures"].items():
                base = s1.get(page, {}).get("figures", {}).get(fid)
                if not base or not base["spec_bytes"]:
                    continue
                r = f["spec_bytes"] / base["spec_bytes"]
                rows_r = (f["data_rows_in_spec"] / base["data_rows_in_spec"]) if base["data_rows_in_spec"] else None
                before = prev.get((page, fid))  # the previous scale, 10 times fewer rows
                step = f["spec_bytes"] / before["spec_bytes"] if before and before["spec_bytes"] else None
                if rows_r and rows_r > 1.5:
                    why = "one mark per record: the chart draws rows, not aggregates"
                elif r <= 1.5:
                    why = "flat"
                elif step is not None and step < 1.5:
                    why = (
                        "bounded: grew up to the previous scale (e.g. a capped list of names), "
                        "then flat over the last tenfold"
                    )
                else:
                    why = (
                        "aggregated rows, but their text fields (e.g. tooltips listing every force's name) "
                        "grow with the rows"
                    )
                found.append(
                    {
                        "scale": k,
                        "page": page,
                        "figure": fid,
                        "spec_bytes_1x": base["spec_bytes"],
                        "spec_bytes": f["spec_bytes"],
                        "spec_ratio": round(r, 2),
                        "spec_ratio_to_previous_scale": round(step, 2) if step else None,
                        "data_rows_1x": base["data_rows_in_spec"],
                        "data_rows": f["data_rows_in_spec"],
                        "data_rows_ratio": round(rows_r, 2) if rows_r else None,
                        "data_table_ratio": ratio(f["data_table_bytes"], base["data_table_bytes"]),
                        "why": why,
                    }
                )
        prev = {(page, fid): f for page, w in sk.items() for fid, f in w["figures"].items()}
    return found


def print_table(res: dict) -> None:
    f = res["figures"]
    rows = [(k, v) for k, v in f.items() if not isinstance(v, (dict, list))]
    w = max(len(k) for k, _ in rows)
    print(
        f"\nParallel forces benchmark, {res['date']} ({res['machine']['cpus_usable']} CPUs, "
        f"{res['machine']['cpu_model']})"
    )
    print("-" * (w + 16))
    for k, v in rows:
        print(f"{k:<{w}}  {v}")
    print("-" * (w + 16))
    for note in res["notes"]:
        print(f"- {note}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="runs for the medians of the short figures (default 3)")
    ap.add_argument("--quick", action="store_true", help="one run each, no 100x scale (a smoke test)")
    ap.add_argument("--no-tests", action="store_true")
    ap.add_argument("--no-scale", action="store_true")
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--full-100x", action="store_true", help="build the whole site at 100x even if predicted slow")
    ap.add_argument("--limit", type=float, default=600, help="seconds a 100x full build may be predicted to take")
    ap.add_argument("--scales", default=None, help="data scales, e.g. 1,10,100 (the default; --quick: 1,10)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results.json"))
    ap.add_argument("--_execute", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--_write", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("notebooks", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._execute:
        return _execute_main(args)
    if not PY.exists() or not JB.exists():
        print(f"{PY} or {JB} is missing: run `make book` first (it sets up .venv).", file=sys.stderr)
        return 1
    global SCALES
    n = 1 if args.quick else args.runs
    if args.quick:
        SCALES = (1, 10)
    if args.scales:
        SCALES = tuple(sorted({1, *(int(x) for x in args.scales.split(","))}))
    t_start = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="pf-bench-"))
    log(f"work folder {work}")
    shared = ROOT.parent / "shared"
    if shared.is_dir():  # some tests look for ../shared beside the repository: keep that layout
        (work / "shared").symlink_to(shared)
    res = {
        "machine": machine(),
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "source": source_state(),
        "runs": {},
        "figures": {},
        "notes": [],
        "details": {},
    }
    try:
        snapshot = make_copy(work / "snapshot")
        res["source"]["snapshot_taken"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        build = section_build(work, snapshot, n)
        cold_copy = build["_cold_copy"]
        site = cold_copy / "_build" / "html"
        chapters = [f + ".html" for f in toc_files(cold_copy) if not f.startswith("book/generated")]
        forces_pages = sorted((site / "book" / "generated" / "forces").glob("*.html"))
        pages = chapters + ([forces_pages[0].relative_to(site).as_posix()] if forces_pages else [])
        weight = page_weight(site, pages)
        bw = browser_weight(site, pages)
        fv = None
        if CHROMIUM.exists():
            fv_pages = first_view_weight.pages_of_every_type(site)
            fv = first_view_weight.first_view(site, fv_pages, CHROMIUM)
        tests = None if args.no_tests else section_tests(cold_copy, n)
        peer = None if args.no_peer else section_peer(cold_copy, work, build["notebooks"], n)
        scale = (
            None
            if args.no_scale
            else section_scale(
                work,
                snapshot,
                build,
                weight,
                pages,
                1 if args.quick else n,
                args.limit,
                args.full_100x,
                rebuild=not args.quick,
            )
        )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"kept {work}")
    build.pop("_cold_copy")

    F = res["figures"]
    cb, fl = build["cold_build"]["median_s"], build["floor"]["median_s"]
    F["cold_build_s"] = cb
    F["floor_s"] = fl
    F["cold_build_over_floor_ratio"] = ratio(cb, fl)
    F["cold_jupyter_book_over_floor_execute_plus_sphinx_ratio"] = ratio(
        build["cold_build"]["median_steps_s"]["jupyter_book"],
        (build["floor"]["median_steps_s"]["execute_nbclient"] or 0)
        + (build["floor"]["median_steps_s"]["jupyter_book_execution_off"] or 0),
    )
    F["rebuild_no_change_s"] = build["rebuild_no_change"]["median_s"]
    F["rebuild_over_cold_ratio"] = ratio(F["rebuild_no_change_s"], cb)
    F["rebuild_prose_edit_s"] = build["rebuild_prose_edit"]["median_s"]
    F["prose_rebuild_over_cold_ratio"] = ratio(F["rebuild_prose_edit_s"], cb)
    F["rebuild_pages_read_by_sphinx"] = build["rebuild_no_change"]["pages_read_by_sphinx"]
    F["postbuild_share_of_rebuild"] = ratio(
        build["rebuild_no_change"]["median_steps_s"]["postbuild"], F["rebuild_no_change_s"]
    )
    res["runs"].update(
        {
            "cold_build": build["cold_build"]["runs"],
            "floor": build["floor"]["runs"],
            "rebuild_no_change": build["rebuild_no_change"]["runs"],
            "rebuild_prose_edit": build["rebuild_prose_edit"]["runs"],
        }
    )
    if tests:
        for kind in ("unit", "nbval", "browser"):
            F[f"test_{kind}_s"] = tests[kind].get("median_s")
            res["runs"][f"test_{kind}"] = tests[kind]["runs"]
        F["tests_total_s"] = tests["sum_of_medians_s"]
        for kind in ("unit", "nbval", "browser"):
            bad = tests[kind].get("not_passed")
            if bad:
                res["notes"].append(
                    f"tests ({kind}): {len(bad)} did not pass in the benchmark's copy: "
                    + "; ".join(b.split(" - ")[0] for b in bad[:8])
                )
    for page, w in weight["pages"].items():
        if page.startswith(("notebooks/", "book/generated/")) or page == "book/index.html":
            F[f"page_own_bytes_1x:{page}"] = w["own_bytes"]
    F["shared_bytes_once_1x"] = weight["shared_files_bytes_once"]
    if fv:
        for page, w in fv.items():
            F[f"first_view_gzip_kib:{page}"] = round(w["gzip_bytes"] / 1024, 1)
        F["first_view_over_budget"] = len(first_view_weight.over_budget(fv))
        for bad in first_view_weight.over_budget(fv):
            res["notes"].append(f"first view over budget: {bad}")
        outside = sorted({u for w in fv.values() for u in w["outside"]})
        if outside:
            res["notes"].append(f"first views requested outside the site: {outside[:5]}")
    else:
        res["notes"].append(f"first-view weights not measured: {CHROMIUM} is missing")
    if peer:
        nb = peer["nbconvert"]["median_s"]
        F["peer_nbconvert_s"] = nb
        F["cold_build_over_peer_nbconvert_ratio"] = ratio(cb, nb)
        F["peer_nbconvert_over_floor_execute_ratio"] = ratio(nb, build["floor"]["median_steps_s"]["execute_nbclient"])
        res["runs"]["peer_nbconvert"] = peer["nbconvert"]["runs"]
        if peer["quarto"].get("median_s"):
            F["peer_quarto_s"] = peer["quarto"]["median_s"]
            F["cold_build_over_peer_quarto_ratio"] = ratio(cb, peer["quarto"]["median_s"])
        else:
            res["notes"].append("Quarto peer not run: " + peer["quarto"].get("reason", "not installed"))
    if scale:
        one = scale["scales"]["1x"]
        for k in SCALES[1:]:
            s = scale["scales"].get(f"{k}x")
            if not s:
                continue
            F[f"validate_{k}x_over_1x_ratio"] = ratio(s["validate_s"], one["validate_s"])
            F[f"notebooks_{k}x_over_1x_ratio"] = ratio(s["execute_notebooks_s"], s["execute_notebooks_1x_adjacent_s"])
            if s.get("rebuild_no_change_s"):
                F[f"rebuild_{k}x_over_1x_ratio"] = ratio(s["rebuild_no_change_s"], one["rebuild_no_change_s"])
                F[f"rebuild_{k}x_s"] = s["rebuild_no_change_s"]
            if s.get("build_s"):
                F[f"build_{k}x_over_1x_ratio"] = ratio(s["build_s"], one["build_s"])
                F[f"build_{k}x_s"] = s["build_s"]
            elif s.get("build_attempt"):
                F[f"build_{k}x_s_at_least"] = s["build_attempt"]["seconds"]
                for step, t in s["build_attempt"]["steps_s"].items():
                    if step != "pages_read":
                        F[f"build_{k}x_{step}_s"] = t
                F[f"build_{k}x_record_pages_written_when_stopped"] = s["build_attempt"]["record_pages_written"]
            elif s.get("build_predicted_s"):
                F[f"build_{k}x_predicted_s"] = s["build_predicted_s"]
            for page, w in s["page_weight"]["pages"].items():
                if (
                    (page.startswith(("notebooks/", "book/generated/")) or page == "book/index.html")
                    and page in one["page_weight"]["pages"]
                    and (s.get("build") == "full" or page != "book/index.html")
                ):
                    b = one["page_weight"]["pages"][page]
                    key = "own_bytes" if s.get("build") == "full" else "content_bytes"
                    F[f"page_{key}_{k}x_over_1x_ratio:{page}"] = ratio(w[key], b[key])
            nav = {
                p: w["sidebar_nav_bytes"] for p, w in s["page_weight"]["pages"].items() if p.startswith("notebooks/")
            }
            nav1 = {
                p: w["sidebar_nav_bytes"] for p, w in one["page_weight"]["pages"].items() if p.startswith("notebooks/")
            }
            if nav1 and "sidebar_nav_bytes_per_chapter_page_1x" not in F:
                F["sidebar_nav_bytes_per_chapter_page_1x"] = max(nav1.values())
            if s.get("build") == "full" and nav:
                F[f"sidebar_nav_bytes_per_chapter_page_{k}x"] = max(nav.values())
            elif nav1 and F.get("sidebar_nav_bytes_per_chapter_page_10x"):
                r1, r10, rk = one["rows"], scale["scales"]["10x"]["rows"], s["rows"]
                n1, n10 = F["sidebar_nav_bytes_per_chapter_page_1x"], F["sidebar_nav_bytes_per_chapter_page_10x"]
                F[f"sidebar_nav_bytes_per_chapter_page_{k}x_predicted"] = round(
                    n1 + (n10 - n1) * (rk - r1) / (r10 - r1)
                )
            if s.get("build") == "full":
                F[f"searchindex_{k}x_over_1x_ratio"] = ratio(
                    s["page_weight"]["searchindex_bytes"], one["page_weight"]["searchindex_bytes"]
                )
            res["runs"][f"scale_{k}x"] = {
                "validate": 1 if args.quick else n,
                "notebooks": 1,
                "build": 1 if s.get("build") == "full" else 0,
            }
            if s.get("build") != "full":
                res["notes"].append(f"{k}x: {s['build']}")
            if s.get("notebook_errors"):
                res["notes"].append(f"{k}x: notebooks that failed: {s['notebook_errors']}")
        res["runs"]["scale_1x"] = f"medians of the cold builds and floor runs above; validate x{1 if args.quick else n}"
        scale["chart_growth"] = growth_findings(scale)
        growing = [
            g
            for g in scale["chart_growth"]
            if g["scale"] == f"{SCALES[-1]}x" and g["why"] not in ("flat",) and not g["why"].startswith("bounded")
        ]
        for g in growing:
            res["notes"].append(
                f"grows with rows at {g['scale']}: {g['page']} chart '{g['figure']}' spec x{g['spec_ratio']} "
                f"(data rows x{g['data_rows_ratio']}): {g['why']}"
            )
    res["details"] = {
        "build": build,
        "page_weight_1x": weight,
        "page_weight_1x_browser": bw,
        "first_view_1x": fv,
        "tests": tests,
        "peer": peer,
        "scale": scale,
    }
    res["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    res["bench_wall_time_s"] = round(time.perf_counter() - t_start, 1)
    res["notes"].insert(
        0,
        "Times are wall seconds (medians); ratios divide two medians measured in this run. "
        "The machine may be shared: see load averages.",
    )
    Path(args.out).write_text(json.dumps(res, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    print_table(res)
    log(f"wrote {args.out} in {res['bench_wall_time_s']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
