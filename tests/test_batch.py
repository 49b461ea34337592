"""`workbook batch` and `workbook history`: index, incremental runs, failures, atomicity, lock, cron line.

Real renders are few (each costs a kernel): one module-wide batch over the seed, two made-up articles, an
article that breaks the notebook and three bad files; everything else reuses it or renders one article.
The analysis-code hash is pinned in-process, so colleagues editing `analysis/` during a test run do not
turn an expected skip into a re-render.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import nbformat
import pytest
from test_corpus import alive, dask_cluster, needs_dask

from analysis import batch
from analysis.batch import BatchOptions, find_articles, plan_batch, run_batch, settings_hash, write_index
from analysis.cli.batch import BarProgress, LogProgress, batch_parameters, make_progress, parse_value
from analysis.history import ArticleState, History
from analysis.report import OutputError

ROOT = Path(__file__).resolve().parent.parent
SCHEDULING = ROOT / "docs" / "scheduling.md"

BRIDGE = """Ny bro <åpnet> & "feiret" i Bergen
2024-05-17

Broen over fjorden ble åpnet i dag, sier ordføreren.

«Dette er en stor dag for hele byen», sa ordfører Kari Nordmann til NTB. Hun la til at arbeidet
hadde tatt fem år.

Det kostet 2,5 milliarder kroner, ifølge Statens vegvesen.
"""

FERRY = """Fergen innstilt på grunn av storm
2023-11-02

Fergen mellom Bodø og Moskenes er innstilt resten av dagen, opplyser rederiet.

«Vi kan ikke sette passasjerer i fare», sier pressesjef Ola Hansen.
"""

BREAKS_NOTEBOOK = """Denne artikkelen knekker notatboken
2024-01-01

Teksten inneholder ordet KRASJ, som testnotatboken reagerer på.
"""


class Silent:
    """A Progress that records what a run reports, for in-process runs."""

    def __init__(self) -> None:
        self.outcomes = []

    def start(self, plan, jobs):
        self.plan = plan

    def task_done(self, task, outcome):
        self.outcomes.append(outcome)

    def finish(self, summary):
        self.summary = summary


def workbook(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "WORKBOOK_DEBUG": "", **(env or {})},
        **kwargs,
    )


def test_notebook(directory: Path) -> Path:
    """The project's notebook plus a cell that fails on "KRASJ" and one that can be told to sleep."""
    notebook = nbformat.read(ROOT / "notebooks" / "article_report.ipynb", as_version=4)
    notebook.cells.append(
        nbformat.v4.new_code_cell(
            "import os, time\n"
            "time.sleep(float(os.environ.get('WORKBOOK_TEST_SLEEP', '0')))\n"
            "if 'KRASJ' in open(article_path, encoding='utf-8').read():\n"
            "    raise ValueError('krasj <i> testen')"
        )
    )
    path = directory / "test_report.ipynb"
    nbformat.write(notebook, path)
    return path


test_notebook.__test__ = False  # a helper, not a test


@pytest.fixture(scope="module")
def pinned_code_hash():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(batch, "analysis_code_hash", lambda: "pinned-for-tests")
        yield


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, seed_path, pinned_code_hash):
    """One batch over good and bad articles: (inputs, out, notebook, summary, progress)."""
    base = tmp_path_factory.mktemp("batch")
    inputs = base / "articles"
    (inputs / "2024").mkdir(parents=True)
    shutil.copy(seed_path, inputs / seed_path.name)
    (inputs / "2024" / "bro.txt").write_text(BRIDGE, encoding="utf-8")
    (inputs / "ferge.txt").write_text(FERRY, encoding="utf-8")
    (inputs / "krasj.txt").write_text(BREAKS_NOTEBOOK, encoding="utf-8")
    (inputs / "tom <fil> & co.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (inputs / "undecodable.txt").write_bytes(b"\xef\xbb\xbfTittel \xff\xfe ugyldig UTF-8\n")
    (inputs / ".hidden.txt").write_text(FERRY, encoding="utf-8")
    (inputs / "notes.csv").write_text("a,b\n", encoding="utf-8")
    notebook = test_notebook(base)
    progress = Silent()
    summary = run_batch(BatchOptions([inputs], base / "out", jobs=2, notebook=notebook), progress)
    return inputs, base / "out", notebook, summary, progress


# ------------------------------------------------------------------------------------ one batch run


def test_good_articles_render_and_bad_ones_fail_alone(rendered):
    _, out, _, summary, progress = rendered
    assert summary.exit_code == 1
    assert (summary.total, summary.rendered, summary.failed) == (7, 3, 4)
    status = {Path(o.path).name: o.status for o in progress.outcomes}
    assert status == {
        "2022-01_blinken-lavrov-geneve.txt": "ok",
        "bro.txt": "ok",
        "ferge.txt": "ok",
        "krasj.txt": "failed",
        "tom <fil> & co.txt": "failed",
        "binary.txt": "failed",
        "undecodable.txt": "failed",
    }
    for slug in ("2022-01-blinken-lavrov-geneve", "2024-bro", "ferge"):
        assert (out / f"{slug}.html").stat().st_size > 1000
        assert (out / f"{slug}.ipynb").exists()
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp") or p.name.startswith(".krasj")]


def test_failures_have_one_line_reasons_and_fail_fast_without_kernel(rendered):
    _, out, _, _, progress = rendered
    errors = {Path(o.path).name: o for o in progress.outcomes if o.status == "failed"}
    assert errors["tom <fil> & co.txt"].error == "is empty"
    assert "binary" in errors["binary.txt"].error
    assert "byte-order mark but does not decode" in errors["undecodable.txt"].error
    for name in ("tom <fil> & co.txt", "binary.txt", "undecodable.txt"):
        assert errors[name].outputs == [] and errors[name].seconds < 1, (
            "no kernel for an article that does not load"
        )
    crash = errors["krasj.txt"]
    assert re.fullmatch(r"the report notebook failed in cell \d+: ValueError: krasj <i> testen", crash.error)
    assert crash.outputs == ["krasj.ipynb"] and (out / "krasj.ipynb").exists()
    assert not crash.transient
    assert all("\n" not in o.error for o in errors.values())


def test_index_lists_articles_newest_first_escaped_and_self_contained(rendered):
    _, out, _, _, _ = rendered
    page = (out / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr class=\"wb-(ok|failed)\">(.*?)</tr>", page)
    titles = [re.sub(r"<[^>]+>", "", row.split("</td><td>")[1]) for _, row in rows]
    assert titles[:3] == [
        "Ny bro &lt;åpnet&gt; &amp; &quot;feiret&quot; i Bergen",
        "Fergen innstilt på grunn av storm",
        "Russlands utenriksminister: − Ikke redd for noen",
    ]
    assert [kind for kind, _ in rows] == ["ok"] * 3 + ["failed"] * 4, "failed (undated) articles come last"
    assert '<a href="2024-bro.html">' in page and '<a href="ferge.html">' in page
    assert "<td>2024-05-17</td>" in page
    # Failed articles by file name, with their reason and the failed notebook when it ran.
    assert "tom &lt;fil&gt; &amp; co.txt" in page and ": is empty" in page
    assert "krasj &lt;i&gt; testen" in page and '<a href="krasj.ipynb">' in page
    # Self-contained: the report stylesheet inline, nothing fetched, no scripts, only relative links.
    assert "<style>" in page and "<script" not in page and "<link" not in page
    assert "http://" not in page and "https://" not in page
    assert all(not href.startswith("/") for href in re.findall(r'href="([^"]*)"', page))
    assert str(out.parent) not in page, "no local paths of the rendering machine"


def test_index_shows_whatever_summary_gives(tmp_path):
    article = batch.ArticleFile(tmp_path / "a.txt", "a.txt", "a")
    state = ArticleState(
        str(article.path),
        "a",
        "h",
        "s",
        "ok",
        False,
        None,
        ["a.html"],
        {
            "title": "T",
            "date": "2024-02-03",
            "words": 12,
            "tone": "<negativ>",
            "speakers": [{"name": "Kari <Nordmann>", "share": 0.42}, {"name": "Ola", "share": 0.2}, "Per"],
        },
        1.0,
    )
    write_index(tmp_path, [(article, state)], language="en")
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<td>Kari &lt;Nordmann&gt; 42 %, Ola 20 %, Per</td>" in page
    assert "<td>&lt;negativ&gt;</td>" in page
    assert "<th>Speakers</th>" in page and '<html lang="en">' in page


# ------------------------------------------------------------------------------------ incremental


def test_unchanged_rerun_skips_everything_without_kernels(rendered):
    inputs, out, notebook, _, _ = rendered
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.html") if p.name != "index.html"}
    progress = Silent()
    started = time.perf_counter()
    summary = run_batch(BatchOptions([inputs], out, jobs=2, notebook=notebook), progress)
    assert time.perf_counter() - started < 2
    assert progress.outcomes == [] and summary.rendered == 0 and summary.skipped == 7
    assert summary.failed == 4 and summary.exit_code == 1, "failures that would recur still count"
    assert before == {p.name: p.stat().st_mtime_ns for p in out.glob("*.html") if p.name != "index.html"}


def test_changed_article_is_rendered_again_alone(rendered):
    inputs, out, notebook, _, _ = rendered
    ferry = inputs / "ferge.txt"
    ferry.write_text(FERRY.replace("storm", "uvær"), encoding="utf-8")
    untouched = (out / "2024-bro.html").stat().st_mtime_ns
    progress = Silent()
    run_batch(BatchOptions([inputs], out, jobs=2, notebook=notebook), progress)
    assert [(Path(o.path).name, o.status) for o in progress.outcomes] == [("ferge.txt", "ok")]
    assert [t.reason for t in progress.plan.tasks] == ["changed"]
    assert "Fergen innstilt på grunn av uvær" in (out / "index.html").read_text(encoding="utf-8")
    assert (out / "2024-bro.html").stat().st_mtime_ns == untouched


def test_notebook_parameters_version_code_and_missing_outputs_trigger_rendering(rendered, tmp_path):
    inputs, out, notebook, _, _ = rendered
    with History(out) as history:
        states = history.article_states()
    articles = find_articles([inputs], out)
    current = settings_hash(notebook, {}, batch.package_version())
    assert not plan_batch(articles, states, current, out).tasks

    assert settings_hash(notebook, {"top_n": 5}, batch.package_version()) != current
    assert settings_hash(notebook, {}, "9.9.9") != current
    edited = tmp_path / "edited.ipynb"
    edited.write_bytes(notebook.read_bytes().replace(b"KRASJ", b"KRASH"))
    assert settings_hash(edited, {}, batch.package_version()) != current
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(batch, "analysis_code_hash", lambda: "someone changed the analysis")
        assert settings_hash(notebook, {}, batch.package_version()) != current

    changed = plan_batch(articles, states, "other settings", out)
    assert {t.reason for t in changed.tasks} == {"settings changed"} and len(changed.tasks) == 7
    (out / "2024-bro.html").rename(tmp_path / "moved.html")
    try:
        missing = plan_batch(articles, states, current, out)
        assert [(t.article.name, t.reason) for t in missing.tasks] == [("2024/bro.txt", "outputs missing")]
    finally:
        (tmp_path / "moved.html").rename(out / "2024-bro.html")
    assert len(plan_batch(articles, states, current, out, force=True).tasks) == 7


def test_transient_failures_are_retried_but_recurring_ones_wait_for_a_change(tmp_path):
    article = batch.ArticleFile(tmp_path / "a.txt", "a.txt", "a")
    article.path.write_text("x", encoding="utf-8")
    digest = batch.content_hash(article.path)

    def state(transient):
        return {
            str(article.path): ArticleState(
                str(article.path), "a", digest, "s", "failed", transient, "e", [], {}, 1
            )
        }

    assert [t.reason for t in plan_batch([article], state(True), "s", tmp_path).tasks] == ["retry"]
    assert plan_batch([article], state(False), "s", tmp_path).tasks == []


# ------------------------------------------------------------------------------------ finding articles


def test_finding_articles_recursive_hidden_out_and_unique_slugs(tmp_path):
    inputs = tmp_path / "in"
    for name in (
        "a/x.txt",
        "a-b/x.txt",
        "a/b-x.txt",
        "x.html",
        "index.txt",
        "2024.05/nato.txt",
        ".git/y.txt",
        ".z.txt",
        "c.pdf",
    ):
        (inputs / name).parent.mkdir(parents=True, exist_ok=True)
        (inputs / name).write_text("t", encoding="utf-8")
    (inputs / "out").mkdir()
    (inputs / "out" / "report.html").write_text("<html>", encoding="utf-8")
    found = {a.name: a.slug for a in find_articles([inputs], inputs / "out")}
    assert set(found) == {"a/x.txt", "a-b/x.txt", "a/b-x.txt", "x.html", "index.txt", "2024.05/nato.txt"}
    assert (
        found["a/x.txt"] == "a-x" and found["x.html"] == "x" and found["2024.05/nato.txt"] == "2024-05-nato"
    )
    # Two paths that slugify alike both get a suffix from their path, so neither overwrites the other.
    assert re.fullmatch(r"a-b-x-[0-9a-f]{6}", found["a-b/x.txt"]) and found["a-b/x.txt"] != found["a/b-x.txt"]
    assert found["index.txt"] != "index", "OUT/index.html belongs to the batch"


# ------------------------------------------------------------------------------------ killed run, lock


def test_killed_run_leaves_previous_reports_intact(rendered, tmp_path):
    inputs, out, notebook, _, _ = rendered
    copy = tmp_path / "out"
    shutil.copytree(out, copy)

    def published():
        return {
            p.name: p.read_bytes()
            for p in copy.iterdir()
            if p.suffix in (".html", ".ipynb") and p.name[0] != "."
        }

    before = published()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "analysis.cli",
            "batch",
            str(inputs),
            "--out",
            str(copy),
            "--force",
            "-j",
            "1",
            "--notebook",
            str(notebook),
        ],
        cwd=ROOT,
        env={**os.environ, "WORKBOOK_TEST_SLEEP": "60"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not [p for p in copy.iterdir() if p.name.startswith(".") and p.suffix == ".ipynb"]:
            assert time.monotonic() < deadline, "the batch never started a report"
            assert process.poll() is None, "the batch ended before it could be killed"
            time.sleep(0.1)
        time.sleep(1)  # well inside the notebook's sleep: papermill is writing to its temporary file
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert published() == before, "every report, notebook and the index as the last finished run left them"

    # The next run takes the lock, clears the leftovers and records the killed run as interrupted.
    summary = run_batch(BatchOptions([inputs], copy, jobs=1, notebook=notebook), Silent())
    assert summary.rendered == 0
    leftovers = [p.name for p in copy.iterdir() if p.name.startswith(".")]
    assert set(leftovers) <= {batch.LOCK_NAME, batch.WORKER_LOG_NAME}
    with History(copy) as history:
        assert [r.status for r in history.last_runs(3)] == ["finished", "interrupted", "finished"]


def test_second_run_on_the_same_out_exits_or_waits(tmp_path):
    from filelock import FileLock

    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    out.mkdir()
    lock = FileLock(out / batch.LOCK_NAME, thread_local=False)  # released by a timer thread below
    lock.acquire()
    try:
        busy = workbook("batch", str(inputs), "--out", str(out))
        assert busy.returncode == 75
        assert f"another batch run is writing to {out}" in busy.stderr and "--wait SECONDS" in busy.stderr
        assert not (out / "index.html").exists()
        threading.Timer(1.0, lock.release).start()
        waited = workbook("batch", str(inputs), "--out", str(out), "--wait", "30")
    finally:
        if lock.is_locked:
            lock.release()
    assert waited.returncode == 0, waited.stderr
    assert (out / "index.html").exists()


# ------------------------------------------------------------------------------------ command line


def test_history_prints_runs_and_latest_failures(rendered):
    _, out, _, _, _ = rendered
    result = workbook("history", str(out))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["run", "started", "(UTC)"]
    runs = [line.split() for line in lines[1:] if re.match(r"\s*\d+\s+\d{4}-", line)]
    assert runs and runs[-1][0] == "1" and runs[-1][4:8] == ["finished", "7", "3", "0"]
    assert "failing now (4):" in result.stdout
    assert "tom <fil> & co.txt: is empty" in result.stdout
    one = workbook("history", str(out), "--run", "1")
    assert one.returncode == 0 and one.stdout.count("\n") == 7
    assert re.search(r"^ok .*ferge\.txt  ferge\.html, ferge\.ipynb$", one.stdout, re.MULTILINE)


def test_history_of_a_folder_without_runs_is_bad_usage(tmp_path):
    result = workbook("history", str(tmp_path))
    assert result.returncode == 2 and "no run history here" in result.stderr


def test_bad_usage_exits_2_with_one_line(tmp_path):
    for args, message in (
        (["batch", str(tmp_path / "missing"), "--out", str(tmp_path / "o")], "no such file or folder"),
        (
            ["batch", str(tmp_path), "--out", str(tmp_path / "o"), "-p", "topn", "3"],
            "unknown parameter 'topn'",
        ),
        (["batch", str(tmp_path), "--out", str(tmp_path / "o"), "-p", "article_path", "x"], "article_path"),
        (["batch", str(tmp_path), "--out", str(tmp_path)], "cannot also be the output folder"),
    ):
        result = workbook(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr and result.stderr.count("\n") == 1


def test_failure_exit_code_and_plain_log_lines_when_not_a_terminal(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "tom.txt").write_bytes(b"")
    result = workbook("batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "workbook batch: [1/1] FAILED tom.txt: is empty" in result.stderr
    assert "\r" not in result.stderr, "no progress bar in a log"
    assert result.stdout.strip() == str(tmp_path / "out" / "index.html")


def test_progress_bar_only_on_a_terminal(tmp_path):
    class Terminal:
        def isatty(self):
            return True

    class Pipe(Terminal):
        def isatty(self):
            return False

    assert isinstance(make_progress(Terminal()), BarProgress)
    assert type(make_progress(Pipe())) is LogProgress
    assert type(make_progress(Terminal(), quiet=True)) is LogProgress


def test_parameters_from_yaml_and_command_line(tmp_path):
    settings = tmp_path / "nightly.yaml"
    settings.write_text("top_n: 10\nlanguage: nb\n", encoding="utf-8")
    assert batch_parameters(str(settings), [["language", "en"]]) == {"top_n": 10, "language": "en"}
    assert [parse_value(v) for v in ("10", "0.5", "true", "no", "None")] == [10, 0.5, True, "no", None]
    settings.write_text("- top_n\n", encoding="utf-8")
    with pytest.raises(Exception, match="expected a mapping"):
        batch_parameters(str(settings), [])


# ------------------------------------------------------------------------------------ the documented schedule


def documented_blocks(language: str) -> list[list[str]]:
    text = SCHEDULING.read_text(encoding="utf-8")
    blocks = re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL)
    assert blocks, f"no ```{language} block in {SCHEDULING.name}"
    return [block.splitlines() for block in blocks]


@pytest.fixture(scope="module")
def schedule_folders(tmp_path_factory):
    base = tmp_path_factory.mktemp("schedule")
    (base / "articles").mkdir()
    (base / "articles" / "bro.txt").write_text(BRIDGE, encoding="utf-8")
    return base


def test_documented_crontab_line_runs_as_written(schedule_folders):
    lines = [line for line in documented_blocks("crontab")[0] if line.strip() and not line.startswith("#")]
    variables = dict(line.split("=", 1) for line in lines if re.match(r"^[A-Z_]+=", line))
    (entry,) = [line for line in lines if not re.match(r"^[A-Z_]+=", line)]
    fields = entry.split(None, 5)
    assert fields[:5] == ["30", "2", "*", "*", "*"], "nightly"
    command = fields[5]
    assert set(variables) == {"WORKBOOK", "ARTICLES", "REPORTS"}
    # Exactly the documented command, as cron runs it: /bin/sh with the crontab's variables in its environment.
    env = {
        **os.environ,
        "WORKBOOK": str(ROOT),
        "ARTICLES": str(schedule_folders / "articles"),
        "REPORTS": str(schedule_folders / "reports"),
    }
    result = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, env=env, cwd="/")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == "", "--quiet: cron mails nothing when all is well"
    index = (schedule_folders / "reports" / "index.html").read_text(encoding="utf-8")
    assert '<a href="bro.html">Ny bro &lt;åpnet&gt;' in index


def test_documented_systemd_service_runs(schedule_folders):
    service, timer = documented_blocks("ini")
    settings = dict(line.split("=", 1) for line in service if "=" in line and not line.startswith("#"))
    assert settings["Type"] == "oneshot"
    install_dir = settings["WorkingDirectory"]
    environment = dict(pair.split("=", 1) for pair in shlex.split(settings["Environment"]))
    assert set(environment) == {"ARTICLES", "REPORTS"}
    environment = {
        "ARTICLES": str(schedule_folders / "articles"),
        "REPORTS": str(schedule_folders / "reports"),
    }
    # systemd's own expansion of ${VAR}, with the install folder being this checkout.
    argv = [
        re.sub(r"\$\{(\w+)\}", lambda m: environment[m.group(1)], word).replace(install_dir, str(ROOT))
        for word in shlex.split(settings["ExecStart"])
    ]
    result = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, env={**os.environ, **environment})
    assert result.returncode == 0, result.stderr
    assert "workbook batch: 1 article:" in result.stderr, "log lines for the journal"
    assert "OnCalendar=*-*-* 02:30:00" in timer and "WantedBy=timers.target" in timer


# ------------------------------------------------------------------------------------ workers and the parent


def _recorded(out: Path) -> int:
    import sqlite3

    if not (out / "runs.sqlite").exists():
        return 0
    with closing(sqlite3.connect(f"file:{out / 'runs.sqlite'}?mode=ro", uri=True, timeout=5)) as db:
        try:
            return db.execute("SELECT count(*) FROM results WHERE status = 'ok'").fetchone()[0]
        except sqlite3.OperationalError:  # the schema is being created
            return 0


def test_sigkill_of_the_parent_ends_every_worker_and_history_counts_what_was_written(
    rendered, tmp_path, pinned_code_hash
):
    import psutil

    _, _, notebook, _, _ = rendered
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    for number in range(8):
        (inputs / f"ferge-{number}.txt").write_text(
            FERRY.replace("storm", f"storm {number}"), encoding="utf-8"
        )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "analysis.cli",
            "batch",
            str(inputs),
            "--out",
            str(out),
            "-j",
            "2",
            "--notebook",
            str(notebook),
        ],
        cwd=ROOT,
        env={**os.environ, "WORKBOOK_TEST_SLEEP": "1.5"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 180
    descendants: set[int] = set()
    while _recorded(out) < 2:
        assert time.monotonic() < deadline, "the batch recorded no reports"
        assert process.poll() is None, "the batch ended before it could be killed"
        descendants |= {p.pid for p in psutil.Process(process.pid).children(recursive=True)}
        time.sleep(0.05)
    descendants |= {p.pid for p in psutil.Process(process.pid).children(recursive=True)}
    process.send_signal(signal.SIGKILL)  # the parent only: its workers and kernels must follow by themselves
    process.wait()
    deadline = time.monotonic() + 15
    while alive(sorted(descendants)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not alive(sorted(descendants)), "workers or kernels outlived the killed batch"
    written = len(list(out.glob("ferge-*.html")))
    with History(out) as history:
        killed = history.last_runs(1)[0]
        assert killed.status == "running" and killed.rendered >= 2  # counted as each report was recorded
        assert 0 <= written - killed.rendered <= 2  # at most the reports in flight when it died
        assert killed.total == 8
    # (in-process, the pinned code hash makes every article's settings new: all 8 render again)
    run_batch(BatchOptions([inputs], out, jobs=1, notebook=notebook), Silent())
    with History(out) as history:
        latest, earlier = history.last_runs(2)
        assert (earlier.status, earlier.rendered) == ("interrupted", killed.rendered)
        assert latest.status == "finished" and latest.rendered + latest.failed == 8


def test_jobs_are_capped_to_the_cores_and_the_memory_saying_so(rendered, tmp_path):
    from analysis.run import plan_workers, usable_cores

    plan = plan_workers(999, 1024)
    assert plan.workers == usable_cores() and "--jobs 999 capped to" in plan.note and "core" in plan.note
    starved = plan_workers(4, 1 << 60)  # more memory per worker than any machine has: one worker
    assert starved.workers == 1 and "memory" in starved.note
    assert plan_workers(None, 1024).note is None
    inputs, out, notebook, _, _ = rendered
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    result = workbook("batch", str(inputs), "--out", str(copy), "--jobs", "999", "--notebook", str(notebook))
    assert f"--jobs 999 capped to {usable_cores()}" in result.stderr


@needs_dask
def test_batch_renders_on_a_real_dask_cluster(rendered, tmp_path):
    _, _, notebook, _, _ = rendered
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "ferge.txt").write_text(FERRY, encoding="utf-8")
    with dask_cluster() as address:
        result = workbook(
            "batch", str(inputs), "--out", str(out), "--scheduler", address, "--notebook", str(notebook)
        )
    assert result.returncode == 0, result.stderr
    assert f"rendering on the Dask cluster at {address}" in result.stderr
    assert (out / "ferge.html").exists() and "ferge" in (out / "index.html").read_text(encoding="utf-8")


def test_index_tone_labels_follow_the_report_language(tmp_path):
    (tmp_path / "bro.txt").write_text(BRIDGE, encoding="utf-8")
    (article,) = find_articles([tmp_path], tmp_path / "out")
    facts = {"title": "Bro", "date": "2024-01-01", "words": 10, "speakers": [], "tone": "negative"}
    state = ArticleState(str(article.path), article.slug, "h", "s", "ok", False, None, [], facts, 0.1)
    norwegian = write_index(tmp_path / "out", [(article, state)], "nb").read_text(encoding="utf-8")
    english = write_index(tmp_path / "out-en", [(article, state)], "en").read_text(encoding="utf-8")
    assert "<td>negativ</td>" in norwegian and "<td>negative</td>" in english


def test_a_users_own_index_page_is_never_written_over(tmp_path, seed_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    out.mkdir()
    shutil.copy(seed_path, inputs / seed_path.name)
    (out / "index.html").write_text("<p>the desk's own page</p>", encoding="utf-8")
    with pytest.raises(OutputError):
        run_batch(BatchOptions([inputs], out, jobs=1), Silent())
    assert (out / "index.html").read_text(encoding="utf-8") == "<p>the desk's own page</p>"
    assert not (out / "2022-01-blinken-lavrov-geneve.html").exists()
