"""Benchmark `workbook batch`: cold run over 100 articles with --jobs 2, against the naive one-at-a-time
`papermill` + `jupyter nbconvert` pair, and the unchanged rerun (100 real, 1,000 articles).

    .venv/bin/python bench/batch_speed.py [--articles 100] [--jobs 2] [--naive-sample 5] [--rerun-size 1000]

The articles are the NDT dev texts and the seed, copied with a changed title and an added closing line each.
The naive pipeline is timed on a sample (`--naive-sample`, default 5 articles; 100 would take ~10 minutes)
and compared per article. For the 1,000-article rerun the history of OUT is filled in through
`analysis.history` as a finished run would leave it (each entry pointing at report files that exist),
because rendering 1,000 articles first takes ~15 minutes; pass `--full` to render them for real instead.
The rerun itself is the real command line either way. Everything runs from a snapshot of `analysis/` and
`notebooks/` (first on PYTHONPATH), so colleagues editing the working tree cannot turn the unchanged rerun
into a re-render midway (a code change rightly re-renders every report). Peak memory is the largest sum of resident memory
over the process tree (batch, workers, kernels), sampled every 0.1 s; CPU seconds are summed over the same
tree. On a shared machine the wall-clock figures depend on what else runs (the load average is printed);
CPU seconds per article divided by the cores used gives the time per article on otherwise idle cores.

Targets (issue 6): ≤ 2 s per article cold on 2 cores; unchanged rerun of 1,000 articles < 2 s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import batch  # noqa: E402
from analysis.devset import rebuild_dev_set  # noqa: E402
from analysis.history import History, Outcome  # noqa: E402

BIN = Path(sys.executable).parent
SEED = ROOT / "seeds" / "2022-01_blinken-lavrov-geneve.txt"


def snapshot(folder: Path) -> Path:
    """A frozen copy of the package and the notebook; every command of the bench runs against it."""
    for name in ("analysis", "notebooks"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def environment(code: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(code)}


def make_articles(folder: Path, count: int) -> list[Path]:
    """`count` distinct articles from the dev texts and the seed: new title suffix and a closing line each."""
    sources = [item.text_path for item in rebuild_dev_set()] + [SEED]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        source = sources[number % len(sources)]
        lines = source.read_text(encoding="utf-8").splitlines()
        first = next(
            i for i, line in enumerate(lines) if line.strip() and not line.lower().startswith("date ")
        )
        lines[first] = f"{lines[first]} ({number + 1})"
        lines += ["", f"Denne kopien nummer {number + 1} er laget for ytelsestesten, sier utvikleren."]
        path = folder / f"{number + 1:04d}-{source.stem}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def process_table() -> dict[int, tuple[int, int, int]]:
    """pid → (parent pid, resident bytes, CPU ticks used so far), from /proc (Linux)."""
    table = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        table[int(entry)] = (int(fields[1]), int(fields[21]) * page, int(fields[11]) + int(fields[12]))
    return table


def family_of(root_pid: int, table: dict[int, tuple[int, int, int]]) -> set[int]:
    family, frontier = {root_pid}, [root_pid]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, row in table.items() if row[0] == parent and pid not in family]
        family.update(children)
        frontier.extend(children)
    return family


@dataclass
class Measurement:
    seconds: float
    peak_bytes: int  # the largest sum of resident memory over the process tree at one moment
    cpu_seconds: float  # CPU time of every process in the tree (sampled, so a little low)
    result: subprocess.CompletedProcess


def measure(command: list[str], **kwargs) -> Measurement:
    """Wall seconds, peak process-tree memory and process-tree CPU time of one command."""
    peak, ticks = 0, {}
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            table = process_table()
            family = family_of(process.pid, table)
            peak = max(peak, sum(table[pid][1] for pid in family if pid in table))
            for pid in family & table.keys():
                ticks[pid] = max(ticks.get(pid, 0), table[pid][2])
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    cpu = sum(ticks.values()) / os.sysconf("SC_CLK_TCK")
    return Measurement(
        seconds, peak, cpu, subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    )


def workbook_batch(code: Path, inputs: Path, out: Path, *extra: str) -> Measurement:
    command = [sys.executable, "-m", "analysis.cli", "batch", str(inputs), "--out", str(out), *extra]
    measured = measure(command, cwd=code, env=environment(code))
    if measured.result.returncode != 0:
        sys.exit(f"workbook batch failed ({measured.result.returncode}):\n{measured.result.stderr[-3000:]}")
    return measured


def naive(code: Path, articles: list[Path], out: Path) -> tuple[float, float, int]:
    """The obvious pipeline: papermill's CLI, then nbconvert's CLI, one article at a time."""
    out.mkdir(parents=True, exist_ok=True)
    notebook = code / "notebooks" / "article_report.ipynb"
    total, cpu, peak = 0.0, 0.0, 0
    for article in articles:
        executed = out / f"{article.stem}.ipynb"
        for command in (
            [str(BIN / "papermill"), str(notebook), str(executed), "-p", "article_path", str(article)]
            + ["-k", "python3", "--cwd", str(notebook.parent), "--no-progress-bar"],
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
        ):
            measured = measure(command, cwd=code, env=environment(code))
            if measured.result.returncode != 0:
                sys.exit(f"{command[0]} failed:\n{measured.result.stderr[-3000:]}")
            total += measured.seconds
            cpu += measured.cpu_seconds
            peak = max(peak, measured.peak_bytes)
    return total / len(articles), cpu / len(articles), peak


def seed_history(code: Path, inputs: Path, out: Path, template: Path) -> None:
    """Fill OUT's history as if every article under `inputs` had been rendered with the current settings."""
    html, notebook = template.with_suffix(".html"), template.with_suffix(".ipynb")
    version = batch.package_version()
    with patched(batch, "PACKAGE_DIR", code / "analysis"):  # hash the snapshot's code
        settings = batch.settings_hash(code / "notebooks" / "article_report.ipynb", {}, version)
    out.mkdir(parents=True, exist_ok=True)
    with History(out) as history:
        run_id = history.start_run(version, settings, {}, 2)
        for article in batch.find_articles([inputs], out):
            shutil.copyfile(html, out / f"{article.slug}.html")
            shutil.copyfile(notebook, out / f"{article.slug}.ipynb")
            outcome = Outcome(
                str(article.path),
                article.slug,
                batch.content_hash(article.path),
                "ok",
                1.0,
                outputs=[f"{article.slug}.html", f"{article.slug}.ipynb"],
                summary={
                    "title": article.name,
                    "date": "2024-01-01",
                    "words": 500,
                    "speakers": [],
                    "tone": None,
                },
            )
            history.record(run_id, settings, outcome)
        history.finish_run(run_id, status="finished", total=0, rendered=0, skipped=0, failed=0, exit_code=0)


@contextmanager
def patched(module, name: str, value):
    saved = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, saved)


def unchanged_count(log: str) -> int:
    match = re.search(r"(\d+) unchanged", log)
    return int(match.group(1)) if match else -1


def load_note() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (5 min {five:.1f}) on {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--naive-sample", type=int, default=5)
    parser.add_argument("--rerun-size", type=int, default=1000)
    parser.add_argument("--full", action="store_true", help="render the rerun articles for real first")
    args = parser.parse_args()
    mb = 1024 * 1024
    cores = os.cpu_count() or 1

    with tempfile.TemporaryDirectory(prefix="batch-bench-") as scratch:
        base = Path(scratch)
        code = snapshot(base / "code")
        articles = make_articles(base / "articles", args.articles)
        print(f"{len(articles)} articles, --jobs {args.jobs}; {load_note()} before starting")

        naive_wall, naive_cpu, naive_peak = naive(code, articles[: args.naive_sample], base / "naive")
        print(
            f"naive papermill + nbconvert CLIs, one at a time (sample of {args.naive_sample}): "
            f"{naive_wall:.2f} s per article, {naive_cpu:.2f} CPU s per article, peak memory {naive_peak / mb:.0f} MB"
        )

        cold = workbook_batch(code, base / "articles", base / "out", "--jobs", str(args.jobs))
        wall, cpu = cold.seconds / len(articles), cold.cpu_seconds / len(articles)
        print(
            f"workbook batch cold --jobs {args.jobs}: {cold.seconds:.1f} s, {wall:.2f} s per article "
            f"({naive_wall / wall:.1f}x faster than naive), {cpu:.2f} CPU s per article "
            f"({naive_cpu / cpu:.1f}x less than naive; {cpu / min(cores, args.jobs):.2f} s per article on "
            f"{min(cores, args.jobs)} otherwise idle cores), peak memory {cold.peak_bytes / mb:.0f} MB "
            f"[target ≤ 2 s per article: {'met' if wall <= 2 else 'NOT met'} as measured]; {load_note()}"
        )

        again = workbook_batch(code, base / "articles", base / "out")
        print(
            f"unchanged rerun of {len(articles)}: {again.seconds:.2f} s "
            f"({unchanged_count(again.result.stderr)} unchanged), peak memory {again.peak_bytes / mb:.0f} MB"
        )

        many = base / "many"
        make_articles(many, args.rerun_size)
        if args.full:
            workbook_batch(code, many, base / "many-out", "--jobs", str(args.jobs))
        else:
            seed_history(code, many, base / "many-out", base / "out" / batch.slugify(articles[0]))
        rerun = workbook_batch(code, many, base / "many-out")
        skipped = unchanged_count(rerun.result.stderr)
        how = "rendered for real" if args.full else "history filled in, see the docstring"
        print(
            f"unchanged rerun of {args.rerun_size} ({how}): {rerun.seconds:.2f} s ({skipped} unchanged), "
            f"{rerun.cpu_seconds:.2f} CPU s, peak memory {rerun.peak_bytes / mb:.0f} MB "
            f"[target < 2 s: {'met' if rerun.seconds < 2 and skipped == args.rerun_size else 'NOT met'}]; "
            f"{load_note()}"
        )


if __name__ == "__main__":
    main()
