"""`workbook report` and `workbook analyze`: the HTML report, the JSON contract and the exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from analysis.cli import main
from analysis.report import ReportError, render_report, slugify

ROOT = Path(__file__).resolve().parent.parent


def workbook(*args: str, cwd: Path | None = None, **kwargs) -> subprocess.CompletedProcess:
    """Run `workbook ARGS` as a user would (extra keywords, e.g. timeout, go to subprocess.run)."""
    return subprocess.run(
        [sys.executable, "-m", "analysis.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env={**os.environ, "WORKBOOK_DEBUG": ""},
        **kwargs,
    )


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory, seed_path):
    out = tmp_path_factory.mktemp("reports")
    result = workbook("report", str(seed_path), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out, Path(result.stdout.strip())


def test_report_writes_html_next_to_executed_notebook(seed_report):
    out, html_path = seed_report
    assert html_path == out / "2022-01-blinken-lavrov-geneve.html"
    assert (out / "2022-01-blinken-lavrov-geneve.ipynb").exists()
    assert not list(out.glob(".*tmp*")), "no temporary files left behind"


def test_report_html_is_self_contained_without_code(seed_report, seed_path):
    _, html_path = seed_report
    page = html_path.read_text(encoding="utf-8")
    assert "<title>Russlands utenriksminister: − Ikke redd for noen – analyserapport</title>" in page
    assert "load_article" not in page, "input cells are excluded"
    assert "In&nbsp;[" not in page and "Out[" not in page, "no prompts"
    assert "<script" not in page
    assert "http://" not in page and "https://" not in page
    assert str(seed_path.parent) not in page, "no local paths of the rendering machine"
    assert "2022-01_blinken-lavrov-geneve.txt" in page


def test_executed_notebook_has_injected_parameters(seed_report):
    out, _ = seed_report
    executed = nbformat.read(out / "2022-01-blinken-lavrov-geneve.ipynb", as_version=4)
    tags = [tag for cell in executed.cells for tag in cell.metadata.get("tags", [])]
    assert "injected-parameters" in tags


def test_stored_notebook_has_parameters_cell_and_no_outputs():
    notebook = nbformat.read(ROOT / "notebooks" / "article_report.ipynb", as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", [])
    assert "article_path" in code[0].source
    assert all(not c.outputs and c.execution_count is None for c in code)


def test_failing_notebook_keeps_executed_notebook_and_raises(tmp_path, seed_path):
    notebook = nbformat.read(ROOT / "notebooks" / "article_report.ipynb", as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("raise ValueError('brukt i en test')"))
    broken = tmp_path / "broken.ipynb"
    nbformat.write(notebook, broken)
    with pytest.raises(ReportError) as caught:
        render_report(seed_path, tmp_path / "out", notebook=broken)
    assert "ValueError: brukt i en test" in str(caught.value)
    assert "\n" not in str(caught.value)
    executed = nbformat.read(tmp_path / "out" / "2022-01-blinken-lavrov-geneve.ipynb", as_version=4)
    assert any(
        "papermill-error-cell" in str(c.source) or "An Exception was encountered" in str(c.source)
        for c in executed.cells
    )
    assert not (tmp_path / "out" / "2022-01-blinken-lavrov-geneve.html").exists()


def test_slugify():
    assert slugify("Blinken og Lavrov i Genève.txt") == "blinken-og-lavrov-i-geneve"
    assert slugify("Ærlig talt – ørret på Åsen.html") == "aerlig-talt-orret-pa-asen"
    assert slugify("«»!.txt") == "article"


def test_analyze_json_contract(seed_path):
    result = workbook("analyze", str(seed_path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    article = data["article"]
    assert set(article) >= {"path", "title", "date", "language", "words", "zones"}
    assert article["date"] == "2022-01"
    kinds = [z["kind"] for z in article["zones"]]
    assert kinds.count("headline") == 1 and kinds.count("lead") == 1 and kinds.count("caption") == 2
    text = seed_path.read_text(encoding="utf-8")
    for zone in article["zones"]:
        assert text[zone["start"] : zone["end"]] == zone["text"]


@pytest.mark.parametrize("make_input", ["missing", "directory", "empty", "binary"])
def test_bad_input_exits_2_with_one_line(tmp_path, make_input):
    path = tmp_path / "artikkel.txt"
    if make_input == "directory":
        path.mkdir()
    elif make_input == "empty":
        path.write_text("  \n", encoding="utf-8")
    elif make_input == "binary":
        path.write_bytes(bytes(range(256)) * 100)
    for command in (["analyze", str(path), "--json"], ["report", str(path), "--out", str(tmp_path / "out")]):
        result = workbook(*command)
        assert result.returncode == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and str(path) in lines[0], result.stderr
        assert "Traceback" not in result.stderr


def test_article_without_quotes_gets_a_report(tmp_path):
    path = tmp_path / "uten-sitater.txt"
    path.write_text(
        "Stille dag i byen\n2024-03-01\n\nDet skjedde lite i sentrum fredag. Butikkene holdt åpent som vanlig.\n\n"
        "Været var gråttt og kaldt, med litt sludd utover ettermiddagen.\n",
        encoding="utf-8",
    )
    assert main(["report", str(path), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "uten-sitater.html").exists()
    result = workbook("analyze", str(path), "--json")
    assert result.returncode == 0 and json.loads(result.stdout)["article"]["title"] == "Stille dag i byen"


def test_analyze_is_strict_json_on_every_dev_article(dev_set):
    from analysis.analysis import analyse_article
    from analysis.article import load_article

    for item in dev_set:
        data = analyse_article(load_article(item.text_path)).to_json()
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)  # raises on NaN/inf or numpy types
        assert set(data) == {"article", "terms", "quotes", "speakers", "entities", "sentiment"}
        assert json.loads(text)["article"]["title"] == item.title


def test_parallel_analysis_gives_the_same_result(seed):
    from analysis.analysis import analyse_article

    parallel = analyse_article(seed).complete(parallel=True).to_json()
    assert parallel == analyse_article(seed).complete(parallel=False).to_json()
