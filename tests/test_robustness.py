"""What a newsroom's folder can hold never stalls, crashes or overwrites anything (issue 14).

Each test drives the `workbook` command as a user would, in a subprocess with a timeout, so a hang fails the
test instead of stalling the suite. Bad input must give one line naming the file and exit code 2.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from test_cli_report import workbook as run_workbook

from analysis.article import HTML_MAX_DEPTH, ArticleError, detect_language, load_article
from analysis.parameters import ParameterError, check_parameters

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "2022-01_blinken-lavrov-geneve.txt"
# A command that hangs is a failed test, not a stalled cron job; a report's kernel needs well under this.
TIMEOUT = 240

SHORT_ARTICLE = """Ny bro åpnet i Bergen
2024-05-17

Broen over fjorden ble åpnet i dag, sier ordføreren.

«Dette er en stor dag for hele byen», sa ordfører Kari Nordmann til NTB.
"""


def workbook(*args: str, timeout: float = TIMEOUT, **kwargs) -> subprocess.CompletedProcess:
    return run_workbook(*args, timeout=timeout, **kwargs)


def assert_usage_error(result: subprocess.CompletedProcess, *fragments: str) -> None:
    """Exit code 2 and one line on standard error holding every fragment (the file's name among them)."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


# ------------------------------------------------------------------ 2. non-regular files never hang


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "ror.txt"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", ["analyze", "report"])
def test_a_fifo_is_refused_at_once(fifo, tmp_path, command):
    extra = ["--json"] if command == "analyze" else ["--out", str(tmp_path / "out")]
    result = workbook(command, str(fifo), *extra, timeout=60)
    assert_usage_error(result, str(fifo), "FIFO")


def test_devices_and_sockets_are_refused(tmp_path):
    with pytest.raises(ArticleError, match="character device"):
        load_article("/dev/null")
    path = tmp_path / "s.txt"  # short: a socket's path has a length limit
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(ArticleError, match="socket"):
            load_article(path)
    finally:
        server.close()


def test_batch_lists_a_fifo_as_failed_and_goes_on(fifo, tmp_path):
    (fifo.parent / "bro.txt").write_text(SHORT_ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    result = workbook("batch", str(fifo.parent), "--out", str(out), "--jobs", "1")
    assert result.returncode == 1, result.stderr  # one article failed, the other rendered
    assert (out / "bro.html").exists()
    failure = [line for line in result.stderr.splitlines() if "FAILED" in line]
    assert len(failure) == 1 and "ror.txt" in failure[0] and "FIFO" in failure[0], result.stderr
    assert "FIFO" in (out / "index.html").read_text(encoding="utf-8")


# ------------------------------------------------------------------ 8. loops, unwritable --out, gold without kind


@pytest.fixture
def link_loop(tmp_path) -> Path:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    return tmp_path / "a.txt"


@pytest.mark.parametrize("command", ["analyze", "report"])
def test_a_symlink_loop_is_one_clear_line(link_loop, tmp_path, command):
    extra = ["--json"] if command == "analyze" else ["--out", str(tmp_path / "out")]
    assert_usage_error(workbook(command, str(link_loop), *extra, timeout=60), str(link_loop), "link loop")


def test_a_link_to_nothing_says_so(tmp_path):
    (tmp_path / "borte.txt").symlink_to(tmp_path / "finnes-ikke.txt")
    with pytest.raises(ArticleError, match="symbolic link to a missing file"):
        load_article(tmp_path / "borte.txt")


@pytest.mark.parametrize("where", ["a file", "below a file"])
def test_an_unusable_out_is_one_clear_line_before_any_kernel(tmp_path, where):
    blocker = tmp_path / "opptatt"
    blocker.write_text("ikke en mappe", encoding="utf-8")
    out = blocker if where == "a file" else blocker / "rapporter"
    started = time.perf_counter()
    result = workbook("report", str(SEED), "--out", str(out), timeout=60)
    assert_usage_error(result, str(out))
    assert time.perf_counter() - started < 30, "refused before a kernel started"
    assert blocker.read_text(encoding="utf-8") == "ikke en mappe"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_out_is_one_clear_line(tmp_path):
    out = tmp_path / "skrivebeskyttet"
    out.mkdir()
    out.chmod(0o555)
    result = workbook("report", str(SEED), "--out", str(out), timeout=60)
    assert_usage_error(result, str(out), "not writable")
    assert list(out.iterdir()) == []


def test_an_unwritable_out_is_one_clear_line_even_as_root(tmp_path, monkeypatch, capsys):
    # CI runs as root, who may write anywhere: make the permission check answer as it would for a user
    from analysis.cli import main

    out = tmp_path / "skrivebeskyttet"
    out.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != out and real_access(path, mode))
    assert main(["report", str(SEED), "--out", str(out)]) == 2
    assert main(["report", str(SEED), "--out", str(out / "ny" / "mappe")]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == [
        f"workbook report: {out}: is not writable",
        f"workbook report: {out / 'ny' / 'mappe'}: cannot be created ({out} is not writable)",
    ]
    assert list(out.iterdir()) == []


def test_gold_quotes_without_kind_are_one_clear_line(tmp_path):
    text = tmp_path / "sak.txt"
    text.write_text(SHORT_ARTICLE, encoding="utf-8")
    gold = tmp_path / "sak.json"
    quote = "Dette er en stor dag for hele byen"
    gold.write_text(
        json.dumps(
            {
                "file": "sak.txt",
                "quotes": [{"text": quote, "speaker": "Kari Nordmann", "zone": "body"}],
                "speakers": [{"name": "Kari Nordmann"}],
            }
        ),
        encoding="utf-8",
    )
    assert_usage_error(workbook("evaluate", str(gold), timeout=120), str(gold), "kind")


# ------------------------------------------------------------------ 9. parameters checked before any work


@pytest.mark.parametrize(("options", "fragment"), [(["--top-n", "0"], "top_n"), (["--top-n", "-5"], "top_n")])
def test_report_refuses_bad_parameters_before_any_work(tmp_path, options, fragment):
    out = tmp_path / "out"
    result = workbook("report", str(SEED), "--out", str(out), *options, timeout=60)
    assert_usage_error(result, fragment)
    assert not out.exists(), "nothing was written"


@pytest.mark.parametrize(
    ("pair", "fragment"),
    [
        (["top_n", "banana"], "top_n must be a whole number"),
        (["top_n", "0"], "top_n must be a whole number"),
        (["top_n", "true"], "top_n must be a whole number"),
        (["language", "xx"], "language must be one of nb, en"),
        (["farge", "rød"], "unknown parameter 'farge'"),
    ],
)
def test_batch_refuses_bad_parameters_before_any_work(tmp_path, pair, fragment):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bro.txt").write_text(SHORT_ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    result = workbook("batch", str(tmp_path / "in"), "--out", str(out), "-p", *pair, timeout=60)
    assert_usage_error(result, fragment)
    assert not out.exists(), "no lock, no history, no kernel"


def test_parameters_from_a_yaml_file_are_checked_too(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bro.txt").write_text(SHORT_ARTICLE, encoding="utf-8")
    settings = tmp_path / "innstillinger.yaml"
    settings.write_text("top_n: 10.5\n", encoding="utf-8")
    result = workbook(
        "batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--parameters", str(settings)
    )
    assert_usage_error(result, "top_n must be a whole number", "10.5")


def test_check_parameters_keeps_good_values_and_names_the_bad_ones():
    assert check_parameters({"language": "en", "top_n": 200}) == {"language": "en", "top_n": 200}
    assert check_parameters({"eget_valg": 3}, custom_notebook=True) == {"eget_valg": 3}
    for bad in ({"top_n": 201}, {"top_n": "10"}, {"language": "no"}, {"article_path": "x.txt"}):
        with pytest.raises(ParameterError) as caught:
            check_parameters(bad, custom_notebook=True)
        assert next(iter(bad)) in str(caught.value) and "\n" not in str(caught.value)


# ------------------------------------------------------------------ 11. deeply nested HTML


def nested_page(depth: int) -> str:
    paragraphs = "".join(
        f"<p>Avsnitt {i}: Regjeringen la fram budsjettet i dag, og opposisjonen kritiserte det kraftig.</p>"
        for i in range(4)
    )
    return (
        "<!DOCTYPE html><html lang='nb'><head><title>Budsjettet er lagt fram</title></head><body>"
        + "<div>" * depth
        + f"<article><h1>Budsjettet er lagt fram</h1>{paragraphs}</article>"
        + "</div>" * depth
        + "</body></html>"
    )


def test_html_nested_past_libxml2s_default_depth_keeps_its_text(tmp_path):
    path = tmp_path / "dyp.html"
    path.write_text(nested_page(400), encoding="utf-8")
    article = load_article(path)
    assert article.title == "Budsjettet er lagt fram"
    assert any("opposisjonen kritiserte" in z.text for z in article.analysed_zones)


def test_html_nested_past_the_parsers_limit_says_what_the_limit_is(tmp_path):
    path = tmp_path / "for-dyp.html"
    path.write_text(nested_page(HTML_MAX_DEPTH + 100), encoding="utf-8")
    result = workbook("analyze", str(path), "--json", timeout=60)
    assert_usage_error(result, str(path), f"deeper than {HTML_MAX_DEPTH} levels")


# ------------------------------------------------------------------ 14. Swedish, --version

SWEDISH = (
    "Statsministern säger att regeringen inte kommer att ändra sin politik. – Vi har redan gjort mycket för "
    "att hjälpa de drabbade, och det är viktigt att vi fortsätter, sade hon till tidningen på tisdagen. "
    "Enligt oppositionen har regeringen dock inte gjort tillräckligt."
)
DANISH = (
    "Statsministeren siger, at regeringen ikke vil ændre sin politik. – Vi har allerede gjort meget for at "
    "hjælpe de ramte, sagde hun til avisen tirsdag. Hun er blevet kritiseret af flere partier, og nogle af "
    "dem vil have hende ud af regeringen igen."
)
BOKMAAL = (
    "Statsministeren sier at regjeringen ikke vil endre sin politikk. – Vi har allerede gjort mye for å "
    "hjelpe de rammede, og det er viktig at vi fortsetter, sa hun til avisen tirsdag. Ifølge opposisjonen "
    "har regjeringen ikke gjort nok. Hva som skjer nå, vet ingen ennå."
)


def test_swedish_and_danish_are_not_taken_for_bokmaal():
    assert detect_language(SWEDISH) == "sv"
    assert detect_language(DANISH) == "da"
    assert detect_language(BOKMAAL) == "nb"


def test_the_seed_and_dev_articles_stay_bokmaal(seed, dev_set):
    assert seed.language == "nb"
    assert {load_article(item.text_path).language for item in dev_set} == {"nb"}


def test_version_is_printed():
    from analysis.batch import package_version

    result = workbook("--version", timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"workbook {package_version()}"


# ------------------------------------------------------------------ 4, 6, 12. what a report writes, and where

HTML_ARTICLE = (
    "<!DOCTYPE html><html lang='nb'><head><title>Budsjettet er lagt fram</title></head><body><article>"
    "<h1>Budsjettet er lagt fram</h1>"
    + "<p>Regjeringen la fram budsjettet i dag, og opposisjonen kritiserte det kraftig.</p>" * 4
    + "</article></body></html>"
)


def test_report_never_writes_over_the_article_it_reads(tmp_path):
    page = tmp_path / "side.html"
    page.write_text(HTML_ARTICLE, encoding="utf-8")
    result = workbook("report", "side.html", "--out", ".", cwd=tmp_path, timeout=60)
    assert_usage_error(result, "side.html", "is the article itself")
    assert page.read_text(encoding="utf-8") == HTML_ARTICLE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["side.html"]


@pytest.mark.parametrize("foreign", ["bro.html", "bro.ipynb"])
def test_report_never_replaces_a_file_it_did_not_write(tmp_path, foreign):
    article = tmp_path / "bro.txt"
    article.write_text(SHORT_ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    mine = out / foreign
    content = "<html><body>Redaksjonens egen side</body></html>" if foreign.endswith(".html") else "{}"
    mine.write_text(content, encoding="utf-8")
    result = workbook("report", str(article), "--out", str(out), timeout=60)
    assert_usage_error(result, str(mine), "not written by the workbook")
    assert mine.read_text(encoding="utf-8") == content
    assert sorted(p.name for p in out.iterdir()) == [foreign]


def with_umask(mask: int):
    return lambda: os.umask(mask)


def test_the_executed_notebook_keeps_file_names_only(tmp_path):
    article = tmp_path / "bro.txt"
    article.write_text(SHORT_ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    result = workbook("report", str(article), "--out", str(out))
    assert result.returncode == 0, result.stderr
    notebook = (out / "bro.ipynb").read_text(encoding="utf-8")
    assert str(tmp_path) not in notebook and "/tmp/" not in notebook, "no path of the rendering machine"
    executed = nbformat.reads(notebook, as_version=4)
    assert executed.metadata["papermill"]["parameters"]["article_path"] == "bro.txt"
    assert executed.metadata["papermill"]["output_path"] == "bro.ipynb"


def test_reports_follow_the_umask_and_replace_their_own(tmp_path):
    article = tmp_path / "bro.txt"
    article.write_text(SHORT_ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    outputs = [out / "bro.html", out / "bro.ipynb"]
    first = workbook("report", str(article), "--out", str(out), preexec_fn=with_umask(0o022))
    assert first.returncode == 0, first.stderr
    assert [oct(p.stat().st_mode & 0o777) for p in outputs] == ["0o644", "0o644"]
    # a second run replaces the workbook's own outputs, with the umask of its own run
    second = workbook("report", str(article), "--out", str(out), preexec_fn=with_umask(0o027))
    assert second.returncode == 0, second.stderr
    assert [oct(p.stat().st_mode & 0o777) for p in outputs] == ["0o640", "0o640"]
    assert sorted(p.name for p in out.iterdir()) == ["bro.html", "bro.ipynb"]


def test_sigterm_during_a_report_leaves_no_temporary_notebook(tmp_path):
    article = tmp_path / "bro.txt"
    article.write_text(SHORT_ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "analysis.cli", "report", str(article), "--out", str(out)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not list(out.glob(".bro.*")) and process.poll() is None:
            time.sleep(0.05)
        if not list(out.glob(".bro.*")):
            _, stderr = process.communicate(timeout=120)
            pytest.fail(f"the run never reached its temporary notebook (exit {process.returncode}): {stderr}")
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=120)
    finally:
        process.kill()
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines() == ["workbook report: interrupted"], stderr
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


# ------------------------------------------------------------------ 3. a long article's report stays bounded


def png_heights(markup: str) -> list[int]:
    """Pixel heights of the inline PNG charts (from each PNG's IHDR header)."""
    import base64
    import re

    heights = []
    for data in re.findall(r'src="data:image/png;base64,([^"]+)"', markup):
        header = base64.b64decode(data[:64])
        heights.append(int.from_bytes(header[20:24], "big"))
    return heights


def many_voices(count: int):
    """An analysis of a long article quoting `count` different people once each (hand-made records)."""
    from analysis.analysis import ArticleAnalysis
    from analysis.article import article_from_text
    from analysis.records import Quote, Speaker

    paragraph = "«Dette er en viktig sak for byen», sa kilden."
    article = article_from_text("Mange stemmer\n2024-03-01\n\n" + "\n\n".join([paragraph] * count) + "\n")
    body = [zone for zone in article.zones if zone.kind in ("lead", "body")]
    quotes, speakers = [], []
    for number, zone in enumerate(body):
        name = f"Kilde {number:04d}"
        start = zone.start + 1
        quotes.append(Quote("direct", "body", start, start + 31, zone.text[1:32], name, "person", "sa"))
        speakers.append(Speaker(name.lower(), name, "person", None, None, 1, 1, 0, 7, 1 / count, 1 / count))
    return ArticleAnalysis.with_sections(article, quotes=quotes, speakers=speakers, cues=[])


def test_a_long_articles_speaker_charts_and_tables_are_summarised():
    from analysis.present.speakers import speakers_section

    markup = speakers_section(many_voices(600), "nb")
    assert png_heights(markup) and max(png_heights(markup)) < 1500, "a chart of the largest, not of all"
    assert markup.count("<tr>") <= 2 * (200 + 1), "tables of the first 200 rows, not of all 600"
    assert "Viser 200 av 600 rader" in markup and "De 15 største av 600." in markup


def test_a_short_articles_speakers_are_shown_whole():
    from analysis.present.speakers import speakers_section

    markup = speakers_section(many_voices(12), "en")
    assert markup.count("<tr>") == 2 * (12 + 1)
    assert "Showing" not in markup and "largest of" not in markup


def test_the_annotated_text_takes_time_in_proportion_to_the_article():
    # a zone used to filter every quote and cue of the article: a long article cost zones × cues
    import pandas as pd

    from analysis.article import article_from_text
    from analysis.present.article_text import annotated_text

    def seconds(paragraphs: int) -> float:
        article = article_from_text(
            "Lang sak\n2024-03-01\n\n" + "\n\n".join(["Det var en farlig og trygg dag."] * paragraphs)
        )
        body = [zone for zone in article.zones if zone.kind in ("lead", "body")]
        cues = pd.DataFrame(
            [
                {"term": "farlig", "category": "fear", "polarity": -1.0, "negated": False}
                | {"start": zone.start + 10, "end": zone.start + 16}
                for zone in body
            ]
        )
        quotes = pd.DataFrame(
            [{"kind": "direct", "speaker": "Kari", "cue": "sa", "start": z.start, "end": z.end} for z in body]
        )
        started = time.perf_counter()
        annotated_text(article, quotes, cues, "nb")
        return time.perf_counter() - started

    seconds(200)  # warm-up
    small, large = seconds(1_500), seconds(6_000)
    assert large < 8 * small, f"4× the article took {large / small:.1f}× the time"


@pytest.mark.parametrize("layout", ["paragraphs", "one paragraph"])
def test_a_long_articles_text_is_shown_from_its_beginning_and_says_so(layout):
    from analysis.article import article_from_text
    from analysis.present.article_text import annotated_text
    from analysis.present.overview import zones_section

    sentence = "Kommunen vedtok planen for den nye skolen etter et langt møte i bystyret tirsdag."
    separator = "\n\n" if layout == "paragraphs" else " "
    article = article_from_text("Lang sak\n2024-03-01\n\n" + separator.join([sentence] * 40_000) + "\n")
    assert len(article.text) > 3_000_000
    for markup in (annotated_text(article, None, None, "nb"), zones_section(article, "nb")):
        assert len(markup) < 2_000_000, "a bounded page, not the whole 3 MB text marked up"
        assert "Artikkelen er lang: her vises de første" in markup
        assert sentence in markup, "the beginning is shown"
