"""The corpus report page: one self-contained, escaped HTML page from the dataset, Norwegian or English
labels, rows naming their article and quote, or linking to the batch's article reports."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_corpus import ARTICLES, write_corpus

from analysis.corpus.build import BuildOptions, build_corpus
from analysis.corpus.query import gender_balance, is_official, load_dataset
from analysis.corpus.report import CorpusReportError, check_parameters, render_corpus_report

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = (
    "Skumle tegn\n2024-05-02\n\n"
    "– Vi sier <script>alert(1)</script> og <img src=x onerror=alert(2)>, sier ordfører Eva Lund.\n\n"
    "Hun mener det er trygt.\n"
)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("corpus_report")
    articles = write_corpus(work)
    (articles / "skummel.txt").write_text(HOSTILE, encoding="utf-8")
    dataset = work / "dataset"
    assert build_corpus(BuildOptions([articles], dataset, jobs=2)).exit_code == 0
    return articles, dataset


def test_the_page_is_self_contained_escaped_and_norwegian(dataset, tmp_path):
    _, data = dataset
    page = render_corpus_report(data, tmp_path / "rapport.html").read_text(encoding="utf-8")
    assert '<html lang="nb">' in page
    assert "<script" not in page.lower() and not re.search(r"<[^>]*\son\w+=", page)  # no script, no handler
    assert "&lt;script&gt;" in page  # the hostile quote is shown, escaped
    assert not re.search(r'(src|href)="(https?:|//|file:)', page)
    images = re.findall(r"<img [^>]*>", page)
    assert images and all('alt="' in image and 'src="data:image/png;base64,' in image for image in images)
    for label in (
        "Mest siterte personer",
        "Kvinners andel av kildene",
        "Offisielle kilder og andre",
        "Direkte og indirekte sitater",
        "Tone per stemme",
        "Ord over tid",
    ):
        assert label in page
    assert "Kari Nordmann" in page and "Kommunen vil bygge flere boliger" in page  # the voice and its article


def test_english_labels_and_filters(dataset, tmp_path):
    _, data = dataset
    out = render_corpus_report(
        data, tmp_path / "report.html", {"language": "en", "from": "2024-04", "outlets": "avis"}
    )
    page = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Most quoted people" in page
    assert "Kari Nordmann" not in page  # her article is March, and of another outlet (the manifest's)
    assert "Jon Dahl" in page


def test_bad_parameters_are_refused_before_any_kernel():
    with pytest.raises(CorpusReportError, match="unknown parameter"):
        check_parameters({"banana": 1})
    with pytest.raises(CorpusReportError, match="top_n"):
        check_parameters({"top_n": -5})
    with pytest.raises(CorpusReportError, match="language"):
        check_parameters({"language": "xx"})
    assert check_parameters({"from": 2024})["date_from"] == "2024"


def test_cli_report_and_a_missing_dataset(dataset, tmp_path):
    _, data = dataset
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis.cli",
            "corpus",
            "report",
            str(tmp_path),
            "--out",
            str(tmp_path / "x.html"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 2 and "not a corpus dataset" in result.stderr


def test_rows_link_to_the_batch_reports(dataset, tmp_path):
    articles, data = dataset
    batch = tmp_path / "reports"
    subprocess.run(
        [sys.executable, "-m", "analysis.cli", "batch", str(articles), "--out", str(batch), "--quiet"],
        cwd=ROOT,
        timeout=600,
    )  # exit 1 when some report failed: the page links to those that exist
    page = render_corpus_report(data, tmp_path / "corpus.html", {"batch": str(batch)}).read_text(
        encoding="utf-8"
    )
    links = set(re.findall(r'<a href="(reports/[^"#]+\.html)#(q\d+)"', page))
    assert links and all((tmp_path / link).exists() for link, _ in links)
    for link, anchor in links:  # each lands on its quote's passage in the article report
        assert f'id="{anchor}"' in (tmp_path / link).read_text(encoding="utf-8")


def test_officials_and_gender_figures_follow_the_rows(dataset):
    _, data = dataset
    assert is_official("kunnskapsminister") and is_official("USAs utenriksministeren")
    assert is_official("tillitsvalgt") is False and is_official(None) is None
    loaded = load_dataset(data)
    balance = gender_balance(loaded, "outlet").set_index("outlet")
    people = loaded.speakers[
        (loaded.speakers["kind"] == "person") & (loaded.speakers["name"] != "JOURNALIST")
    ]
    assert balance["people"].sum() == len(people)
    assert (balance["women"] + balance["men"] + balance["unknown"] == balance["people"]).all()
    assert len(ARTICLES) + 1 == len(loaded.articles)


def test_the_exploration_notebook_runs_on_a_dataset(dataset, tmp_path):
    from analysis.report import execute_notebook

    _, data = dataset
    executed = execute_notebook(
        ROOT / "notebooks" / "explore_corpus.ipynb", tmp_path / "explored.ipynb", {"dataset": str(data)}
    )
    outputs = [o for cell in executed.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("Kari Nordmann" in str(o.get("data", {})) for o in outputs)  # the worked questions answer
