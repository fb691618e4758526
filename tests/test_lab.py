"""`make lab`: a researcher re-runs each chapter in JupyterLab, offline, and reads it as the
book shows it: every chart drawn, every glued number in the prose.

JupyterLab is started with the command and environment `make lab` uses
(``parallel_forces.lab``), on a free port, with autosave off in a throwaway settings folder
so that nothing is written to the notebooks. Headless Chromium opens each chapter with every
request outside 127.0.0.1 blocked, checks the stored outputs (an untrusted notebook, as a
downloaded one is), clears them, runs all cells and reads what JupyterLab shows.
About 2 minutes.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from conftest import PageWatch

from parallel_forces import lab

CHAPTERS = sorted(lab.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
ROLE = re.compile(r"\{glue(?::text|:)?\}`([^`]+)`")

# The state of the open notebook, read in the page.
READ = """(panel) => {
  const root = document.querySelector(panel);
  const md = Array.from(root.querySelectorAll('.jp-MarkdownCell .myst, .jp-MarkdownCell .jp-RenderedMarkdown'));
  return {
    charts: Array.from(root.querySelectorAll('.pf-chart')).map(e => ({
      drawn: e.getAttribute('data-pf-drawn'),
      marks: e.querySelectorAll('svg, canvas').length,
      width: e.querySelector('svg') ? e.querySelector('svg').getBoundingClientRect().width : 0})),
    prose: md.map(e => e.textContent).join('\\n'),
    glued: Array.from(root.querySelectorAll('[data-pf-glue]')).map(e => [e.getAttribute('data-pf-glue'), e.textContent]),
    errors: Array.from(root.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')).map(e => e.textContent.slice(0, 2000)),
    kernel: (document.querySelector(panel + ' .jp-KernelName') || {}).textContent,
  };
}"""

DONE = """(panel) => {
  const root = document.querySelector(panel);
  if (root.querySelector('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')) return true;
  const prompts = Array.from(root.querySelectorAll('.jp-CodeCell .jp-InputPrompt')).map(e => e.textContent);
  return prompts.length > 0 && prompts.every(t => /\\[\\d+\\]/.test(t));
}"""

DRAWN = """(panel) => Array.from(document.querySelectorAll(panel + ' .pf-chart')).every(
  e => e.getAttribute('data-pf-drawn') === 'true' || e.getAttribute('data-pf-drawn') === 'error')"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab_url(tmp_path_factory):
    """JupyterLab as `make lab` starts it, on a free port; its settings, workspaces, trust
    database and checkpoints in a temporary folder, autosave off: nothing is written to the
    repository."""
    tmp = tmp_path_factory.mktemp("lab")
    settings = tmp / "settings" / "@jupyterlab" / "docmanager-extension"
    settings.mkdir(parents=True)
    (settings / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}))
    # Checkpoints (JupyterLab makes one when it opens a notebook) go to the temporary folder too.
    (tmp / "config").mkdir()
    (tmp / "config" / "jupyter_server_config.json").write_text(
        json.dumps({"FileCheckpoints": {"root_dir": str(tmp / "checkpoints")}})
    )
    env = lab.environment()
    env.update(
        JUPYTERLAB_SETTINGS_DIR=str(tmp / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"),
        JUPYTER_DATA_DIR=str(tmp / "data"),
        JUPYTER_CONFIG_DIR=str(tmp / "config"),
    )
    env.pop("PF_CHART_RENDERER", None)
    port = free_port()
    log = (tmp / "lab.log").open("w")
    proc = subprocess.Popen(
        lab.command(port=port, open_browser=False), env=env, cwd=lab.ROOT, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while True:
        try:
            urllib.request.urlopen(url + "/api/status", timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                pytest.fail("JupyterLab did not start:\n" + (tmp / "lab.log").read_text()[-3000:])
            time.sleep(0.5)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def test_make_lab_command():
    """`make lab` runs this module; JupyterLab opens on the chapters, bound to this machine,
    with no token, the project's extension and configuration, nothing fetched."""
    makefile = (lab.ROOT / "Makefile").read_text()
    assert "$(PY) -m parallel_forces.lab" in makefile
    cmd = lab.command()
    assert f"--ServerApp.root_dir={lab.NOTEBOOKS}" in cmd
    assert "--ServerApp.ip=127.0.0.1" in cmd and "--IdentityProvider.token=" in cmd
    assert f"--LabApp.extra_labextensions_path={lab.EXTENSIONS}" in cmd
    assert "--LabApp.news_url=None" in cmd
    env = lab.environment({"PYTHONPATH": "/elsewhere"})
    assert env["JUPYTER_CONFIG_PATH"] == str(lab.CONFIG)
    assert env["PYTHONPATH"].split(os.pathsep) == [str(lab.ROOT), "/elsewhere"]
    assert (lab.EXTENSIONS / "parallel-forces-lab" / "static" / "vendor" / "vega.min.js").is_file()


@pytest.mark.slow
def test_lab_page_offline(browser, lab_url):
    """The landing page lists the chapters, loads nothing from outside and asks nothing
    (no token, no news prompt)."""
    watch = PageWatch(browser, lab_url)
    try:
        page = watch.page
        page.goto(lab_url + "/lab/workspaces/pf-landing?reset")
        page.wait_for_selector(".jp-DirListing-item", timeout=60000)
        page.wait_for_timeout(3000)
        names = page.locator(".jp-DirListing-itemName").all_inner_texts()
        assert CHAPTERS and {p.name for p in CHAPTERS} <= set(names)
        assert "/login" not in page.url
        assert "Jupyter news" not in page.locator("body").inner_text()
        assert watch.outside == []
        assert watch.errors == []
    finally:
        watch.close()


def _menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click()


def _shut_down_kernel(page) -> None:
    """End the chapter's kernel (the server asks for its XSRF cookie on DELETE)."""
    try:
        page.evaluate("""async () => {
      const xsrf = (document.cookie.match(/_xsrf=([^;]+)/) || [])[1] || '';
      const sessions = await (await fetch('/api/sessions')).json();
      for (const s of sessions) await fetch('/api/sessions/' + s.id, {method: 'DELETE', headers: {'X-XSRFToken': xsrf}});
    }""")
    except Exception:  # the page may be gone: the server's shutdown ends the kernel then
        pass


@pytest.mark.slow
@pytest.mark.parametrize("nb_path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_chapter_runs_in_lab(nb_path: Path, browser, lab_url):
    nb = nbformat.read(nb_path, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    figures = sum(bool(re.search(r"\w_figure\(", s)) for s in code)
    roles = [m for c in nb.cells if c.cell_type == "markdown" for m in ROLE.findall(c.source)]
    stored = sum("pf-chart-spec" in json.dumps(c.get("outputs", [])) for c in nb.cells if c.cell_type == "code")

    watch = PageWatch(browser, lab_url, viewport={"width": 1400, "height": 1000})
    page = watch.page
    try:
        page.goto(f"{lab_url}/lab/workspaces/pf-{nb_path.stem}/tree/{nb_path.name}?reset")
        page.wait_for_selector(PANEL + " .jp-Cell", timeout=60000)

        # As opened (a downloaded notebook is untrusted): the stored charts are drawn.
        if stored:
            page.wait_for_function(
                f"(p) => document.querySelectorAll(p + ' .pf-chart').length >= {stored}", arg=PANEL, timeout=30000
            )
            page.wait_for_function(DRAWN, arg=PANEL, timeout=30000)
            before = page.evaluate(READ, PANEL)
            assert all(c["drawn"] == "true" and c["marks"] for c in before["charts"]), before["charts"]

        # Clear, then Run All, as a researcher re-running the chapter would.
        _menu(page, "Edit", "Clear Outputs of All Cells")
        page.wait_for_function("(p) => !document.querySelector(p + ' .pf-chart')", arg=PANEL, timeout=10000)
        _menu(page, "Run", "Run All Cells")
        page.wait_for_function(DONE, arg=PANEL, timeout=180000, polling=500)
        page.wait_for_function(DRAWN, arg=PANEL, timeout=30000)
        page.wait_for_timeout(500)  # the extension applies glued values within 60 ms of a change
        state = page.evaluate(READ, PANEL)
    finally:
        _shut_down_kernel(page)
        watch.close()

    assert not state["errors"], f"{nb_path.name} raised in JupyterLab:\n" + "\n".join(state["errors"])
    assert state["kernel"] == "Python 3 (ipykernel)"
    # Every figure's chart is drawn, with a real width.
    assert len(state["charts"]) == figures, state["charts"]
    bad = [c for c in state["charts"] if c["drawn"] != "true" or not c["marks"] or c["width"] < 100]
    assert not bad, f"{len(bad)} of {figures} charts not drawn in {nb_path.name}: {bad}"
    # Every glued number shows its value, and no role or key is left in the prose.
    assert "{glue" not in state["prose"]
    assert sorted(k for k, _ in state["glued"]) == sorted(roles)
    assert all(v.strip() and v != k for k, v in state["glued"]), state["glued"]
    left = [r for r in set(roles) if re.search(rf"\b{re.escape(r)}\b", state["prose"])]
    assert not left, f"glue keys shown instead of values: {left}"
    # Nothing was requested outside the machine.
    assert watch.outside == [], watch.outside
    assert watch.errors == [], watch.errors
