"""The corpus build: tidy tables readable by pandas and DuckDB, incremental by content hash, atomic under
SIGKILL, locked, failures listed; the same tables on a real Dask cluster; the corpus report page."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest

from analysis.corpus.build import BuildOptions, build_corpus
from analysis.corpus.store import DatasetBusy, committed_generation, locked
from analysis.corpus.tables import TABLE_SCHEMAS, TABLES

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DASK = Path(sys.executable).with_name("dask")

ARTICLES = {
    "bolig": (
        "Kommunen vil bygge flere boliger\n2024-03-01\n\n"
        "Ordfører Kari Nordmann vil bygge 500 nye boliger i år.\n\n"
        "– Vi må gjøre mer for de unge, sier Kari Nordmann til avisen.\n\n"
        "Hun mener staten må bidra mer. Ifølge Boligforbundet er prisene for høye.\n\n"
        "– Det haster, sier Ola Hansen, leder i Boligforbundet.\n"
    ),
    "skole": (
        "Lærerne streiker\n2024-04-12\n\n"
        "Lærerne i Bergen gikk til streik mandag.\n\n"
        "– Vi har ventet lenge nok, sier tillitsvalgt Per Olsen.\n\n"
        "Kunnskapsminister Anne Berg sier at regjeringen vil møte partene. – Vi tar dette på alvor, sier Berg.\n"
    ),
    "vei": (
        "Ny vei åpnet\n2024-04-20\n\n"
        "Den nye veien mellom byene åpnet fredag.\n\n"
        "– Dette er en stor dag for regionen, sier samferdselsminister Jon Dahl.\n\n"
        "Statens vegvesen opplyser at veien kostet to milliarder kroner.\n"
    ),
}


def write_corpus(folder: Path) -> Path:
    (folder / "avis").mkdir(parents=True)
    for name, text in ARTICLES.items():
        (folder / "avis" / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / "avis" / "manifest.tsv").write_text(
        "id\toutlet\tdate\turl\nbolig\tByavisa\t2024-03-01\thttps://example.org/bolig\n", encoding="utf-8"
    )
    return folder / "avis"


def read(dataset: Path, table: str) -> pd.DataFrame:
    return pd.read_parquet(dataset / table)


def workbook(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "-m", "analysis.cli", *args], capture_output=True, text=True, cwd=ROOT, timeout=300, **kwargs
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("corpus")
    articles = write_corpus(work)
    dataset = work / "dataset"
    summary = build_corpus(BuildOptions([articles], dataset, jobs=2))
    assert summary.exit_code == 0, summary.failures
    return articles, dataset


def test_every_table_reads_with_pandas_and_duckdb(built):
    import duckdb

    _, dataset = built
    for table in TABLES:
        frame = read(dataset, table)
        assert list(frame.columns) == TABLE_SCHEMAS[table].names
        counted = duckdb.sql(f"SELECT count(*) FROM '{dataset}/{table}/*.parquet'").fetchall()[0][0]
        assert counted == len(frame)
    articles = read(dataset, "articles").set_index("article_id")
    assert sorted(articles.index) == ["bolig", "skole", "vei"]
    assert articles.loc["bolig", "outlet"] == "Byavisa"  # from the manifest
    assert articles.loc["skole", "outlet"] == "avis"  # not in the manifest: the folder's name
    assert articles.loc["bolig", "url"] == "https://example.org/bolig"
    assert articles.loc["skole", "month"] == "2024-04"
    quotes = read(dataset, "quotes")
    assert set(quotes["article_id"]) == {"bolig", "skole", "vei"}
    assert {"direct"} <= set(quotes["kind"])
    speakers = read(dataset, "speakers")
    nordmann = speakers[(speakers["article_id"] == "bolig") & (speakers["name"] == "Kari Nordmann")]
    assert len(nordmann) == 1 and nordmann["words"].iloc[0] > 0
    terms = read(dataset, "terms")
    assert (terms["count"] > 0).all() and "bolig" in set(terms["lemma"])


def test_unchanged_rebuild_changes_nothing_and_a_change_replaces_only_its_rows(built, tmp_path):
    articles, original = built
    dataset = tmp_path / "dataset"
    shutil.copytree(original, dataset, symlinks=True)
    generation = committed_generation(dataset)
    again = build_corpus(BuildOptions([articles], dataset))
    assert (again.analysed, again.unchanged, committed_generation(dataset)) == (0, 3, generation)

    before = read(dataset, "quotes")
    changed = tmp_path / "articles"
    shutil.copytree(articles, changed)
    (changed / "vei.txt").unlink()  # removed: its rows leave
    text = ARTICLES["skole"].replace("Per Olsen", "Lise Olsen")
    (changed / "skole.txt").write_text(text, encoding="utf-8")
    summary = build_corpus(BuildOptions([changed], dataset))
    # the paths changed (another folder): every article is new there; the old paths were removed
    assert summary.removed == 3
    # now the real check, in one folder: change one article, others untouched
    dataset2 = tmp_path / "dataset2"
    build_corpus(BuildOptions([changed], dataset2))
    first = read(dataset2, "quotes")
    (changed / "skole.txt").write_text(text.replace("mandag", "tirsdag"), encoding="utf-8")
    (changed / "ny.txt").write_text(ARTICLES["vei"], encoding="utf-8")
    summary = build_corpus(BuildOptions([changed], dataset2))
    assert (summary.analysed, summary.unchanged) == (2, 1)
    after = read(dataset2, "quotes")
    kept = lambda frame: frame[frame["article_id"] == "bolig"].reset_index(drop=True)  # noqa: E731
    pd.testing.assert_frame_equal(kept(first), kept(after))
    assert set(after["article_id"]) == {"bolig", "skole", "ny"}
    assert "tirsdag" in " ".join(read(dataset2, "terms").query("article_id == 'skole'")["lemma"])
    assert len(read(dataset2, "articles")) == 3
    assert before["article_id"].nunique() == 3


def test_outlet_option_overrides_manifest_and_folder(built, tmp_path):
    articles, _ = built
    dataset = tmp_path / "dataset"
    build_corpus(BuildOptions([articles], dataset, jobs=1, outlet="Testavisen"))
    assert set(read(dataset, "articles")["outlet"]) == {"Testavisen"}


def test_bad_articles_are_listed_and_the_build_goes_on(tmp_path):
    articles = write_corpus(tmp_path)
    (articles / "tom.txt").write_text("", encoding="utf-8")
    (articles / "binær.txt").write_bytes(bytes(range(256)) * 40)
    dataset = tmp_path / "dataset"
    result = workbook("corpus", "build", str(articles), "--out", str(dataset), "--jobs", "2")
    assert result.returncode == 1, result.stderr
    failed = [line for line in result.stderr.splitlines() if "FAILED" in line]
    assert len(failed) == 2 and all(len(line) < 400 for line in failed)
    failures = read(dataset, "failures")
    assert sorted(failures["name"]) == ["binær.txt", "tom.txt"]
    assert set(read(dataset, "articles")["article_id"]) == {"bolig", "skole", "vei"}
    # a bad article fails again only when it changes: the next build analyses nothing, still exit 1
    again = workbook("corpus", "build", str(articles), "--out", str(dataset))
    assert again.returncode == 1 and "0 analysed" in again.stderr


def test_a_second_build_is_locked_out(built, tmp_path):
    articles, _ = built
    dataset = tmp_path / "dataset"
    dataset.mkdir()
    with locked(dataset):
        with pytest.raises(DatasetBusy):
            build_corpus(BuildOptions([articles], dataset))
        result = workbook("corpus", "build", str(articles), "--out", str(dataset))
        assert result.returncode == 75 and "another corpus build" in result.stderr


def test_refuses_a_folder_that_is_not_a_dataset(built, tmp_path):
    articles, _ = built
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    result = workbook("corpus", "build", str(articles), "--out", str(tmp_path))
    assert result.returncode == 2 and "not a corpus dataset" in result.stderr
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "keep me"


def _descendants(pid: int) -> list[int]:
    import psutil

    try:
        return [p.pid for p in psutil.Process(pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def alive(pids: list[int]) -> list[int]:
    """The processes of `pids` still running (zombies are dead)."""
    import psutil

    alive = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                alive.append(pid)
        except psutil.NoSuchProcess:
            pass
    return alive


def test_sigkill_mid_build_leaves_the_old_tables_and_no_worker(built, tmp_path):
    articles, original = built
    dataset = tmp_path / "dataset"
    shutil.copytree(original, dataset, symlinks=True)
    many = tmp_path / "many"
    many.mkdir()
    for number in range(300):
        (many / f"a{number:03d}.txt").write_text(
            ARTICLES["bolig"] + f"\nNummer {number}.\n", encoding="utf-8"
        )
    before = read(dataset, "articles")
    process = subprocess.Popen(
        [PYTHON, "-m", "analysis.cli", "corpus", "build", str(many), "--out", str(dataset), "--jobs", "2"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    new_generation = dataset / ".store" / f"g{committed_generation(dataset) + 1:06d}"
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and not (new_generation.exists() and len(workers) >= 2):
        workers = _descendants(process.pid)
        time.sleep(0.05)
    assert new_generation.exists() and process.poll() is None
    time.sleep(0.5)
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while alive(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(workers), "workers outlived the killed build"
    pd.testing.assert_frame_equal(read(dataset, "articles"), before)
    summary = build_corpus(BuildOptions([articles], dataset))  # recovers: the half-built generation goes
    assert summary.unchanged == 3 and not new_generation.exists()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    # the part names differ by build; the fingerprint holds the code hash, which colleagues' edits change
    frame = frame.drop(columns=[c for c in ("part", "fingerprint") if c in frame])
    return frame.sort_values(list(frame.columns)[:4]).reset_index(drop=True)


@contextmanager
def dask_cluster() -> Iterator[str]:
    """A real `dask scheduler` and one `dask worker` (one process, one thread) on 127.0.0.1: its address."""
    port = _free_port()
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    address = f"tcp://127.0.0.1:{port}"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env, "cwd": ROOT}
    scheduler = subprocess.Popen(
        [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"], **quiet
    )
    worker = subprocess.Popen(
        [
            str(DASK),
            "worker",
            address,
            "--nworkers",
            "1",
            "--nthreads",
            "1",
            "--no-dashboard",
            "--host",
            "127.0.0.1",
        ],
        **quiet,
    )
    try:
        from distributed import Client

        with Client(address, timeout=30) as client:
            client.wait_for_workers(1, timeout=60)
        yield address
    finally:
        for process in (worker, scheduler):
            process.terminate()
        for process in (worker, scheduler):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


needs_dask = pytest.mark.skipif(not DASK.exists(), reason="the dask command is not installed")


@needs_dask
def test_a_real_dask_cluster_gives_the_same_tables(built, tmp_path):
    articles, _ = built
    with dask_cluster() as address:
        dataset, local = tmp_path / "dataset", tmp_path / "local"
        build_corpus(BuildOptions([articles], local, jobs=1))  # just before, with the same analysis code
        result = workbook("corpus", "build", str(articles), "--out", str(dataset), "--scheduler", address)
    assert result.returncode == 0, result.stderr
    assert "Dask cluster" in result.stderr
    for table in TABLES:
        pd.testing.assert_frame_equal(_sorted(read(dataset, table)), _sorted(read(local, table)))


def test_unreachable_scheduler_is_one_line_exit_2(built, tmp_path):
    articles, _ = built
    result = workbook(
        "corpus",
        "build",
        str(articles),
        "--out",
        str(tmp_path / "d"),
        "--scheduler",
        f"tcp://127.0.0.1:{_free_port()}",
    )
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr


def square_or_fail(number: int) -> int:
    """A task for the executor tests: 3 kills its worker process, 5 raises, others return."""
    if number == 3:
        os._exit(9)
    if number == 5:
        raise ValueError("five is not allowed\nsecond line")
    return number * number


def test_local_executor_isolates_a_crashing_task_and_reports_errors_in_one_line():
    from analysis.run import LocalExecutor

    with LocalExecutor(2) as executor:
        results = {r.task: r for r in executor.run(square_or_fail, range(12))}
    assert sorted(results) == list(range(12))
    assert results[3].crashed and not results[3].ok
    assert results[5].error == "ValueError: five is not allowed" and not results[5].crashed
    assert all(results[n].value == n * n for n in range(12) if n not in (3, 5))


def test_jobs_beyond_the_cores_are_capped_saying_so(built, tmp_path):
    from analysis.run import usable_cores

    articles, _ = built
    result = workbook("corpus", "build", str(articles), "--out", str(tmp_path / "d"), "--jobs", "999")
    assert result.returncode == 0, result.stderr
    assert f"--jobs 999 capped to {usable_cores()} ({usable_cores()} usable core" in result.stderr


def test_a_long_build_publishes_checkpoints_with_the_same_tables(tmp_path, monkeypatch):
    from analysis.corpus import build

    articles = tmp_path / "many"
    articles.mkdir()
    for number in range(20):
        name, text = list(ARTICLES.items())[number % len(ARTICLES)]
        (articles / f"{name}-{number:02d}.txt").write_text(text + f"\nSak {number}.\n", encoding="utf-8")
    whole = tmp_path / "whole"
    build_corpus(BuildOptions([articles], whole, jobs=2))
    monkeypatch.setattr(build, "CHECKPOINT_ARTICLES", 5)
    monkeypatch.setattr(build, "LOCAL_CHUNK", 4)
    stepped = tmp_path / "stepped"
    summary = build_corpus(BuildOptions([articles], stepped, jobs=2))
    assert summary.generation >= 3 and committed_generation(stepped) == summary.generation
    for table in TABLES:
        pd.testing.assert_frame_equal(_sorted(read(stepped, table)), _sorted(read(whole, table)))
    assert build_corpus(BuildOptions([articles], stepped)).unchanged == 20


def test_a_fifo_among_the_articles_fails_alone_and_never_hangs(tmp_path):
    articles = write_corpus(tmp_path)
    os.mkfifo(articles / "rør.txt")
    dataset = tmp_path / "dataset"
    result = workbook("corpus", "build", str(articles), "--out", str(dataset), "--jobs", "1")
    assert result.returncode == 1, result.stderr
    assert list(read(dataset, "failures")["name"]) == ["rør.txt"]
    assert len(read(dataset, "articles")) == 3
