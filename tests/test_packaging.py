"""The package outside the source checkout: a built wheel carries the notebook and the data, and the
installed `workbook report` renders the seed from an empty folder (no notebooks/ beside it)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        cwd=out,
    )
    return next(out.glob("*.whl"))


def test_wheel_carries_the_notebook_and_the_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "analysis/notebooks/article_report.ipynb" in names
    assert "analysis/templates/report.css" in names
    assert {"analysis/data/stopwords_nb.txt", "analysis/data/speech_verbs_nb.txt"} <= names
    assert not any(name.startswith(("tests/", "bench/", "notebooks/")) for name in names)


@pytest.mark.slow
def test_installed_package_renders_a_report_from_an_empty_folder(wheel, tmp_path, seed_path):
    target, empty = tmp_path / "site", tmp_path / "empty"
    empty.mkdir()
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    article = empty / "artikkel.txt"
    article.write_bytes(seed_path.read_bytes())
    # the installed copy comes first on the path, for this process and for the kernel it starts
    env = {**os.environ, "PYTHONPATH": str(target)}
    probe = subprocess.run(
        [sys.executable, "-c", "import analysis; print(analysis.__file__)"],
        env=env,
        cwd=empty,
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.startswith(str(target))
    result = subprocess.run(
        [sys.executable, "-m", "analysis.cli", "report", "artikkel.txt", "--out", "out"],
        env=env,
        cwd=empty,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    page = (empty / "out" / "artikkel.html").read_text(encoding="utf-8")
    assert "Antony Blinken" in page and "Hovedfunn" in page
