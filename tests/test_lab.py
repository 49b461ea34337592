"""The notebooks as an analyst uses them: JupyterLab on a free port, driven in Debian's Chromium.

The test opens the shipped `notebooks/article_report.ipynb` (and the exploration notebook), runs all cells
from the Run menu and reads every output the page shows: no error output, and the report's sections are
there. JupyterLab runs as the test's user (root in CI: with --allow-root, as `make lab` does).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser_helpers import launched_chromium, needs_chromium

from analysis.report import DEFAULT_NOTEBOOK

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "workbook-test-token"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    needs_chromium,
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory, seed_path):
    """A JupyterLab server on 127.0.0.1 over a copy of notebooks/ (so the run leaves the checkout alone)."""
    work = tmp_path_factory.mktemp("lab")
    folder = work / "notebooks"
    shutil.copytree(ROOT / "notebooks", folder)
    (work / "seeds").mkdir()
    shutil.copy(seed_path, work / "seeds" / seed_path.name)  # the notebooks' default "../seeds/…"
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        f"--ServerApp.port={port}",
        "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={TOKEN}",
        f"--ServerApp.root_dir={folder}",
        "--LabApp.news_url=",
        "--LabApp.collaborative=False",
        "--ServerApp.disable_check_xsrf=True",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    settings = work / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    # every cell rendered (JupyterLab draws only the visible ones by default), so the test can read them all
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(work / "config"),
        "JUPYTER_RUNTIME_DIR": str(work / "rt"),
        "JUPYTERLAB_SETTINGS_DIR": str(work / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(work / "workspaces"),
    }
    log = open(work / "lab.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=work)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((work / "lab.log").read_text()[-2000:]) from None
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    yield from launched_chromium()


def run_all_cells(browser, lab: str, name: str) -> tuple[list[str], str]:
    """Open a notebook in JupyterLab, Run ▸ Run All Cells, wait until the kernel is idle with every cell
    executed; return the error outputs' texts and the text of all outputs."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        # a workspace of its own, reset: JupyterLab would otherwise reopen the notebooks of earlier tests
        workspace = Path(name).stem
        page.goto(
            f"{lab}/lab/workspaces/{workspace}/tree/{name}?reset&token={TOKEN}", wait_until="domcontentloaded"
        )
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
        # the kernel is connected when the status bar names it idle
        page.locator(".jp-StatusBar-Widget", has_text="Idle").first.wait_for(timeout=90_000)
        page.locator(".lm-MenuBar-item", has_text="Run").first.click(timeout=30_000)  # the main menu
        page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click(timeout=30_000)
        cells = page.locator(".jp-Notebook .jp-CodeCell")
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            prompts = cells.locator(".jp-InputPrompt").all_inner_texts()
            done = prompts and all(p.strip() not in ("[ ]:", "[*]:", "") for p in prompts)
            if done and page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").count():
                break
            page.wait_for_timeout(500)
        else:
            raise AssertionError(f"{name}: not every cell ran within 300 s: {prompts}")
        errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        tracebacks = page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']")
        texts = errors.all_inner_texts() + tracebacks.all_inner_texts()
        outputs = " ".join(page.locator(".jp-OutputArea").all_inner_texts())
        return texts, outputs
    finally:
        page.close()


def test_lab_notebook_is_the_shipped_one():
    assert (ROOT / "notebooks" / "article_report.ipynb").read_bytes() == DEFAULT_NOTEBOOK.read_bytes()


def test_report_notebook_runs_in_jupyterlab_without_errors(lab, browser):
    errors, outputs = run_all_cells(browser, lab, "article_report.ipynb")
    assert errors == []
    for heading in ("Hovedfunn", "Antony Blinken", "Sergej Lavrov"):
        assert heading in outputs


def test_exploration_notebook_runs_in_jupyterlab_without_errors(lab, browser):
    errors, outputs = run_all_cells(browser, lab, "explore_article.ipynb")
    assert errors == []
    assert "Antony Blinken" in outputs and "direct_words" in outputs
